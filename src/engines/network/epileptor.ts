/**
 * The 6-variable Epileptor in the form of The Virtual Brain, on a connectome.
 *
 * Source: Jirsa VK, Stacey WC, Quilichini PP, Ivanov AI, Bernard C (2014) "On the nature of
 * seizure dynamics", Brain 137:2210–2230, equations of the model section; restated with the
 * low-pass variable g and the coupling terms as in TVB's `Epileptor` (tvb-root
 * `simulator/models/epileptor.py`; Sanz Leon et al. 2013) and in shared/science/epileptor.md §1.2.
 * Per node i (time in model units, tt = 1 by default):
 *
 *   x1' = tt ( y1 - z + Iext + Kvf C1 + F x1 )
 *         F = -a x1^2 + b x1                   if x1 < 0
 *         F = slope - x2 + 0.6 (z - 4)^2       if x1 >= 0
 *   y1' = tt ( c - d x1^2 - y1 )
 *   z'  = tt r ( s (x1 - x0) + [z < 0] (-0.1 z^7) - z + Ks C1 )
 *   x2' = tt ( -y2 + x2 - x2^3 + Iext2 + bb g - 0.3 (z - 3.5) + Kf C2 )
 *   y2' = tt ( -y2 + [x2 >= -0.25] aa (x2 + 0.25) ) / tau
 *   g'  = -tt gamma ( g - 0.1 x1 )
 *
 * C1 and C2 are the difference couplings of x1 and x2 (see coupling.ts), evaluated once per step.
 * Sign convention (as in TVB and the VEP papers): C1 > 0 when neighbours are more active than the
 * node, so a seizing neighbour lowers z (the permittivity variable) and pulls the node towards
 * seizure only when Ks < 0; the VEP set-up uses Ks = -0.2 (Jirsa et al. 2017, NeuroImage
 * 145:377; TVB tutorial "Modeling Epilepsy"). Proix et al. (2014, J Neurosci 34:15009) write the
 * same term as -K sum_j C_ij (x1_j - x1_i), i.e. K = -Ks.
 *
 * Deviations from TVB: the linear z form only (TVB's `modification` sigmoid is not implemented);
 * the linear coefficient `s` of the z equation (4 in the paper) is exposed as a parameter; the
 * g leak (0.01 in the paper and TVB) is exposed as `gamma`.
 */
import {
  checkRegionalLengths,
  type FusedNetworkModel,
  type FusedNetworkStepper,
  type FusedStepRequest,
} from "./model.js";
import type { ParameterTable } from "../parameters.js";
import { DifferenceCoupling, type CouplingGraph } from "./coupling.js";
import { smallestRealCubicRoot } from "../../numerics/roots.js";
import { EpileptorWasmKernel, epileptorWasmAvailable } from "./kernels/epileptor-wasm.js";

const JIRSA2014 =
  "Jirsa et al. 2014, Brain 137:2210 (model equations); default as in TVB Epileptor (Sanz Leon et al. 2013)";
const VEP = "Jirsa et al. 2017, NeuroImage 145:377 (VEP); TVB tutorial 'Modeling Epilepsy'";

export const EPILEPTOR_PARAMETERS = {
  x0: {
    name: "x0",
    description: "excitability (epileptogenicity); autonomous seizures above about -2.06",
    default: -1.6,
    unit: "dimensionless",
    min: -5,
    max: 1,
    citation: JIRSA2014,
  },
  Iext: {
    name: "Iext",
    description: "baseline input to population 1 (paper Irest1)",
    default: 3.1,
    unit: "dimensionless",
    min: 0,
    max: 6,
    citation: JIRSA2014,
  },
  Iext2: {
    name: "Iext2",
    description: "baseline input to population 2 (paper Irest2)",
    default: 0.45,
    unit: "dimensionless",
    min: -2,
    max: 2,
    citation: JIRSA2014,
  },
  a: {
    name: "a",
    description: "cubic coefficient of population 1",
    default: 1,
    unit: "dimensionless",
    min: 0,
    max: 10,
    citation: JIRSA2014,
  },
  b: {
    name: "b",
    description: "square coefficient of population 1",
    default: 3,
    unit: "dimensionless",
    min: 0,
    max: 10,
    citation: JIRSA2014,
  },
  c: {
    name: "c",
    description: "additive constant of y1 (paper y0)",
    default: 1,
    unit: "dimensionless",
    min: -5,
    max: 5,
    citation: JIRSA2014,
  },
  d: {
    name: "d",
    description: "square coefficient of y1",
    default: 5,
    unit: "dimensionless",
    min: 0,
    max: 10,
    citation: JIRSA2014,
  },
  r: {
    name: "r",
    description: "rate of the slow permittivity variable z (1/tau0); sets seizure length",
    default: 0.00035,
    unit: "1/model time unit",
    min: 1e-6,
    max: 0.01,
    citation: JIRSA2014,
  },
  s: {
    name: "s",
    description: "linear coefficient of x1 in the z equation",
    default: 4,
    unit: "dimensionless",
    min: 0,
    max: 10,
    citation: JIRSA2014,
  },
  slope: {
    name: "slope",
    description: "linear coefficient of population 1 on the x1 >= 0 branch",
    default: 0,
    unit: "dimensionless",
    min: -5,
    max: 5,
    citation: JIRSA2014,
  },
  aa: {
    name: "aa",
    description: "gain of f2 in the y2 equation",
    default: 6,
    unit: "dimensionless",
    min: 0,
    max: 20,
    citation: JIRSA2014,
  },
  bb: {
    name: "bb",
    description: "gain of the low-pass variable g into x2 (bb g = 0.002 G)",
    default: 2,
    unit: "dimensionless",
    min: 0,
    max: 10,
    citation: JIRSA2014,
  },
  tau: {
    name: "tau",
    description: "time constant of y2 (paper tau2)",
    default: 10,
    unit: "model time units",
    min: 0.1,
    max: 1000,
    citation: JIRSA2014,
  },
  gamma: {
    name: "gamma",
    description: "leak rate of the low-pass variable g",
    default: 0.01,
    unit: "1/model time unit",
    min: 1e-5,
    max: 1,
    citation: JIRSA2014,
  },
  tt: {
    name: "tt",
    description: "time-scale factor of the whole system",
    default: 1,
    unit: "dimensionless",
    min: 0.01,
    max: 100,
    citation: JIRSA2014,
  },
  Ks: {
    name: "Ks",
    description: "permittivity coupling: gain of the x1 difference coupling into z (VEP -0.2)",
    default: 0,
    unit: "dimensionless",
    min: -10,
    max: 10,
    citation: `${JIRSA2014}; Proix et al. 2014, J Neurosci 34:15009; VEP value -0.2: ${VEP}`,
  },
  Kf: {
    name: "Kf",
    description: "gain of the x2 difference coupling into x2 (spike-wave coupling; VEP 0.1)",
    default: 0,
    unit: "dimensionless",
    min: -10,
    max: 10,
    citation: `${JIRSA2014}; VEP value 0.1: ${VEP}`,
  },
  Kvf: {
    name: "Kvf",
    description: "gain of the x1 difference coupling into x1 (fast coupling)",
    default: 0,
    unit: "dimensionless",
    min: -10,
    max: 10,
    citation: JIRSA2014,
  },
} as const satisfies ParameterTable<string>;

export type EpileptorParameterName = keyof typeof EPILEPTOR_PARAMETERS;

/** Parameters that may differ between nodes; the others are shared by the whole network. */
export const EPILEPTOR_REGIONAL = ["x0", "Iext", "Iext2", "r", "slope", "Ks", "Kf", "Kvf"] as const;
export type EpileptorRegionalName = (typeof EPILEPTOR_REGIONAL)[number];

export const EPILEPTOR_VARIABLES = ["x1", "y1", "z", "x2", "y2", "g"] as const;
/** Initial state of Jirsa et al. (2014) and TVB's docstring (x1, y1, z, x2, y2, g), away from
 *  the fixed point: what an isolated node needs to leave an unstable equilibrium without noise. */
export const EPILEPTOR_PAPER_INITIAL_STATE = [0, -5, 3, 0, 0, 0] as const;

export const X1 = 0;
export const Y1 = 1;
export const Z = 2;
export const X2 = 3;
export const Y2 = 4;
export const G = 5;

export interface EpileptorNetworkConfig {
  graph: CouplingGraph;
  /** Shared parameter values (all names of the table). */
  shared: Record<EpileptorParameterName, number>;
  /** Per-node values of the regional parameters (length = nodes each). */
  regional: Record<EpileptorRegionalName, Float64Array>;
  /** Global factor `a` of the difference coupling (TVB Difference a; VEP 1). */
  couplingScale: number;
}

/**
 * Epileptor network as an ODE system. State layout is variable-major:
 * state[v * n + i] is variable v (order EPILEPTOR_VARIABLES) of node i.
 */
export class EpileptorNetwork implements FusedNetworkModel {
  readonly variables = EPILEPTOR_VARIABLES;
  readonly dimension: number;
  readonly nodes: number;
  private readonly c1: Float64Array;
  private readonly c2: Float64Array;
  private readonly coupling1: DifferenceCoupling;
  private readonly coupling2: DifferenceCoupling;
  private readonly needC1: boolean;
  private readonly needC2: boolean;
  private stepIndex = 0;
  /** The fused WebAssembly step, built at its first use and kept for later runs. */
  private wasmKernel: EpileptorWasmKernel | null = null;

  constructor(private readonly config: EpileptorNetworkConfig) {
    const n = config.graph.nodes;
    this.nodes = n;
    this.dimension = 6 * n;
    checkRegionalLengths(config.regional, EPILEPTOR_REGIONAL, n);
    this.c1 = new Float64Array(n);
    this.c2 = new Float64Array(n);
    this.coupling1 = new DifferenceCoupling(config.graph, config.couplingScale);
    this.coupling2 = new DifferenceCoupling(config.graph, config.couplingScale);
    // Whether each coupling is computed at all is decided here, once: a model's regional arrays
    // are fixed for its lifetime (therapies that change parameters build a new model).
    const { Ks, Kvf, Kf } = config.regional;
    this.needC1 = Ks.some((v) => v !== 0) || Kvf.some((v) => v !== 0);
    this.needC2 = Kf.some((v) => v !== 0);
  }

  /**
   * The fused WebAssembly step (kernels/epileptor.as), bit-identical to beginStep + derivative
   * under the same integrator, or null where WebAssembly SIMD or the memory for the kernel is
   * missing (an error instead when `required`).
   */
  fusedStepper(request: FusedStepRequest, required: boolean): FusedNetworkStepper | null {
    if (this.wasmKernel === null) {
      if (!required && !epileptorWasmAvailable()) return null;
      const { shared, regional } = this.config;
      try {
        this.wasmKernel = new EpileptorWasmKernel({
          graph: this.config.graph,
          couplingScale: this.config.couplingScale,
          shared,
          regional: [
            regional.x0,
            regional.Iext,
            regional.Iext2,
            regional.r,
            regional.slope,
            regional.Ks,
            regional.Kf,
            regional.Kvf,
          ],
          needC1: this.needC1,
          needC2: this.needC2,
        });
      } catch (error) {
        // A RangeError is memory that could not be had: the TypeScript path needs less.
        if (required || !(error instanceof RangeError)) throw error;
        return null;
      }
    }
    return this.wasmKernel.start(request);
  }

  /** Set up the delay history from the initial state and restart the step counter. */
  initialise(state: Float64Array): void {
    const n = this.nodes;
    this.coupling1.fillHistory(state, X1 * n);
    this.coupling2.fillHistory(state, X2 * n);
    this.stepIndex = 0;
  }

  beginStep(_t: number, state: Float64Array): void {
    const n = this.nodes;
    if (this.needC1) this.coupling1.compute(this.stepIndex, state, X1 * n, this.c1, 0);
    if (this.needC2) this.coupling2.compute(this.stepIndex, state, X2 * n, this.c2, 0);
    this.stepIndex++;
  }

  derivative(_t: number, state: Float64Array, out: Float64Array): void {
    const n = this.nodes;
    const p = this.config.shared;
    const { x0, Iext, Iext2, r, slope, Ks, Kf, Kvf } = this.config.regional;
    const a = p.a,
      b = p.b,
      c = p.c,
      d = p.d,
      s = p.s,
      aa = p.aa,
      bb = p.bb;
    const invTau = 1 / p.tau,
      gamma = p.gamma,
      tt = p.tt;
    const c1 = this.c1,
      c2 = this.c2;
    for (let i = 0; i < n; i++) {
      const x1 = state[i];
      const y1 = state[n + i];
      const z = state[2 * n + i];
      const x2 = state[3 * n + i];
      const y2 = state[4 * n + i];
      const g = state[5 * n + i];
      const zm4 = z - 4;
      const F = x1 < 0 ? -a * x1 * x1 + b * x1 : slope[i] - x2 + 0.6 * zm4 * zm4;
      const C1 = c1[i];
      out[i] = tt * (y1 - z + Iext[i] + Kvf[i] * C1 + F * x1);
      out[n + i] = tt * (c - d * x1 * x1 - y1);
      let h = s * (x1 - x0[i]);
      if (z < 0) {
        const z2 = z * z;
        h -= 0.1 * z2 * z2 * z2 * z;
      }
      out[2 * n + i] = tt * r[i] * (h - z + Ks[i] * C1);
      out[3 * n + i] = tt * (-y2 + x2 - x2 * x2 * x2 + Iext2[i] + bb * g - 0.3 * (z - 3.5) + Kf[i] * c2[i]);
      out[4 * n + i] = tt * (-y2 + (x2 >= -0.25 ? aa * (x2 + 0.25) : 0)) * invTau;
      out[5 * n + i] = -tt * gamma * (g - 0.1 * x1);
    }
  }
}

/**
 * The interictal fixed point of each uncoupled node, used as the initial state (as in
 * shared/reference/epileptor/vep_reference.py): y1 on its nullcline, z = s (x1 - x0),
 * x1 the smallest real root of a x1^3 + (d - b) x1^2 + s x1 - s x0 - c - Iext = 0, g = 0.1 x1,
 * y2 = 0 and x2 the smallest real root of -x2^3 + x2 + Iext2 + bb g - 0.3 (z - 3.5) = 0.
 */
export function epileptorRestingState(
  shared: Record<EpileptorParameterName, number>,
  regional: Record<EpileptorRegionalName, Float64Array>,
): Float64Array {
  const n = regional.x0.length;
  const state = new Float64Array(6 * n);
  const { c, d, s, bb } = shared;
  for (let i = 0; i < n; i++) {
    const x0 = regional.x0[i];
    const x1 = population1RestingX1(shared, x0, regional.Iext[i]);
    const z = s * (x1 - x0);
    const g = 0.1 * x1;
    const x2 = smallestRealCubicRoot(-1, 0, 1, regional.Iext2[i] + bb * g - 0.3 * (z - 3.5));
    state[X1 * n + i] = x1;
    state[Y1 * n + i] = c - d * x1 * x1;
    state[Z * n + i] = z;
    state[X2 * n + i] = x2;
    state[Y2 * n + i] = 0;
    state[G * n + i] = g;
  }
  return state;
}

/**
 * x1 at the interictal fixed point of population 1 with y1 on its nullcline (shared by the 6-D
 * and 2-D forms): the smallest real root of a x1^3 + (d - b) x1^2 + s x1 - s x0 - c - Iext = 0.
 */
export function population1RestingX1(
  p: { a: number; b: number; c: number; d: number; s: number },
  x0: number,
  Iext: number,
): number {
  return smallestRealCubicRoot(p.a, p.d - p.b, p.s, -p.s * x0 - p.c - Iext);
}
