/**
 * Single-cell analyses under current clamp: f–I curves, rheobase and spike features.
 *
 * Every analysis runs the population engine (population.ts): an f–I curve is one population whose
 * neurons differ only in their bias current, so the whole curve costs one run. Currents are
 * densities (µA/cm²), converted with the model's area. A spike is an upward crossing of the
 * model's detection threshold outside its refractory time (Population.detect).
 *
 * Steady-state rate: spikes counted after a settling time, divided by the counting window; a cell
 * whose interspike interval exceeds the window reads as silent or slow, so the rheobase of a
 * class-1 neuron (rate → 0 at onset) depends on the window (stated in the result).
 *
 * Spike features follow common electrophysiology definitions (Allen Cell Types Database technical
 * white paper "Electrophysiology", 2017): threshold where dV/dt first exceeds 20 mV/ms before the
 * peak, peak, width at half height between threshold and peak, trough (minimum before the next
 * spike), adaptation index = mean over consecutive ISIs of (ISI_{i+1} - ISI_i)/(ISI_{i+1} + ISI_i).
 */
import { BLOCK_EQUILIBRATION_RATE } from "./channels.js";
import { Population, toAbsolute, type NeuronModel } from "./population.js";

export interface ClampOptions {
  /** Step (ms); default 0.01 (the Wang–Buzsáki example of Brian2 uses 0.01 ms). */
  readonly dt?: number;
  /** Total simulated time (ms); default 1000. */
  readonly duration?: number;
  /** Initial time excluded from rates (ms); default 200. */
  readonly settle?: number;
  /**
   * Kinetic drug blocks (channels.ts `ChannelBlock`): before the clamp, each cell runs at its
   * current for this long (ms) with the blocks relaxing at the accelerated rate
   * (channels.ts BLOCK_EQUILIBRATION_RATE; Population.setBlockEquilibration), so the block
   * starts at the steady state of the activity that current sustains (a patient on the drug for
   * days), not at equilibrium with rest; then the clamp runs at the real rates. Default 500 when
   * the model has a block, ignored otherwise; 0 starts the block at rest.
   */
  readonly blockEquilibration?: number;
}

function resolveOptions(o: ClampOptions | undefined) {
  const dt = o?.dt ?? 0.01;
  const duration = o?.duration ?? 1000;
  const settle = o?.settle ?? 200;
  if (!(dt > 0) || !(duration > 0) || !(settle >= 0) || settle >= duration) {
    throw new RangeError(`clamp options need dt > 0, duration > 0 and 0 <= settle < duration (ms)`);
  }
  const blockEquilibration = o?.blockEquilibration ?? 500;
  if (!(blockEquilibration >= 0 && blockEquilibration <= 10000))
    throw new RangeError(
      `clamp option blockEquilibration must be in [0, 10000] ms, got ${blockEquilibration}`,
    );
  return {
    dt,
    duration,
    settle,
    steps: Math.round(duration / dt),
    settleSteps: Math.round(settle / dt),
    blockEquilibration,
  };
}

/** The accelerated block pre-run of ClampOptions.blockEquilibration (nothing without blocks). */
function equilibrateBlocks(pop: Population, o: ReturnType<typeof resolveOptions>): void {
  if (!pop.hasBlocks || o.blockEquilibration === 0) return;
  pop.setBlockEquilibration(BLOCK_EQUILIBRATION_RATE);
  for (let s = 0, n = Math.round(o.blockEquilibration / o.dt); s < n; s++) pop.update();
  pop.setBlockEquilibration(null);
}

export interface FICurve {
  /** Injected current densities (µA/cm²). */
  readonly current: Float64Array;
  /** Steady-state firing rate (Hz) over the counting window. */
  readonly rate: Float64Array;
  /** Spike counts in the counting window. */
  readonly spikes: Int32Array;
  /** Counting window (ms). */
  readonly window: number;
}

/** Firing rate for every current in `currents` (µA/cm²), from one population run. */
export function fICurve(model: NeuronModel, currents: ArrayLike<number>, options?: ClampOptions): FICurve {
  const o = resolveOptions(options);
  const n = currents.length;
  if (n === 0) throw new RangeError("fICurve needs at least one current");
  const pop = new Population({ name: "clamp", size: n, model, receptors: [] }, o.dt);
  for (let k = 0; k < n; k++) pop.bias[k] = toAbsolute(currents[k], model.area);
  equilibrateBlocks(pop, o);
  const spikes = new Int32Array(n);
  for (let s = 0; s < o.steps; s++) {
    pop.update();
    pop.detect(s);
    if (s >= o.settleSteps) for (let f = 0; f < pop.firedCount; f++) spikes[pop.fired[f]]++;
  }
  const window = (o.steps - o.settleSteps) * o.dt;
  const rate = new Float64Array(n);
  for (let k = 0; k < n; k++) rate[k] = (spikes[k] * 1000) / window;
  return { current: Float64Array.from(currents), rate, spikes, window };
}

export interface Rheobase {
  /** Smallest current (µA/cm²) found to give at least `minSpikes` spikes in the window. */
  readonly current: number;
  /** Largest current found silent; the rheobase lies in (below, current]. */
  readonly below: number;
  readonly window: number;
}

/**
 * Rheobase by grid refinement inside [low, high] (µA/cm²): each round runs `points` currents as
 * one population and keeps the interval between the last silent and the first firing one, until it
 * is narrower than `tolerance`. "Firing" means at least `minSpikes` spikes in the counting window.
 *
 * By default the refinement starts from the two ends, so the cell must fire at `high`. A cell whose
 * firing range is bounded above (depolarisation block) may be silent at `high` and still fire below
 * it; `scanStep` handles such cells: the currents low, low + scanStep, … (the last one is `high`)
 * are run in ascending order, `points` at a time, stopping at the first chunk with a firing
 * current, and the refinement then starts from the last silent and the first firing grid point.
 * Without any firing grid point the cell is reported as not firing. With `scanStep`, firing windows
 * narrower than the step can be missed.
 */
export function rheobase(
  model: NeuronModel,
  low: number,
  high: number,
  options?: ClampOptions & {
    readonly tolerance?: number;
    readonly minSpikes?: number;
    readonly points?: number;
    /** Grid step (µA/cm²) of a scan before the refinement (see above); default: no scan. */
    readonly scanStep?: number;
  },
): Rheobase {
  const tolerance = options?.tolerance ?? 1e-3;
  const minSpikes = options?.minSpikes ?? 2;
  const points = options?.points ?? 9;
  const scanStep = options?.scanStep;
  if (!(high > low) || !(tolerance > 0) || points < 2)
    throw new RangeError("rheobase needs low < high, tolerance > 0, points >= 2");
  if (scanStep !== undefined && !(scanStep > 0 && (high - low) / scanStep <= 1e5))
    throw new RangeError(`rheobase: scanStep must be > 0 with at most 1e5 grid points, got ${scanStep}`);
  const fires = (c: FICurve, i: number) => c.spikes[i] >= minSpikes;
  let lo = low;
  let hi = high;
  let window = 0;
  if (scanStep === undefined) {
    const ends = fICurve(model, [lo, hi], options);
    window = ends.window;
    if (fires(ends, 0)) throw new RangeError(`rheobase: already firing at the lower bound ${low} µA/cm²`);
    if (!fires(ends, 1)) throw new RangeError(`rheobase: not firing at the upper bound ${high} µA/cm²`);
  } else {
    const n = Math.ceil((high - low) / scanStep - 1e-9) + 1;
    const grid = Array.from({ length: n }, (_, k) => Math.min(low + k * scanStep, high));
    let first = -1;
    for (let start = 0; start < n && first < 0; start += points) {
      const chunk = grid.slice(start, start + points);
      const c = fICurve(model, chunk, options);
      window = c.window;
      for (let i = 0; i < chunk.length; i++) {
        if (fires(c, i)) {
          first = start + i;
          break;
        }
      }
    }
    if (first === 0) throw new RangeError(`rheobase: already firing at the lower bound ${low} µA/cm²`);
    if (first < 0)
      throw new RangeError(
        `rheobase: not firing at any of ${n} grid points from ${low} to ${high} µA/cm² (step ${scanStep})`,
      );
    lo = grid[first - 1];
    hi = grid[first];
  }
  while (hi - lo > tolerance) {
    const grid = Array.from({ length: points }, (_, i) => lo + ((hi - lo) * (i + 1)) / (points + 1));
    const c = fICurve(model, grid, options);
    let first = points;
    for (let i = 0; i < points; i++) {
      if (fires(c, i)) {
        first = i;
        break;
      }
    }
    const newLo = first === 0 ? lo : grid[first - 1];
    const newHi = first === points ? hi : grid[first];
    lo = newLo;
    hi = newHi;
  }
  return { current: hi, below: lo, window };
}

export interface CurrentClampTrace {
  readonly dt: number;
  /** V at the start of every step (mV). */
  readonly v: Float64Array;
  /** Spike times (ms) from detection. */
  readonly spikeTimes: Float64Array;
}

/**
 * One neuron under current clamp, V recorded every step. `current` is a density (µA/cm²), constant
 * or a function of time (ms) evaluated at the start of each step (e.g. a brief pulse).
 */
export function currentClamp(
  model: NeuronModel,
  current: number | ((timeMs: number) => number),
  options?: ClampOptions,
): CurrentClampTrace {
  const o = resolveOptions(options);
  const pop = new Population({ name: "clamp", size: 1, model, receptors: [] }, o.dt);
  const v = new Float64Array(o.steps);
  const times: number[] = [];
  for (let s = 0; s < o.steps; s++) {
    const t = s * o.dt;
    pop.bias[0] = toAbsolute(typeof current === "number" ? current : current(t), model.area);
    v[s] = pop.v[0];
    pop.update();
    if (pop.detect(s) > 0) times.push(t);
  }
  return { dt: o.dt, v, spikeTimes: Float64Array.from(times) };
}

export interface SpikeFeatures {
  readonly spikeCount: number;
  /** Rate over the whole trace (Hz). */
  readonly rate: number;
  /** First spike time (ms), NaN without spikes. */
  readonly firstSpikeLatency: number;
  /** Interspike intervals (ms). */
  readonly isi: Float64Array;
  readonly isiCv: number;
  readonly adaptationIndex: number;
  /** Per spike: threshold V (dV/dt > 20 mV/ms), peak, half-height width (ms), trough after it. */
  readonly threshold: Float64Array;
  readonly peak: Float64Array;
  readonly width: Float64Array;
  readonly trough: Float64Array;
}

/** Features of the spikes in a current-clamp trace (see the module comment for definitions). */
export function spikeFeatures(trace: CurrentClampTrace): SpikeFeatures {
  const { v, dt } = trace;
  const times = trace.spikeTimes;
  const n = times.length;
  const isi = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) isi[i - 1] = times[i] - times[i - 1];
  const threshold = new Float64Array(n);
  const peak = new Float64Array(n);
  const width = new Float64Array(n);
  const trough = new Float64Array(n);
  const dvdtLimit = 20 * dt; // 20 mV/ms as a per-step difference
  for (let i = 0; i < n; i++) {
    const detect = Math.round(times[i] / dt);
    const previous = i === 0 ? 0 : Math.round(times[i - 1] / dt);
    const next = i + 1 < n ? Math.round(times[i + 1] / dt) : v.length - 1;
    // Peak: maximum between detection and the next spike.
    let p = detect;
    for (let s = detect; s < next; s++) if (v[s] > v[p]) p = s;
    // Threshold: walking back from the detection step to the last step with dV/dt <= 20 mV/ms.
    let t = detect;
    while (t > previous + 1 && v[t] - v[t - 1] > dvdtLimit) t--;
    // Trough: minimum between the peak and the next spike's rise.
    let q = p;
    for (let s = p; s < next; s++) if (v[s] < v[q]) q = s;
    threshold[i] = v[t];
    peak[i] = v[p];
    trough[i] = v[q];
    const half = (v[t] + v[p]) / 2;
    let up = t;
    while (up < p && v[up] < half) up++;
    let down = p;
    while (down < next && v[down] > half) down++;
    width[i] = (down - up) * dt;
  }
  let mean = 0;
  for (const x of isi) mean += x;
  mean /= isi.length || 1;
  let variance = 0;
  for (const x of isi) variance += (x - mean) ** 2;
  variance /= isi.length || 1;
  let adaptation = 0;
  for (let i = 1; i < isi.length; i++) adaptation += (isi[i] - isi[i - 1]) / (isi[i] + isi[i - 1]);
  return {
    spikeCount: n,
    rate: (n * 1000) / (v.length * dt),
    firstSpikeLatency: n > 0 ? times[0] : NaN,
    isi,
    isiCv: isi.length > 1 ? Math.sqrt(variance) / mean : NaN,
    adaptationIndex: isi.length > 1 ? adaptation / (isi.length - 1) : NaN,
    threshold,
    peak,
    width,
    trough,
  };
}
