/**
 * Population synchrony χ of Golomb & Rinzel (Golomb D, Rinzel J (1993) Phys Rev E 48:4810–4814;
 * (1994) Physica D 72:259–282; reviewed in Golomb D (2007) "Neuronal synchrony measures",
 * Scholarpedia 2(1):1347; definition checked against BrainPy's `voltage_fluctuation`
 * documentation, which cites the same three sources):
 *
 *   V̄(t) = (1/N) Σ_i V_i(t),   σ²_V̄ = ⟨V̄²⟩_t − ⟨V̄⟩_t²,   σ²_i = ⟨V_i²⟩_t − ⟨V_i⟩_t²
 *   χ² = σ²_V̄ / ((1/N) Σ_i σ²_i)
 *
 * χ = 1 when every neuron has the same trace (full synchrony) and χ ≈ 1/√N for independent
 * neurons (the variance of a mean of N independent signals), plus a bias of order 1/√T from the
 * finite number T of samples. By the Cauchy–Schwarz inequality χ ≤ 1.
 *
 * Streaming: the time averages are running sums, so a run of any length costs O(N) memory and no
 * allocation per sample. Each neuron's values are taken relative to its first sample (the "shifted
 * data" form of the variance), which keeps the sums of squares from cancelling catastrophically
 * when the mean (≈ −65 mV) is much larger than the spread.
 */
import type { Monitor } from "./monitors.js";
import type { Population } from "./population.js";

/** Running sums for χ over samples of N signals. */
export class SynchronyAccumulator {
  readonly size: number;
  /** Samples added so far. */
  samples = 0;
  private readonly reference: Float64Array;
  private readonly sum: Float64Array;
  private readonly sumSquares: Float64Array;
  private meanReference = 0;
  private meanSum = 0;
  private meanSumSquares = 0;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`synchrony: size must be a positive integer, got ${size}`);
    this.size = size;
    this.reference = new Float64Array(size);
    this.sum = new Float64Array(size);
    this.sumSquares = new Float64Array(size);
  }

  /** Add one sample: values[offset + i·stride] is signal i. */
  add(values: ArrayLike<number>, offset = 0, stride = 1): void {
    const n = this.size;
    const first = this.samples === 0;
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const x = values[offset + i * stride];
      mean += x;
      if (first) this.reference[i] = x;
      const d = x - this.reference[i];
      this.sum[i] += d;
      this.sumSquares[i] += d * d;
    }
    mean /= n;
    if (first) this.meanReference = mean;
    const dm = mean - this.meanReference;
    this.meanSum += dm;
    this.meanSumSquares += dm * dm;
    this.samples++;
  }

  /** Time variance of the population mean, σ²_V̄. */
  populationVariance(): number {
    const t = this.samples;
    if (t === 0) return NaN;
    const m = this.meanSum / t;
    return Math.max(0, this.meanSumSquares / t - m * m);
  }

  /** Mean over signals of their time variance, (1/N) Σ σ²_i. */
  meanSingleVariance(): number {
    const t = this.samples;
    if (t === 0) return NaN;
    let total = 0;
    for (let i = 0; i < this.size; i++) {
      const m = this.sum[i] / t;
      total += Math.max(0, this.sumSquares[i] / t - m * m);
    }
    return total / this.size;
  }

  /** χ in [0, 1]; NaN before any sample or when no signal varies. */
  chi(): number {
    const single = this.meanSingleVariance();
    if (!(single > 0)) return NaN;
    return Math.min(1, Math.sqrt(this.populationVariance() / single));
  }

  reset(): void {
    this.samples = 0;
    this.sum.fill(0);
    this.sumSquares.fill(0);
    this.meanSum = 0;
    this.meanSumSquares = 0;
  }
}

/**
 * χ of a population's membrane potentials, sampled at the start of every `every`-th step from
 * step `fromStep` on (to leave out the initial transient).
 */
export class SynchronyMonitor implements Monitor {
  readonly phase = "start" as const;
  readonly population: Population;
  readonly every: number;
  readonly fromStep: number;
  readonly accumulator: SynchronyAccumulator;

  constructor(population: Population, every = 1, fromStep = 0) {
    if (!Number.isInteger(every) || every < 1)
      throw new RangeError(`synchrony interval must be a positive integer, got ${every}`);
    if (!Number.isInteger(fromStep) || fromStep < 0)
      throw new RangeError(`synchrony start step must be a non-negative integer, got ${fromStep}`);
    this.population = population;
    this.every = every;
    this.fromStep = fromStep;
    this.accumulator = new SynchronyAccumulator(population.size);
  }

  record(step: number): void {
    if (step < this.fromStep || (step - this.fromStep) % this.every !== 0) return;
    this.accumulator.add(this.population.v);
  }

  chi(): number {
    return this.accumulator.chi();
  }
}
