/**
 * The command line as a user runs it: `ictal run --json` prints exactly one JSON object with the
 * documented fields and writes the files it lists; `ictal validate` rejects bad files with exit
 * code 2 and writes nothing; a diverged run writes no results.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../helpers.js";

const CLI = join(ROOT, "dist/src/cli/main.js");
const ictal = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: ROOT });

test("ictal run --json: one JSON object with seed, seizures, first onset, recruitment and files", () => {
  const out = mkdtempSync(join(tmpdir(), "ictal-run-"));
  const r = ictal("run", "examples/vep-noise.yaml", "--out", out, "--seed", "5", "--json");
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines.length, 1, "stdout must hold exactly one line of JSON");
  const s = JSON.parse(lines[0]);
  assert.equal(s.seed, 5);
  assert.equal(s.durationSeconds, 60);
  assert.ok(Array.isArray(s.seizures) && s.seizures.length > 0);
  for (const e of s.seizures)
    for (const k of ["region", "onset", "offset", "onsetSeconds", "offsetSeconds"])
      assert.ok(k in e, `seizure lacks ${k}`);
  assert.ok(["lPHC", "lHC", "lAMYG"].includes(s.firstOnsetRegion));
  assert.ok(s.recruitedRegions.includes("lTCI") && s.recruitedRegions.includes("lTCV"));
  for (const key of ["edf", "report", "states", "summary"]) {
    assert.ok(typeof s.files[key] === "string" && existsSync(s.files[key]), `file ${key} missing`);
  }
  assert.equal(readFileSync(s.files.edf).subarray(192, 197).toString("latin1"), "EDF+C");
  assert.deepEqual(
    readdirSync(out).filter((f) => f.includes(".partial")),
    [],
  );
});

test("ictal validate: a good file passes, a bad one fails with the field named and exit code 2", () => {
  const ok = ictal("validate", "examples/default-patient.yaml");
  assert.equal(ok.status, 0, ok.stderr);
  const dir = mkdtempSync(join(tmpdir(), "ictal-bad-"));
  const bad = join(dir, "bad.yaml");
  writeFileSync(
    bad,
    "schemaVersion: 1\nkind: network\nsimulation: { dt: 5 }\npatient: { epileptogenicZone: [nowhere] }\n",
  );
  const r = ictal("validate", bad);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /simulation\.dt = 5: must be <= 1/);
  const labels = join(dir, "labels.yaml");
  writeFileSync(labels, "schemaVersion: 1\nkind: network\npatient: { epileptogenicZone: [nowhere] }\n");
  const r2 = ictal("validate", labels);
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /patient\.epileptogenicZone\[0\]: 'nowhere' is not a region/);
});

test("a diverged run reports the step and region and writes no results", () => {
  const dir = mkdtempSync(join(tmpdir(), "ictal-div-"));
  const file = join(dir, "diverge.yaml");
  // dt = 1 with strong fast coupling is far outside the stable range of the explicit scheme.
  writeFileSync(
    file,
    "schemaVersion: 1\nkind: network\nname: diverge\nmodel: { name: epileptor, parameters: { Kvf: 10 } }\nsimulation: { dt: 1, duration: 2000, integrator: euler }\npatient: { epileptogenicZone: [lHC] }\n",
  );
  const out = join(dir, "out");
  const r = ictal("run", file, "--out", out, "--json");
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /diverged at step \d+/);
  assert.equal(r.stdout, "");
  assert.ok(!existsSync(out) || readdirSync(out).length === 0, "files were written for a diverged run");
});

test("ictal bench epileptor --json prints node-steps per second", () => {
  const r = ictal("bench", "epileptor", "--nodes", "8", "--duration", "50", "--json");
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.nodes, 8);
  assert.ok(s.nodeStepsPerSecond > 0);
});

test("ictal bench cobahh --json prints the benchmark statistics as one JSON object", () => {
  const r = ictal("bench", "cobahh", "--neurons", "400", "--duration", "0.1", "--seed", "3", "--json");
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  for (const key of ["loopSeconds", "totalSeconds", "spikes", "rateE", "rateI", "cvIsi", "fractionActive"]) {
    assert.equal(typeof s[key], "number", `${key} missing`);
  }
  assert.equal(s.neurons, 400);
  assert.ok(!("spikeNeurons" in s), "raw spike arrays must not be printed");
  const bad = ictal("bench", "cobahh", "--neurons", "10");
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /--neurons must be an integer in \[80, /);
});
