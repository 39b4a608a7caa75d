/**
 * Statistical tests of the seeded streams: reproducibility per (seed, path), independence between
 * streams, and the distribution of uniform() and of the ziggurat normal().
 *
 * Every check compares an estimate with its exact value and a tolerance of a few standard
 * errors of that estimate, so a wrong table, a biased tail or a coupled layer index fails while
 * a correct generator passes for the fixed seeds used here.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { RandomStream, deriveStreamState } from "../../src/numerics/random.js";

const N = 1_000_000;

/**
 * erf(x) from the series erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1))
 * (Abramowitz & Stegun 7.1.6). Its terms are all positive, so unlike the Maclaurin series it
 * loses no digits to cancellation; relative accuracy is near machine precision for |x| <= 6,
 * far better than the ~1e-3 resolution of a Kolmogorov–Smirnov test on 10^6 draws.
 */
function erf(x: number): number {
  if (x < 0) return -erf(-x);
  if (x > 6) return 1;
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
}

function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

/** Kolmogorov's limiting survival function Q(lambda) = 2 sum (-1)^(k-1) exp(-2 k^2 lambda^2). */
function kolmogorovQ(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-16) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** p-value of the one-sample KS statistic D for n points (Stephens' small-sample correction). */
function ksPValue(d: number, n: number): number {
  const sn = Math.sqrt(n);
  return kolmogorovQ((sn + 0.12 + 0.11 / sn) * d);
}

function ksStatistic(sorted: Float64Array, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    const above = (i + 1) / n - f;
    const below = f - i / n;
    if (above > d) d = above;
    if (below > d) d = below;
  }
  return d;
}

function draws(stream: RandomStream, count: number, kind: "normal" | "uniform"): Float64Array {
  const out = new Float64Array(count);
  if (kind === "normal") for (let i = 0; i < count; i++) out[i] = stream.normal();
  else for (let i = 0; i < count; i++) out[i] = stream.uniform();
  return out;
}

function lag1Autocorrelation(x: Float64Array, transform: (v: number) => number = (v) => v): number {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += transform(x[i]);
  mean /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const a = transform(x[i]) - mean;
    den += a * a;
    if (i + 1 < n) num += a * (transform(x[i + 1]) - mean);
  }
  return num / den;
}

/** Binomial frequency check: |count/n - p| within `k` standard errors. */
function assertFrequency(count: number, n: number, p: number, k: number, what: string): void {
  const se = Math.sqrt((p * (1 - p)) / n);
  const freq = count / n;
  assert.ok(Math.abs(freq - p) < k * se, `${what}: frequency ${freq} vs exact ${p} (standard error ${se})`);
}

test("erf helper matches tabulated values (it is the yardstick of the KS test)", () => {
  // Values from Abramowitz & Stegun table 7.1 / high-precision evaluation.
  const table: [number, number][] = [
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [2, 0.9953222650189527],
    [3, 0.9999779095030014],
  ];
  for (const [x, want] of table) {
    assert.ok(Math.abs(erf(x) - want) < 1e-14, `erf(${x}) = ${erf(x)}, want ${want}`);
    assert.ok(Math.abs(erf(-x) + want) < 1e-14);
  }
  assert.ok(Math.abs(normalCdf(1.959963984540054) - 0.975) < 1e-14);
});

test("the same (seed, path) gives the same sequence; normal() and fillNormal() agree", () => {
  const a = RandomStream.for(42, "network/noise");
  const b = RandomStream.for(42, "network/noise");
  for (let i = 0; i < 10_000; i++) {
    assert.equal(a.normal(), b.normal());
    assert.equal(a.uniform(), b.uniform());
    assert.equal(a.nextUint32(), b.nextUint32());
  }
  const c = RandomStream.for(7, "x");
  const d = RandomStream.for(7, "x");
  const filled = new Float64Array(1000);
  d.fillNormal(filled, 0);
  for (let i = 0; i < filled.length; i++) assert.equal(filled[i], c.normal());
  const partial = new Float64Array(10).fill(-99);
  RandomStream.for(7, "x").fillNormal(partial, 3, 4);
  const again = RandomStream.for(7, "x");
  assert.deepEqual(Array.from(partial.subarray(0, 3)), [-99, -99, -99]);
  for (let i = 3; i < 7; i++) assert.equal(partial[i], again.normal());
  assert.deepEqual(Array.from(partial.subarray(7)), [-99, -99, -99]);
  assert.deepEqual(deriveStreamState(42, "network/noise"), deriveStreamState(42, "network/noise"));
});

test("a different path or seed gives a different, uncorrelated stream", () => {
  const first = (seed: number, path: string) => Array.from(draws(RandomStream.for(seed, path), 16, "normal"));
  const base = first(1, "network/noise");
  const variants = [
    first(2, "network/noise"),
    first(0, "network/noise"),
    first(1, "network/noisf"),
    first(1, "network/noise/0"),
    first(1, ""),
  ];
  for (const v of variants) {
    assert.notDeepEqual(v, base);
    assert.ok(
      v.every((x, i) => x !== base[i]),
      "streams should share no value position by position",
    );
  }
  const states = new Set([0, 1, 2, 3].map((s) => deriveStreamState(s, "p").join(",")));
  assert.equal(states.size, 4);

  // Neighbouring seeds must not give correlated streams (the SplitMix64 scrambling is meant to
  // prevent exactly that).
  const n = 200_000;
  const x = draws(RandomStream.for(1000, "cohort/patient/1"), n, "normal");
  const y = draws(RandomStream.for(1001, "cohort/patient/1"), n, "normal");
  const z = draws(RandomStream.for(1000, "cohort/patient/2"), n, "normal");
  const corr = (u: Float64Array, v: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += u[i] * v[i];
    return s / n;
  };
  const se = 1 / Math.sqrt(n);
  assert.ok(Math.abs(corr(x, y)) < 5 * se, `seed-neighbour correlation ${corr(x, y)}`);
  assert.ok(Math.abs(corr(x, z)) < 5 * se, `path-neighbour correlation ${corr(x, z)}`);
});

test("deriveStreamState rejects seeds that are not non-negative safe integers", () => {
  assert.throws(() => deriveStreamState(-1, "p"), /non-negative safe integer/);
  assert.throws(() => deriveStreamState(1.5, "p"), /non-negative safe integer/);
  assert.throws(() => RandomStream.for(2 ** 53, "p"), /non-negative safe integer/);
  assert.doesNotThrow(() => RandomStream.for(Number.MAX_SAFE_INTEGER, "p"));
});

test("normal(): mean, variance, skewness and excess kurtosis of 10^6 draws", () => {
  const x = draws(RandomStream.for(2024, "test/normal/moments"), N, "normal");
  let m1 = 0;
  for (let i = 0; i < N; i++) m1 += x[i];
  m1 /= N;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < N; i++) {
    const d = x[i] - m1;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= N;
  m3 /= N;
  m4 /= N;
  const skew = m3 / m2 ** 1.5;
  const kurt = m4 / (m2 * m2) - 3;
  // Standard errors of the estimators for a normal population: 1/sqrt(N), sqrt(2/N),
  // sqrt(6/N), sqrt(24/N).
  assert.ok(Math.abs(m1) < 5 / Math.sqrt(N), `mean ${m1}`);
  assert.ok(Math.abs(m2 - 1) < 5 * Math.sqrt(2 / N), `variance ${m2}`);
  assert.ok(Math.abs(skew) < 5 * Math.sqrt(6 / N), `skewness ${skew}`);
  assert.ok(Math.abs(kurt) < 5 * Math.sqrt(24 / N), `excess kurtosis ${kurt}`);
});

test("normal(): tail frequencies match the exact normal tail", () => {
  // 4e6 draws so that P(x > 3.5) (about 930 expected) is resolved to ~3%; the ziggurat's base
  // strip ends at r = 3.4426, so x > 3.5 is produced only by the tail algorithm.
  const n = 4 * N;
  const rng = RandomStream.for(99, "test/normal/tails");
  let beyond3 = 0;
  let above35 = 0;
  let belowMinus35 = 0;
  let beyondR = 0;
  for (let i = 0; i < n; i++) {
    const v = rng.normal();
    if (Math.abs(v) > 3) beyond3++;
    if (v > 3.5) above35++;
    if (v < -3.5) belowMinus35++;
    if (Math.abs(v) > 3.442619855899) beyondR++;
  }
  const pBeyond3 = 2 * (1 - normalCdf(3));
  const pAbove35 = 1 - normalCdf(3.5);
  const pBeyondR = 2 * (1 - normalCdf(3.442619855899));
  // Published values, so that a mistake in the CDF helper cannot hide a mistake in normal().
  assert.ok(Math.abs(pBeyond3 - 0.0026997960632601866) < 1e-12);
  assert.ok(Math.abs(pAbove35 - 2.3262907903552504e-4) < 1e-12);
  assertFrequency(beyond3, n, pBeyond3, 4, "P(|x| > 3)");
  assertFrequency(above35, n, pAbove35, 4, "P(x > 3.5)");
  assertFrequency(belowMinus35, n, pAbove35, 4, "P(x < -3.5)");
  assertFrequency(beyondR, n, pBeyondR, 4, "P(|x| > r), the ziggurat tail");
});

test("normal(): Kolmogorov–Smirnov test against the normal CDF", () => {
  const x = draws(RandomStream.for(5, "test/normal/ks"), N, "normal");
  x.sort();
  const d = ksStatistic(x, normalCdf);
  const p = ksPValue(d, N);
  assert.ok(p > 1e-3, `KS D = ${d}, p = ${p}`);
  // The test has power: a 2% scale error is rejected outright on the same draws.
  const scaled = x.map((v) => v * 1.02);
  assert.ok(ksPValue(ksStatistic(scaled, normalCdf), N) < 1e-6, "the KS test should detect a 2% scale error");
});

test("normal(): consecutive draws are uncorrelated (also in their squares)", () => {
  const x = draws(RandomStream.for(31, "test/normal/autocorrelation"), N, "normal");
  const se = 1 / Math.sqrt(N);
  const r1 = lag1Autocorrelation(x);
  const r1sq = lag1Autocorrelation(x, (v) => v * v);
  assert.ok(Math.abs(r1) < 5 * se, `lag-1 autocorrelation ${r1}`);
  assert.ok(Math.abs(r1sq) < 5 * se, `lag-1 autocorrelation of squares ${r1sq}`);
});

test("uniform(): values in [0, 1), mean 1/2, variance 1/12, KS-uniform, no lag-1 correlation", () => {
  const u = draws(RandomStream.for(17, "test/uniform"), N, "uniform");
  let sum = 0;
  for (let i = 0; i < N; i++) {
    assert.ok(u[i] >= 0 && u[i] < 1, `uniform() out of [0, 1): ${u[i]}`);
    sum += u[i];
  }
  const mean = sum / N;
  let v = 0;
  for (let i = 0; i < N; i++) v += (u[i] - mean) ** 2;
  v /= N;
  // Var(U) = 1/12; Var((U - 1/2)^2) = 1/80 - 1/144 = 1/180.
  assert.ok(Math.abs(mean - 0.5) < 5 * Math.sqrt(1 / 12 / N), `mean ${mean}`);
  assert.ok(Math.abs(v - 1 / 12) < 5 * Math.sqrt(1 / 180 / N), `variance ${v}`);
  assert.ok(Math.abs(lag1Autocorrelation(u)) < 5 / Math.sqrt(N));
  const sorted = Float64Array.from(u).sort();
  const d = ksStatistic(sorted, (t) => t);
  assert.ok(ksPValue(d, N) > 1e-3, `KS D = ${d}`);
  // 53-bit resolution: among 10^6 draws essentially all values are distinct.
  let repeats = 0;
  for (let i = 1; i < N; i++) if (sorted[i] === sorted[i - 1]) repeats++;
  assert.ok(repeats <= 1, `${repeats} repeated values`);
  const open = RandomStream.for(17, "test/uniform/open");
  for (let i = 0; i < 10_000; i++) {
    const w = open.uniformOpen();
    assert.ok(w > 0 && w < 1);
  }
});
