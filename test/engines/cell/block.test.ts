/**
 * Kinetic modulated-receptor block (channels.ts `ChannelBlock`): at a held V the unbound fraction
 * settles to the closed-form equilibrium of the modulated-receptor model (Bean, Cohen & Tsien
 * 1983), block builds up during firing and recovers at rest (use dependence, slow binding: Kuo &
 * Bean 1994), a block that binds nothing leaves the dynamics bit-identical (and the fused
 * Traub–Miles kernel steps aside for blocked channels), and bad blocks are refused by name.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  BLOCK_EQUILIBRATION_RATE,
  blockSteadyState,
  gateSteadyState,
  shiftChannel,
  type ChannelBlock,
} from "../../../src/engines/cell/channels.js";
import {
  cobahhPyramidal,
  golombPyramidal,
  wangBuzsakiInterneuron,
} from "../../../src/engines/cell/models.js";
import { Population, toAbsolute, type NeuronModel } from "../../../src/engines/cell/population.js";
import { cobahhReceptors } from "../../../src/engines/cell/synapses.js";

const withBlock = (model: NeuronModel, block: ChannelBlock): NeuronModel => ({
  ...model,
  channels: model.channels.map((c) => (c.name === "na" ? { ...c, block } : c)),
});
const BLOCK = { gate: "h", restingRatio: 0.03, inactivatedRatio: 1.2, citation: "test" };
const VOLTAGES = [-90, -75, -60, -50, -45, -40, -30];

/** Hold every neuron at its own V (reset after each step) for `ms`; returns the population. */
function hold(model: NeuronModel, ms: number, dt = 0.05): Population {
  const pop = new Population({ name: "held", size: VOLTAGES.length, model, receptors: [] }, dt);
  for (let s = 0; s < Math.round(ms / dt); s++) {
    pop.v.set(VOLTAGES);
    pop.update();
  }
  return pop;
}

test("at a held V the available fraction h·u settles to h∞(V − ΔV)/(1 + R_R) of the equilibrium model", () => {
  // Golomb's h∞ is a Boltzmann with k = 7 mV: the closed form holds exactly.
  const golomb = withBlock(golombPyramidal(), { ...BLOCK, unbindingRate: 0.01 });
  const pop = hold(golomb, 3000);
  const h = pop.gate("na.h");
  const u = pop.unbound("na");
  const shift = -7 * Math.log((1 + BLOCK.inactivatedRatio) / (1 + BLOCK.restingRatio));
  const shifted = shiftChannel(
    golomb.channels.find((c) => c.name === "na")!,
    shift,
    "h",
  );
  const hGate = shifted.gates.find((g) => g.name === "h")!;
  for (let k = 0; k < VOLTAGES.length; k++) {
    const closed = gateSteadyState(hGate, VOLTAGES[k]) / (1 + BLOCK.restingRatio);
    assert.ok(Math.abs(h[k] * u[k] - closed) < 1e-9, `${VOLTAGES[k]} mV: ${h[k] * u[k]} vs ${closed}`);
  }
  // Depolarisation blocks more: u falls monotonically with V.
  for (let k = 1; k < VOLTAGES.length; k++) assert.ok(u[k] < u[k - 1]);
  // Wang–Buzsáki's h∞ = α/(α+β) is not a Boltzmann: u still settles to u∞(h∞(V)).
  const wb = withBlock(wangBuzsakiInterneuron(), { ...BLOCK, unbindingRate: 0.01 });
  const held = hold(wb, 3000);
  const hWb = wb.channels.find((c) => c.name === "na")!.gates.find((g) => g.name === "h")!;
  for (let k = 0; k < VOLTAGES.length; k++) {
    const block = wb.channels.find((c) => c.block)!.block!;
    const expected = blockSteadyState(block, gateSteadyState(hWb, VOLTAGES[k]));
    assert.ok(Math.abs(held.unbound("na")[k] - expected) < 1e-9);
  }
});

test("block builds up over a current step and recovers at rest, at the rate k_off", () => {
  // k_off = 1/s (carbamazepine's order, catalogue): the unbound fraction keeps falling through a
  // 1 s train and climbs back after it.
  const model = withBlock(golombPyramidal(), { ...BLOCK, unbindingRate: 1e-3 });
  const dt = 0.025;
  const pop = new Population({ name: "train", size: 1, model, receptors: [] }, dt);
  const u = pop.unbound("na");
  const rest = u[0];
  assert.equal(rest, blockSteadyState(model.channels.find((c) => c.block)!.block!, pop.gate("na.h")[0]));
  pop.bias[0] = toAbsolute(5, model.area);
  const samples: number[] = [];
  let spikes = 0;
  for (let s = 1; s <= Math.round(1000 / dt); s++) {
    pop.update();
    spikes += pop.detect(s);
    if (s % Math.round(100 / dt) === 0) samples.push(u[0]);
  }
  assert.ok(spikes > 20, `the cell fires through the step (${spikes} spikes)`);
  assert.ok(samples[0] < rest);
  for (let i = 1; i < samples.length; i++)
    assert.ok(samples[i] < samples[i - 1], `u over the train ${samples}`);
  const end = u[0];
  pop.bias[0] = 0;
  for (let s = 0; s < Math.round(1000 / dt); s++) pop.update();
  assert.ok(u[0] > end + 0.5 * (rest - end), `recovery 1 s after the step: ${end} → ${u[0]} (rest ${rest})`);
});

test("a block that binds nothing changes nothing; the fused Traub–Miles kernel steps aside for a block", () => {
  const plain = cobahhPyramidal();
  const empty = withBlock(plain, { ...BLOCK, restingRatio: 0, inactivatedRatio: 0, unbindingRate: 0.001 });
  const a = new Population({ name: "a", size: 16, model: plain, receptors: cobahhReceptors() }, 0.1);
  const b = new Population({ name: "b", size: 16, model: empty, receptors: cobahhReceptors() }, 0.1);
  assert.equal(a.kernelName, "traub-miles-fused");
  assert.equal(b.kernelName, "generic");
  for (let k = 0; k < 16; k++) a.bias[k] = b.bias[k] = 2000 * (k + 1);
  for (let s = 0; s < 2000; s++) {
    a.update();
    b.update();
  }
  assert.deepEqual(b.v, a.v);
  assert.ok(b.unbound("na").every((x) => x === 1));
});

test("bad blocks are refused with the field and its range", () => {
  const g = golombPyramidal();
  const make = (block: Partial<ChannelBlock>) =>
    new Population(
      {
        name: "x",
        size: 1,
        model: withBlock(g, { ...BLOCK, unbindingRate: 0.001, ...block }),
        receptors: [],
      },
      0.025,
    );
  assert.throws(() => make({ gate: "m" }), /block\.gate: 'm' is not a stateful gate/);
  assert.throws(
    () => make({ inactivatedRatio: 0.01 }),
    /inactivatedRatio must be finite and >= restingRatio/,
  );
  assert.throws(() => make({ restingRatio: -1 }), /restingRatio must be finite and >= 0/);
  assert.throws(() => make({ unbindingRate: 0 }), /unbindingRate must be finite and > 0/);
  assert.throws(
    () => new Population({ name: "y", size: 1, model: g, receptors: [] }, 0.025).unbound("na"),
    /no drug block/,
  );
});

test("accelerated equilibration reaches the steady block of tonic firing that a long run at real rates reaches", () => {
  // Two Golomb pyramids held firing tonically (3 and 8 µA/cm²), k_off = 1 s⁻¹: the real block
  // needs seconds (time constant 1/(k_off(1 + r)) ≈ 0.5–1 s); 500 ms at the accelerated rate
  // (channels.ts BLOCK_EQUILIBRATION_RATE) must land on the same mean u.
  const model = withBlock(golombPyramidal(), { ...BLOCK, unbindingRate: 1e-3 });
  const dt = 0.025;
  const biases = [3, 8];
  const make = () => {
    const pop = new Population({ name: "tonic", size: 2, model, receptors: [] }, dt);
    for (let k = 0; k < 2; k++) pop.bias[k] = toAbsolute(biases[k], model.area);
    return pop;
  };
  const run = (pop: Population, ms: number) => {
    for (let s = 0; s < Math.round(ms / dt); s++) pop.update();
  };
  const meanU = (pop: Population, ms: number): number[] => {
    const sum = [0, 0];
    const steps = Math.round(ms / dt);
    for (let s = 0; s < steps; s++) {
      pop.update();
      for (let k = 0; k < 2; k++) sum[k] += pop.unbound("na")[k];
    }
    return sum.map((x) => x / steps);
  };
  const long = make();
  run(long, 8000);
  const reference = meanU(long, 1000);
  const fast = make();
  const rest = fast.unbound("na")[0];
  fast.setBlockEquilibration(BLOCK_EQUILIBRATION_RATE);
  run(fast, 500);
  fast.setBlockEquilibration(null);
  const accelerated = meanU(fast, 1000);
  const slow = make();
  run(slow, 500);
  const unaccelerated = meanU(slow, 1000);
  for (let k = 0; k < 2; k++) {
    assert.ok(reference[k] < rest - 0.05, `firing blocks more than rest: ${reference[k]} vs ${rest}`);
    assert.ok(
      Math.abs(accelerated[k] - reference[k]) < 0.01 * reference[k],
      `${biases[k]} µA/cm²: accelerated ${accelerated[k]} vs long run ${reference[k]}`,
    );
    // Without it, 1.5 s at real rates is still far from the steady state.
    assert.ok(unaccelerated[k] - reference[k] > 0.02, `${unaccelerated[k]} vs ${reference[k]}`);
  }
  assert.throws(() => fast.setBlockEquilibration(0), /equilibration rate must be finite and > 0/);
});
