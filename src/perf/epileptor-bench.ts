/**
 * The Epileptor network benchmark: our engine on the problem of the speed anchor
 * shared/reference/epileptor/anchor_em.py, so that its µs per step compare directly with the
 * anchor's numpy and numba implementations.
 *
 * The problem (anchor docstring): the 6-variable Epileptor (Jirsa et al. 2014) on a synthetic
 * dense connectome, slow-variable difference coupling dz += -r K sum_j W_ij (x1_j - x1_i) with
 * K = 5 (Proix et al. 2014; our Ks = -K), r = 1/2857, no fast couplings (Kf = Kvf = 0), additive
 * noise of amplitude 0.025 on x1 and y1 and 0.25 on x2 and y2, dt = 0.05, x1 recorded every
 * 20 steps (the anchor's 1 time unit). The anchor integrates with Euler–Maruyama; Heun is timed
 * too because it is our default scheme.
 *
 * Differences from the anchor that do not change the work per step: the network's uniform
 * numbers and the noise come from our RandomStream instead of numpy's MT19937, so trajectories
 * agree in distribution only; our z equation carries TVB's -0.1 z^7 term for z < 0, which is
 * inactive in this set-up (z stays well above 0); the engine also checks every step for
 * divergence, which the anchor does not. The equations themselves match: given the anchor's
 * own weights and no noise, our Euler steps reproduce its run_numpy state to about 1e-13 after
 * 40000 steps at 76 nodes. Seizure counts with noise are strongly seed-dependent in this set-up
 * (76 nodes, 2000 time units: about 20 onsets for most noise seeds, about 85 for some), so the
 * onset counts the benchmark reports are a sanity check, not a comparison between runs.
 */
import { buildCouplingGraph } from "../engines/network/coupling.js";
import {
  EpileptorNetwork,
  EPILEPTOR_PARAMETERS,
  EPILEPTOR_REGIONAL,
  type EpileptorRegionalName,
} from "../engines/network/epileptor.js";
import { DivergenceError, simulateNetwork, type StepKernel } from "../engines/network/simulate.js";
import { defaultsOf } from "../engines/parameters.js";
import { RandomStream } from "../numerics/random.js";

/** The anchor builds its network from a fixed seed; only the noise seed varies between runs. */
export const ANCHOR_NETWORK_SEED = 12345;
/** Global coupling K of the anchor (its `--k` default). */
export const ANCHOR_K = 5;
/** Rate of z in the anchor, 1/2857 (our table's default 0.00035 rounds it). */
export const ANCHOR_R = 1 / 2857;
/** Noise amplitude per variable, in the order x1, y1, z, x2, y2, g. */
export const ANCHOR_NOISE_SIGMA = Float64Array.of(0.025, 0.025, 0, 0.25, 0.25, 0);
/** x1 is recorded every this many steps (1 time unit at dt = 0.05, as the anchor's --rec-dt). */
export const ANCHOR_RECORD_EVERY = 20;

/** Python's round(): halves go to the even neighbour, so EZ counts match the anchor's. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const diff = v - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * A synthetic dense connectome of the anchor's kind: symmetric, W_ij = u_ij^3 with u uniform on
 * [0, 1) for i < j (mirrored below the diagonal), zero diagonal, scaled so that the largest row
 * sum is 1. The first max(1, round(0.1 n)) nodes form the epileptogenic zone (x0 = -1.6), the
 * others have x0 = -2.2. Weights are row-major, n x n.
 */
export function anchorNetwork(
  n: number,
  seed: number,
): { weights: Float64Array; x0: Float64Array; ezCount: number } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`network size must be an integer >= 1, got ${n}`);
  const rng = RandomStream.for(seed, "bench/epileptor/network");
  const weights = new Float64Array(n * n);
  // One draw per matrix entry in row-major order, as the anchor draws a full n x n matrix and
  // keeps its upper triangle; the lower-triangle draws are discarded.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const u = rng.uniform();
      if (j > i) {
        const w = u * u * u;
        weights[i * n + j] = w;
        weights[j * n + i] = w;
      }
    }
  }
  let maxRowSum = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += weights[i * n + j];
    if (s > maxRowSum) maxRowSum = s;
  }
  // A single node has no edges; leave its (empty) row as is rather than divide by zero.
  if (maxRowSum > 0) for (let k = 0; k < weights.length; k++) weights[k] /= maxRowSum;
  const ezCount = Math.max(1, roundHalfEven(0.1 * n));
  const x0 = new Float64Array(n).fill(-2.2);
  x0.fill(-1.6, 0, ezCount);
  return { weights, x0, ezCount };
}

/** The anchor's initial state: x1 = -1.6, y1 = 1 - 5 x1^2, z = 3, x2 = -0.9, y2 = 0, g = 0.1 x1. */
export function anchorInitialState(n: number): Float64Array {
  const x1 = -1.6;
  const state = new Float64Array(6 * n);
  state.fill(x1, 0, n);
  state.fill(1 - 5 * x1 * x1, n, 2 * n);
  state.fill(3, 2 * n, 3 * n);
  state.fill(-0.9, 3 * n, 4 * n);
  state.fill(0, 4 * n, 5 * n);
  state.fill(0.1 * x1, 5 * n, 6 * n);
  return state;
}

/** The anchor's network as an EpileptorNetwork (no delays: the dense coupling path). */
export function anchorModel(
  n: number,
  dt: number,
  networkSeed = ANCHOR_NETWORK_SEED,
): { model: EpileptorNetwork; ezCount: number } {
  const { weights, x0, ezCount } = anchorNetwork(n, networkSeed);
  const graph = buildCouplingGraph(weights, n, { speed: Infinity, dt });
  // The anchor's constants are pinned here rather than taken from the parameter table, so a
  // change of a default elsewhere cannot silently change the benchmarked problem.
  const shared = {
    ...defaultsOf(EPILEPTOR_PARAMETERS),
    a: 1,
    b: 3,
    c: 1,
    d: 5,
    s: 4,
    aa: 6,
    bb: 2,
    tau: 10,
    gamma: 0.01,
    tt: 1,
  };
  const regional = {} as Record<EpileptorRegionalName, Float64Array>;
  for (const name of EPILEPTOR_REGIONAL) regional[name] = new Float64Array(n);
  regional.x0 = x0;
  regional.Iext.fill(3.1);
  regional.Iext2.fill(0.45);
  regional.r.fill(ANCHOR_R);
  regional.slope.fill(0);
  regional.Ks.fill(-ANCHOR_K);
  regional.Kf.fill(0);
  regional.Kvf.fill(0);
  return { model: new EpileptorNetwork({ graph, shared, regional, couplingScale: 1 }), ezCount };
}

/**
 * Seizure episodes in x1 sampled every `period` time units (samples x nodes, sample-major), as
 * the anchor's seizure_stats counts them: samples with x1 > 0 belong to one episode while
 * consecutive ones are fewer than 100 time units apart.
 */
export function countSeizureOnsets(x1: Float64Array, nodes: number, period: number): number {
  const samples = Math.floor(x1.length / nodes);
  const gap = Math.round(100 / period);
  let onsets = 0;
  for (let i = 0; i < nodes; i++) {
    let last = -1;
    for (let k = 0; k < samples; k++) {
      if (x1[k * nodes + i] > 0) {
        if (last < 0 || k - last >= gap) onsets++;
        last = k;
      }
    }
  }
  return onsets;
}

export interface EpileptorBenchmarkOptions {
  nodes: number;
  /** Simulated duration in model time units. */
  duration: number;
  /** Step (model time units); the anchor's 0.05 by default. */
  dt?: number;
  /** "euler" is Euler–Maruyama, the anchor's scheme. */
  scheme: "heun" | "euler";
  /** Steps of the untimed run made first so that the JIT has compiled the hot loops. */
  warmupSteps?: number;
  /** Noise seed (the network is fixed, as in the anchor). */
  seed?: number;
  /** Step implementation (simulateNetwork's kernel option); "auto" by default. */
  kernel?: StepKernel;
}

export interface EpileptorBenchmarkResult {
  nodes: number;
  steps: number;
  scheme: "heun" | "euler";
  dt: number;
  /** Wall time of the timed run (warm-up excluded). */
  seconds: number;
  nodeStepsPerSecond: number;
  microsecondsPerStep: number;
  /** CPU time (user + system) of the process per step during the timed run: on a machine shared
   *  with other work, what the run itself cost. NaN where the runtime has no CPU clock. */
  cpuMicrosecondsPerStep: number;
  /** False when the run diverged (the timing then covers the steps up to the divergence). */
  finite: boolean;
  /** Seizure episodes over all nodes, counted as the anchor counts them. */
  seizureOnsets?: number;
  /** Mean of z over the nodes at the end (the anchor's final_mean_z). */
  finalMeanZ?: number;
  /** The implementation that ran (known when the run did not diverge). */
  kernel?: "typescript" | "wasm";
}

/** Default warm-up: enough steps for the optimising compiler, capped so big networks stay quick. */
function defaultWarmupSteps(nodes: number): number {
  return Math.max(200, Math.min(2000, Math.round(5e6 / (nodes * nodes))));
}

/** Time our engine on the anchor's problem (see the module comment). */
export function runEpileptorBenchmark(options: EpileptorBenchmarkOptions): EpileptorBenchmarkResult {
  const { nodes, duration, scheme } = options;
  const dt = options.dt ?? 0.05;
  const seed = options.seed ?? 1;
  if (scheme !== "heun" && scheme !== "euler")
    throw new RangeError(`scheme must be heun or euler, got '${String(scheme)}'`);
  if (!(dt > 0) || !Number.isFinite(dt)) throw new RangeError(`dt must be a finite number > 0, got ${dt}`);
  if (!(duration > 0) || !Number.isFinite(duration))
    throw new RangeError(`duration must be a finite number > 0, got ${duration}`);
  const steps = Math.round(duration / dt);
  if (steps < 1) throw new RangeError(`duration ${duration} is shorter than one step of ${dt}`);
  const warmupSteps = options.warmupSteps ?? defaultWarmupSteps(nodes);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0)
    throw new RangeError(`warmupSteps must be an integer >= 0, got ${warmupSteps}`);

  const { model } = anchorModel(nodes, dt);
  const initialState = anchorInitialState(nodes);
  const common = {
    dt,
    scheme,
    initialState,
    noiseSigma: ANCHOR_NOISE_SIGMA,
    seed,
    streamPath: "bench/epileptor/noise",
    sampleEvery: ANCHOR_RECORD_EVERY,
    record: ["x1"],
    kernel: options.kernel ?? "auto",
  };
  if (warmupSteps > 0) {
    try {
      simulateNetwork(model, { ...common, steps: warmupSteps });
    } catch (err) {
      if (!(err instanceof DivergenceError)) throw err;
    }
  }

  let finite = true;
  let stepsDone = steps;
  let result: ReturnType<typeof simulateNetwork> | null = null;
  const start = performance.now();
  // CPU time where the runtime reports it (Node); elsewhere NaN.
  const hasCpuClock = typeof process === "object" && typeof process.cpuUsage === "function";
  const cpuStart = hasCpuClock ? process.cpuUsage() : null;
  try {
    result = simulateNetwork(model, { ...common, steps });
  } catch (err) {
    if (!(err instanceof DivergenceError)) throw err;
    finite = false;
    stepsDone = err.step + 1;
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = cpuStart !== null ? process.cpuUsage(cpuStart) : null;
  const cpuSeconds = cpu !== null ? (cpu.user + cpu.system) / 1e6 : NaN;
  // Analysis after the clock stops: the anchor's loop time excludes its statistics too.
  let seizureOnsets: number | undefined;
  let finalMeanZ: number | undefined;
  if (result !== null) {
    finite = result.finalState.every(Number.isFinite);
    seizureOnsets = countSeizureOnsets(result.recorded.x1, nodes, result.samplePeriod);
    let z = 0;
    for (let i = 0; i < nodes; i++) z += result.finalState[2 * nodes + i];
    finalMeanZ = z / nodes;
  }
  const out: EpileptorBenchmarkResult = {
    nodes,
    steps: stepsDone,
    scheme,
    dt,
    seconds,
    nodeStepsPerSecond: (nodes * stepsDone) / seconds,
    microsecondsPerStep: (seconds / stepsDone) * 1e6,
    cpuMicrosecondsPerStep: (cpuSeconds / stepsDone) * 1e6,
    finite,
  };
  if (seizureOnsets !== undefined) out.seizureOnsets = seizureOnsets;
  if (finalMeanZ !== undefined) out.finalMeanZ = finalMeanZ;
  if (result !== null) out.kernel = result.kernel;
  return out;
}
