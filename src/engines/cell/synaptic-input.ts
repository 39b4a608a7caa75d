/**
 * Mean synaptic input to the cells of a population, per receptor: the time-and-population mean of
 * the effective conductance g·B(V) (B the Mg²⁺ block for NMDA, 1 otherwise) and of the synaptic
 * current g·B(V)·(E_rev − V) (positive = depolarising), and the mean membrane potential, sampled
 * at the start of every `every`-th step from step `fromStep` on (the same schedule as
 * SynchronyMonitor). It reads the state only, so a run is bit-identical with or without it.
 *
 * Why both conductance and current: a GABA-A conductance whose reversal lies near the membrane
 * potential shunts more than it hyperpolarises, so the ratio of inhibitory to excitatory
 * conductance and the ratio of the currents tell different things. Estimates of "background"
 * synaptic excitation and inhibition in slices are conductances (e.g. Greenhill SD, Jones RSG 2010,
 * Neuroscience 167:456, from membrane-potential fluctuations with the approach they validated in
 * Greenhill & Jones 2007, Neuroscience 147:884; both cited as in the 2010 abstract), which these
 * means correspond to.
 *
 * Units: densities per unit membrane area of the population's model (mS/cm² and µA/cm²), i.e. the
 * absolute values (nS, pA) × 100 / area (µm²), population.ts conventions.
 */
import type { Monitor } from "./monitors.js";
import type { Population } from "./population.js";
import { exp } from "./exp.js";

export interface ReceptorInput {
  readonly receptor: string;
  /** Reversal potential (mV). */
  readonly reversal: number;
  /** Mean effective conductance g·B(V) (mS/cm²). */
  readonly conductance: number;
  /** Mean synaptic current g·B(V)·(E_rev − V) (µA/cm², positive = depolarising). */
  readonly current: number;
}

export interface SynapticInput {
  readonly receptors: readonly ReceptorInput[];
  /** Mean membrane potential over cells and samples (mV). */
  readonly meanPotential: number;
  /** Number of samples (time points) averaged. */
  readonly samples: number;
}

export class SynapticInputMonitor implements Monitor {
  readonly phase = "start" as const;
  readonly population: Population;
  readonly every: number;
  readonly fromStep: number;
  private readonly conductanceSum: Float64Array;
  private readonly currentSum: Float64Array;
  private potentialSum = 0;
  private samples = 0;

  constructor(population: Population, every = 1, fromStep = 0) {
    if (!Number.isInteger(every) || every < 1)
      throw new RangeError(`synaptic input interval must be a positive integer, got ${every}`);
    if (!Number.isInteger(fromStep) || fromStep < 0)
      throw new RangeError(`synaptic input start step must be a non-negative integer, got ${fromStep}`);
    this.population = population;
    this.every = every;
    this.fromStep = fromStep;
    this.conductanceSum = new Float64Array(population.receptors.length);
    this.currentSum = new Float64Array(population.receptors.length);
  }

  record(step: number): void {
    if (step < this.fromStep || (step - this.fromStep) % this.every !== 0) return;
    const p = this.population;
    const v = p.v;
    const n = p.size;
    for (let r = 0; r < p.receptors.length; r++) {
      const state = p.receptors[r];
      const g = state.g;
      const e = state.spec.reversal;
      const ratio = state.magnesiumRatio;
      let gSum = 0;
      let iSum = 0;
      if (state.blocked) {
        for (let k = 0; k < n; k++) {
          const geff = g[k] / (1 + ratio * exp(-0.062 * v[k]));
          gSum += geff;
          iSum += geff * (e - v[k]);
        }
      } else {
        for (let k = 0; k < n; k++) {
          gSum += g[k];
          iSum += g[k] * (e - v[k]);
        }
      }
      this.conductanceSum[r] += gSum;
      this.currentSum[r] += iSum;
    }
    let vSum = 0;
    for (let k = 0; k < n; k++) vSum += v[k];
    this.potentialSum += vSum;
    this.samples++;
  }

  /** The means so far; NaN everywhere before the first sample. */
  result(): SynapticInput {
    const p = this.population;
    const count = this.samples * p.size;
    // absolute (nS, pA) → density (mS/cm², µA/cm²): × 100 / area (population.ts toAbsolute)
    const toDensity = 100 / p.model.area / count;
    return {
      receptors: p.receptors.map((state, r) => ({
        receptor: state.spec.name,
        reversal: state.spec.reversal,
        conductance: this.conductanceSum[r] * toDensity,
        current: this.currentSum[r] * toDensity,
      })),
      meanPotential: this.potentialSum / count,
      samples: this.samples,
    };
  }
}
