/**
 * Connection rules: Brian2's connect(p) semantics (independent pairs, autapses allowed, no
 * multapses), fixed in-degree, explicit lists, and seeding.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  connect,
  inDegrees,
  outDegrees,
  type ConnectionRule,
  type ConnectionStore,
} from "../../../src/engines/cell/connectivity.js";
import { RandomStream } from "../../../src/numerics/random.js";

function build(
  rule: ConnectionRule,
  nSource: number,
  nTarget: number,
  same: boolean,
  seed = 1,
  path = "test/connect",
): ConnectionStore {
  return connect(rule, nSource, nTarget, RandomStream.for(seed, path), {
    samePopulation: same,
    weight: 1,
    delay: 0,
    dt: 0.1,
  });
}

function pairs(store: ConnectionStore): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < store.sourceSize; i++) {
    for (let q = store.rowStart[i]; q < store.rowStart[i + 1]; q++)
      out.add(i * store.targetSize + store.target[q]);
  }
  return out;
}

test("probability rule: Bernoulli(p) pairs, autapses allowed, no multapses, ascending rows", () => {
  const n = 2000;
  const p = 0.02;
  const store = build({ kind: "probability", p }, n, n, true);
  const mean = n * n * p;
  const sd = Math.sqrt(n * n * p * (1 - p));
  assert.ok(Math.abs(store.count - mean) < 4 * sd, `${store.count} connections, expected ${mean} ± ${sd}`);
  assert.equal(pairs(store).size, store.count, "no duplicate pairs");
  let autapses = 0;
  for (let i = 0; i < n; i++) {
    for (let q = store.rowStart[i]; q < store.rowStart[i + 1]; q++) {
      if (q > store.rowStart[i]) assert.ok(store.target[q] > store.target[q - 1], "rows ascending");
      if (store.target[q] === i) autapses++;
    }
  }
  // Expected n·p = 40 autapses; Poisson-like spread.
  assert.ok(autapses > 15 && autapses < 70, `${autapses} autapses`);
  // In-degrees are Binomial(n, p): mean 40, variance ≈ 39.
  const deg = inDegrees(store);
  const m = deg.reduce((a, b) => a + b, 0) / n;
  const v = deg.reduce((a, b) => a + (b - m) ** 2, 0) / n;
  assert.ok(Math.abs(m - 40) < 1 && Math.abs(v - 39.2) < 6, `in-degree mean ${m}, variance ${v}`);
  const noSelf = build({ kind: "probability", p, autapses: false }, n, n, true);
  for (let i = 0; i < n; i++) {
    for (let q = noSelf.rowStart[i]; q < noSelf.rowStart[i + 1]; q++) assert.notEqual(noSelf.target[q], i);
  }
});

test("probability rule edge cases: p = 1 is all pairs, p = 0 none", () => {
  const all = build({ kind: "probability", p: 1 }, 7, 5, false);
  assert.equal(all.count, 35);
  const allSelf = build({ kind: "probability", p: 1, autapses: false }, 6, 6, true);
  assert.equal(allSelf.count, 30);
  assert.equal(build({ kind: "probability", p: 0 }, 7, 5, false).count, 0);
});

test("connections depend only on the seed and the stream path", () => {
  const rule = { kind: "probability", p: 0.1 } as const;
  const a = build(rule, 300, 300, true, 4, "network/projection/E->E");
  const b = build(rule, 300, 300, true, 4, "network/projection/E->E");
  assert.deepEqual([...a.target], [...b.target]);
  assert.deepEqual([...a.rowStart], [...b.rowStart]);
  const c = build(rule, 300, 300, true, 5, "network/projection/E->E");
  const d = build(rule, 300, 300, true, 4, "network/projection/E->I");
  assert.notDeepEqual([...a.target], [...c.target]);
  assert.notDeepEqual([...a.target], [...d.target]);
});

test("in-degree rule: exactly k distinct sources per target, no self when autapses are off", () => {
  const store = build({ kind: "inDegree", k: 25, autapses: false }, 200, 200, true);
  assert.deepEqual([...new Set(inDegrees(store))], [25]);
  assert.equal(pairs(store).size, store.count);
  for (let i = 0; i < 200; i++) {
    for (let q = store.rowStart[i]; q < store.rowStart[i + 1]; q++) assert.notEqual(store.target[q], i);
  }
  // Sources are used roughly uniformly: mean out-degree 25.
  const out = outDegrees(store);
  assert.equal(
    out.reduce((a, b) => a + b, 0),
    200 * 25,
  );
  assert.ok(Math.max(...out) < 50 && Math.min(...out) > 5);
  const full = build({ kind: "inDegree", k: 10 }, 10, 4, false);
  assert.equal(full.count, 40, "k equal to the source count takes every source");
  assert.throws(() => build({ kind: "inDegree", k: 11 }, 10, 4, false), /in-degree must be/);
});

test("explicit lists become CSR by source with weights and delays kept with their connections", () => {
  const store = connect(
    {
      kind: "explicit",
      sources: [2, 0, 2, 1, 0],
      targets: [1, 3, 0, 0, 3],
      weights: [5, 1, 6, 3, 2],
      delays: [0.1, 0, 0.25, 1, 0],
    },
    3,
    4,
    RandomStream.for(1, "unused"),
    { samePopulation: false, weight: 0, delay: 0, dt: 0.1 },
  );
  assert.deepEqual([...store.rowStart], [0, 2, 3, 5]);
  assert.deepEqual([...store.target], [3, 3, 0, 1, 0], "stable within a source");
  assert.deepEqual([...(store.weight as Float64Array)], [1, 2, 3, 5, 6]);
  assert.deepEqual([...(store.delay as Int32Array)], [0, 0, 10, 1, 3], "rounded to whole steps");
  assert.throws(
    () =>
      connect({ kind: "explicit", sources: [3], targets: [0] }, 3, 4, RandomStream.for(1, "x"), {
        samePopulation: false,
        weight: 1,
        delay: 0,
        dt: 0.1,
      }),
    /source 3 out of range/,
  );
});
