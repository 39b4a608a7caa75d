/**
 * Burst and seizure-like event detection on a population firing rate (Hz, one value per bin).
 *
 * Method: a threshold on the smoothed rate against a robust baseline. This is the common shape of
 * network-burst detectors on array-wide activity (cf. Wagenaar DA, Pine J, Potter SM (2006) BMC
 * Neurosci 7:11 for cultured networks); the particular thresholds below are ours:
 *
 *   1. smooth the rate with a centred moving average of `smoothingMs`;
 *   2. baseline = median of the smoothed rate, spread = 1.4826 × median absolute deviation
 *      (the MAD scaled to a normal s.d.; Hampel 1974, J Am Stat Assoc 69:383);
 *   3. threshold = max(ratio × baseline, baseline + madFactor × spread, minRate);
 *   4. an event is a maximal run of bins above threshold; runs separated by less than
 *      `mergeGapMs` are merged; events shorter than `minDurationMs` are dropped.
 *
 * The median and MAD ignore the events themselves as long as the rate spends less than half of
 * the time in them, which is what makes the baseline robust to the bursts it is meant to find.
 * The `minRate` floor keeps a silent baseline (median 0) from turning every stray spike into an
 * event. Onset and offset are the first bin above and the first bin after the last bin above the
 * threshold (times of bin starts); the peak is the largest smoothed rate inside.
 *
 * Choices are ours (no single published detector is reproduced): defaults are sized for
 * population bursts of a small cortical network (tens of ms) and documented in docs/models/cells.md.
 */

export interface PopulationEventOptions {
  /** Width of the centred moving average (ms); default 10. */
  readonly smoothingMs?: number;
  /** Threshold at least `ratio` × the baseline (median); default 3. */
  readonly ratio?: number;
  /** Threshold at least baseline + `madFactor` × robust s.d.; default 5. */
  readonly madFactor?: number;
  /** Threshold at least this rate (Hz); default 20. */
  readonly minRate?: number;
  /** Minimum event duration (ms); default 10. */
  readonly minDurationMs?: number;
  /** Supra-threshold runs closer than this (ms) form one event; default 5. */
  readonly mergeGapMs?: number;
}

export interface PopulationEvent {
  /** Start of the first supra-threshold bin (ms from the start of the series). */
  readonly onsetMs: number;
  /** End of the last supra-threshold bin (ms). */
  readonly offsetMs: number;
  /** Start of the bin with the largest smoothed rate (ms). */
  readonly peakMs: number;
  /** Largest smoothed rate inside the event (Hz). */
  readonly peakRate: number;
  /** Mean of the unsmoothed rate over the event (Hz). */
  readonly meanRate: number;
}

export interface PopulationEventResult {
  readonly events: PopulationEvent[];
  /** Median of the smoothed rate (Hz). */
  readonly baseline: number;
  /** 1.4826 × MAD of the smoothed rate (Hz). */
  readonly spread: number;
  /** The threshold applied (Hz). */
  readonly threshold: number;
  /** The smoothed rate (Hz). */
  readonly smoothed: Float64Array;
}

function option(value: number | undefined, fallback: number, name: string, min: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < min)
    throw new RangeError(`population events: ${name} must be >= ${min}, got ${v}`);
  return v;
}

/** Centred moving average over `width` bins (odd; shrinks at the edges). */
export function movingAverage(values: ArrayLike<number>, width: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const half = Math.floor(width / 2);
  // Prefix sums: O(n) for any width.
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + values[i];
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - half);
    const b = Math.min(n, i + half + 1);
    out[i] = (prefix[b] - prefix[a]) / (b - a);
  }
  return out;
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
}

/** Detect events in `rate` (Hz), one value per bin of `binMs`. */
export function detectPopulationEvents(
  rate: ArrayLike<number>,
  binMs: number,
  options: PopulationEventOptions = {},
): PopulationEventResult {
  if (!(binMs > 0) || !Number.isFinite(binMs))
    throw new RangeError(`population events: bin width must be > 0 ms, got ${binMs}`);
  for (let i = 0; i < rate.length; i++) {
    if (!Number.isFinite(rate[i]))
      throw new RangeError(`population events: rate[${i}] = ${rate[i]} is not finite`);
  }
  const smoothingMs = option(options.smoothingMs, 10, "smoothingMs", 0);
  const ratio = option(options.ratio, 3, "ratio", 0);
  const madFactor = option(options.madFactor, 5, "madFactor", 0);
  const minRate = option(options.minRate, 20, "minRate", 0);
  const minDurationMs = option(options.minDurationMs, 10, "minDurationMs", 0);
  const mergeGapMs = option(options.mergeGapMs, 5, "mergeGapMs", 0);

  const width = Math.max(1, 2 * Math.floor(smoothingMs / binMs / 2) + 1);
  const smoothed = movingAverage(rate, width);
  if (smoothed.length === 0) return { events: [], baseline: NaN, spread: NaN, threshold: NaN, smoothed };
  const baseline = median(smoothed);
  const deviations = smoothed.map((x) => Math.abs(x - baseline));
  const spread = 1.4826 * median(deviations);
  const threshold = Math.max(ratio * baseline, baseline + madFactor * spread, minRate);

  // Supra-threshold runs as [first, last] bin pairs, merged across short gaps.
  const runs: [number, number][] = [];
  const mergeBins = mergeGapMs / binMs;
  for (let i = 0; i < smoothed.length; i++) {
    if (smoothed[i] <= threshold) continue;
    let j = i;
    while (j + 1 < smoothed.length && smoothed[j + 1] > threshold) j++;
    const previous = runs[runs.length - 1];
    if (previous !== undefined && i - previous[1] - 1 < mergeBins) previous[1] = j;
    else runs.push([i, j]);
    i = j;
  }

  const events: PopulationEvent[] = [];
  for (const [first, last] of runs) {
    const bins = last - first + 1;
    if (bins * binMs < minDurationMs) continue;
    let peak = first;
    let sum = 0;
    for (let i = first; i <= last; i++) {
      if (smoothed[i] > smoothed[peak]) peak = i;
      sum += rate[i];
    }
    events.push({
      onsetMs: first * binMs,
      offsetMs: (last + 1) * binMs,
      peakMs: peak * binMs,
      peakRate: smoothed[peak],
      meanRate: sum / bins,
    });
  }
  return { events, baseline, spread, threshold, smoothed };
}
