/**
 * A spiking network: populations (population.ts) connected by projections, each a CSR connection
 * store (connectivity.ts) that drives one receptor type of its target population (synapses.ts).
 *
 * Step s (t = s·dt), in Brian2's schedule order as the COBAHH definition fixes it
 * (shared/reference/cobahh/README.md §1):
 *   0. "start" monitors sample the state at t = s·dt; then external stimuli (e.g. drive.ts) add
 *      their input of step s to receptor inputs, seen by this step's update like a delay-0 spike
 *      delivered at the end of step s − 1;
 *   1. every population updates its state (exponential Euler, start-of-step right-hand sides);
 *   2. every population detects threshold crossings on the new V; "spikes" monitors record;
 *   3. propagation: for every projection, every spike of its source and every connection of that
 *      neuron, the target's receptor input is incremented by the weight (× the receptor's peak
 *      factor for biexponential kinetics). A connection with delay d (whole steps) delivers at
 *      step s + d; d = 0 delivers now. Either way the increment is first seen by the update of the
 *      step after delivery, so d = 0 is exactly COBAHH's "no delay".
 * Delayed increments wait in a ring buffer per (target population, receptor) of maxDelay + 1 slots
 * (slot s mod slots is added to the receptor and cleared at the end of step s), which costs O(N) per
 * step instead of a queue entry per spike and connection.
 *
 * Seeds: projection `name` draws its connections from RandomStream.for(seed, "network/projection/" +
 * name), so a projection's connections depend only on the seed and its own name.
 */
import { RandomStream } from "../../numerics/random.js";
import { connect, type ConnectionRule, type ConnectionStore } from "./connectivity.js";
import type { Monitor } from "./monitors.js";
import { Population, type KernelChoice, type PopulationSpec } from "./population.js";
import type { ReceptorState } from "./synapses.js";

/** External input applied at the start of every step, after the "start" monitors. */
export interface Stimulus {
  apply(step: number): void;
}

export interface ProjectionSpec {
  /** Unique name; also the path of the projection's random stream. */
  readonly name: string;
  readonly source: string;
  readonly target: string;
  /** Receptor of the target population that the connections drive. */
  readonly receptor: string;
  readonly rule: ConnectionRule;
  /** Conductance increment per spike (nS): one value, or one per connection in store order. */
  readonly weight: number | ArrayLike<number>;
  /** Axonal delay (ms), rounded to whole steps; default 0. */
  readonly delay?: number;
}

export interface NetworkSpec {
  /** Time step (ms). */
  readonly dt: number;
  readonly seed: number;
  readonly populations: readonly PopulationSpec[];
  readonly projections: readonly ProjectionSpec[];
  /** "auto" (default) uses a fused population kernel where one applies. */
  readonly kernel?: KernelChoice;
}

/** Delayed increments for one receptor of one population. */
class DelayRing {
  readonly slots: number;
  readonly buffer: Float64Array;
  readonly size: number;
  readonly receptor: ReceptorState;

  constructor(receptor: ReceptorState, size: number, slots: number) {
    this.receptor = receptor;
    this.size = size;
    this.slots = slots;
    this.buffer = new Float64Array(size * slots);
  }

  /** Add slot (step mod slots) into the receptor input and clear it. */
  flush(step: number): void {
    const base = (step % this.slots) * this.size;
    const buffer = this.buffer;
    const input = this.receptor.input;
    for (let k = 0; k < this.size; k++) {
      const x = buffer[base + k];
      if (x !== 0) {
        input[k] += x;
        buffer[base + k] = 0;
      }
    }
  }
}

export class Projection {
  readonly spec: ProjectionSpec;
  readonly source: Population;
  readonly target: Population;
  readonly receptor: ReceptorState;
  readonly connections: ConnectionStore;
  /** Number of weight additions done so far (Σ over source spikes of the out-degree). */
  events = 0;
  /** Ring for delayed delivery, or null when every delay is zero. */
  readonly ring: DelayRing | null;

  constructor(
    spec: ProjectionSpec,
    source: Population,
    target: Population,
    connections: ConnectionStore,
    ring: DelayRing | null,
  ) {
    this.spec = spec;
    this.source = source;
    this.target = target;
    this.receptor = target.receptor(spec.receptor);
    this.connections = connections;
    this.ring = ring;
  }

  /** Deliver the source's spikes of this step. */
  deliver(step: number): void {
    const src = this.source;
    const nFired = src.firedCount;
    if (nFired === 0) return;
    const fired = src.fired;
    const c = this.connections;
    const rowStart = c.rowStart;
    const post = c.target;
    const scale = this.receptor.inputScale;
    let events = 0;
    if (this.ring === null) {
      const input = this.receptor.input;
      if (c.weight === null) {
        const inc = c.uniformWeight * scale;
        for (let f = 0; f < nFired; f++) {
          const i = fired[f];
          const end = rowStart[i + 1];
          for (let q = rowStart[i]; q < end; q++) input[post[q]] += inc;
          events += end - rowStart[i];
        }
      } else {
        const w = c.weight;
        for (let f = 0; f < nFired; f++) {
          const i = fired[f];
          const end = rowStart[i + 1];
          for (let q = rowStart[i]; q < end; q++) input[post[q]] += w[q] * scale;
          events += end - rowStart[i];
        }
      }
    } else {
      const ring = this.ring;
      const buffer = ring.buffer;
      const slots = ring.slots;
      const n = ring.size;
      const w = c.weight;
      const d = c.delay;
      const inc = c.uniformWeight * scale;
      for (let f = 0; f < nFired; f++) {
        const i = fired[f];
        const end = rowStart[i + 1];
        for (let q = rowStart[i]; q < end; q++) {
          const delay = d === null ? c.uniformDelay : d[q];
          const slot = (step + delay) % slots;
          buffer[slot * n + post[q]] += w === null ? inc : w[q] * scale;
        }
        events += end - rowStart[i];
      }
    }
    this.events += events;
  }
}

export class Network {
  readonly dt: number;
  readonly seed: number;
  readonly populations: readonly Population[];
  readonly projections: readonly Projection[];
  /** Index of the next step to run. */
  step = 0;
  private readonly rings: DelayRing[];
  private readonly startMonitors: Monitor[] = [];
  private readonly spikeMonitors: Monitor[] = [];
  private readonly stimuli: Stimulus[] = [];
  private readonly byName = new Map<string, Population>();

  constructor(spec: NetworkSpec) {
    if (!(spec.dt > 0) || !Number.isFinite(spec.dt))
      throw new RangeError(`network dt must be > 0 ms, got ${spec.dt}`);
    this.dt = spec.dt;
    this.seed = spec.seed;
    const populations: Population[] = [];
    for (const p of spec.populations) {
      if (this.byName.has(p.name)) throw new RangeError(`duplicate population '${p.name}'`);
      const pop = new Population(p, spec.dt, spec.kernel ?? "auto");
      populations.push(pop);
      this.byName.set(p.name, pop);
    }
    this.populations = populations;

    const names = new Set<string>();
    const stores: { spec: ProjectionSpec; source: Population; target: Population; store: ConnectionStore }[] =
      [];
    const maxDelay = new Map<ReceptorState, number>();
    for (const pr of spec.projections) {
      if (names.has(pr.name)) throw new RangeError(`duplicate projection '${pr.name}'`);
      names.add(pr.name);
      const source = this.population(pr.source);
      const target = this.population(pr.target);
      const receptor = target.receptor(pr.receptor);
      const store = connect(
        pr.rule,
        source.size,
        target.size,
        RandomStream.for(spec.seed, `network/projection/${pr.name}`),
        {
          samePopulation: source === target,
          weight: pr.weight,
          delay: pr.delay ?? 0,
          dt: spec.dt,
        },
      );
      let longest = store.uniformDelay;
      if (store.delay) for (let q = 0; q < store.count; q++) longest = Math.max(longest, store.delay[q]);
      if (longest > 0) maxDelay.set(receptor, Math.max(maxDelay.get(receptor) ?? 0, longest));
      stores.push({ spec: pr, source, target, store });
    }
    const ringOf = new Map<ReceptorState, DelayRing>();
    for (const [receptor, longest] of maxDelay) {
      const owner = populations.find((p) => p.receptors.includes(receptor)) as Population;
      ringOf.set(receptor, new DelayRing(receptor, owner.size, longest + 1));
    }
    this.rings = [...ringOf.values()];
    this.projections = stores.map(({ spec: pr, source, target, store }) => {
      const receptor = target.receptor(pr.receptor);
      const delayed = store.delay !== null || store.uniformDelay > 0;
      return new Projection(pr, source, target, store, delayed ? (ringOf.get(receptor) as DelayRing) : null);
    });
  }

  population(name: string): Population {
    const p = this.byName.get(name);
    if (!p) throw new RangeError(`no population '${name}' (have ${[...this.byName.keys()].join(", ")})`);
    return p;
  }

  projection(name: string): Projection {
    const p = this.projections.find((x) => x.spec.name === name);
    if (!p) throw new RangeError(`no projection '${name}'`);
    return p;
  }

  addMonitor(monitor: Monitor): void {
    (monitor.phase === "start" ? this.startMonitors : this.spikeMonitors).push(monitor);
  }

  addStimulus(stimulus: Stimulus): void {
    this.stimuli.push(stimulus);
  }

  /** Run `steps` steps. */
  run(steps: number): void {
    if (!Number.isInteger(steps) || steps < 0)
      throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
    const pops = this.populations;
    const projections = this.projections;
    const rings = this.rings;
    const start = this.startMonitors;
    const spikes = this.spikeMonitors;
    const stimuli = this.stimuli;
    const end = this.step + steps;
    for (let s = this.step; s < end; s++) {
      for (let i = 0; i < start.length; i++) start[i].record(s);
      for (let i = 0; i < stimuli.length; i++) stimuli[i].apply(s);
      for (let i = 0; i < pops.length; i++) pops[i].update();
      for (let i = 0; i < pops.length; i++) pops[i].detect(s);
      for (let i = 0; i < spikes.length; i++) spikes[i].record(s);
      for (let i = 0; i < projections.length; i++) projections[i].deliver(s);
      for (let i = 0; i < rings.length; i++) rings[i].flush(s);
    }
    this.step = end;
  }

  /** Total synaptic events (weight additions) so far. */
  get synapticEvents(): number {
    let sum = 0;
    for (const p of this.projections) sum += p.events;
    return sum;
  }
}
