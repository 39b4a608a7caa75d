/**
 * The WebAssembly kernel of the dense coupling: the committed module matches its source, the
 * kernel options and the TypeScript fallback, the sharing of one kernel by the couplings of one
 * graph, and a whole simulation giving the same bits on both kernels. Its bit-identity with the
 * naive sum is tested in coupling.test.ts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  buildCouplingGraph,
  DifferenceCoupling,
  setDefaultCouplingKernel,
  WASM_MIN_NODES,
  type CouplingGraph,
  type CouplingKernel,
} from "../../src/engines/network/coupling.js";
import { denseWasmAvailable } from "../../src/engines/network/kernels/dense-wasm.js";
import { COUPLING_WASM_BASE64 } from "../../src/engines/network/kernels/coupling-wasm.generated.js";
import { anchorInitialState, anchorModel, ANCHOR_NOISE_SIGMA } from "../../src/perf/epileptor-bench.js";
import { simulateNetwork } from "../../src/engines/network/simulate.js";
import { RandomStream } from "../../src/numerics/random.js";

/** The repository root, from dist/test/engines/. */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

function denseGraph(n: number, seed: number): { graph: CouplingGraph; weights: Float64Array } {
  const rng = RandomStream.for(seed, "test/coupling-wasm/weights");
  const weights = Float64Array.from({ length: n * n }, () => rng.uniform() * 2 - 0.3);
  const graph = buildCouplingGraph(weights, n, { speed: Infinity, dt: 0.05 });
  assert.ok(graph.dense !== null);
  return { graph, weights };
}

function values(n: number, seed: number): Float64Array {
  const rng = RandomStream.for(seed, "test/coupling-wasm/values");
  return Float64Array.from({ length: n }, () => 3 * rng.normal());
}

function assertSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(
      Object.is(actual[i], expected[i]),
      `${what}: entry ${i} is ${actual[i]}, expected ${expected[i]}`,
    );
  }
}

test("the committed kernel module is a fresh compile of coupling.as", () => {
  // asc output was checked to be byte-for-byte deterministic, so any difference means that the
  // source, the compiler options or the AssemblyScript version changed without a rebuild.
  const check = spawnSync(process.execPath, ["scripts/build-wasm.mjs", "--check"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  assert.equal(check.status, 0, `build-wasm --check failed:\n${check.stderr}${check.stdout}`);
});

test("the kernel module validates, imports only its memory and exports only the kernel", () => {
  assert.ok(denseWasmAvailable(), "Node >= 20 has WebAssembly SIMD, so the kernel must be available");
  const bytes = Uint8Array.from(atob(COUPLING_WASM_BASE64), (c) => c.charCodeAt(0));
  const module = new WebAssembly.Module(bytes);
  assert.deepEqual(WebAssembly.Module.imports(module), [{ module: "env", name: "memory", kind: "memory" }]);
  assert.deepEqual(WebAssembly.Module.exports(module), [{ name: "coupleDense", kind: "function" }]);
});

test("auto picks the kernel on dense graphs from WASM_MIN_NODES up, and TypeScript elsewhere", () => {
  for (const n of [WASM_MIN_NODES - 1, WASM_MIN_NODES, 40]) {
    const { graph } = denseGraph(n, n);
    const want = n >= WASM_MIN_NODES ? "wasm" : "typescript";
    assert.equal(new DifferenceCoupling(graph, 1).kernel, want, `n = ${n}, default`);
    assert.equal(new DifferenceCoupling(graph, 1, { kernel: "auto" }).kernel, want, `n = ${n}, auto`);
    assert.equal(new DifferenceCoupling(graph, 1, { kernel: "typescript" }).kernel, "typescript");
    assert.equal(new DifferenceCoupling(graph, 1, { kernel: "wasm" }).kernel, "wasm");
  }
  // Sparse and delayed graphs have no dense product: always TypeScript, and "wasm" is refused.
  const n = 20;
  const sparse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) sparse[i * n + ((i + 1) % n)] = 1;
  const csr = buildCouplingGraph(sparse, n, { speed: Infinity, dt: 0.1 });
  const full = new Float64Array(n * n).fill(1);
  const delayed = buildCouplingGraph(full, n, {
    speed: 1,
    dt: 0.1,
    tractLengths: new Float64Array(n * n).fill(1),
  });
  for (const graph of [csr, delayed]) {
    assert.equal(graph.dense, null);
    assert.equal(new DifferenceCoupling(graph, 1).kernel, "typescript");
    assert.throws(
      () => new DifferenceCoupling(graph, 1, { kernel: "wasm" }),
      /wasm coupling kernel needs a graph on the dense path/,
    );
  }
  assert.throws(
    () => new DifferenceCoupling(csr, 1, { kernel: "simd" as CouplingKernel }),
    /coupling kernel must be one of auto, typescript, wasm, got simd/,
  );
});

test("setDefaultCouplingKernel forces the TypeScript loop for couplings built without an option", () => {
  const { graph } = denseGraph(30, 7);
  const previous = setDefaultCouplingKernel("typescript");
  try {
    assert.equal(previous, "auto");
    assert.equal(new DifferenceCoupling(graph, 1).kernel, "typescript");
    assert.equal(new DifferenceCoupling(graph, 1, { kernel: "wasm" }).kernel, "wasm", "option wins");
    assert.equal(setDefaultCouplingKernel("wasm"), "typescript");
    assert.equal(new DifferenceCoupling(graph, 1).kernel, "wasm");
  } finally {
    setDefaultCouplingKernel(previous);
  }
  assert.equal(new DifferenceCoupling(graph, 1).kernel, "wasm");
  assert.throws(() => setDefaultCouplingKernel("fast" as CouplingKernel), /coupling kernel must be one of/);
});

test("couplings of two variables on one graph share the kernel and keep their own results", () => {
  // The Epileptor couples x1 and x2 on one connectome; their calls alternate every step.
  const n = 45;
  const { graph } = denseGraph(n, 11);
  const first = new DifferenceCoupling(graph, 0.8, { kernel: "wasm" });
  const second = new DifferenceCoupling(graph, -2.5, { kernel: "wasm" });
  const firstTs = new DifferenceCoupling(graph, 0.8, { kernel: "typescript" });
  const secondTs = new DifferenceCoupling(graph, -2.5, { kernel: "typescript" });
  const state = new Float64Array(2 * n);
  const out1 = new Float64Array(n);
  const out2 = new Float64Array(n);
  const want1 = new Float64Array(n);
  const want2 = new Float64Array(n);
  for (let step = 0; step < 5; step++) {
    state.set(values(2 * n, step));
    first.compute(step, state, 0, out1, 0);
    second.compute(step, state, n, out2, 0);
    firstTs.compute(step, state, 0, want1, 0);
    secondTs.compute(step, state, n, want2, 0);
    assertSameBits(out1, want1, `step ${step}, first variable`);
    assertSameBits(out2, want2, `step ${step}, second variable`);
  }
});

test("without WebAssembly the coupling falls back to the TypeScript loop with the same bits", () => {
  // --jitless removes the WebAssembly global, as in a runtime without it. The child computes
  // the coupling of the same graph and values and prints the bytes of its result.
  const n = 23;
  const { graph, weights } = denseGraph(n, 5);
  const x = values(n, 6);
  const coupling = new DifferenceCoupling(graph, 1.7, { kernel: "wasm" });
  const out = new Float64Array(n);
  coupling.compute(0, x, 0, out, 0);
  const couplingUrl = new URL("../../src/engines/network/coupling.js", import.meta.url).href;
  const child = [
    `const { buildCouplingGraph, DifferenceCoupling } = await import(${JSON.stringify(couplingUrl)});`,
    // Uint8Array.from copies out of Node's shared pool, which small Buffers are cut from.
    "const decode = (b) => new Float64Array(Uint8Array.from(Buffer.from(b, 'base64')).buffer);",
    "const [w, x] = process.argv.slice(1).map(decode);",
    `const graph = buildCouplingGraph(w, ${n}, { speed: Infinity, dt: 0.05 });`,
    "const coupling = new DifferenceCoupling(graph, 1.7);",
    `const out = new Float64Array(${n});`,
    "coupling.compute(0, x, 0, out, 0);",
    "let refused = false;",
    "try { new DifferenceCoupling(graph, 1.7, { kernel: 'wasm' }); } catch { refused = true; }",
    "console.log(JSON.stringify({ typeofWasm: typeof WebAssembly, kernel: coupling.kernel, refused,",
    "  out: Buffer.from(out.buffer).toString('base64') }));",
  ].join("\n");
  const base64 = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
  const run = spawnSync(
    process.execPath,
    ["--jitless", "--input-type=module", "-e", child, base64(weights), base64(x)],
    { encoding: "utf8" },
  );
  assert.equal(run.status, 0, `child failed:\n${run.stderr}`);
  const report = JSON.parse(run.stdout) as {
    typeofWasm: string;
    kernel: string;
    refused: boolean;
    out: string;
  };
  assert.equal(report.typeofWasm, "undefined");
  assert.equal(report.kernel, "typescript");
  assert.ok(report.refused, "kernel: 'wasm' must throw where WebAssembly is missing");
  const fallback = new Float64Array(Uint8Array.from(Buffer.from(report.out, "base64")).buffer);
  assertSameBits(fallback, out, "jitless TypeScript fallback vs wasm kernel");
});

test("a noisy Epileptor network run gives the same bits on the TypeScript loop and the kernel", () => {
  const n = 40;
  const dt = 0.05;
  const run = (kernel: CouplingKernel) => {
    const previous = setDefaultCouplingKernel(kernel);
    try {
      // The model is built inside, so that its couplings get the kernel set here.
      const { model } = anchorModel(n, dt);
      return simulateNetwork(model, {
        dt,
        scheme: "heun",
        initialState: anchorInitialState(n),
        noiseSigma: ANCHOR_NOISE_SIGMA,
        seed: 3,
        streamPath: "test/coupling-wasm/noise",
        steps: 2000,
        sampleEvery: 20,
        record: ["x1"],
        // The step in TypeScript, so that the coupling kernel set here is the one that runs.
        kernel: "typescript",
      });
    } finally {
      setDefaultCouplingKernel(previous);
    }
  };
  const ts = run("typescript");
  const wasm = run("wasm");
  assertSameBits(wasm.finalState, ts.finalState, "final state");
  assertSameBits(wasm.recorded.x1, ts.recorded.x1, "recorded x1");
});
