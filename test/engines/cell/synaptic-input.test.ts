/**
 * Mean synaptic input (synaptic-input.ts): Campbell's theorem for Poisson shot noise, an exact
 * recomputation of the sums from the state, read-only sampling, and density units.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { passiveCell } from "../../helpers.js";
import { PoissonDrive } from "../../../src/engines/cell/drive.js";
import { Network } from "../../../src/engines/cell/network.js";
import { ampaReceptor, gabaAReceptor, nmdaReceptor } from "../../../src/engines/cell/synapses.js";
import { SynapticInputMonitor } from "../../../src/engines/cell/synaptic-input.js";
import { synapticBalance } from "../../../src/observe/synaptic-balance.js";

/** A passive cell (leak only, no spikes) of area 200 µm², so densities are half the absolute values. */
const PASSIVE = passiveCell({
  name: "passive",
  leak: 0.1,
  restingPotential: -65,
  threshold: 1000,
  refractory: 1,
  area: 200,
});

const DT = 0.05;
const DRIVES = [
  { receptor: "ampa", rate: 800, weight: 0.4 },
  { receptor: "nmda", rate: 200, weight: 0.2 },
  { receptor: "gabaA", rate: 400, weight: 0.6 },
];

function drivenNetwork(size: number, seed: number) {
  const net = new Network({
    dt: DT,
    seed,
    populations: [
      { name: "p", size, model: PASSIVE, receptors: [ampaReceptor(), nmdaReceptor(), gabaAReceptor()] },
    ],
    projections: [],
  });
  const pop = net.population("p");
  for (const d of DRIVES)
    net.addStimulus(new PoissonDrive(pop, { ...d, seed, path: `test/drive/${d.receptor}` }));
  return { net, pop };
}

test("Campbell's theorem: mean conductance of Poisson-driven synapses = λ·w·F·τd/(1 − e^(−dt/τr))", () => {
  // Step order (network.ts): the monitor samples g at the start of step s, the drive then adds
  // w·F to the rise variable h for each event in [s·dt, (s+1)·dt), and the update sets
  // g ← τd·h(1 − e^(−dt/τd)) + g·e^(−dt/τd), h ← h·e^(−dt/τr). In the stationary state
  // E[g] = τd·E[h after the events] = τd·λ·w·F / (1 − e^(−dt/τr)), λ = rate·dt events per step —
  // the discrete form of Campbell's ∫ kernel = w·F·τr·τd per event. For AMPA and GABA-A (no
  // block) this is exact in expectation; 400 cells × 3 s leave a sampling error of ~0.3%.
  const { net, pop } = drivenNetwork(400, 3);
  const transient = Math.round(100 / DT);
  const monitor = new SynapticInputMonitor(pop, 4, transient);
  net.addMonitor(monitor);
  net.run(transient + Math.round(3000 / DT));
  const result = monitor.result();
  assert.equal(result.samples, Math.round(3000 / DT / 4));
  for (const d of DRIVES.filter((x) => x.receptor !== "nmda")) {
    const state = pop.receptor(d.receptor);
    const riseDecay = state.riseDecay;
    const lambda = (d.rate * DT) / 1000;
    const expectedAbsolute = (state.tauDecay * lambda * d.weight * state.inputScale) / (1 - riseDecay);
    const expected = (expectedAbsolute * 100) / PASSIVE.area;
    const got = result.receptors.find((r) => r.receptor === d.receptor)!.conductance;
    assert.ok(Math.abs(got / expected - 1) < 0.02, `${d.receptor}: ${got} vs ${expected} mS/cm²`);
  }
  // NMDA's effective conductance is smaller than its unblocked one by the Mg²⁺ block at ≈ −60 mV.
  const nmda = result.receptors.find((r) => r.receptor === "nmda")!;
  const state = pop.receptor("nmda");
  const unblocked =
    ((state.tauDecay * ((200 * DT) / 1000) * 0.2 * state.inputScale) / (1 - state.riseDecay) / PASSIVE.area) *
    100;
  assert.ok(nmda.conductance > 0.05 * unblocked && nmda.conductance < 0.5 * unblocked, JSON.stringify(nmda));
  // Currents have the sign of E_rev − V: AMPA and NMDA depolarise; GABA-A (−70 mV) hyperpolarises a
  // cell held above −70 mV by the excitatory drive.
  assert.ok(result.meanPotential > -70 && result.meanPotential < -40, `V ${result.meanPotential}`);
  const current = (name: string) => result.receptors.find((r) => r.receptor === name)!.current;
  assert.ok(current("ampa") > 0 && current("nmda") > 0 && current("gabaA") < 0);
});

test("the monitor's sums equal a direct recomputation from the state, and it only reads", () => {
  const every = 3;
  const from = 40;
  const steps = 400;
  const { net, pop } = drivenNetwork(25, 8);
  const monitor = new SynapticInputMonitor(pop, every, from);
  net.addMonitor(monitor);
  const g = new Float64Array(3);
  const i = new Float64Array(3);
  let v = 0;
  let samples = 0;
  for (let s = 0; s < steps; s++) {
    if (s >= from && (s - from) % every === 0) {
      pop.receptors.forEach((r, q) => {
        for (let k = 0; k < pop.size; k++) {
          const b = r.blocked ? 1 / (1 + r.magnesiumRatio * Math.exp(-0.062 * pop.v[k])) : 1;
          g[q] += r.g[k] * b;
          i[q] += r.current(k, pop.v[k]);
        }
      });
      for (let k = 0; k < pop.size; k++) v += pop.v[k];
      samples++;
    }
    net.run(1);
  }
  const result = monitor.result();
  assert.equal(result.samples, samples);
  const scale = 100 / PASSIVE.area / (samples * pop.size);
  result.receptors.forEach((r, q) => {
    assert.ok(Math.abs(r.conductance - g[q] * scale) <= 1e-12 * Math.abs(g[q] * scale), r.receptor);
    assert.ok(Math.abs(r.current - i[q] * scale) <= 1e-9 * Math.abs(i[q] * scale) + 1e-15, r.receptor);
  });
  assert.ok(Math.abs(result.meanPotential - v / (samples * pop.size)) < 1e-9);
  // Read-only: the same network without the monitor ends in the same state, bit for bit.
  const plain = drivenNetwork(25, 8);
  plain.net.run(steps);
  assert.deepEqual(Array.from(plain.pop.v), Array.from(pop.v));
});

test("E/I balance: transmitter classes, ratios, and refusal of unknown receptors", () => {
  const balance = synapticBalance({
    receptors: [
      { receptor: "ampa", reversal: 0, conductance: 0.1, current: 6 },
      { receptor: "nmda", reversal: 0, conductance: 0.02, current: 1 },
      { receptor: "gabaA", reversal: -70, conductance: 0.5, current: -1 },
      { receptor: "gabaB", reversal: -90, conductance: 0.1, current: -2.5 },
    ],
    meanPotential: -66,
    samples: 10,
  });
  assert.ok(Math.abs(balance.excitation.conductance - 0.12) < 1e-15);
  assert.ok(Math.abs(balance.inhibitionToExcitation.conductance! - 0.6 / 0.12) < 1e-12);
  assert.ok(Math.abs(balance.inhibitionToExcitation.current! - 3.5 / 7) < 1e-12);
  const none = synapticBalance({
    receptors: [{ receptor: "gabaA", reversal: -70, conductance: 0.5, current: -1 }],
    meanPotential: -66,
    samples: 1,
  });
  assert.equal(none.inhibitionToExcitation.conductance, null);
  assert.throws(
    () =>
      synapticBalance({
        receptors: [{ receptor: "glycine", reversal: -70, conductance: 1, current: 0 }],
        meanPotential: -60,
        samples: 1,
      }),
    /glycine/,
  );
});
