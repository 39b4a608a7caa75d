// AssemblyScript source of the WebAssembly SIMD kernel for the dense difference coupling of
// ../coupling.ts. Compiled by scripts/build-wasm.mjs into coupling-wasm.generated.ts; the
// extension is not .ts so that tsc, which compiles src/**/*.ts, leaves this file alone.
//
// It must give results bit-identical to the TypeScript loop, which sums every row as four partial
// sums s0..s3 over the columns j with j mod 4 = 0..3 (each ascending in j), combined as
// (s0 + s1) + (s2 + s3). Here lane k of `lo` is s_k and lane k of `hi` is s_(2+k): each f64x2
// multiply and add rounds every lane exactly as the scalar multiply and add do, and no fused
// multiply-add is used (it rounds once instead of twice).
//
// Memory layout, chosen by the caller (byte offsets): `w` holds n rows of `stride` f64 each, the
// row's n weights followed by zeros; `x` holds `stride` f64, the n values followed by zeros;
// `rowSum` and `out` hold n f64. The stride is n rounded up to a multiple of 4, so every row is
// 16-byte aligned and there is no tail loop. The padding adds 0 * 0 = +0 to the partial sums of
// the missing columns, which changes nothing: a partial sum starts at +0 and a sum of two doubles
// is -0 only when both are -0, so it is never -0, and s + (+0) = s for every other s.

/** The coupling of one row: a * ((s0 + s1) + (s2 + s3) - rowSum_i * x_i). */
@inline
function finish(lo: v128, hi: v128, a: f64, rowSumI: f64, xI: f64): f64 {
  const s = f64x2.extract_lane(lo, 0) + f64x2.extract_lane(lo, 1) + (f64x2.extract_lane(hi, 0) + f64x2.extract_lane(hi, 1));
  return a * (s - rowSumI * xI);
}

/**
 * out_i = a * (sum_j w_ij x_j - rowSum_i x_i) for i < n. Rows go four at a time: the four rows
 * keep eight independent accumulator chains in flight (a single row's two chains wait on the
 * latency of the vector add) and share each load of x.
 */
export function coupleDense(n: i32, stride: i32, a: f64, w: usize, x: usize, rowSum: usize, out: usize): void {
  const rowBytes: usize = (<usize>stride) << 3;
  let i: i32 = 0;
  for (; i + 4 <= n; i += 4) {
    const r0 = w + <usize>i * rowBytes;
    const r1 = r0 + rowBytes;
    const r2 = r1 + rowBytes;
    const r3 = r2 + rowBytes;
    let lo0 = f64x2.splat(0.0);
    let hi0 = f64x2.splat(0.0);
    let lo1 = f64x2.splat(0.0);
    let hi1 = f64x2.splat(0.0);
    let lo2 = f64x2.splat(0.0);
    let hi2 = f64x2.splat(0.0);
    let lo3 = f64x2.splat(0.0);
    let hi3 = f64x2.splat(0.0);
    for (let k: usize = 0; k < rowBytes; k += 32) {
      const xlo = v128.load(x + k);
      const xhi = v128.load(x + k, 16);
      lo0 = f64x2.add(lo0, f64x2.mul(v128.load(r0 + k), xlo));
      hi0 = f64x2.add(hi0, f64x2.mul(v128.load(r0 + k, 16), xhi));
      lo1 = f64x2.add(lo1, f64x2.mul(v128.load(r1 + k), xlo));
      hi1 = f64x2.add(hi1, f64x2.mul(v128.load(r1 + k, 16), xhi));
      lo2 = f64x2.add(lo2, f64x2.mul(v128.load(r2 + k), xlo));
      hi2 = f64x2.add(hi2, f64x2.mul(v128.load(r2 + k, 16), xhi));
      lo3 = f64x2.add(lo3, f64x2.mul(v128.load(r3 + k), xlo));
      hi3 = f64x2.add(hi3, f64x2.mul(v128.load(r3 + k, 16), xhi));
    }
    const o = <usize>i << 3;
    store<f64>(out + o, finish(lo0, hi0, a, load<f64>(rowSum + o), load<f64>(x + o)));
    store<f64>(out + o, finish(lo1, hi1, a, load<f64>(rowSum + o, 8), load<f64>(x + o, 8)), 8);
    store<f64>(out + o, finish(lo2, hi2, a, load<f64>(rowSum + o, 16), load<f64>(x + o, 16)), 16);
    store<f64>(out + o, finish(lo3, hi3, a, load<f64>(rowSum + o, 24), load<f64>(x + o, 24)), 24);
  }
  for (; i < n; i++) {
    const r = w + <usize>i * rowBytes;
    let lo = f64x2.splat(0.0);
    let hi = f64x2.splat(0.0);
    for (let k: usize = 0; k < rowBytes; k += 32) {
      lo = f64x2.add(lo, f64x2.mul(v128.load(r + k), v128.load(x + k)));
      hi = f64x2.add(hi, f64x2.mul(v128.load(r + k, 16), v128.load(x + k, 16)));
    }
    const o = <usize>i << 3;
    store<f64>(out + o, finish(lo, hi, a, load<f64>(rowSum + o), load<f64>(x + o)));
  }
}
