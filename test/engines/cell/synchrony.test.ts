/**
 * Golomb–Rinzel χ: its two limits (identical traces → 1, independent traces → 1/√N), invariance
 * under per-neuron offsets (what the shifted sums are for), and the monitor on a population.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { RandomStream } from "../../../src/numerics/random.js";
import { SynchronyAccumulator, SynchronyMonitor } from "../../../src/engines/cell/synchrony.js";
import { Population } from "../../../src/engines/cell/population.js";
import { wangBuzsakiInterneuron } from "../../../src/engines/cell/models.js";

test("χ = 1 for identical traces, whatever their shape", () => {
  const n = 50;
  const acc = new SynchronyAccumulator(n);
  const sample = new Float64Array(n);
  for (let t = 0; t < 2000; t++) {
    sample.fill(-65 + 30 * Math.sin(t / 7) + (t % 13 === 0 ? 80 : 0));
    acc.add(sample);
  }
  assert.ok(Math.abs(acc.chi() - 1) < 1e-9, `χ = ${acc.chi()}`);
});

test("χ ≈ 1/√N for independent random traces", () => {
  for (const n of [16, 100]) {
    const rng = RandomStream.for(7, `synchrony/${n}`);
    const acc = new SynchronyAccumulator(n);
    const sample = new Float64Array(n);
    const samples = 20000;
    for (let t = 0; t < samples; t++) {
      for (let i = 0; i < n; i++) sample[i] = -65 + 5 * rng.normal();
      acc.add(sample);
    }
    // χ²·N estimates 1 with a relative standard error of about √(2/T) ≈ 1% for T = 20000, so a
    // 5% band on χ√N (10% on χ²N) is many standard errors wide and still excludes e.g. 1/N or 1.
    const scaled = acc.chi() * Math.sqrt(n);
    assert.ok(Math.abs(scaled - 1) < 0.05, `N = ${n}: χ√N = ${scaled}`);
  }
});

test("χ ignores constant per-neuron offsets and detects partial synchrony", () => {
  const n = 40;
  const rng = RandomStream.for(3, "synchrony/partial");
  const acc = new SynchronyAccumulator(n);
  const sample = new Float64Array(n);
  for (let t = 0; t < 20000; t++) {
    const common = rng.normal();
    // Equal common and private variance: χ² = (1/2 + 1/(2N)) → χ ≈ 0.718 for N = 40.
    for (let i = 0; i < n; i++) sample[i] = 1000 * i + common + rng.normal();
    acc.add(sample);
  }
  const expected = Math.sqrt(0.5 + 0.5 / n);
  assert.ok(Math.abs(acc.chi() - expected) < 0.02, `χ = ${acc.chi()}, expected ${expected}`);
});

test("synchrony monitor: uncoupled neurons with equal drive are synchronous, different drives are not", () => {
  const run = (spread: number) => {
    const pop = new Population(
      { name: "wb", size: 20, model: wangBuzsakiInterneuron(), receptors: [] },
      0.02,
    );
    for (let k = 0; k < pop.size; k++) pop.bias[k] = 1 + spread * k;
    const monitor = new SynchronyMonitor(pop, 5, 0);
    for (let s = 0; s < 25000; s++) {
      monitor.record(s);
      pop.update();
      pop.detect(s);
    }
    return monitor.chi();
  };
  assert.ok(run(0) > 0.999, `identical cells from identical states: χ = ${run(0)}`);
  // Rates spread over a factor ~3 drift out of phase within the 500 ms: low χ.
  const spread = run(0.1);
  assert.ok(spread < 0.5, `heterogeneous drive: χ = ${spread}`);
});
