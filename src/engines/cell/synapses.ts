/**
 * Conductance synapses (receptors) on a postsynaptic population.
 *
 * Synapses are linear in their conductance, so all synapses of one receptor type onto a neuron
 * share one state: a presynaptic spike through a connection of weight w (nS) adds to it.
 *
 *   exponential     dg/dt = -g/τd;                    spike: g += w
 *   biexponential   dg/dt = -g/τd + h, dh/dt = -h/τr;  spike: h += w·F
 *                   (difference of exponentials; F = (1/τr - 1/τd)/(e^(-tp/τd) - e^(-tp/τr)),
 *                   tp = τr τd ln(τd/τr)/(τd - τr), so that one spike alone peaks at g = w)
 *   current         I = g·B(V)·(E - V), B = 1 without block;
 *   NMDA block      B(V) = 1/(1 + [Mg²⁺]/3.57 mM · exp(-0.062 V/mV))
 *                   (Jahr CE, Stevens CF (1990) J Neurosci 10:3178, fit as used by Brunel & Wang
 *                   2001, J Comput Neurosci 11:63)
 *
 * Integration is exponential Euler with right-hand sides from the start of the step, like the
 * neuron state (for the exponential synapse this is exact): g ← g·e^(-dt/τd);
 * h ← h·e^(-dt/τr), g ← τd·h_old + (g - τd·h_old)·e^(-dt/τd). The block enters the membrane
 * equation at the start-of-step V (the membrane update treats g·B(V) as a constant conductance
 * over the step; Brian2 would reject this nonlinear term for its exponential Euler).
 *
 * Default kinetics: AMPA, NMDA, GABA-A, GABA-B rise/decay times and reversal potentials as in the
 * NESTML model wb_cond_multisyn (verified against its documentation), which takes them from Hill S,
 * Tononi G (2005) J Neurophysiol 93:1671 (that attribution UNVERIFIED here). Deviations: NMDA uses
 * the Jahr–Stevens block above instead of Hill & Tononi's sigmoid; GABA-B is a plain
 * difference of exponentials, without the G-protein cooperativity of Destexhe & Sejnowski's
 * kinetic model.
 */
import { resolveParameters, type ParameterTable, parameter, type ParameterOverrides } from "../parameters.js";
import { exp } from "./exp.js";

export type ReceptorKinetics =
  | { readonly kind: "exponential"; readonly tauDecay: number }
  | { readonly kind: "biexponential"; readonly tauRise: number; readonly tauDecay: number };

export interface ReceptorSpec {
  /** Unique within a population; projections name the receptor they drive. */
  readonly name: string;
  readonly description: string;
  /** Reversal potential (mV). */
  readonly reversal: number;
  readonly kinetics: ReceptorKinetics;
  /** Extracellular Mg²⁺ (mM) for the NMDA block, or null for no voltage dependence. */
  readonly magnesium: number | null;
  readonly citation: string;
}

/** F of the module comment: the jump of h that makes one spike peak at g = 1. */
export function biexponentialPeakFactor(tauRise: number, tauDecay: number): number {
  if (!(tauRise > 0 && tauDecay > tauRise)) {
    throw new RangeError(`biexponential synapse needs 0 < tauRise < tauDecay, got ${tauRise}, ${tauDecay}`);
  }
  const tPeak = ((tauRise * tauDecay) / (tauDecay - tauRise)) * Math.log(tauDecay / tauRise);
  return (1 / tauRise - 1 / tauDecay) / (Math.exp(-tPeak / tauDecay) - Math.exp(-tPeak / tauRise));
}

/** Jahr–Stevens Mg²⁺ block at V (mV) and [Mg²⁺] (mM). */
export function magnesiumBlock(v: number, magnesium: number): number {
  return 1 / (1 + (magnesium / 3.57) * Math.exp(-0.062 * v));
}

export function validateReceptor(r: ReceptorSpec): void {
  const where = `receptor ${r.name}`;
  if (!Number.isFinite(r.reversal)) throw new RangeError(`${where}: reversal must be finite`);
  const k = r.kinetics;
  if (!(k.tauDecay > 0) || !Number.isFinite(k.tauDecay))
    throw new RangeError(`${where}: tauDecay must be > 0`);
  if (k.kind === "biexponential") biexponentialPeakFactor(k.tauRise, k.tauDecay);
  if (r.magnesium !== null && !(r.magnesium >= 0)) throw new RangeError(`${where}: magnesium must be >= 0`);
}

/** State of one receptor type on every neuron of a population. */
export class ReceptorState {
  readonly spec: ReceptorSpec;
  /** Conductance per neuron (nS). */
  readonly g: Float64Array;
  /** Rise variable per neuron (nS/ms) for biexponential kinetics, else null. */
  readonly h: Float64Array | null;
  /** Where spikes add: g (exponential) or h (biexponential). */
  readonly input: Float64Array;
  /** Multiplier of the weight when a spike arrives (1, or F for biexponential). */
  readonly inputScale: number;
  readonly decay: number;
  readonly riseDecay: number;
  readonly tauDecay: number;
  /** [Mg²⁺]/3.57 mM, or 0 without block. */
  readonly magnesiumRatio: number;
  readonly blocked: boolean;

  constructor(spec: ReceptorSpec, size: number, dt: number) {
    validateReceptor(spec);
    this.spec = spec;
    this.g = new Float64Array(size);
    const k = spec.kinetics;
    this.tauDecay = k.tauDecay;
    this.decay = Math.exp(-dt / k.tauDecay);
    if (k.kind === "biexponential") {
      this.h = new Float64Array(size);
      this.input = this.h;
      this.inputScale = biexponentialPeakFactor(k.tauRise, k.tauDecay);
      this.riseDecay = Math.exp(-dt / k.tauRise);
    } else {
      this.h = null;
      this.input = this.g;
      this.inputScale = 1;
      this.riseDecay = 0;
    }
    this.blocked = spec.magnesium !== null;
    this.magnesiumRatio = spec.magnesium === null ? 0 : spec.magnesium / 3.57;
  }

  /** Add g·B(V) to G and g·B(V)·E to I (start-of-step values). */
  accumulate(v: Float64Array, conductance: Float64Array, current: Float64Array, size: number): void {
    const g = this.g;
    const e = this.spec.reversal;
    if (this.blocked) {
      const ratio = this.magnesiumRatio;
      for (let k = 0; k < size; k++) {
        const geff = g[k] / (1 + ratio * exp(-0.062 * v[k]));
        conductance[k] += geff;
        current[k] += geff * e;
      }
    } else {
      for (let k = 0; k < size; k++) {
        const gk = g[k];
        conductance[k] += gk;
        current[k] += gk * e;
      }
    }
  }

  /** Advance the kinetics by one step (exponential Euler, start-of-step right-hand sides). */
  advance(size: number): void {
    const g = this.g;
    const d = this.decay;
    const h = this.h;
    if (h === null) {
      for (let k = 0; k < size; k++) g[k] *= d;
    } else {
      const dr = this.riseDecay;
      const tau = this.tauDecay;
      for (let k = 0; k < size; k++) {
        const hOld = h[k];
        h[k] = hOld * dr;
        const gInf = tau * hOld;
        g[k] = gInf + (g[k] - gInf) * d;
      }
    }
  }

  /** Synaptic current g·B(V)·(E - V) of neuron k (pA), as the LFP proxy and traces use it. */
  current(k: number, v: number): number {
    const b = this.blocked ? 1 / (1 + this.magnesiumRatio * exp(-0.062 * v)) : 1;
    return this.g[k] * b * (this.spec.reversal - v);
  }
}

// ---------------------------------------------------------------------------------------------
// Catalogue

const MULTISYN =
  "NESTML wb_cond_multisyn defaults (from Hill & Tononi 2005, J Neurophysiol 93:1671; attribution UNVERIFIED)";
const JAHR_STEVENS = "Jahr & Stevens 1990, J Neurosci 10:3178 (as used by Brunel & Wang 2001)";
const COBAHH = "Brette et al. 2007, J Comput Neurosci 23:349, benchmark 3 (COBAHH)";

export const AMPA_PARAMETERS = {
  E: parameter("E", "reversal potential", 0, "mV", -20, 20, MULTISYN),
  tauRise: parameter("tauRise", "rise time constant", 0.5, "ms", 0.01, 10, MULTISYN),
  tauDecay: parameter("tauDecay", "decay time constant", 2.4, "ms", 0.1, 50, MULTISYN),
} as const satisfies ParameterTable<"E" | "tauRise" | "tauDecay">;

export function ampaReceptor(overrides?: ParameterOverrides<keyof typeof AMPA_PARAMETERS>): ReceptorSpec {
  const p = resolveParameters(AMPA_PARAMETERS, overrides, "ampa");
  return {
    name: "ampa",
    description: "AMPA receptor (difference of exponentials)",
    reversal: p.E,
    kinetics: { kind: "biexponential", tauRise: p.tauRise, tauDecay: p.tauDecay },
    magnesium: null,
    citation: MULTISYN,
  };
}

export const NMDA_PARAMETERS = {
  E: parameter("E", "reversal potential", 0, "mV", -20, 20, MULTISYN),
  tauRise: parameter("tauRise", "rise time constant", 4, "ms", 0.1, 50, MULTISYN),
  tauDecay: parameter("tauDecay", "decay time constant", 40, "ms", 1, 500, MULTISYN),
  mg: parameter("mg", "extracellular Mg²⁺ concentration", 1, "mM", 0, 10, JAHR_STEVENS),
} as const satisfies ParameterTable<"E" | "tauRise" | "tauDecay" | "mg">;

export function nmdaReceptor(overrides?: ParameterOverrides<keyof typeof NMDA_PARAMETERS>): ReceptorSpec {
  const p = resolveParameters(NMDA_PARAMETERS, overrides, "nmda");
  return {
    name: "nmda",
    description: "NMDA receptor with Mg²⁺ block",
    reversal: p.E,
    kinetics: { kind: "biexponential", tauRise: p.tauRise, tauDecay: p.tauDecay },
    magnesium: p.mg,
    citation: `${MULTISYN}; block: ${JAHR_STEVENS}`,
  };
}

export const GABA_A_PARAMETERS = {
  E: parameter("E", "reversal potential", -70, "mV", -100, -40, MULTISYN),
  tauRise: parameter("tauRise", "rise time constant", 1, "ms", 0.01, 20, MULTISYN),
  tauDecay: parameter("tauDecay", "decay time constant", 7, "ms", 0.5, 100, MULTISYN),
} as const satisfies ParameterTable<"E" | "tauRise" | "tauDecay">;

export function gabaAReceptor(overrides?: ParameterOverrides<keyof typeof GABA_A_PARAMETERS>): ReceptorSpec {
  const p = resolveParameters(GABA_A_PARAMETERS, overrides, "gabaA");
  return {
    name: "gabaA",
    description: "GABA-A receptor (difference of exponentials)",
    reversal: p.E,
    kinetics: { kind: "biexponential", tauRise: p.tauRise, tauDecay: p.tauDecay },
    magnesium: null,
    citation: MULTISYN,
  };
}

export const GABA_B_PARAMETERS = {
  E: parameter("E", "reversal potential", -90, "mV", -120, -60, MULTISYN),
  tauRise: parameter("tauRise", "rise time constant", 60, "ms", 1, 500, MULTISYN),
  tauDecay: parameter("tauDecay", "decay time constant", 200, "ms", 10, 2000, MULTISYN),
} as const satisfies ParameterTable<"E" | "tauRise" | "tauDecay">;

export function gabaBReceptor(overrides?: ParameterOverrides<keyof typeof GABA_B_PARAMETERS>): ReceptorSpec {
  const p = resolveParameters(GABA_B_PARAMETERS, overrides, "gabaB");
  return {
    name: "gabaB",
    description: "GABA-B receptor (slow difference of exponentials)",
    reversal: p.E,
    kinetics: { kind: "biexponential", tauRise: p.tauRise, tauDecay: p.tauDecay },
    magnesium: null,
    citation: MULTISYN,
  };
}

/** A single-exponential receptor (COBAHH's ge and gi are of this kind). */
export function exponentialReceptor(
  name: string,
  reversal: number,
  tauDecay: number,
  citation: string,
  description = "single-exponential conductance",
): ReceptorSpec {
  return {
    name,
    description,
    reversal,
    kinetics: { kind: "exponential", tauDecay },
    magnesium: null,
    citation,
  };
}

export const COBAHH_SYNAPSE_PARAMETERS = {
  Ee: parameter("Ee", "excitatory reversal potential", 0, "mV", -20, 20, COBAHH),
  Ei: parameter("Ei", "inhibitory reversal potential", -80, "mV", -100, -40, COBAHH),
  taue: parameter("taue", "excitatory decay time constant", 5, "ms", 0.1, 100, COBAHH),
  taui: parameter("taui", "inhibitory decay time constant", 10, "ms", 0.1, 100, COBAHH),
  we: parameter("we", "excitatory weight (conductance jump)", 6, "nS", 0, 1000, COBAHH),
  wi: parameter("wi", "inhibitory weight (conductance jump)", 67, "nS", 0, 1000, COBAHH),
} as const satisfies ParameterTable<"Ee" | "Ei" | "taue" | "taui" | "we" | "wi">;

/** COBAHH's excitatory ("ge") and inhibitory ("gi") receptors. */
export function cobahhReceptors(
  overrides?: ParameterOverrides<keyof typeof COBAHH_SYNAPSE_PARAMETERS>,
): [ReceptorSpec, ReceptorSpec] {
  const p = resolveParameters(COBAHH_SYNAPSE_PARAMETERS, overrides, "cobahhSynapses");
  return [
    exponentialReceptor("ge", p.Ee, p.taue, COBAHH, "COBAHH excitatory conductance"),
    exponentialReceptor("gi", p.Ei, p.taui, COBAHH, "COBAHH inhibitory conductance"),
  ];
}
