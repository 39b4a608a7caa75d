/**
 * Seeded random streams.
 *
 * Every independent unit of work (a network run's noise, a patient, a trial arm, a sensor's
 * measurement noise) draws from its own stream, derived from (scenario seed, path) where the
 * path is a string such as "network/noise" or "cohort/patient/17". Streams are therefore
 * independent of the order in which units are scheduled and of the number of workers.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2021, "Scrambled linear pseudorandom number
 * generators", ACM Trans Math Softw 47(4):36), 128-bit state, period 2^128 - 1, all 32 output
 * bits of full quality. Its state is filled from (seed, path) by SplitMix64 (Steele, Lea & Flood
 * 2014, OOPSLA) over an FNV-1a 64-bit hash of the path, so that nearby seeds and similar paths
 * give unrelated streams. The generator is implemented here rather than taken from a package
 * because the state must live in an Int32Array: kept in object fields, V8 boxes 32-bit words that
 * do not fit its 31-bit small integers, which made each draw two to three times slower in our
 * measurements (docs/tooling.md), and the noise draws are a large part of a network step.
 *
 * Normal variates: the ziggurat method of Marsaglia & Tsang (2000, J Stat Softw 5(8)), 128
 * layers. Deviation, following Doornik (2005, "An improved ziggurat method to generate normal
 * random samples", Nuffield College): the layer index comes from the low 7 bits and the value
 * from the other 25 bits of the same draw, so index and value never share bits.
 */

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 finaliser (Steele et al. 2014). */
function splitmix64(x: bigint): bigint {
  let z = (x + 0x9e3779b97f4a7c15n) & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** FNV-1a 64-bit hash of the UTF-8 bytes of a string. */
function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & MASK64;
  }
  return h;
}

/** The four 32-bit words of generator state derived from (seed, path). Never all zero. */
export function deriveStreamState(seed: number, path: string): [number, number, number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  }
  const a = splitmix64(BigInt(seed) ^ splitmix64(fnv1a64(path)));
  const b = splitmix64(a ^ 0x5851f42d4c957f2dn);
  const words: [number, number, number, number] = [
    Number(a >> 32n) | 0,
    Number(a & 0xffffffffn) | 0,
    Number(b >> 32n) | 0,
    Number(b & 0xffffffffn) | 0,
  ];
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[3] = 1;
  return words;
}

// Ziggurat tables (Marsaglia & Tsang 2000): right edge r of the base layer and layer area v.
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
/** The value part of a draw is a signed 25-bit integer: |hz| < 2^24. */
const TWO24 = 16777216;
const KN = new Int32Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
(function buildZigguratTables() {
  let dn = ZIG_R;
  let tn = dn;
  const q = ZIG_V / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * TWO24);
  KN[1] = 0;
  WN[0] = q / TWO24;
  WN[127] = dn / TWO24;
  FN[0] = 1;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZIG_V / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * TWO24);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / TWO24;
  }
})();

/**
 * Copies of the ziggurat tables and the base-layer edge, for a kernel (WebAssembly) that must draw
 * exactly the variates of RandomStream.fillNormal: same tables, same bits.
 */
export function zigguratTables(): { kn: Int32Array; wn: Float64Array; fn: Float64Array; r: number } {
  return { kn: KN.slice(), wn: WN.slice(), fn: FN.slice(), r: ZIG_R };
}

/** One independent stream of pseudo-random numbers. Not shared between units of work. */
export class RandomStream {
  private readonly s: Int32Array;

  private constructor(state: readonly number[]) {
    this.s = Int32Array.from(state);
  }

  /** The stream for unit `path` of a run with scenario seed `seed`. */
  static for(seed: number, path: string): RandomStream {
    return new RandomStream(deriveStreamState(seed, path));
  }

  /** Next 32-bit output as a signed integer (xoshiro128**). */
  private next(): number {
    const s = this.s;
    const s0 = s[0];
    const s1 = s[1];
    const s2 = s[2] ^ s0;
    const s3 = s[3] ^ s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ (s1 << 9);
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    return this.next() >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.next() >>> 5; // 27 bits
    const lo = this.next() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform double in (0, 1): never exactly zero, safe under a logarithm. */
  uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /** Standard normal variate N(0, 1) (ziggurat). */
  normal(): number {
    return this.normalFrom(this.next());
  }

  /** The ziggurat given its first draw `u`; loops with fresh draws when `u` is rejected. */
  private normalFrom(u: number): number {
    for (;;) {
      const iz = u & 127;
      const hz = u >> 7; // signed 25-bit value
      if ((hz < 0 ? -hz : hz) < KN[iz]) return hz * WN[iz];
      // Outside the rectangle core of layer iz.
      const x = hz * WN[iz];
      if (iz === 0) {
        // Tail beyond r: Marsaglia (1964) method.
        let tx: number;
        let ty: number;
        do {
          tx = -Math.log(this.uniformOpen()) / ZIG_R;
          ty = -Math.log(this.uniformOpen());
        } while (ty + ty < tx * tx);
        return hz > 0 ? ZIG_R + tx : -ZIG_R - tx;
      }
      if (FN[iz] + this.uniform() * (FN[iz - 1] - FN[iz]) < Math.exp(-0.5 * x * x)) return x;
      u = this.next();
    }
  }

  /**
   * Fill out[offset .. offset+count) with `scale` times independent N(0, 1) variates: the same
   * sequence as `count` calls of normal(), with the generator state kept in locals on the fast
   * path (about 99% of draws), which is what makes bulk noise cheap.
   */
  fillNormal(out: Float64Array, offset = 0, count = out.length - offset, scale = 1): void {
    const state = this.s;
    let s0 = state[0];
    let s1 = state[1];
    let s2 = state[2];
    let s3 = state[3];
    const end = offset + count;
    for (let i = offset; i < end; i++) {
      // xoshiro128** step, as next().
      const m = Math.imul(s1, 5);
      const u = Math.imul((m << 7) | (m >>> 25), 9);
      s2 ^= s0;
      s3 ^= s1;
      const t = s1 << 9;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const iz = u & 127;
      const hz = u >> 7;
      if ((hz < 0 ? -hz : hz) < KN[iz]) {
        out[i] = scale * hz * WN[iz];
      } else {
        state[0] = s0;
        state[1] = s1;
        state[2] = s2;
        state[3] = s3;
        out[i] = scale * this.normalFrom(u);
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
      }
    }
    state[0] = s0;
    state[1] = s1;
    state[2] = s2;
    state[3] = s3;
  }
}
