/**
 * The loop seizures → inflammation → excitability (and P-gp) → seizures, closed through the two
 * bridges: seizure frequency from the propensity table at the EZ's x0 shifted by the inflammation's
 * circuit effects (cell → network bridge), fed back to the Batulin et al. (2022) state as observed
 * seizure burden. Untreated, the frequency rises over weeks and brain drug exposure falls as P-gp
 * rises; IL-1 receptor blockade with barrier repair keeps both down.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { epileptorX0Shift } from "../../src/bridges/cell-to-network.js";
import { CELL_TO_NETWORK_CALIBRATION } from "../../src/bridges/generated/cell-to-network-calibration.js";
import { PROPENSITY_TABLE } from "../../src/bridges/generated/propensity-table.js";
import { propensity } from "../../src/bridges/propensity.js";
import { findDrug } from "../../src/pharmacology/catalogue.js";
import { brainPartition } from "../../src/pharmacology/pk.js";
import {
  HEALTHY,
  inflammationEffects,
  pgpFactor,
  runInflammationSchedule,
  type InflammationState,
  type Treatment,
} from "../../src/pathophysiology/inflammation.js";

const X0_EZ = -2.3;
const X0_PZ = -2.5;

function seizuresPerDay(state: InflammationState): number {
  const dx0 = epileptorX0Shift(inflammationEffects(state), CELL_TO_NETWORK_CALIBRATION);
  return propensity(X0_EZ + dx0, X0_PZ, PROPENSITY_TABLE).seizuresPerDay;
}

function course(treatments: Treatment[]) {
  return runInflammationSchedule(HEALTHY, {
    days: 84,
    // A mild BBB insult (e.g. a head injury) that the loop then amplifies.
    insults: [{ target: "B", amplitude: 0.05, startDay: 0, days: 7 }],
    treatments,
    seizuresPerDay,
  });
}

test("untreated, the seizure–inflammation loop raises seizure frequency over weeks and lowers drug exposure", () => {
  const untreated = course([]);
  const weekly = [7, 14, 28, 56, 84].map((d) => untreated.seizuresPerDay[d]);
  // Non-decreasing week after week (it saturates once the EZ is driven past the threshold), and
  // the rise takes weeks: two weeks in, the frequency is still of the order of its start.
  for (let k = 1; k < weekly.length; k++) {
    assert.ok(weekly[k] >= weekly[k - 1] * (1 - 1e-12), `weekly rates ${weekly.join(", ")}`);
  }
  assert.ok(weekly[1] < 3 * weekly[0], `weekly rates ${weekly.join(", ")}`);
  assert.ok(weekly[4] > 3 * weekly[0], `week 12 vs week 1: ${weekly[4]} vs ${weekly[0]}`);
  const seizureFree = seizuresPerDay(HEALTHY);
  assert.ok(weekly[0] > seizureFree);
  // P-gp rises with the inflammation; a P-gp substrate (phenytoin) reaches the brain less.
  const pgp = (d: number) =>
    pgpFactor({ I: untreated.I[d], B: untreated.B[d], D: untreated.D[d], R: untreated.R[d] });
  assert.ok(pgp(84) > pgp(7));
  const phenytoin = findDrug("phenytoin");
  assert.ok(brainPartition(phenytoin, pgp(84)) < brainPartition(phenytoin, pgp(7)));
});

test("IL-1 receptor blockade with barrier repair breaks the loop", () => {
  const untreated = course([]);
  const treated = course([{ antiInflammatory: 0.5, barrierRepair: 0.5, startDay: 0, days: 84 }]);
  assert.ok(treated.seizuresPerDay[84] < 0.5 * untreated.seizuresPerDay[84]);
  assert.ok(treated.I[84] < untreated.I[84]);
});
