/**
 * Network → course bridge: the tabulated propensity is current (fingerprint + a short exact
 * recomputation), internally consistent (assembly from the stored raw runs reproduces it), its
 * interpolation error is what the table states and within a bound, and it is monotone.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  assembleTable,
  isotonic,
  leaveOneOutErrors,
  propensity,
  propensitySpec,
  simulateMotif,
} from "../../src/bridges/propensity.js";
import { PROPENSITY_TABLE as table } from "../../src/bridges/generated/propensity-table.js";

const REGENERATE = "stale: run `npm run build && node scripts/calibrate-propensity.mjs`";

test("propensity table fingerprint matches the current settings, method and Epileptor defaults", () => {
  const fingerprint = createHash("sha256").update(propensitySpec(table.settings)).digest("hex");
  assert.equal(fingerprint, table.fingerprint, REGENERATE);
  assert.equal(propensitySpec(), propensitySpec(table.settings), REGENERATE);
});

test("propensity table: one replicate rerun reproduces the stored observation exactly", () => {
  const s = table.settings;
  // The sub-threshold point with the most escapes, and one supra-threshold point.
  const sub = s.x0EZ.findIndex((x) => x >= -2.12);
  const points = [
    [sub, s.x0PZ.length - 1],
    [s.x0EZ.length - 1, 0],
  ];
  for (const [r, c] of points) {
    const rerun = simulateMotif(s.x0EZ[r], s.x0PZ[c], 0, s);
    assert.deepEqual(rerun, table.observations[r][c][0], `${REGENERATE} (point ${s.x0EZ[r]}, ${s.x0PZ[c]})`);
    assert.ok(rerun.seizures > 0);
  }
});

test("propensity table is what assembleTable makes of its stored runs", () => {
  const again = assembleTable(table.settings, table.observations, table.fingerprint);
  assert.deepEqual(JSON.parse(JSON.stringify(again)), JSON.parse(JSON.stringify(table)), REGENERATE);
});

test("propensity interpolation: leave-one-out error as stated and within bounds", () => {
  const loo = leaveOneOutErrors(table);
  assert.deepEqual(loo, table.leaveOneOut);
  assert.ok(loo.points > 50);
  // Bounds: under half a decade of rate, 10 s of duration, 0.5 in probability (the generalisation
  // estimate rests on few seizures per point and is the noisiest quantity).
  assert.ok(loo.log10RateMax < 0.5, `rate ${loo.log10RateMax} decades`);
  assert.ok(loo.log10RateMedian < 0.1);
  assert.ok(loo.durationSecondsMax < 10, `duration ${loo.durationSecondsMax} s`);
  assert.ok(loo.generalisationMax < 0.5 && loo.generalisationMedian < 0.1);
  // Interpolation reproduces grid values exactly.
  const p = propensity(table.x0EZ[5], table.x0PZ[2], table);
  assert.ok(Math.abs(p.seizuresPerDay / table.seizuresPerDay[5][2] - 1) < 1e-12);
});

test("seizures per day rise monotonically with x0 of the EZ; generalisation with x0 of the PZ", () => {
  for (const pz of [-2.6, -2.3, -2.17, -2.1]) {
    let previous = 0;
    for (let x0 = -2.8; x0 <= -1.5; x0 += 0.01) {
      const p = propensity(x0, pz, table);
      assert.ok(p.seizuresPerDay >= previous * (1 - 1e-12), `x0 ${x0}, pz ${pz}`);
      assert.ok(p.meanSeizureSeconds > 20 && p.meanSeizureSeconds < 200);
      previous = p.seizuresPerDay;
    }
  }
  for (const ez of [-2.3, -2.1, -1.8]) {
    let previous = -1;
    for (let pz = -2.6; pz <= -2.1; pz += 0.01) {
      const g = propensity(ez, pz, table).generalisation;
      assert.ok(g >= previous - 1e-12 && g <= 1);
      previous = g;
    }
  }
  // Clinically sensible range: far below threshold rare, above it hundreds per day (status-like).
  assert.ok(propensity(-2.5, -2.5, table).seizuresPerDay < 0.1);
  assert.ok(propensity(-1.6, -2.5, table).seizuresPerDay > 100);
  assert.ok(propensity(-2.9, -2.5, table).extrapolated);
  assert.ok(!propensity(-1.8, -2.2, table).extrapolated);
});

test("isotonic regression pools adjacent violators", () => {
  assert.deepEqual(isotonic([1, 3, 2, 4]), [1, 2.5, 2.5, 4]);
  assert.deepEqual(isotonic([3, 2, 1]), [2, 2, 2]);
});
