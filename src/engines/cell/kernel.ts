/**
 * Compilation of channel data (channels.ts) into the typed-array passes of the population update,
 * and the small arithmetic helpers that every update path shares.
 *
 * Exponential sharing. Every exponential a voltage function needs has the form exp((V - V½)/k).
 * Writing it as exp(σV/|k|)·exp(-σV½/|k|) (σ = ±1), the first factor depends only on |k|, and when
 * |k| is an integer multiple of another slope in use it is an integer power of that one's
 * exponential: exp(V/5) = exp(V/40)^8. So slopes are grouped: sorted by 1/|k| ascending, each slope
 * joins the first group whose base slope divides it with a quotient n <= MAX_POWER, otherwise it
 * starts a group. Per neuron and step, each group costs one exponential, exp(σ·V/|k_base|), and its
 * powers come from repeated squaring (`powInt`). For the Traub–Miles channels (|k| = 4, 5, 18, 40)
 * this is 2 exponentials instead of 6; for Wang–Buzsáki (10, 18, 20, 80) 2 instead of 6. The
 * orientation σ of a group is chosen so that its plain exponential terms r·exp(x) need no division.
 * Raising to the n-th power multiplies the relative rounding error by about n (<= 16, so < 4e-15).
 *
 * Each term then evaluates from w = exp(s·x), x = (V - V½)/k, with s = sign(k)·σ:
 *   exponential   s > 0: r·w                   s < 0: r / w
 *   sigmoid       s > 0: offset + r·w/(w + 1)  s < 0: offset + r/(1 + w)
 *   sigmoidProduct  two sigmoids as above, multiplied
 *   expLinear     s > 0: r·x·w/(w - 1)         s < 0: r·x/(1 - w)
 *                 and for |x| < 0.1 the series r(1 + x/2 + x²/12 - x⁴/720 + x⁶/30240 - x⁸/1209600)
 *                 (Bernoulli numbers; the next term is below 3e-18 there), which makes x = 0 exact.
 * These helpers define the arithmetic (operations and their order) of every update path: the
 * generic passes below call them, and the fused Traub–Miles kernel (fused.ts) writes the same
 * expressions out by hand, so the two give bit-identical numbers (tested).
 */
import { exp } from "./exp.js";
import type { GateSpec, VoltageFunction } from "./channels.js";

/** Largest integer power taken of a group's base exponential. */
export const MAX_POWER = 16;
/** Below this |x| the linoid uses its series. */
export const LINOID_SERIES_LIMIT = 0.1;

/** b^n for integer n >= 1, by right-to-left binary powering (the canonical order both paths use). */
export function powInt(b: number, n: number): number {
  let result = 1;
  let square = b;
  let e = n;
  for (;;) {
    if (e & 1) result *= square;
    e >>= 1;
    if (e === 0) return result;
    square *= square;
  }
}

/** x/(1 - exp(-x)) near x = 0. */
export function linoidSeries(x: number): number {
  const x2 = x * x;
  return 1 + x * (0.5 + x * (1 / 12 + x2 * (-1 / 720 + x2 * (1 / 30240 - x2 / 1209600))));
}

/** r·x/(1 - exp(-x)) given w = exp(x). */
export function linoidFromPositive(r: number, x: number, w: number): number {
  if (x > -LINOID_SERIES_LIMIT && x < LINOID_SERIES_LIMIT) return r * linoidSeries(x);
  return (r * x * w) / (w - 1);
}

/** r·x/(1 - exp(-x)) given w = exp(-x). */
export function linoidFromNegative(r: number, x: number, w: number): number {
  if (x > -LINOID_SERIES_LIMIT && x < LINOID_SERIES_LIMIT) return r * linoidSeries(x);
  return (r * x) / (1 - w);
}

/** offset + r/(1 + exp(-x)) given w = exp(x). */
export function sigmoidFromPositive(offset: number, r: number, w: number): number {
  return offset + (r * w) / (w + 1);
}

/** offset + r/(1 + exp(-x)) given w = exp(-x). */
export function sigmoidFromNegative(offset: number, r: number, w: number): number {
  return offset + r / (1 + w);
}

// ---------------------------------------------------------------------------------------------
// Exponential groups

export interface ExpGroup {
  /** Signed coefficient σ/|k_base| (1/mV): the base array holds exp(coefficient·V). */
  readonly coefficient: number;
  /** Distinct powers needed, ascending; powers[0] is 1. */
  readonly powers: readonly number[];
  /** One array per power: arrays[i][k] = exp(coefficient·V[k])^powers[i]. */
  readonly arrays: readonly Float64Array[];
}

/** Where a term finds its w and how it turns it into exp((V - V½)/k). */
export interface ExpSource {
  readonly group: number;
  readonly power: number;
  /** The per-neuron array exp(σV/|k_base|)^power. */
  readonly array: Float64Array;
  /** exp(-σV½/|k|): w = array[k]·factor = exp(s·x). */
  readonly factor: number;
  /** s = sign(k)·σ. */
  readonly sign: 1 | -1;
}

interface ExpUse {
  readonly slope: number;
  readonly midpoint: number;
  readonly plainExponential: boolean;
}

/** The exponential requests of a voltage function, in a fixed order. */
function expUses(f: VoltageFunction): ExpUse[] {
  switch (f.kind) {
    case "constant":
      return [];
    case "exponential":
      return [{ slope: f.slope, midpoint: f.midpoint, plainExponential: true }];
    case "sigmoid":
    case "expLinear":
      return [{ slope: f.slope, midpoint: f.midpoint, plainExponential: false }];
    case "sigmoidProduct":
      return f.factors.map((g) => ({ slope: g.slope, midpoint: g.midpoint, plainExponential: false }));
    case "tTypeTau":
      return [
        { slope: f.slope1, midpoint: f.midpoint1, plainExponential: true },
        { slope: f.slope2, midpoint: f.midpoint2, plainExponential: false },
      ];
  }
}

export class ExpGroupBuilder {
  private readonly bases: number[] = []; // |k_base| per group
  private readonly powerSets: Set<number>[] = [];
  private readonly votes: number[] = []; // (# plain exponentials with k < 0) - (# with k > 0)
  private readonly uses: ExpUse[] = [];
  private groups: ExpGroup[] | null = null;

  /** Register every exponential of `f`; call for all functions before `build`. */
  add(f: VoltageFunction): void {
    if (this.groups) throw new Error("ExpGroupBuilder: add after build");
    for (const u of expUses(f)) this.uses.push(u);
  }

  /** Group the registered slopes and allocate one array per (group, power). */
  build(size: number): ExpGroup[] {
    const magnitudes = [...new Set(this.uses.map((u) => Math.abs(u.slope)))].sort((a, b) => b - a);
    for (const m of magnitudes) {
      let placed = false;
      for (let g = 0; g < this.bases.length && !placed; g++) {
        const n = this.bases[g] / m;
        const rounded = Math.round(n);
        if (rounded >= 1 && rounded <= MAX_POWER && Math.abs(n - rounded) <= 1e-9 * n) {
          this.powerSets[g].add(rounded);
          placed = true;
        }
      }
      if (!placed) {
        this.bases.push(m);
        this.powerSets.push(new Set([1]));
        this.votes.push(0);
      }
    }
    for (const u of this.uses) {
      if (u.plainExponential) this.votes[this.groupOf(Math.abs(u.slope))] += u.slope < 0 ? 1 : -1;
    }
    this.groups = this.bases.map((base, g) => {
      const powers = [...this.powerSets[g]].sort((a, b) => a - b);
      const sigma = this.votes[g] > 0 ? -1 : 1;
      return { coefficient: sigma / base, powers, arrays: powers.map(() => new Float64Array(size)) };
    });
    return this.groups;
  }

  private groupOf(magnitude: number): number {
    for (let g = 0; g < this.bases.length; g++) {
      const n = this.bases[g] / magnitude;
      if (Math.abs(n - Math.round(n)) <= 1e-9 * n && Math.round(n) <= MAX_POWER) return g;
    }
    throw new Error(`ExpGroupBuilder: slope ${magnitude} was not registered`);
  }

  /** The source of exp((V - midpoint)/slope) after `build`. */
  source(slope: number, midpoint: number): ExpSource {
    const groups = this.groups;
    if (!groups) throw new Error("ExpGroupBuilder: source before build");
    const magnitude = Math.abs(slope);
    const g = this.groupOf(magnitude);
    const power = Math.round(this.bases[g] / magnitude);
    const group = groups[g];
    const sigma = group.coefficient > 0 ? 1 : -1;
    return {
      group: g,
      power,
      array: group.arrays[group.powers.indexOf(power)],
      factor: Math.exp((-sigma * midpoint) / magnitude),
      sign: (Math.sign(slope) * sigma) as 1 | -1,
    };
  }
}

/** Fill every group's arrays from the membrane potentials. */
export function computeExpGroups(groups: readonly ExpGroup[], v: Float64Array, size: number): void {
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    const base = group.arrays[0];
    const c = group.coefficient;
    for (let k = 0; k < size; k++) base[k] = exp(c * v[k]);
    for (let i = 1; i < group.powers.length; i++) powerPass(base, group.arrays[i], group.powers[i], size);
  }
}

function powerPass(base: Float64Array, out: Float64Array, n: number, size: number): void {
  for (let k = 0; k < size; k++) out[k] = powInt(base[k], n);
}

// ---------------------------------------------------------------------------------------------
// Terms

/** A voltage function compiled against its exponential sources, writing into `out`. */
export type CompiledTerm =
  | { readonly kind: "constant"; readonly value: number; readonly out: Float64Array }
  | {
      readonly kind: "exponential" | "sigmoid" | "expLinear";
      readonly rate: number;
      readonly offset: number;
      readonly midpoint: number;
      /** 1/k (1/mV), for x = (V - V½)·invSlope. */
      readonly invSlope: number;
      readonly source: ExpSource;
      readonly out: Float64Array;
    }
  | {
      readonly kind: "tTypeTau";
      readonly base: number;
      readonly amplitude: number;
      readonly source1: ExpSource;
      readonly source2: ExpSource;
      readonly out: Float64Array;
    }
  | {
      readonly kind: "sigmoidProduct";
      readonly offset1: number;
      readonly rate1: number;
      readonly source1: ExpSource;
      readonly offset2: number;
      readonly rate2: number;
      readonly source2: ExpSource;
      readonly out: Float64Array;
    };

export function compileTerm(f: VoltageFunction, groups: ExpGroupBuilder, size: number): CompiledTerm {
  const out = new Float64Array(size);
  switch (f.kind) {
    case "constant":
      return { kind: "constant", value: f.value, out };
    case "exponential":
    case "expLinear":
    case "sigmoid":
      return {
        kind: f.kind,
        rate: f.rate,
        offset: f.kind === "sigmoid" ? f.offset : 0,
        midpoint: f.midpoint,
        invSlope: 1 / f.slope,
        source: groups.source(f.slope, f.midpoint),
        out,
      };
    case "sigmoidProduct": {
      const [a, b] = f.factors;
      return {
        kind: "sigmoidProduct",
        offset1: a.offset,
        rate1: a.rate,
        source1: groups.source(a.slope, a.midpoint),
        offset2: b.offset,
        rate2: b.rate,
        source2: groups.source(b.slope, b.midpoint),
        out,
      };
    }
    case "tTypeTau":
      return {
        kind: "tTypeTau",
        base: f.base,
        amplitude: f.amplitude,
        source1: groups.source(f.slope1, f.midpoint1),
        source2: groups.source(f.slope2, f.midpoint2),
        out,
      };
  }
}

/** Evaluate a compiled term for every neuron (exponential groups must be current). */
export function evaluateTerm(t: CompiledTerm, v: Float64Array, size: number): void {
  const out = t.out;
  switch (t.kind) {
    case "constant":
      out.fill(t.value, 0, size);
      return;
    case "exponential":
      if (t.source.sign > 0) exponentialPositive(out, t.source.array, t.rate, t.source.factor, size);
      else exponentialNegative(out, t.source.array, t.rate, t.source.factor, size);
      return;
    case "sigmoid":
      if (t.source.sign > 0) sigmoidPositive(out, t.source.array, t.offset, t.rate, t.source.factor, size);
      else sigmoidNegative(out, t.source.array, t.offset, t.rate, t.source.factor, size);
      return;
    case "expLinear":
      if (t.source.sign > 0)
        linoidPositive(out, v, t.source.array, t.rate, t.midpoint, t.invSlope, t.source.factor, size);
      else linoidNegative(out, v, t.source.array, t.rate, t.midpoint, t.invSlope, t.source.factor, size);
      return;
    case "tTypeTau":
      tTypeTau(out, t, size);
      return;
    case "sigmoidProduct":
      sigmoidProduct(out, t, size);
      return;
  }
}

function exponentialPositive(
  out: Float64Array,
  p: Float64Array,
  r: number,
  factor: number,
  size: number,
): void {
  for (let k = 0; k < size; k++) out[k] = r * (p[k] * factor);
}

function exponentialNegative(
  out: Float64Array,
  p: Float64Array,
  r: number,
  factor: number,
  size: number,
): void {
  for (let k = 0; k < size; k++) out[k] = r / (p[k] * factor);
}

function sigmoidPositive(
  out: Float64Array,
  p: Float64Array,
  offset: number,
  r: number,
  factor: number,
  size: number,
): void {
  for (let k = 0; k < size; k++) out[k] = sigmoidFromPositive(offset, r, p[k] * factor);
}

function sigmoidNegative(
  out: Float64Array,
  p: Float64Array,
  offset: number,
  r: number,
  factor: number,
  size: number,
): void {
  for (let k = 0; k < size; k++) out[k] = sigmoidFromNegative(offset, r, p[k] * factor);
}

function linoidPositive(
  out: Float64Array,
  v: Float64Array,
  p: Float64Array,
  r: number,
  midpoint: number,
  invSlope: number,
  factor: number,
  size: number,
): void {
  for (let k = 0; k < size; k++) out[k] = linoidFromPositive(r, (v[k] - midpoint) * invSlope, p[k] * factor);
}

function linoidNegative(
  out: Float64Array,
  v: Float64Array,
  p: Float64Array,
  r: number,
  midpoint: number,
  invSlope: number,
  factor: number,
  size: number,
): void {
  for (let k = 0; k < size; k++) out[k] = linoidFromNegative(r, (v[k] - midpoint) * invSlope, p[k] * factor);
}

function tTypeTau(out: Float64Array, t: Extract<CompiledTerm, { kind: "tTypeTau" }>, size: number): void {
  const p1 = t.source1.array;
  const p2 = t.source2.array;
  const f1 = t.source1.factor;
  const f2 = t.source2.factor;
  const s1 = t.source1.sign;
  const s2 = t.source2.sign;
  for (let k = 0; k < size; k++) {
    const w1 = p1[k] * f1;
    const w2 = p2[k] * f2;
    const e1 = s1 > 0 ? w1 : 1 / w1;
    const e2 = s2 > 0 ? w2 : 1 / w2;
    out[k] = t.base + (t.amplitude + e1) / (1 + e2);
  }
}

function sigmoidProduct(
  out: Float64Array,
  t: Extract<CompiledTerm, { kind: "sigmoidProduct" }>,
  size: number,
): void {
  const p1 = t.source1.array;
  const p2 = t.source2.array;
  const f1 = t.source1.factor;
  const f2 = t.source2.factor;
  const positive1 = t.source1.sign > 0;
  const positive2 = t.source2.sign > 0;
  for (let k = 0; k < size; k++) {
    const w1 = p1[k] * f1;
    const w2 = p2[k] * f2;
    const s1 = positive1
      ? sigmoidFromPositive(t.offset1, t.rate1, w1)
      : sigmoidFromNegative(t.offset1, t.rate1, w1);
    const s2 = positive2
      ? sigmoidFromPositive(t.offset2, t.rate2, w2)
      : sigmoidFromNegative(t.offset2, t.rate2, w2);
    out[k] = s1 * s2;
  }
}

// ---------------------------------------------------------------------------------------------
// Gates

/** The compiled kinetics of one gate of one channel. */
export interface CompiledGate {
  readonly channel: string;
  readonly name: string;
  readonly power: number;
  readonly kind: GateSpec["kinetics"]["kind"];
  /** α or x∞ (per kind). */
  readonly first: CompiledTerm;
  /** β or τ; null for `instantaneous`. */
  readonly second: CompiledTerm | null;
  /** -φ·dt (ms): rates use exp((α+β)·negPhiDt), steadyState exp(negPhiDt/τ). */
  readonly negPhiDt: number;
  /**
   * The gate's value used in the conductance: the state array for stateful gates (updated in
   * place after the conductances are formed), or the instantaneous value computed each step.
   */
  readonly value: Float64Array;
  readonly stateful: boolean;
}

/** Instantaneous values: x = α/(α+β) or x = x∞ at the start-of-step potential. */
export function evaluateInstantaneous(gate: CompiledGate, size: number): void {
  const out = gate.value;
  const a = gate.first.out;
  if (gate.kind === "instantaneousRates") {
    const b = (gate.second as CompiledTerm).out;
    for (let k = 0; k < size; k++) out[k] = a[k] / (a[k] + b[k]);
  } else {
    for (let k = 0; k < size; k++) out[k] = a[k];
  }
}

/** Exponential-Euler update of a stateful gate from the start-of-step α, β (or x∞, τ). */
export function updateGate(gate: CompiledGate, size: number): void {
  const x = gate.value;
  const first = gate.first.out;
  const second = (gate.second as CompiledTerm).out;
  const c = gate.negPhiDt;
  if (gate.kind === "rates") {
    for (let k = 0; k < size; k++) x[k] = relaxRates(x[k], first[k], second[k], c);
  } else {
    for (let k = 0; k < size; k++) x[k] = relaxSteadyState(x[k], first[k], second[k], c);
  }
}

/** x∞ + (x - x∞)·exp(-φ(α+β)dt) with x∞ = α/(α+β). */
export function relaxRates(x: number, a: number, b: number, negPhiDt: number): number {
  const s = a + b;
  const inf = a / s;
  return inf + (x - inf) * exp(s * negPhiDt);
}

/** x∞ + (x - x∞)·exp(-φ dt/τ). */
export function relaxSteadyState(x: number, inf: number, tau: number, negPhiDt: number): number {
  return inf + (x - inf) * exp(negPhiDt / tau);
}

// ---------------------------------------------------------------------------------------------
// Kinetic drug block (channels.ts `ChannelBlock`)

/** The compiled block of one channel: its unbound fraction u and the gate h it reads. */
export interface CompiledBlock {
  readonly channel: string;
  /** Unbound fraction u per neuron (a factor of the channel's conductance). */
  readonly unbound: Float64Array;
  /** The inactivation gate's state array (start-of-step values are read before the gates move). */
  readonly h: Float64Array;
  readonly restingRatio: number;
  readonly inactivatedRatio: number;
  /** k_off (1/ms) of the block. */
  readonly unbindingRate: number;
  /** Time step (ms). */
  readonly dt: number;
  /**
   * -k·dt (dimensionless) with k the rate in use: k_off, or the accelerated equilibration rate
   * (population.ts `setBlockEquilibration`).
   */
  negUnbindingDt: number;
}

/** Exponential-Euler update of every neuron's unbound fraction from the start-of-step h. */
export function updateBlock(b: CompiledBlock, size: number): void {
  const u = b.unbound;
  const h = b.h;
  const rI = b.inactivatedRatio;
  const rR = b.restingRatio;
  const c = b.negUnbindingDt;
  for (let k = 0; k < size; k++) u[k] = relaxBlock(u[k], h[k], rI, rR, c);
}

/** u∞ + (u - u∞)·exp(-k_off(1 + r)dt), u∞ = 1/(1 + r), r = R_I(1 - h) + R_R h. */
export function relaxBlock(u: number, h: number, rI: number, rR: number, negUnbindingDt: number): number {
  const s = 1 + rI * (1 - h) + rR * h;
  const inf = 1 / s;
  return inf + (u - inf) * exp(s * negUnbindingDt);
}
