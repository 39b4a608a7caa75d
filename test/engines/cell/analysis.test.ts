/**
 * Single-cell behaviour of the model catalogue through the analyses.
 *
 * Wang–Buzsáki: we could not find the published f–I numbers (Wang & Buzsáki 1996, Fig. 1) in the
 * sources available to us, so the test checks the class-1 onset near I ≈ 0.16 µA/cm² quoted in the
 * brief (unverified), the monotone f–I curve, and the Brian2 example's protocol (Iapp = 2 µA/cm²,
 * V0 = -70 mV, h0 = 1, dt = 0.01 ms, 100 ms: regular repetitive firing). The rates below are our
 * own regression numbers, not published ones.
 *
 * Golomb, Yue & Yaari 2006: persistent Na⁺ current turns the response to a brief depolarising
 * pulse from a single spike into a burst, and the M current shortens the burst (their main
 * qualitative result). Checked at dt = 0.005 ms: burst lengths depend on dt with the first-order
 * scheme (docs/models/cells.md).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { currentClamp, fICurve, rheobase, spikeFeatures } from "../../../src/engines/cell/analysis.js";
import { golombPyramidal, wangBuzsakiInterneuron } from "../../../src/engines/cell/models.js";
import { Population } from "../../../src/engines/cell/population.js";

test("Wang–Buzsáki: class-1 onset near 0.16 µA/cm² and a monotone f–I curve", () => {
  const model = wangBuzsakiInterneuron();
  const clamp = { dt: 0.01, duration: 2000, settle: 500 };
  const r = rheobase(model, 0, 1, { ...clamp, tolerance: 2e-3 });
  assert.ok(r.current > 0.15 && r.current < 0.17, `rheobase ${r.current} µA/cm²`);
  const currents = [0.1, 0.17, 0.2, 0.3, 0.5, 1, 2, 5, 10, 20];
  const c = fICurve(model, currents, clamp);
  assert.equal(c.rate[0], 0);
  assert.ok(c.rate[1] > 0 && c.rate[1] < 10, `rate just above onset is low (class 1): ${c.rate[1]} Hz`);
  for (let i = 2; i < currents.length; i++)
    assert.ok(c.rate[i] > c.rate[i - 1], `f–I increases at ${currents[i]}`);
  // Regression numbers of this implementation (see the module comment).
  assert.ok(Math.abs(c.rate[5] - 58) < 3, `f(1 µA/cm²) = ${c.rate[5]} Hz`);
  assert.ok(c.rate[9] > 350 && c.rate[9] < 450, `f(20 µA/cm²) = ${c.rate[9]} Hz`);
});

test("rheobase: a grid scan before the refinement finds the same onset, and reports cells firing at the lower bound", () => {
  const model = wangBuzsakiInterneuron();
  const clamp = { dt: 0.01, duration: 1000, settle: 200, tolerance: 5e-3 };
  const ends = rheobase(model, -5, 6, clamp);
  // 60 µA/cm² is beyond WB's depolarisation block: only the scan can start from there.
  assert.throws(() => rheobase(model, -5, 60, clamp), /not firing at the upper bound/);
  const scanned = rheobase(model, -5, 60, { ...clamp, scanStep: 0.5 });
  assert.ok(scanned.current > scanned.below && scanned.current - scanned.below <= 5e-3);
  assert.ok(Math.abs(scanned.current - ends.current) <= 5e-3, `${scanned.current} vs ${ends.current}`);
  assert.throws(
    () => rheobase(model, 1, 60, { ...clamp, scanStep: 0.5 }),
    /already firing at the lower bound/,
  );
  assert.throws(() => rheobase(model, -5, 6, { ...clamp, scanStep: 0 }), /scanStep/);
});

test("Wang–Buzsáki: the Brian2 example protocol fires regularly", () => {
  const model = { ...wangBuzsakiInterneuron(), initialPotential: -70 };
  const pop = new Population({ name: "wb", size: 1, model, receptors: [] }, 0.01);
  pop.gate("na.h").fill(1);
  pop.setBiasDensity(2);
  const times: number[] = [];
  for (let s = 0; s < 10000; s++) {
    pop.update();
    if (pop.detect(s)) times.push(s * 0.01);
  }
  assert.ok(times.length >= 8 && times.length <= 12, `${times.length} spikes in 100 ms`);
  const isi = times.slice(1).map((t, i) => t - times[i]);
  const late = isi.slice(2);
  assert.ok(Math.max(...late) - Math.min(...late) < 0.05, `regular ISIs ${late.join(", ")}`);
});

test("spike features of the Wang–Buzsáki neuron at 1 µA/cm²", () => {
  const trace = currentClamp(wangBuzsakiInterneuron(), 1, { dt: 0.01, duration: 500, settle: 100 });
  const f = spikeFeatures(trace);
  assert.ok(f.spikeCount > 20);
  const i = 5;
  assert.ok(f.threshold[i] > -60 && f.threshold[i] < -40, `threshold ${f.threshold[i]}`);
  assert.ok(f.peak[i] > 10 && f.peak[i] < 55, `peak ${f.peak[i]}`);
  assert.ok(f.width[i] > 0.2 && f.width[i] < 1, `half-width ${f.width[i]} ms (fast-spiking)`);
  assert.ok(f.trough[i] < -60 && f.trough[i] > -80, `trough ${f.trough[i]}`);
  assert.ok(Math.abs(f.adaptationIndex) < 0.01, "no adaptation without slow currents");
  assert.ok(f.isiCv < 0.01);
});

test("Golomb 2006: INaP turns a pulse response into a burst, the M current shortens it", () => {
  const pulse = (t: number) => (t >= 300 && t < 303 ? 10 : 0);
  const spikes = (gNaP: number, gM: number) =>
    currentClamp(golombPyramidal({ gNaP, gM, thetaP: -47 }), pulse, { dt: 0.005, duration: 450, settle: 0 })
      .spikeTimes.length;
  assert.equal(spikes(0, 1), 1);
  assert.equal(spikes(0.1, 1), 1);
  const burst = spikes(0.41, 1);
  assert.ok(burst >= 3, `burst of ${burst} spikes`);
  const shorter = spikes(0.41, 3);
  assert.ok(shorter < burst, `gM 3 mS/cm²: ${shorter} spikes < ${burst}`);
});

test("Golomb 2006: the M current adapts tonic firing", () => {
  const f = spikeFeatures(
    currentClamp(golombPyramidal({ gM: 1 }), 4, { dt: 0.01, duration: 600, settle: 0 }),
  );
  const g = spikeFeatures(
    currentClamp(golombPyramidal({ gM: 0 }), 4, { dt: 0.01, duration: 600, settle: 0 }),
  );
  // Mean over all ISIs of (ISI_{i+1} - ISI_i)/(ISI_{i+1} + ISI_i): positive with gM, ~0 without.
  assert.ok(
    f.adaptationIndex > 0.005 && Math.abs(g.adaptationIndex) < 0.001,
    `${f.adaptationIndex} vs ${g.adaptationIndex}`,
  );
  assert.ok(f.isi[f.isi.length - 1] > 2 * f.isi[0], "late ISIs longer than the first");
  assert.ok(g.rate > 2 * f.rate, `M current lowers the rate: ${g.rate} vs ${f.rate} Hz`);
});
