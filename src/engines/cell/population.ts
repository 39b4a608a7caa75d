/**
 * A population of identical single-compartment conductance-based neurons, stored as structure of
 * arrays: V, each stateful gating variable, and each receptor's conductance are Float64Arrays of
 * length `size`.
 *
 * Membrane equation (absolute units: nS, pF, pA, mV, ms; nS·mV = pA, pA/pF = mV/ms):
 *
 *   C dV/dt = Σ_c g_c Π_g x_g^p_g (E_c - V) + Σ_r g_r B_r(V) (E_r - V) + I_bias
 *
 * with densities from the channels (mS/cm², µF/cm², µA/cm²) converted through the membrane
 * area A (µm²): g[nS] = ḡ[mS/cm²]·A/100, C[pF] = c[µF/cm²]·A/100, I[pA] = i[µA/cm²]·A/100.
 *
 * Integration: exponential Euler as Brian2's `exponential_euler` (Brette et al. 2007 benchmark
 * definition in shared/reference/cobahh/README.md §1): each variable is linear in itself given the
 * others, and every right-hand side uses the values at the start of the step.
 *
 *   gates     x ← x∞ + (x - x∞)·exp(-φ(α+β)dt)   or   x ← x∞ + (x - x∞)·exp(-φ dt/τ)
 *   drug block (channels.ts `ChannelBlock`), unbound fraction u, from the start-of-step h:
 *             u ← u∞ + (u - u∞)·exp(-k_off(1 + r)dt),  u∞ = 1/(1 + r),  r = R_I(1 - h) + R_R h
 *   membrane  G = Σ conductances (old gates, old synaptic g, instantaneous gates at old V)
 *             V∞ = (Σ g·E + I_bias)/G,   V ← V∞ + (V - V∞)·exp(-G dt/C)
 *   synapses  see synapses.ts
 *
 * Deviation from Brian2: instantaneous gates (x = x∞(V), e.g. Wang–Buzsáki's m∞³) and the NMDA
 * block make the membrane equation nonlinear in V; Brian2 refuses exponential Euler there (its
 * Wang–Buzsáki example says so), while here they are evaluated at the start-of-step V and held
 * over the step, which keeps the scheme first order. Use a small dt (0.01–0.025 ms) for them.
 * G is not guarded against 0: every model here has a leak, and COBAHH's negative initial
 * synaptic conductances are part of its definition.
 *
 * Spike detection (as COBAHH): after the update, neuron k fires at step s if V > threshold and
 * s - last[k] >= refractory steps; V is not reset (the Hodgkin–Huxley dynamics repolarise).
 *
 * The update runs either the generic kernel (one typed-array pass per exponential group, per
 * rate term, per gate, per channel and per receptor; see kernel.ts), or a fused kernel when one
 * exists for the population's exact channel structure (fused.ts; bit-identical to the generic one).
 */
import {
  blockSteadyState,
  gateSteadyState,
  temperatureFactor,
  validateChannel,
  type ChannelSpec,
  type GateSpec,
} from "./channels.js";
import { exp } from "./exp.js";
import { traubMilesKernel } from "./fused.js";
import {
  compileTerm,
  computeExpGroups,
  evaluateInstantaneous,
  evaluateTerm,
  ExpGroupBuilder,
  updateBlock,
  updateGate,
  type CompiledBlock,
  type CompiledGate,
  type CompiledTerm,
  type ExpGroup,
} from "./kernel.js";
import { ReceptorState, type ReceptorSpec } from "./synapses.js";

export interface NeuronModel {
  readonly name: string;
  readonly description: string;
  /** Specific membrane capacitance (µF/cm²). */
  readonly capacitance: number;
  /** Membrane area (µm²); 100 µm² makes absolute and density units numerically equal. */
  readonly area: number;
  readonly channels: readonly ChannelSpec[];
  /** Spike detection threshold on V after the update (mV). */
  readonly threshold: number;
  /** Time after a detected spike during which no new spike is detected (ms); V is not clamped. */
  readonly refractory: number;
  /** Temperature (°C), used by channels with a Q10 factor. */
  readonly celsius: number;
  /** V at construction (mV); stateful gates start at their steady state there. */
  readonly initialPotential: number;
  readonly citation: string;
}

export interface PopulationSpec {
  readonly name: string;
  readonly size: number;
  readonly model: NeuronModel;
  /** Receptor types on these neurons; projections target them by name. */
  readonly receptors: readonly ReceptorSpec[];
}

export type KernelChoice = "auto" | "generic";

/** A channel compiled to absolute units with its gate factors. */
export interface CompiledChannel {
  readonly name: string;
  /** Maximal conductance (nS). */
  readonly conductance: number;
  /** Reversal potential (mV). */
  readonly reversal: number;
  /** conductance·reversal (pA), precomputed once. */
  readonly conductanceReversal: number;
  /**
   * Gate value arrays, each repeated `power` times, in declaration order, then the unbound
   * fraction of a drug block if the channel has one.
   */
  readonly factors: readonly Float64Array[];
  readonly gates: readonly CompiledGate[];
  readonly block: CompiledBlock | null;
}

export interface CompiledModel {
  readonly expGroups: readonly ExpGroup[];
  /** Every compiled voltage function, in evaluation order. */
  readonly terms: readonly CompiledTerm[];
  readonly gates: readonly CompiledGate[];
  readonly channels: readonly CompiledChannel[];
  /** Kinetic drug blocks, in channel order. */
  readonly blocks: readonly CompiledBlock[];
  /** Capacitance (pF). */
  readonly capacitance: number;
  /** -dt/C (1/nS): the membrane factor is exp(G·negDtOverC). */
  readonly negDtOverC: number;
}

/** Density (per cm²) to absolute (per neuron) for area in µm²: ×A/100. */
export function toAbsolute(density: number, areaUm2: number): number {
  return (density * areaUm2) / 100;
}

export function validateModel(model: NeuronModel): void {
  const where = `neuron model ${model.name}`;
  if (!(model.capacitance > 0)) throw new RangeError(`${where}: capacitance must be > 0`);
  if (!(model.area > 0)) throw new RangeError(`${where}: area must be > 0`);
  if (!Number.isFinite(model.threshold)) throw new RangeError(`${where}: threshold must be finite`);
  if (!(model.refractory >= 0)) throw new RangeError(`${where}: refractory must be >= 0`);
  const names = new Set<string>();
  for (const c of model.channels) {
    if (names.has(c.name)) throw new RangeError(`${where}: duplicate channel '${c.name}'`);
    names.add(c.name);
    validateChannel(c);
  }
}

function compileModel(model: NeuronModel, size: number, dt: number): CompiledModel {
  const builder = new ExpGroupBuilder();
  for (const c of model.channels) {
    for (const g of c.gates) for (const f of gateFunctions(g)) builder.add(f);
  }
  const expGroups = builder.build(size);
  const terms: CompiledTerm[] = [];
  const gates: CompiledGate[] = [];
  const channels: CompiledChannel[] = [];
  const blocks: CompiledBlock[] = [];
  for (const c of model.channels) {
    const phi = temperatureFactor(c, model.celsius);
    const channelGates: CompiledGate[] = [];
    const factors: Float64Array[] = [];
    for (const g of c.gates) {
      const [f1, f2] = gateFunctions(g);
      const first = compileTerm(f1, builder, size);
      const second = f2 === undefined ? null : compileTerm(f2, builder, size);
      terms.push(first);
      if (second) terms.push(second);
      const stateful = g.kinetics.kind === "rates" || g.kinetics.kind === "steadyState";
      const gate: CompiledGate = {
        channel: c.name,
        name: g.name,
        power: g.power,
        kind: g.kinetics.kind,
        first,
        second,
        negPhiDt: -phi * dt,
        value: new Float64Array(size),
        stateful,
      };
      gates.push(gate);
      channelGates.push(gate);
      for (let i = 0; i < g.power; i++) factors.push(gate.value);
    }
    let block: CompiledBlock | null = null;
    if (c.block) {
      const h = channelGates.find((g) => g.name === c.block!.gate)!;
      block = {
        channel: c.name,
        unbound: new Float64Array(size),
        h: h.value,
        restingRatio: c.block.restingRatio,
        inactivatedRatio: c.block.inactivatedRatio,
        unbindingRate: c.block.unbindingRate,
        dt,
        negUnbindingDt: -c.block.unbindingRate * dt,
      };
      blocks.push(block);
      factors.push(block.unbound);
    }
    const conductance = toAbsolute(c.conductance, model.area);
    channels.push({
      name: c.name,
      conductance,
      reversal: c.reversal,
      conductanceReversal: conductance * c.reversal,
      factors,
      gates: channelGates,
      block,
    });
  }
  const capacitance = toAbsolute(model.capacitance, model.area);
  return { expGroups, terms, gates, channels, blocks, capacitance, negDtOverC: -dt / capacitance };
}

function gateFunctions(g: GateSpec) {
  const k = g.kinetics;
  switch (k.kind) {
    case "rates":
    case "instantaneousRates":
      return [k.alpha, k.beta] as const;
    case "steadyState":
      return [k.inf, k.tau] as const;
    case "instantaneous":
      return [k.inf] as const;
  }
}

/** An update implementation: advances every state of the population by one step. */
export type PopulationKernel = (population: Population) => void;

export class Population {
  readonly name: string;
  readonly size: number;
  readonly model: NeuronModel;
  /** Step (ms). */
  readonly dt: number;
  /** Membrane potential (mV). */
  readonly v: Float64Array;
  /** Constant injected current per neuron (pA). */
  readonly bias: Float64Array;
  readonly receptors: readonly ReceptorState[];
  readonly compiled: CompiledModel;
  /** Step of each neuron's last detected spike. */
  readonly lastSpike: Int32Array;
  /** Indices of the neurons that fired in the current step: fired[0 .. firedCount). */
  readonly fired: Int32Array;
  firedCount = 0;
  readonly threshold: number;
  readonly refractorySteps: number;
  /** Scratch per step: total conductance (nS) and Σ g·E (pA). */
  readonly conductanceSum: Float64Array;
  readonly currentSum: Float64Array;
  /** "generic" or the name of the fused kernel in use. */
  readonly kernelName: string;
  private readonly kernel: PopulationKernel;
  private readonly gateIndex = new Map<string, CompiledGate>();
  private readonly receptorIndex = new Map<string, ReceptorState>();

  constructor(spec: PopulationSpec, dt: number, kernel: KernelChoice = "auto") {
    if (!Number.isInteger(spec.size) || spec.size < 1) {
      throw new RangeError(`population ${spec.name}: size must be a positive integer, got ${spec.size}`);
    }
    if (!(dt > 0)) throw new RangeError(`population ${spec.name}: dt must be > 0`);
    validateModel(spec.model);
    this.name = spec.name;
    this.size = spec.size;
    this.model = spec.model;
    this.dt = dt;
    this.v = new Float64Array(spec.size);
    this.bias = new Float64Array(spec.size);
    this.compiled = compileModel(spec.model, spec.size, dt);
    for (const g of this.compiled.gates) this.gateIndex.set(`${g.channel}.${g.name}`, g);
    const receptors: ReceptorState[] = [];
    for (const r of spec.receptors) {
      if (this.receptorIndex.has(r.name))
        throw new RangeError(`population ${spec.name}: duplicate receptor '${r.name}'`);
      const state = new ReceptorState(r, spec.size, dt);
      receptors.push(state);
      this.receptorIndex.set(r.name, state);
    }
    this.receptors = receptors;
    this.lastSpike = new Int32Array(spec.size).fill(-(2 ** 30));
    this.fired = new Int32Array(spec.size);
    this.threshold = spec.model.threshold;
    this.refractorySteps = Math.round(spec.model.refractory / dt);
    this.conductanceSum = new Float64Array(spec.size);
    this.currentSum = new Float64Array(spec.size);
    const fused = kernel === "auto" ? traubMilesKernel(this) : null;
    this.kernel = fused ?? genericUpdate;
    this.kernelName = fused ? "traub-miles-fused" : "generic";
    this.setSteadyState(spec.model.initialPotential);
  }

  /** Advance V, gates and receptor states by one step. */
  update(): void {
    this.kernel(this);
  }

  /** Threshold detection on the new V at step `step`; fills `fired` and returns the count. */
  detect(step: number): number {
    const v = this.v;
    const last = this.lastSpike;
    const fired = this.fired;
    const theta = this.threshold;
    const refractory = this.refractorySteps;
    let count = 0;
    for (let k = 0; k < this.size; k++) {
      if (v[k] > theta && step - last[k] >= refractory) {
        fired[count++] = k;
        last[k] = step;
      }
    }
    this.firedCount = count;
    return count;
  }

  /** Names of the stateful gate variables, as `${channel}.${gate}`. */
  stateNames(): string[] {
    return this.compiled.gates.filter((g) => g.stateful).map((g) => `${g.channel}.${g.name}`);
  }

  /**
   * The per-neuron array of a gate, `${channel}.${gate}` (e.g. "na.h"). For instantaneous gates it
   * holds the value used in the last step.
   */
  gate(name: string): Float64Array {
    const g = this.gateIndex.get(name);
    if (!g)
      throw new RangeError(
        `population ${this.name}: no gate '${name}' (have ${[...this.gateIndex.keys()].join(", ")})`,
      );
    return g.value;
  }

  receptor(name: string): ReceptorState {
    const r = this.receptorIndex.get(name);
    if (!r) throw new RangeError(`population ${this.name}: no receptor '${name}'`);
    return r;
  }

  /**
   * The per-neuron unbound fraction u of the drug block of `channel` (channels.ts `ChannelBlock`);
   * the channel's conductance is multiplied by it.
   */
  unbound(channel: string): Float64Array {
    const b = this.compiled.blocks.find((x) => x.channel === channel);
    if (!b) throw new RangeError(`population ${this.name}: channel '${channel}' has no drug block`);
    return b.unbound;
  }

  /** Whether any channel of the model carries a kinetic drug block. */
  get hasBlocks(): boolean {
    return this.compiled.blocks.length > 0;
  }

  /**
   * Accelerated equilibration of the drug blocks (channels.ts `ChannelBlock`): with `rate` (1/ms)
   * every block relaxes at k = max(k_off, rate) instead of k_off, i.e. both its binding and its
   * unbinding rates are multiplied by F = k/k_off. R_I and R_R, hence u∞(h) and the steady state
   * of u for a given h trajectory (u ≈ 1/(1 + <r(h)>) while k(1 + r) is slow against the
   * trajectory's fluctuations), are unchanged. `null` restores the real rates. Used to start a run
   * with the block at the steady state of ongoing activity (microcircuit.ts, `blockEquilibrationMs`).
   */
  setBlockEquilibration(rate: number | null): void {
    if (rate !== null && !(Number.isFinite(rate) && rate > 0))
      throw new RangeError(
        `population ${this.name}: block equilibration rate must be finite and > 0 (1/ms), got ${rate}`,
      );
    for (const b of this.compiled.blocks)
      b.negUnbindingDt = -(rate === null ? b.unbindingRate : Math.max(b.unbindingRate, rate)) * b.dt;
  }

  /**
   * Set V of every neuron to `potential` and put every gate, and every drug block, at its steady
   * state there.
   */
  setSteadyState(potential: number): void {
    this.v.fill(potential);
    for (const c of this.model.channels) {
      for (const g of c.gates) this.gate(`${c.name}.${g.name}`).fill(gateSteadyState(g, potential));
      if (c.block) {
        const g = c.gates.find((x) => x.name === c.block!.gate)!;
        this.unbound(c.name).fill(blockSteadyState(c.block, gateSteadyState(g, potential)));
      }
    }
  }

  /** Bias current given as a density (µA/cm²) for every neuron. */
  setBiasDensity(density: number): void {
    this.bias.fill(toAbsolute(density, this.model.area));
  }
}

/** The generic update: one pass per exponential group, term, gate, channel and receptor. */
function genericUpdate(p: Population): void {
  const c = p.compiled;
  const n = p.size;
  const v = p.v;
  const terms = c.terms;
  const gates = c.gates;
  const channels = c.channels;
  const receptors = p.receptors;
  computeExpGroups(c.expGroups, v, n);
  for (let i = 0; i < terms.length; i++) evaluateTerm(terms[i], v, n);
  for (let i = 0; i < gates.length; i++) if (!gates[i].stateful) evaluateInstantaneous(gates[i], n);
  const G = p.conductanceSum;
  const I = p.currentSum;
  G.fill(0);
  I.fill(0);
  for (let i = 0; i < channels.length; i++) accumulateChannel(channels[i], G, I, n);
  // Blocks before gates: they read the start-of-step h.
  const blocks = c.blocks;
  for (let i = 0; i < blocks.length; i++) updateBlock(blocks[i], n);
  for (let i = 0; i < gates.length; i++) if (gates[i].stateful) updateGate(gates[i], n);
  for (let i = 0; i < receptors.length; i++) {
    receptors[i].accumulate(v, G, I, n);
    receptors[i].advance(n);
  }
  membrane(v, G, I, p.bias, c.negDtOverC, n);
}

function accumulateChannel(ch: CompiledChannel, G: Float64Array, I: Float64Array, n: number): void {
  const f = ch.factors;
  const g = ch.conductance;
  const e = ch.reversal;
  // Unrolled for the usual gate-factor counts (x^p y^q with p + q <= 5): a loop over the factor
  // arrays inside the neuron loop measured several times slower. Same product order in every case.
  switch (f.length) {
    case 0: {
      const gE = ch.conductanceReversal;
      for (let k = 0; k < n; k++) {
        G[k] += g;
        I[k] += gE;
      }
      return;
    }
    case 1:
      return accumulate1(g, e, f[0], G, I, n);
    case 2:
      return accumulate2(g, e, f[0], f[1], G, I, n);
    case 3:
      return accumulate3(g, e, f[0], f[1], f[2], G, I, n);
    case 4:
      return accumulate4(g, e, f[0], f[1], f[2], f[3], G, I, n);
    case 5:
      return accumulate5(g, e, f[0], f[1], f[2], f[3], f[4], G, I, n);
    default:
      for (let k = 0; k < n; k++) {
        let y = g;
        for (let j = 0; j < f.length; j++) y *= f[j][k];
        G[k] += y;
        I[k] += y * e;
      }
  }
}

function accumulate1(
  g: number,
  e: number,
  a: Float64Array,
  G: Float64Array,
  I: Float64Array,
  n: number,
): void {
  for (let k = 0; k < n; k++) {
    const y = g * a[k];
    G[k] += y;
    I[k] += y * e;
  }
}

function accumulate2(
  g: number,
  e: number,
  a: Float64Array,
  b: Float64Array,
  G: Float64Array,
  I: Float64Array,
  n: number,
): void {
  for (let k = 0; k < n; k++) {
    const y = g * a[k] * b[k];
    G[k] += y;
    I[k] += y * e;
  }
}

function accumulate3(
  g: number,
  e: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  G: Float64Array,
  I: Float64Array,
  n: number,
): void {
  for (let k = 0; k < n; k++) {
    const y = g * a[k] * b[k] * c[k];
    G[k] += y;
    I[k] += y * e;
  }
}

function accumulate4(
  g: number,
  e: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  d: Float64Array,
  G: Float64Array,
  I: Float64Array,
  n: number,
): void {
  for (let k = 0; k < n; k++) {
    const y = g * a[k] * b[k] * c[k] * d[k];
    G[k] += y;
    I[k] += y * e;
  }
}

function accumulate5(
  g: number,
  e: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  d: Float64Array,
  x: Float64Array,
  G: Float64Array,
  I: Float64Array,
  n: number,
): void {
  for (let k = 0; k < n; k++) {
    const y = g * a[k] * b[k] * c[k] * d[k] * x[k];
    G[k] += y;
    I[k] += y * e;
  }
}

function membrane(
  v: Float64Array,
  G: Float64Array,
  I: Float64Array,
  bias: Float64Array,
  negDtOverC: number,
  n: number,
): void {
  for (let k = 0; k < n; k++) {
    const g = G[k];
    const vinf = (I[k] + bias[k]) / g;
    v[k] = vinf + (v[k] - vinf) * exp(g * negDtOverC);
  }
}
