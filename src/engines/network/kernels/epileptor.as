// AssemblyScript source of the fused WebAssembly step of the 6-D Epileptor network: difference
// coupling, model equations, Euler–Maruyama or stochastic Heun update, Gaussian noise and the
// divergence check, for many steps per call. Compiled by scripts/build-wasm.mjs into
// epileptor-wasm.generated.ts; driven by epileptor-wasm.ts, which lays out the memory.
//
// Every number must be bit-identical to the TypeScript path (../epileptor.ts, ../coupling.ts,
// ../simulate.ts, ../../../numerics/integrators.ts and ../../../numerics/random.ts):
// - each expression is evaluated in the same order as there, with the same roundings (no fused
//   multiply-add; f64x2 lanes round exactly as scalar doubles do);
// - the coupling sums every row as four partial sums s0..s3 over the columns j with j mod 4 =
//   0..3, each ascending in j, combined as (s0 + s1) + (s2 + s3) (see ../coupling.ts);
// - the noise is drawn from the same xoshiro128** stream with the same ziggurat (the tables are
//   copied from random.ts); the rare slow path decides its exp test with an exp of its own where
//   that is certain and with the runtime's Math.exp (imported) where it is close, and takes its
//   logarithms from the runtime's Math.log, so that it agrees with the TypeScript draws to the
//   bit. Nothing from AssemblyScript's standard Math is used: its tables would be data segments
//   written into the memory the caller lays out.
//
// The tests (test/engines/epileptor-wasm.test.ts) compare every recorded sample and the final
// state with the TypeScript path, bit for bit, for each scheme and coupling path.
//
// Memory (byte offsets in the header below, chosen by the caller): state, k1, k2, predictor and
// noise hold the six variables with a stride `ns` (n rounded up to a multiple of 4) whose padding
// stays +0, so that vector loops may run over whole rows and the coupling can read x1 and x2 in
// place. The padding is +0 after every update: 0 + (dt * 0 + 0) = +0.

// @ts-ignore: decorator
@external("env", "exp")
declare function hostExp(x: f64): f64;
// @ts-ignore: decorator
@external("env", "log")
declare function hostLog(x: f64): f64;

// Header layout: i32 slots at byte 4 * k, f64 slots from byte 256 at 8 * k.
const H_N = 0;
const H_NS = 1;
const H_SCHEME = 2; // 0 Euler–Maruyama, 1 Heun
const H_FLAGS = 3; // bit 0: compute C1; bit 1: compute C2; bit 2: noise on
const H_COUPLING = 4; // 0 dense panels, 1 sparse rows, 2 sparse rows with delays
const H_SLOTS = 5; // ring-buffer slots (max delay + 1)
const H_STEP = 6; // step counter of the ring buffer
const H_DENSE = 7;
const H_ROWSTART = 8; // sparse: 4 n + 1 group offsets (coupleSparse)
const H_COLUMN = 9;
const H_WEIGHT = 10;
const H_DELAY = 11;
const H_ROWSUM = 12;
const H_HIST1 = 13;
const H_HIST2 = 14;
const H_STATE = 15;
const H_K1 = 16;
const H_K2 = 17;
const H_PRED = 18;
const H_NOISE = 19;
const H_C1 = 20;
const H_C2 = 21;
const H_REGIONAL = 22; // x0, Iext, Iext2, r, slope, Ks, Kf, Kvf: 8 arrays of ns f64
const H_ZIG = 23; // kn (128 i32), wn (128 f64), fn (128 f64)
const H_RNG = 24; // 4 i32
const H_NOISY = 25; // 6 i32: 1 when the variable draws noise
const H_RAW = 31; // RAW_COUNT i32: draws made ahead
const H_RAWPOS = 32; // next unused draw in it (RAW_COUNT: none left)
const F_BASE: usize = 256;
const F_DT = 0;
const F_SCALE = 1; // global coupling factor a
const F_A = 2;
const F_B = 3;
const F_C = 4;
const F_D = 5;
const F_S = 6;
const F_AA = 7;
const F_BB = 8;
const F_INVTAU = 9;
const F_GAMMA = 10;
const F_TT = 11;
const F_ZIGR = 12;
const F_SIGMA = 13; // 6 f64: noise amplitude times sqrt(dt) per variable

@inline function hi32(k: i32): i32 {
  return load<i32>(<usize>k << 2);
}
@inline function hf64(k: i32): f64 {
  return load<f64>(F_BASE + (<usize>k << 3));
}

// The random stream. Its 32-bit draws are made ahead, RAW_COUNT at a time, into a buffer that the
// normal variates then consume in order: the same sequence as drawing one by one, but the tight
// generator loop and the conversion loop each run without the other's registers and branches.
// The ziggurat's rare slow path takes its extra draws from the same buffer, in stream order.
const RAW_COUNT = 1024;
let r0: i32 = 0;
let r1: i32 = 0;
let r2: i32 = 0;
let r3: i32 = 0;
let raw: usize = 0;
let rawPos: i32 = 0;
let zig: usize = 0;

@inline function rotl(x: i32, k: i32): i32 {
  return (x << k) | (<i32>(<u32>x >>> (32 - k)));
}

/** The next RAW_COUNT draws of xoshiro128** (RandomStream.next) into the buffer. */
function refill(): void {
  let s0 = r0;
  let s1 = r1;
  let s2 = r2;
  let s3 = r3;
  const end = raw + (<usize>RAW_COUNT << 2);
  for (let p = raw; p < end; p += 4) {
    store<i32>(p, rotl(s1 * 5, 7) * 9);
    s2 ^= s0;
    s3 ^= s1;
    const t = s1 << 9;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
  }
  r0 = s0;
  r1 = s1;
  r2 = s2;
  r3 = s3;
  rawPos = 0;
}

function nextDraw(): i32 {
  if (rawPos == RAW_COUNT) refill();
  const u = load<i32>(raw + (<usize>rawPos << 2));
  rawPos++;
  return u;
}

/** RandomStream.uniform: 53 random bits in [0, 1). */
function uniform(): f64 {
  const hi = <f64>(<u32>nextDraw() >>> 5);
  const lo = <f64>(<u32>nextDraw() >>> 6);
  return (hi * 67108864.0 + lo) / 9007199254740992.0;
}

function uniformOpen(): f64 {
  let u = uniform();
  while (u == 0.0) u = uniform();
  return u;
}

@inline function zigKn(iz: i32): i32 {
  return load<i32>(zig + (<usize>iz << 2));
}
@inline function zigWn(iz: i32): f64 {
  return load<f64>(zig + 512 + (<usize>iz << 3));
}
@inline function zigFn(iz: i32): f64 {
  return load<f64>(zig + 1536 + (<usize>iz << 3));
}

/**
 * exp(t) for -8 <= t <= 0 (the ziggurat's -x^2 / 2 with x below its base edge 3.44) to a
 * relative error below 1e-15: t = k ln 2 + r with |r| <= ln 2 / 2 (Cody and Waite's split of
 * ln 2), exp(r) by its Taylor series to r^12 (the remainder is below 2e-16) evaluated by
 * Estrin's scheme, which is a few multiplications deep instead of twelve, times 2^k. Written here
 * rather than taken from AssemblyScript's Math.exp, whose lookup table would be a data segment in
 * the memory the caller lays out.
 */
function expNear(t: f64): f64 {
  const k = Math.floor(t * 1.4426950408889634 + 0.5);
  const r = t - k * 0.6931471803691238 - k * 1.9082149292705877e-10;
  const r2 = r * r;
  const r4 = r2 * r2;
  const r8 = r4 * r4;
  const q0 = 1.0 + r;
  const q1 = 0.5 + r * (1.0 / 6.0);
  const q2 = 1.0 / 24.0 + r * (1.0 / 120.0);
  const q3 = 1.0 / 720.0 + r * (1.0 / 5040.0);
  const q4 = 1.0 / 40320.0 + r * (1.0 / 362880.0);
  const q5 = 1.0 / 3628800.0 + r * (1.0 / 39916800.0);
  const s0 = q0 + q1 * r2;
  const s1 = q2 + q3 * r2;
  const s2 = q4 + q5 * r2 + r4 * (1.0 / 479001600.0);
  return (s0 + s1 * r4 + s2 * r8) * reinterpret<f64>((<i64>k + 1023) << 52);
}

/** RandomStream.normalFrom: the ziggurat from its first draw `u`, with fresh draws on rejection. */
function normalFrom(first: i32): f64 {
  let u = first;
  const zr = hf64(F_ZIGR);
  while (true) {
    const iz = u & 127;
    const hz = u >> 7;
    if ((hz < 0 ? -hz : hz) < zigKn(iz)) return <f64>hz * zigWn(iz);
    const x = <f64>hz * zigWn(iz);
    if (iz == 0) {
      let tx: f64;
      let ty: f64;
      do {
        tx = -hostLog(uniformOpen()) / zr;
        ty = -hostLog(uniformOpen());
      } while (ty + ty < tx * tx);
      return hz > 0 ? zr + tx : -zr - tx;
    }
    // Accept when y < exp(-x^2 / 2), decided as the host's Math.exp decides it. Calling the host
    // costs tens of ns, so the kernel's own exp (expNear, within 1e-15 of the exact value, as the
    // host's is within an ulp) settles every case where y is not within a relative 1e-13 of it;
    // those few go to the host.
    const y = zigFn(iz) + uniform() * (zigFn(iz - 1) - zigFn(iz));
    const t = -0.5 * x * x;
    const e = expNear(t);
    if (y < e * (1.0 - 1e-13)) return x;
    if (y <= e * (1.0 + 1e-13) && y < hostExp(t)) return x;
    u = nextDraw();
  }
  return 0.0; // not reached: the loop only ends by returning
}

/**
 * The ziggurat's fast path over out[i .. end) from the draws at `draws`: returns the index at
 * which a draw needs the slow path, or `end`. A leaf function without calls, so that its loop
 * keeps everything in registers.
 */
function fastNormals(out: usize, i: i32, end: i32, draws: usize, scale: f64): i32 {
  const z = zig;
  let pos = draws;
  for (; i < end; i++) {
    const u = load<i32>(pos);
    const iz = u & 127;
    const hz = u >> 7;
    if ((hz < 0 ? -hz : hz) >= load<i32>(z + (<usize>iz << 2))) break;
    store<f64>(out + (<usize>i << 3), scale * <f64>hz * load<f64>(z + 512 + (<usize>iz << 3)));
    pos += 4;
  }
  return i;
}

/** RandomStream.fillNormal: out[0 .. count) = scale * N(0, 1). */
function fillNormal(out: usize, count: i32, scale: f64): void {
  let i = 0;
  while (i < count) {
    if (rawPos == RAW_COUNT) refill();
    // As many variates as the buffer has draws for, if none takes the slow path.
    let end = i + (RAW_COUNT - rawPos);
    if (end > count) end = count;
    const from = i;
    i = fastNormals(out, i, end, raw + (<usize>rawPos << 2), scale);
    rawPos += i - from;
    if (i < end) {
      const u = load<i32>(raw + (<usize>rawPos << 2));
      rawPos++;
      store<f64>(out + (<usize>i << 3), scale * normalFrom(u));
      i++;
    }
  }
}

/** a * ((s0 + s1) + (s2 + s3) - rowSum_i x_i) from lo = (s0, s1), hi = (s2, s3). */
@inline function finishRow(lo: v128, hi: v128, a: f64, rowSumI: f64, xI: f64): f64 {
  const s =
    f64x2.extract_lane(lo, 0) + f64x2.extract_lane(lo, 1) + (f64x2.extract_lane(hi, 0) + f64x2.extract_lane(hi, 1));
  return a * (s - rowSumI * xI);
}

/**
 * Dense coupling from x (ns f64, zero padding) into out. Rows go three at a time from panels:
 * for each group of four columns the panel holds the three rows' four weights one after the
 * other (12 f64), so one pointer walks the panel and every load has a constant offset. Three
 * rows keep six accumulator chains in flight, which is as many as the registers hold without
 * spilling; the n mod 3 last rows are stored row by row after the panels.
 */
function coupleDense(n: i32, ns: i32, a: f64, w: usize, x: usize, rowSum: usize, out: usize): void {
  const xEnd = x + (<usize>ns << 3);
  const blocks = n / 3;
  let p = w;
  for (let b = 0; b < blocks; b++) {
    let lo0 = f64x2.splat(0.0);
    let hi0 = f64x2.splat(0.0);
    let lo1 = f64x2.splat(0.0);
    let hi1 = f64x2.splat(0.0);
    let lo2 = f64x2.splat(0.0);
    let hi2 = f64x2.splat(0.0);
    for (let q = x; q < xEnd; q += 32) {
      const xlo = v128.load(q);
      const xhi = v128.load(q, 16);
      lo0 = f64x2.add(lo0, f64x2.mul(v128.load(p), xlo));
      hi0 = f64x2.add(hi0, f64x2.mul(v128.load(p, 16), xhi));
      lo1 = f64x2.add(lo1, f64x2.mul(v128.load(p, 32), xlo));
      hi1 = f64x2.add(hi1, f64x2.mul(v128.load(p, 48), xhi));
      lo2 = f64x2.add(lo2, f64x2.mul(v128.load(p, 64), xlo));
      hi2 = f64x2.add(hi2, f64x2.mul(v128.load(p, 80), xhi));
      p += 96;
    }
    const o = <usize>(b * 3) << 3;
    store<f64>(out + o, finishRow(lo0, hi0, a, load<f64>(rowSum + o), load<f64>(x + o)));
    store<f64>(out + o, finishRow(lo1, hi1, a, load<f64>(rowSum + o, 8), load<f64>(x + o, 8)), 8);
    store<f64>(out + o, finishRow(lo2, hi2, a, load<f64>(rowSum + o, 16), load<f64>(x + o, 16)), 16);
  }
  for (let i = blocks * 3; i < n; i++) {
    let lo = f64x2.splat(0.0);
    let hi = f64x2.splat(0.0);
    for (let q = x; q < xEnd; q += 32) {
      lo = f64x2.add(lo, f64x2.mul(v128.load(p), v128.load(q)));
      hi = f64x2.add(hi, f64x2.mul(v128.load(p, 16), v128.load(q, 16)));
      p += 32;
    }
    const o = <usize>i << 3;
    store<f64>(out + o, finishRow(lo, hi, a, load<f64>(rowSum + o), load<f64>(x + o)));
  }
}

/**
 * Both dense couplings at once (C1 from x1 and C2 from x2), for models that need both: each
 * weight loaded serves two products. Rows go two at a time from panels of two rows (eight
 * accumulator chains, as many as fit in registers with the four x vectors); an odd last row is
 * stored row by row after the panels. Same partial sums and finish as coupleDense.
 */
function coupleDenseBoth(
  n: i32,
  ns: i32,
  a: f64,
  w: usize,
  xa: usize,
  xb: usize,
  rowSum: usize,
  outA: usize,
  outB: usize,
): void {
  const span = <usize>ns << 3;
  const pairs = n >> 1;
  let p = w;
  for (let b = 0; b < pairs; b++) {
    let alo0 = f64x2.splat(0.0);
    let ahi0 = f64x2.splat(0.0);
    let alo1 = f64x2.splat(0.0);
    let ahi1 = f64x2.splat(0.0);
    let blo0 = f64x2.splat(0.0);
    let bhi0 = f64x2.splat(0.0);
    let blo1 = f64x2.splat(0.0);
    let bhi1 = f64x2.splat(0.0);
    for (let k: usize = 0; k < span; k += 32) {
      const w0lo = v128.load(p);
      const w0hi = v128.load(p, 16);
      const w1lo = v128.load(p, 32);
      const w1hi = v128.load(p, 48);
      const xalo = v128.load(xa + k);
      const xahi = v128.load(xa + k, 16);
      alo0 = f64x2.add(alo0, f64x2.mul(w0lo, xalo));
      ahi0 = f64x2.add(ahi0, f64x2.mul(w0hi, xahi));
      alo1 = f64x2.add(alo1, f64x2.mul(w1lo, xalo));
      ahi1 = f64x2.add(ahi1, f64x2.mul(w1hi, xahi));
      const xblo = v128.load(xb + k);
      const xbhi = v128.load(xb + k, 16);
      blo0 = f64x2.add(blo0, f64x2.mul(w0lo, xblo));
      bhi0 = f64x2.add(bhi0, f64x2.mul(w0hi, xbhi));
      blo1 = f64x2.add(blo1, f64x2.mul(w1lo, xblo));
      bhi1 = f64x2.add(bhi1, f64x2.mul(w1hi, xbhi));
      p += 64;
    }
    const o = <usize>(b * 2) << 3;
    const rs0 = load<f64>(rowSum + o);
    const rs1 = load<f64>(rowSum + o, 8);
    store<f64>(outA + o, finishRow(alo0, ahi0, a, rs0, load<f64>(xa + o)));
    store<f64>(outA + o, finishRow(alo1, ahi1, a, rs1, load<f64>(xa + o, 8)), 8);
    store<f64>(outB + o, finishRow(blo0, bhi0, a, rs0, load<f64>(xb + o)));
    store<f64>(outB + o, finishRow(blo1, bhi1, a, rs1, load<f64>(xb + o, 8)), 8);
  }
  if ((n & 1) != 0) {
    let alo = f64x2.splat(0.0);
    let ahi = f64x2.splat(0.0);
    let blo = f64x2.splat(0.0);
    let bhi = f64x2.splat(0.0);
    for (let k: usize = 0; k < span; k += 32) {
      const wlo = v128.load(p + k);
      const whi = v128.load(p + k, 16);
      alo = f64x2.add(alo, f64x2.mul(wlo, v128.load(xa + k)));
      ahi = f64x2.add(ahi, f64x2.mul(whi, v128.load(xa + k, 16)));
      blo = f64x2.add(blo, f64x2.mul(wlo, v128.load(xb + k)));
      bhi = f64x2.add(bhi, f64x2.mul(whi, v128.load(xb + k, 16)));
    }
    const o = <usize>(n - 1) << 3;
    const rs = load<f64>(rowSum + o);
    store<f64>(outA + o, finishRow(alo, ahi, a, rs, load<f64>(xa + o)));
    store<f64>(outB + o, finishRow(blo, bhi, a, rs, load<f64>(xb + o)));
  }
}

/**
 * Sparse coupling. The stored weights of each row are grouped by the partial sum they belong to
 * (column mod 4), each group in ascending column order, with `group` (4 n + 1 offsets) giving
 * where the groups start: each partial sum is then one plain loop, the same additions in the same
 * order as the TypeScript loop that picks the partial per entry. Without delays `x` is read
 * directly; with delays, x is first written into the ring buffer `hist` (slots x n f64) at the
 * slot of step `step` and every weight reads its source `delay` steps back.
 */
function coupleSparse(
  n: i32,
  a: f64,
  x: usize,
  group: usize,
  column: usize,
  weight: usize,
  rowSum: usize,
  out: usize,
): void {
  for (let i = 0; i < n; i++) {
    const g = group + (<usize>(4 * i) << 2);
    let sum0 = 0.0;
    let sum1 = 0.0;
    let sum2 = 0.0;
    let sum3 = 0.0;
    const k0 = load<i32>(g);
    const k1 = load<i32>(g, 4);
    const k2 = load<i32>(g, 8);
    const k3 = load<i32>(g, 12);
    const k4 = load<i32>(g, 16);
    for (let k = k0; k < k1; k++) {
      sum0 += load<f64>(weight + (<usize>k << 3)) * load<f64>(x + (<usize>load<i32>(column + (<usize>k << 2)) << 3));
    }
    for (let k = k1; k < k2; k++) {
      sum1 += load<f64>(weight + (<usize>k << 3)) * load<f64>(x + (<usize>load<i32>(column + (<usize>k << 2)) << 3));
    }
    for (let k = k2; k < k3; k++) {
      sum2 += load<f64>(weight + (<usize>k << 3)) * load<f64>(x + (<usize>load<i32>(column + (<usize>k << 2)) << 3));
    }
    for (let k = k3; k < k4; k++) {
      sum3 += load<f64>(weight + (<usize>k << 3)) * load<f64>(x + (<usize>load<i32>(column + (<usize>k << 2)) << 3));
    }
    const o = <usize>i << 3;
    store<f64>(out + o, a * (sum0 + sum1 + (sum2 + sum3) - load<f64>(rowSum + o) * load<f64>(x + o)));
  }
}

/** One partial sum of a delayed row: entries k0 .. k1 read `delay` steps before `slot`. */
@inline function delayedSum(
  k0: i32,
  k1: i32,
  column: usize,
  weight: usize,
  delay: usize,
  hist: usize,
  slot: i32,
  slots: i32,
  rowBytes: usize,
): f64 {
  let sum = 0.0;
  for (let k = k0; k < k1; k++) {
    let s = slot - load<i32>(delay + (<usize>k << 2));
    if (s < 0) s += slots;
    const src = hist + <usize>s * rowBytes;
    sum += load<f64>(weight + (<usize>k << 3)) * load<f64>(src + (<usize>load<i32>(column + (<usize>k << 2)) << 3));
  }
  return sum;
}

function coupleDelayed(
  n: i32,
  a: f64,
  x: usize,
  group: usize,
  column: usize,
  weight: usize,
  delay: usize,
  hist: usize,
  slots: i32,
  step: i32,
  rowSum: usize,
  out: usize,
): void {
  const slot = step % slots;
  const rowBytes = <usize>n << 3;
  memory.copy(hist + <usize>slot * rowBytes, x, rowBytes);
  for (let i = 0; i < n; i++) {
    const g = group + (<usize>(4 * i) << 2);
    const k0 = load<i32>(g);
    const k1 = load<i32>(g, 4);
    const k2 = load<i32>(g, 8);
    const k3 = load<i32>(g, 12);
    const k4 = load<i32>(g, 16);
    const sum0 = delayedSum(k0, k1, column, weight, delay, hist, slot, slots, rowBytes);
    const sum1 = delayedSum(k1, k2, column, weight, delay, hist, slot, slots, rowBytes);
    const sum2 = delayedSum(k2, k3, column, weight, delay, hist, slot, slots, rowBytes);
    const sum3 = delayedSum(k3, k4, column, weight, delay, hist, slot, slots, rowBytes);
    const o = <usize>i << 3;
    store<f64>(out + o, a * (sum0 + sum1 + (sum2 + sum3) - load<f64>(rowSum + o) * load<f64>(x + o)));
  }
}

/** Both couplings of the step (C1 from x1, C2 from x2), as EpileptorNetwork.beginStep. */
function couple(n: i32, ns: i32, flags: i32, state: usize, step: i32): void {
  const mode = hi32(H_COUPLING);
  const a = hf64(F_SCALE);
  const rowSum = <usize>hi32(H_ROWSUM);
  const x2 = state + (<usize>(3 * ns) << 3);
  if (mode == 0 && (flags & 3) == 3) {
    const c1 = <usize>hi32(H_C1);
    const c2 = <usize>hi32(H_C2);
    coupleDenseBoth(n, ns, a, <usize>hi32(H_DENSE), state, x2, rowSum, c1, c2);
    return;
  }
  for (let v = 0; v < 2; v++) {
    if ((flags & (1 << v)) == 0) continue;
    const x = v == 0 ? state : x2;
    const out = <usize>hi32(v == 0 ? H_C1 : H_C2);
    if (mode == 0) {
      coupleDense(n, ns, a, <usize>hi32(H_DENSE), x, rowSum, out);
    } else if (mode == 1) {
      coupleSparse(n, a, x, <usize>hi32(H_ROWSTART), <usize>hi32(H_COLUMN), <usize>hi32(H_WEIGHT), rowSum, out);
    } else {
      coupleDelayed(
        n,
        a,
        x,
        <usize>hi32(H_ROWSTART),
        <usize>hi32(H_COLUMN),
        <usize>hi32(H_WEIGHT),
        <usize>hi32(H_DELAY),
        <usize>hi32(v == 0 ? H_HIST1 : H_HIST2),
        hi32(H_SLOTS),
        step,
        rowSum,
        out,
      );
    }
  }
}

/**
 * EpileptorNetwork.derivative: the drift of `src` into `dst`, term by term in the same order.
 * Two nodes at a time in f64x2 lanes; each branch of the equations is computed in full and the
 * lane's value chosen by its condition (bitselect), which gives what the scalar branch gives,
 * NaN included (a comparison with NaN is false on both). An odd last node goes through the
 * scalar form.
 */
function derivative(n: i32, ns: i32, src: usize, dst: usize): void {
  const a = hf64(F_A);
  const b = hf64(F_B);
  const c = hf64(F_C);
  const d = hf64(F_D);
  const s = hf64(F_S);
  const aa = hf64(F_AA);
  const bb = hf64(F_BB);
  const invTau = hf64(F_INVTAU);
  const gamma = hf64(F_GAMMA);
  const tt = hf64(F_TT);
  const minusTtGamma = -tt * gamma;
  const c1p = <usize>hi32(H_C1);
  const c2p = <usize>hi32(H_C2);
  const reg = <usize>hi32(H_REGIONAL);
  const vb = <usize>ns << 3; // bytes between two variables (and between two regional arrays)
  const vMinusA = f64x2.splat(-a);
  const vB = f64x2.splat(b);
  const vC = f64x2.splat(c);
  const vD = f64x2.splat(d);
  const vS = f64x2.splat(s);
  const vAa = f64x2.splat(aa);
  const vBb = f64x2.splat(bb);
  const vInvTau = f64x2.splat(invTau);
  const vTt = f64x2.splat(tt);
  const vMinusTtGamma = f64x2.splat(minusTtGamma);
  const zero = f64x2.splat(0.0);
  const four = f64x2.splat(4.0);
  const c06 = f64x2.splat(0.6);
  const c01 = f64x2.splat(0.1);
  const c03 = f64x2.splat(0.3);
  const c35 = f64x2.splat(3.5);
  const c025 = f64x2.splat(0.25);
  const cMinus025 = f64x2.splat(-0.25);
  const pairs = n & ~1;
  for (let i = 0; i < pairs; i += 2) {
    const o = <usize>i << 3;
    const p = src + o;
    const q = dst + o;
    const rp = reg + o;
    const x1 = v128.load(p);
    const y1 = v128.load(p + vb);
    const z = v128.load(p + 2 * vb);
    const x2 = v128.load(p + 3 * vb);
    const y2 = v128.load(p + 4 * vb);
    const g = v128.load(p + 5 * vb);
    const cc1 = v128.load(c1p + o);
    const zm4 = f64x2.sub(z, four);
    const fNegative = f64x2.add(f64x2.mul(f64x2.mul(vMinusA, x1), x1), f64x2.mul(vB, x1));
    const fPositive = f64x2.add(f64x2.sub(v128.load(rp + 4 * vb), x2), f64x2.mul(f64x2.mul(c06, zm4), zm4));
    const f = v128.bitselect(fNegative, fPositive, f64x2.lt(x1, zero));
    const sum1 = f64x2.add(f64x2.sub(y1, z), v128.load(rp + vb));
    v128.store(q, f64x2.mul(vTt, f64x2.add(f64x2.add(sum1, f64x2.mul(v128.load(rp + 7 * vb), cc1)), f64x2.mul(f, x1))));
    v128.store(q + vb, f64x2.mul(vTt, f64x2.sub(f64x2.sub(vC, f64x2.mul(f64x2.mul(vD, x1), x1)), y1)));
    const h = f64x2.mul(vS, f64x2.sub(x1, v128.load(rp)));
    const z2 = f64x2.mul(z, z);
    const z7 = f64x2.mul(f64x2.mul(f64x2.mul(f64x2.mul(c01, z2), z2), z2), z);
    const hz = v128.bitselect(f64x2.sub(h, z7), h, f64x2.lt(z, zero));
    const dz = f64x2.add(f64x2.sub(hz, z), f64x2.mul(v128.load(rp + 5 * vb), cc1));
    v128.store(q + 2 * vb, f64x2.mul(f64x2.mul(vTt, v128.load(rp + 3 * vb)), dz));
    let sum2 = f64x2.sub(f64x2.add(f64x2.neg(y2), x2), f64x2.mul(f64x2.mul(x2, x2), x2));
    sum2 = f64x2.add(f64x2.add(sum2, v128.load(rp + 2 * vb)), f64x2.mul(vBb, g));
    sum2 = f64x2.sub(sum2, f64x2.mul(c03, f64x2.sub(z, c35)));
    sum2 = f64x2.add(sum2, f64x2.mul(v128.load(rp + 6 * vb), v128.load(c2p + o)));
    v128.store(q + 3 * vb, f64x2.mul(vTt, sum2));
    const f2 = v128.bitselect(f64x2.mul(vAa, f64x2.add(x2, c025)), zero, f64x2.ge(x2, cMinus025));
    v128.store(q + 4 * vb, f64x2.mul(f64x2.mul(vTt, f64x2.add(f64x2.neg(y2), f2)), vInvTau));
    v128.store(q + 5 * vb, f64x2.mul(vMinusTtGamma, f64x2.sub(g, f64x2.mul(c01, x1))));
  }
  for (let i = pairs; i < n; i++) {
    const o = <usize>i << 3;
    const p = src + o;
    const q = dst + o;
    const rp = reg + o;
    const x1 = load<f64>(p);
    const y1 = load<f64>(p + vb);
    const z = load<f64>(p + 2 * vb);
    const x2 = load<f64>(p + 3 * vb);
    const y2 = load<f64>(p + 4 * vb);
    const g = load<f64>(p + 5 * vb);
    const x0 = load<f64>(rp);
    const iext = load<f64>(rp + vb);
    const iext2 = load<f64>(rp + 2 * vb);
    const r = load<f64>(rp + 3 * vb);
    const slope = load<f64>(rp + 4 * vb);
    const ks = load<f64>(rp + 5 * vb);
    const kf = load<f64>(rp + 6 * vb);
    const kvf = load<f64>(rp + 7 * vb);
    const zm4 = z - 4.0;
    const f = x1 < 0.0 ? -a * x1 * x1 + b * x1 : slope - x2 + 0.6 * zm4 * zm4;
    const cc1 = load<f64>(c1p + o);
    store<f64>(q, tt * (y1 - z + iext + kvf * cc1 + f * x1));
    store<f64>(q + vb, tt * (c - d * x1 * x1 - y1));
    let h = s * (x1 - x0);
    if (z < 0.0) {
      const z2 = z * z;
      h -= 0.1 * z2 * z2 * z2 * z;
    }
    store<f64>(q + 2 * vb, tt * r * (h - z + ks * cc1));
    store<f64>(
      q + 3 * vb,
      tt * (-y2 + x2 - x2 * x2 * x2 + iext2 + bb * g - 0.3 * (z - 3.5) + kf * load<f64>(c2p + o)),
    );
    store<f64>(q + 4 * vb, tt * (-y2 + (x2 >= -0.25 ? aa * (x2 + 0.25) : 0.0)) * invTau);
    store<f64>(q + 5 * vb, minusTtGamma * (g - 0.1 * x1));
  }
}

/**
 * Run `steps` steps. Returns -1 when every step ended with a finite state, else the index (from
 * 0, within this call) of the first step after which some entry of the state was NaN or
 * infinite; the run stops there with that state in memory, as the TypeScript loop does.
 */
export function run(steps: i32): i32 {
  const n = hi32(H_N);
  const ns = hi32(H_NS);
  const heun = hi32(H_SCHEME) == 1;
  const flags = hi32(H_FLAGS);
  const noisy = (flags & 4) != 0;
  const state = <usize>hi32(H_STATE);
  const k1 = <usize>hi32(H_K1);
  const k2 = <usize>hi32(H_K2);
  const pred = <usize>hi32(H_PRED);
  const noise = <usize>hi32(H_NOISE);
  const dt = hf64(F_DT);
  const half = 0.5 * dt;
  const vdt = f64x2.splat(dt);
  const vhalf = f64x2.splat(half);
  const totalBytes = (<usize>(6 * ns)) << 3;
  const vb = <usize>ns << 3;
  zig = <usize>hi32(H_ZIG);
  const rng = <usize>hi32(H_RNG);
  raw = <usize>hi32(H_RAW);
  rawPos = hi32(H_RAWPOS);
  r0 = load<i32>(rng);
  r1 = load<i32>(rng, 4);
  r2 = load<i32>(rng, 8);
  r3 = load<i32>(rng, 12);
  let step = hi32(H_STEP);
  let diverged = -1;
  for (let k = 0; k < steps; k++) {
    if (noisy) {
      for (let v = 0; v < 6; v++) {
        if (hi32(H_NOISY + v) != 0) fillNormal(noise + <usize>v * vb, n, hf64(F_SIGMA + v));
      }
    }
    couple(n, ns, flags, state, step);
    step++;
    derivative(n, ns, state, k1);
    let bad = f64x2.splat(0.0);
    if (!heun) {
      // x += dt k1 + noise (EulerStepper)
      if (noisy) {
        for (let o: usize = 0; o < totalBytes; o += 16) {
          const x = f64x2.add(v128.load(state + o), f64x2.add(f64x2.mul(vdt, v128.load(k1 + o)), v128.load(noise + o)));
          v128.store(state + o, x);
          bad = v128.or(bad, f64x2.sub(x, x));
        }
      } else {
        for (let o: usize = 0; o < totalBytes; o += 16) {
          const x = f64x2.add(v128.load(state + o), f64x2.mul(vdt, v128.load(k1 + o)));
          v128.store(state + o, x);
          bad = v128.or(bad, f64x2.sub(x, x));
        }
      }
    } else {
      // predictor = x + dt k1 + noise; x += dt/2 (k1 + k2) + noise (HeunStepper)
      if (noisy) {
        for (let o: usize = 0; o < totalBytes; o += 16) {
          const xp = f64x2.add(f64x2.add(v128.load(state + o), f64x2.mul(vdt, v128.load(k1 + o))), v128.load(noise + o));
          v128.store(pred + o, xp);
        }
      } else {
        for (let o: usize = 0; o < totalBytes; o += 16) {
          v128.store(pred + o, f64x2.add(v128.load(state + o), f64x2.mul(vdt, v128.load(k1 + o))));
        }
      }
      derivative(n, ns, pred, k2);
      if (noisy) {
        for (let o: usize = 0; o < totalBytes; o += 16) {
          const inc = f64x2.add(f64x2.mul(vhalf, f64x2.add(v128.load(k1 + o), v128.load(k2 + o))), v128.load(noise + o));
          const x = f64x2.add(v128.load(state + o), inc);
          v128.store(state + o, x);
          bad = v128.or(bad, f64x2.sub(x, x));
        }
      } else {
        for (let o: usize = 0; o < totalBytes; o += 16) {
          const inc = f64x2.mul(vhalf, f64x2.add(v128.load(k1 + o), v128.load(k2 + o)));
          const x = f64x2.add(v128.load(state + o), inc);
          v128.store(state + o, x);
          bad = v128.or(bad, f64x2.sub(x, x));
        }
      }
    }
    // x - x is +0 for a finite x and a NaN for NaN or an infinity: the OR of their bits has the
    // exponent bits of a NaN set if and only if some entry was not finite.
    const bits = i64x2.extract_lane(bad, 0) | i64x2.extract_lane(bad, 1);
    if ((bits & 0x7ff0000000000000) == 0x7ff0000000000000) {
      diverged = k;
      break;
    }
  }
  store<i32>(<usize>(H_STEP << 2), step);
  store<i32>(rng, r0);
  store<i32>(rng, r1, 4);
  store<i32>(rng, r2, 8);
  store<i32>(rng, r3, 12);
  store<i32>(<usize>(H_RAWPOS << 2), rawPos);
  return diverged;
}
