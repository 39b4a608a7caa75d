/**
 * The benchmark's problem set-up (not its speed): the synthetic network has the anchor's
 * properties, and a short run is finite and reproducible.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  anchorInitialState,
  anchorNetwork,
  countSeizureOnsets,
  runEpileptorBenchmark,
} from "../../src/perf/epileptor-bench.js";

test("anchorNetwork: symmetric, zero diagonal, largest row sum 1, weights in [0, 1], EZ first", () => {
  for (const n of [1, 2, 5, 25, 76, 131]) {
    const { weights, x0, ezCount } = anchorNetwork(n, 12345);
    assert.equal(weights.length, n * n);
    assert.equal(x0.length, n);
    let maxRow = 0;
    for (let i = 0; i < n; i++) {
      assert.equal(weights[i * n + i], 0, `n=${n}: diagonal ${i}`);
      let row = 0;
      for (let j = 0; j < n; j++) {
        const w = weights[i * n + j];
        assert.equal(w, weights[j * n + i], `n=${n}: W[${i}][${j}] != W[${j}][${i}]`);
        assert.ok(w >= 0 && w <= 1, `n=${n}: W[${i}][${j}] = ${w}`);
        if (i !== j && n > 1) assert.ok(w > 0, `n=${n}: off-diagonal weight ${i},${j} is zero`);
        row += w;
      }
      maxRow = Math.max(maxRow, row);
    }
    if (n > 1) assert.ok(Math.abs(maxRow - 1) < 1e-12, `n=${n}: largest row sum ${maxRow}`);
    else assert.equal(maxRow, 0);
    // EZ size as Python's max(1, round(0.1 n)), which rounds halves to even: n = 25 gives 2.
    const expectedEz = { 1: 1, 2: 1, 5: 1, 25: 2, 76: 8, 131: 13 }[n];
    assert.equal(ezCount, expectedEz, `n=${n}: EZ count`);
    for (let i = 0; i < n; i++) assert.equal(x0[i], i < ezCount ? -1.6 : -2.2);
  }
});

test("anchorNetwork: weights are cubes of uniforms, reproducible per seed", () => {
  const n = 200;
  const a = anchorNetwork(n, 7);
  assert.deepEqual(a.weights, anchorNetwork(n, 7).weights);
  assert.notDeepEqual(a.weights, anchorNetwork(n, 8).weights);
  // The common scale factor cancels in E[w^2] / E[w]^2, which is (1/7) / (1/4)^2 = 16/7 for
  // w = u^3 with u uniform (it would be 4/3 for w = u). 19900 pairs give about 1.5% precision.
  let m1 = 0;
  let m2 = 0;
  const pairs = (n * (n - 1)) / 2;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const w = a.weights[i * n + j];
      m1 += w;
      m2 += w * w;
    }
  }
  m1 /= pairs;
  m2 /= pairs;
  const ratio = m2 / (m1 * m1);
  assert.ok(Math.abs(ratio / (16 / 7) - 1) < 0.06, `E[w^2]/E[w]^2 = ${ratio}, expected 16/7`);
  // Row sums of u^3 are about (n - 1)/4 = 49.75 with a standard deviation of
  // sqrt((n - 1) Var(u^3)) = 4.0; the largest of 200 lies about 2.7 deviations above the mean, so
  // after scaling it to 1 the mean row sum is about 0.82.
  const meanRow = (2 * m1 * pairs) / n;
  assert.ok(meanRow > 0.75 && meanRow < 0.9, `mean row sum ${meanRow}`);
});

test("anchorInitialState is the anchor's constant state", () => {
  const n = 3;
  const s = anchorInitialState(n);
  const x1 = -1.6;
  assert.deepEqual(Array.from(s), [
    ...[x1, x1, x1],
    ...Array(3).fill(1 - 5 * x1 * x1),
    ...[3, 3, 3],
    ...[-0.9, -0.9, -0.9],
    ...[0, 0, 0],
    ...Array(3).fill(0.1 * x1),
  ]);
});

test("countSeizureOnsets merges positive samples closer than 100 time units", () => {
  // 2 nodes sampled every time unit; node 1 never positive.
  const samples = 300;
  const x1 = new Float64Array(samples * 2).fill(-1);
  for (let k = 10; k <= 20; k++) x1[k * 2] = 0.5;
  x1[60 * 2] = 0.1; // 40 after the last positive sample: same episode
  assert.equal(countSeizureOnsets(x1, 2, 1), 1);
  x1[159 * 2] = 0.2; // 99 later: still the same episode
  assert.equal(countSeizureOnsets(x1, 2, 1), 1);
  x1[259 * 2] = 0.3; // exactly 100 later: a new one (the anchor splits where the gap >= 100)
  assert.equal(countSeizureOnsets(x1, 2, 1), 2);
  // At 2 time units per sample, 100 time units are 50 samples: 60 -> 159 now splits too.
  assert.equal(countSeizureOnsets(x1, 2, 2), 3);
  x1[5 * 2 + 1] = 1; // one sample on node 1
  assert.equal(countSeizureOnsets(x1, 2, 1), 3);
});

test("a short benchmark run is finite and deterministic for a given seed", () => {
  for (const scheme of ["heun", "euler"] as const) {
    const opts = { nodes: 12, duration: 500, scheme, warmupSteps: 10, seed: 4 };
    const a = runEpileptorBenchmark(opts);
    const b = runEpileptorBenchmark(opts);
    const other = runEpileptorBenchmark({ ...opts, seed: 5 });
    assert.equal(a.finite, true);
    assert.equal(a.steps, 10_000);
    assert.equal(a.nodes, 12);
    assert.equal(a.scheme, scheme);
    assert.equal(a.dt, 0.05);
    assert.ok(a.seconds > 0 && a.nodeStepsPerSecond > 0 && Number.isFinite(a.nodeStepsPerSecond));
    assert.ok(Math.abs(a.microsecondsPerStep / ((a.seconds / a.steps) * 1e6) - 1) < 1e-12);
    assert.ok(Math.abs(a.nodeStepsPerSecond / ((a.nodes * a.steps) / a.seconds) - 1) < 1e-12);
    // Same seed, same trajectory; another noise seed, another trajectory.
    assert.equal(a.finalMeanZ, b.finalMeanZ);
    assert.equal(a.seizureOnsets, b.seizureOnsets);
    assert.notEqual(a.finalMeanZ, other.finalMeanZ);
    // The set-up is epileptogenic: the EZ node (x0 = -1.6) seizes within 500 time units, and z
    // stays near its interictal level of about 3.
    assert.ok((a.seizureOnsets ?? 0) >= 1, `${scheme}: no seizure in 500 time units`);
    assert.ok(
      a.finalMeanZ !== undefined && a.finalMeanZ > 2.5 && a.finalMeanZ < 4,
      `final mean z ${a.finalMeanZ}`,
    );
  }
  assert.throws(
    () => runEpileptorBenchmark({ nodes: 4, duration: 0.01, scheme: "heun" }),
    /shorter than one step/,
  );
  assert.throws(
    () => runEpileptorBenchmark({ nodes: 4, duration: 10, scheme: "rk4" as "heun" }),
    /scheme must be heun or euler/,
  );
});
