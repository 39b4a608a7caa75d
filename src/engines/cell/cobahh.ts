/**
 * The COBAHH benchmark (Brette R, Rudolph M, Carnevale T, et al. (2007) "Simulation of networks of
 * spiking neurons: a review of tools and strategies", J Comput Neurosci 23:349–398, benchmark 3),
 * exactly as shared/reference/cobahh/README.md defines it, built on the generic network engine:
 *
 *   N Traub–Miles cells (models.ts cobahhPyramidal), NE = floor(0.8 N) excitatory (indices
 *   0..NE-1, population "E") and N - NE inhibitory ("I"); exponential conductances ge (τ 5 ms,
 *   0 mV) and gi (τ 10 ms, -80 mV); every (pre, post) pair connected with p = 80/N, autapses
 *   allowed (four projections E→E, E→I, I→E, I→I, each a Bernoulli graph), we = 6 nS, wi = 67 nS,
 *   no delay; detection at V > -20 mV with 3 ms dead time, no reset; exponential Euler, dt 0.1 ms.
 *   Initial state, one N(0,1) draw per neuron and variable: V = El + (5ξ - 5) mV,
 *   ge = 10(1.5ξ + 4) nS, gi = 10(12ξ + 20) nS, m = h = n = 0.
 *
 * Random streams (RandomStream.for(seed, path)): "cobahh/initial/v", "cobahh/initial/ge",
 * "cobahh/initial/gi" (drawn in neuron order 0..N-1), and the projections' own streams
 * "network/projection/E->E" etc. Our generator differs from Brian2's and the C reference's, so
 * trajectories differ; the statistics (section 4 of the README) are what is compared.
 *
 * Timing: loopSeconds is the step loop only (as the C reference's loop_s); totalSeconds includes
 * building the network, drawing the initial state and computing the statistics.
 */
import { RandomStream } from "../../numerics/random.js";
import { cobahhPyramidal } from "./models.js";
import { SpikeMonitor, spikeStatistics } from "./monitors.js";
import { Network } from "./network.js";
import type { KernelChoice } from "./population.js";
import { cobahhReceptors } from "./synapses.js";

export interface CobahhOptions {
  /** Number of neurons N (>= 80, so that p = 80/N <= 1). */
  readonly neurons: number;
  readonly durationSeconds: number;
  readonly seed: number;
  /** "auto" (default): the fused Traub–Miles kernel; "generic": the generic population update. */
  readonly kernel?: KernelChoice;
  /** Time step (ms); the benchmark uses 0.1. */
  readonly dt?: number;
}

export interface CobahhResult {
  readonly neurons: number;
  readonly excitatory: number;
  readonly durationSeconds: number;
  readonly dt: number;
  readonly seed: number;
  readonly steps: number;
  /** Kernel that ran the neuron update ("traub-miles-fused" or "generic"). */
  readonly kernel: string;
  readonly synapses: number;
  readonly meanInDegree: number;
  /** Building connectivity and the initial state (s). */
  readonly buildSeconds: number;
  /** The step loop (s). */
  readonly loopSeconds: number;
  /** Everything, from the call to the statistics (s). */
  readonly totalSeconds: number;
  /** Number of spikes. */
  readonly spikes: number;
  /** Spike trains in time order: neuron index (0..N-1) and step (time = step·dt) of every spike. */
  readonly spikeNeurons: Int32Array;
  readonly spikeSteps: Int32Array;
  readonly rateE: number;
  readonly rateI: number;
  readonly cvIsi: number;
  readonly cvNeurons: number;
  readonly fractionActive: number;
  /** Σ over spikes of the spiking neuron's out-degree. */
  readonly synapticEvents: number;
  readonly neuronStepsPerSecond: number;
  readonly synapticEventsPerSecond: number;
}

/** The COBAHH network (not yet run) with its initial state drawn. */
export function buildCobahh(neurons: number, seed: number, kernel: KernelChoice = "auto", dt = 0.1): Network {
  if (!Number.isInteger(neurons) || neurons < 80)
    throw new RangeError(`COBAHH needs an integer N >= 80, got ${neurons}`);
  const excitatory = Math.floor(0.8 * neurons);
  const model = cobahhPyramidal();
  const receptors = cobahhReceptors();
  const p = 80 / neurons;
  const rule = { kind: "probability", p, autapses: true } as const;
  const we = 6;
  const wi = 67;
  const network = new Network({
    dt,
    seed,
    kernel,
    populations: [
      { name: "E", size: excitatory, model, receptors },
      { name: "I", size: neurons - excitatory, model, receptors },
    ],
    projections: [
      { name: "E->E", source: "E", target: "E", receptor: "ge", rule, weight: we },
      { name: "E->I", source: "E", target: "I", receptor: "ge", rule, weight: we },
      { name: "I->E", source: "I", target: "E", receptor: "gi", rule, weight: wi },
      { name: "I->I", source: "I", target: "I", receptor: "gi", rule, weight: wi },
    ],
  });
  const el = model.initialPotential;
  const xiV = RandomStream.for(seed, "cobahh/initial/v");
  const xiGe = RandomStream.for(seed, "cobahh/initial/ge");
  const xiGi = RandomStream.for(seed, "cobahh/initial/gi");
  for (const pop of network.populations) {
    for (const name of pop.stateNames()) pop.gate(name).fill(0);
  }
  for (const pop of network.populations) {
    for (let k = 0; k < pop.size; k++) pop.v[k] = el + (xiV.normal() * 5 - 5);
  }
  for (const pop of network.populations) {
    const ge = pop.receptor("ge").g;
    for (let k = 0; k < pop.size; k++) ge[k] = (xiGe.normal() * 1.5 + 4) * 10;
  }
  for (const pop of network.populations) {
    const gi = pop.receptor("gi").g;
    for (let k = 0; k < pop.size; k++) gi[k] = (xiGi.normal() * 12 + 20) * 10;
  }
  return network;
}

export function runCobahh(options: CobahhOptions): CobahhResult {
  const t0 = performance.now();
  const { neurons, durationSeconds, seed } = options;
  const dt = options.dt ?? 0.1;
  if (!(durationSeconds > 0) || !Number.isFinite(durationSeconds)) {
    throw new RangeError(`durationSeconds must be > 0, got ${durationSeconds}`);
  }
  if (!(dt > 0)) throw new RangeError(`dt must be > 0 ms, got ${dt}`);
  const network = buildCobahh(neurons, seed, options.kernel ?? "auto", dt);
  const steps = Math.round((durationSeconds * 1000) / dt);
  const monitor = new SpikeMonitor(network.populations);
  network.addMonitor(monitor);
  const t1 = performance.now();
  network.run(steps);
  const t2 = performance.now();
  const spikeNeurons = monitor.neuronIndices().slice();
  const spikeSteps = monitor.spikeSteps().slice();
  const excitatory = network.populations[0].size;
  const stats = spikeStatistics(spikeNeurons, spikeSteps, neurons, excitatory, durationSeconds, dt);
  const synapses = network.projections.reduce((sum, p) => sum + p.connections.count, 0);
  const loopSeconds = (t2 - t1) / 1000;
  const synapticEvents = network.synapticEvents;
  const t3 = performance.now();
  return {
    neurons,
    excitatory,
    durationSeconds,
    dt,
    seed,
    steps,
    kernel: network.populations[0].kernelName,
    synapses,
    meanInDegree: synapses / neurons,
    buildSeconds: (t1 - t0) / 1000,
    loopSeconds,
    totalSeconds: (t3 - t0) / 1000,
    spikes: stats.spikes,
    spikeNeurons,
    spikeSteps,
    rateE: stats.rateE,
    rateI: stats.rateI,
    cvIsi: stats.cvIsi,
    cvNeurons: stats.cvNeurons,
    fractionActive: stats.fractionActive,
    synapticEvents,
    neuronStepsPerSecond: (neurons * steps) / loopSeconds,
    synapticEventsPerSecond: synapticEvents / loopSeconds,
  };
}
