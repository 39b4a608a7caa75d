/**
 * Network stepping: step order (update → detect on the new V → propagate; the next step sees the
 * increment), integer-step delays through the ring buffer, receptor kinetics (biexponential peak,
 * Mg²⁺ block), synaptic event counting and the monitors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { passiveCell } from "../../helpers.js";
import {
  LfpProxyMonitor,
  PopulationRateMonitor,
  SpikeMonitor,
  TraceMonitor,
  spikeStatistics,
} from "../../../src/engines/cell/monitors.js";
import { Network, type ProjectionSpec } from "../../../src/engines/cell/network.js";
import {
  ampaReceptor,
  biexponentialPeakFactor,
  exponentialReceptor,
  magnesiumBlock,
  nmdaReceptor,
  ReceptorState,
} from "../../../src/engines/cell/synapses.js";

/**
 * A passive relay cell: leak only, τm = 1 ms. Set V to 0 mV and it crosses -20 mV on the next
 * update, then relaxes to -70 mV within a few ms, so it fires exactly once.
 */
const relay = passiveCell({ name: "relay", leak: 1, restingPotential: -70, threshold: -20, refractory: 3 });

function relayNetwork(projection: Partial<ProjectionSpec>, receptorTau = 5): Network {
  return new Network({
    dt: 0.1,
    seed: 1,
    populations: [
      { name: "pre", size: 2, model: relay, receptors: [] },
      {
        name: "post",
        size: 3,
        model: relay,
        receptors: [exponentialReceptor("syn", 0, receptorTau, "test")],
      },
    ],
    projections: [
      {
        name: "p",
        source: "pre",
        target: "post",
        receptor: "syn",
        rule: { kind: "explicit", sources: [0, 0, 1], targets: [0, 2, 1] },
        weight: 2.5,
        ...projection,
      },
    ],
  });
}

test("a spike at step s is delivered at the end of step s and first seen by step s + 1", () => {
  const net = relayNetwork({});
  const g = new TraceMonitor(net.population("post"), "syn", [0, 1, 2]);
  const v = new TraceMonitor(net.population("post"), "v", [0, 1]);
  const spikes = new SpikeMonitor([net.population("pre")]);
  for (const m of [g, v, spikes]) net.addMonitor(m);
  net.run(5);
  net.population("pre").v[0] = 0; // fires in step 5
  net.run(10);
  assert.deepEqual([...spikes.neuronIndices()], [0]);
  assert.deepEqual([...spikes.spikeSteps()], [5]);
  const gs = g.values(); // sample t holds the state at the start of step t
  for (let t = 0; t <= 5; t++)
    assert.deepEqual([gs[3 * t], gs[3 * t + 1], gs[3 * t + 2]], [0, 0, 0], `step ${t}`);
  assert.deepEqual([gs[18], gs[19], gs[20]], [2.5, 0, 2.5], "delivered after step 5");
  assert.equal(gs[21], 2.5 * Math.exp(-0.1 / 5));
  // V of the target moves only from step 6's update on.
  const vs = v.values();
  assert.equal(vs[2 * 6], -70);
  assert.ok(vs[2 * 7] > -70, "depolarised after step 6");
  assert.equal(vs[2 * 7 + 1], -70, "unconnected neuron unchanged");
  assert.equal(net.synapticEvents, 2);
});

test("delays of d steps deliver at the end of step s + d (uniform and per connection)", () => {
  for (const d of [1, 3, 7]) {
    const net = relayNetwork({ delay: d * 0.1 });
    const g = new TraceMonitor(net.population("post"), "syn", [0]);
    net.addMonitor(g);
    net.population("pre").v[0] = 0; // fires in step 0
    net.run(12);
    const first = [...g.values()].findIndex((x) => x !== 0);
    assert.equal(first, d + 1, `delay ${d}`);
  }
  // Per-connection delays (explicit): 0 → 0 after 2 steps, 0 → 2 after 5 steps.
  const net = relayNetwork({
    rule: { kind: "explicit", sources: [0, 0], targets: [0, 2], delays: [0.2, 0.5] },
  });
  const g = new TraceMonitor(net.population("post"), "syn", [0, 2]);
  net.addMonitor(g);
  net.population("pre").v[0] = 0;
  net.run(10);
  const vals = g.values();
  const firstOf = (i: number) => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].find((t) => vals[2 * t + i] !== 0);
  assert.equal(firstOf(0), 3);
  assert.equal(firstOf(1), 6);
});

test("spikes arriving in the same step sum, and repeated spikes accumulate", () => {
  const net = relayNetwork(
    { rule: { kind: "explicit", sources: [0, 1], targets: [1, 1] }, weight: [1.5, 4] },
    1e9,
  );
  const g = new TraceMonitor(net.population("post"), "syn", [1]);
  net.addMonitor(g);
  net.population("pre").v[0] = 0;
  net.population("pre").v[1] = 0;
  net.run(2);
  assert.equal(g.values()[1], 5.5);
});

test("a biexponential synapse peaks at its weight", () => {
  for (const receptor of [ampaReceptor(), nmdaReceptor({ mg: 0 })]) {
    const state = new ReceptorState(receptor, 1, 0.001);
    const k = receptor.kinetics;
    assert.ok(k.kind === "biexponential");
    state.input[0] += 3 * state.inputScale;
    let peak = 0;
    let tPeak = 0;
    for (let s = 1; s < 200_000; s++) {
      state.advance(1);
      if (state.g[0] > peak) {
        peak = state.g[0];
        tPeak = s * 0.001;
      }
    }
    assert.ok(Math.abs(peak - 3) < 3e-3 * 3, `${receptor.name}: peak ${peak}`);
    const expected = ((k.tauRise * k.tauDecay) / (k.tauDecay - k.tauRise)) * Math.log(k.tauDecay / k.tauRise);
    assert.ok(
      Math.abs(tPeak - expected) < 0.01 * expected,
      `${receptor.name}: peak time ${tPeak} vs ${expected}`,
    );
  }
  assert.throws(() => biexponentialPeakFactor(5, 5), /tauRise < tauDecay/);
});

test("the NMDA current carries the Jahr–Stevens Mg²⁺ block", () => {
  const literal = (v: number, mg: number) => 1 / (1 + Math.exp(-0.062 * v) * (mg / 3.57));
  for (const v of [-100, -70, -40, -10, 0, 30]) {
    assert.ok(Math.abs(magnesiumBlock(v, 1) - literal(v, 1)) < 1e-15);
  }
  const r = new ReceptorState(nmdaReceptor(), 1, 0.1);
  r.g[0] = 2;
  const v = -55;
  const expected = 2 * literal(v, 1) * (0 - v);
  assert.ok(Math.abs(r.current(0, v) - expected) < 1e-12 * Math.abs(expected));
  const G = new Float64Array(1);
  const I = new Float64Array(1);
  r.accumulate(Float64Array.of(v), G, I, 1);
  assert.ok(Math.abs(G[0] - 2 * literal(v, 1)) < 1e-14);
});

test("monitors: rates, traces, LFP proxy and statistics agree with the spikes", () => {
  const net = new Network({
    dt: 0.1,
    seed: 3,
    populations: [
      { name: "pre", size: 20, model: relay, receptors: [] },
      { name: "post", size: 10, model: relay, receptors: [exponentialReceptor("syn", 0, 5, "test")] },
    ],
    projections: [
      {
        name: "pp",
        source: "pre",
        target: "post",
        receptor: "syn",
        rule: { kind: "probability", p: 0.5 },
        weight: 1,
      },
    ],
  });
  const pre = net.population("pre");
  const post = net.population("post");
  const spikes = new SpikeMonitor([pre]);
  const rate = new PopulationRateMonitor(pre);
  const lfp = new LfpProxyMonitor(post);
  for (const m of [spikes, rate, lfp]) net.addMonitor(m);
  for (let round = 0; round < 5; round++) {
    for (let k = round; k < 20; k += 3) pre.v[k] = 0;
    net.run(40);
  }
  const counts = rate.spikeCounts();
  assert.equal(counts.length, 200);
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    spikes.count,
  );
  const hz = rate.rates(40);
  assert.equal(hz.length, 5);
  assert.ok(Math.abs(hz[0] - 7 / 20 / 4e-3) < 1e-9, `first bin: 7 of 20 cells in 4 ms = ${hz[0]} Hz`);
  // Synaptic events: each spike of source i counts its out-degree.
  const rows = net.projection("pp").connections.rowStart;
  let events = 0;
  for (const i of spikes.neuronIndices()) events += rows[i + 1] - rows[i];
  assert.equal(net.synapticEvents, events);
  // The LFP proxy samples at the start of a step: the next sample is Σ|g(E - V)| of the state now.
  const g = post.receptor("syn").g;
  let expected = 0;
  for (let k = 0; k < post.size; k++) expected += Math.abs(g[k] * (0 - post.v[k]));
  net.run(1);
  const samples = lfp.values();
  assert.ok(Math.abs(samples[samples.length - 1] - expected) <= 1e-12 * expected);
  const stats = spikeStatistics(spikes.neuronIndices(), spikes.spikeSteps(), 20, 10, 0.02, 0.1);
  assert.equal(stats.spikes, spikes.count);
  assert.ok(stats.fractionActive > 0.9);
});

test("spike statistics follow spikestats.py (population std of ISIs, >= 3 spikes)", () => {
  // Neuron 0: spikes at steps 0, 10, 30 (ISIs 1, 2 ms): CV = 0.5/1.5. Neuron 1: 2 spikes (no CV).
  // Neuron 2 (inhibitory): steps 5, 15, 25, 35 (CV 0).
  const neuron = Int32Array.of(0, 2, 0, 1, 2, 2, 0, 1, 2);
  const step = Int32Array.of(0, 5, 10, 12, 15, 25, 30, 31, 35);
  const s = spikeStatistics(neuron, step, 4, 2, 0.5, 0.1);
  assert.equal(s.rateE, 5 / 2 / 0.5);
  assert.equal(s.rateI, 4 / 2 / 0.5);
  assert.equal(s.cvNeurons, 2);
  assert.ok(Math.abs(s.cvIsi - (0.5 / 1.5 + 0) / 2) < 1e-12);
  assert.equal(s.fractionActive, 3 / 4);
});

test("configuration errors name what is wrong", () => {
  assert.throws(() => relayNetwork({ receptor: "nope" }), /no receptor 'nope'/);
  assert.throws(() => relayNetwork({ source: "x" }), /no population 'x'/);
  assert.throws(() => relayNetwork({ delay: -1 }), /delay must be/);
  assert.throws(() => relayNetwork({ rule: { kind: "probability", p: 1.5 } }), /probability must be in/);
});
