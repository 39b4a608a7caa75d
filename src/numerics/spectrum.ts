/**
 * Power spectra: an in-place iterative radix-2 fast Fourier transform and Welch's averaged
 * periodogram.
 *
 * FFT: decimation in time with bit-reversal permutation (Cooley & Tukey 1965, Math Comput
 * 19:297), X_k = sum_n x_n exp(-2 pi i k n / N), N a power of two. Twiddle factors are computed
 * once per length (a table of cos/sin) rather than by recurrence, which keeps the error at the
 * level of a single rounding per factor.
 *
 * Welch (1967, IEEE Trans Audio Electroacoust 15:70): the signal is cut into segments of length
 * L (a power of two) overlapping by half, each segment's mean removed and multiplied by a
 * periodic Hann window w_n = 0.5 - 0.5 cos(2 pi n / L), and the periodograms averaged. One-sided
 * density, scaled so that its integral over frequency equals the mean power of the windowed
 * segments (for a stationary signal, its variance):
 *
 *   P_k = c_k |X_k|^2 / (fs sum_n w_n^2),   c_k = 1 at k = 0 and k = L/2, 2 otherwise,
 *
 * at frequencies f_k = k fs / L, k = 0 .. L/2 (the convention of scipy.signal.welch with
 * scaling='density', detrend='constant').
 */

/** True when n is a power of two (1, 2, 4, ...). */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/** Largest power of two not above n (n >= 1). */
export function floorPowerOfTwo(n: number): number {
  if (!(n >= 1)) throw new RangeError(`need n >= 1, got ${n}`);
  return 2 ** Math.floor(Math.log2(n));
}

/** A radix-2 FFT of one length, with its twiddle table and bit-reversal table built once. */
export class Fft {
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly reversed: Uint32Array;

  constructor(readonly size: number) {
    if (!isPowerOfTwo(size)) throw new RangeError(`FFT size must be a power of two, got ${size}`);
    const half = size >> 1;
    this.cos = new Float64Array(half);
    this.sin = new Float64Array(half);
    for (let k = 0; k < half; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = Math.sin((2 * Math.PI * k) / size);
    }
    this.reversed = new Uint32Array(size);
    const bits = Math.log2(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.reversed[i] = r;
    }
  }

  /** Forward transform in place: (re, im) become X_k = sum_n x_n exp(-2 pi i k n / N). */
  transform(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    if (re.length !== n || im.length !== n)
      throw new RangeError(`FFT of size ${n} needs arrays of length ${n}, got ${re.length} and ${im.length}`);
    const rev = this.reversed;
    for (let i = 0; i < n; i++) {
      const j = rev[i];
      if (j > i) {
        let t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    const cos = this.cos;
    const sin = this.sin;
    for (let len = 2; len <= n; len <<= 1) {
      const halfLen = len >> 1;
      const stride = n / len;
      for (let start = 0; start < n; start += len) {
        for (let k = 0; k < halfLen; k++) {
          const wr = cos[k * stride];
          const wi = -sin[k * stride];
          const p = start + k;
          const q = p + halfLen;
          const xr = re[q] * wr - im[q] * wi;
          const xi = re[q] * wi + im[q] * wr;
          re[q] = re[p] - xr;
          im[q] = im[p] - xi;
          re[p] += xr;
          im[p] += xi;
        }
      }
    }
  }
}

export interface PowerSpectrum {
  /** Frequencies (Hz), k fs / L for k = 0 .. L/2. */
  frequencies: Float64Array;
  /** One-sided power spectral density (signal unit squared per Hz). */
  density: Float64Array;
  /** Frequency resolution fs / L (Hz). */
  resolution: number;
  /** Number of averaged segments. */
  segments: number;
}

export interface WelchOptions {
  /** Segment length, a power of two; default: the largest power of two <= min(n, 2 fs)
   *  (a 2 s segment, 0.5 Hz resolution, when the signal is long enough). */
  segmentLength?: number;
}

/**
 * Welch power spectral density of `count` samples of a strided series (sample k is
 * `values[offset + k * stride]`, which reads one region of sample-major data in place), sampled
 * at `sampleRate` Hz. Segments overlap by half; a tail shorter than a segment is not used.
 */
export function welchPsd(
  values: ArrayLike<number>,
  sampleRate: number,
  options: WelchOptions = {},
  count = values.length,
  stride = 1,
  offset = 0,
): PowerSpectrum {
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate))
    throw new RangeError(`sample rate must be a finite number > 0 Hz, got ${sampleRate}`);
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`need at least 2 samples, got ${count}`);
  const L =
    options.segmentLength ?? floorPowerOfTwo(Math.min(count, Math.max(2, Math.round(2 * sampleRate))));
  if (!isPowerOfTwo(L) || L < 2) throw new RangeError(`segment length must be a power of two >= 2, got ${L}`);
  if (L > count) throw new RangeError(`segment length ${L} exceeds the ${count} samples`);
  const fft = new Fft(L);
  const window = new Float64Array(L);
  let windowPower = 0;
  for (let n = 0; n < L; n++) {
    window[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / L);
    windowPower += window[n] * window[n];
  }
  const half = L >> 1;
  const density = new Float64Array(half + 1);
  const re = new Float64Array(L);
  const im = new Float64Array(L);
  const hop = half;
  let segments = 0;
  for (let start = 0; start + L <= count; start += hop) {
    let mean = 0;
    for (let n = 0; n < L; n++) mean += values[offset + (start + n) * stride];
    mean /= L;
    for (let n = 0; n < L; n++) {
      re[n] = (values[offset + (start + n) * stride] - mean) * window[n];
      im[n] = 0;
    }
    fft.transform(re, im);
    for (let k = 0; k <= half; k++) density[k] += re[k] * re[k] + im[k] * im[k];
    segments++;
  }
  const scale = 1 / (segments * sampleRate * windowPower);
  for (let k = 0; k <= half; k++) density[k] *= k === 0 || k === half ? scale : 2 * scale;
  const frequencies = new Float64Array(half + 1);
  for (let k = 0; k <= half; k++) frequencies[k] = (k * sampleRate) / L;
  return { frequencies, density, resolution: sampleRate / L, segments };
}

/** Integral of the density over [low, high) Hz (rectangle rule over the bins inside). */
export function bandPower(spectrum: PowerSpectrum, low: number, high: number): number {
  let sum = 0;
  const { frequencies, density, resolution } = spectrum;
  for (let k = 0; k < frequencies.length; k++) {
    if (frequencies[k] >= low && frequencies[k] < high) sum += density[k];
  }
  return sum * resolution;
}

/** Frequency (Hz) of the largest density in [low, high), or NaN when no bin lies there. */
export function peakFrequency(spectrum: PowerSpectrum, low: number, high: number): number {
  let best = -Infinity;
  let at = NaN;
  const { frequencies, density } = spectrum;
  for (let k = 0; k < frequencies.length; k++) {
    if (frequencies[k] >= low && frequencies[k] < high && density[k] > best) {
      best = density[k];
      at = frequencies[k];
    }
  }
  return at;
}
