/**
 * The microcircuit scenario kind end to end: both examples through the pipeline (shortened), the
 * Dravet one more synchronous and with population events; same seed → identical spikes; the
 * command line writes summary.json, spikes.csv and report.html; bad fields are named.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseScenario, ScenarioError, type MicrocircuitScenario } from "../../src/io/scenario.js";
import { runMicrocircuitScenario, summariseMicrocircuitRun } from "../../src/pipeline/run-microcircuit.js";
import { renderMicrocircuitOutputs, spikesCsv } from "../../src/io/microcircuit-outputs.js";
import { golombFastSpiking, wangBuzsakiInterneuron } from "../../src/engines/cell/models.js";
import { exampleText, ROOT } from "../helpers.js";

/** An example with its duration cut to `duration` ms to keep the suite fast. */
function example(name: string, duration = 1000): MicrocircuitScenario {
  const scenario = parseScenario(exampleText(name), name);
  if (scenario.kind !== "microcircuit") throw new Error(`${name} is not a microcircuit scenario`);
  return { ...scenario, simulation: { ...scenario.simulation, duration } };
}

test("microcircuit examples: the Dravet variant synchronises the pyramidal cells and adds events", () => {
  const baseline = summariseMicrocircuitRun(runMicrocircuitScenario(example("microcircuit-baseline.yaml")));
  const dravet = summariseMicrocircuitRun(runMicrocircuitScenario(example("microcircuit-dravet.yaml")));
  assert.deepEqual(dravet.variants, ["SCN1A-LoF"]);
  assert.match(dravet.models.inhibitory, /SCN1A-LoF/);
  const chiBase = baseline.synchrony.excitatory as number;
  const chiDravet = dravet.synchrony.excitatory as number;
  // Thresholds as in test/engines/cell/microcircuit.test.ts (asynchronous below 0.35, bursting
  // above 0.5), applied to the examples as shipped.
  assert.ok(chiBase < 0.35, `baseline χE ${chiBase}`);
  assert.equal(baseline.events.length, 0, "baseline has no population event");
  assert.ok(chiDravet > 0.5 && chiDravet > chiBase + 0.2, `Dravet χE ${chiDravet} vs ${chiBase}`);
  assert.ok(dravet.events.length >= 1, `Dravet events ${dravet.events.length}`);
  assert.ok((dravet.rates.excitatory as number) > (baseline.rates.excitatory as number));
  for (const e of dravet.events) assert.ok((e.onsetMs as number) >= 200 && (e.offsetMs as number) <= 1000);
});

test("same seed → identical spikes; another seed → different spikes", () => {
  const scenario = example("microcircuit-baseline.yaml", 300);
  const a = runMicrocircuitScenario(scenario);
  const b = runMicrocircuitScenario(scenario);
  assert.ok(a.result.spikeNeurons.length > 0);
  assert.deepEqual(a.result.spikeNeurons, b.result.spikeNeurons);
  assert.deepEqual(a.result.spikeSteps, b.result.spikeSteps);
  assert.equal(spikesCsv(a), spikesCsv(b));
  const c = runMicrocircuitScenario(scenario, { seed: 2 });
  assert.notDeepEqual(c.result.spikeSteps, a.result.spikeSteps);
});

test("circuit.inhibitoryModel replaces the base interneuron before variants (exploration option)", () => {
  const scenario = example("microcircuit-dravet.yaml", 300);
  const plain = runMicrocircuitScenario(scenario);
  const explicitWb = runMicrocircuitScenario(scenario, {
    circuit: { inhibitoryModel: wangBuzsakiInterneuron() },
  });
  assert.deepEqual(explicitWb.result.spikeSteps, plain.result.spikeSteps, "Wang–Buzsáki is the default");
  const fs = runMicrocircuitScenario(scenario, { circuit: { inhibitoryModel: golombFastSpiking() } });
  assert.match(fs.inhibitoryModel.description, /Golomb 2007/);
  const na = (m: typeof fs.inhibitoryModel) => m.channels.find((c) => c.name === "na")!.conductance;
  assert.equal(na(fs.inhibitoryModel), na(golombFastSpiking()) * 0.5, "SCN1A halves the FS cell's g_Na");
  assert.ok(fs.inhibitoryModel.channels.some((c) => c.name === "kd"));
  assert.notDeepEqual(fs.result.spikeSteps, plain.result.spikeSteps);
});

test("outputs: spikes.csv matches the spike count, the report holds a raster and a rate plot", () => {
  const run = runMicrocircuitScenario(example("microcircuit-dravet.yaml", 500));
  const summary = summariseMicrocircuitRun(run);
  const { files, summary: withFiles } = renderMicrocircuitOutputs(run, summary, "scenario text", "/out");
  assert.deepEqual(
    files.map((f) => f.name),
    ["spikes.csv", "report.html", "summary.json"],
  );
  const csv = files[0].bytes as string;
  assert.equal(csv.trim().split("\n").length - 1, summary.spikes);
  assert.match(csv, /^time_ms,population,neuron\n/);
  const html = files[1].bytes as string;
  assert.match(html, /<title>spike raster<\/title>/);
  assert.match(html, /<title>population rates<\/title>/);
  assert.ok(!/<script/i.test(html));
  assert.equal(withFiles.files.summary, join("/out", "summary.json"));
  assert.ok(!html.includes("Caveats:"), "no medication, no caveats section");
  // The E/I balance table shows the summary's ratio onto the pyramidal cells.
  assert.ok(html.includes("Excitation and inhibition"));
  const ratio = summary.synapticInput.excitatory.inhibitionToExcitation.conductance!;
  assert.ok(ratio > 0 && html.includes(`<b>${ratio.toPrecision(3)}</b>`), `ratio ${ratio}`);

  // With a drug that triggers a known circuit defect the report lists it before the results.
  const medicated = runMicrocircuitScenario(example("microcircuit-dravet-medication.yaml", 300));
  const medicatedSummary = summariseMicrocircuitRun(medicated);
  const caveats = medicatedSummary.medication!.caveats;
  assert.ok(caveats.length >= 1);
  const report = renderMicrocircuitOutputs(medicated, medicatedSummary, "scenario text", "/out").files.find(
    (f) => f.name === "report.html",
  )!.bytes as string;
  const section = report.indexOf("Caveats: known defects of this circuit");
  assert.ok(section > 0 && section < report.indexOf("<title>spike raster</title>"));
  assert.ok(report.includes("synchronises them in this circuit"));
});

test("ictal run --json on a microcircuit scenario writes the files it lists", () => {
  const dir = mkdtempSync(join(tmpdir(), "ictal-micro-"));
  const file = join(dir, "short.yaml");
  writeFileSync(
    file,
    exampleText("microcircuit-dravet.yaml")
      .replace("duration: 2000", "duration: 300")
      .replace("transient: 200", "transient: 100"),
  );
  const out = join(dir, "out");
  const r = spawnSync(
    process.execPath,
    [join(ROOT, "dist/src/cli/main.js"), "run", file, "--out", out, "--json"],
    {
      encoding: "utf8",
      cwd: ROOT,
    },
  );
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines.length, 1);
  const s = JSON.parse(lines[0]);
  assert.equal(s.kind, "microcircuit");
  assert.equal(s.durationMs, 300);
  for (const key of ["spikes", "report", "summary"]) assert.ok(existsSync(s.files[key]), key);
  assert.deepEqual(JSON.parse(readFileSync(s.files.summary, "utf8")), s);
  for (const key of ["excitatory", "inhibitory"]) {
    assert.equal(typeof s.rates[key], "number");
    assert.equal(typeof s.synchrony[key], "number");
  }
});

test("invalid microcircuit scenarios name the field", () => {
  const problems = (text: string) => {
    try {
      parseScenario(`schemaVersion: 1\nkind: microcircuit\n${text}`, "bad.yaml");
    } catch (err) {
      assert.ok(err instanceof ScenarioError);
      return err.problems.join("\n");
    }
    assert.fail("accepted");
  };
  assert.match(problems("variants: [SCN9Z]\n"), /variants\[0\] = "SCN9Z": unknown variant/);
  assert.match(problems("variants: [KCNQ2]\n"), /variants\[0\].*ambiguous.*KCNQ2-BFNS/);
  assert.match(
    problems("simulation: { duration: 100, transient: 200 }\n"),
    /simulation\.transient = 200: must be </,
  );
  assert.match(problems("gabaAScale: -1\n"), /gabaAScale = -1: must be >= 0/);
  assert.match(problems("populations: { excitatory: 1.5 }\n"), /populations\.excitatory/);
  assert.match(problems("simulation: { dt: 0.03 }\n"), /simulation\.dt = 0\.03/);
});
