/**
 * The Golomb et al. (2007, PLoS Comput Biol 3:e156) fast-spiking interneuron (models.ts
 * golombFastSpiking):
 *
 * 1. against an independent RK4 solution of the same equations (test/fixtures/golomb-fs, dt =
 *    0.001 ms): f–I and first-spike latencies within 1.5% at dt = 0.01 ms, converging at first
 *    order (the error roughly halves with dt), as for Wang–Buzsáki;
 * 2. against the paper's stated results (figure captions and abstract, read Nov 2026):
 *    - small Na window (θm = −24 mV): at threshold the rate jumps from 0 to tens of Hz (the
 *      abstract's "high-frequency tonic firing"; class-2 onset, our reading of Fig. 2), while the
 *      large window (θm = −28 mV) fires at low rates near threshold (Fig. 3C: "the average firing
 *      frequency goes to zero at firing threshold"; Fig. 3B: delayed low-frequency tonic firing
 *      at 1.25 µA/cm² with gd = 0.39 mS/cm²);
 *    - the delay to the first spike grows with gd (abstract: "almost immediate for small gd,
 *      delayed for larger gd"); Fig. 8: θm = −24 mV, gd = 0.39, Iapp = 3.08 µA/cm² fires after
 *      a delay without noise;
 *    - spikes are brief, "about 0.5 ms" (the paper's Models section, on the Kv3 current);
 *    - FS cells have a high rheobase (µA/cm² here against Wang–Buzsáki's 0.16 µA/cm²).
 * No number of the paper's figures is hard-coded: the figure values could not be read as text.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { currentClamp, fICurve, spikeFeatures } from "../../../src/engines/cell/analysis.js";
import { golombFastSpiking, wangBuzsakiInterneuron } from "../../../src/engines/cell/models.js";
import { ROOT } from "../../helpers.js";

interface Reference {
  fi: { thetaM: number; gd: number; currents: number[]; frequencyHz: number[] }[];
  latency: { thetaM: number; gd: number; current: number; firstSpikeMs: number }[];
}
const reference = JSON.parse(
  readFileSync(join(ROOT, "test/fixtures/golomb-fs/reference.json"), "utf8"),
) as Reference;

/** The reference's protocol: 1500 ms from rest, 1000 / mean ISI after 500 ms. */
function frequency(thetaM: number, gd: number, current: number, dt: number): number {
  const times = currentClamp(golombFastSpiking({ thetaM, gd }), current, {
    dt,
    duration: 1500,
    settle: 0,
  }).spikeTimes.filter((t) => t >= 500);
  return times.length > 1 ? (1000 * (times.length - 1)) / (times[times.length - 1] - times[0]) : 0;
}

function firstSpike(thetaM: number, gd: number, current: number, dt: number): number {
  const t = currentClamp(golombFastSpiking({ thetaM, gd }), current, { dt, duration: 3000, settle: 0 })
    .spikeTimes[0];
  return t ?? Infinity;
}

test("Golomb FS f–I matches the independent RK4 reference and converges at first order", () => {
  let compared = 0;
  for (const row of reference.fi) {
    row.currents.forEach((current, k) => {
      const expected = row.frequencyHz[k];
      const coarse = frequency(row.thetaM, row.gd, current, 0.01);
      if (expected === 0) {
        assert.equal(coarse, 0, `θm ${row.thetaM}, I = ${current}: silent in the reference`);
        return;
      }
      const fine = frequency(row.thetaM, row.gd, current, 0.005);
      const errCoarse = Math.abs(coarse / expected - 1);
      const errFine = Math.abs(fine / expected - 1);
      assert.ok(errCoarse < 0.015, `θm ${row.thetaM}, I = ${current}: ${coarse} Hz vs ${expected} Hz`);
      const ratio = errCoarse / errFine;
      assert.ok(ratio > 1.5 && ratio < 2.5, `θm ${row.thetaM}, I = ${current}: error ratio ${ratio}`);
      compared++;
    });
  }
  assert.ok(compared >= 8);
});

test("Golomb FS first-spike latencies match the reference, from ~10 ms to seconds", () => {
  for (const l of reference.latency) {
    const t = firstSpike(l.thetaM, l.gd, l.current, 0.01);
    assert.ok(
      Math.abs(t / l.firstSpikeMs - 1) < 0.01 || Math.abs(t - l.firstSpikeMs) < 0.1,
      `θm ${l.thetaM}, gd ${l.gd}, I = ${l.current}: ${t} ms vs ${l.firstSpikeMs} ms`,
    );
  }
});

test("small Na window: class-2 onset at a high rheobase; large window: low rates near threshold", () => {
  // A fine scan across threshold; long runs so that delayed onsets (seconds) are counted.
  const scan = (thetaM: number, from: number, to: number) => {
    const currents = Array.from({ length: 21 }, (_, k) => from + ((to - from) * k) / 20);
    const f = fICurve(golombFastSpiking({ thetaM }), currents, { duration: 4000, settle: 2500 });
    return currents.map((c, k) => ({ current: c, rate: f.rate[k] }));
  };
  const small = scan(-24, 2.9, 3.3);
  const firstSmall = small.find((x) => x.rate > 0);
  assert.ok(firstSmall && small[0].rate === 0, "θm = −24 mV: silent at 2.9 µA/cm², fires by 3.3");
  // Class 2: the first firing current already fires at ≥ 20 Hz.
  assert.ok(firstSmall.rate >= 20, `θm = −24 mV onset rate ${firstSmall.rate} Hz at ${firstSmall.current}`);
  const large = scan(-28, 1.1, 1.5);
  const firstLarge = large.find((x) => x.rate > 0);
  assert.ok(firstLarge && large[0].rate === 0, "θm = −28 mV: silent at 1.1 µA/cm², fires by 1.5");
  assert.ok(firstLarge.rate < 10, `θm = −28 mV onset rate ${firstLarge.rate} Hz at ${firstLarge.current}`);
  // Fig. 3B: delayed low-frequency tonic firing at 1.25 µA/cm² (gd = 0.39).
  const fig3b = currentClamp(golombFastSpiking({ thetaM: -28 }), 1.25, { duration: 3000, settle: 0 });
  assert.ok(fig3b.spikeTimes.length >= 3 && fig3b.spikeTimes[0] > 100, "Fig. 3B delayed tonic firing");
  const isi = fig3b.spikeTimes[2] - fig3b.spikeTimes[1];
  assert.ok(1000 / isi < 15, `Fig. 3B low frequency: ${1000 / isi} Hz`);
  // The rheobase is an order of magnitude above Wang–Buzsáki's.
  const wb = fICurve(wangBuzsakiInterneuron(), [firstSmall.current / 10], { duration: 1500, settle: 500 });
  assert.ok(wb.rate[0] > 0, "Wang–Buzsáki already fires at a tenth of the FS rheobase");
});

test("the delay to the first spike grows with gd (Fig. 8's Iapp = 3.08 fires late without noise)", () => {
  const delays = [0, 0.39, 1, 1.5].map((gd) => firstSpike(-24, gd, 3.5, 0.01));
  for (let i = 1; i < delays.length; i++) assert.ok(delays[i] > delays[i - 1], `delays ${delays}`);
  assert.ok(delays[0] < 30, `gd = 0: almost immediate (${delays[0]} ms)`);
  assert.ok(delays[2] > 200, `gd = 1: delayed (${delays[2]} ms)`);
  const fig8 = firstSpike(-24, 0.39, 3.08, 0.01);
  assert.ok(fig8 > 200 && Number.isFinite(fig8), `Fig. 8 current: first spike at ${fig8} ms`);
});

test("Golomb FS spikes are brief (half-width below 0.6 ms) and narrower than Wang–Buzsáki's", () => {
  const width = (model: ReturnType<typeof golombFastSpiking>, current: number) => {
    const f = spikeFeatures(currentClamp(model, current, { duration: 300, settle: 0 }));
    assert.ok(f.width.length > 5);
    return f.width.reduce((a, b) => a + b, 0) / f.width.length;
  };
  const fs = width(golombFastSpiking(), 10);
  assert.ok(fs > 0.2 && fs < 0.6, `FS half-width ${fs} ms`);
  assert.ok(fs < width(wangBuzsakiInterneuron(), 1), "narrower than Wang–Buzsáki");
});
