/**
 * Lesions and neuromodulators: every lesion moves the E/I balance towards excitation, more so at
 * higher severity, severity 0 is no lesion, and raised serotonergic or noradrenergic tone is
 * antiseizure (the cited directions).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { composeEffects, logExcitationInhibition, NO_EFFECT } from "../../src/pathophysiology/effects.js";
import {
  LESION_IDS,
  lesionConnectivity,
  lesionEffects,
  lesionInflammatoryDrive,
} from "../../src/pathophysiology/lesions.js";
import { neuromodulatorEffects } from "../../src/pathophysiology/neuromodulators.js";

test("every lesion raises the E/I index, linearly in severity; severity 0 is no lesion", () => {
  for (const id of LESION_IDS) {
    assert.deepEqual(lesionEffects(id, 0), NO_EFFECT, id);
    const half = logExcitationInhibition(lesionEffects(id, 0.5));
    const full = logExcitationInhibition(lesionEffects(id, 1));
    assert.ok(full > 0.1, `${id}: EI ${full}`);
    assert.ok(Math.abs(full - 2 * half) < 1e-12, `${id}: linear in severity`);
    assert.ok(lesionConnectivity(id, 1) <= 1 && lesionInflammatoryDrive(id, 1) > 0);
  }
  // Hippocampal sclerosis: neuronal loss, gliosis, sprouting, interneuron loss all present.
  const hs = lesionEffects("hippocampal-sclerosis", 1);
  assert.ok(hs.neuronalDensity < 1 && hs.potassiumBuffering < 1 && hs.glutamateUptake < 1);
  assert.ok(hs.recurrentExcitation > 1 && hs.interneuronDensity < 1);
});

test("multifocal lesions compose in a region", () => {
  const a = lesionEffects("tumour", 0.6);
  const b = lesionEffects("post-traumatic-scar", 0.4);
  const both = logExcitationInhibition(composeEffects(a, b));
  assert.ok(Math.abs(both - logExcitationInhibition(a) - logExcitationInhibition(b)) < 1e-12);
});

test("raised serotonergic or noradrenergic tone lowers the E/I index; depletion raises it", () => {
  for (const name of ["serotonin", "noradrenaline"] as const) {
    let previous = Infinity;
    for (const tone of [0.1, 0.5, 1, 2, 5]) {
      const ei = logExcitationInhibition(neuromodulatorEffects({ [name]: tone }));
      assert.ok(ei < previous, `${name} ${tone}`);
      previous = ei;
    }
    assert.equal(logExcitationInhibition(neuromodulatorEffects({ [name]: 1 })), 0);
  }
});

test("bad lesion and tone inputs are rejected with the field name", () => {
  assert.throws(
    () => lesionEffects("tumour", 1.2, "patient.mechanisms.lesions[0]"),
    /lesions\[0\]\.severity = 1\.2/,
  );
  assert.throws(
    () => lesionEffects("cyst" as never, 1, "patient.mechanisms.lesions[1]"),
    /lesions\[1\]\.type = "cyst": unknown lesion; allowed: hippocampal-sclerosis/,
  );
  assert.throws(
    () => neuromodulatorEffects({ serotonin: 9 }),
    /neuromodulators\.serotonin = 9: must lie in \[0\.1, 5\]/,
  );
});
