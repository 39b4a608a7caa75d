/**
 * Poisson external drive: every neuron of a population receives an independent Poisson train of
 * input events at `rate` Hz on one receptor, each event adding `weight` nS as a presynaptic spike
 * through a connection would (× the receptor's peak factor for biexponential kinetics). It stands
 * for the many unmodelled cortical inputs of a small network, as the external Poisson input of
 * Brunel N (2000) J Comput Neurosci 8:183 and Brunel & Wang (2001) J Comput Neurosci 11:63.
 *
 * Each neuron keeps the time of its next event; inter-event intervals are exponential,
 * −ln(U)/rate, U uniform in (0, 1). An event at time t ∈ [s·dt, (s+1)·dt) is delivered at the
 * start of step s (network.ts step order). This costs one draw per event rather than one per
 * neuron and step, and allocates nothing while running.
 *
 * Seeds: neuron k draws from RandomStream.for(seed, `${path}/${k}`), so its train depends only on
 * the seed, the drive's path and its own index, not on the population size or the other drives.
 */
import { RandomStream } from "../../numerics/random.js";
import type { Stimulus } from "./network.js";
import type { Population } from "./population.js";
import type { ReceptorState } from "./synapses.js";

export interface PoissonDriveSpec {
  /** Receptor of the population that the events drive. */
  readonly receptor: string;
  /** Event rate per neuron (Hz): the summed rate of all the external inputs of one neuron. */
  readonly rate: number;
  /** Conductance increment per event (nS). */
  readonly weight: number;
  readonly seed: number;
  /** Path of the random streams; neuron k uses `${path}/${k}`. */
  readonly path: string;
}

export class PoissonDrive implements Stimulus {
  readonly population: Population;
  readonly receptor: ReceptorState;
  readonly spec: PoissonDriveSpec;
  /** Events delivered so far. */
  events = 0;
  private readonly streams: RandomStream[];
  /** Time of each neuron's next event (ms). */
  private readonly next: Float64Array;
  private readonly meanIntervalMs: number;
  private readonly increment: number;

  constructor(population: Population, spec: PoissonDriveSpec) {
    if (!(spec.rate >= 0) || !Number.isFinite(spec.rate))
      throw new RangeError(`Poisson drive rate must be finite and >= 0 Hz, got ${spec.rate}`);
    if (!(spec.weight >= 0) || !Number.isFinite(spec.weight))
      throw new RangeError(`Poisson drive weight must be finite and >= 0 nS, got ${spec.weight}`);
    this.population = population;
    this.receptor = population.receptor(spec.receptor);
    this.spec = spec;
    this.increment = spec.weight * this.receptor.inputScale;
    this.meanIntervalMs = spec.rate > 0 ? 1000 / spec.rate : Infinity;
    this.streams = [];
    this.next = new Float64Array(population.size);
    for (let k = 0; k < population.size; k++) {
      const stream = RandomStream.for(spec.seed, `${spec.path}/${k}`);
      this.streams.push(stream);
      this.next[k] = this.interval(stream);
    }
  }

  private interval(stream: RandomStream): number {
    return this.meanIntervalMs === Infinity
      ? Infinity
      : -Math.log(stream.uniformOpen()) * this.meanIntervalMs;
  }

  apply(step: number): void {
    const until = (step + 1) * this.population.dt;
    const next = this.next;
    const input = this.receptor.input;
    const inc = this.increment;
    let events = 0;
    for (let k = 0; k < next.length; k++) {
      while (next[k] < until) {
        input[k] += inc;
        next[k] += this.interval(this.streams[k]);
        events++;
      }
    }
    this.events += events;
  }
}
