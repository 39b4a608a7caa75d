/**
 * Real roots of a cubic.
 *
 * One real root is found first (Cardano's formula when the depressed cubic t^3 + p t + q has one
 * real root, Viète's trigonometric form when it has three: its largest-magnitude root), polished
 * by Newton steps that are kept only while they reduce |f| (near a multiple root the derivative
 * is rounding noise and an unguarded step can jump far away). The cubic is then deflated by that
 * root (synthetic division) and the remaining quadratic solved with the cancellation-free form
 * (Press et al., Numerical Recipes, 3rd ed., §5.6). A quadratic discriminant that is negative by
 * no more than its rounding error is taken as zero, so double roots with exactly representable
 * coefficients, e.g. (x - 1)(x - 2)^2, are not lost. Roots are returned ascending, a double root
 * twice and a triple root three times.
 */

function polish(c3: number, c2: number, c1: number, c0: number, x: number): number {
  const f = (v: number) => ((c3 * v + c2) * v + c1) * v + c0;
  let fx = Math.abs(f(x));
  for (let it = 0; it < 4 && fx > 0; it++) {
    const slope = (3 * c3 * x + 2 * c2) * x + c1;
    if (slope === 0) break;
    const next = x - f(x) / slope;
    const fn = Math.abs(f(next));
    if (!Number.isFinite(next) || !(fn < fx)) break;
    x = next;
    fx = fn;
  }
  return x;
}

/** All real roots of c3 x^3 + c2 x^2 + c1 x + c0 = 0 (c3 != 0), ascending, with multiplicity. */
export function realCubicRoots(c3: number, c2: number, c1: number, c0: number): number[] {
  if (c3 === 0 || !Number.isFinite(c3))
    throw new RangeError(`cubic leading coefficient must be finite and non-zero, got ${c3}`);
  const a = c2 / c3;
  const b = c1 / c3;
  const c = c0 / c3;
  const p = b - (a * a) / 3;
  const q = (2 * a * a * a) / 27 - (a * b) / 3 + c;
  const shift = -a / 3;
  const disc = (q * q) / 4 + (p * p * p) / 27;
  let first: number;
  if (disc > 0) {
    const sq = Math.sqrt(disc);
    // Add same-signed terms to avoid cancellation: u = cbrt(-q/2 - sign(q) sq), v = -p / (3u).
    const u = Math.cbrt(-q / 2 - (q >= 0 ? sq : -sq));
    first = (u === 0 ? 0 : u - p / (3 * u)) + shift;
  } else if (p === 0) {
    first = shift;
  } else {
    const m = 2 * Math.sqrt(-p / 3);
    const arg = Math.min(1, Math.max(-1, (3 * q) / (p * m)));
    const theta = Math.acos(arg) / 3;
    // The root of largest magnitude deflates most stably.
    const candidates = [0, 1, 2].map((k) => m * Math.cos(theta - (2 * Math.PI * k) / 3) + shift);
    first = candidates.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best));
  }
  first = polish(c3, c2, c1, c0, first);
  // Deflate: c3 x^3 + c2 x^2 + c1 x + c0 = (x - first)(c3 x^2 + e1 x + e0).
  const e1 = c2 + c3 * first;
  const e0 = c1 + e1 * first;
  const roots = [first];
  let dq = e1 * e1 - 4 * c3 * e0;
  const roundoff = 16 * Number.EPSILON * (e1 * e1 + Math.abs(4 * c3 * e0));
  if (dq < 0 && -dq <= roundoff) dq = 0;
  if (dq >= 0) {
    const t = -0.5 * (e1 + (e1 >= 0 ? Math.sqrt(dq) : -Math.sqrt(dq)));
    if (t === 0) {
      roots.push(0, 0);
    } else {
      roots.push(polish(c3, c2, c1, c0, t / c3), polish(c3, c2, c1, c0, e0 / t));
    }
  }
  return roots.sort((u, v) => u - v);
}

/** The smallest real root of c3 x^3 + c2 x^2 + c1 x + c0 = 0. */
export function smallestRealCubicRoot(c3: number, c2: number, c1: number, c0: number): number {
  return realCubicRoots(c3, c2, c1, c0)[0];
}
