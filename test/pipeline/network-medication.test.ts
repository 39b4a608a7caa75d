/**
 * A network patient's medication timeline (patient.medication): levels on the evaluated day,
 * occupancies, the x0 mapping (default: the interim weights; the cell → network bridge on request),
 * the summary fields, the report's concentration chart, and
 * bad regimens refused with an error naming the entry.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadConnectome } from "../../src/io/connectome.js";
import { loadSensors } from "../../src/io/sensors.js";
import { renderNetworkOutputs } from "../../src/io/outputs.js";
import { parseScenario, ScenarioError, type NetworkScenario } from "../../src/io/scenario.js";
import { runNetworkScenario, summariseNetworkRun } from "../../src/pipeline/run-network.js";
import { applyPatientMedication } from "../../src/pipeline/network-medication.js";
import type { PatientMedication } from "../../src/io/medication-scenario.js";
import { networkExample } from "../helpers.js";

const connectome = loadConnectome("tvb76");

function medication(yaml: string): PatientMedication {
  const s = parseScenario(`schemaVersion: 1\nkind: network\npatient:\n  medication:\n${yaml}`, "test.yaml");
  if (s.kind !== "network" || s.patient.medication === undefined) throw new Error("no medication");
  return s.patient.medication;
}
const X0 = new Float64Array([-1.6, -1.8, -2.4]);

test("patient-medication.yaml: levels in range on the last day, x0 lowered in every region, summary and chart", () => {
  const scenario = networkExample("patient-medication.yaml", (raw) => {
    const sim = raw.simulation as NetworkScenario["simulation"];
    (raw as { simulation: unknown }).simulation = { ...sim, duration: 400 };
  });
  const run = runNetworkScenario(scenario, { connectome, sensors: loadSensors("seeg_588") });
  const summary = summariseNetworkRun(run);
  const m = summary.medication!;
  assert.equal(m.days, 84);
  assert.equal(m.evaluatedDay, 83);
  for (const drug of ["carbamazepine", "levetiracetam"] as const) {
    const d = m.drugs[drug];
    // Usual doses (400 mg and 1000 mg every 12 h) give day-averages inside the catalogue's range.
    assert.ok(d.therapeuticRange !== null);
    assert.ok(
      d.plasmaAverage! >= d.therapeuticRange.low && d.plasmaAverage! <= d.therapeuticRange.high,
      `${drug}: ${JSON.stringify(d)}`,
    );
    assert.ok(d.plasmaTrough! <= d.plasmaAverage! && d.plasmaAverage! <= d.plasmaPeak!);
    assert.ok(d.plasmaPeak! < d.adverseThreshold, `${drug} below its adverse threshold`);
    assert.ok(d.brainUnbound > 0);
  }
  assert.ok(m.drugs.carbamazepine.occupancies.nav! > 0.1 && m.drugs.carbamazepine.occupancies.nav! < 0.5);
  assert.ok(m.drugs.levetiracetam.occupancies.sv2a! > 0.9);
  // Default mapping: the interim weights (the bridge gets the Na blockers' sign wrong, drugs.md §5).
  assert.match(m.network.mapping, /interim direct mapping/);
  assert.ok(m.network.x0Shift < -0.05, `Δx0 ${m.network.x0Shift}`);
  // Propensity on treatment: same regions as the untreated one, read at the medicated x0.
  assert.equal(m.propensity.region, summary.propensity.region);
  assert.equal(m.propensity.seizuresPerDayWithout, summary.propensity.seizuresPerDay);
  assert.ok(Math.abs(m.propensity.x0 - (summary.propensity.x0 + m.network.x0Shift)) < 1e-5);
  assert.ok(
    m.propensity.seizuresPerDay < m.propensity.seizuresPerDayWithout,
    `on treatment ${m.propensity.seizuresPerDay}/day vs untreated ${m.propensity.seizuresPerDayWithout}/day`,
  );
  assert.equal(m.parameterChanges.length, connectome.labels.length);
  for (const c of m.parameterChanges) assert.ok(Math.abs(c.after - (c.before + m.network.x0Shift)) < 1e-5);
  const lhc = m.parameterChanges.find((c) => c.region === "lHC")!;
  assert.equal(lhc.before, -1.6);
  // The network runs with the medicated map.
  assert.ok(Math.abs(run.x0[connectome.labels.indexOf("lHC")] - lhc.after) < 1e-6);

  const { files } = renderNetworkOutputs(run, summary, "scenario", "/out");
  const html = files.find((f) => f.name.endsWith(".report.html"))!.bytes as string;
  assert.match(html, /<h2>Medication<\/h2>/);
  assert.match(html, /<title>carbamazepine: plasma mg\/L<\/title>/);
  assert.match(html, /<title>therapeutic range 4–12 mg\/L<\/title>/);
  assert.match(html, /<title>adverse-effect threshold 46 mg\/L<\/title>/);
  assert.ok(!/<script/i.test(html));
});

// The interim weights, also selected explicitly with `networkMapping: interim` (the default):
// dose-monotone by construction, so they test the timeline plumbing.
test("interim mapping: a higher dose shifts x0 further down; a withdrawn drug leaves x0 unchanged; same seed, same result", () => {
  const at = (dose: number) =>
    applyPatientMedication(
      medication(
        `    regimen: [{ drug: carbamazepine, doseMg: ${dose}, everyHours: 12 }]\n    days: 42\n    networkMapping: interim\n`,
      ),
      X0,
      1,
    );
  const low = at(200);
  const high = at(400);
  assert.equal(high.mapping, "interim");
  assert.ok(high.drugs.carbamazepine.plasmaAverage! > low.drugs.carbamazepine.plasmaAverage!);
  assert.ok(low.x0Shift < 0 && high.x0Shift < low.x0Shift, `Δx0 ${low.x0Shift} → ${high.x0Shift}`);
  for (let i = 0; i < X0.length; i++) assert.ok(high.x0After[i] < low.x0After[i]);
  assert.deepEqual(at(400).x0After, high.x0After);

  // Withdrawn 30 days before the evaluated day (≥ 50 half-lives of induced carbamazepine): no
  // level left, no target occupied, x0 as without medication. Every catalogue target carries a
  // network weight, so "no relevant target" is checked as "no drug on board".
  const stopped = applyPatientMedication(
    medication(
      `    regimen: [{ drug: carbamazepine, doseMg: 400, everyHours: 12, stopDay: 12 }]\n    days: 42\n    networkMapping: interim\n`,
    ),
    X0,
    1,
  );
  assert.ok(stopped.drugs.carbamazepine.brainUnbound < 1e-6);
  for (let i = 0; i < X0.length; i++) assert.ok(Math.abs(stopped.x0After[i] - X0[i]) < 1e-6);

  // Evaluating the day of the withdrawal instead sees the drug.
  const earlier = applyPatientMedication(
    medication(
      `    regimen: [{ drug: carbamazepine, doseMg: 400, everyHours: 12, stopDay: 12 }]\n    days: 42\n    evaluateAtDay: 11\n    networkMapping: interim\n`,
    ),
    X0,
    1,
  );
  assert.ok(earlier.x0Shift < -0.03);

  // P-gp does not touch a non-substrate; network resistance halves the shift.
  const halved = applyPatientMedication(
    medication(
      `    regimen: [{ drug: carbamazepine, doseMg: 400, everyHours: 12 }]\n    days: 42\n    networkMapping: interim\n    resistance: { network: { gain: 0.5 }, transporter: { pgpExpression: 3 } }\n`,
    ),
    X0,
    1,
  );
  assert.ok(Math.abs(halved.x0Shift - 0.5 * high.x0Shift) < 1e-12);
});

test("networkMapping: bridge selects the cell → network bridge, with the patient's variants", () => {
  const yaml =
    "    regimen: [{ drug: carbamazepine, doseMg: 400, everyHours: 12 }]\n    days: 42\n    networkMapping: bridge\n";
  const plain = applyPatientMedication(medication(yaml), X0, 1);
  const dravet = applyPatientMedication(medication(yaml), X0, 1, ["SCN1A"]);
  assert.equal(plain.mapping, "bridge");
  // The Na blocker on an interneuron that has lost half its Nav1.1 current: aggravation (drugs.md §5).
  assert.ok(dravet.x0Shift > plain.x0Shift && dravet.x0Shift > 0, `${plain.x0Shift} → ${dravet.x0Shift}`);
});

test("bad medication entries are refused with the entry named", () => {
  const problems = (yaml: string, model = "") => {
    try {
      parseScenario(`schemaVersion: 1\nkind: network\n${model}patient:\n  medication:\n${yaml}`, "bad.yaml");
    } catch (err) {
      assert.ok(err instanceof ScenarioError);
      return err.problems.join("\n");
    }
    assert.fail("accepted");
  };
  assert.match(
    problems("    regimen: [{ drug: valium, doseMg: 5, everyHours: 12 }]\n"),
    /patient\.medication\.regimen\[0\]\.drug = "valium": unknown drug/,
  );
  assert.match(
    problems("    regimen: [{ drug: carbamazepine, doseMg: -200, everyHours: 12 }]\n"),
    /patient\.medication\.regimen\[0\]\.doseMg = -200: must be > 0/,
  );
  assert.match(
    problems("    regimen: [{ drug: carbamazepine, doseMg: 5000, everyHours: 12 }]\n"),
    /patient\.medication\.regimen\[0\] \(carbamazepine\)\.doseMg = 5000 mg every 12 h is 10000\.0 mg\/day, above twice/,
  );
  assert.match(
    problems(
      "    regimen:\n      - { drug: levetiracetam, doseMg: 500, everyHours: 12 }\n      - { drug: LEV, doseMg: 1000, everyHours: 12, startDay: 14 }\n",
    ),
    /patient\.medication\.regimen\[1\] \(levetiracetam\) overlaps patient\.medication\.regimen\[0\] \(levetiracetam\) from 336 h/,
  );
  assert.match(
    problems(
      "    regimen: [{ drug: carbamazepine, doseMg: 200, everyHours: 12 }]\n    days: 10\n    evaluateAtDay: 10\n",
    ),
    /patient\.medication\.evaluateAtDay = 10: must be < the timeline length \(10 days\)/,
  );
  assert.match(
    problems(
      "    regimen: [{ drug: carbamazepine, doseMg: 200, everyHours: 12 }]\n    resistance: { pharmacokinetic: { clearanceFactor: { nodrug: 2 } } }\n",
    ),
    /patient\.medication\.resistance: unknown drug/,
  );
  assert.match(
    problems(
      "    regimen: [{ drug: carbamazepine, doseMg: 200, everyHours: 12 }]\n",
      "model: { name: wendling }\nsimulation: { secondsPerUnit: 0.001, dt: 0.1, samplePeriod: 1, duration: 4000 }\n",
    ),
    /the Wendling model has none/,
  );
});
