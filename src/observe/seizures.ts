/**
 * Seizure detection on simulated data: from the model's states (per region), and from the
 * simulated SEEG (per channel) the way a detector on electrodes would see it, plus recruitment
 * order, network-level episodes and the epileptogenicity index.
 *
 * Sources:
 * - State-based detection follows the definition of the project's reference implementation
 *   (shared/reference/epileptor/vep_reference.py, `seizures`): a region is seizing while its
 *   fast variable x1 is above 0 (the upper, ictal branch of the Epileptor; Jirsa et al. 2014,
 *   Brain 137:2210–2230); supra-threshold samples closer than a gap belong to one seizure.
 * - Line length: Esteller R, Echauz J, Tcheng T, Litt B, Pless B (2001) "Line length: an
 *   efficient feature for seizure onset detection." Proc 23rd IEEE EMBS 2:1707–1710; compared
 *   with a slowly adapting trend as in the NeuroPace RNS line-length detector (Sun, Morrell &
 *   Wharen 2008, Neurotherapeutics 5:68–74), whose recommended initial setting is a 75% increase.
 * - Epileptogenicity index: Bartolomei F, Chauvel P, Wendling F (2008) "Epileptogenicity of brain
 *   structures in human temporal lobe epilepsy: a quantified study from intracerebral EEG."
 *   Brain 131:1818–1830, as summarised in shared/science/detection.md §2.
 *
 * Choices and deviations:
 * - State-based: a seizure is split when two consecutive supra-threshold samples are MORE than
 *   `mergeGap` apart (exactly the reference's `tt - prev > gap`), so a gap equal to `mergeGap`
 *   still merges. Onset/offset are sample times, so their resolution is the sampling period.
 * - Line length: the feature is the mean absolute first difference over a short window
 *   (line length divided by the window's sample count, so it does not depend on the window
 *   length). The baseline is an exponential moving average of that feature, frozen while a
 *   detection is in progress, so a long seizure does not raise its own reference; the price is
 *   that a sustained non-ictal rise in activity is reported as one long event. The baseline is
 *   initialised by the plain mean over a warm-up period during which nothing is detected.
 *   Onset and offset are the detector's causal decision times (no correction for window lag).
 * - EI: band energies from a Hann-windowed DFT of each window after removing its mean (a DC
 *   shift would otherwise leak into the theta band); the change point is the first window after
 *   the minimum of the Page–Hinkley sum; window times are window centres; channels never
 *   detected get EI 0 (the paper assigns them a late detection time, which yields a low EI too).
 */

/** A region's seizure in model time units. */
export interface SeizureEvent {
  regionIndex: number;
  region: string;
  onset: number;
  offset: number;
}

export interface StateDetectionOptions {
  /** x1 above this value counts as ictal (default 0). */
  threshold?: number;
  /** Supra-threshold samples at most this far apart belong to one seizure (default 100). */
  mergeGap?: number;
  /** Seizures shorter than this (offset - onset) are dropped (default 0: keep all). */
  minDuration?: number;
}

/**
 * Seizures of every region from the fast variable x1 (samples x n, sample-major), sorted by
 * onset, then region index.
 */
export function detectSeizuresFromStates(
  times: Float64Array,
  x1: Float64Array,
  n: number,
  labels: readonly string[],
  options: StateDetectionOptions = {},
): SeizureEvent[] {
  const threshold = options.threshold ?? 0;
  const gap = options.mergeGap ?? 100;
  const minDuration = options.minDuration ?? 0;
  const samples = times.length;
  if (x1.length !== samples * n)
    throw new RangeError(
      `detectSeizuresFromStates: x1 has ${x1.length} values, expected samples*n = ${samples}*${n}`,
    );
  if (labels.length !== n)
    throw new RangeError(`detectSeizuresFromStates: ${labels.length} labels for ${n} regions`);
  if (!(gap >= 0)) throw new RangeError(`detectSeizuresFromStates: mergeGap must be >= 0, got ${gap}`);
  const events: SeizureEvent[] = [];
  const emit = (i: number, onset: number, offset: number) => {
    if (offset - onset >= minDuration) events.push({ regionIndex: i, region: labels[i], onset, offset });
  };
  for (let i = 0; i < n; i++) {
    let inSeizure = false;
    let start = 0;
    let prev = 0;
    for (let s = 0; s < samples; s++) {
      if (!(x1[s * n + i] > threshold)) continue;
      const t = times[s];
      if (!inSeizure) {
        inSeizure = true;
        start = t;
      } else if (t - prev > gap) {
        emit(i, start, prev);
        start = t;
      }
      prev = t;
    }
    if (inSeizure) emit(i, start, prev);
  }
  return events.sort((a, b) => a.onset - b.onset || a.regionIndex - b.regionIndex);
}

export interface RecruitmentEntry {
  region: string;
  regionIndex: number;
  firstOnset: number;
  /** 1-based; regions with the same first onset share a rank (1, 2, 2, 4). */
  rank: number;
}

/** Regions ranked by their first seizure onset (ties broken by region index for order). */
export function recruitmentOrder(events: readonly SeizureEvent[]): RecruitmentEntry[] {
  const first = new Map<number, SeizureEvent>();
  for (const e of events) {
    const seen = first.get(e.regionIndex);
    if (seen === undefined || e.onset < seen.onset) first.set(e.regionIndex, e);
  }
  const ordered = [...first.values()].sort((a, b) => a.onset - b.onset || a.regionIndex - b.regionIndex);
  const out: RecruitmentEntry[] = [];
  ordered.forEach((e, k) => {
    const rank = k > 0 && e.onset === ordered[k - 1].onset ? out[k - 1].rank : k + 1;
    out.push({ region: e.region, regionIndex: e.regionIndex, firstOnset: e.onset, rank });
  });
  return out;
}

/** A network-level seizure: region events chained by overlap (or nearness). */
export interface SeizureEpisode {
  onset: number;
  offset: number;
  firstRegion: string;
  firstRegionIndex: number;
  /** Recruited regions in order of their first onset within the episode (first region included). */
  regions: string[];
  regionIndices: number[];
  events: SeizureEvent[];
}

/**
 * Group region events into network-level seizures: taking events by onset, an event joins the
 * current episode when it starts no later than `gap` after the latest offset so far (gap 0:
 * only overlapping or touching events chain); otherwise it opens a new episode.
 */
export function seizureEpisodes(events: readonly SeizureEvent[], gap = 0): SeizureEpisode[] {
  if (!(gap >= 0)) throw new RangeError(`seizureEpisodes: gap must be >= 0, got ${gap}`);
  const sorted = [...events].sort((a, b) => a.onset - b.onset || a.regionIndex - b.regionIndex);
  const episodes: SeizureEpisode[] = [];
  let current: SeizureEpisode | null = null;
  for (const e of sorted) {
    if (current === null || e.onset > current.offset + gap) {
      current = {
        onset: e.onset,
        offset: e.offset,
        firstRegion: e.region,
        firstRegionIndex: e.regionIndex,
        regions: [],
        regionIndices: [],
        events: [],
      };
      episodes.push(current);
    }
    current.events.push(e);
    current.offset = Math.max(current.offset, e.offset);
    if (!current.regionIndices.includes(e.regionIndex)) {
      current.regionIndices.push(e.regionIndex);
      current.regions.push(e.region);
    }
  }
  return episodes;
}

// ---------------------------------------------------------------------------------------------
// Signal-based detection: line length against a slowly adapting baseline.

export interface LineLengthOptions {
  /** Short (feature) window, s (default 1). */
  shortWindowS?: number;
  /** Time constant of the baseline's exponential average, s (default 30). */
  baselineS?: number;
  /** Initial period used to estimate the baseline, no detection inside it, s (default 10). */
  warmupS?: number;
  /** Detection while short-window line length > thresholdRatio x baseline (default 1.75,
   *  the RNS "75%" setting). */
  thresholdRatio?: number;
  /** Absolute floor on the feature (mean |dx| per sample), so silence followed by tiny noise
   *  is not a seizure (default 0). */
  minLineLength?: number;
  /** Detections shorter than this are dropped, s (default 2). */
  minDurationS?: number;
  /** Threshold crossings closer than this are one detection, s (default 1). */
  mergeGapS?: number;
  /** Time of sample 0, s (default 0). */
  startTime?: number;
  /** Channel labels (default "0", "1", ...). */
  labels?: readonly string[];
}

/** A detection on one channel, in seconds. */
export interface SignalSeizureEvent {
  channel: number;
  label: string;
  onset: number;
  offset: number;
}

function checkSignal(
  where: string,
  data: Float64Array,
  samples: number,
  channels: number,
  sampleRateHz: number,
): void {
  if (!Number.isInteger(samples) || samples < 0 || !Number.isInteger(channels) || channels <= 0) {
    throw new RangeError(
      `${where}: samples (${samples}) and channels (${channels}) must be non-negative integers, channels > 0`,
    );
  }
  if (data.length < samples * channels)
    throw new RangeError(
      `${where}: data has ${data.length} values, expected samples*channels = ${samples * channels}`,
    );
  if (!(sampleRateHz > 0) || !Number.isFinite(sampleRateHz))
    throw new RangeError(`${where}: sampleRateHz must be positive, got ${sampleRateHz}`);
}

function windowSamples(where: string, seconds: number, sampleRateHz: number): number {
  const k = Math.round(seconds * sampleRateHz);
  if (!(k >= 1))
    throw new RangeError(`${where}: ${seconds} s is shorter than one sample at ${sampleRateHz} Hz`);
  return k;
}

/**
 * The line-length feature (mean |x[k] - x[k-1]| over the trailing short window) for every
 * sample and channel, samples x channels; the first window is partial.
 */
export function lineLength(
  data: Float64Array,
  samples: number,
  channels: number,
  sampleRateHz: number,
  windowS = 1,
): Float64Array {
  checkSignal("lineLength", data, samples, channels, sampleRateHz);
  const w = windowSamples("lineLength window", windowS, sampleRateHz);
  const out = new Float64Array(samples * channels);
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let s = 1; s < samples; s++) {
      sum += Math.abs(data[s * channels + c] - data[(s - 1) * channels + c]);
      if (s > w) sum -= Math.abs(data[(s - w) * channels + c] - data[(s - w - 1) * channels + c]);
      out[s * channels + c] = sum / Math.min(s, w);
    }
  }
  return out;
}

/**
 * Per-channel seizure detection by line length (see the file comment): a detection starts when
 * the short-window feature exceeds thresholdRatio x baseline, ends when it has stayed below for
 * longer than mergeGapS, and is kept when it lasted at least minDurationS. Sorted by onset, then
 * channel.
 */
export function detectSeizuresFromSignals(
  data: Float64Array,
  samples: number,
  channels: number,
  sampleRateHz: number,
  options: LineLengthOptions = {},
): SignalSeizureEvent[] {
  checkSignal("detectSeizuresFromSignals", data, samples, channels, sampleRateHz);
  const fs = sampleRateHz;
  const ns = windowSamples("shortWindowS", options.shortWindowS ?? 1, fs);
  const baselineS = options.baselineS ?? 30;
  if (!(baselineS > 0))
    throw new RangeError(`detectSeizuresFromSignals: baselineS must be > 0, got ${baselineS}`);
  const alpha = 1 - Math.exp(-1 / (baselineS * fs));
  const warm = Math.max(ns, Math.round((options.warmupS ?? 10) * fs));
  const ratio = options.thresholdRatio ?? 1.75;
  const floor = options.minLineLength ?? 0;
  const minDuration = options.minDurationS ?? 2;
  const mergeGap = Math.round((options.mergeGapS ?? 1) * fs);
  const t0 = options.startTime ?? 0;
  const labels = options.labels;
  if (labels !== undefined && labels.length !== channels)
    throw new RangeError(`detectSeizuresFromSignals: ${labels.length} labels for ${channels} channels`);

  const ring = new Float64Array(ns * channels);
  const sum = new Float64Array(channels);
  const cumulative = new Float64Array(channels);
  const baseline = new Float64Array(channels);
  const active = new Uint8Array(channels);
  const start = new Int32Array(channels);
  const last = new Int32Array(channels);
  const events: SignalSeizureEvent[] = [];
  const close = (c: number) => {
    active[c] = 0;
    const onset = start[c] / fs;
    const offset = last[c] / fs;
    if (offset - onset >= minDuration) {
      events.push({ channel: c, label: labels?.[c] ?? String(c), onset: t0 + onset, offset: t0 + offset });
    }
  };

  for (let s = 1; s < samples; s++) {
    const slot = (s - 1) % ns;
    const row = slot * channels;
    const cur = s * channels;
    const prev = cur - channels;
    for (let c = 0; c < channels; c++) {
      const d = Math.abs(data[cur + c] - data[prev + c]);
      sum[c] += d - ring[row + c];
      ring[row + c] = d;
    }
    if (slot === ns - 1) {
      // The running sums would slowly accumulate rounding error after large-amplitude
      // stretches; re-summing once per window keeps them exact at O(1) cost per sample.
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = 0; k < ns; k++) acc += ring[k * channels + c];
        sum[c] = acc;
      }
    }
    if (s < warm) {
      for (let c = 0; c < channels; c++) {
        cumulative[c] += ring[row + c];
        baseline[c] = cumulative[c] / s;
      }
      continue;
    }
    for (let c = 0; c < channels; c++) {
      const feature = sum[c] / ns;
      const above = feature > ratio * baseline[c] && feature > floor;
      if (active[c] === 0) {
        if (above) {
          active[c] = 1;
          start[c] = s;
          last[c] = s;
        } else {
          baseline[c] += alpha * (feature - baseline[c]);
        }
      } else if (above) {
        last[c] = s;
      } else if (s - last[c] > mergeGap) {
        close(c);
      }
    }
  }
  for (let c = 0; c < channels; c++) if (active[c] === 1) close(c);
  return events.sort((a, b) => a.onset - b.onset || a.channel - b.channel);
}

// ---------------------------------------------------------------------------------------------
// Epileptogenicity index (Bartolomei, Chauvel & Wendling 2008).

export interface EpileptogenicityOptions {
  /** Spectral window, s (default 1). */
  windowS?: number;
  /** Step between windows, s (default 0.25, i.e. 75% overlap). */
  stepS?: number;
  /** Band edges, Hz: theta [3.5, 7.4), alpha [7.4, 12.4), beta [12.4, 24), gamma [24, 97),
   *  gamma capped at the Nyquist frequency. */
  bands?: {
    theta: [number, number];
    alpha: [number, number];
    beta: [number, number];
    gamma: [number, number];
  };
  /** Page–Hinkley bias v (default 0.5). */
  bias?: number;
  /** Page–Hinkley alarm threshold lambda (default 15). */
  lambda?: number;
  /** Integration window H after each channel's detection, s (default 5). */
  integrationS?: number;
  /** tau, s (default 1). */
  tauS?: number;
  /** Time of sample 0, s (default 0). */
  startTime?: number;
}

export interface EpileptogenicityResult {
  /** Per channel, normalised so that the maximum is 1 (all 0 when nothing is detected). */
  ei: Float64Array;
  /** Per channel change-point time N_d, s (NaN when never detected). */
  detectionTime: Float64Array;
  /** Per channel Page–Hinkley alarm time, s (NaN when never detected). */
  alarmTime: Float64Array;
  /** Window centre times, s. */
  windowTimes: Float64Array;
  /** Energy ratio, windows x channels. */
  energyRatio: Float64Array;
}

/**
 * Epileptogenicity index per channel of data (samples x channels): energy ratio of fast
 * (beta + gamma) to slow (theta + alpha) activity per window, Page–Hinkley change detection,
 * then EI_i = sum of ER_i over [N_d,i, N_d,i + H] / (N_d,i - N_0 + tau), normalised to max 1.
 */
export function epileptogenicityIndex(
  data: Float64Array,
  samples: number,
  channels: number,
  sampleRateHz: number,
  options: EpileptogenicityOptions = {},
): EpileptogenicityResult {
  checkSignal("epileptogenicityIndex", data, samples, channels, sampleRateHz);
  const fs = sampleRateHz;
  const nw = windowSamples("windowS", options.windowS ?? 1, fs);
  const step = windowSamples("stepS", options.stepS ?? 0.25, fs);
  const bands = options.bands ?? { theta: [3.5, 7.4], alpha: [7.4, 12.4], beta: [12.4, 24], gamma: [24, 97] };
  const v = options.bias ?? 0.5;
  const lambda = options.lambda ?? 15;
  const H = options.integrationS ?? 5;
  const tau = options.tauS ?? 1;
  const t0 = options.startTime ?? 0;
  const nyquist = fs / 2;
  if (bands.beta[1] > nyquist)
    throw new RangeError(
      `epileptogenicityIndex: the beta band reaches ${bands.beta[1]} Hz, above the Nyquist frequency ${nyquist} Hz`,
    );
  if (!(tau > 0)) throw new RangeError(`epileptogenicityIndex: tauS must be > 0, got ${tau}`);

  // DFT bins inside the four bands; band code 0/1 = slow (theta, alpha), 2/3 = fast.
  const binFreqs: number[] = [];
  const binFast: number[] = [];
  const inBand = (f: number, b: [number, number]) => f >= b[0] && f < Math.min(b[1], nyquist);
  for (let k = 1; k <= nw / 2; k++) {
    const f = (k * fs) / nw;
    if (inBand(f, bands.theta) || inBand(f, bands.alpha)) {
      binFreqs.push(k);
      binFast.push(0);
    } else if (inBand(f, bands.beta) || inBand(f, bands.gamma)) {
      binFreqs.push(k);
      binFast.push(1);
    }
  }
  const nb = binFreqs.length;
  const cosTable = new Float64Array(nb * nw);
  const sinTable = new Float64Array(nb * nw);
  for (let b = 0; b < nb; b++) {
    for (let j = 0; j < nw; j++) {
      const phase = (2 * Math.PI * binFreqs[b] * j) / nw;
      cosTable[b * nw + j] = Math.cos(phase);
      sinTable[b * nw + j] = Math.sin(phase);
    }
  }
  const hann = new Float64Array(nw);
  for (let j = 0; j < nw; j++) hann[j] = 0.5 - 0.5 * Math.cos((2 * Math.PI * j) / nw);

  const windows = samples >= nw ? Math.floor((samples - nw) / step) + 1 : 0;
  const windowTimes = new Float64Array(windows);
  const energyRatio = new Float64Array(windows * channels);
  const buffer = new Float64Array(nw);
  for (let w = 0; w < windows; w++) {
    const first = w * step;
    windowTimes[w] = t0 + (first + nw / 2) / fs;
    for (let c = 0; c < channels; c++) {
      let mean = 0;
      for (let j = 0; j < nw; j++) mean += data[(first + j) * channels + c];
      mean /= nw;
      for (let j = 0; j < nw; j++) buffer[j] = (data[(first + j) * channels + c] - mean) * hann[j];
      let slow = 0;
      let fast = 0;
      for (let b = 0; b < nb; b++) {
        let re = 0;
        let im = 0;
        const base = b * nw;
        for (let j = 0; j < nw; j++) {
          re += buffer[j] * cosTable[base + j];
          im += buffer[j] * sinTable[base + j];
        }
        const power = re * re + im * im;
        if (binFast[b] === 1) fast += power;
        else slow += power;
      }
      // A flat channel has no energy in either band; the floor keeps its ratio finite (0).
      energyRatio[w * channels + c] = fast / Math.max(slow, 1e-12 * fast, Number.MIN_VALUE);
    }
  }

  const detectionIndex = new Int32Array(channels).fill(-1);
  const alarmTime = new Float64Array(channels).fill(NaN);
  const detectionTime = new Float64Array(channels).fill(NaN);
  for (let c = 0; c < channels; c++) {
    let u = 0;
    let minU = 0;
    let minAt = -1;
    let total = 0;
    for (let w = 0; w < windows; w++) {
      const er = energyRatio[w * channels + c];
      total += er;
      u += er - total / (w + 1) - v;
      if (u < minU) {
        minU = u;
        minAt = w;
      }
      if (u - minU > lambda) {
        detectionIndex[c] = Math.min(minAt + 1, w);
        detectionTime[c] = windowTimes[detectionIndex[c]];
        alarmTime[c] = windowTimes[w];
        break;
      }
    }
  }
  let n0 = Infinity;
  for (let c = 0; c < channels; c++) if (detectionIndex[c] >= 0) n0 = Math.min(n0, detectionTime[c]);
  const ei = new Float64Array(channels);
  let maxEi = 0;
  for (let c = 0; c < channels; c++) {
    const d = detectionIndex[c];
    if (d < 0) continue;
    const end = detectionTime[c] + H;
    let acc = 0;
    for (let w = d; w < windows && windowTimes[w] <= end; w++) acc += energyRatio[w * channels + c];
    ei[c] = acc / (detectionTime[c] - n0 + tau);
    maxEi = Math.max(maxEi, ei[c]);
  }
  if (maxEi > 0) for (let c = 0; c < channels; c++) ei[c] /= maxEi;
  return { ei, detectionTime, alarmTime, windowTimes, energyRatio };
}
