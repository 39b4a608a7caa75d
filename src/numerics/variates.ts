/**
 * Non-uniform random variates drawn from a seeded RandomStream (src/numerics/random.ts).
 *
 * - Gamma(shape, scale = 1): Marsaglia & Tsang (2000), "A simple method for generating gamma
 *   variables", ACM Trans Math Softw 26(3):363–372, squeeze-accelerated rejection from a cubed
 *   normal; for shape < 1 the boost Gamma(a) = Gamma(a + 1) · U^(1/a) of the same paper (§6).
 * - Poisson(mean): multiplication of uniforms (Knuth, TAOCP vol. 2, §3.4.1) below mean 12; above
 *   it the transformed rejection with squeeze PTRS of Hörmann (1993), "The transformed rejection
 *   method for generating Poisson random variables", Insurance Math Econ 12:39–45 (Algorithm PTRS).
 * - Log-normal and truncated helpers used by the patient generator.
 *
 * Every function consumes a stream passed in, so that a unit of work (a patient) keeps its own
 * sequence whatever else is computed around it. No allocation per draw.
 */
import type { RandomStream } from "./random.js";

/** Gamma variate with the given shape (> 0) and scale 1. */
export function gammaVariate(stream: RandomStream, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) {
    // Marsaglia & Tsang (2000) §6: boost a shape below one.
    const g = gammaVariate(stream, shape + 1);
    return g * Math.pow(stream.uniformOpen(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = stream.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = stream.uniformOpen();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** log(k!) exactly for small k, Stirling series above (error < 1e-10 for k >= 10). */
function logFactorial(k: number): number {
  if (k < 10) {
    let f = 1;
    for (let i = 2; i <= k; i++) f *= i;
    return Math.log(f);
  }
  const x = k + 1;
  const ix2 = 1 / (x * x);
  return (
    (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + (1 / 12 - (ix2 / 360) * (1 - ix2 / 3.5)) / x
  );
}

/** Poisson variate with the given mean (>= 0). */
export function poissonVariate(stream: RandomStream, mean: number): number {
  if (!(mean >= 0) || !Number.isFinite(mean))
    throw new RangeError(`Poisson mean must be finite and >= 0, got ${mean}`);
  if (mean === 0) return 0;
  if (mean < 12) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = stream.uniform();
    while (p > limit) {
      k++;
      p *= stream.uniform();
    }
    return k;
  }
  // Hörmann (1993), algorithm PTRS.
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = stream.uniform() - 0.5;
    const v = stream.uniformOpen();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
      -mean + k * loglam - logFactorial(k)
    )
      return k;
  }
}

/** Log-normal variate: exp(mu + sigma · N(0, 1)). */
export function logNormalVariate(stream: RandomStream, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * stream.normal());
}

/** Index drawn from unnormalised non-negative weights. */
export function categoricalIndex(stream: RandomStream, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  if (!(total > 0)) throw new RangeError("categorical weights must have a positive sum");
  let u = stream.uniform() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}
