/**
 * The E/I microcircuit's transition, measured: at the defaults the pyramidal cells fire
 * asynchronously and irregularly; lowering GABA-A onto them, the SCN1A interneuron variant
 * (applied from outside with applyVariants) or raising their INaP each makes the network burst
 * hypersynchronously. Two seeds, 1 s each (200 ms transient left out).
 *
 * Thresholds (Golomb–Rinzel χ over pyramidal membrane potentials, N = 160):
 * - asynchronous irregular: χE < 0.35, i.e. the population-mean voltage carries less than 12%
 *   (χ²) of the single-cell variance, and no population event. Independent cells would give
 *   1/√160 ≈ 0.08; shared inhibition lifts the baseline to the measured 0.24–0.30.
 * - hypersynchronous bursting: χE > 0.55 (over 30% of the single-cell variance is common), at
 *   least one population event (smoothed pyramidal rate above max(3 × median, median + 5 robust
 *   s.d., 20 Hz) for ≥ 10 ms; observe/population-events.ts) and a higher pyramidal rate.
 * Measured when written (seeds 1–3): GABA-A × 0.3 χE 0.85, SCN1A-LoF 0.79–0.81, INaP × 4
 * 0.63–0.76, with 2–7 events per 800 ms (docs/models/cells.md).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { runMicrocircuit, type MicrocircuitOptions } from "../../../src/engines/cell/microcircuit.js";
import { golombPyramidal, wangBuzsakiInterneuron } from "../../../src/engines/cell/models.js";
import { applyVariants } from "../../../src/pathophysiology/variants.js";
import { detectPopulationEvents } from "../../../src/observe/population-events.js";

const SEEDS = [1, 2];
const DURATION = 1000;
const TRANSIENT = 200;

function measure(extra: Partial<MicrocircuitOptions>, seed: number) {
  const r = runMicrocircuit({ seed, durationMs: DURATION, transientMs: TRANSIENT, ...extra });
  const events = detectPopulationEvents(r.populationRateE.subarray(TRANSIENT / r.binMs), r.binMs).events;
  return { chiE: r.chiE, rateE: r.rateE, rateI: r.rateI, events: events.length };
}

const baseline = new Map(SEEDS.map((seed) => [seed, measure({}, seed)]));

test("baseline: asynchronous irregular firing", () => {
  for (const [seed, m] of baseline) {
    assert.ok(m.chiE < 0.35, `seed ${seed}: χE ${m.chiE}`);
    assert.equal(m.events, 0, `seed ${seed}: ${m.events} events`);
    assert.ok(m.rateE > 0.3 && m.rateE < 10, `seed ${seed}: E rate ${m.rateE} Hz`);
    assert.ok(m.rateI > m.rateE, `seed ${seed}: interneurons fire faster (${m.rateI} Hz)`);
  }
});

function assertSeizureLike(label: string, extra: Partial<MicrocircuitOptions>) {
  for (const seed of SEEDS) {
    const m = measure(extra, seed);
    const base = baseline.get(seed)!;
    assert.ok(m.chiE > 0.55, `${label}, seed ${seed}: χE ${m.chiE} (baseline ${base.chiE})`);
    assert.ok(m.events >= 1, `${label}, seed ${seed}: ${m.events} events`);
    assert.ok(m.rateE > base.rateE, `${label}, seed ${seed}: E rate ${m.rateE} vs ${base.rateE} Hz`);
  }
}

test("GABA-A onto pyramidal cells × 0.3 → hypersynchronous bursting", () => {
  assertSeizureLike("GABA-A × 0.3", { receptorScales: { excitatory: { gabaA: 0.3 } } });
});

test("SCN1A loss of function in interneurons (applied from outside) → hypersynchronous bursting", () => {
  const inhibitoryModel = applyVariants(wangBuzsakiInterneuron(), "inhibitory", ["SCN1A-LoF"]);
  // The variant acts on interneurons only: the pyramidal model is untouched.
  assert.deepEqual(applyVariants(golombPyramidal(), "excitatory", ["SCN1A-LoF"]), golombPyramidal());
  assertSeizureLike("SCN1A-LoF", { inhibitoryModel });
});

test("pyramidal INaP × 4 → hypersynchronous bursting", () => {
  // 0.2 → 0.8 mS/cm²: from 0.6% to 2.3% of the transient Na conductance, inside the 0.5–5%
  // range of cortical pyramids (shared/science/cells_channels.md §3.1).
  assertSeizureLike("INaP × 4", { excitatoryModel: golombPyramidal({ gNaP: 0.8 }) });
});

test("microcircuit configuration errors name the field", () => {
  assert.throws(() => runMicrocircuit({ seed: 1, durationMs: 0 }), /duration/);
  assert.throws(() => runMicrocircuit({ seed: 1, durationMs: 100, transientMs: 100 }), /transient/);
  assert.throws(
    () =>
      runMicrocircuit({
        seed: 1,
        durationMs: 100,
        transientMs: 0,
        receptorScales: { excitatory: { gaba: 0.5 } },
      }),
    /receptorScales\.excitatory\.gaba/,
  );
  assert.throws(
    () => runMicrocircuit({ seed: 1, durationMs: 100, transientMs: 0, parameters: { excitatory: 10.5 } }),
    /integer/,
  );
  assert.throws(
    () => runMicrocircuit({ seed: 1, durationMs: 100, transientMs: 0, parameters: { pEE: 2 } }),
    /pEE/,
  );
});
