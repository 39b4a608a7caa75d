/**
 * The Wendling engine: the fixed-point relations of its ten ODEs (each synaptic filter settles
 * at gain / rate times its input), the pyramidal-output coupling between regions, the input-noise
 * intensity independent of the step, per-node noise amplitudes in the simulation loop,
 * determinism, divergence detection and the parameter table.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  WENDLING_PARAMETERS,
  WENDLING_REGIONAL,
  WendlingNetwork,
  wendlingLfp,
  wendlingNoiseSigma,
  wendlingSigmoid,
  type WendlingParameterName,
  type WendlingRegionalName,
} from "../../src/engines/network/wendling.js";
import { buildCouplingGraph } from "../../src/engines/network/coupling.js";
import { DivergenceError, simulateNetwork } from "../../src/engines/network/simulate.js";
import { defaultsOf, resolveParameters } from "../../src/engines/parameters.js";
import type { SchemeName } from "../../src/numerics/integrators.js";

function setUp(
  n: number,
  overrides: Partial<Record<WendlingParameterName, number>> = {},
  perNode: Partial<Record<WendlingRegionalName, number[]>> = {},
) {
  const shared = resolveParameters(WENDLING_PARAMETERS, overrides, "parameters");
  const regional = {} as Record<WendlingRegionalName, Float64Array>;
  for (const name of WENDLING_REGIONAL) {
    regional[name] = perNode[name]
      ? Float64Array.from(perNode[name])
      : new Float64Array(n).fill(shared[name]);
  }
  return { shared, regional };
}

function run(
  model: WendlingNetwork,
  options: { dt: number; duration: number; sigma: Float64Array | null; seed?: number; scheme?: SchemeName },
) {
  return simulateNetwork(model, {
    dt: options.dt,
    steps: Math.round(options.duration / options.dt),
    scheme: options.scheme ?? "heun",
    initialState: new Float64Array(model.dimension),
    noiseSigma: options.sigma,
    seed: options.seed ?? 1,
    streamPath: "test/wendling",
    sampleEvery: Math.max(1, Math.round(1 / options.dt)),
    record: ["y1", "y2", "y3"],
  });
}

test("without noise a node settles where every synaptic filter equals gain/rate times its input", () => {
  // Default (physiological) gains, A = 3.25: a stable fixed point.
  const { shared, regional } = setUp(2, {}, { A: [3.25, 3.5], B: [22, 30] });
  const graph = buildCouplingGraph(new Float64Array(4), 2, { speed: Infinity, dt: 0.5 });
  const model = new WendlingNetwork({ graph, shared, regional, couplingScale: 0 });
  const result = run(model, { dt: 0.5, duration: 4000, sigma: null });
  const y = result.finalState;
  const n = 2;
  const { a, b, g, C, e0, v0, r } = shared;
  const S = (v: number) => (2 * e0) / (1 + Math.exp(r * (v0 - v)));
  for (let i = 0; i < n; i++) {
    const [y0, y1, y2, y3, y4] = [0, 1, 2, 3, 4].map((v) => y[v * n + i]);
    const A = regional.A[i];
    const B = regional.B[i];
    const G = regional.G[i];
    const close = (got: number, want: number, what: string) =>
      assert.ok(
        Math.abs(got - want) < 1e-6 * Math.max(1, Math.abs(want)),
        `node ${i} ${what}: ${got} vs ${want}`,
      );
    close(y0, (A / a) * S(y1 - y2 - y3), "y0");
    close(y1, (A / a) * (shared.pMean + 0.8 * C * S(C * y0)), "y1");
    close(y2, (B / b) * 0.25 * C * S(0.25 * C * y0), "y2");
    close(y3, (G / g) * 0.8 * C * S(0.3 * C * y0 - 0.1 * C * y4), "y3");
    close(y4, (B / b) * S(0.25 * C * y0), "y4");
    for (let v = 5; v < 10; v++) assert.ok(Math.abs(y[v * n + i]) < 1e-9, `derivative y${v} of node ${i}`);
  }
  assert.equal(wendlingSigmoid(shared.v0, shared.e0, shared.v0, shared.r), shared.e0);
});

test("coupling feeds K w S(v_source) into the target's input, and leaves the source alone", () => {
  const { shared, regional } = setUp(2);
  // Node 0 receives from node 1 (row = target, column = source), with a 3-step delay.
  const weights = Float64Array.from([0, 0.7, 0, 0]);
  const lengths = Float64Array.from([0, 3, 3, 0]);
  const K = 5;
  const make = (scale: number) =>
    new WendlingNetwork({
      graph: buildCouplingGraph(weights, 2, { speed: 2, tractLengths: lengths, dt: 0.5 }),
      shared,
      regional,
      couplingScale: scale,
    });
  const coupled = run(make(K), { dt: 0.5, duration: 3000, sigma: null });
  const alone = run(make(0), { dt: 0.5, duration: 3000, sigma: null });
  const n = 2;
  const y = coupled.finalState;
  const at = (v: number, i: number) => y[v * n + i];
  const source = wendlingSigmoid(at(1, 1) - at(2, 1) - at(3, 1), shared.e0, shared.v0, shared.r);
  const want =
    (shared.A / shared.a) *
    (shared.pMean +
      K * 0.7 * source +
      0.8 * shared.C * wendlingSigmoid(shared.C * at(0, 0), shared.e0, shared.v0, shared.r));
  assert.ok(Math.abs(at(1, 0) - want) < 1e-6 * want, `y1 of the target ${at(1, 0)} vs ${want}`);
  for (let v = 0; v < 10; v++)
    assert.equal(y[v * n + 1], alone.finalState[v * n + 1], `source y${v} changed`);
  assert.ok(Math.abs(at(1, 0) - alone.finalState[1 * n + 0]) > 1e-4, "the target did not feel its input");
});

function lfpSd(result: ReturnType<typeof run>, node: number, nodes: number, skipSamples: number): number {
  const lfp = wendlingLfp(result.recorded.y1, result.recorded.y2, result.recorded.y3);
  const values: number[] = [];
  for (let k = skipSamples; k < result.times.length; k++) values.push(lfp[k * nodes + node]);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
}

test("input noise: the LFP fluctuation does not depend on the step, and scales with pSd", () => {
  // Background activity (A, B, G) = (5, 50, 15) is noise-driven: its SD measures the noise.
  const n = 1;
  const sd = (dt: number, pSd: number, seed: number) => {
    const { shared, regional } = setUp(n, { pSd }, { A: [5], B: [50], G: [15] });
    const graph = buildCouplingGraph(new Float64Array(1), 1, { speed: Infinity, dt });
    const model = new WendlingNetwork({ graph, shared, regional, couplingScale: 0 });
    return lfpSd(
      run(model, { dt, duration: 40000, sigma: wendlingNoiseSigma(shared, regional), seed }),
      0,
      n,
      1000,
    );
  };
  const coarse = sd(0.5, 0.03, 1);
  const fine = sd(0.125, 0.03, 2);
  assert.ok(Math.abs(coarse / fine - 1) < 0.1, `SD ${coarse} mV at dt 0.5, ${fine} mV at dt 0.125`);
  // The published background amplitude is a few tenths of a millivolt (neural_mass.md §3.4:
  // 0.36 mV with p drawn at 512 Hz).
  assert.ok(coarse > 0.25 && coarse < 0.5, `background SD ${coarse} mV`);
  // Linear regime: half the input SD, about half the LFP SD.
  const half = sd(0.5, 0.015, 1);
  assert.ok(Math.abs(half / coarse - 0.5) < 0.1, `SD ratio ${half / coarse}`);
});

test("per-node noise: a node with zero amplitude follows its noise-free path exactly; runs are deterministic", () => {
  const { shared, regional } = setUp(
    3,
    {},
    { A: [5, 5, 5], B: [50, 25, 15], G: [15, 15, 0], pSd: [0, 0.03, 0.03] },
  );
  const graph = buildCouplingGraph(new Float64Array(9), 3, { speed: Infinity, dt: 0.5 });
  const model = () => new WendlingNetwork({ graph, shared, regional, couplingScale: 0 });
  const sigma = wendlingNoiseSigma(shared, regional);
  assert.equal(sigma.length, 30);
  assert.equal(sigma[6 * 3], 0);
  assert.ok(Math.abs(sigma[6 * 3 + 1] - 5 * 0.1 * 0.03 * Math.sqrt(1000 / 512)) < 1e-15);
  const noisy = run(model(), { dt: 0.5, duration: 1000, sigma, seed: 4 });
  const again = run(model(), { dt: 0.5, duration: 1000, sigma, seed: 4 });
  const quiet = run(model(), { dt: 0.5, duration: 1000, sigma: null });
  const other = run(model(), { dt: 0.5, duration: 1000, sigma, seed: 5 });
  assert.deepEqual(noisy.finalState, again.finalState);
  for (let v = 0; v < 10; v++)
    assert.equal(noisy.finalState[v * 3], quiet.finalState[v * 3], `y${v} of node 0`);
  assert.notEqual(noisy.finalState[3 + 1], other.finalState[3 + 1]);
  assert.throws(
    () =>
      simulateNetwork(model(), {
        dt: 0.5,
        steps: 2,
        scheme: "heun",
        initialState: new Float64Array(30),
        noiseSigma: new Float64Array(7),
        seed: 1,
        streamPath: "x",
        sampleEvery: 1,
        record: [],
      }),
    /one sigma per variable \(10\) or per variable and node \(30\)/,
  );
});

test("an unstable step is reported as divergence", () => {
  const { shared, regional } = setUp(1, { g: 5 });
  const graph = buildCouplingGraph(new Float64Array(1), 1, { speed: Infinity, dt: 2 });
  const model = new WendlingNetwork({ graph, shared, regional, couplingScale: 0 });
  assert.throws(() => run(model, { dt: 2, duration: 2000, sigma: null, scheme: "euler" }), DivergenceError);
});

test("parameter table: defaults inside their ranges, units and sources on every row, paper values in ms units", () => {
  for (const spec of Object.values(WENDLING_PARAMETERS)) {
    assert.ok(spec.min <= spec.default && spec.default <= spec.max, spec.name);
    assert.ok(spec.unit.length > 0 && spec.citation.length > 0, spec.name);
  }
  const d = defaultsOf(WENDLING_PARAMETERS);
  // Wendling et al. 2002: a, b, g = 100, 50, 500 s^-1; e0 = 2.5 s^-1; p 90 ± 30 pulses/s.
  assert.deepEqual([d.a * 1000, d.b * 1000, d.g * 1000, d.e0 * 1000], [100, 50, 500, 2.5]);
  assert.deepEqual([d.pMean * 1000, d.pSd * 1000], [90, 30]);
  assert.throws(
    () => resolveParameters(WENDLING_PARAMETERS, { B: 500 }, "model.parameters"),
    /model\.parameters\.B = 500/,
  );
});
