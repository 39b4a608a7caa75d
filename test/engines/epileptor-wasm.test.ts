/**
 * The fused WebAssembly step of the 6-D Epileptor network (kernels/epileptor.as) against the
 * TypeScript path it replaces: the same bits for every recorded sample and the final state, with
 * Euler–Maruyama and stochastic Heun, with noise, on dense, sparse and delayed couplings with all
 * three coupling gains on; the same divergence report (step, node, variable, value); the kernel
 * option; and the jitless fallback.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { buildCouplingGraph } from "../../src/engines/network/coupling.js";
import {
  EPILEPTOR_PARAMETERS,
  EPILEPTOR_REGIONAL,
  EPILEPTOR_VARIABLES,
  EpileptorNetwork,
  epileptorRestingState,
  type EpileptorRegionalName,
} from "../../src/engines/network/epileptor.js";
import {
  EPILEPTOR2D_PARAMETERS,
  EPILEPTOR2D_REGIONAL,
  Epileptor2DNetwork,
  type Epileptor2DRegionalName,
} from "../../src/engines/network/epileptor2d.js";
import {
  DivergenceError,
  simulateNetwork,
  type NetworkSimulationOptions,
  type NetworkSimulationResult,
  type StepKernel,
} from "../../src/engines/network/simulate.js";
import { epileptorWasmAvailable } from "../../src/engines/network/kernels/epileptor-wasm.js";
import { EPILEPTOR_WASM_BASE64 } from "../../src/engines/network/kernels/epileptor-wasm.generated.js";
import { defaultsOf } from "../../src/engines/parameters.js";
import { anchorInitialState, anchorModel, ANCHOR_NOISE_SIGMA } from "../../src/perf/epileptor-bench.js";
import { RandomStream } from "../../src/numerics/random.js";

/** dense: all weights non-zero; partial: 35% (stored sparse, computed densely by the kernel);
 *  sparse: 12% (sparse in both); delayed: 35% with conduction delays. */
type GraphKind = "dense" | "partial" | "sparse" | "delayed";

/**
 * A network that visits the branches of the equations within a few thousand steps: excitable
 * nodes (x0 from -2.4 to -1.4, so several seize: x1 >= 0 and x2 >= -0.25), random weights (a
 * fraction of them zero for the sparse graphs), all three coupling gains non-zero (Kf zero when
 * `x1Only`) and per-node values of every regional parameter.
 */
function network(
  n: number,
  kind: GraphKind,
  seed: number,
  x1Only = false,
): { model: EpileptorNetwork; initial: Float64Array } {
  const rng = RandomStream.for(seed, "test/epileptor-wasm/network");
  const dt = 0.05;
  const weights = new Float64Array(n * n);
  const lengths = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const keep = kind === "dense" || rng.uniform() < (kind === "sparse" ? 0.12 : 0.35);
      weights[i * n + j] = keep && i !== j ? rng.uniform() / n : 0;
      lengths[i * n + j] = 5 + 120 * rng.uniform();
    }
  }
  const graph = buildCouplingGraph(weights, n, {
    speed: kind === "delayed" ? 60 : Infinity,
    tractLengths: kind === "delayed" ? lengths : null,
    dt,
  });
  assert.equal(graph.dense !== null, kind === "dense", `${kind} graph on the expected path`);
  const shared = { ...defaultsOf(EPILEPTOR_PARAMETERS), r: 0.002 };
  const regional = {} as Record<EpileptorRegionalName, Float64Array>;
  for (const name of EPILEPTOR_REGIONAL) regional[name] = new Float64Array(n).fill(shared[name]);
  for (let i = 0; i < n; i++) {
    regional.x0[i] = -2.4 + rng.uniform();
    regional.Iext[i] = 3.1 + 0.1 * (rng.uniform() - 0.5);
    regional.Iext2[i] = 0.45 + 0.1 * (rng.uniform() - 0.5);
    regional.r[i] = 0.002 * (0.5 + rng.uniform());
    regional.slope[i] = 0.2 * (rng.uniform() - 0.5);
    regional.Ks[i] = -0.5 * rng.uniform();
    regional.Kf[i] = 0.2 * rng.uniform();
    regional.Kvf[i] = 0.05 * rng.uniform();
  }
  // Coupling of x1 alone (permittivity and fast): the kernel's single dense product.
  if (x1Only) regional.Kf.fill(0);
  const model = new EpileptorNetwork({ graph, shared, regional, couplingScale: 1.3 });
  return { model, initial: epileptorRestingState(shared, regional) };
}

function simulate(
  model: EpileptorNetwork,
  initial: Float64Array,
  kernel: StepKernel,
  options: Partial<NetworkSimulationOptions>,
): NetworkSimulationResult {
  return simulateNetwork(model, {
    dt: 0.05,
    steps: 3000,
    scheme: "heun",
    initialState: initial,
    noiseSigma: Float64Array.of(0.02, 0.02, 0, 0.1, 0.1, 0),
    seed: 11,
    streamPath: "test/epileptor-wasm/noise",
    sampleEvery: 7,
    record: [...EPILEPTOR_VARIABLES],
    kernel,
    ...options,
  });
}

function assertSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      assert.fail(`${what}: entry ${i} is ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

function assertSameRun(wasm: NetworkSimulationResult, ts: NetworkSimulationResult, what: string): void {
  assertSameBits(wasm.times, ts.times, `${what}: times`);
  for (const v of EPILEPTOR_VARIABLES) assertSameBits(wasm.recorded[v], ts.recorded[v], `${what}: ${v}`);
  assertSameBits(wasm.finalState, ts.finalState, `${what}: final state`);
}

test("the fused kernel is available, imports its memory and the host's exp and log, exports run", () => {
  assert.ok(epileptorWasmAvailable(), "Node >= 20 has WebAssembly SIMD, so the kernel must be available");
  const bytes = Uint8Array.from(atob(EPILEPTOR_WASM_BASE64), (c) => c.charCodeAt(0));
  const module = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`);
  assert.deepEqual(imports.sort(), ["env.exp:function", "env.log:function", "env.memory:memory"]);
  assert.deepEqual(WebAssembly.Module.exports(module), [{ name: "run", kind: "function" }]);
});

for (const kind of ["dense", "partial", "sparse", "delayed"] as const) {
  for (const scheme of ["euler", "heun"] as const) {
    test(`${kind} coupling, ${scheme}, noise: the kernel gives the TypeScript path's bits`, () => {
      // 23 nodes: not a multiple of 3, so the dense panels have two rows left over.
      const n = kind === "dense" ? 23 : 17;
      const { model, initial } = network(n, kind, kind.length);
      const ts = simulate(model, initial, "typescript", { scheme });
      const wasm = simulate(model, initial, "wasm", { scheme });
      assertSameRun(wasm, ts, `${kind} ${scheme}`);
      // The run went through the seizure branches the kernel has to get right.
      let seized = false;
      for (let k = 0; k < ts.recorded.x1.length; k++) seized ||= ts.recorded.x1[k] >= 0;
      assert.ok(seized, "no node seized");
    });
  }
}

test("dense coupling of x1 alone (the single product, three-row panels): the bits agree", () => {
  for (const n of [22, 23, 24]) {
    const { model, initial } = network(n, "dense", n, true);
    for (const scheme of ["euler", "heun"] as const) {
      const ts = simulate(model, initial, "typescript", { scheme, steps: 1500 });
      const wasm = simulate(model, initial, "wasm", { scheme, steps: 1500 });
      assertSameRun(wasm, ts, `x1 only, n = ${n}, ${scheme}`);
    }
  }
});

test("without noise, and with noise on one variable only, the bits agree too", () => {
  const { model, initial } = network(10, "dense", 4);
  for (const noiseSigma of [null, Float64Array.of(0, 0, 0, 0, 0.3, 0)]) {
    for (const scheme of ["euler", "heun"] as const) {
      const ts = simulate(model, initial, "typescript", { scheme, noiseSigma, steps: 1500 });
      const wasm = simulate(model, initial, "wasm", { scheme, noiseSigma, steps: 1500 });
      assertSameRun(wasm, ts, `${scheme}, noise ${noiseSigma === null ? "off" : "on y2"}`);
    }
  }
});

test("z < 0 (the -0.1 z^7 term of the z equation): the bits agree", () => {
  // A node pushed to z < 0 leaves the physiological range and, once x1 >= 0, soon diverges; the
  // first steps, while z is still negative, are enough to compare the branch.
  const n = 9;
  const { model, initial } = network(n, "dense", 6);
  for (let i = 0; i < n; i += 2) initial[2 * n + i] = -0.4 - 0.1 * i;
  for (const scheme of ["euler", "heun"] as const) {
    const options = { scheme, dt: 0.01, steps: 60, sampleEvery: 1 };
    const ts = simulate(model, initial, "typescript", options);
    const wasm = simulate(model, initial, "wasm", options);
    assertSameRun(wasm, ts, `z < 0, ${scheme}`);
    for (let i = 0; i < n; i += 2) assert.ok(ts.finalState[2 * n + i] < 0, `z of node ${i} still < 0`);
  }
});

test("how the run is cut into kernel calls (samples, progress) does not change the bits", () => {
  const { model, initial } = network(12, "delayed", 9);
  const reference = simulate(model, initial, "typescript", { sampleEvery: 1000 });
  const fractions: number[] = [];
  for (const sampleEvery of [1, 1000, 3000]) {
    const wasm = simulate(model, initial, "wasm", {
      sampleEvery,
      onProgress: (f) => fractions.push(f),
      progressSteps: 37,
    });
    assertSameBits(wasm.finalState, reference.finalState, `sampleEvery ${sampleEvery}`);
  }
  assert.ok(fractions.length > 3 * 80, `progress was reported ${fractions.length} times`);
  assert.equal(fractions.at(-1), 1);
});

test("divergence inside a kernel call is reported with the TypeScript path's step, node, variable and value", () => {
  const n = 7;
  const { model, initial } = network(n, "dense", 2);
  initial[4] = 40; // x1 of node 4 far out: the cubic explodes with a large step
  const failure = (kernel: StepKernel): DivergenceError => {
    try {
      simulate(model, initial, kernel, { dt: 0.5, steps: 1000, sampleEvery: 100, scheme: "euler" });
    } catch (err) {
      if (err instanceof DivergenceError) return err;
      throw err;
    }
    return assert.fail(`${kernel}: the run did not diverge`);
  };
  const ts = failure("typescript");
  const wasm = failure("wasm");
  assert.ok(ts.step > 0 && ts.step < 100, `diverged at step ${ts.step}, inside the first kernel call`);
  assert.equal(wasm.step, ts.step);
  assert.equal(wasm.node, ts.node);
  assert.equal(wasm.variable, ts.variable);
  assert.ok(Object.is(wasm.value, ts.value), `value ${wasm.value} vs ${ts.value}`);
  assert.equal(wasm.message, ts.message);
  assert.ok(wasm.node >= 0 && wasm.node < n && EPILEPTOR_VARIABLES.some((v) => v === wasm.variable));
});

test("the kernel option: wasm is refused for RK4 and for models without a fused step", () => {
  const { model, initial } = network(6, "dense", 1);
  assert.throws(() => simulate(model, initial, "wasm", { scheme: "rk4", noiseSigma: null }), /euler or heun/);
  assert.throws(() => simulate(model, initial, "fast" as StepKernel, {}), /step kernel must be one of/);
  // RK4 under auto integrates in TypeScript.
  const rk4 = simulate(model, initial, "auto", { scheme: "rk4", noiseSigma: null, steps: 50 });
  assert.ok(rk4.finalState.every(Number.isFinite));
  const n = 2;
  const shared = defaultsOf(EPILEPTOR2D_PARAMETERS);
  const regional = {} as Record<Epileptor2DRegionalName, Float64Array>;
  for (const name of EPILEPTOR2D_REGIONAL) regional[name] = new Float64Array(n).fill(shared[name]);
  const twoD = new Epileptor2DNetwork({
    graph: buildCouplingGraph(new Float64Array(n * n), n, { speed: Infinity, dt: 0.05 }),
    shared,
    regional,
    couplingScale: 1,
  });
  const run2D = (kernel: StepKernel) =>
    simulateNetwork(twoD, {
      dt: 0.05,
      steps: 10,
      scheme: "heun",
      initialState: Float64Array.of(-1.5, -1.5, 3, 3),
      noiseSigma: null,
      seed: 1,
      streamPath: "t",
      sampleEvery: 1,
      record: ["x1"],
      kernel,
    });
  assert.throws(() => run2D("wasm"), /fused stepper/);
  assert.ok(run2D("auto").finalState.every(Number.isFinite));
});

test("without WebAssembly the run falls back to the TypeScript path with the kernel's bits", () => {
  // --jitless removes the WebAssembly global, as in a runtime without it.
  const n = 8;
  const steps = 400;
  const setup = `{ dt: 0.05, steps: ${steps}, scheme: "heun", initialState: anchorInitialState(${n}),
    noiseSigma: ANCHOR_NOISE_SIGMA, seed: 5, streamPath: "t", sampleEvery: 10, record: ["x1"] }`;
  const wasm = simulateNetwork(anchorModel(n, 0.05).model, {
    dt: 0.05,
    steps,
    scheme: "heun",
    initialState: anchorInitialState(n),
    noiseSigma: ANCHOR_NOISE_SIGMA,
    seed: 5,
    streamPath: "t",
    sampleEvery: 10,
    record: ["x1"],
    kernel: "wasm",
  });
  const url = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);
  const child = [
    `const { anchorModel, anchorInitialState, ANCHOR_NOISE_SIGMA } = await import(${url("../../src/perf/epileptor-bench.js")});`,
    `const { simulateNetwork } = await import(${url("../../src/engines/network/simulate.js")});`,
    `const r = simulateNetwork(anchorModel(${n}, 0.05).model, ${setup});`,
    "let refused = false;",
    `try { simulateNetwork(anchorModel(${n}, 0.05).model, { ...${setup}, kernel: "wasm" }); } catch { refused = true; }`,
    "console.log(JSON.stringify({ typeofWasm: typeof WebAssembly, refused,",
    "  state: Buffer.from(r.finalState.buffer).toString('base64') }));",
  ].join("\n");
  const run = spawnSync(process.execPath, ["--jitless", "--input-type=module", "-e", child], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, `child failed:\n${run.stderr}`);
  const report = JSON.parse(run.stdout) as { typeofWasm: string; refused: boolean; state: string };
  assert.equal(report.typeofWasm, "undefined");
  assert.ok(report.refused, "kernel: 'wasm' must throw where WebAssembly is missing");
  const fallback = new Float64Array(Uint8Array.from(Buffer.from(report.state, "base64")).buffer);
  assertSameBits(fallback, wasm.finalState, "jitless TypeScript fallback vs fused kernel");
});
