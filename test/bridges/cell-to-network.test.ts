/**
 * Cell → network bridge: the stored calibration is current (fingerprint and exact recomputation
 * of the baseline and one variant), κ reproduces its anchor, and every variant moves the network
 * parameters in the direction of its cell-level effect.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  CELL_BRIDGE_SETTINGS,
  cellBridgeSpec,
  editedCellsEffects,
  epileptorX0Shift,
  kappa,
  measureCell,
  recomputeVariant,
  variantEffects,
} from "../../src/bridges/cell-to-network.js";
import { CELL_TO_NETWORK_CALIBRATION as calibration } from "../../src/bridges/generated/cell-to-network-calibration.js";
import { scaleConductance } from "../../src/engines/cell/channels.js";
import { golombPyramidal } from "../../src/engines/cell/models.js";
import { effects, wendlingGains } from "../../src/pathophysiology/effects.js";
import { VARIANTS } from "../../src/pathophysiology/variants.js";

const REGENERATE = "stale: run `npm run build && node scripts/calibrate-cell-to-network.mjs`";

test("cell-to-network calibration fingerprint matches the variant catalogue, cell models and method", () => {
  const fingerprint = createHash("sha256").update(cellBridgeSpec()).digest("hex");
  assert.equal(fingerprint, calibration.fingerprint, REGENERATE);
  assert.deepEqual(Object.keys(calibration.variants).sort(), VARIANTS.map((v) => v.id).sort(), REGENERATE);
});

test("cell-to-network calibration: baseline pyramid and KCNQ2-BFNS recomputed exactly", () => {
  assert.deepEqual(measureCell(golombPyramidal()), calibration.baseline.excitatory, REGENERATE);
  assert.deepEqual(
    recomputeVariant("KCNQ2-BFNS", calibration),
    calibration.variants["KCNQ2-BFNS"],
    REGENERATE,
  );
});

test("kappa: halving slow inhibition moves a healthy VEP region to the Epileptor threshold", () => {
  assert.equal(calibration.kappa, kappa());
  const shifted = CELL_BRIDGE_SETTINGS.x0Healthy + epileptorX0Shift(effects({ gabaASlow: 0.5 }), calibration);
  assert.ok(Math.abs(shifted - CELL_BRIDGE_SETTINGS.x0Threshold) < 1e-12);
});

test("variants: cell metrics and network shifts in the cited directions", () => {
  const v = calibration.variants;
  const base = calibration.baseline;
  // Gain-of-function Na and loss of M current lower the pyramid's rheobase (cells_channels.md §4).
  for (const id of ["SCN2A-GoF", "SCN8A-GoF", "KCNQ2-BFNS", "KCNQ2-DEE"]) {
    assert.ok(v[id].excitatory.rheobase < base.excitatory.rheobase, id);
    assert.ok(v[id].deltaX0 > 0.05, `${id}: dx0 ${v[id].deltaX0}`);
  }
  // The severe epilepsies keep a larger shift than the benign one (SCN8A encephalopathy, KCNQ2
  // DEE vs KCNQ2 benign familial neonatal seizures). A metric that counts the earlier depolarisation
  // block of these pyramids as less excitable broke this (pathophysiology.md §4.3: 0.038, 0.192).
  assert.ok(v["KCNQ2-DEE"].deltaX0 > 2 * v["KCNQ2-BFNS"].deltaX0, "KCNQ2 DEE vs benign");
  assert.ok(v["SCN8A-GoF"].deltaX0 > v["KCNQ2-BFNS"].deltaX0, "SCN8A vs KCNQ2 benign");
  // Nav1.1 loss in interneurons raises their rheobase (Yu et al. 2006): disinhibition.
  assert.ok(v["SCN1A-LoF"].inhibitory.rheobase > base.inhibitory.rheobase);
  assert.ok(v["SCN1A-LoF"].deltaX0 > 0.05);
  // GABA-A subunit loss of function: disinhibition.
  assert.ok(v["GABRG2-LoF"].deltaX0 > 0.05);
  // More M-current loss, larger shift (dominant-negative DEE vs BFNS).
  assert.ok(v["KCNQ2-DEE"].deltaX0 > v["KCNQ2-BFNS"].deltaX0);
  // Thalamocortical-only variant: no effect on these two cells.
  assert.equal(v["CACNA1H-GoF"].deltaX0, 0);
});

test("variantEffects composes variants and maps to Wendling gains in the right direction", () => {
  const one = variantEffects(["KCNQ2-BFNS"], calibration);
  const two = variantEffects(["GABRG2", "KCNQ2-BFNS"], calibration);
  assert.ok(epileptorX0Shift(two, calibration) > epileptorX0Shift(one, calibration));
  assert.deepEqual(variantEffects(["KCNQ2-BFNS", "GABRG2"], calibration), two);
  const g = wendlingGains(two);
  assert.ok(g.A > 1 && g.B < 1 && g.G < 1);
  assert.throws(() => variantEffects(["NOPE1"], calibration), /unknown variant 'NOPE1'/);
  assert.throws(() => variantEffects(["KCNQ2"], calibration), /ambiguous/);
});

test("edited cells (a drug's Na-channel block in pyramids, an AMPA antagonist) lower x0", () => {
  const pyramid = golombPyramidal();
  const blocked = {
    ...pyramid,
    channels: pyramid.channels.map((c) => (c.name === "na" ? scaleConductance(c, 0.7) : c)),
  };
  const naBlock = editedCellsEffects(blocked, null, {}, calibration.baseline);
  assert.ok(naBlock.excitatory.rheobase > calibration.baseline.excitatory.rheobase);
  assert.ok(epileptorX0Shift(naBlock.effects, calibration) < 0);
  const ampaBlock = editedCellsEffects(null, null, { ampa: 0.6 }, calibration.baseline);
  assert.ok(epileptorX0Shift(ampaBlock.effects, calibration) < 0);
});
