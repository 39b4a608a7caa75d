/**
 * Batulin et al. (2022) neuroinflammation model: the bistability between recovery and chronic
 * epilepsy that depends on the injury amplitude, the long latent period, treatment windows, the
 * chronic fixed point, and the direction of the circuit effects.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  advanceInflammation,
  HEALTHY,
  inflammationEffects,
  inflammationParameters,
  intrinsicSeizureBurden,
  pgpFactor,
  runInflammationSchedule,
  type InflammationState,
} from "../../src/pathophysiology/inflammation.js";
import { logExcitationInhibition } from "../../src/pathophysiology/effects.js";
import { findDrug } from "../../src/pharmacology/catalogue.js";
import { brainPartition } from "../../src/pharmacology/pk.js";

const bbbInsult = (amplitude: number) => [{ target: "B" as const, amplitude, startDay: 0, days: 7 }];

function after(
  days: number,
  amplitude: number,
  treatments = [] as { antiInflammatory: number; barrierRepair: number; startDay: number; days: number }[],
): InflammationState {
  return runInflammationSchedule(HEALTHY, {
    days,
    insults: bbbInsult(amplitude),
    treatments,
    sampleEveryDays: 10,
  }).final;
}

/** The chronic fixed point: I = k_BI B, R = k_BR B + k_DR D_m, D = D_m, B = k_IB I + S(I, R). */
function chronicFixedPoint(): number {
  const p = inflammationParameters();
  const g = (B: number) =>
    -B + p.kIB * p.kBI * B + intrinsicSeizureBurden(p, p.kBI * B, p.kBR * B + p.kDR * p.Dm);
  let lo = 0.5,
    hi = 1.5;
  assert.ok(g(lo) > 0 && g(hi) < 0);
  for (let k = 0; k < 100; k++) {
    const mid = (lo + hi) / 2;
    if (g(mid) > 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

test("a weak 7-day BBB insult resolves, a stronger one becomes chronic after a latent period", () => {
  const weak = after(1500, 0.05);
  assert.ok(weak.I < 0.01 && weak.D < 0.01, `0.05 insult: I = ${weak.I}, D = ${weak.D}`);
  const strong = runInflammationSchedule(HEALTHY, {
    days: 1500,
    insults: bbbInsult(0.1),
    sampleEveryDays: 10,
  });
  assert.ok(strong.final.I > 0.85, `0.1 insult: I = ${strong.final.I}`);
  assert.ok(strong.final.D > 0.99, `neuronal loss completes: D = ${strong.final.D}`);
  // Latent period: long after the insult ended, inflammation is still low (slow passage near the saddle).
  const day300 = strong.I[30];
  assert.ok(day300 < 0.1, `latent at day 300: I = ${day300}`);
});

test("the chronic state is the fixed point of the equations", () => {
  const B = chronicFixedPoint();
  const s = after(2000, 0.25);
  assert.ok(Math.abs(s.B - B) < 1e-6, `B = ${s.B}, fixed point ${B}`);
  assert.ok(Math.abs(s.I - B) < 1e-6);
});

test("RK4 with the tau/10 step agrees with a 16x finer integration", () => {
  const drive = { insult: { I: 0, B: 0.25, D: 0, R: 0 } };
  const coarse = advanceInflammation(HEALTHY, 7, drive);
  let fine: InflammationState = HEALTHY;
  for (let k = 0; k < 1120; k++) fine = advanceInflammation(fine, 7 / 1120, drive);
  for (const v of ["I", "B", "D", "R"] as const)
    assert.ok(Math.abs(coarse[v] - fine[v]) < 1e-7, `${v}: ${coarse[v]} vs ${fine[v]}`);
});

test("anti-inflammatory + barrier repair works inside a treatment window only", () => {
  const course = (startDay: number) => [{ antiInflammatory: 0.3, barrierRepair: 0.3, startDay, days: 180 }];
  for (const start of [7, 100]) {
    const s = after(2000, 0.25, course(start));
    assert.ok(s.I < 0.01, `treatment from day ${start}: I = ${s.I}`);
  }
  // From day 400 the insult has already driven I above the neurotoxicity threshold and D to its
  // maximum; neuronal loss does not heal, and it sustains the chronic state once treatment stops.
  const late = after(2000, 0.25, course(400));
  assert.ok(late.I > 0.85, `treatment from day 400: I = ${late.I}`);
  const untreated = after(2000, 0.25);
  assert.ok(untreated.I > 0.85);
});

test("observed seizure feedback: frequent seizures alone drive chronic inflammation", () => {
  const none = runInflammationSchedule(HEALTHY, { days: 400, seizuresPerDay: () => 0 }).final;
  assert.equal(none.I, 0);
  const many = runInflammationSchedule(HEALTHY, { days: 400, seizuresPerDay: () => 10 }).final;
  assert.ok(many.I > 0.5, `I = ${many.I}`);
  const few = runInflammationSchedule(HEALTHY, { days: 400, seizuresPerDay: () => 0.1 }).final;
  assert.ok(few.I < many.I);
});

test("inflammation moves the circuit towards excitation and raises P-gp, lowering brain exposure", () => {
  const chronic = { I: 0.9, B: 0.9, D: 1, R: 0.9 };
  const e = inflammationEffects(chronic);
  assert.ok(e.gabaAFast < 1 && e.gabaASlow < 1 && e.nmda > 1 && e.ampa > 1);
  assert.ok(e.potassiumBuffering < 1 && e.glutamateUptake < 1 && e.pgp > 1);
  assert.equal(logExcitationInhibition(inflammationEffects(HEALTHY)), 0);
  let previous = 0;
  for (const I of [0.2, 0.5, 0.9]) {
    const ei = logExcitationInhibition(inflammationEffects({ I, B: I, D: 0, R: I }));
    assert.ok(ei > previous, `E/I index rises with inflammation (I = ${I}: ${ei})`);
    previous = ei;
  }
  // Rizzi et al. 2002: ~30% lower brain/plasma phenytoin with seizure-induced P-gp.
  const phenytoin = findDrug("phenytoin");
  const pgp = pgpFactor({ I: 1, B: 1, D: 0, R: 0 });
  const exposure = brainPartition(phenytoin, pgp) / brainPartition(phenytoin, 1);
  assert.ok(exposure > 0.65 && exposure < 0.8, `exposure ${exposure}`);
});

test("bad inputs are rejected with the field name", () => {
  assert.throws(() => advanceInflammation(HEALTHY, 1, { antiInflammatory: 1.5 }), /antiInflammatory/);
  assert.throws(
    () =>
      runInflammationSchedule(HEALTHY, {
        days: 10,
        treatments: [{ antiInflammatory: 0, barrierRepair: -1, startDay: 0, days: 1 }],
      }),
    /treatments\[0\]\.barrierRepair/,
  );
  assert.throws(() => inflammationParameters({ tauI: -1 }), /inflammation\.parameters\.tauI/);
});
