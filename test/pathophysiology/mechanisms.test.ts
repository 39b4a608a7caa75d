/**
 * Patient mechanisms → regional x0, propensity and breakdown: each mechanism moves the seizure
 * propensity in its cited direction and monotonically in its strength, the breakdown's shifts sum
 * to the total, and bad input is rejected naming the field.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CELL_TO_NETWORK_CALIBRATION as calibration } from "../../src/bridges/generated/cell-to-network-calibration.js";
import { PROPENSITY_TABLE as table } from "../../src/bridges/generated/propensity-table.js";
import { loadConnectome } from "../../src/io/connectome.js";
import { renderReport } from "../../src/io/report.js";
import { validateScenario } from "../../src/io/scenario.js";
import { runNetworkScenario, summariseNetworkRun } from "../../src/pipeline/run-network.js";
import { excitabilityMap } from "../../src/pathophysiology/epileptogenic-zones.js";
import { LESION_IDS } from "../../src/pathophysiology/lesions.js";
import { applyMechanisms, type PatientMechanisms } from "../../src/pathophysiology/mechanisms.js";
import { VARIANTS } from "../../src/pathophysiology/variants.js";
import { networkExample } from "../helpers.js";

const connectome = loadConnectome("tvb76");
const hypothesis = {
  epileptogenicZone: ["lHC", "lAMYG"],
  propagationZone: ["lPHC"],
  x0: { epileptogenic: -2.7, propagation: -2.6, other: -2.6 },
  x0ByRegion: {},
};
const base = excitabilityMap(connectome, hypothesis);
const NONE: PatientMechanisms = { lesions: [], variants: [] };

function rate(m: Partial<PatientMechanisms>): number {
  return applyMechanisms(
    { ...NONE, ...m },
    {
      connectome,
      epileptogenicZone: hypothesis.epileptogenicZone,
      x0: base.x0,
      zones: base.zones,
      calibration,
      table,
    },
  ).propensity.seizuresPerDay;
}

function increasing(values: number[], what: string): void {
  for (let k = 1; k < values.length; k++)
    assert.ok(values[k] > values[k - 1], `${what}: ${values.join(", ")}`);
}

test("each lesion raises seizure propensity monotonically with severity", () => {
  for (const type of LESION_IDS) {
    increasing(
      [0, 0.25, 0.5, 0.75, 1].map((severity) => rate({ lesions: [{ type, regions: ["lHC"], severity }] })),
      type,
    );
  }
  // Multifocal: a second lesioned EZ region adds to the first only through the more excitable
  // region (propensity reads the EZ's most excitable region), never lowering it.
  const one = rate({ lesions: [{ type: "tumour", regions: ["lHC"], severity: 1 }] });
  const two = rate({ lesions: [{ type: "tumour", regions: ["lHC", "lAMYG"], severity: 1 }] });
  assert.ok(two >= one);
});

test("inflammation raises propensity with its level; raised 5-HT (fenfluramine) and NE (VNS) lower it", () => {
  increasing(
    [0, 0.3, 0.6, 0.9].map((I) =>
      rate({
        inflammation: { state: { I, B: I, D: 0, R: I }, daysSinceOnset: 0, seizureFeedback: "intrinsic" },
      }),
    ),
    "inflammation",
  );
  const serotonin = [0.5, 1, 2, 4].map((s) => rate({ neuromodulators: { serotonin: s, noradrenaline: 1 } }));
  const noradrenaline = [0.5, 1, 1.28, 2].map((s) =>
    rate({ neuromodulators: { serotonin: 1, noradrenaline: s } }),
  );
  for (const [name, values] of [
    ["serotonin", serotonin],
    ["noradrenaline", noradrenaline],
  ] as const) {
    increasing([...values].reverse(), name);
  }
  // Doubling 5-HT roughly halves the rate; +28% NE (1 mA VNS, Roosevelt et al. 2006) removes about a third.
  const s = serotonin[2] / serotonin[1];
  const n = noradrenaline[2] / noradrenaline[1];
  assert.ok(s > 0.3 && s < 0.6, `serotonin x2: ratio ${s}`);
  assert.ok(n > 0.55 && n < 0.85, `noradrenaline +28%: ratio ${n}`);
});

test("every variant with a cell-level effect raises propensity; CACNA1H (thalamic) does not here", () => {
  const none = rate({});
  for (const v of VARIANTS) {
    const r = rate({ variants: [v.id] });
    if (v.id === "CACNA1H-GoF") assert.equal(r, none);
    else assert.ok(r > none, v.id);
  }
});

test("breakdown: per-mechanism shifts sum to the total, removing a mechanism lowers propensity", () => {
  const result = applyMechanisms(
    {
      lesions: [{ type: "hippocampal-sclerosis", regions: ["lHC"], severity: 0.8 }],
      inflammation: {
        state: { I: 0.5, B: 0.4, D: 0.2, R: 0.4 },
        daysSinceOnset: 0,
        seizureFeedback: "intrinsic",
      },
      neuromodulators: { serotonin: 1.5, noradrenaline: 1 },
      variants: ["KCNQ2-BFNS"],
    },
    {
      connectome,
      epileptogenicZone: hypothesis.epileptogenicZone,
      x0: base.x0,
      zones: base.zones,
      calibration,
      table,
    },
  );
  assert.equal(result.breakdown.length, 4);
  assert.ok(result.propensity.x0 < -1.7, "inside the table, not saturated");
  const sum = result.breakdown.reduce((s, b) => s + b.deltaX0, 0);
  assert.ok(Math.abs(sum - result.deltaX0) < 1e-12, `${sum} vs ${result.deltaX0}`);
  for (const d of result.derived) {
    const parts = Object.values(d.contributions).reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(parts - d.deltaX0) < 1e-12 && Math.abs(d.x0Base + d.deltaX0 - d.x0) < 1e-12, d.region);
  }
  for (const b of result.breakdown) {
    if (b.deltaX0 > 0) assert.ok(b.seizuresPerDayWithout < result.propensity.seizuresPerDay, b.mechanism);
    else assert.ok(b.seizuresPerDayWithout > result.propensity.seizuresPerDay, b.mechanism);
  }
  // The lesion's connectivity edit reaches the weights of its region only.
  const n = connectome.labels.length;
  const i = connectome.labels.indexOf("lHC");
  const j = connectome.labels.indexOf("rHC");
  const k = connectome.labels.findIndex((_, q) => q !== i && connectome.weights[i * n + q] > 0);
  assert.ok(result.weights[i * n + k] < connectome.weights[i * n + k]);
  assert.equal(result.weights[j * n + ((j + 1) % n)], connectome.weights[j * n + ((j + 1) % n)]);
});

test("bad mechanism input is rejected with the field name", () => {
  const scenario = (mechanisms: unknown) => ({
    schemaVersion: 1,
    kind: "network",
    patient: { epileptogenicZone: ["lHC"], mechanisms },
  });
  assert.throws(
    () =>
      validateScenario(
        scenario({ lesions: [{ type: "hippocampal-sclerosis", regions: ["lHC"], severity: 2 }] }),
      ),
    /patient\.mechanisms\.lesions\[0\]\.severity = 2: must be <= 1/,
  );
  assert.throws(
    () => validateScenario(scenario({ lesions: [{ type: "cyst", regions: ["lHC"] }] })),
    /patient\.mechanisms\.lesions\[0\]\.type = "cyst": allowed values are "hippocampal-sclerosis"/,
  );
  assert.throws(
    () => validateScenario(scenario({ variants: ["SCN9Z"] })),
    /patient\.mechanisms\.variants\[0\] = "SCN9Z": unknown variant/,
  );
  assert.throws(
    () =>
      validateScenario(
        scenario({ inflammation: { state: { I: 0, B: 0, D: 0, R: 0 }, insult: { amplitude: 0.1 } } }),
      ),
    /patient\.mechanisms\.inflammation: give either `state` or `insult`/,
  );
  assert.throws(
    () => validateScenario(scenario({ neuromodulators: { serotonin: 0 } })),
    /patient\.mechanisms\.neuromodulators\.serotonin = 0: must be >= 0\.1/,
  );
  assert.throws(
    () => rate({ lesions: [{ type: "tumour", regions: ["lHCX"], severity: 1 }] }),
    /patient\.mechanisms\.lesions\[0\]\.regions\[0\]/,
  );
});

test("ictal run: the MTLE-HS example reports derived parameters, propensity and a consistent breakdown", () => {
  const scenario = networkExample("patient-mtle-hs.yaml", (raw) => {
    (raw.simulation as Record<string, unknown>).duration = 200;
  });
  const run = runNetworkScenario(scenario, { connectome, sensors: null });
  const summary = summariseNetworkRun(run);
  assert.ok(summary.propensity.seizuresPerDay > 0 && summary.propensity.region === "lHC");
  assert.deepEqual(
    summary.breakdown.map((b) => b.mechanism),
    ["lesion hippocampal-sclerosis (lHC)", "inflammation"],
  );
  const sum = summary.breakdown.reduce((s, b) => s + b.deltaX0, 0);
  assert.ok(Math.abs(sum - summary.deltaX0Total) < 1e-12);
  const hc = summary.derivedParameters.find((d) => d.region === "lHC");
  assert.ok(
    hc !== undefined && hc.deltaX0 > 0 && Math.abs(hc.x0 - run.x0[connectome.labels.indexOf("lHC")]) < 1e-6,
  );
  assert.ok(
    summary.inflammation !== null && summary.inflammation.I > 0.5,
    "two years after the insult: chronic",
  );
  for (const b of summary.breakdown) assert.ok(b.seizuresPerDayWithout < summary.propensity.seizuresPerDay);
});

test("the HTML report shows the breakdown as a bar chart", () => {
  const html = renderReport({
    title: "t",
    summary: {},
    scenarioText: "",
    traces: { channelLabels: ["a"], sampleRateHz: 10, startSeconds: 0, data: new Float64Array(20) },
    seizures: [],
    onsets: [],
    mechanisms: {
      seizuresPerDay: 0.23,
      breakdown: [
        { mechanism: "lesion <HS>", seizuresPerDayWithout: 5.7e-5, deltaX0: 0.32 },
        { mechanism: "neuromodulators", seizuresPerDayWithout: 0.4, deltaX0: -0.02 },
      ],
    },
  });
  assert.ok(html.includes('aria-label="mechanism breakdown chart"'));
  assert.equal((html.match(/class="bar"/g) ?? []).length, 2);
  assert.ok(html.includes("lesion &lt;HS&gt;") && html.includes("without: 0.40/day"));
  // No mechanisms, no chart.
  const plain = renderReport({
    title: "t",
    summary: {},
    scenarioText: "",
    traces: { channelLabels: ["a"], sampleRateHz: 10, startSeconds: 0, data: new Float64Array(20) },
    seizures: [],
    onsets: [],
  });
  assert.ok(!plain.includes("mechanism breakdown chart"));
});

test("Wendling scenarios: the mechanisms scale the affected regions' gains A, B, G", () => {
  const scenario = networkExample("wendling-hippocampus.yaml", (raw) => {
    const patient = raw.patient as Record<string, unknown>;
    patient.mechanisms = {
      lesions: [{ type: "hippocampal-sclerosis", regions: ["lHC"], severity: 1 }],
      variants: [],
    };
    (raw.simulation as Record<string, unknown>).duration = 3000;
  });
  const run = runNetworkScenario(scenario, { connectome, sensors: null });
  const hc = run.activity!.find((a) => a.region === "lHC")!;
  const other = run.activity!.find((a) => a.region === "rHC")!;
  const gains = run.mechanisms.derived.find((d) => d.region === "lHC")!.wendling;
  // Zone values (B 5, G 25) times the lesion's factors; A from the shared 5.
  assert.ok(Math.abs(hc.parameters.A - 5 * gains.A) < 1e-12);
  assert.ok(Math.abs(hc.parameters.B - 5 * gains.B) < 1e-12);
  assert.ok(Math.abs(hc.parameters.G - 25 * gains.G) < 1e-12);
  // Neuronal loss shrinks all three; excitation relative to dendritic inhibition still rises.
  assert.ok(gains.A / gains.B > 1 && gains.A / gains.G > 1);
  assert.deepEqual([other.parameters.A, other.parameters.B, other.parameters.G], [5, 50, 15]);
});

test("closed loop in a patient: a more excitable EZ has more seizures and so more inflammation", () => {
  const inflamed = (x0: number) => {
    const map = excitabilityMap(connectome, { ...hypothesis, x0: { ...hypothesis.x0, epileptogenic: x0 } });
    return applyMechanisms(
      {
        ...NONE,
        inflammation: {
          insult: { target: "B", amplitude: 0.02, days: 7 },
          daysSinceOnset: 120,
          seizureFeedback: "propensity",
        },
      },
      {
        connectome,
        epileptogenicZone: hypothesis.epileptogenicZone,
        x0: map.x0,
        zones: map.zones,
        calibration,
        table,
      },
    ).inflammation!;
  };
  const calm = inflamed(-2.7);
  const excitable = inflamed(-2.2);
  assert.ok(excitable.I > 2 * calm.I && excitable.pgp > calm.pgp, `I ${calm.I} vs ${excitable.I}`);
});
