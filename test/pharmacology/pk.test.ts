/**
 * Pharmacokinetics against the dossier and against invariants: half-lives and steady-state levels
 * at usual doses inside the published ranges for every catalogue drug; carbamazepine
 * autoinduction; valproate raising and carbamazepine lowering lamotrigine; phenytoin's
 * nonlinearity; linearity, time shift and mass balance; bad regimens refused by name.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { DRUGS, findDrug } from "../../src/pharmacology/catalogue.js";
import { defaultHorizonDays, simulatePk, steadyState, type PkPatient } from "../../src/pharmacology/pk.js";
import { expandRegimen, titratedEntry, type RegimenEntry } from "../../src/pharmacology/regimen.js";

const ADULT: PkPatient = { weightKg: 70 };

function run(entries: RegimenEntry[], days: number, patient: PkPatient = ADULT, sampleHours = 0.25) {
  return simulatePk(entries, patient, { horizonHours: days * 24, sampleHours });
}

test("every drug: half-life and steady-state level at the usual dose inside the published range", () => {
  let levelChecks = 0;
  const rows: string[] = [];
  for (const d of DRUGS) {
    const level = d.checks.level;
    const weight = level?.weightKg ?? 70;
    const every = level?.intervalHours ?? 24 / d.dosing.dosesPerDay.value;
    const daily = level?.daily ?? d.dosing.usualDaily.high;
    const dose = ((d.dosing.perKg ? daily * weight : daily) * every) / 24;
    const entries = [{ drug: d.id, dose, every }];
    const ss = steadyState(run(entries, defaultHorizonDays(entries), { weightKg: weight }), d.id);
    // Published half-lives are adult values: checked at 70 kg (children clear faster per kg).
    const adultDose = ((d.dosing.perKg ? daily * 70 : daily) * every) / 24;
    const adultEntries = [{ drug: d.id, dose: adultDose, every }];
    const adult = weight === 70 ? ss : steadyState(run(adultEntries, defaultHorizonDays(adultEntries)), d.id);
    const h = d.checks.halfLife;
    assert.ok(
      adult.halfLifeHours >= h.low && adult.halfLifeHours <= h.high,
      `${d.id}: half-life ${adult.halfLifeHours.toFixed(1)} h outside [${h.low}, ${h.high}] h (${h.source})`,
    );
    let shown = "";
    if (level) {
      levelChecks++;
      const value = level.measure === "average" ? ss.average : ss.trough;
      assert.equal(ss.species, level.species, `${d.id}: checked species`);
      assert.ok(
        value >= level.range.low && value <= level.range.high,
        `${d.id}: ${level.measure} ${value.toPrecision(3)} mg/L outside [${level.range.low}, ${level.range.high}] (${level.range.source})`,
      );
      shown = `${level.measure} ${value.toPrecision(3)} mg/L`;
    }
    rows.push(`${d.id}: t½ ${adult.halfLifeHours.toFixed(1)} h ${shown}`);
  }
  // Cenobamate and retigabine have no published level we could check.
  assert.equal(levelChecks, DRUGS.length - 2, rows.join("\n"));
});

test("carbamazepine autoinduction: t½ ~35 h after the first dose falls to 12–17 h after weeks", () => {
  const r = run([{ drug: "carbamazepine", dose: 400, every: 12 }], 35);
  const cbz = r.drugs[0];
  assert.equal(cbz.clearanceMultiplier[0], 1);
  const ss = steadyState(r, "carbamazepine");
  assert.ok(ss.halfLifeHours >= 12 && ss.halfLifeHours <= 17, `steady-state t½ ${ss.halfLifeHours}`);
  // t½ on day 1 (no induction yet) is the single-dose value.
  const day1 = (Math.LN2 * 70) / ((Math.LN2 * 70) / 35) / cbz.clearanceMultiplier[4];
  assert.ok(Math.abs(day1 - 35) < 1e-9);
  // The signature of autoinduction: troughs rise for days, then fall as clearance is induced.
  const trough = (day: number) => cbz.parent[r.times.findIndex((t) => t >= day * 24)];
  assert.ok(trough(5) > trough(30) * 1.2, `day 5 ${trough(5)} vs day 30 ${trough(30)}`);
  assert.ok(ss.timeToSteadyStateDays > 10, "induction delays steady state beyond 5 initial half-lives");
});

test("valproate raises and carbamazepine lowers lamotrigine (drugs.md: ×2 and ×0.5)", () => {
  const ltg = { drug: "lamotrigine", dose: 100, every: 12 };
  const alone = steadyState(run([ltg], 70), "lamotrigine");
  const withVpa = steadyState(run([ltg, { drug: "valproate", dose: 500, every: 12 }], 70), "lamotrigine");
  const withCbz = steadyState(run([ltg, { drug: "carbamazepine", dose: 400, every: 12 }], 70), "lamotrigine");
  const up = withVpa.average / alone.average;
  const down = withCbz.average / alone.average;
  assert.ok(up >= 1.7 && up <= 3, `valproate: ×${up.toFixed(2)}`);
  assert.ok(
    withVpa.halfLifeHours >= 30 && withVpa.halfLifeHours <= 90,
    `t½ with VPA ${withVpa.halfLifeHours}`,
  );
  assert.ok(down >= 0.35 && down <= 0.65, `carbamazepine: ×${down.toFixed(2)}`);
  assert.ok(
    withCbz.halfLifeHours >= 8 && withCbz.halfLifeHours <= 20,
    `t½ with CBZ ${withCbz.halfLifeHours}`,
  );
});

test("stiripentol raises N-desmethylclobazam and clobazam", () => {
  const clb = { drug: "clobazam", dose: 10, every: 12 };
  const alone = steadyState(run([clb], 30), "clobazam");
  const withStp = steadyState(run([clb, { drug: "stiripentol", dose: 750, every: 12 }], 30), "clobazam");
  assert.ok(withStp.average / alone.average > 1.5);
  assert.ok(withStp.other!.average / alone.other!.average > 3);
});

test("phenytoin: doubling the dose near Css ≈ Km more than doubles Css (drugs.md §6.2)", () => {
  const low = steadyState(run([{ drug: "phenytoin", dose: 150, every: 24 }], 70), "phenytoin");
  const high = steadyState(run([{ drug: "phenytoin", dose: 300, every: 24 }], 70), "phenytoin");
  assert.ok(low.average > 2 && low.average < 12, `150 mg/day: ${low.average}`);
  assert.ok(high.average / low.average > 2.5, `ratio ${high.average / low.average}`);
  // Half-life lengthens with concentration under saturable elimination.
  assert.ok(high.halfLifeHours > low.halfLifeHours * 1.5);
});

test("a single oral dose follows the Bateman function exactly (lamotrigine, one compartment)", () => {
  const r = run([{ drug: "lamotrigine", dose: 100, every: 24, stop: 1 }], 5);
  const d = findDrug("lamotrigine");
  const v = d.pk.volume.value * 70;
  const ke = Math.LN2 / 25;
  const ka = d.pk.absorptionRate.value;
  const f = d.pk.bioavailability.value;
  for (let s = 0; s < r.times.length; s += 7) {
    const t = r.times[s];
    const expected = ((f * 100 * ka) / (v * (ka - ke))) * (Math.exp(-ke * t) - Math.exp(-ka * t));
    assert.ok(Math.abs(r.drugs[0].parent[s] - expected) <= 1e-12 + 1e-10 * expected, `t = ${t}`);
  }
});

test("linearity, time shift and mass balance (AUC·CL = F·dose) for linear drugs", () => {
  const a = run([{ drug: "everolimus", dose: 5, every: 24 }], 20);
  const b = run([{ drug: "everolimus", dose: 10, every: 24 }], 20);
  for (let s = 0; s < a.times.length; s++)
    assert.ok(
      Math.abs(b.drugs[0].parent[s] - 2 * a.drugs[0].parent[s]) <= 1e-12 * b.drugs[0].parent[s] + 1e-15,
    );
  const late = run([{ drug: "everolimus", dose: 5, every: 24, start: 24 }], 21);
  for (let s = 0; s < a.times.length; s++) {
    const k = late.times.findIndex((t) => Math.abs(t - a.times[s] - 24) < 1e-9);
    assert.ok(
      Math.abs(late.drugs[0].parent[k] - a.drugs[0].parent[s]) <= 1e-12 * a.drugs[0].parent[s] + 1e-15,
    );
  }
  // Single dose of a two-compartment drug and of a drug with a metabolite, followed to ~0.
  for (const [drug, days] of [
    ["everolimus", 40],
    ["clobazam", 40],
  ] as const) {
    const one = run([{ drug, dose: 10, every: 24, stop: 1 }], days);
    const d = findDrug(drug);
    const w = 70;
    const cl =
      d.pk.elimination.kind === "clearance"
        ? d.pk.elimination.clearance.value * w
        : (Math.LN2 * d.pk.volume.value * w) / 18;
    let auc = 0;
    let aucMet = 0;
    const series = one.drugs[0];
    for (let s = 1; s < one.times.length; s++) {
      const dt = one.times[s] - one.times[s - 1];
      auc += 0.5 * (series.parent[s] + series.parent[s - 1]) * dt;
      if (series.metabolite) aucMet += 0.5 * (series.metabolite[s] + series.metabolite[s - 1]) * dt;
    }
    const absorbed = d.pk.bioavailability.value * 10;
    assert.ok(Math.abs((auc * cl) / absorbed - 1) < 2e-3, `${drug}: AUC·CL/F·D = ${(auc * cl) / absorbed}`);
    if (d.pk.metabolite) {
      const m = d.pk.metabolite;
      const clm = (Math.LN2 * m.volume.value * w) / m.halfLife.value;
      const formed = absorbed * m.fractionFormed.value * (m.molarMass.value / d.molarMass.value);
      assert.ok(
        Math.abs((aucMet * clm) / formed - 1) < 1e-2,
        `${drug} metabolite: ${(aucMet * clm) / formed}`,
      );
    }
  }
});

test("titration, missed doses and withdrawal change levels in the expected direction; runs are deterministic", () => {
  const full = run([{ drug: "levetiracetam", dose: 1000, every: 12 }], 10);
  const missed = run([{ drug: "levetiracetam", dose: 1000, every: 12, missed: [15, 16, 17] }], 10);
  const stopped = run([{ drug: "levetiracetam", dose: 1000, every: 12, stop: 120 }], 10);
  const at = (r: typeof full, h: number) => r.drugs[0].parent[r.times.findIndex((t) => t >= h)];
  assert.ok(at(missed, 8.5 * 24) < 0.2 * at(full, 8.5 * 24));
  assert.ok(at(missed, 9.9 * 24) > 0.9 * at(full, 9.9 * 24), "recovers after the missed doses");
  assert.ok(at(stopped, 9 * 24) < 1e-3 * at(full, 9 * 24), "withdrawn drug washes out");
  const titrated = titratedEntry("lamotrigine", 200, 12, 70);
  // Label monotherapy pace (25 mg/day for 2 weeks, +50 mg/day steps): 75, 125, 175, 200 mg/day.
  assert.ok((titrated.titration ?? []).length >= 4);
  const t = run([titrated], 120);
  assert.ok(at(t, 10 * 24) < at(t, 115 * 24) / 4, "titration starts low");
  const again = run([{ drug: "levetiracetam", dose: 1000, every: 12, missed: [15, 16, 17] }], 10);
  assert.deepEqual(Array.from(again.drugs[0].parent), Array.from(missed.drugs[0].parent));
});

test("bad regimens are refused with an error naming the entry", () => {
  const expand = (e: RegimenEntry[]) => () => expandRegimen(e, 70, 240);
  assert.throws(
    expand([{ drug: "carbamazepine", dose: -200, every: 12 }]),
    /regimen\[0\] \(carbamazepine\)\.dose = -200 mg/,
  );
  assert.throws(
    expand([{ drug: "carbamazepine", dose: 5000, every: 12 }]),
    /regimen\[0\] \(carbamazepine\)\.dose = 5000 mg every 12 h is 10000\.0 mg\/day, above twice the maximal daily dose.*\(0, 3200\.0\]/,
  );
  assert.throws(
    expand([{ drug: "aspirin", dose: 100, every: 12 }]),
    /regimen\[0\]\.drug: unknown drug 'aspirin'/,
  );
  assert.throws(
    expand([
      { drug: "levetiracetam", dose: 500, every: 12 },
      { drug: "LEV", dose: 1000, every: 12, start: 48 },
    ]),
    /regimen\[1\] \(levetiracetam\) overlaps regimen\[0\] \(levetiracetam\) from 48 h to the end/,
  );
  assert.doesNotThrow(
    expand([
      { drug: "levetiracetam", dose: 500, every: 12, stop: 48 },
      { drug: "levetiracetam", dose: 1000, every: 12, start: 48 },
    ]),
  );
  assert.throws(
    expand([{ drug: "valproate", dose: 500, every: 0 }]),
    /regimen\[0\] \(valproate\)\.every = 0 h is outside/,
  );
  assert.throws(
    expand([{ drug: "valproate", dose: 500, every: 12, titration: [{ at: 48, dose: 1e6 }] }]),
    /regimen\[0\] \(valproate\)\.titration\[0\]\.dose/,
  );
  assert.throws(
    expand([{ drug: "valproate", dose: 500, every: 12, start: 10, stop: 5 }]),
    /stop = 5 h must be after start/,
  );
});

test("event-driven: a year of twice-daily dosing costs a few exponentials per day of clearance change", () => {
  // Without interactions K never changes: one exponential per distinct step length.
  const plain = simulatePk([{ drug: "levetiracetam", dose: 1000, every: 12 }], ADULT, {
    horizonHours: 365 * 24,
    sampleHours: 12,
  });
  assert.equal(plain.propagators, 1);
  // With daily-updated induction, K changes once a day: about one exponential per drug and day.
  const induced = simulatePk(
    [
      { drug: "carbamazepine", dose: 400, every: 12 },
      { drug: "lamotrigine", dose: 100, every: 12 },
    ],
    ADULT,
    { horizonHours: 365 * 24, sampleHours: 12 },
  );
  assert.ok(induced.propagators <= 2 * 366, `${induced.propagators} exponentials`);
  const ss = steadyState(induced, "lamotrigine");
  assert.ok(ss.average > 0 && Number.isFinite(ss.halfLifeHours));
});
