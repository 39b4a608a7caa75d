/**
 * The hippocampal neural-mass model of Wendling, Bartolomei, Bellanger & Chauvel (2002)
 * "Epileptic fast activity can be explained by a model of impaired GABAergic dendritic
 * inhibition", Eur J Neurosci 15:1499–1508, on a connectome.
 *
 * Four populations: pyramidal cells, excitatory interneurons, slow (dendritic-projecting)
 * GABA-A interneurons and fast (somatic-projecting) GABA-A interneurons. Every synaptic path is
 * a second-order linear filter with impulse response h(t) = W w t exp(-w t) (gain W in mV, rate
 * w), written as two first-order ODEs; the populations turn membrane potential into pulse
 * density through the sigmoid S(v) = 2 e0 / (1 + exp(r (v0 - v))). Per node i (equations as
 * restated in shared/science/neural_mass.md §3.1; Jansen & Rit 1995, Biol Cybern 73:357, for
 * the three-population core):
 *
 *   y0' = y5 ;  y5' = A a S(y1 - y2 - y3)              - 2 a y5 - a^2 y0
 *   y1' = y6 ;  y6' = A a (p_i(t) + C2 S(C1 y0))       - 2 a y6 - a^2 y1
 *   y2' = y7 ;  y7' = B b C4 S(C3 y0)                  - 2 b y7 - b^2 y2
 *   y3' = y8 ;  y8' = G g C7 S(C5 y0 - C6 y4)          - 2 g y8 - g^2 y3
 *   y4' = y9 ;  y9' = B b S(C3 y0)                     - 2 b y9 - b^2 y4
 *
 * with Ck = alphak C. The local field potential of a region (the model's intracerebral EEG) is
 * the pyramidal membrane potential y1 - y2 - y3 (mV).
 *
 * Time unit: the millisecond. Rates (a, b, g, e0) are in 1/ms and pulse densities (p, S) in
 * pulses/ms, as in The Virtual Brain's Jansen–Rit model (Sanz Leon et al. 2013, Front
 * Neuroinform 7:10); the paper's values are these times 1000 (a = 100 s^-1, p mean 90 pulses/s).
 *
 * Input p_i(t) = pMean_i + K sum_j w_ij S(v_j(t - D_ij)) + noise:
 * - Noise: the paper draws p as Gaussian white noise (mean 90, SD 30 pulses/s) once per sample;
 *   the authors' published code (ModelDB 97983, EEGmodel.c) does so at 512 Hz with Euler steps.
 *   A sequence of independent samples of SD s held for T has, below 1/T, the spectral density of
 *   white noise of intensity s^2 T. Here p's fluctuation is that white noise:
 *   p = pMean + pSd sqrt(pSamplePeriod) xi(t), integrated as an SDE (additive noise on y6 of
 *   amplitude A a pSd sqrt(pSamplePeriod)), so results converge as dt shrinks and, at
 *   dt = pSamplePeriod with Euler–Maruyama, the update is exactly the authors' (p drawn per step).
 *   This reformulation follows the critique of Fietkiewicz & Loparo (2016, Scientifica
 *   2016:3628247) that the per-sample form ties the noise power to the step size.
 * - Coupling (network extension, not in the 2002 single-population paper): each region receives
 *   the pyramidal output pulse density S(v_j) of the others, v_j = y1_j - y2_j - y3_j, weighted by
 *   the connectome, delayed by D_ij (tract length / conduction speed) and scaled by the global
 *   gain K, into its excitatory input p, as the coupled populations of Wendling et al. (2000,
 *   Biol Cybern 83:367) and TVB's sigmoidal Jansen–Rit coupling. Deviation from Wendling 2000:
 *   no extra delay kernel on the coupling path (the delay is a pure conduction delay). The sum is
 *   held over each step (evaluated from the state at the start of the step, as TVB does).
 */
import type { ParameterTable } from "../parameters.js";
import { parameter } from "../parameters.js";
import { DifferenceCoupling, type CouplingGraph } from "./coupling.js";
import { checkRegionalLengths, type NetworkModel } from "./model.js";

const W2002 = "Wendling et al. 2002, Eur J Neurosci 15:1499";
const JR1995 = "Jansen & Rit 1995, Biol Cybern 73:357; Wendling et al. 2002";
const MODELDB = "ModelDB 97983 (Wendling et al. 2005, J Clin Neurophysiol 22:343), EEGmodel.c: 512 Hz";

export const WENDLING_PARAMETERS = {
  A: parameter(
    "A",
    "excitatory synaptic gain (EPSP amplitude)",
    3.25,
    "mV",
    0,
    30,
    `${W2002}; 5 in the epileptic maps`,
  ),
  B: parameter("B", "slow dendritic GABA-A synaptic gain (IPSP amplitude)", 22, "mV", 0, 100, W2002),
  G: parameter("G", "fast somatic GABA-A synaptic gain (IPSP amplitude)", 10, "mV", 0, 100, W2002),
  a: parameter("a", "excitatory rate constant (paper 100 s^-1, tau 10 ms)", 0.1, "1/ms", 0.001, 10, W2002),
  b: parameter(
    "b",
    "slow inhibitory rate constant (paper 50 s^-1, tau 20 ms)",
    0.05,
    "1/ms",
    0.001,
    10,
    W2002,
  ),
  g: parameter(
    "g",
    "fast inhibitory rate constant (paper 500 s^-1, tau 2 ms)",
    0.5,
    "1/ms",
    0.001,
    10,
    W2002,
  ),
  C: parameter(
    "C",
    "average number of synaptic contacts (connectivity constant)",
    135,
    "dimensionless",
    0,
    1000,
    JR1995,
  ),
  alpha1: parameter(
    "alpha1",
    "C1 / C: pyramidal -> excitatory interneurons",
    1,
    "dimensionless",
    0,
    10,
    JR1995,
  ),
  alpha2: parameter(
    "alpha2",
    "C2 / C: excitatory interneurons -> pyramidal",
    0.8,
    "dimensionless",
    0,
    10,
    JR1995,
  ),
  alpha3: parameter(
    "alpha3",
    "C3 / C: pyramidal -> slow inhibitory interneurons",
    0.25,
    "dimensionless",
    0,
    10,
    JR1995,
  ),
  alpha4: parameter(
    "alpha4",
    "C4 / C: slow inhibitory interneurons -> pyramidal",
    0.25,
    "dimensionless",
    0,
    10,
    JR1995,
  ),
  alpha5: parameter(
    "alpha5",
    "C5 / C: pyramidal -> fast inhibitory interneurons",
    0.3,
    "dimensionless",
    0,
    10,
    W2002,
  ),
  alpha6: parameter(
    "alpha6",
    "C6 / C: slow -> fast inhibitory interneurons",
    0.1,
    "dimensionless",
    0,
    10,
    W2002,
  ),
  alpha7: parameter(
    "alpha7",
    "C7 / C: fast inhibitory interneurons -> pyramidal",
    0.8,
    "dimensionless",
    0,
    10,
    W2002,
  ),
  e0: parameter(
    "e0",
    "half the maximal firing rate of the sigmoid (paper 2.5 s^-1)",
    0.0025,
    "1/ms",
    0,
    1,
    JR1995,
  ),
  v0: parameter("v0", "potential at half the maximal firing rate", 6, "mV", -50, 50, JR1995),
  r: parameter("r", "steepness of the sigmoid", 0.56, "1/mV", 0.01, 10, JR1995),
  pMean: parameter(
    "pMean",
    "mean of the input pulse density p (paper 90 pulses/s)",
    0.09,
    "pulses/ms",
    0,
    1,
    W2002,
  ),
  pSd: parameter(
    "pSd",
    "SD of the input pulse density per sample (paper 30 pulses/s)",
    0.03,
    "pulses/ms",
    0,
    1,
    W2002,
  ),
  pSamplePeriod: parameter(
    "pSamplePeriod",
    "interval at which the published p samples were drawn (1/512 s); sets the input noise intensity pSd^2 pSamplePeriod",
    1000 / 512,
    "ms",
    0.01,
    100,
    MODELDB,
  ),
} as const satisfies ParameterTable<string>;

export type WendlingParameterName = keyof typeof WENDLING_PARAMETERS;

/** Parameters that may differ between regions (zones and region overrides of a scenario). */
export const WENDLING_REGIONAL = ["A", "B", "G", "pMean", "pSd"] as const;
export type WendlingRegionalName = (typeof WENDLING_REGIONAL)[number];

export const WENDLING_VARIABLES = ["y0", "y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8", "y9"] as const;
/** Index of y6, the derivative of the excitatory PSP y1, where the input noise enters. */
export const WENDLING_NOISY_VARIABLE = 6;

export interface WendlingNetworkConfig {
  graph: CouplingGraph;
  /** Shared parameter values (all names of the table). */
  shared: Record<WendlingParameterName, number>;
  /** Per-node values of the regional parameters. */
  regional: Record<WendlingRegionalName, Float64Array>;
  /** Global gain K of the pyramidal-output coupling (dimensionless). */
  couplingScale: number;
}

/** The sigmoid S(v) = 2 e0 / (1 + exp(r (v0 - v))), in pulses/ms. */
export function wendlingSigmoid(v: number, e0: number, v0: number, r: number): number {
  return (2 * e0) / (1 + Math.exp(r * (v0 - v)));
}

/**
 * Wendling network as an ODE system; the input noise is supplied by the simulation loop as
 * additive noise on y6 (see wendlingNoiseSigma). State layout is variable-major:
 * state[v * n + i] is variable v (order WENDLING_VARIABLES) of node i.
 */
export class WendlingNetwork implements NetworkModel {
  readonly variables = WENDLING_VARIABLES;
  readonly dimension: number;
  readonly nodes: number;
  /** Pyramidal output S(v_j) of every node at the start of the step. */
  private readonly rates: Float64Array;
  /** Coupled input K sum_j w_ij S(v_j(t - D_ij)) of every node, held over the step. */
  private readonly input: Float64Array;
  private readonly coupling: DifferenceCoupling;
  private readonly needCoupling: boolean;
  private stepIndex = 0;

  constructor(private readonly config: WendlingNetworkConfig) {
    const n = config.graph.nodes;
    this.nodes = n;
    this.dimension = 10 * n;
    checkRegionalLengths(config.regional, WENDLING_REGIONAL, n);
    if (!Number.isFinite(config.couplingScale) || config.couplingScale < 0)
      throw new RangeError(`coupling scale K must be finite and >= 0, got ${config.couplingScale}`);
    this.rates = new Float64Array(n);
    this.input = new Float64Array(n);
    // The difference coupling with unit factor gives sum_j w_ij x_j(t - D_ij) - rowSum_i x_i(t);
    // adding rowSum_i x_i back gives the plain weighted sum this model needs, with the same
    // delay handling and summation order as the Epileptor's coupling.
    this.coupling = new DifferenceCoupling(config.graph, 1);
    this.needCoupling = config.couplingScale !== 0 && config.graph.column.length > 0;
  }

  private pyramidalRates(state: Float64Array): void {
    const n = this.nodes;
    const { e0, v0, r } = this.config.shared;
    for (let i = 0; i < n; i++) {
      this.rates[i] = wendlingSigmoid(state[n + i] - state[2 * n + i] - state[3 * n + i], e0, v0, r);
    }
  }

  initialise(state: Float64Array): void {
    this.pyramidalRates(state);
    this.coupling.fillHistory(this.rates, 0);
    this.input.fill(0);
    this.stepIndex = 0;
  }

  beginStep(_t: number, state: Float64Array): void {
    if (this.needCoupling) {
      this.pyramidalRates(state);
      const input = this.input;
      this.coupling.compute(this.stepIndex, this.rates, 0, input, 0);
      const K = this.config.couplingScale;
      const rowSum = this.config.graph.rowSum;
      for (let i = 0; i < this.nodes; i++) input[i] = K * (input[i] + rowSum[i] * this.rates[i]);
    }
    this.stepIndex++;
  }

  derivative(_t: number, state: Float64Array, out: Float64Array): void {
    const n = this.nodes;
    const p = this.config.shared;
    const { A, B, G, pMean } = this.config.regional;
    const a = p.a,
      b = p.b,
      g = p.g,
      e0 = p.e0,
      v0 = p.v0,
      r = p.r;
    const C1 = p.alpha1 * p.C,
      C2 = p.alpha2 * p.C,
      C3 = p.alpha3 * p.C,
      C4 = p.alpha4 * p.C,
      C5 = p.alpha5 * p.C,
      C6 = p.alpha6 * p.C,
      C7 = p.alpha7 * p.C;
    const a2 = a * a,
      b2 = b * b,
      g2 = g * g;
    const input = this.input;
    for (let i = 0; i < n; i++) {
      const y0 = state[i];
      const y1 = state[n + i];
      const y2 = state[2 * n + i];
      const y3 = state[3 * n + i];
      const y4 = state[4 * n + i];
      const y5 = state[5 * n + i];
      const y6 = state[6 * n + i];
      const y7 = state[7 * n + i];
      const y8 = state[8 * n + i];
      const y9 = state[9 * n + i];
      const Aa = A[i] * a;
      const Bb = B[i] * b;
      const slowRate = wendlingSigmoid(C3 * y0, e0, v0, r);
      out[i] = y5;
      out[n + i] = y6;
      out[2 * n + i] = y7;
      out[3 * n + i] = y8;
      out[4 * n + i] = y9;
      out[5 * n + i] = Aa * wendlingSigmoid(y1 - y2 - y3, e0, v0, r) - 2 * a * y5 - a2 * y0;
      out[6 * n + i] =
        Aa * (pMean[i] + input[i] + C2 * wendlingSigmoid(C1 * y0, e0, v0, r)) - 2 * a * y6 - a2 * y1;
      out[7 * n + i] = Bb * C4 * slowRate - 2 * b * y7 - b2 * y2;
      out[8 * n + i] = G[i] * g * C7 * wendlingSigmoid(C5 * y0 - C6 * y4, e0, v0, r) - 2 * g * y8 - g2 * y3;
      out[9 * n + i] = Bb * slowRate - 2 * b * y9 - b2 * y4;
    }
  }
}

/**
 * Additive noise amplitude per state variable and node (variable-major, length 10 n): zero
 * everywhere except y6, where it is A_i a pSd_i sqrt(pSamplePeriod) (mV/ms per sqrt(ms)); see the
 * input-noise note at the top of this file.
 */
export function wendlingNoiseSigma(
  shared: Record<WendlingParameterName, number>,
  regional: Record<WendlingRegionalName, Float64Array>,
): Float64Array {
  const n = regional.A.length;
  const sigma = new Float64Array(WENDLING_VARIABLES.length * n);
  const root = Math.sqrt(shared.pSamplePeriod);
  for (let i = 0; i < n; i++) {
    sigma[WENDLING_NOISY_VARIABLE * n + i] = regional.A[i] * shared.a * regional.pSd[i] * root;
  }
  return sigma;
}

/** The model's local field potential y1 - y2 - y3 (mV) from recorded y1, y2, y3 (same layout). */
export function wendlingLfp(y1: Float64Array, y2: Float64Array, y3: Float64Array): Float64Array {
  const out = new Float64Array(y1.length);
  for (let k = 0; k < y1.length; k++) out[k] = y1[k] - y2[k] - y3[k];
  return out;
}
