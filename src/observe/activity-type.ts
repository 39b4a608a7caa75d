/**
 * Activity type of a local field potential, in the six classes of Wendling, Bartolomei,
 * Bellanger & Chauvel (2002, Eur J Neurosci 15:1499; the six simulated patterns, compared with
 * human hippocampal SEEG, and their (A, B, G) values as restated in shared/science/neural_mass.md
 * §3.3):
 *
 *   normal             background activity: low amplitude, broad spectrum, no spikes
 *   sporadic-spikes    isolated spikes over a background
 *   sustained-spikes   a sustained, regular discharge of spikes
 *   slow-rhythmic      a low-amplitude rhythm dominating the alpha band (8–13 Hz)
 *   low-voltage-rapid  low-amplitude fast activity (beta and low gamma)
 *   quasi-sinusoidal   a large, narrow-band (sinusoid-like) rhythm
 *
 * The classification is measured, not judged by eye: spikes are counted on the signal, and the
 * spectrum is a Welch estimate (numerics/spectrum.ts). Decision order, each threshold in
 * ACTIVITY_THRESHOLDS with the reason for its value:
 *
 *  1. quasi-sinusoidal  when the power within ±peakHalfWidthHz of the dominant frequency is at
 *                       least sinusoidConcentration of the 1–60 Hz power, the dominant frequency
 *                       is at least sinusoidMinFrequencyHz and the SD at least largeAmplitudeMv.
 *                       A sinusoid puts all its power in one peak; a train of spikes at the same
 *                       rate spreads it over harmonics.
 *  2. spikes            a spike is an excursion above the median by more than spikeThresholdMv,
 *                       re-armed when the signal falls back below half that height. With spikes:
 *                       sustained-spikes when their rate is at least sustainedRateHz and the
 *                       coefficient of variation of the inter-spike intervals at most
 *                       sustainedMaxCv (a regular discharge), otherwise sporadic-spikes.
 *  3. no spikes         low-voltage-rapid when the 13–60 Hz share of the 1–60 Hz power is at
 *                       least fastFraction and the SD below largeAmplitudeMv; slow-rhythmic when
 *                       the 8–13 Hz share is at least alphaFraction; otherwise normal.
 *
 * The band limits are the clinical EEG bands (delta < 4, theta 4–8, alpha 8–13, beta 13–30 Hz,
 * gamma above). Numerical thresholds were set from the model's LFP at the six published
 * (A, B, G) points, half-way (on the scale of the measured ranges) between neighbouring types;
 * scripts/wendling-activity-table.mjs prints the measured features next to them. Absolute
 * amplitudes (mV) refer to the Wendling LFP y1 - y2 - y3; on other signals they would need
 * rescaling.
 */
import { bandPower, floorPowerOfTwo, peakFrequency, welchPsd } from "../numerics/spectrum.js";

export const ACTIVITY_TYPES = [
  "normal",
  "sporadic-spikes",
  "sustained-spikes",
  "slow-rhythmic",
  "low-voltage-rapid",
  "quasi-sinusoidal",
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_THRESHOLDS = {
  /** Spike height above the median (mV). Spikes of the model reach 10–14 mV above the median;
   *  noise-driven background stays within about 2 mV of it. */
  spikeThresholdMv: 7,
  /** A discharge at or above this spike rate (spikes/s) can be sustained: the published
   *  sustained discharge runs at 4–5 Hz, sporadic spikes at about 1 per second. */
  sustainedRateHz: 2,
  /** Highest coefficient of variation of inter-spike intervals of a sustained (regular)
   *  discharge; measured about 0.05 in sustained and 0.4–0.6 in sporadic spiking. */
  sustainedMaxCv: 0.3,
  /** Share of 1–60 Hz power within ±peakHalfWidthHz of the peak of a quasi-sinusoid; measured
   *  about 0.98 for the quasi-sinusoid and at most about 0.75 for spike trains (harmonics). */
  sinusoidConcentration: 0.9,
  peakHalfWidthHz: 1.5,
  /** Lowest dominant frequency of a quasi-sinusoidal rhythm (Hz): the alpha band and above
   *  (about 10 Hz in the model), below the theta-range spike-and-wave rate. */
  sinusoidMinFrequencyHz: 6,
  /** SD (mV) separating low-voltage from large activity: noise-driven types measure
   *  0.25–0.4 mV, spiking and quasi-sinusoidal activity 2.5–6 mV. */
  largeAmplitudeMv: 1.5,
  /** Least share of 1–60 Hz power in 13–60 Hz of low-voltage rapid activity (measured
   *  0.5–0.6 there, at most 0.35 in the other low-voltage types). */
  fastFraction: 0.45,
  /** Least share of 1–60 Hz power in 8–13 Hz of slow rhythmic activity (measured about 0.5
   *  there, about 0.2 in normal background and low-voltage rapid activity). */
  alphaFraction: 0.35,
} as const;

export interface ActivityFeatures {
  /** Samples analysed and their rate. */
  samples: number;
  sampleRateHz: number;
  /** SD of the signal (signal units, mV for the Wendling LFP). */
  sd: number;
  /** Peak of the Welch spectrum in 1–60 Hz. */
  dominantFrequencyHz: number;
  /** Shares of the 1–60 Hz power. */
  deltaFraction: number;
  thetaFraction: number;
  alphaFraction: number;
  betaFraction: number;
  gammaFraction: number;
  /** Share of 1–60 Hz power within ±peakHalfWidthHz of the dominant frequency. */
  peakConcentration: number;
  spikes: number;
  /** Spikes per second. */
  spikeRateHz: number;
  /** Coefficient of variation of inter-spike intervals (null with fewer than 3 spikes). */
  spikeIntervalCv: number | null;
}

export interface ActivityClassification extends ActivityFeatures {
  activityType: ActivityType;
}

const LOW_HZ = 1;
const HIGH_HZ = 60;

/**
 * Features of `count` samples of a strided series (sample k at values[offset + k * stride], which
 * reads one region of sample-major data in place) sampled at `sampleRate` Hz. Needs at least two
 * seconds of signal: the spectral segment is 1–2 s (the largest power of two of samples not
 * above 2 s), so the resolution is 0.5–1 Hz and a rhythm's peak spans several bins of the
 * ±peakHalfWidthHz window.
 */
export function activityFeatures(
  values: ArrayLike<number>,
  sampleRate: number,
  count = values.length,
  stride = 1,
  offset = 0,
): ActivityFeatures {
  if (!(sampleRate > 2 * HIGH_HZ))
    throw new RangeError(`activity analysis needs a sample rate above ${2 * HIGH_HZ} Hz, got ${sampleRate}`);
  const segment = floorPowerOfTwo(2 * sampleRate);
  if (count < Math.round(2 * sampleRate))
    throw new RangeError(
      `activity analysis needs at least 2 s of signal (${Math.round(2 * sampleRate)} samples at ${sampleRate} Hz), got ${count}`,
    );
  const x = new Float64Array(count);
  let mean = 0;
  for (let k = 0; k < count; k++) {
    x[k] = values[offset + k * stride];
    mean += x[k];
  }
  mean /= count;
  let variance = 0;
  for (let k = 0; k < count; k++) variance += (x[k] - mean) ** 2;
  const sd = Math.sqrt(variance / count);

  const spectrum = welchPsd(x, sampleRate, { segmentLength: segment });
  const total = bandPower(spectrum, LOW_HZ, HIGH_HZ);
  const share = (lo: number, hi: number) => (total > 0 ? bandPower(spectrum, lo, hi) / total : 0);
  const dominant = peakFrequency(spectrum, LOW_HZ, HIGH_HZ);
  const w = ACTIVITY_THRESHOLDS.peakHalfWidthHz;

  // Spikes: excursions above the median by more than the threshold, re-armed below half of it.
  const sorted = Float64Array.from(x).sort();
  const median =
    count % 2 === 1 ? sorted[(count - 1) / 2] : 0.5 * (sorted[count / 2 - 1] + sorted[count / 2]);
  const h = ACTIVITY_THRESHOLDS.spikeThresholdMv;
  const onsets: number[] = [];
  let armed = true;
  for (let k = 0; k < count; k++) {
    const d = x[k] - median;
    if (armed && d > h) {
      onsets.push(k);
      armed = false;
    } else if (!armed && d < h / 2) armed = true;
  }
  let cv: number | null = null;
  if (onsets.length >= 3) {
    const intervals = onsets.slice(1).map((k, j) => k - onsets[j]);
    const m = intervals.reduce((a, b) => a + b, 0) / intervals.length;
    const v = intervals.reduce((a, b) => a + (b - m) ** 2, 0) / intervals.length;
    cv = Math.sqrt(v) / m;
  }
  return {
    samples: count,
    sampleRateHz: sampleRate,
    sd,
    dominantFrequencyHz: dominant,
    deltaFraction: share(LOW_HZ, 4),
    thetaFraction: share(4, 8),
    alphaFraction: share(8, 13),
    betaFraction: share(13, 30),
    gammaFraction: share(30, HIGH_HZ),
    peakConcentration: share(Math.max(LOW_HZ, dominant - w), Math.min(HIGH_HZ, dominant + w)),
    spikes: onsets.length,
    spikeRateHz: onsets.length / (count / sampleRate),
    spikeIntervalCv: cv,
  };
}

/** The activity type of a set of features (the decision order in the file comment). */
export function activityTypeOf(f: ActivityFeatures): ActivityType {
  const t = ACTIVITY_THRESHOLDS;
  const large = f.sd >= t.largeAmplitudeMv;
  if (
    large &&
    f.peakConcentration >= t.sinusoidConcentration &&
    f.dominantFrequencyHz >= t.sinusoidMinFrequencyHz
  )
    return "quasi-sinusoidal";
  if (f.spikes > 0) {
    const regular = f.spikeIntervalCv !== null && f.spikeIntervalCv <= t.sustainedMaxCv;
    return f.spikeRateHz >= t.sustainedRateHz && regular ? "sustained-spikes" : "sporadic-spikes";
  }
  if (!large && f.betaFraction + f.gammaFraction >= t.fastFraction) return "low-voltage-rapid";
  if (f.alphaFraction >= t.alphaFraction) return "slow-rhythmic";
  return "normal";
}

/** Features and activity type of one signal (see activityFeatures for the arguments). */
export function classifyActivity(
  values: ArrayLike<number>,
  sampleRate: number,
  count = values.length,
  stride = 1,
  offset = 0,
): ActivityClassification {
  const features = activityFeatures(values, sampleRate, count, stride, offset);
  return { ...features, activityType: activityTypeOf(features) };
}

/**
 * The (A, B, G) values (mV) at which Wendling et al. (2002) show each activity type (with
 * a = 100, b = 50, g = 500 s^-1 and p mean 90, SD 30 pulses/s). Values as in
 * shared/science/neural_mass.md §3.3, checked against an independent re-implementation that
 * reproduces the six panels (github.com/changtommy16/brainPy-wendling,
 * src/wendling_sim/model/params.py, TYPE_PARAMS); the figure number in the paper (Fig. 3 or 4)
 * remains unverified.
 */
export const PUBLISHED_ACTIVITY_POINTS: readonly {
  activityType: ActivityType;
  A: number;
  B: number;
  G: number;
}[] = [
  { activityType: "normal", A: 5, B: 50, G: 15 },
  { activityType: "sporadic-spikes", A: 5, B: 40, G: 15 },
  { activityType: "sustained-spikes", A: 5, B: 25, G: 15 },
  { activityType: "slow-rhythmic", A: 5, B: 10, G: 15 },
  { activityType: "low-voltage-rapid", A: 5, B: 5, G: 25 },
  { activityType: "quasi-sinusoidal", A: 5, B: 15, G: 0 },
];
