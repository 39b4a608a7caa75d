/**
 * Network → course bridge: seizure propensity (seizures per day, mean seizure duration,
 * probability that a seizure spreads beyond its focus) as a function of the Epileptor
 * excitability x0 of the epileptogenic zone (EZ) and of its strongest neighbour, the propagation
 * zone (PZ).
 *
 * The function is tabulated from stochastic runs of a two-node motif (EZ ↔ PZ) of the 6-D
 * Epileptor (src/engines/network/epileptor.ts, VEP coupling Ks = -0.2, Kf = 0.1; Jirsa et al.
 * 2017 NeuroImage 145:377) by scripts/calibrate-propensity.mjs, which writes
 * src/bridges/generated/propensity-table.ts. Per grid point several independent replicates run
 * (each its own random stream, derived from the seed and the point), and we count EZ seizure
 * onsets after a transient, their durations, and whether the PZ seized during them.
 *
 * Noise: additive on x1 and y1 (nsig 1e-4) and on z (nsig 1e-6), TVB convention sigma =
 * sqrt(2 nsig). Below the deterministic threshold (x0 ≈ -2.06, shared/science/epileptor.md §1.3)
 * seizures are noise-driven escapes from the interictal fixed point; with noise on x1/y1 only
 * (or a smaller z noise) no escape occurred in our runs, so the z noise sets the escape rate.
 * This noise is a modelling choice, not a measured quantity.
 *
 * Rare escapes (Kramers): where fewer than `minDirectCount` seizures were observed at a point,
 * the rate comes from a log-linear fit ln(rate) = a + b x0 over the sub-threshold rows with
 * enough pooled seizures (the Arrhenius–Kramers form, rate ∝ exp(-ΔV / D), with a barrier ΔV
 * taken as linear in x0 near the threshold; Kramers 1940 Physica 7:284). These points are
 * flagged `extrapolated`, as is any query outside the grid.
 *
 * Monotonicity: escape rates rise with x0 (the barrier falls). Monte Carlo noise can break this
 * between neighbouring grid points, so the table's rates are made non-decreasing in x0 of the EZ
 * by pooling adjacent violators (isotonic regression), and generalisation non-decreasing in x0 of
 * the PZ; the number of adjusted cells is recorded.
 *
 * Time: the Epileptor is phenomenological. One model unit is mapped to seconds so that the
 * median simulated seizure lasts `clinicalMedianSeizureSeconds` = 60 s: focal seizures with
 * impaired awareness last 62 s (EEG) in 1796 seizures of 200 patients (Dobesberger et al. 2015,
 * Epilepsy Behav 49:111, abstract) and isolated focal self-limiting seizures a median 59 s
 * (Meletti et al. 2023, Epileptic Disord 25, abstract).
 *
 * Interpolation: bilinear in (x0 EZ, x0 PZ) of log10(rate), duration and generalisation. Its
 * error is estimated by leave-one-out (each interior grid value predicted from its two
 * neighbours along one axis) and stored with the table.
 */
import { buildCouplingGraph } from "../engines/network/coupling.js";
import {
  EPILEPTOR_PARAMETERS,
  EPILEPTOR_REGIONAL,
  EpileptorNetwork,
  epileptorRestingState,
  type EpileptorParameterName,
  type EpileptorRegionalName,
} from "../engines/network/epileptor.js";
import { defaultsOf } from "../engines/parameters.js";
import { simulateNetwork } from "../engines/network/simulate.js";
import { fitLine, median } from "../numerics/statistics.js";
import { detectSeizuresFromStates } from "../observe/seizures.js";

/** Bump when the method (not only the settings) changes, so that the fingerprint goes stale. */
export const PROPENSITY_METHOD_VERSION = 1;

export interface PropensitySettings {
  readonly seed: number;
  readonly x0EZ: readonly number[];
  readonly x0PZ: readonly number[];
  readonly replicates: number;
  /** Model time units per run, and the initial part discarded. */
  readonly duration: number;
  readonly transient: number;
  readonly dt: number;
  readonly nsig: { readonly x1: number; readonly y1: number; readonly z: number };
  /** Weight of the EZ–PZ edge and the VEP coupling gains. */
  readonly weight: number;
  readonly Ks: number;
  readonly Kf: number;
  /** x1 above this is ictal; ictal samples closer than mergeGap (model units) form one seizure. */
  readonly threshold: number;
  readonly mergeGap: number;
  readonly samplePeriod: number;
  /** Points with fewer EZ seizures (all replicates) take the Kramers fit. */
  readonly minDirectCount: number;
  /** Sub-threshold rows enter the Kramers fit with at least this many pooled seizures. */
  readonly minFitCount: number;
  /** Rows with x0 of the EZ below this are sub-threshold (deterministic threshold ≈ -2.06). */
  readonly subThreshold: number;
  readonly clinicalMedianSeizureSeconds: number;
}

export const PROPENSITY_SETTINGS: PropensitySettings = Object.freeze({
  seed: 20220601,
  x0EZ: [-2.5, -2.4, -2.3, -2.25, -2.2, -2.16, -2.12, -2.09, -2.06, -2.0, -1.9, -1.8, -1.7, -1.6],
  x0PZ: [-2.5, -2.3, -2.2, -2.15, -2.1],
  replicates: 3,
  duration: 24000,
  transient: 1000,
  dt: 0.05,
  nsig: { x1: 1e-4, y1: 1e-4, z: 1e-6 },
  weight: 1,
  Ks: -0.2,
  Kf: 0.1,
  threshold: 0,
  mergeGap: 100,
  samplePeriod: 1,
  minDirectCount: 3,
  minFitCount: 5,
  subThreshold: -2.062,
  clinicalMedianSeizureSeconds: 60,
});

/** What one replicate at one grid point observed (model units). */
export interface MotifObservation {
  readonly seizures: number;
  /** Sum of durations of the EZ seizures that ended before the run did. */
  readonly durationSum: number;
  readonly completed: number;
  /** EZ seizures during which the PZ also seized. */
  readonly generalised: number;
  readonly observedUnits: number;
}

/** The random stream path of one replicate at one grid point. */
export function motifStreamPath(x0EZ: number, x0PZ: number, replicate: number): string {
  return `bridges/propensity/${x0EZ}/${x0PZ}/${replicate}`;
}

/** One stochastic run of the EZ ↔ PZ motif. */
export function simulateMotif(
  x0EZ: number,
  x0PZ: number,
  replicate: number,
  s: PropensitySettings = PROPENSITY_SETTINGS,
): MotifObservation {
  const n = 2;
  const graph = buildCouplingGraph(Float64Array.of(0, s.weight, s.weight, 0), n, {
    speed: Infinity,
    dt: s.dt,
  });
  const shared = defaultsOf(EPILEPTOR_PARAMETERS) as Record<EpileptorParameterName, number>;
  const regional = {} as Record<EpileptorRegionalName, Float64Array>;
  for (const name of EPILEPTOR_REGIONAL) regional[name] = new Float64Array(n).fill(shared[name]);
  regional.x0[0] = x0EZ;
  regional.x0[1] = x0PZ;
  regional.Ks.fill(s.Ks);
  regional.Kf.fill(s.Kf);
  const model = new EpileptorNetwork({ graph, shared, regional, couplingScale: 1 });
  const sigma = new Float64Array(model.variables.length);
  sigma[model.variables.indexOf("x1")] = Math.sqrt(2 * s.nsig.x1);
  sigma[model.variables.indexOf("y1")] = Math.sqrt(2 * s.nsig.y1);
  sigma[model.variables.indexOf("z")] = Math.sqrt(2 * s.nsig.z);
  const sampleEvery = Math.round(s.samplePeriod / s.dt);
  const run = simulateNetwork(model, {
    dt: s.dt,
    steps: Math.round(s.duration / s.dt),
    scheme: "heun",
    initialState: epileptorRestingState(shared, regional),
    noiseSigma: sigma,
    seed: s.seed,
    streamPath: motifStreamPath(x0EZ, x0PZ, replicate),
    sampleEvery,
    record: ["x1"],
  });
  const events = detectSeizuresFromStates(run.times, run.recorded.x1, n, ["EZ", "PZ"], {
    threshold: s.threshold,
    mergeGap: s.mergeGap,
  });
  const lastTime = run.times[run.times.length - 1];
  const pz = events.filter((e) => e.regionIndex === 1);
  let seizures = 0,
    durationSum = 0,
    completed = 0,
    generalised = 0;
  for (const e of events) {
    if (e.regionIndex !== 0 || e.onset < s.transient) continue;
    seizures++;
    if (e.offset < lastTime - s.mergeGap) {
      durationSum += e.offset - e.onset;
      completed++;
    }
    if (pz.some((p) => p.onset <= e.offset && p.offset >= e.onset)) generalised++;
  }
  return { seizures, durationSum, completed, generalised, observedUnits: s.duration - s.transient };
}

export interface PropensityTable {
  readonly version: number;
  readonly fingerprint: string;
  readonly settings: PropensitySettings;
  readonly secondsPerUnit: number;
  readonly x0EZ: readonly number[];
  readonly x0PZ: readonly number[];
  /** [row = x0EZ][column = x0PZ]. */
  readonly seizuresPerDay: readonly (readonly number[])[];
  readonly meanSeizureSeconds: readonly (readonly number[])[];
  readonly generalisation: readonly (readonly number[])[];
  readonly extrapolated: readonly (readonly boolean[])[];
  /** Raw observations per point and replicate: [row][column][replicate]. */
  readonly observations: readonly (readonly (readonly MotifObservation[])[])[];
  /** ln(seizures per model unit) = intercept + slope x0EZ, fitted on `fitRows`. */
  readonly kramers: {
    readonly intercept: number;
    readonly slope: number;
    readonly fitRows: readonly number[];
  };
  readonly monotoneAdjustedCells: number;
  readonly leaveOneOut: LeaveOneOutErrors;
}

export interface LeaveOneOutErrors {
  /** |error| of log10(seizures per day), decades. */
  readonly log10RateMax: number;
  readonly log10RateMedian: number;
  readonly durationSecondsMax: number;
  readonly durationSecondsMedian: number;
  readonly generalisationMax: number;
  readonly generalisationMedian: number;
  readonly points: number;
}

const SECONDS_PER_DAY = 86400;

/** Pool adjacent violators: the non-decreasing sequence closest (least squares) to `values`. */
export function isotonic(values: readonly number[]): number[] {
  const blocks: { sum: number; count: number }[] = [];
  for (const v of values) {
    blocks.push({ sum: v, count: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1];
      const a = blocks[blocks.length - 2];
      if (a.sum / a.count <= b.sum / b.count) break;
      a.sum += b.sum;
      a.count += b.count;
      blocks.pop();
    }
  }
  return blocks.flatMap((b) => new Array<number>(b.count).fill(b.sum / b.count));
}

/**
 * Assemble the table from raw observations ([row][column][replicate]): time mapping, Kramers
 * fit, monotone smoothing, leave-one-out errors. Pure: the calibration script and the staleness
 * test call the same code.
 */
export function assembleTable(
  s: PropensitySettings,
  observations: readonly (readonly (readonly MotifObservation[])[])[],
  fingerprint: string,
): PropensityTable {
  const rows = s.x0EZ.length,
    cols = s.x0PZ.length;
  const sum = (list: readonly MotifObservation[], key: keyof MotifObservation) =>
    list.reduce((acc, o) => acc + o[key], 0);
  // Time mapping from the median duration of all completed EZ seizures (per-point means weighted
  // by their counts approximate the pooled median well enough; we use the median of point means
  // weighted by repeating each mean by its count).
  const durations: number[] = [];
  for (const row of observations)
    for (const point of row) {
      const completed = sum(point, "completed");
      if (completed > 0) {
        const mean = sum(point, "durationSum") / completed;
        for (let k = 0; k < completed; k++) durations.push(mean);
      }
    }
  if (durations.length === 0) throw new RangeError("propensity: no completed seizure in any run");
  const secondsPerUnit = s.clinicalMedianSeizureSeconds / median(durations);
  const perDay = SECONDS_PER_DAY / secondsPerUnit; // model units per day

  // Kramers fit over sub-threshold rows with enough pooled seizures.
  const fitRows: number[] = [];
  const fitX: number[] = [],
    fitY: number[] = [];
  for (let r = 0; r < rows; r++) {
    if (!(s.x0EZ[r] < s.subThreshold)) continue;
    const pooled = observations[r].flat();
    const count = sum(pooled, "seizures");
    if (count >= s.minFitCount) {
      fitRows.push(r);
      fitX.push(s.x0EZ[r]);
      fitY.push(Math.log(count / sum(pooled, "observedUnits")));
    }
  }
  if (fitRows.length < 2) {
    throw new RangeError(
      `propensity: the Kramers fit needs at least 2 sub-threshold rows with >= ${s.minFitCount} seizures, got ${fitRows.length}`,
    );
  }
  const kramers = { ...fitLine(fitX, fitY), fitRows };

  const rate: number[][] = [],
    duration: number[][] = [],
    general: number[][] = [],
    extrapolated: boolean[][] = [];
  for (let r = 0; r < rows; r++) {
    rate.push([]);
    duration.push([]);
    general.push([]);
    extrapolated.push([]);
    for (let c = 0; c < cols; c++) {
      const point = observations[r][c];
      const count = sum(point, "seizures");
      const direct = count >= s.minDirectCount;
      const perUnit = direct
        ? count / sum(point, "observedUnits")
        : Math.exp(kramers.intercept + kramers.slope * s.x0EZ[r]);
      rate[r].push(perUnit * perDay);
      extrapolated[r].push(!direct);
      const completed = sum(point, "completed");
      duration[r].push(completed > 0 ? (sum(point, "durationSum") / completed) * secondsPerUnit : NaN);
      general[r].push(count > 0 ? sum(point, "generalised") / count : NaN);
    }
  }
  // Points without seizures take duration and generalisation from the nearest row (same column)
  // that has them: the escape, when it happens, looks like its neighbours'.
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) {
      if (!Number.isNaN(duration[r][c]) && !Number.isNaN(general[r][c])) continue;
      for (let d = 1; d < rows; d++) {
        const candidates = [r + d, r - d].filter((k) => k >= 0 && k < rows);
        const k = candidates.find((q) => !Number.isNaN(duration[q][c]) && !Number.isNaN(general[q][c]));
        if (k !== undefined) {
          if (Number.isNaN(duration[r][c])) duration[r][c] = duration[k][c];
          if (Number.isNaN(general[r][c])) general[r][c] = general[k][c];
          extrapolated[r][c] = true;
          break;
        }
      }
    }
  }
  // Monotone smoothing (see the module comment).
  let adjusted = 0;
  for (let c = 0; c < cols; c++) {
    const logRates = rate.map((row) => Math.log(row[c]));
    const smooth = isotonic(logRates);
    for (let r = 0; r < rows; r++) {
      if (Math.abs(smooth[r] - logRates[r]) > 1e-12) {
        adjusted++;
        rate[r][c] = Math.exp(smooth[r]);
      }
    }
  }
  for (let r = 0; r < rows; r++) {
    const smooth = isotonic(general[r]);
    for (let c = 0; c < cols; c++) {
      if (Math.abs(smooth[c] - general[r][c]) > 1e-12) adjusted++;
      general[r][c] = smooth[c];
    }
  }
  const partial = {
    version: PROPENSITY_METHOD_VERSION,
    fingerprint,
    settings: s,
    secondsPerUnit,
    x0EZ: [...s.x0EZ],
    x0PZ: [...s.x0PZ],
    seizuresPerDay: rate,
    meanSeizureSeconds: duration,
    generalisation: general,
    extrapolated,
    observations,
    kramers,
    monotoneAdjustedCells: adjusted,
  };
  return { ...partial, leaveOneOut: leaveOneOutErrors(partial) };
}

type Grid = Pick<
  PropensityTable,
  "x0EZ" | "x0PZ" | "seizuresPerDay" | "meanSeizureSeconds" | "generalisation"
>;

/**
 * Leave-one-out errors of the interpolation: every value at an interior grid index (along x0 of
 * the EZ, and separately along x0 of the PZ) is predicted by linear interpolation between its two
 * neighbours on that axis, as the interpolator would if that grid point were missing.
 */
export function leaveOneOutErrors(t: Grid): LeaveOneOutErrors {
  const rateErr: number[] = [],
    durErr: number[] = [],
    genErr: number[] = [];
  const rows = t.x0EZ.length,
    cols = t.x0PZ.length;
  const predict = (x0: number, x1: number, x: number, y0: number, y1: number) =>
    y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const pairs: [number, number, number, number, number][] = [];
      const axes: [number, number, number, number][] = [];
      if (r > 0 && r < rows - 1) axes.push([r - 1, c, r + 1, c]);
      if (c > 0 && c < cols - 1) axes.push([r, c - 1, r, c + 1]);
      for (const [r0, c0, r1, c1] of axes) {
        const along = r0 !== r1;
        const x0 = along ? t.x0EZ[r0] : t.x0PZ[c0];
        const x1 = along ? t.x0EZ[r1] : t.x0PZ[c1];
        const x = along ? t.x0EZ[r] : t.x0PZ[c];
        pairs.push([x0, x1, x, r0 * cols + c0, r1 * cols + c1]);
      }
      for (const [x0, x1, x, a, b] of pairs) {
        const at = (m: readonly (readonly number[])[], k: number) => m[Math.floor(k / cols)][k % cols];
        const lr = (k: number) => Math.log10(at(t.seizuresPerDay, k));
        rateErr.push(Math.abs(predict(x0, x1, x, lr(a), lr(b)) - Math.log10(t.seizuresPerDay[r][c])));
        durErr.push(
          Math.abs(
            predict(x0, x1, x, at(t.meanSeizureSeconds, a), at(t.meanSeizureSeconds, b)) -
              t.meanSeizureSeconds[r][c],
          ),
        );
        genErr.push(
          Math.abs(
            predict(x0, x1, x, at(t.generalisation, a), at(t.generalisation, b)) - t.generalisation[r][c],
          ),
        );
      }
    }
  return {
    log10RateMax: Math.max(...rateErr),
    log10RateMedian: median(rateErr),
    durationSecondsMax: Math.max(...durErr),
    durationSecondsMedian: median(durErr),
    generalisationMax: Math.max(...genErr),
    generalisationMedian: median(genErr),
    points: rateErr.length,
  };
}

/** The canonical description of everything the table depends on (hashed into its fingerprint). */
export function propensitySpec(s: PropensitySettings = PROPENSITY_SETTINGS): string {
  return JSON.stringify({
    method: PROPENSITY_METHOD_VERSION,
    settings: s,
    epileptor: defaultsOf(EPILEPTOR_PARAMETERS),
  });
}

export interface Propensity {
  readonly seizuresPerDay: number;
  readonly meanSeizureSeconds: number;
  /** Probability that a seizure of the EZ recruits its strongest neighbour. */
  readonly generalisation: number;
  /** True outside the grid or where the table itself holds a Kramers extrapolation. */
  readonly extrapolated: boolean;
}

function bracket(grid: readonly number[], x: number): { i: number; w: number; outside: boolean } {
  const n = grid.length;
  if (x <= grid[0]) return { i: 0, w: 0, outside: x < grid[0] };
  if (x >= grid[n - 1]) return { i: n - 2, w: 1, outside: x > grid[n - 1] };
  let i = 0;
  while (grid[i + 1] < x) i++;
  return { i, w: (x - grid[i]) / (grid[i + 1] - grid[i]), outside: false };
}

/**
 * Propensity at (x0 of the EZ, x0 of its strongest neighbour): bilinear interpolation of the
 * table; below the grid in x0EZ the Kramers line continues the rate; above it and outside the PZ
 * range values are held at the edge. All such queries are flagged `extrapolated`.
 */
export function propensity(x0EZ: number, x0PZ: number, table: PropensityTable): Propensity {
  if (!Number.isFinite(x0EZ) || !Number.isFinite(x0PZ)) {
    throw new RangeError(`propensity: x0 values must be finite, got (${x0EZ}, ${x0PZ})`);
  }
  const r = bracket(table.x0EZ, x0EZ);
  const c = bracket(table.x0PZ, x0PZ);
  const bilinear = (m: readonly (readonly number[])[], f: (v: number) => number = (v) => v) =>
    (1 - r.w) * ((1 - c.w) * f(m[r.i][c.i]) + c.w * f(m[r.i][c.i + 1])) +
    r.w * ((1 - c.w) * f(m[r.i + 1][c.i]) + c.w * f(m[r.i + 1][c.i + 1]));
  let log10Rate = bilinear(table.seizuresPerDay, Math.log10);
  if (x0EZ < table.x0EZ[0]) {
    // Continue along the Kramers slope from the edge value.
    log10Rate += (table.kramers.slope * (x0EZ - table.x0EZ[0])) / Math.LN10;
  }
  const touched = [
    [r.i, c.i],
    [r.i, c.i + 1],
    [r.i + 1, c.i],
    [r.i + 1, c.i + 1],
  ].some(([i, j]) => table.extrapolated[i][j]);
  return {
    seizuresPerDay: 10 ** log10Rate,
    meanSeizureSeconds: bilinear(table.meanSeizureSeconds),
    generalisation: bilinear(table.generalisation),
    extrapolated: r.outside || c.outside || touched,
  };
}

/** Run every grid point and replicate (the calibration; minutes of CPU). */
export function runPropensityGrid(
  s: PropensitySettings = PROPENSITY_SETTINGS,
  onProgress?: (done: number, total: number) => void,
): MotifObservation[][][] {
  const total = s.x0EZ.length * s.x0PZ.length * s.replicates;
  let done = 0;
  return s.x0EZ.map((ez) =>
    s.x0PZ.map((pz) =>
      Array.from({ length: s.replicates }, (_, k) => {
        const o = simulateMotif(ez, pz, k, s);
        onProgress?.(++done, total);
        return o;
      }),
    ),
  );
}
