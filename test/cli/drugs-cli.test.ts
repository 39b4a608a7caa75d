/**
 * `ictal drugs` and `ictal pk` as a user runs them: one JSON object with the documented fields,
 * interactions visible through --with, P-gp through --pgp, and bad regimens refused (exit 2) with
 * the entry named.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../helpers.js";

const CLI = join(ROOT, "dist/src/cli/main.js");
const ictal = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: ROOT });

test("ictal drugs --json lists 20 drugs with sourced parameters and the interactions", () => {
  const r = ictal("drugs", "--json");
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.drugs.length, 20);
  const cbz = out.drugs.find((d: { id: string }) => d.id === "carbamazepine");
  assert.match(cbz.pk.bioavailability.source, /PMC8093413/);
  assert.ok(
    out.interactions.some(
      (x: { perpetrator: string; victim: string }) =>
        x.perpetrator === "valproate" && x.victim === "lamotrigine",
    ),
  );
  const text = ictal("drugs");
  assert.equal(text.status, 0);
  assert.match(text.stdout, /phenytoin .*\n(.*\n)*\s+pk\.elimination\.km = 5\.7 mg\/L — Grasela/);
});

test("ictal pk --json: per-drug steady-state fields; valproate raises lamotrigine; P-gp lowers phenytoin's brain level", () => {
  const alone = ictal("pk", "lamotrigine", "--dose", "100", "--every", "12", "--days", "60", "--json");
  assert.equal(alone.status, 0, alone.stderr);
  assert.equal(alone.stdout.trim().split("\n").length, 1);
  const a = JSON.parse(alone.stdout).drugs.lamotrigine;
  for (const k of [
    "steadyStateTrough",
    "steadyStatePeak",
    "steadyStateAverage",
    "brainUnbound",
    "halfLifeHours",
    "timeToSteadyStateDays",
  ])
    assert.ok(typeof a[k] === "number" && Number.isFinite(a[k]), `missing ${k}`);
  assert.ok(a.steadyStateTrough < a.steadyStateAverage && a.steadyStateAverage < a.steadyStatePeak);
  const combo = JSON.parse(
    ictal(
      "pk",
      "lamotrigine",
      "--dose",
      "100",
      "--every",
      "12",
      "--days",
      "60",
      "--with",
      "valproate:500:12",
      "--json",
    ).stdout,
  );
  assert.ok(combo.drugs.valproate.steadyStateAverage > 50);
  assert.ok(combo.drugs.lamotrigine.steadyStateAverage > 1.7 * a.steadyStateAverage);
  const pht = (pgp: string) =>
    JSON.parse(ictal("pk", "PHT", "--dose", "300", "--every", "24", "--pgp", pgp, "--json").stdout).drugs
      .phenytoin;
  const normal = pht("1");
  const up = pht("2");
  assert.equal(up.steadyStateAverage, normal.steadyStateAverage);
  assert.ok(Math.abs(up.brainUnbound / normal.brainUnbound - 0.75) < 1e-3);
});

test("ictal pk refuses bad regimens with exit code 2 and the entry named", () => {
  const neg = ictal("pk", "carbamazepine", "--dose", "-5", "--every", "12");
  assert.equal(neg.status, 2);
  assert.match(neg.stderr, /regimen\[0\] \(carbamazepine\)\.dose = -5 mg/);
  const absurd = ictal("pk", "valproate", "--dose", "500", "--every", "12", "--with", "lamotrigine:4000:12");
  assert.equal(absurd.status, 2);
  assert.match(absurd.stderr, /regimen\[1\] \(lamotrigine\)\.dose = 4000 mg/);
  const unknown = ictal("pk", "aspirin", "--dose", "5", "--every", "12");
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /regimen\[0\]\.drug: unknown drug 'aspirin'/);
  const twice = ictal("pk", "LEV", "--dose", "500", "--every", "12", "--with", "levetiracetam:500:12");
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /regimen\[1\] \(levetiracetam\) overlaps regimen\[0\]/);
});
