/**
 * Poisson drive: counts have the Poisson mean and variance, trains are reproducible per seed and
 * independent of the population size, and the drive delivers through the network step order.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { PoissonDrive } from "../../../src/engines/cell/drive.js";
import { Network } from "../../../src/engines/cell/network.js";
import { Population } from "../../../src/engines/cell/population.js";
import { wangBuzsakiInterneuron } from "../../../src/engines/cell/models.js";
import { ampaReceptor, exponentialReceptor } from "../../../src/engines/cell/synapses.js";

/** Per-neuron event counts over `steps` steps, read from the undecayed receptor input. */
function counts(size: number, rate: number, steps: number, seed: number, dt = 0.1): Float64Array {
  const pop = new Population(
    { name: "p", size, model: wangBuzsakiInterneuron(), receptors: [exponentialReceptor("x", 0, 5, "test")] },
    dt,
  );
  const drive = new PoissonDrive(pop, { receptor: "x", rate, weight: 1, seed, path: "drive/p" });
  for (let s = 0; s < steps; s++) drive.apply(s);
  assert.equal(
    drive.events,
    pop.receptor("x").g.reduce((a, b) => a + b, 0),
  );
  return Float64Array.from(pop.receptor("x").g);
}

test("Poisson counts: mean rate·T and Fano factor 1", () => {
  // 400 neurons × 10 s at 50 Hz: 500 events expected per neuron.
  const c = counts(400, 50, 100000, 11);
  const mean = c.reduce((a, b) => a + b, 0) / c.length;
  const variance = c.reduce((a, b) => a + (b - mean) ** 2, 0) / (c.length - 1);
  // Standard error of the mean over 400 neurons: √(500/400) ≈ 1.1 events; of the Fano factor
  // ≈ √(2/399) ≈ 0.07. Bands of ~4 and ~3 standard errors.
  assert.ok(Math.abs(mean - 500) < 5, `mean count ${mean}`);
  assert.ok(Math.abs(variance / mean - 1) < 0.2, `Fano factor ${variance / mean}`);
});

test("same seed → identical trains; neuron k's train does not depend on the population size", () => {
  const a = counts(50, 200, 20000, 5);
  const b = counts(50, 200, 20000, 5);
  assert.deepEqual(a, b);
  const c = counts(80, 200, 20000, 5);
  assert.deepEqual(a, c.subarray(0, 50));
  const d = counts(50, 200, 20000, 6);
  assert.notDeepEqual(a, d);
  assert.ok(
    counts(10, 0, 1000, 1).every((x) => x === 0),
    "rate 0: no event",
  );
});

test("the drive fires an uncoupled network through the step order, and bad input is refused", () => {
  const net = new Network({
    dt: 0.02,
    seed: 1,
    populations: [{ name: "i", size: 20, model: wangBuzsakiInterneuron(), receptors: [ampaReceptor()] }],
    projections: [],
  });
  const pop = net.population("i");
  const drive = new PoissonDrive(pop, {
    receptor: "ampa",
    rate: 2000,
    weight: 0.05,
    seed: 3,
    path: "drive/i",
  });
  net.addStimulus(drive);
  let spikes = 0;
  net.addMonitor({ phase: "spikes", record: () => (spikes += pop.firedCount) });
  net.run(25000);
  assert.ok(drive.events > 0.9 * 20 * 2000 * 0.5, `events ${drive.events}`);
  assert.ok(spikes > 20, `the drive makes the cells fire: ${spikes} spikes in 500 ms`);
  assert.throws(
    () => new PoissonDrive(pop, { receptor: "ampa", rate: -1, weight: 1, seed: 1, path: "x" }),
    /rate/,
  );
  assert.throws(
    () => new PoissonDrive(pop, { receptor: "nmda", rate: 1, weight: 1, seed: 1, path: "x" }),
    /nmda/,
  );
});
