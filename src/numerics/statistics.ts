/**
 * Small descriptive statistics shared by calibrations: median and the ordinary least-squares line.
 */

/** Median of the values (NaN for none); the input is not modified. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Ordinary least-squares line y = intercept + slope x through the points (x, y). */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>): { intercept: number; slope: number } {
  const n = x.length;
  if (n < 2 || y.length !== n)
    throw new RangeError(`fitLine needs at least 2 points and equal lengths, got ${n} and ${y.length}`);
  let mx = 0,
    my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0,
    sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  if (!(sxx > 0)) throw new RangeError("fitLine needs at least two distinct x values");
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}
