/**
 * Monitors record a network run in memory, in flat typed arrays.
 *
 * Timing follows Brian2's schedule: state monitors (traces, the LFP proxy) sample at the start of
 * step s, i.e. the state at t = s·dt before the update; spike and rate monitors record after
 * threshold detection of step s, and a spike's time is s·dt (shared/reference/cobahh/README.md §1).
 *
 * Storage grows by doubling, so recording allocates O(log n) times over a run, never per step in
 * steady state.
 */
import type { Population } from "./population.js";

export interface Monitor {
  /** "start": before the update of each step; "spikes": after threshold detection. */
  readonly phase: "start" | "spikes";
  record(step: number): void;
}

class GrowableInt32 {
  data = new Int32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = x;
  }
  grow(): void {
    const next = new Int32Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

class GrowableFloat64 {
  data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Spikes of one or more populations as two flat arrays: the neuron's index in the concatenation of
 * the populations (in the order given) and the step. Spikes are in time order, and within a step
 * in population order and ascending neuron index.
 */
export class SpikeMonitor implements Monitor {
  readonly phase = "spikes" as const;
  readonly populations: readonly Population[];
  /** Index offset of each population in the concatenation. */
  readonly offsets: Int32Array;
  readonly totalSize: number;
  private readonly neurons = new GrowableInt32();
  private readonly steps = new GrowableInt32();

  constructor(populations: readonly Population[]) {
    this.populations = populations;
    this.offsets = new Int32Array(populations.length);
    let total = 0;
    populations.forEach((p, i) => {
      this.offsets[i] = total;
      total += p.size;
    });
    this.totalSize = total;
  }

  record(step: number): void {
    for (let i = 0; i < this.populations.length; i++) {
      const p = this.populations[i];
      const offset = this.offsets[i];
      for (let f = 0; f < p.firedCount; f++) {
        this.neurons.push(offset + p.fired[f]);
        this.steps.push(step);
      }
    }
  }

  get count(): number {
    return this.neurons.length;
  }

  /** Neuron index of each spike (a view; copy it to keep it past further recording). */
  neuronIndices(): Int32Array {
    return this.neurons.view();
  }

  /** Step of each spike (a view). */
  spikeSteps(): Int32Array {
    return this.steps.view();
  }
}

/** Number of spikes of a population in every step; rates(bin) turns them into Hz. */
export class PopulationRateMonitor implements Monitor {
  readonly phase = "spikes" as const;
  readonly population: Population;
  private readonly counts = new GrowableInt32();

  constructor(population: Population) {
    this.population = population;
  }

  record(): void {
    this.counts.push(this.population.firedCount);
  }

  spikeCounts(): Int32Array {
    return this.counts.view();
  }

  /** Population rate (Hz) in consecutive bins of `binSteps` steps (a last partial bin is dropped). */
  rates(binSteps = 1): Float64Array {
    const counts = this.counts.view();
    const bins = Math.floor(counts.length / binSteps);
    const out = new Float64Array(bins);
    const perSpike = 1000 / (this.population.size * binSteps * this.population.dt);
    for (let b = 0; b < bins; b++) {
      let sum = 0;
      for (let s = b * binSteps; s < (b + 1) * binSteps; s++) sum += counts[s];
      out[b] = sum * perSpike;
    }
    return out;
  }
}

/**
 * Traces of one state variable for chosen neurons, every `every` steps: "v" (mV), a gate
 * `${channel}.${gate}` or a receptor name (its conductance, nS). Sample-major: sample t of the
 * i-th recorded neuron is values()[t·indices.length + i].
 */
export class TraceMonitor implements Monitor {
  readonly phase = "start" as const;
  readonly population: Population;
  readonly variable: string;
  readonly indices: Int32Array;
  readonly every: number;
  private readonly source: Float64Array;
  private readonly samples = new GrowableFloat64();
  private readonly sampleSteps = new GrowableInt32();

  constructor(population: Population, variable: string, indices: ArrayLike<number>, every = 1) {
    if (!Number.isInteger(every) || every < 1)
      throw new RangeError(`trace interval must be a positive integer, got ${every}`);
    for (let i = 0; i < indices.length; i++) {
      if (!Number.isInteger(indices[i]) || indices[i] < 0 || indices[i] >= population.size) {
        throw new RangeError(`trace index ${indices[i]} outside population ${population.name}`);
      }
    }
    this.population = population;
    this.variable = variable;
    this.indices = Int32Array.from(indices);
    this.every = every;
    this.source =
      variable === "v"
        ? population.v
        : variable.includes(".")
          ? population.gate(variable)
          : population.receptor(variable).g;
  }

  record(step: number): void {
    if (step % this.every !== 0) return;
    const src = this.source;
    for (let i = 0; i < this.indices.length; i++) this.samples.push(src[this.indices[i]]);
    this.sampleSteps.push(step);
  }

  values(): Float64Array {
    return this.samples.view();
  }

  steps(): Int32Array {
    return this.sampleSteps.view();
  }
}

/**
 * LFP proxy: the sum over the neurons of a population (normally the excitatory one) of the absolute
 * synaptic currents, Σ_k Σ_r |g_r B_r(V) (E_r - V)| (pA), following Mazzoni A, Panzeri S,
 * Logothetis NK, Brunel N (2008) PLoS Comput Biol 4:e1000239 (sum of |AMPA| and |GABA| currents on
 * pyramidal cells). Mazzoni et al. (2015, PLoS Comput Biol 11:e1004584) found a weighted and delayed
 * sum closer to the biophysical LFP; this is the simpler 2008 proxy, in arbitrary sign.
 */
export class LfpProxyMonitor implements Monitor {
  readonly phase = "start" as const;
  readonly population: Population;
  readonly every: number;
  private readonly samples = new GrowableFloat64();

  constructor(population: Population, every = 1) {
    if (!Number.isInteger(every) || every < 1)
      throw new RangeError(`LFP interval must be a positive integer, got ${every}`);
    this.population = population;
    this.every = every;
  }

  record(step: number): void {
    if (step % this.every !== 0) return;
    const p = this.population;
    const v = p.v;
    let sum = 0;
    for (let i = 0; i < p.receptors.length; i++) {
      const r = p.receptors[i];
      for (let k = 0; k < p.size; k++) sum += Math.abs(r.current(k, v[k]));
    }
    this.samples.push(sum);
  }

  values(): Float64Array {
    return this.samples.view();
  }
}

export interface SpikeStatistics {
  /** Spikes of neurons [0, excitatory) per neuron per second (Hz). */
  readonly rateE: number;
  /** Spikes of neurons [excitatory, size) per neuron per second (Hz). */
  readonly rateI: number;
  readonly rateAll: number;
  /** Mean over neurons with >= 3 spikes of std(ISI)/mean(ISI) (population std). */
  readonly cvIsi: number;
  /** Neurons that entered the CV mean. */
  readonly cvNeurons: number;
  /** Fraction of neurons with >= 1 spike. */
  readonly fractionActive: number;
  readonly spikes: number;
}

/**
 * Spike-train statistics with the definitions of shared/reference/cobahh/spikestats.py (README
 * §4): whole run, no transient removed. `neuron` and `step` must be in time order (as
 * SpikeMonitor records them).
 */
export function spikeStatistics(
  neuron: Int32Array,
  step: Int32Array,
  size: number,
  excitatory: number,
  durationSeconds: number,
  dtMs: number,
): SpikeStatistics {
  const count = new Float64Array(size);
  const sum = new Float64Array(size);
  const sumSq = new Float64Array(size);
  const previous = new Int32Array(size).fill(-1);
  const isiScale = dtMs * 1e-3;
  for (let q = 0; q < neuron.length; q++) {
    const i = neuron[q];
    count[i]++;
    if (previous[i] >= 0) {
      const isi = (step[q] - previous[i]) * isiScale;
      sum[i] += isi;
      sumSq[i] += isi * isi;
    }
    previous[i] = step[q];
  }
  let spikesE = 0;
  let spikesI = 0;
  let active = 0;
  let cvSum = 0;
  let cvNeurons = 0;
  for (let i = 0; i < size; i++) {
    if (i < excitatory) spikesE += count[i];
    else spikesI += count[i];
    if (count[i] > 0) active++;
    if (count[i] >= 3) {
      const intervals = count[i] - 1;
      const mean = sum[i] / intervals;
      const variance = Math.max(0, sumSq[i] / intervals - mean * mean);
      if (mean > 0) {
        cvSum += Math.sqrt(variance) / mean;
        cvNeurons++;
      }
    }
  }
  const inhibitory = size - excitatory;
  return {
    rateE: excitatory > 0 ? spikesE / excitatory / durationSeconds : NaN,
    rateI: inhibitory > 0 ? spikesI / inhibitory / durationSeconds : NaN,
    rateAll: neuron.length / size / durationSeconds,
    cvIsi: cvNeurons > 0 ? cvSum / cvNeurons : NaN,
    cvNeurons,
    fractionActive: active / size,
    spikes: neuron.length,
  };
}
