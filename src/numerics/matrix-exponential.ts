/**
 * Matrix exponential of a small dense real matrix (row-major Float64Array, n × n).
 *
 * Method: scaling and squaring with the diagonal [6/6] Padé approximant (Moler C, Van Loan C
 * (2003) "Nineteen dubious ways to compute the exponential of a matrix, twenty-five years later",
 * SIAM Rev 45:3, method 3). A is scaled by 2^-s so that ‖A/2^s‖∞ ≤ 1/2; their bound on the
 * relative backward error of the [q/q] approximant is then 2^(3-2q)·(q!)²/((2q)!(2q+1)!), about
 * 3.4e-16 for q = 6, i.e. double precision. The approximant is N(A)/D(A) with
 * N(A) = Σ c_k A^k, D(A) = Σ c_k (-A)^k, c_0 = 1, c_k = c_{k-1}·(q-k+1)/(k(2q-k+1)); D⁻¹N is solved
 * by Gaussian elimination with partial pivoting. The result is squared s times.
 *
 * Used for exact propagation of linear compartment models between events (pharmacology/pk.ts),
 * where n ≤ 4; the cost is a handful of n³ products and is paid once per distinct step.
 */

const PADE_DEGREE = 6;

function checkSquare(a: Float64Array, n: number): void {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) {
    throw new RangeError(`matrix must be n × n with n >= 1, got length ${a.length} for n = ${n}`);
  }
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new RangeError(`matrix entry ${i} is not finite (${a[i]})`);
  }
}

/** C = A·B for n × n row-major matrices. */
export function matrixMultiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  return c;
}

/** y = A·x. */
export function matrixVector(
  a: Float64Array,
  x: ArrayLike<number>,
  n: number,
  out?: Float64Array,
): Float64Array {
  const y = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
    y[i] = s;
  }
  return y;
}

function infinityNorm(a: Float64Array, n: number): number {
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(a[i * n + j]);
    norm = Math.max(norm, row);
  }
  return norm;
}

/** Solve D·X = N for X (n × n), Gaussian elimination with partial pivoting; D and N are consumed. */
function solve(d: Float64Array, x: Float64Array, n: number): Float64Array {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(d[r * n + col]) > Math.abs(d[pivot * n + col])) pivot = r;
    const p = d[pivot * n + col];
    if (p === 0) throw new RangeError("matrix exponential: singular Padé denominator");
    if (pivot !== col) {
      for (let j = 0; j < n; j++) {
        const t = d[col * n + j];
        d[col * n + j] = d[pivot * n + j];
        d[pivot * n + j] = t;
        const u = x[col * n + j];
        x[col * n + j] = x[pivot * n + j];
        x[pivot * n + j] = u;
      }
    }
    for (let r = col + 1; r < n; r++) {
      const f = d[r * n + col] / p;
      if (f === 0) continue;
      for (let j = col; j < n; j++) d[r * n + j] -= f * d[col * n + j];
      for (let j = 0; j < n; j++) x[r * n + j] -= f * x[col * n + j];
    }
  }
  for (let col = n - 1; col >= 0; col--) {
    const p = d[col * n + col];
    for (let j = 0; j < n; j++) x[col * n + j] /= p;
    for (let r = 0; r < col; r++) {
      const f = d[r * n + col];
      if (f === 0) continue;
      for (let j = 0; j < n; j++) x[r * n + j] -= f * x[col * n + j];
    }
  }
  return x;
}

/** exp(A) for a real n × n row-major matrix A. */
export function matrixExponential(a: Float64Array, n: number): Float64Array {
  checkSquare(a, n);
  const norm = infinityNorm(a, n);
  const s = norm > 0.5 ? Math.max(0, Math.ceil(Math.log2(norm / 0.5))) : 0;
  const scale = 2 ** -s;
  const scaled = new Float64Array(n * n);
  for (let i = 0; i < a.length; i++) scaled[i] = a[i] * scale;

  const numerator = new Float64Array(n * n);
  const denominator = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    numerator[i * n + i] = 1;
    denominator[i * n + i] = 1;
  }
  let power: Float64Array = scaled;
  let c = 1;
  const q = PADE_DEGREE;
  for (let k = 1; k <= q; k++) {
    c = (c * (q - k + 1)) / (k * (2 * q - k + 1));
    const sign = k % 2 === 0 ? 1 : -1;
    for (let i = 0; i < n * n; i++) {
      numerator[i] += c * power[i];
      denominator[i] += sign * c * power[i];
    }
    if (k < q) power = matrixMultiply(power, scaled, n);
  }
  let result = solve(denominator, numerator, n);
  for (let i = 0; i < s; i++) result = matrixMultiply(result, result, n);
  return result;
}
