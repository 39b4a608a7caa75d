/**
 * The drug catalogue: the 20 drugs issue 4 names, every number with a source, and load-time
 * validation that refuses out-of-range entries with the field named.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { DRUGS, findDrug, validateDrug, type Cited, type Drug } from "../../src/pharmacology/catalogue.js";
import { INTERACTIONS, validateInteractions } from "../../src/pharmacology/interactions.js";

const REQUIRED = [
  "carbamazepine",
  "oxcarbazepine",
  "phenytoin",
  "lamotrigine",
  "lacosamide",
  "valproate",
  "levetiracetam",
  "brivaracetam",
  "phenobarbital",
  "clobazam",
  "topiramate",
  "zonisamide",
  "perampanel",
  "cenobamate",
  "ethosuximide",
  "retigabine",
  "fenfluramine",
  "cannabidiol",
  "stiripentol",
  "everolimus",
];

function citedNumbers(x: unknown, path: string, out: { path: string; c: Cited }[]): void {
  if (x === null || typeof x !== "object") return;
  const o = x as Record<string, unknown>;
  if (typeof o.value === "number" && typeof o.unit === "string") {
    out.push({ path, c: o as unknown as Cited });
    return;
  }
  for (const [k, val] of Object.entries(o)) citedNumbers(val, `${path}.${k}`, out);
}

test("catalogue holds the 20 drugs of issue 4, found by id or alias", () => {
  for (const id of REQUIRED) assert.equal(findDrug(id).id, id);
  assert.equal(findDrug("CBZ").id, "carbamazepine");
  assert.equal(findDrug("ezogabine").id, "retigabine");
  assert.throws(() => findDrug("aspirin"), /unknown drug 'aspirin'.*carbamazepine/);
});

test("every catalogue number carries a unit, a source and a status", () => {
  for (const d of DRUGS) {
    const found: { path: string; c: Cited }[] = [];
    citedNumbers(d, d.id, found);
    assert.ok(found.length >= 10, `${d.id}: only ${found.length} cited numbers`);
    for (const { path, c } of found) {
      assert.ok(c.source.length > 5, `${path}: no source`);
      assert.ok(["verified", "UNVERIFIED", "derived", "assumption"].includes(c.status), `${path}: status`);
    }
  }
});

test("validation refuses out-of-range entries naming the field", () => {
  const cbz = findDrug("carbamazepine");
  const bad = (edit: (d: Drug) => Drug) => () => validateDrug(edit(cbz));
  assert.throws(
    bad((d) => ({ ...d, pk: { ...d.pk, bioavailability: { ...d.pk.bioavailability, value: 1.4 } } })),
    /drug carbamazepine\.pk\.bioavailability = 1\.4 is outside the allowed range \[0\.001, 1\]/,
  );
  assert.throws(
    bad((d) => ({ ...d, pk: { ...d.pk, fractionUnbound: { ...d.pk.fractionUnbound, value: 0 } } })),
    /pk\.fractionUnbound/,
  );
  assert.throws(
    bad((d) => ({ ...d, targets: [{ ...d.targets[0], potency: { ...d.targets[0].potency, value: -3 } }] })),
    /targets\[0\] \(nav\)\.potency/,
  );
  assert.throws(
    bad((d) => ({ ...d, brain: { ...d.brain, effluxRatio: { ...d.brain.effluxRatio, value: 2 } } })),
    /effluxRatio must be 0 for a non-substrate/,
  );
  assert.throws(
    bad((d) => ({ ...d, reportedSpecies: "metabolite" })),
    /has no metabolite/,
  );
});

test("interactions name catalogue drugs and include the issue's required ones", () => {
  const known = (id: string) => DRUGS.some((d) => d.id === id);
  validateInteractions(INTERACTIONS, known);
  const has = (p: string, v: string, kind: string) =>
    INTERACTIONS.some((x) => x.perpetrator === p && x.victim === v && x.kind === kind);
  assert.ok(has("carbamazepine", "carbamazepine", "induction"), "CBZ autoinduction");
  for (const inducer of ["carbamazepine", "phenytoin", "phenobarbital"])
    assert.ok(has(inducer, "lamotrigine", "induction"));
  assert.ok(has("valproate", "lamotrigine", "inhibition"));
  assert.ok(has("stiripentol", "clobazam", "inhibition"));
  assert.throws(
    () => validateInteractions([{ ...INTERACTIONS[0], perpetrator: "nonsense" }], known),
    /unknown perpetrator 'nonsense'/,
  );
});
