/**
 * Ion channels declared as data.
 *
 * A channel is a reversal potential, a maximal conductance density and a list of gating variables,
 * each raised to a power:  I = gbar · Π_g x_g^p_g · (V - E).
 * A gating variable's kinetics are one of
 *
 *   rates               dx/dt = φ (α(V)(1 - x) - β(V) x)            (Hodgkin–Huxley α/β form)
 *   steadyState         dx/dt = φ (x∞(V) - x) / τ(V)
 *   instantaneous       x = x∞(V)                                   (e.g. Golomb's Na activation)
 *   instantaneousRates  x = α(V) / (α(V) + β(V))                     (Wang–Buzsáki Na activation)
 *
 * where φ is the channel's temperature factor (a fixed φ as in Wang & Buzsáki, or
 * Q10^((T - T_ref)/10)). α, β, x∞ and τ are not closures but records of a few standard
 * parametric forms (`VoltageFunction`), as in NeuroML's HH rate types (Gleeson et al. 2010, PLoS
 * Comput Biol 6:e1000815): the cell engine compiles them into typed-array loops, can share one
 * exponential between forms that need exp(V/k) for the same k, and a variant or drug can edit a
 * midpoint or a rate by replacing a number. With x = (V - V½)/k:
 *
 *   constant      c
 *   exponential   r · exp(x)
 *   sigmoid       offset + r / (1 + exp(-x))          (Golomb's Γ(V, θ, σ) is sigmoid(1, θ, σ))
 *   expLinear     r · x / (1 - exp(-x))               (the "linoid"; r at x = 0, a removable
 *                                                     singularity handled exactly)
 *   tTypeTau      base + (amplitude + exp((V - V1)/k1)) / (1 + exp((V - V2)/k2))
 *                 (the bi-exponential fit of the T-current inactivation time constant of
 *                 Destexhe et al. 1996, from Huguenard & McCormick 1992)
 *   sigmoidProduct  the product of two sigmoids (the Kv3 activation time constant of Golomb
 *                 et al. 2007, a bell from two sigmoids of opposite slopes)
 *
 * Units: V in mV, rates in 1/ms, τ in ms, conductance densities in mS/cm², reversal potentials
 * in mV. The population converts densities to absolute conductances with its membrane area.
 *
 * The channel catalogue at the end of this file gives each published channel a parameter table
 * (ParameterTable) and a factory that resolves overrides against it.
 */
import { resolveParameters, type ParameterTable, parameter, type ParameterOverrides } from "../parameters.js";

// ---------------------------------------------------------------------------------------------
// Voltage functions

/** offset + r / (1 + exp(-(V - V½)/k)). */
export interface SigmoidFunction {
  readonly kind: "sigmoid";
  readonly rate: number;
  readonly midpoint: number;
  readonly slope: number;
  /** Added constant (0 unless stated), e.g. Golomb's τ = 1 + 7.5 Γ. */
  readonly offset: number;
}

export type VoltageFunction =
  | { readonly kind: "constant"; readonly value: number }
  | {
      readonly kind: "exponential" | "expLinear";
      /** r: 1/ms for a rate (dimensionless or ms when used as x∞ or τ). */
      readonly rate: number;
      /** V½ (mV). */
      readonly midpoint: number;
      /** k (mV), non-zero; its sign gives the direction. */
      readonly slope: number;
    }
  | SigmoidFunction
  | {
      /** The product of the two sigmoids. */
      readonly kind: "sigmoidProduct";
      readonly factors: readonly [SigmoidFunction, SigmoidFunction];
    }
  | {
      readonly kind: "tTypeTau";
      readonly base: number;
      readonly amplitude: number;
      readonly midpoint1: number;
      readonly slope1: number;
      readonly midpoint2: number;
      readonly slope2: number;
    };

export const constant = (value: number): VoltageFunction => ({ kind: "constant", value });
export const exponential = (rate: number, midpoint: number, slope: number): VoltageFunction => ({
  kind: "exponential",
  rate,
  midpoint,
  slope,
});
export const sigmoid = (rate: number, midpoint: number, slope: number, offset = 0): SigmoidFunction => ({
  kind: "sigmoid",
  rate,
  midpoint,
  slope,
  offset,
});
export const sigmoidProduct = (first: SigmoidFunction, second: SigmoidFunction): VoltageFunction => ({
  kind: "sigmoidProduct",
  factors: [first, second],
});
export const expLinear = (rate: number, midpoint: number, slope: number): VoltageFunction => ({
  kind: "expLinear",
  rate,
  midpoint,
  slope,
});

/**
 * The value of a voltage function at V, straight from its definition with Math.exp (Math.expm1
 * for the linoid, whose singular point x = 0 returns the limit r). This is the reference the
 * compiled kernels are tested against; the kernels never call it.
 */
export function evaluateFunction(f: VoltageFunction, v: number): number {
  switch (f.kind) {
    case "constant":
      return f.value;
    case "exponential":
      return f.rate * Math.exp((v - f.midpoint) / f.slope);
    case "sigmoid":
      return f.offset + f.rate / (1 + Math.exp(-(v - f.midpoint) / f.slope));
    case "expLinear": {
      const x = (v - f.midpoint) / f.slope;
      return x === 0 ? f.rate : (f.rate * x) / -Math.expm1(-x);
    }
    case "sigmoidProduct":
      return evaluateFunction(f.factors[0], v) * evaluateFunction(f.factors[1], v);
    case "tTypeTau":
      return (
        f.base +
        (f.amplitude + Math.exp((v - f.midpoint1) / f.slope1)) / (1 + Math.exp((v - f.midpoint2) / f.slope2))
      );
  }
}

/** The same function with every midpoint moved by `shift` mV (a curve shifted along V). */
export function shiftFunction(f: VoltageFunction, shift: number): VoltageFunction {
  switch (f.kind) {
    case "constant":
      return f;
    case "exponential":
    case "expLinear":
    case "sigmoid":
      return { ...f, midpoint: f.midpoint + shift };
    case "sigmoidProduct":
      return {
        ...f,
        factors: [
          { ...f.factors[0], midpoint: f.factors[0].midpoint + shift },
          { ...f.factors[1], midpoint: f.factors[1].midpoint + shift },
        ],
      };
    case "tTypeTau":
      return { ...f, midpoint1: f.midpoint1 + shift, midpoint2: f.midpoint2 + shift };
  }
}

// ---------------------------------------------------------------------------------------------
// Gates and channels

export type GateKinetics =
  | { readonly kind: "rates"; readonly alpha: VoltageFunction; readonly beta: VoltageFunction }
  | { readonly kind: "steadyState"; readonly inf: VoltageFunction; readonly tau: VoltageFunction }
  | { readonly kind: "instantaneous"; readonly inf: VoltageFunction }
  | { readonly kind: "instantaneousRates"; readonly alpha: VoltageFunction; readonly beta: VoltageFunction };

export interface GateSpec {
  /** Name of the state variable within its channel (e.g. "m", "h"). */
  readonly name: string;
  /** Exponent p in x^p (a positive integer). */
  readonly power: number;
  readonly kinetics: GateKinetics;
}

/** Temperature factor multiplying every rate of the channel (1/τ for steadyState gates). */
export type TemperatureFactor =
  | { readonly kind: "phi"; readonly phi: number }
  | { readonly kind: "q10"; readonly q10: number; readonly referenceCelsius: number };

export interface ChannelSpec {
  /** Unique within a neuron model; state variables are named `${channel}.${gate}`. */
  readonly name: string;
  readonly description: string;
  /** Reversal potential (mV). */
  readonly reversal: number;
  /** Maximal conductance density (mS/cm²). */
  readonly conductance: number;
  readonly gates: readonly GateSpec[];
  readonly temperature: TemperatureFactor;
  /** Source of the equations and of the default numbers; says what is unverified. */
  readonly citation: string;
  /** Kinetic drug block of this channel (absent: no drug bound). */
  readonly block?: ChannelBlock;
}

/**
 * Kinetic modulated-receptor block (Hille 1977 J Gen Physiol 69:497; Bean, Cohen & Tsien 1983
 * J Gen Physiol 81:613) of a channel by the ligands of one binding site, with slow binding as
 * measured for anticonvulsants (Kuo & Bean 1994 Mol Pharmacol 46:716). One more state per neuron,
 * the unbound fraction u, multiplies the conductance: I = gbar · Π x^p · u · (V − E), and
 *
 *   du/dt = k_off (1 − u) − k_off · r(h) · u,    r(h) = R_I (1 − h) + R_R h,
 *
 * with h the channel's inactivation gate `gate` (the availability of unbound channels),
 * R_I = ΣC/K_I and R_R = ΣC/K_R over the ligands of the site: channels bind drug at k_on·C when
 * inactivated and at k_on·C·K_I/K_R when resting, and unbind at k_off = k_on·K_I in both states
 * (one pooled bound state; bound channels do not conduct). At fixed V it relaxes to
 * u∞ = 1/(1 + R_I(1 − h∞) + R_R h∞), and for a Boltzmann h∞ = 1/(1 + e), e = exp((V − V½)/k),
 *   h∞·u∞ = 1/(1 + e + R_R + R_I e) = h∞(V − ΔV)/(1 + R_R),  ΔV = −k ln[(1 + R_I)/(1 + R_R)],
 * the equilibrium modulated-receptor availability (tested). Integrated by exponential Euler with
 * the start-of-step h, like the gates. Deviations: the drug's own effect on the gating of bound
 * channels is not tracked (bound channels are simply non-conducting until they unbind, at one rate
 * whatever their state), and the channel's temperature factor does not apply to binding (the
 * rates are room-temperature measurements).
 */
export interface ChannelBlock {
  /** Name of the channel's inactivation gate (its value is the availability of unbound channels). */
  readonly gate: string;
  /** R_R = Σ C/K_R over the site's ligands (dimensionless, >= 0). */
  readonly restingRatio: number;
  /** R_I = Σ C/K_I over the site's ligands (dimensionless, >= R_R). */
  readonly inactivatedRatio: number;
  /** k_off (1/ms, > 0). */
  readonly unbindingRate: number;
  readonly citation: string;
}

/**
 * Rate (1/ms) of the accelerated block equilibration: 10 s⁻¹, so that the relaxation of u,
 * k(1 + r) with r = R_I(1 − h) + R_R h, takes ≥ 100/(1 + R_I) ms — slow against spikes and ISIs
 * (u then follows the mean of r, like the real slow block), yet 500 ms are ≥ 5 time constants
 * (a start-up deviation left at ≤ e⁻⁵ ≈ 0.7%). Tested against a long run at real rates
 * (test/engines/cell/block.test.ts).
 */
export const BLOCK_EQUILIBRATION_RATE = 0.01;

/** Steady-state unbound fraction u∞ of a channel block at inactivation-gate value h. */
export function blockSteadyState(block: ChannelBlock, h: number): number {
  return 1 / (1 + block.inactivatedRatio * (1 - h) + block.restingRatio * h);
}

/** φ of a channel at `celsius` (°C). */
export function temperatureFactor(channel: ChannelSpec, celsius: number): number {
  const t = channel.temperature;
  return t.kind === "phi" ? t.phi : Math.pow(t.q10, (celsius - t.referenceCelsius) / 10);
}

/** x∞(V) of a gate (α/(α+β) for rate kinetics). */
export function gateSteadyState(gate: GateSpec, v: number): number {
  const k = gate.kinetics;
  if (k.kind === "rates" || k.kind === "instantaneousRates") {
    const a = evaluateFunction(k.alpha, v);
    return a / (a + evaluateFunction(k.beta, v));
  }
  return evaluateFunction(k.inf, v);
}

/** τ(V) in ms of a gate at temperature factor φ: 1/(φ(α+β)) or τ/φ; 0 for instantaneous gates. */
export function gateTimeConstant(gate: GateSpec, v: number, phi: number): number {
  const k = gate.kinetics;
  if (k.kind === "rates") return 1 / (phi * (evaluateFunction(k.alpha, v) + evaluateFunction(k.beta, v)));
  if (k.kind === "steadyState") return evaluateFunction(k.tau, v) / phi;
  return 0;
}

/** The channel with every gate's curves moved by `shift` mV, or only the gate named `gate`. */
export function shiftChannel(channel: ChannelSpec, shift: number, gate?: string): ChannelSpec {
  if (gate !== undefined && !channel.gates.some((g) => g.name === gate)) {
    throw new RangeError(`channel ${channel.name} has no gate '${gate}'`);
  }
  const gates = channel.gates.map((g): GateSpec => {
    if (gate !== undefined && g.name !== gate) return g;
    const k = g.kinetics;
    const kinetics: GateKinetics =
      k.kind === "rates" || k.kind === "instantaneousRates"
        ? { kind: k.kind, alpha: shiftFunction(k.alpha, shift), beta: shiftFunction(k.beta, shift) }
        : k.kind === "steadyState"
          ? { kind: k.kind, inf: shiftFunction(k.inf, shift), tau: shiftFunction(k.tau, shift) }
          : { kind: k.kind, inf: shiftFunction(k.inf, shift) };
    return { ...g, kinetics };
  });
  return { ...channel, gates };
}

/** The channel with its maximal conductance density multiplied by `factor`. */
export function scaleConductance(channel: ChannelSpec, factor: number): ChannelSpec {
  if (!(factor >= 0) || !Number.isFinite(factor)) {
    throw new RangeError(`conductance factor must be finite and >= 0, got ${factor}`);
  }
  return { ...channel, conductance: channel.conductance * factor };
}

/** Structural checks: finite numbers, non-zero slopes, positive integer powers, unique gate names. */
export function validateChannel(channel: ChannelSpec): void {
  const where = `channel ${channel.name}`;
  if (!Number.isFinite(channel.reversal)) throw new RangeError(`${where}: reversal must be finite`);
  if (!(channel.conductance >= 0) || !Number.isFinite(channel.conductance)) {
    throw new RangeError(`${where}: conductance must be finite and >= 0`);
  }
  const t = channel.temperature;
  if (t.kind === "phi" ? !(t.phi > 0) : !(t.q10 > 0) || !Number.isFinite(t.referenceCelsius)) {
    throw new RangeError(`${where}: temperature factor must be positive`);
  }
  const names = new Set<string>();
  for (const g of channel.gates) {
    if (names.has(g.name)) throw new RangeError(`${where}: duplicate gate '${g.name}'`);
    names.add(g.name);
    if (!Number.isInteger(g.power) || g.power < 1 || g.power > 8) {
      throw new RangeError(`${where}.${g.name}: power must be an integer in 1..8`);
    }
    const k = g.kinetics;
    const fns =
      k.kind === "rates" || k.kind === "instantaneousRates"
        ? [k.alpha, k.beta]
        : k.kind === "steadyState"
          ? [k.inf, k.tau]
          : [k.inf];
    for (const f of fns) validateFunction(f, `${where}.${g.name}`);
  }
  const b = channel.block;
  if (b) {
    if (
      !channel.gates.some(
        (g) => g.name === b.gate && (g.kinetics.kind === "rates" || g.kinetics.kind === "steadyState"),
      )
    )
      throw new RangeError(`${where}.block.gate: '${b.gate}' is not a stateful gate of the channel`);
    if (!(b.restingRatio >= 0) || !Number.isFinite(b.restingRatio))
      throw new RangeError(`${where}.block.restingRatio must be finite and >= 0, got ${b.restingRatio}`);
    if (!(b.inactivatedRatio >= b.restingRatio) || !Number.isFinite(b.inactivatedRatio))
      throw new RangeError(
        `${where}.block.inactivatedRatio must be finite and >= restingRatio (${b.restingRatio}), got ${b.inactivatedRatio}`,
      );
    if (!(b.unbindingRate > 0) || !Number.isFinite(b.unbindingRate))
      throw new RangeError(
        `${where}.block.unbindingRate must be finite and > 0 (1/ms), got ${b.unbindingRate}`,
      );
  }
}

function validateFunction(f: VoltageFunction, where: string): void {
  if (f.kind === "sigmoidProduct") {
    for (const factor of f.factors) validateFunction(factor, where);
    return;
  }
  const numbers =
    f.kind === "constant"
      ? [f.value]
      : f.kind === "tTypeTau"
        ? [f.base, f.amplitude, f.midpoint1, f.slope1, f.midpoint2, f.slope2]
        : [f.rate, f.midpoint, f.slope, f.kind === "sigmoid" ? f.offset : 0];
  if (!numbers.every(Number.isFinite)) throw new RangeError(`${where}: ${f.kind} has a non-finite parameter`);
  const slopes = f.kind === "tTypeTau" ? [f.slope1, f.slope2] : f.kind === "constant" ? [] : [f.slope];
  if (slopes.some((k) => k === 0)) throw new RangeError(`${where}: ${f.kind} slope must be non-zero`);
  // The kernels factor exp((V - V½)/k) as exp(V/|k|)·exp(-V½/|k|); the constant must stay finite.
  const ratios =
    f.kind === "tTypeTau"
      ? [f.midpoint1 / f.slope1, f.midpoint2 / f.slope2]
      : f.kind === "constant"
        ? []
        : [f.midpoint / f.slope];
  if (ratios.some((r) => Math.abs(r) > 600))
    throw new RangeError(`${where}: ${f.kind} needs |midpoint/slope| <= 600`);
}

// ---------------------------------------------------------------------------------------------
// Catalogue

const TRAUB_MILES =
  "Traub RD, Miles R (1991) Neuronal Networks of the Hippocampus, Cambridge Univ Press; rate " +
  "functions with the threshold shift VT as in Brette et al. 2007, J Comput Neurosci 23:349, " +
  "benchmark 3 (COBAHH), and Brian2 examples/COBAHH.py";
const COBAHH =
  "Brette et al. 2007, J Comput Neurosci 23:349, benchmark 3 (COBAHH); Brian2 examples/COBAHH.py";
const WANG_BUZSAKI =
  "Wang XJ, Buzsáki G (1996) J Neurosci 16:6402, model section (equations as in Brian2 " +
  "examples/frompapers/Wang_Buszaki_1996.py)";
const GOLOMB =
  "Golomb D, Yue C, Yaari Y (2006) J Neurophysiol 96:1912, Table 2; numbers checked against " +
  "BioModels BIOMD0000000119 (Golomb2006_SomaticBursting)";
const GOLOMB_FS =
  "Golomb D, Donner K, Shacham L, Shlosberg D, Amitai Y, Hansel D (2007) PLoS Comput Biol 3:e156, " +
  "Models and Methods (single-compartment FS cell); numbers checked against the NEURON port of " +
  "their XPP code (ModelDB 97747; nas.mod, kdr.mod, kd.mod by Carnevale & Yamini)";
const DESTEXHE_T =
  "Destexhe A, Bal T, McCormick DA, Sejnowski TJ (1996) J Neurophysiol 76:2049 (T current of " +
  "thalamocortical cells, fitted to Huguenard & McCormick 1992, J Neurophysiol 68:1373); used with " +
  "Vx = 2 mV by Pospischil et al. 2008, Biol Cybern 99:427. Constants checked against Destexhe's " +
  "NEURON file IT.mod (1993/1995); Pospischil's printed equation itself is UNVERIFIED";

/** Leak: I = gL (V - EL), no gates. Defaults: COBAHH (5e-5 S/cm², -60 mV). */
export const LEAK_PARAMETERS = {
  gbar: parameter("gbar", "leak conductance density", 0.05, "mS/cm²", 0, 10, COBAHH),
  E: parameter("E", "leak reversal potential", -60, "mV", -120, 0, COBAHH),
} as const satisfies ParameterTable<"gbar" | "E">;

export function leakChannel(overrides?: ParameterOverrides<keyof typeof LEAK_PARAMETERS>): ChannelSpec {
  const p = resolveParameters(LEAK_PARAMETERS, overrides, "leak");
  return {
    name: "leak",
    description: "passive leak",
    reversal: p.E,
    conductance: p.gbar,
    gates: [],
    temperature: { kind: "phi", phi: 1 },
    citation: COBAHH,
  };
}

/**
 * Traub–Miles transient Na, m³h (u = V - VT, rates in 1/ms):
 *   αm = 0.32(13 - u)/(exp((13 - u)/4) - 1)   βm = 0.28(u - 40)/(exp((u - 40)/5) - 1)
 *   αh = 0.128 exp((17 - u)/18)               βh = 4/(1 + exp((40 - u)/5))
 * As data: αm = expLinear(1.28, VT+13, 4), βm = expLinear(1.4, VT+40, -5),
 *          αh = exponential(0.128, VT+17, -18), βh = sigmoid(4, VT+40, 5).
 */
export const TRAUB_MILES_SODIUM_PARAMETERS = {
  gbar: parameter("gbar", "maximal Na conductance density", 100, "mS/cm²", 0, 1000, COBAHH),
  E: parameter("E", "Na reversal potential", 50, "mV", 0, 120, COBAHH),
  VT: parameter("VT", "threshold shift of the rate functions", -63, "mV", -100, 0, COBAHH),
} as const satisfies ParameterTable<"gbar" | "E" | "VT">;

export function traubMilesSodium(
  overrides?: ParameterOverrides<keyof typeof TRAUB_MILES_SODIUM_PARAMETERS>,
): ChannelSpec {
  const p = resolveParameters(TRAUB_MILES_SODIUM_PARAMETERS, overrides, "traubMilesSodium");
  return {
    name: "na",
    description: "Traub–Miles transient sodium (m³h)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      {
        name: "m",
        power: 3,
        kinetics: {
          kind: "rates",
          alpha: expLinear(1.28, p.VT + 13, 4),
          beta: expLinear(1.4, p.VT + 40, -5),
        },
      },
      {
        name: "h",
        power: 1,
        kinetics: {
          kind: "rates",
          alpha: exponential(0.128, p.VT + 17, -18),
          beta: sigmoid(4, p.VT + 40, 5),
        },
      },
    ],
    temperature: { kind: "phi", phi: 1 },
    citation: TRAUB_MILES,
  };
}

/**
 * Traub–Miles delayed-rectifier K, n⁴:
 *   αn = 0.032(15 - u)/(exp((15 - u)/5) - 1)   βn = 0.5 exp((10 - u)/40)
 * As data: αn = expLinear(0.16, VT+15, 5), βn = exponential(0.5, VT+10, -40).
 */
export const TRAUB_MILES_POTASSIUM_PARAMETERS = {
  gbar: parameter("gbar", "maximal delayed-rectifier K conductance density", 30, "mS/cm²", 0, 1000, COBAHH),
  E: parameter("E", "K reversal potential", -90, "mV", -120, -40, COBAHH),
  VT: parameter("VT", "threshold shift of the rate functions", -63, "mV", -100, 0, COBAHH),
} as const satisfies ParameterTable<"gbar" | "E" | "VT">;

export function traubMilesPotassium(
  overrides?: ParameterOverrides<keyof typeof TRAUB_MILES_POTASSIUM_PARAMETERS>,
): ChannelSpec {
  const p = resolveParameters(TRAUB_MILES_POTASSIUM_PARAMETERS, overrides, "traubMilesPotassium");
  return {
    name: "kdr",
    description: "Traub–Miles delayed-rectifier potassium (n⁴)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      {
        name: "n",
        power: 4,
        kinetics: {
          kind: "rates",
          alpha: expLinear(0.16, p.VT + 15, 5),
          beta: exponential(0.5, p.VT + 10, -40),
        },
      },
    ],
    temperature: { kind: "phi", phi: 1 },
    citation: TRAUB_MILES,
  };
}

/**
 * Wang–Buzsáki Na, m∞³h with m instantaneous and φ = 5 on h:
 *   αm = 0.1(V + 35)/(1 - exp(-(V + 35)/10))   βm = 4 exp(-(V + 60)/18)
 *   αh = 0.07 exp(-(V + 58)/20)                βh = 1/(1 + exp(-(V + 28)/10))
 * As data: αm = expLinear(1, -35, 10), βm = exponential(4, -60, -18),
 *          αh = exponential(0.07, -58, -20), βh = sigmoid(1, -28, 10).
 */
export const WANG_BUZSAKI_SODIUM_PARAMETERS = {
  gbar: parameter("gbar", "maximal Na conductance density", 35, "mS/cm²", 0, 1000, WANG_BUZSAKI),
  E: parameter("E", "Na reversal potential", 55, "mV", 0, 120, WANG_BUZSAKI),
  phi: parameter("phi", "temperature factor of h", 5, "dimensionless", 0.01, 100, WANG_BUZSAKI),
} as const satisfies ParameterTable<"gbar" | "E" | "phi">;

export function wangBuzsakiSodium(
  overrides?: ParameterOverrides<keyof typeof WANG_BUZSAKI_SODIUM_PARAMETERS>,
): ChannelSpec {
  const p = resolveParameters(WANG_BUZSAKI_SODIUM_PARAMETERS, overrides, "wangBuzsakiSodium");
  return {
    name: "na",
    description: "Wang–Buzsáki transient sodium (m∞³h)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      {
        name: "m",
        power: 3,
        kinetics: {
          kind: "instantaneousRates",
          alpha: expLinear(1, -35, 10),
          beta: exponential(4, -60, -18),
        },
      },
      {
        name: "h",
        power: 1,
        kinetics: { kind: "rates", alpha: exponential(0.07, -58, -20), beta: sigmoid(1, -28, 10) },
      },
    ],
    // φ multiplies the rates of h only; m is instantaneous, so it does not see φ.
    temperature: { kind: "phi", phi: p.phi },
    citation: WANG_BUZSAKI,
  };
}

/**
 * Wang–Buzsáki delayed-rectifier K, n⁴ with φ = 5:
 *   αn = 0.01(V + 34)/(1 - exp(-(V + 34)/10))   βn = 0.125 exp(-(V + 44)/80)
 * As data: αn = expLinear(0.1, -34, 10), βn = exponential(0.125, -44, -80).
 */
export const WANG_BUZSAKI_POTASSIUM_PARAMETERS = {
  gbar: parameter("gbar", "maximal K conductance density", 9, "mS/cm²", 0, 1000, WANG_BUZSAKI),
  E: parameter("E", "K reversal potential", -90, "mV", -120, -40, WANG_BUZSAKI),
  phi: parameter("phi", "temperature factor of n", 5, "dimensionless", 0.01, 100, WANG_BUZSAKI),
} as const satisfies ParameterTable<"gbar" | "E" | "phi">;

export function wangBuzsakiPotassium(
  overrides?: ParameterOverrides<keyof typeof WANG_BUZSAKI_POTASSIUM_PARAMETERS>,
): ChannelSpec {
  const p = resolveParameters(WANG_BUZSAKI_POTASSIUM_PARAMETERS, overrides, "wangBuzsakiPotassium");
  return {
    name: "kdr",
    description: "Wang–Buzsáki delayed-rectifier potassium (n⁴)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      {
        name: "n",
        power: 4,
        kinetics: { kind: "rates", alpha: expLinear(0.1, -34, 10), beta: exponential(0.125, -44, -80) },
      },
    ],
    temperature: { kind: "phi", phi: p.phi },
    citation: WANG_BUZSAKI,
  };
}

/**
 * Golomb 2006 transient Na, m∞³h: m∞ = Γ(V, θm, σm) instantaneous, h∞ = Γ(V, θh, σh),
 * τh = 1 + 7.5 Γ(V, -40.5, -6) ms, φ = 10, with Γ(V, θ, σ) = 1/(1 + exp(-(V - θ)/σ)).
 */
export const GOLOMB_SODIUM_PARAMETERS = {
  gbar: parameter("gbar", "maximal Na conductance density", 35, "mS/cm²", 0, 1000, GOLOMB),
  E: parameter("E", "Na reversal potential", 55, "mV", 0, 120, GOLOMB),
  thetaM: parameter("thetaM", "half-activation of m∞", -30, "mV", -80, 0, GOLOMB),
  thetaH: parameter("thetaH", "half-inactivation of h∞", -45, "mV", -90, 0, GOLOMB),
  phi: parameter("phi", "temperature factor of h", 10, "dimensionless", 0.01, 100, GOLOMB),
} as const satisfies ParameterTable<"gbar" | "E" | "thetaM" | "thetaH" | "phi">;

export function golombSodium(
  overrides?: ParameterOverrides<keyof typeof GOLOMB_SODIUM_PARAMETERS>,
): ChannelSpec {
  const p = resolveParameters(GOLOMB_SODIUM_PARAMETERS, overrides, "golombSodium");
  return {
    name: "na",
    description: "Golomb 2006 transient sodium (m∞³h)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      { name: "m", power: 3, kinetics: { kind: "instantaneous", inf: sigmoid(1, p.thetaM, 9.5) } },
      {
        name: "h",
        power: 1,
        kinetics: { kind: "steadyState", inf: sigmoid(1, p.thetaH, -7), tau: sigmoid(7.5, -40.5, -6, 1) },
      },
    ],
    temperature: { kind: "phi", phi: p.phi },
    citation: GOLOMB,
  };
}

/** Golomb 2006 delayed rectifier, n⁴: n∞ = Γ(V, -35, 10), τn = 1 + 5 Γ(V, -27, -15) ms, φ = 10. */
export const GOLOMB_POTASSIUM_PARAMETERS = {
  gbar: parameter("gbar", "maximal delayed-rectifier K conductance density", 6, "mS/cm²", 0, 1000, GOLOMB),
  E: parameter("E", "K reversal potential", -90, "mV", -120, -40, GOLOMB),
  phi: parameter("phi", "temperature factor of n", 10, "dimensionless", 0.01, 100, GOLOMB),
} as const satisfies ParameterTable<"gbar" | "E" | "phi">;

export function golombPotassium(
  overrides?: ParameterOverrides<keyof typeof GOLOMB_POTASSIUM_PARAMETERS>,
): ChannelSpec {
  const p = resolveParameters(GOLOMB_POTASSIUM_PARAMETERS, overrides, "golombPotassium");
  return {
    name: "kdr",
    description: "Golomb 2006 delayed-rectifier potassium (n⁴)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      {
        name: "n",
        power: 4,
        kinetics: { kind: "steadyState", inf: sigmoid(1, -35, 10), tau: sigmoid(5, -27, -15, 1) },
      },
    ],
    temperature: { kind: "phi", phi: p.phi },
    citation: GOLOMB,
  };
}

/** Golomb 2006 persistent Na, I = gNaP p∞(V)(V - ENa), p∞ = Γ(V, θp, 3) instantaneous. */
export const PERSISTENT_SODIUM_PARAMETERS = {
  gbar: parameter(
    "gbar",
    "maximal persistent Na conductance density (paper range 0–0.41)",
    0.2,
    "mS/cm²",
    0,
    5,
    `${GOLOMB}; 0.2 as in BIOMD0000000119`,
  ),
  E: parameter("E", "Na reversal potential", 55, "mV", 0, 120, GOLOMB),
  thetaP: parameter(
    "thetaP",
    "half-activation of p∞ (paper range -47 to -41)",
    -41,
    "mV",
    -80,
    0,
    `${GOLOMB}; -41 as in BIOMD0000000119`,
  ),
  sigmaP: parameter("sigmaP", "slope of p∞", 3, "mV", 0.5, 20, GOLOMB),
} as const satisfies ParameterTable<"gbar" | "E" | "thetaP" | "sigmaP">;

export function persistentSodium(
  overrides?: ParameterOverrides<keyof typeof PERSISTENT_SODIUM_PARAMETERS>,
): ChannelSpec {
  const p = resolveParameters(PERSISTENT_SODIUM_PARAMETERS, overrides, "persistentSodium");
  return {
    name: "nap",
    description: "persistent sodium INaP (instantaneous p∞)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      { name: "p", power: 1, kinetics: { kind: "instantaneous", inf: sigmoid(1, p.thetaP, p.sigmaP) } },
    ],
    temperature: { kind: "phi", phi: 1 },
    citation: GOLOMB,
  };
}

/** Golomb 2006 M-current (Kv7), I = gM z (V - EK), z∞ = Γ(V, -39, 5), τz = 75 ms. */
export const M_CURRENT_PARAMETERS = {
  gbar: parameter(
    "gbar",
    "maximal M conductance density",
    1,
    "mS/cm²",
    0,
    20,
    `${GOLOMB}; gZ = 1 in BIOMD0000000119`,
  ),
  E: parameter("E", "K reversal potential", -90, "mV", -120, -40, GOLOMB),
  thetaZ: parameter("thetaZ", "half-activation of z∞", -39, "mV", -80, 0, GOLOMB),
  tauZ: parameter("tauZ", "time constant of z", 75, "ms", 1, 1000, GOLOMB),
} as const satisfies ParameterTable<"gbar" | "E" | "thetaZ" | "tauZ">;

export function mCurrent(overrides?: ParameterOverrides<keyof typeof M_CURRENT_PARAMETERS>): ChannelSpec {
  const p = resolveParameters(M_CURRENT_PARAMETERS, overrides, "mCurrent");
  return {
    name: "km",
    description: "M-type potassium (slow, non-inactivating)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      {
        name: "z",
        power: 1,
        kinetics: { kind: "steadyState", inf: sigmoid(1, p.thetaZ, 5), tau: constant(p.tauZ) },
      },
    ],
    temperature: { kind: "phi", phi: 1 },
    citation: GOLOMB,
  };
}

/** Golomb 2006 A-type K, a∞³b: a∞ = Γ(V, -50, 20) instantaneous, b∞ = Γ(V, -80, -6), τb = 15 ms. */
export const A_CURRENT_PARAMETERS = {
  gbar: parameter("gbar", "maximal A-type K conductance density", 1.4, "mS/cm²", 0, 50, GOLOMB),
  E: parameter("E", "K reversal potential", -90, "mV", -120, -40, GOLOMB),
} as const satisfies ParameterTable<"gbar" | "E">;

export function aCurrent(overrides?: ParameterOverrides<keyof typeof A_CURRENT_PARAMETERS>): ChannelSpec {
  const p = resolveParameters(A_CURRENT_PARAMETERS, overrides, "aCurrent");
  return {
    name: "ka",
    description: "A-type potassium (a∞³b)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      { name: "a", power: 3, kinetics: { kind: "instantaneous", inf: sigmoid(1, -50, 20) } },
      { name: "b", power: 1, kinetics: { kind: "steadyState", inf: sigmoid(1, -80, -6), tau: constant(15) } },
    ],
    temperature: { kind: "phi", phi: 1 },
    citation: GOLOMB,
  };
}

/**
 * Golomb 2007 fast-spiking Na, m∞³h, no temperature factor:
 *   m∞ = Γ(V, θm, 11.5), h∞ = Γ(V, -58.3, -6.7), τh = 0.5 + 14 Γ(V, -60, -12) ms
 * (Γ(V, θ, σ) = 1/(1 + exp(-(V - θ)/σ))). The inactivation midpoint and slope are Martina &
 * Jonas's (1997, J Physiol 505:593) dentate basket-cell values (the paper's ref. 14). θm sets the
 * Na window current, the paper's main parameter: -24 mV "small window" (Figs. 2, 8), -28 mV "large
 * window" (Fig. 3).
 */
export const GOLOMB_FS_SODIUM_PARAMETERS = {
  gbar: parameter("gbar", "maximal Na conductance density", 112.5, "mS/cm²", 0, 1000, GOLOMB_FS),
  E: parameter("E", "Na reversal potential", 50, "mV", 0, 120, GOLOMB_FS),
  thetaM: parameter(
    "thetaM",
    "half-activation of m∞ (window current; paper -24 small, -28 large)",
    -24,
    "mV",
    -60,
    0,
    GOLOMB_FS,
  ),
} as const satisfies ParameterTable<"gbar" | "E" | "thetaM">;

export function golombFsSodium(
  overrides?: ParameterOverrides<keyof typeof GOLOMB_FS_SODIUM_PARAMETERS>,
): ChannelSpec {
  const p = resolveParameters(GOLOMB_FS_SODIUM_PARAMETERS, overrides, "golombFsSodium");
  return {
    name: "na",
    description: "Golomb 2007 fast-spiking transient sodium (m∞³h)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      { name: "m", power: 3, kinetics: { kind: "instantaneous", inf: sigmoid(1, p.thetaM, 11.5) } },
      {
        name: "h",
        power: 1,
        kinetics: { kind: "steadyState", inf: sigmoid(1, -58.3, -6.7), tau: sigmoid(14, -60, -12, 0.5) },
      },
    ],
    temperature: { kind: "phi", phi: 1 },
    citation: GOLOMB_FS,
  };
}

/**
 * Golomb 2007 Kv3.1–Kv3.2 delayed rectifier, n² (ModelDB form of τn, a bell that peaks near
 * -15 mV):
 *   n∞ = Γ(V, -12.4, 6.8)
 *   τn = (0.087 + 11.4/(1 + exp((V + 14.6)/8.6))) · (0.087 + 11.4/(1 + exp(-(V - 1.3)/18.7))) ms
 * The paper's text also lists θtn = -27 mV and σtn = -15 mV, which appear in neither the ModelDB
 * code nor this product form; we follow the code (the printed τn equation itself is UNVERIFIED:
 * the equation images could not be read).
 */
export const GOLOMB_FS_POTASSIUM_PARAMETERS = {
  gbar: parameter("gbar", "maximal Kv3 conductance density", 225, "mS/cm²", 0, 1000, GOLOMB_FS),
  E: parameter("E", "K reversal potential", -90, "mV", -120, -40, GOLOMB_FS),
} as const satisfies ParameterTable<"gbar" | "E">;

export function golombFsPotassium(
  overrides?: ParameterOverrides<keyof typeof GOLOMB_FS_POTASSIUM_PARAMETERS>,
): ChannelSpec {
  const p = resolveParameters(GOLOMB_FS_POTASSIUM_PARAMETERS, overrides, "golombFsPotassium");
  return {
    name: "kdr",
    description: "Golomb 2007 Kv3 delayed-rectifier potassium (n²)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      {
        name: "n",
        power: 2,
        kinetics: {
          kind: "steadyState",
          inf: sigmoid(1, -12.4, 6.8),
          tau: sigmoidProduct(sigmoid(11.4, -14.6, -8.6, 0.087), sigmoid(11.4, 1.3, 18.7, 0.087)),
        },
      },
    ],
    temperature: { kind: "phi", phi: 1 },
    citation: GOLOMB_FS,
  };
}

/**
 * Golomb 2007 d-type K (Kv1), a³b: fast activation, slow inactivation, fixed time constants:
 *   a∞ = Γ(V, -50, 20), τa = 2 ms;  b∞ = Γ(V, -70, -6), τb = 150 ms.
 * gd is the paper's second parameter (0 to ~2 mS/cm²; 0.39 in Figs. 2, 3, 5, 8): it sets the
 * delay to the first spike at threshold and, larger, stuttering.
 */
export const GOLOMB_FS_D_CURRENT_PARAMETERS = {
  gbar: parameter("gbar", "maximal d-type K conductance density", 0.39, "mS/cm²", 0, 50, GOLOMB_FS),
  E: parameter("E", "K reversal potential", -90, "mV", -120, -40, GOLOMB_FS),
} as const satisfies ParameterTable<"gbar" | "E">;

export function golombFsDCurrent(
  overrides?: ParameterOverrides<keyof typeof GOLOMB_FS_D_CURRENT_PARAMETERS>,
): ChannelSpec {
  const p = resolveParameters(GOLOMB_FS_D_CURRENT_PARAMETERS, overrides, "golombFsDCurrent");
  return {
    name: "kd",
    description: "Golomb 2007 d-type potassium, Kv1 (a³b)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      { name: "a", power: 3, kinetics: { kind: "steadyState", inf: sigmoid(1, -50, 20), tau: constant(2) } },
      {
        name: "b",
        power: 1,
        kinetics: { kind: "steadyState", inf: sigmoid(1, -70, -6), tau: constant(150) },
      },
    ],
    temperature: { kind: "phi", phi: 1 },
    citation: GOLOMB_FS,
  };
}

/**
 * T-type Ca (Cav3), I = gT m∞² h (V - ECa), m instantaneous:
 *   m∞ = 1/(1 + exp(-(V + Vx + 57)/6.2))    h∞ = 1/(1 + exp((V + Vx + 81)/4))
 *   τh = (30.8 + (211.4 + exp((V + Vx + 113.2)/5)) / (1 + exp((V + Vx + 84)/3.2))) / φh ms
 *   φh = 3^((T - 24)/10)  (3.737 at 36 °C)
 * Deviation: a fixed reversal potential (120 mV, as Pospischil et al.) instead of Destexhe's
 * Nernst potential from a calcium concentration (no calcium dynamics here). Heitmann's Brain
 * Dynamics Toolbox version of Pospischil's model brackets τh differently; we follow IT.mod.
 */
export const T_CURRENT_PARAMETERS = {
  gbar: parameter(
    "gbar",
    "maximal T-type Ca conductance density",
    0.4,
    "mS/cm²",
    0,
    20,
    `${DESTEXHE_T}; default UNVERIFIED (Pospischil LTS cells use 0.4)`,
  ),
  E: parameter("E", "Ca reversal potential", 120, "mV", 0, 200, DESTEXHE_T),
  Vx: parameter("Vx", "voltage shift (screening charge)", 2, "mV", -20, 20, DESTEXHE_T),
} as const satisfies ParameterTable<"gbar" | "E" | "Vx">;

export function tCurrent(overrides?: ParameterOverrides<keyof typeof T_CURRENT_PARAMETERS>): ChannelSpec {
  const p = resolveParameters(T_CURRENT_PARAMETERS, overrides, "tCurrent");
  return {
    name: "cat",
    description: "T-type calcium (m∞²h)",
    reversal: p.E,
    conductance: p.gbar,
    gates: [
      { name: "m", power: 2, kinetics: { kind: "instantaneous", inf: sigmoid(1, -57 - p.Vx, 6.2) } },
      {
        name: "h",
        power: 1,
        kinetics: {
          kind: "steadyState",
          inf: sigmoid(1, -81 - p.Vx, -4),
          tau: {
            kind: "tTypeTau",
            base: 30.8,
            amplitude: 211.4,
            midpoint1: -113.2 - p.Vx,
            slope1: 5,
            midpoint2: -84 - p.Vx,
            slope2: 3.2,
          },
        },
      },
    ],
    temperature: { kind: "q10", q10: 3, referenceCelsius: 24 },
    citation: DESTEXHE_T,
  };
}

// ---------------------------------------------------------------------------------------------
// Slow (cumulative) Na inactivation gate, an option for any m^p·h Na channel

const MIGLIORE_SLOW =
  "Migliore M, Hoffman DA, Magee JC, Johnston D (1999) J Comput Neurosci 7:5, Na channel 'na3' with " +
  "the slow inactivation gate s (ModelDB 2796, na3.mod: vhalfs −60 mV, zetas 12, gms 0.2, a0s 0.0003/ms, " +
  "smax 10 ms, vvh −58 mV, vvs 2 mV, ar2 = floor of s∞; constants read from copies of na3.mod, paper not seen)";

/**
 * Slow inactivation of Na channels as a third gate s (I = gbar·m³·h·s·(V − E)), in the form of
 * Migliore et al. 1999 (na3.mod), with z = 1e-3·zetas·F/(R·T) per mV:
 *   s∞(V) = floor + (1 − floor) / (1 + exp((V − vvh − shift)/vvs))
 *   τs(V) = smax + exp(gms·z·(V − vhalfs − shift)) / (a0s·(1 + exp(z·(V − vhalfs − shift))))
 * s falls towards `floor` within ~smax = 10 ms whenever V is above ≈ −58 mV (every spike) and
 * recovers with τs ≈ 0.5–2 s between −80 and −55 mV, so it accumulates over a train: the
 * "cumulative" slow inactivation of Fleidervish, Friedman & Gutnick 1996 (J Physiol 493:83; not
 * seen) and of the Nav1.1 deficit that grows with firing duration (Hedrich et al. 2014 J Neurosci
 * 34:14874, abstract seen). Deviations: τs = smax + (…) instead of max(smax, …) (≤ 10 ms apart,
 * only where τs is short); s is not a state of the drug block (channels.ts ChannelBlock binds on
 * h only). The channel's temperature factor multiplies every rate of the channel, so τs is
 * stored × φ to keep Migliore's time constants. floor = 1 is no slow inactivation (no gate added).
 */
export const SLOW_INACTIVATION_PARAMETERS = {
  floor: parameter(
    "floor",
    "s∞ at depolarised potentials (na3.mod ar2; 1 = no slow inactivation)",
    1,
    "dimensionless",
    0,
    1,
    MIGLIORE_SLOW,
  ),
  shift: parameter("shift", "shift of s∞ and τs along V (na3.mod sh)", 0, "mV", -40, 40, MIGLIORE_SLOW),
  celsius: parameter("celsius", "temperature of the Boltzmann factor F/RT", 36, "°C", 0, 45, MIGLIORE_SLOW),
} as const satisfies ParameterTable<"floor" | "shift" | "celsius">;

/** The channel with the slow inactivation gate "s" added (unchanged when floor = 1). */
export function withSlowInactivation(
  channel: ChannelSpec,
  overrides?: ParameterOverrides<keyof typeof SLOW_INACTIVATION_PARAMETERS>,
): ChannelSpec {
  const p = resolveParameters(SLOW_INACTIVATION_PARAMETERS, overrides, "withSlowInactivation");
  if (p.floor === 1) return channel;
  if (channel.gates.some((g) => g.name === "s")) {
    throw new RangeError(`channel ${channel.name} already has a gate 's'`);
  }
  const phi = temperatureFactor(channel, p.celsius);
  const z = (1e-3 * 12 * 96480) / (8.315 * (273.16 + p.celsius)); // per mV
  const vhalf = -60 + p.shift;
  const kDen = 1 / z;
  const kNum = 1 / (0.2 * z);
  // exp(gms·z·(V − vhalf))/a0s · φ = exp((V − V1)/kNum) with V1 = vhalf − kNum·ln(φ/a0s)
  const v1 = vhalf - kNum * Math.log(phi / 0.0003);
  const gate: GateSpec = {
    name: "s",
    power: 1,
    kinetics: {
      kind: "steadyState",
      inf: sigmoid(1 - p.floor, -58 + p.shift, -2, p.floor),
      tau: {
        kind: "tTypeTau",
        base: 10 * phi,
        amplitude: 0,
        midpoint1: v1,
        slope1: kNum,
        midpoint2: vhalf,
        slope2: kDen,
      },
    },
  };
  return {
    ...channel,
    description: `${channel.description} with slow inactivation s (floor ${p.floor})`,
    gates: [...channel.gates, gate],
    citation: `${channel.citation}; slow inactivation: ${MIGLIORE_SLOW}`,
  };
}
