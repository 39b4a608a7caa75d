/**
 * The 2-D Epileptor (fast variable x1 and permittivity z) on a connectome.
 *
 * Source: Proix T, Bartolomei F, Chauvel P, Bernard C, Jirsa VK (2014) "Permittivity coupling
 * across brain regions determines seizure recruitment in partial epilepsy", J Neurosci
 * 34:15009–15021 (reduced model, their equations 2–3), obtained from the 6-D Epileptor (Jirsa et
 * al. 2014) by slaving y1 to its nullcline y1 = c - d x1^2 and dropping population 2 (x2 = 0);
 * parameter names and defaults as TVB's `Epileptor2D`; restated in
 * shared/science/epileptor.md §2. Per node i:
 *
 *   x1' = tt ( -a x1^3 + (b - d) x1^2 + c - z + Iext + Kvf C )                   if x1 < 0
 *   x1' = tt ( c - z + Iext - (d x1 - slope - 0.6 (z - 4)^2) x1 + Kvf C )          if x1 >= 0
 *   z'  = tt r ( s (x1 - x0) + [z < 0] (-0.1 z^7) - z + Ks C )
 *
 * with defaults a=1, b=3, c=1, d=5 giving x1' = -x1^3 - 2 x1^2 + 1 - z + Iext (x1 < 0), and C
 * the difference coupling of x1 (coupling.ts), held over the step. Sign convention as in
 * epileptor.ts: Proix et al.'s -K sum_j C_ij (x1_j - x1_i) is Ks = -K here.
 *
 * Deviation: TVB's optional sigmoidal z (`modification`) is not implemented. The SEEG source of a
 * 2-D node is -x1 (the 6-D x2 - x1 with population 2 removed).
 */
import type { ParameterTable } from "../parameters.js";
import { DifferenceCoupling, type CouplingGraph } from "./coupling.js";
import { population1RestingX1 } from "./epileptor.js";
import { checkRegionalLengths, type NetworkModel } from "./model.js";

const PROIX2014 = "Proix et al. 2014, J Neurosci 34:15009 (2-D reduction); defaults as TVB Epileptor2D";

export const EPILEPTOR2D_PARAMETERS = {
  x0: {
    name: "x0",
    description: "excitability (epileptogenicity); autonomous seizures above about -2.06",
    default: -1.6,
    unit: "dimensionless",
    min: -5,
    max: 1,
    citation: PROIX2014,
  },
  Iext: {
    name: "Iext",
    description: "baseline input to the fast subsystem",
    default: 3.1,
    unit: "dimensionless",
    min: 0,
    max: 6,
    citation: PROIX2014,
  },
  a: {
    name: "a",
    description: "cubic coefficient",
    default: 1,
    unit: "dimensionless",
    min: 0,
    max: 10,
    citation: PROIX2014,
  },
  b: {
    name: "b",
    description: "square coefficient",
    default: 3,
    unit: "dimensionless",
    min: 0,
    max: 10,
    citation: PROIX2014,
  },
  c: {
    name: "c",
    description: "additive constant of the slaved y1",
    default: 1,
    unit: "dimensionless",
    min: -5,
    max: 5,
    citation: PROIX2014,
  },
  d: {
    name: "d",
    description: "square coefficient of the slaved y1",
    default: 5,
    unit: "dimensionless",
    min: 0,
    max: 10,
    citation: PROIX2014,
  },
  r: {
    name: "r",
    description: "rate of the permittivity variable z (1/tau0)",
    default: 0.00035,
    unit: "1/model time unit",
    min: 1e-6,
    max: 0.01,
    citation: PROIX2014,
  },
  s: {
    name: "s",
    description: "linear coefficient of x1 in the z equation",
    default: 4,
    unit: "dimensionless",
    min: 0,
    max: 10,
    citation: PROIX2014,
  },
  slope: {
    name: "slope",
    description: "linear coefficient on the x1 >= 0 branch",
    default: 0,
    unit: "dimensionless",
    min: -5,
    max: 5,
    citation: PROIX2014,
  },
  tt: {
    name: "tt",
    description: "time-scale factor of the whole system",
    default: 1,
    unit: "dimensionless",
    min: 0.01,
    max: 100,
    citation: PROIX2014,
  },
  Ks: {
    name: "Ks",
    description: "permittivity coupling: gain of the x1 difference coupling into z (Proix K = -Ks)",
    default: 0,
    unit: "dimensionless",
    min: -10,
    max: 10,
    citation: PROIX2014,
  },
  Kvf: {
    name: "Kvf",
    description: "gain of the x1 difference coupling into x1",
    default: 0,
    unit: "dimensionless",
    min: -10,
    max: 10,
    citation: PROIX2014,
  },
} as const satisfies ParameterTable<string>;

export type Epileptor2DParameterName = keyof typeof EPILEPTOR2D_PARAMETERS;
export const EPILEPTOR2D_REGIONAL = ["x0", "Iext", "r", "slope", "Ks", "Kvf"] as const;
export type Epileptor2DRegionalName = (typeof EPILEPTOR2D_REGIONAL)[number];
export const EPILEPTOR2D_VARIABLES = ["x1", "z"] as const;

/** The 6-D paper initial state restricted to (x1, z); see EPILEPTOR_PAPER_INITIAL_STATE. */
export const EPILEPTOR2D_PAPER_INITIAL_STATE = [0, 3] as const;

export interface Epileptor2DNetworkConfig {
  graph: CouplingGraph;
  shared: Record<Epileptor2DParameterName, number>;
  regional: Record<Epileptor2DRegionalName, Float64Array>;
  couplingScale: number;
}

/** State layout: state[i] = x1 of node i, state[n + i] = z of node i. */
export class Epileptor2DNetwork implements NetworkModel {
  readonly variables = EPILEPTOR2D_VARIABLES;
  readonly dimension: number;
  readonly nodes: number;
  private readonly c1: Float64Array;
  private readonly coupling: DifferenceCoupling;
  private readonly needCoupling: boolean;
  private stepIndex = 0;

  constructor(private readonly config: Epileptor2DNetworkConfig) {
    const n = config.graph.nodes;
    this.nodes = n;
    this.dimension = 2 * n;
    checkRegionalLengths(config.regional, EPILEPTOR2D_REGIONAL, n);
    this.c1 = new Float64Array(n);
    this.coupling = new DifferenceCoupling(config.graph, config.couplingScale);
    this.needCoupling = config.regional.Ks.some((v) => v !== 0) || config.regional.Kvf.some((v) => v !== 0);
  }

  initialise(state: Float64Array): void {
    this.coupling.fillHistory(state, 0);
    this.stepIndex = 0;
  }

  beginStep(_t: number, state: Float64Array): void {
    if (this.needCoupling) this.coupling.compute(this.stepIndex, state, 0, this.c1, 0);
    this.stepIndex++;
  }

  derivative(_t: number, state: Float64Array, out: Float64Array): void {
    const n = this.nodes;
    const p = this.config.shared;
    const { x0, Iext, r, slope, Ks, Kvf } = this.config.regional;
    const a = p.a,
      bmd = p.b - p.d,
      c = p.c,
      d = p.d,
      s = p.s,
      tt = p.tt;
    const c1 = this.c1;
    for (let i = 0; i < n; i++) {
      const x1 = state[i];
      const z = state[n + i];
      const C = c1[i];
      let dx: number;
      if (x1 < 0) {
        dx = -a * x1 * x1 * x1 + bmd * x1 * x1 + c - z + Iext[i];
      } else {
        const zm4 = z - 4;
        dx = c - z + Iext[i] - (d * x1 - slope[i] - 0.6 * zm4 * zm4) * x1;
      }
      out[i] = tt * (dx + Kvf[i] * C);
      let h = s * (x1 - x0[i]);
      if (z < 0) {
        const z2 = z * z;
        h -= 0.1 * z2 * z2 * z2 * z;
      }
      out[n + i] = tt * r[i] * (h - z + Ks[i] * C);
    }
  }
}

/** Interictal fixed point of each uncoupled node (see population1RestingX1). */
export function epileptor2DRestingState(
  shared: Record<Epileptor2DParameterName, number>,
  regional: Record<Epileptor2DRegionalName, Float64Array>,
): Float64Array {
  const n = regional.x0.length;
  const state = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const x1 = population1RestingX1(shared, regional.x0[i], regional.Iext[i]);
    state[i] = x1;
    state[n + i] = shared.s * (x1 - regional.x0[i]);
  }
  return state;
}
