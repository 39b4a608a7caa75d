/**
 * examples/wendling-hippocampus.yaml end to end: the epileptogenic hippocampus set to the
 * published low-voltage-rapid point gives low-voltage rapid activity, the propagation-zone
 * amygdala (B = 25) a sustained discharge of spikes, every other region normal background, for
 * seeds 1–3; region overrides win over zones; the usual outputs (SEEG from the LFP, EDF, report
 * with the activity table) are written and are byte-identical for the same seed; Wendling-specific
 * scenario rules give errors naming the field.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadConnectome } from "../../src/io/connectome.js";
import { loadSensors } from "../../src/io/sensors.js";
import { renderNetworkOutputs } from "../../src/io/outputs.js";
import { runNetworkScenario, summariseNetworkRun } from "../../src/pipeline/run-network.js";
import { parseScenario, ScenarioError, type NetworkScenario } from "../../src/io/scenario.js";
import { ACTIVITY_TYPES } from "../../src/observe/activity-type.js";
import { readEdf } from "../../src/io/edf.js";
import { exampleText, networkExample } from "../helpers.js";

const connectome = loadConnectome("tvb76");
const sensors = loadSensors("seeg_588");

function summaryOf(scenario: NetworkScenario, seed: number) {
  return summariseNetworkRun(runNetworkScenario(scenario, { connectome, sensors, seed }));
}

for (const seed of [1, 2, 3]) {
  test(`wendling-hippocampus seed ${seed}: lHC low-voltage-rapid, lAMYG sustained-spikes, the rest normal`, () => {
    const summary = summaryOf(networkExample("wendling-hippocampus.yaml"), seed);
    assert.equal(summary.model, "wendling");
    const activity = summary.activity!;
    assert.equal(activity.length, connectome.labels.length);
    const typeOf = Object.fromEntries(activity.map((a) => [a.region, a.activityType]));
    assert.equal(typeOf.lHC, "low-voltage-rapid");
    assert.equal(typeOf.lAMYG, "sustained-spikes");
    const others = activity.filter(
      (a) => a.region !== "lHC" && a.region !== "lAMYG" && a.activityType !== "normal",
    );
    assert.deepEqual(
      others.map((a) => `${a.region}: ${a.activityType}`),
      [],
    );
    for (const a of activity) assert.ok((ACTIVITY_TYPES as readonly string[]).includes(a.activityType));
    const lhc = activity.find((a) => a.region === "lHC")!;
    assert.deepEqual([lhc.A, lhc.B, lhc.G, lhc.zone], [5, 5, 25, "epileptogenic"]);
    assert.equal(summary.seizures.length, 0, "state-based seizures are an Epileptor notion");
    assert.ok(summary.seeg !== null && summary.seeg.channels > 0 && summary.seeg.sampleRateHz === 500);
  });
}

test("region overrides win over zone values and the shared parameters", () => {
  const scenario = networkExample("wendling-hippocampus.yaml", (raw) => {
    const model = raw.model as Record<string, unknown>;
    // lHC back to background (over its zone), rHC to the quasi-sinusoidal point (G = 0).
    model.regions = { lHC: { B: 50, G: 15 }, rHC: { B: 15, G: 0 } };
  });
  const typeOf = Object.fromEntries(summaryOf(scenario, 1).activity!.map((a) => [a.region, a.activityType]));
  assert.equal(typeOf.lHC, "normal");
  assert.equal(typeOf.rHC, "quasi-sinusoidal");
  assert.equal(typeOf.lAMYG, "sustained-spikes");
  const bad = networkExample("wendling-hippocampus.yaml", (raw) => {
    (raw.model as Record<string, unknown>).regions = { lHIPPO: { B: 5 } };
  });
  assert.throws(
    () => runNetworkScenario(bad, { connectome, sensors: null }),
    /model\.regions\.lHIPPO.*not a region/,
  );
});

test("outputs: EDF of the SEEG, report with the activity table, byte-identical for the same seed", () => {
  const scenario = networkExample("wendling-hippocampus.yaml");
  const render = (seed: number) => {
    const run = runNetworkScenario(scenario, { connectome, sensors, seed });
    return renderNetworkOutputs(
      run,
      summariseNetworkRun(run),
      exampleText("wendling-hippocampus.yaml"),
      "out",
    );
  };
  const a = render(2);
  const b = render(2);
  a.files.forEach((file, k) =>
    assert.ok(Buffer.from(file.bytes).equals(Buffer.from(b.files[k].bytes)), `${file.name} differs`),
  );
  const byName = (suffix: string) => a.files.find((f) => f.name.endsWith(suffix))!;
  const html = String(byName(".report.html").bytes);
  assert.match(html, /<h2>Activity types<\/h2>/);
  assert.match(
    html,
    /<td>lHC<\/td><td>epileptogenic<\/td><td><i class="dot"[^>]*><\/i>low-voltage-rapid<\/td>/,
  );
  const edf = readEdf(byName(".edf").bytes as Uint8Array);
  assert.equal(edf.signals.length, a.summary.seeg!.channels);
  assert.equal(edf.signals[0].samplesPerSecond, 500);
  const summary = JSON.parse(String(byName("summary.json").bytes));
  assert.equal(
    summary.activity.find((x: { region: string }) => x.region === "lAMYG").activityType,
    "sustained-spikes",
  );
});

test("Wendling scenario rules: time unit, noise, transient, integrator, ranges per zone", () => {
  const text = exampleText("wendling-hippocampus.yaml");
  const problems = (edit: (t: string) => string) => {
    try {
      parseScenario(edit(text), "w.yaml");
    } catch (err) {
      assert.ok(err instanceof ScenarioError);
      return err.problems.join("\n");
    }
    return "";
  };
  assert.match(
    problems((t) => t.replace("secondsPerUnit: 0.001", "secondsPerUnit: 0.01")),
    /secondsPerUnit = 0\.01: .*millisecond/,
  );
  assert.match(
    problems((t) => t.replace("integrator: heun", "integrator: heun\n  noise: { y6: 1 }")),
    /simulation\.noise: .*pSd/,
  );
  assert.match(
    problems((t) => t.replace("activityTransient: 1000", "activityTransient: 10000")),
    /at least 2000 ms/,
  );
  assert.match(
    problems((t) => t.replace("integrator: heun", "integrator: rk4")),
    /rk4.*pSd/,
  );
  assert.match(
    problems((t) => t.replace("samplePeriod: 2", "samplePeriod: 10")),
    /above 120 Hz/,
  );
  assert.match(
    problems((t) => t.replace("{ B: 5, G: 25 }", "{ B: 500, G: 25 }")),
    /model\.zones\.epileptogenic\.B = 500: must be <= 100/,
  );
  assert.match(
    problems((t) => t.replace("{ B: 25 }", "{ a: 0.2 }")),
    /model\.zones\.propagation: unknown field\(s\) 'a'/,
  );
  assert.equal(
    problems((t) => t),
    "",
  );
});
