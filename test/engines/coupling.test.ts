/**
 * Difference coupling: the dense and sparse (CSR) paths, and the WebAssembly kernel of the dense
 * path, against a naive O(n^2) reference, the delay ring buffer against values recorded by hand,
 * and the validation of the inputs. The kernel's options and build are tested in
 * coupling-wasm.test.ts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  buildCouplingGraph,
  DifferenceCoupling,
  type CouplingGraph,
  type CouplingKernel,
} from "../../src/engines/network/coupling.js";
import { RandomStream } from "../../src/numerics/random.js";

/** Random n x n weights with about `density` of them non-zero, diagonal included. */
function randomWeights(n: number, density: number, seed: number): Float64Array {
  const rng = RandomStream.for(seed, "test/coupling/weights");
  const w = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) if (rng.uniform() < density) w[k] = rng.uniform() * 3 - 0.5;
  return w;
}

function randomValues(length: number, seed: number): Float64Array {
  const rng = RandomStream.for(seed, "test/coupling/values");
  const x = new Float64Array(length);
  for (let i = 0; i < length; i++) x[i] = 2 * rng.normal();
  return x;
}

/** a * (sum_j w_ij x_j - (sum_j w_ij) x_i), in the documented order of coupling.ts: four
 *  partial sums over j mod 4 (each ascending), combined as (s0 + s1) + (s2 + s3). */
function naiveCoupling(w: Float64Array, n: number, a: number, x: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const partial = [0, 0, 0, 0];
    let rowSum = 0;
    for (let j = 0; j < n; j++) {
      partial[j % 4] += w[i * n + j] * x[j];
      rowSum += w[i * n + j];
    }
    out[i] = a * (partial[0] + partial[1] + (partial[2] + partial[3]) - rowSum * x[i]);
  }
  return out;
}

function computeOnce(
  graph: CouplingGraph,
  a: number,
  x: Float64Array,
  kernel: CouplingKernel = "auto",
): Float64Array {
  const coupling = new DifferenceCoupling(graph, a, { kernel });
  coupling.fillHistory(x, 0);
  const out = new Float64Array(graph.nodes);
  coupling.compute(0, x, 0, out, 0);
  return out;
}

/** Bit-for-bit equality (distinguishes -0 from +0 and compares NaN payload-free). */
function assertBitIdentical(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(
      Object.is(actual[i], expected[i]),
      `${what}: entry ${i} is ${actual[i]}, expected ${expected[i]}`,
    );
  }
}

test("dense and CSR paths are bit-identical to the naive sum, above and below 50% density", () => {
  const n = 57;
  const a = 0.7;
  for (const [density, expectDense] of [
    [0.8, true],
    [0.2, false],
  ] as const) {
    const w = randomWeights(n, density, density === 0.8 ? 1 : 2);
    const graph = buildCouplingGraph(w, n, { speed: Infinity, dt: 0.05 });
    assert.equal(
      graph.dense !== null,
      expectDense,
      `density ${density}: dense path chosen = ${graph.dense !== null}`,
    );
    assert.equal(graph.delaySteps, null);
    assert.equal(graph.historySlots, 1);
    const nonZero = w.reduce((c, v) => c + (v !== 0 ? 1 : 0), 0);
    assert.equal(graph.column.length, nonZero);
    assert.equal(graph.rowStart[n], nonZero);
    // The same matrix through the other path: drop or add the dense copy.
    const other: CouplingGraph = { ...graph, dense: expectDense ? null : Float64Array.from(w) };
    for (let trial = 0; trial < 5; trial++) {
      const x = randomValues(n, 10 * trial + (expectDense ? 1 : 2));
      const reference = naiveCoupling(w, n, a, x);
      for (const kernel of ["auto", "typescript"] as const) {
        assertBitIdentical(
          computeOnce(graph, a, x, kernel),
          reference,
          `density ${density}, chosen path, ${kernel}`,
        );
        assertBitIdentical(
          computeOnce(other, a, x, kernel),
          reference,
          `density ${density}, other path, ${kernel}`,
        );
      }
    }
  }
});

test("the WebAssembly dense kernel is bit-identical to the TypeScript loop and the naive sum", () => {
  // n = 1..9 cover every tail length (n mod 4) with zero, one and two blocks of four rows;
  // 76 and 300 are a clinical connectome and a large one.
  const sizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 76, 300];
  const densities = [0.55, 0.8, 1];
  for (const n of sizes) {
    for (const density of densities) {
      const seed = 1000 * n + Math.round(100 * density);
      const w = randomWeights(n, density, seed);
      const built = buildCouplingGraph(w, n, { speed: Infinity, dt: 0.05 });
      // At a few nodes the random draw can fall at or under half non-zero, which builds CSR;
      // the dense copy is attached by hand then, as the kernel is what is under test.
      if (n >= 76) assert.ok(built.dense !== null, `n = ${n}, density ${density}: expected dense`);
      const graph: CouplingGraph = { ...built, dense: built.dense ?? Float64Array.from(w) };
      const a = density === 1 ? -1.3 : 0.7;
      const wasm = new DifferenceCoupling(graph, a, { kernel: "wasm" });
      const typescript = new DifferenceCoupling(graph, a, { kernel: "typescript" });
      assert.equal(wasm.kernel, "wasm");
      assert.equal(typescript.kernel, "typescript");
      const outWasm = new Float64Array(n);
      const outTs = new Float64Array(n);
      // Several calls on the same couplings: each must read only its own x.
      for (let step = 0; step < 3; step++) {
        const x = randomValues(n, seed + step);
        wasm.compute(step, x, 0, outWasm, 0);
        typescript.compute(step, x, 0, outTs, 0);
        const what = `n = ${n}, density ${density}, step ${step}`;
        assertBitIdentical(outWasm, outTs, `${what}, wasm vs typescript`);
        assertBitIdentical(outWasm, naiveCoupling(w, n, a, x), `${what}, wasm vs naive`);
      }
    }
  }
});

test("the WebAssembly kernel keeps signed zeros, infinities and NaN as the TypeScript loop does", () => {
  const n = 11;
  const w = randomWeights(n, 1, 31);
  w[3 * n + 5] = 0; // a zero weight times an infinite x gives NaN on the dense paths
  const graph = buildCouplingGraph(w, n, { speed: Infinity, dt: 0.05 });
  assert.ok(graph.dense !== null);
  const cases: [string, Float64Array][] = [
    ["all -0", new Float64Array(n).fill(-0)],
    ["all +0", new Float64Array(n)],
    ["mixed zeros", Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -0 : 0))],
    ["huge values", Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1e308 : -1e308))],
    ["one infinity", Float64Array.from({ length: n }, (_, i) => (i === 5 ? Infinity : i))],
    ["one NaN", Float64Array.from({ length: n }, (_, i) => (i === 2 ? NaN : -i))],
  ];
  for (const a of [1, -1, 0]) {
    for (const [what, x] of cases) {
      const reference = naiveCoupling(w, n, a, x);
      assertBitIdentical(computeOnce(graph, a, x, "typescript"), reference, `${what}, a = ${a}, ts`);
      assertBitIdentical(computeOnce(graph, a, x, "wasm"), reference, `${what}, a = ${a}, wasm`);
    }
  }
});

test("compute() honours the value and output offsets", () => {
  const n = 9;
  const w = randomWeights(n, 0.6, 3);
  const graph = buildCouplingGraph(w, n, { speed: Infinity, dt: 0.1 });
  const dense: CouplingGraph = { ...graph, dense: graph.dense ?? Float64Array.from(w) };
  const state = randomValues(4 * n, 4);
  const paths: [string, CouplingGraph, CouplingKernel][] = [
    ["as built", graph, "typescript"],
    ["dense", dense, "typescript"],
    ["dense", dense, "wasm"],
  ];
  for (const [path, g, kernel] of paths) {
    const coupling = new DifferenceCoupling(g, 1.5, { kernel });
    const out = new Float64Array(3 * n).fill(123);
    coupling.compute(0, state, 2 * n, out, n);
    assertBitIdentical(
      out.subarray(n, 2 * n),
      naiveCoupling(w, n, 1.5, state.subarray(2 * n, 3 * n)),
      `offset result, ${path}, ${kernel}`,
    );
    assert.ok(
      out.subarray(0, n).every((v) => v === 123) && out.subarray(2 * n).every((v) => v === 123),
      `${path}, ${kernel} wrote outside its slice`,
    );
  }
});

test("a delayed edge reads exactly the value recorded D steps earlier", () => {
  // Node 0 receives from nodes 1, 2, 3 with delays 0, 3 and 5 steps; node 4 receives from 0 with
  // delay 2 and from itself (diagonal, delay 0). Weights and values are small integers so that
  // every sum is exact and the expected coupling can be compared with ===.
  const n = 5;
  const dt = 0.25;
  const speed = 2; // D = round(L / (speed dt)) = round(L / 0.5)
  const w = new Float64Array(n * n);
  const L = new Float64Array(n * n);
  const edges: [number, number, number, number][] = [
    // target, source, weight, tract length (mm)
    [0, 1, 1, 0.2], // 0.4 steps -> 0
    [0, 2, 2, 1.4], // 2.8 steps -> 3
    [0, 3, 4, 2.6], // 5.2 steps -> 5
    [4, 0, 3, 1.0], // 2 steps
    [4, 4, 5, 0],
  ];
  for (const [i, j, weight, length] of edges) {
    w[i * n + j] = weight;
    L[i * n + j] = length;
  }
  const graph = buildCouplingGraph(w, n, { speed, dt, tractLengths: L });
  assert.ok(graph.delaySteps !== null);
  assert.deepEqual(Array.from(graph.delaySteps), [0, 3, 5, 2, 0]);
  assert.equal(graph.historySlots, 6);
  assert.equal(graph.dense, null);

  const value = (step: number, node: number) => 100 * step + node + 1; // x_j at step s
  const initial = Float64Array.from({ length: n }, (_, j) => -(j + 1) * 1000);
  const coupling = new DifferenceCoupling(graph, 1);
  coupling.fillHistory(initial, 0);
  const past = (s: number, j: number) => (s >= 0 ? value(s, j) : initial[j]);
  const out = new Float64Array(n);
  for (let s = 0; s < 40; s++) {
    const x = Float64Array.from({ length: n }, (_, j) => value(s, j));
    coupling.compute(s, x, 0, out, 0);
    const want0 = 1 * past(s, 1) + 2 * past(s - 3, 2) + 4 * past(s - 5, 3) - 7 * x[0];
    const want4 = 3 * past(s - 2, 0) + 5 * x[4] - 8 * x[4];
    assert.equal(out[0], want0, `step ${s}, node 0`);
    assert.equal(out[4], want4, `step ${s}, node 4`);
    for (const i of [1, 2, 3]) assert.equal(out[i], 0, `step ${s}, node ${i} has no inputs`);
  }
});

test("zero delays through the ring buffer equal the no-delay paths bit for bit", () => {
  const n = 31;
  for (const density of [0.9, 0.3]) {
    const w = randomWeights(n, density, density > 0.5 ? 21 : 22);
    const noDelay = buildCouplingGraph(w, n, { speed: Infinity, dt: 0.05 });
    // Lengths below half a step of travel round to zero delay.
    const L = new Float64Array(n * n).fill(0.01);
    const zeroDelay = buildCouplingGraph(w, n, { speed: 3, dt: 0.05, tractLengths: L });
    assert.ok(zeroDelay.delaySteps !== null && zeroDelay.delaySteps.every((d) => d === 0));
    assert.equal(zeroDelay.historySlots, 1);
    const a = new DifferenceCoupling(noDelay, 0.9);
    const b = new DifferenceCoupling(zeroDelay, 0.9);
    const x0 = randomValues(n, 77);
    a.fillHistory(x0, 0);
    b.fillHistory(x0, 0);
    const outA = new Float64Array(n);
    const outB = new Float64Array(n);
    for (let s = 0; s < 6; s++) {
      const x = randomValues(n, 100 + s);
      a.compute(s, x, 0, outA, 0);
      b.compute(s, x, 0, outB, 0);
      assertBitIdentical(outB, outA, `density ${density}, step ${s}`);
      assertBitIdentical(outA, naiveCoupling(w, n, 0.9, x), `density ${density}, step ${s}, naive`);
    }
  }
});

test("an infinite speed builds no delays and ignores tract lengths", () => {
  const n = 4;
  const w = randomWeights(n, 1, 5);
  const L = new Float64Array(n * n).fill(50);
  for (const tractLengths of [L, null, undefined]) {
    const graph = buildCouplingGraph(w, n, { speed: Infinity, dt: 0.05, tractLengths });
    assert.equal(graph.delaySteps, null);
    assert.equal(graph.historySlots, 1);
  }
  const finite = buildCouplingGraph(w, n, { speed: 10, dt: 0.05, tractLengths: L });
  assert.equal(finite.historySlots, 101); // 50 / (10 * 0.05) = 100 steps
});

test("wrong sizes, negative or non-finite lengths and bad speeds are rejected with clear messages", () => {
  const n = 3;
  const w = new Float64Array(n * n).fill(1);
  assert.throws(
    () => buildCouplingGraph(new Float64Array(8), n, { speed: Infinity, dt: 0.1 }),
    /weights must have 3x3 = 9 entries, got 8/,
  );
  assert.throws(() => buildCouplingGraph(w, n, { speed: 0, dt: 0.1 }), /conduction speed must be > 0/);
  assert.throws(() => buildCouplingGraph(w, n, { speed: -2, dt: 0.1 }), /conduction speed must be > 0/);
  assert.throws(
    () => buildCouplingGraph(w, n, { speed: Number.NaN, dt: 0.1 }),
    /conduction speed must be > 0/,
  );
  assert.throws(
    () => buildCouplingGraph(w, n, { speed: 3, dt: 0.1 }),
    /finite conduction speed needs tract lengths/,
  );
  assert.throws(
    () => buildCouplingGraph(w, n, { speed: 3, dt: 0.1, tractLengths: new Float64Array(4) }),
    /finite conduction speed needs tract lengths with one entry per weight/,
  );
  const negative = new Float64Array(n * n).fill(2);
  negative[1 * n + 2] = -1;
  assert.throws(
    () => buildCouplingGraph(w, n, { speed: 3, dt: 0.1, tractLengths: negative }),
    /tract_lengths\[1\]\[2\] must be a finite length >= 0 mm, got -1/,
  );
  const infinite = new Float64Array(n * n).fill(2);
  infinite[2 * n] = Number.POSITIVE_INFINITY;
  assert.throws(
    () => buildCouplingGraph(w, n, { speed: 3, dt: 0.1, tractLengths: infinite }),
    /tract_lengths\[2\]\[0\] must be a finite length/,
  );
  const badWeight = Float64Array.from(w);
  badWeight[4] = Number.NaN;
  assert.throws(
    () => buildCouplingGraph(badWeight, n, { speed: Infinity, dt: 0.1 }),
    /weights\[1\]\[1\] is not finite/,
  );
});

test("dt must be finite and positive; absurd delays are refused with the edge named", () => {
  const w = Float64Array.of(0, 1, 1, 0);
  const lengths = Float64Array.of(0, 10, 10, 0);
  assert.throws(
    () => buildCouplingGraph(w, 2, { speed: 3, dt: -0.05, tractLengths: lengths }),
    /dt must be a finite number > 0/,
  );
  assert.throws(
    () => buildCouplingGraph(w, 2, { speed: Infinity, dt: Number.NaN }),
    /dt must be a finite number > 0/,
  );
  assert.throws(
    () => buildCouplingGraph(w, 2, { speed: 1e-9, dt: 0.05, tractLengths: lengths }),
    /delay of edge \[0\]\[1\] is \d+ steps/,
  );
});
