/**
 * Scenario files: every example validates; invalid input gets an error naming the field, the
 * value and what is allowed; the committed JSON Schema is the one the code exports.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseScenario, scenarioJsonSchema, ScenarioError } from "../../src/io/scenario.js";
import { loadConnectome } from "../../src/io/connectome.js";
import { excitabilityMap } from "../../src/pathophysiology/epileptogenic-zones.js";
import { ROOT } from "../helpers.js";

test("every example scenario validates", () => {
  const files = readdirSync(join(ROOT, "examples")).filter((f) => /\.(ya?ml|json)$/.test(f));
  assert.ok(files.length >= 5, `only ${files.length} examples`);
  for (const file of files) {
    // Every kind (network, sweep, microcircuit, cohort, trial) is one union in scenario.ts.
    parseScenario(readFileSync(join(ROOT, "examples", file), "utf8"), file);
  }
});

function problemsOf(text: string): string[] {
  try {
    parseScenario(text, "bad.yaml");
  } catch (err) {
    assert.ok(err instanceof ScenarioError, `expected ScenarioError, got ${String(err)}`);
    return err.problems;
  }
  assert.fail("scenario was accepted");
}

const base = "schemaVersion: 1\nkind: network\n";

test("out-of-range model parameter: field, value and allowed range", () => {
  const [p] = problemsOf(`${base}model: { name: epileptor, parameters: { r: 0.5 } }\n`);
  assert.match(p, /model\.parameters\.r/);
  assert.match(p, /0\.5/);
  assert.match(p, /<= 0\.01/);
});

test("unknown fields, wrong kinds and bad enums are named", () => {
  assert.match(problemsOf(`${base}simulaton: {}\n`)[0], /unknown field.*'simulaton'/);
  assert.match(
    problemsOf(`${base}simulation: { integrator: rk5 }\n`)[0],
    /simulation\.integrator = "rk5".*euler.*heun.*rk4/,
  );
  assert.match(problemsOf(`${base}simulation: { dt: -1 }\n`)[0], /simulation\.dt = -1: must be > 0/);
  assert.match(problemsOf("schemaVersion: 2\nkind: network\n")[0], /schemaVersion = 2/);
  assert.match(
    problemsOf(`${base}simulation: { noise: { w: 1 } }\n`)[0],
    /simulation\.noise\.w: not a state variable.*x1, y1, z, x2, y2, g/,
  );
  assert.match(
    problemsOf(`${base}simulation: { integrator: rk4, noise: { x2: 0.001 } }\n`)[0],
    /rk4 is deterministic/,
  );
  assert.match(problemsOf("{ not yaml: [")[0], /not valid YAML or JSON/);
});

test("unknown region labels are reported with the field", () => {
  const scenario = parseScenario(`${base}patient: { epileptogenicZone: [lHC, lHIPPO] }\n`);
  assert.equal(scenario.kind, "network");
  if (scenario.kind !== "network") return;
  assert.throws(
    () => excitabilityMap(loadConnectome("tvb76"), scenario.patient),
    /patient\.epileptogenicZone\[1\]: 'lHIPPO' is not a region/,
  );
});

test("defaults are filled in: VEP integrator and step", () => {
  const scenario = parseScenario(base);
  assert.equal(scenario.kind, "network");
  if (scenario.kind !== "network") return;
  assert.equal(scenario.simulation.integrator, "heun");
  assert.equal(scenario.simulation.dt, 0.05);
  assert.equal(scenario.patient.connectome, "tvb76");
});

test("schema/scenario.schema.json is up to date (regenerate with `npm run schema`)", () => {
  const committed = JSON.parse(readFileSync(join(ROOT, "schema/scenario.schema.json"), "utf8"));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(scenarioJsonSchema())));
});

test("docs/parameters.md is generated from the parameter tables (regenerate with `npm run docs`)", async () => {
  const { renderParameterMarkdown } = await import("../../src/io/parameter-docs.js");
  assert.equal(readFileSync(join(ROOT, "docs/parameters.md"), "utf8"), renderParameterMarkdown());
});
