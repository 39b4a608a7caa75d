/**
 * The microcircuit's optional ring geometry (`ring: 1`): distance-dependent connection
 * probability peak × exp(−d²/2σ²) on a periodic ring. Checked on the drawn connections (no run):
 * mean in-degree against the sum of the probabilities, locality, no autapses, determinism; and
 * that buildMicrocircuit refuses a non-binary `ring`. The ring's network behaviour was explored
 * but not adopted (docs/experiments/microcircuit-ring.md).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildMicrocircuit, drawRingConnections } from "../../../src/engines/cell/microcircuit.js";
import { RandomStream } from "../../../src/numerics/random.js";

const ringDistance = (i: number, ns: number, j: number, nt: number) => {
  const d = Math.abs((i + 0.5) / ns - (j + 0.5) / nt);
  return d > 0.5 ? 1 - d : d;
};

test("ring connections: in-degree matches the summed probabilities, connections are local, no autapses", () => {
  const ns = 400;
  const nt = 100;
  const peak = 0.8;
  const sigma = 0.075; // 150 µm of a 2000 µm ring
  const c = drawRingConnections(ns, nt, peak, sigma, false, RandomStream.for(1, "test/ring"));
  let expected = 0;
  for (let i = 0; i < ns; i++)
    for (let j = 0; j < nt; j++)
      expected += peak * Math.exp(-(ringDistance(i, ns, j, nt) ** 2) / (2 * sigma * sigma));
  // 400 × 100 pairs, expected ~7500 connections: Poisson s.d. ~1.2%.
  assert.ok(Math.abs(c.sources.length / expected - 1) < 0.04, `${c.sources.length} vs ${expected}`);
  let far = 0;
  let near = 0;
  for (let q = 0; q < c.sources.length; q++) {
    const d = ringDistance(c.sources[q], ns, c.targets[q], nt);
    if (d > 3 * sigma) far++;
    if (d < sigma) near++;
  }
  // Gaussian: P(|d| > 3σ) = 0.27%, P(|d| < σ) = 68%.
  assert.ok(far / c.sources.length < 0.01, `${far} of ${c.sources.length} beyond 3σ`);
  assert.ok(Math.abs(near / c.sources.length - 0.683) < 0.03, `${near} of ${c.sources.length} within σ`);

  const same = drawRingConnections(200, 200, 1, 0.05, true, RandomStream.for(1, "test/ring-same"));
  for (let q = 0; q < same.sources.length; q++) assert.notEqual(same.sources[q], same.targets[q]);
  // Peak 1, neighbours at d = 1/200: probability exp(−0.005) ≈ 0.995, ~199 of 200 present; pairs
  // half the ring apart (d = 0.5 = 10σ): probability ~2e-22, none present.
  const pairs = new Set(Array.from(same.sources, (s, q) => `${s},${same.targets[q]}`));
  let neighbours = 0;
  let opposite = 0;
  for (let k = 0; k < 200; k++) {
    if (pairs.has(`${k},${(k + 1) % 200}`)) neighbours++;
    if (pairs.has(`${k},${(k + 100) % 200}`)) opposite++;
  }
  assert.ok(neighbours >= 192, `${neighbours} of 200 neighbour pairs`);
  assert.equal(opposite, 0);

  const again = drawRingConnections(ns, nt, peak, sigma, false, RandomStream.for(1, "test/ring"));
  assert.deepEqual(again, c);
});

test("ring connections: refusals", () => {
  assert.throws(() => drawRingConnections(10, 10, 1.5, 0.1, true, RandomStream.for(1, "x")), /peak/);
  assert.throws(() => drawRingConnections(10, 10, 0.5, 0, true, RandomStream.for(1, "x")), /sigma/);
  assert.throws(
    () => buildMicrocircuit({ seed: 1, durationMs: 100, parameters: { ring: 0.5 } }),
    /ring must be 0 or 1/,
  );
});
