/**
 * The population update: exponential Euler exactly as the COBAHH definition writes it, the fused
 * Traub–Miles kernel bit-identical to the generic one, detection with refractoriness, and the unit
 * conversions.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildCobahh } from "../../../src/engines/cell/cobahh.js";
import { leakChannel, traubMilesPotassium, traubMilesSodium } from "../../../src/engines/cell/channels.js";
import { cobahhPyramidal, wangBuzsakiInterneuron } from "../../../src/engines/cell/models.js";
import { SpikeMonitor } from "../../../src/engines/cell/monitors.js";
import { Population, toAbsolute, type NeuronModel } from "../../../src/engines/cell/population.js";
import { cobahhReceptors } from "../../../src/engines/cell/synapses.js";
import { RandomStream } from "../../../src/numerics/random.js";

function cobahhPopulation(
  size: number,
  kernel: "auto" | "generic",
  model: NeuronModel = cobahhPyramidal(),
): Population {
  return new Population({ name: "cells", size, model, receptors: cobahhReceptors() }, 0.1, kernel);
}

/** A random COBAHH-like state drawn from a fixed stream, identical for every call. */
function randomState(pop: Population): void {
  const rng = RandomStream.for(11, "test/population/state");
  for (let k = 0; k < pop.size; k++) {
    pop.v[k] = -75 + 60 * rng.uniform();
    pop.gate("na.m")[k] = rng.uniform();
    pop.gate("na.h")[k] = rng.uniform();
    pop.gate("kdr.n")[k] = rng.uniform();
    pop.receptor("ge").g[k] = 80 * rng.uniform();
    pop.receptor("gi").g[k] = 400 * rng.uniform() - 20;
  }
}

test("the population update is the README's exponential Euler step (Math.exp reference)", () => {
  const pop = cobahhPopulation(64, "auto");
  randomState(pop);
  const v = Float64Array.from(pop.v);
  const m = Float64Array.from(pop.gate("na.m"));
  const h = Float64Array.from(pop.gate("na.h"));
  const n = Float64Array.from(pop.gate("kdr.n"));
  const ge = Float64Array.from(pop.receptor("ge").g);
  const gi = Float64Array.from(pop.receptor("gi").g);
  // shared/reference/cobahh/README.md §1, with the units of its table (mV, ms, nS, pF).
  const Cm = 200,
    gl = 10,
    El = -60,
    EK = -90,
    ENa = 50,
    gNa = 20000,
    gKd = 6000,
    VT = -63;
  const dt = 0.1;
  for (let step = 0; step < 50; step++) {
    pop.update();
    for (let k = 0; k < pop.size; k++) {
      const u = v[k] - VT;
      const am = (0.32 * (13 - u)) / (Math.exp((13 - u) / 4) - 1);
      const bm = (0.28 * (u - 40)) / (Math.exp((u - 40) / 5) - 1);
      const ah = 0.128 * Math.exp((17 - u) / 18);
      const bh = 4 / (1 + Math.exp((40 - u) / 5));
      const an = (0.032 * (15 - u)) / (Math.exp((15 - u) / 5) - 1);
      const bn = 0.5 * Math.exp((10 - u) / 40);
      const gna = gNa * m[k] ** 3 * h[k];
      const gk = gKd * n[k] ** 4;
      const G = gl + ge[k] + gi[k] + gna + gk;
      const vinf = (gl * El + ge[k] * 0 + gi[k] * -80 + gna * ENa + gk * EK) / G;
      const relax = (x: number, a: number, b: number) =>
        a / (a + b) + (x - a / (a + b)) * Math.exp(-(a + b) * dt);
      m[k] = relax(m[k], am, bm);
      h[k] = relax(h[k], ah, bh);
      n[k] = relax(n[k], an, bn);
      v[k] = vinf + (v[k] - vinf) * Math.exp((-G * dt) / Cm);
      ge[k] *= Math.exp(-dt / 5);
      gi[k] *= Math.exp(-dt / 10);
    }
    // Rounding differences (shared exponentials, table exp) grow slowly through the spike
    // dynamics; 50 steps stay far below any physical scale.
    for (let k = 0; k < pop.size; k++) {
      assert.ok(
        Math.abs(pop.v[k] - v[k]) < 1e-9 * (1 + Math.abs(v[k])),
        `v[${k}] step ${step}: ${pop.v[k]} vs ${v[k]}`,
      );
      assert.ok(Math.abs(pop.gate("na.m")[k] - m[k]) < 1e-10, `m[${k}]`);
      assert.ok(Math.abs(pop.gate("na.h")[k] - h[k]) < 1e-10, `h[${k}]`);
      assert.ok(Math.abs(pop.gate("kdr.n")[k] - n[k]) < 1e-10, `n[${k}]`);
      assert.ok(Math.abs(pop.receptor("ge").g[k] - ge[k]) <= 1e-12 * Math.abs(ge[k]), `ge[${k}]`);
    }
  }
});

function assertSameArray(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

test("the fused Traub–Miles kernel is bit-identical to the generic kernel (COBAHH, 2000 steps)", () => {
  const runs = (["auto", "generic"] as const).map((kernel) => {
    const net = buildCobahh(1000, 5, kernel);
    const spikes = new SpikeMonitor(net.populations);
    net.addMonitor(spikes);
    net.run(2000);
    return { net, spikes };
  });
  const [fused, generic] = runs;
  assert.equal(fused.net.populations[0].kernelName, "traub-miles-fused");
  assert.equal(generic.net.populations[0].kernelName, "generic");
  assert.ok(fused.spikes.count > 1000, `the network spikes (${fused.spikes.count})`);
  assertSameArray(fused.spikes.neuronIndices(), generic.spikes.neuronIndices(), "spike neurons");
  assertSameArray(fused.spikes.spikeSteps(), generic.spikes.spikeSteps(), "spike steps");
  for (let p = 0; p < 2; p++) {
    const a = fused.net.populations[p];
    const b = generic.net.populations[p];
    assertSameArray(a.v, b.v, `${a.name}.v`);
    for (const name of a.stateNames()) assertSameArray(a.gate(name), b.gate(name), `${a.name}.${name}`);
    for (const r of ["ge", "gi"]) assertSameArray(a.receptor(r).g, b.receptor(r).g, `${a.name}.${r}`);
  }
});

test("parameter edits reach the fused kernel, which stays bit-identical", () => {
  // A shifted threshold, scaled conductances, φ = 3 on Na and a bias current.
  const base = cobahhPyramidal({ VT: -57, gNa: 80, gK: 36 });
  const na = { ...base.channels[1], temperature: { kind: "phi" as const, phi: 3 } };
  const model: NeuronModel = { ...base, channels: [base.channels[0], na, base.channels[2]] };
  const fused = cobahhPopulation(200, "auto", model);
  const generic = cobahhPopulation(200, "generic", model);
  assert.equal(fused.kernelName, "traub-miles-fused");
  for (const pop of [fused, generic]) {
    randomState(pop);
    pop.bias.fill(150);
  }
  for (let s = 0; s < 500; s++) {
    fused.update();
    generic.update();
  }
  assertSameArray(fused.v, generic.v, "v");
  assertSameArray(fused.gate("na.m"), generic.gate("na.m"), "m");
});

test("other structures fall back to the generic kernel", () => {
  const wb = new Population({ name: "wb", size: 3, model: wangBuzsakiInterneuron(), receptors: [] }, 0.01);
  assert.equal(wb.kernelName, "generic");
  const reordered: NeuronModel = {
    ...cobahhPyramidal(),
    channels: [traubMilesSodium(), leakChannel(), traubMilesPotassium()],
  };
  assert.equal(cobahhPopulation(3, "auto", reordered).kernelName, "generic");
  const slopeEdited: NeuronModel = {
    ...cobahhPyramidal(),
    channels: [
      leakChannel(),
      {
        ...traubMilesSodium(),
        gates: [
          traubMilesSodium().gates[0],
          {
            name: "h",
            power: 1,
            kinetics: {
              kind: "rates",
              alpha: { kind: "exponential", rate: 0.128, midpoint: -46, slope: -20 },
              beta: { kind: "sigmoid", rate: 4, midpoint: -23, slope: 5, offset: 0 },
            },
          },
        ],
      },
      traubMilesPotassium(),
    ],
  };
  assert.equal(cobahhPopulation(3, "auto", slopeEdited).kernelName, "generic");
});

test("detection: V above threshold fires once per refractory period, without reset", () => {
  const pop = cobahhPopulation(2, "generic");
  assert.equal(pop.refractorySteps, 30);
  pop.v[0] = 0;
  pop.v[1] = -30;
  const steps: number[] = [];
  for (let s = 0; s < 100; s++) {
    if (pop.detect(s) > 0) {
      assert.equal(pop.fired[0], 0);
      steps.push(s);
    }
  }
  assert.deepEqual(steps, [0, 30, 60, 90]);
  assert.equal(pop.v[0], 0, "detection does not reset V");
});

test("densities convert through the area: 1 mS/cm² over 20000 µm² is 200 nS", () => {
  assert.equal(toAbsolute(1, 20000), 200);
  const pop = cobahhPopulation(1, "generic");
  assert.equal(pop.compiled.capacitance, 200);
  assert.deepEqual(
    pop.compiled.channels.map((c) => c.conductance),
    [10, 20000, 6000],
  );
  pop.setBiasDensity(0.5);
  assert.equal(pop.bias[0], 100);
});

test("a Wang–Buzsáki neuron rests without input and fires with 1 µA/cm²", () => {
  const pop = new Population({ name: "wb", size: 2, model: wangBuzsakiInterneuron(), receptors: [] }, 0.01);
  pop.bias[1] = 1; // area 100 µm²: 1 pA is 1 µA/cm²
  let spikes0 = 0;
  let spikes1 = 0;
  for (let s = 0; s < 50000; s++) {
    pop.update();
    pop.detect(s);
    for (let f = 0; f < pop.firedCount; f++) {
      if (pop.fired[f] === 0) spikes0++;
      else spikes1++;
    }
  }
  assert.equal(spikes0, 0);
  assert.ok(spikes1 > 10, `fires under drive (${spikes1} spikes in 500 ms)`);
});
