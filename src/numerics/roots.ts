/**
 * Real roots of polynomials of low degree.
 *
 * Cubic: reduced to the depressed form t^3 + p t + q = 0 (x = t - a2 / (3 a3)) and solved by
 * Cardano's formula (one real root) or Viète's trigonometric form (three real roots), then
 * polished by two Newton steps on the original polynomial to recover the digits the closed
 * forms lose (Press et al., Numerical Recipes, 3rd ed., §5.6).
 */

/** All real roots of c3 x^3 + c2 x^2 + c1 x + c0 = 0 (c3 != 0), ascending. */
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
  let roots: number[];
  if (disc > 0) {
    const sq = Math.sqrt(disc);
    roots = [Math.cbrt(-q / 2 + sq) + Math.cbrt(-q / 2 - sq) + shift];
  } else if (p === 0) {
    roots = [shift];
  } else {
    const m = 2 * Math.sqrt(-p / 3);
    const arg = Math.min(1, Math.max(-1, (3 * q) / (p * m)));
    const theta = Math.acos(arg) / 3;
    roots = [0, 1, 2].map((k) => m * Math.cos(theta - (2 * Math.PI * k) / 3) + shift);
  }
  const f = (x: number) => ((c3 * x + c2) * x + c1) * x + c0;
  const df = (x: number) => (3 * c3 * x + 2 * c2) * x + c1;
  return roots
    .map((x) => {
      for (let it = 0; it < 2; it++) {
        const slope = df(x);
        if (slope === 0) break;
        const next = x - f(x) / slope;
        if (!Number.isFinite(next)) break;
        x = next;
      }
      return x;
    })
    .sort((u, v) => u - v);
}

/** The smallest real root of c3 x^3 + c2 x^2 + c1 x + c0 = 0. */
export function smallestRealCubicRoot(c3: number, c2: number, c1: number, c0: number): number {
  return realCubicRoots(c3, c2, c1, c0)[0];
}
