/**
 * Seeded random streams.
 *
 * Every independent unit of work (a network run's noise, a patient, a trial arm, a sensor's
 * measurement noise) draws from its own stream, derived from (scenario seed, path) where the
 * path is a string such as "network/noise" or "cohort/patient/17". Streams are therefore
 * independent of the order in which units are scheduled and of the number of workers.
 *
 * Generator: xoroshiro128+ (Blackman & Vigna 2018, "Scrambled linear pseudorandom number
 * generators", arXiv:1805.01407) from the `pure-rand` package; its 128-bit state is filled from
 * (seed, path) by SplitMix64 (Steele, Lea & Flood 2014, OOPSLA) over an FNV-1a 64-bit hash of
 * the path, so that nearby seeds and similar paths give unrelated streams.
 *
 * Normal variates: the ziggurat method of Marsaglia & Tsang (2000, J Stat Softw 5(8)), 128
 * layers, with one deviation: the layer index is taken from a second 32-bit draw instead of
 * the low 7 bits of the value draw, because the low bits of xoroshiro128+ are its weakest
 * (Blackman & Vigna 2018, section 10) and reusing them would couple index and value.
 */
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";

type Generator = ReturnType<typeof xoroshiro128plusFromState>;

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
const TWO31 = 2147483648;
const KN = new Int32Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
(function buildZigguratTables() {
  let dn = ZIG_R;
  let tn = dn;
  const q = ZIG_V / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * TWO31);
  KN[1] = 0;
  WN[0] = q / TWO31;
  WN[127] = dn / TWO31;
  FN[0] = 1;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZIG_V / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * TWO31);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / TWO31;
  }
})();

/** One independent stream of pseudo-random numbers. Not shared between units of work. */
export class RandomStream {
  private readonly gen: Generator;

  private constructor(state: readonly number[]) {
    this.gen = xoroshiro128plusFromState(state);
  }

  /** The stream for unit `path` of a run with scenario seed `seed`. */
  static for(seed: number, path: string): RandomStream {
    return new RandomStream(deriveStreamState(seed, path));
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    return this.gen.next() >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.gen.next() >>> 5; // 27 bits
    const lo = this.gen.next() >>> 6; // 26 bits
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
    const gen = this.gen;
    for (;;) {
      const hz = gen.next();
      const iz = gen.next() >>> 25;
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
    }
  }

  /** Fill out[offset .. offset+count) with independent N(0, 1) variates. */
  fillNormal(out: Float64Array, offset = 0, count = out.length - offset): void {
    const end = offset + count;
    for (let i = offset; i < end; i++) out[i] = this.normal();
  }
}
