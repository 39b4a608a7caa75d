/**
 * Drugs → network bridge: drug target effects become cell edits composed with the patient's
 * variants, measured, and mapped to Δx0 through κ. Checks: GABA-A potentiation lowers x0 and does
 * so monotonically in concentration; P-gp up-regulation shrinks a substrate's effect; the Na
 * blocker's shift is exactly κ·(ln E − ln I) of the measured cells (the index, not a weight, sets
 * the sign), and on an SCN1A loss-of-function patient aggravation emerges from the interneuron;
 * targets without a cell counterpart keep their interim weight; the single entry point delegates;
 * the wide rheobase search finds a cell that fires only between 6 µA/cm² and its depolarisation
 * block (the refinement from the ends alone counted it silenced) and silences a cell without Na.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CELL_BRIDGE_SETTINGS } from "../../src/bridges/cell-to-network.js";
import {
  DEFAULT_NETWORK_DRUG_MAPPING,
  DRUG_RHEOBASE_HIGH,
  drugNetworkShift,
  INTERIM_ONLY_TARGETS,
  measureCached,
  networkDrugShift,
  SILENCED_FACTOR,
} from "../../src/bridges/drugs-to-network.js";
import { CELL_TO_NETWORK_CALIBRATION as calibration } from "../../src/bridges/generated/cell-to-network-calibration.js";
import { rheobase } from "../../src/engines/cell/analysis.js";
import { scaleConductance } from "../../src/engines/cell/channels.js";
import { wangBuzsakiInterneuron } from "../../src/engines/cell/models.js";
import type { NeuronModel } from "../../src/engines/cell/population.js";
import { networkExcitabilityShift } from "../../src/pharmacology/network-effects.js";
import { brainLevelFromPlasma, targetEffects } from "../../src/pharmacology/pharmacodynamics.js";

/** Target effects of one drug at a total plasma level (mg/L), optionally with P-gp up-regulation. */
function at(drug: string, plasmaMgPerL: number, pgpExpression = 1) {
  return targetEffects([brainLevelFromPlasma(drug, plasmaMgPerL, pgpExpression)]);
}

test("GABA-A potentiation (clobazam) lowers x0 through the synapses, monotonically in concentration", () => {
  const levels = [0.05, 0.1, 0.3, 1];
  const shifts = levels.map((c) => drugNetworkShift(at("clobazam", c)));
  for (const s of shifts) {
    assert.ok(s.x0Shift < 0, `clobazam Δx0 ${s.x0Shift}`);
    assert.ok(s.metrics.synaptic.gabaA > 1);
    assert.equal(s.interim.length, 0);
  }
  for (let i = 1; i < shifts.length; i++)
    assert.ok(shifts[i].x0Shift < shifts[i - 1].x0Shift, `not monotone at ${levels[i]} mg/L`);
  // Only the GABA-A factor changed: Δx0 = −κ ln g (fast and slow inhibition, weights ½ each).
  const s = shifts[2];
  assert.ok(Math.abs(s.x0Shift + calibration.kappa * Math.log(s.metrics.synaptic.gabaA)) < 1e-12);
});

test("P-gp up-regulation lowers a substrate's (phenobarbital) brain level and shrinks |Δx0|", () => {
  const normal = drugNetworkShift(at("phenobarbital", 25));
  const resistant = drugNetworkShift(at("phenobarbital", 25, 2));
  assert.ok(normal.x0Shift < 0);
  assert.ok(resistant.x0Shift < 0 && Math.abs(resistant.x0Shift) < Math.abs(normal.x0Shift));
});

test("carbamazepine: the shift is κ·(ln E − ln I) of the measured cells; SCN1A loss of function aggravates", () => {
  const effects = at("carbamazepine", 8);
  const normal = drugNetworkShift(effects);
  // Na block lowers both cells' excitability; the sign of Δx0 is whichever falls more.
  assert.ok(normal.metrics.excitatoryFactor < 1 && normal.metrics.inhibitoryFactor < 1);
  const expected =
    calibration.kappa *
    (Math.log(normal.metrics.excitatoryFactor) - Math.log(normal.metrics.inhibitoryFactor));
  assert.ok(Math.abs(normal.x0Shift - expected) < 1e-12, `${normal.x0Shift} vs ${expected}`);
  // On an interneuron with half its Na current the same blocker removes more of its output.
  const dravet = drugNetworkShift(effects, { variants: ["SCN1A-LoF"] });
  assert.ok(dravet.metrics.inhibitoryFactor < normal.metrics.inhibitoryFactor);
  assert.ok(dravet.x0Shift > normal.x0Shift && dravet.x0Shift > 0, `SCN1A: ${dravet.x0Shift}`);
  // The variant's own shift is not counted again: without drugs the difference is zero.
  assert.equal(drugNetworkShift([], { variants: ["SCN1A-LoF"] }).x0Shift, 0);
  // Same inputs, same (cached) object.
  assert.equal(drugNetworkShift(at("carbamazepine", 8)), normal);
});

test("phenytoin through the bridge: wrong sign for a patient without variants (why the default is interim)", () => {
  // 15 mg/L total: the middle of its 10–20 mg/L therapeutic range.
  const effects = at("phenytoin", 15);
  const plain = drugNetworkShift(effects, { perDrug: false });
  const dravet = drugNetworkShift(effects, { variants: ["SCN1A-LoF"], perDrug: false });
  // Rheobase and near-threshold gain: the interneuron's small rheobase rises by a larger fraction
  // than the pyramid's, so the E/I index rises (drugs.md §5); SCN1A loss makes it worse.
  const base = calibration.baseline;
  const e = plain.metrics.excitatory.rheobase / base.excitatory.rheobase;
  const i = plain.metrics.inhibitory.rheobase / base.inhibitory.rheobase;
  assert.ok(i > e && e > 1, `rheobase ratios E ${e}, I ${i}`);
  assert.ok(plain.x0Shift > 0, `phenytoin, no variant: Δx0 ${plain.x0Shift}`);
  assert.ok(dravet.x0Shift > plain.x0Shift, `phenytoin, SCN1A-LoF: Δx0 ${dravet.x0Shift}`);
  // Hence the default: the interim weights, which make it anti-seizure.
  assert.equal(DEFAULT_NETWORK_DRUG_MAPPING, "interim");
  const chosen = networkDrugShift(effects);
  assert.equal(chosen.mapping, "interim");
  assert.ok(chosen.x0Shift < 0);
});

test("targets without a cell counterpart (SV2A, serotonin) keep their interim weight; modifiers apply", () => {
  assert.ok(INTERIM_ONLY_TARGETS.sv2a !== undefined && INTERIM_ONLY_TARGETS.nav === undefined);
  const lev = at("levetiracetam", 20);
  const bridge = drugNetworkShift(lev);
  assert.equal(bridge.cellShift, 0);
  assert.ok(Math.abs(bridge.x0Shift - networkExcitabilityShift(lev).x0Shift) < 1e-15);
  const both = [...lev, ...at("clobazam", 0.3)];
  const plain = drugNetworkShift(both);
  const weak = drugNetworkShift(both, { modifiers: { gain: 0.5, offset: 0.2 } });
  assert.ok(Math.abs(weak.x0Shift - (0.5 * plain.x0Shift + 0.2)) < 1e-12);
  // Per-drug breakdown: clobazam's and levetiracetam's parts add up (no cell interaction here).
  const sum = plain.perDrug.reduce((s, p) => s + p.x0Shift, 0);
  assert.deepEqual(plain.perDrug.map((p) => p.drug).sort(), ["clobazam", "levetiracetam"]);
  assert.ok(Math.abs(sum - plain.x0Shift) < 1e-12);
  assert.throws(() => drugNetworkShift(lev, { modifiers: { gain: -1 } }), /gain/);
});

test("networkDrugShift: one entry point delegating to the bridge or to the interim mapping", () => {
  const clb = at("clobazam", 0.3);
  const modifiers = { gain: 0.8, offset: 0.1, weights: { gabaA: 0.5 } };
  const interim = networkDrugShift(clb, modifiers, { mapping: "interim" });
  assert.equal(interim.x0Shift, networkExcitabilityShift(clb, modifiers).x0Shift);
  const bridge = networkDrugShift(clb, modifiers, { mapping: "bridge" });
  assert.equal(bridge.x0Shift, drugNetworkShift(clb, { modifiers: { gain: 0.8, offset: 0.1 } }).x0Shift);
  assert.equal(networkDrugShift(clb, modifiers).mapping, DEFAULT_NETWORK_DRUG_MAPPING);
  assert.throws(() => networkDrugShift(clb, {}, { mapping: "other" as "bridge" }), /mapping/);
});

/**
 * The Wang–Buzsáki cell with a nearly constant hyperpolarising current of `bias` µA/cm² (a test
 * construct, not a model): an extra ohmic channel with reversal −1000 mV and conductance bias/935,
 * so its current is bias·(V + 1000)/935, within 1% of `bias` from −75 to −55 mV. Its f–I curve is
 * the WB curve shifted right by about `bias`: rheobase and depolarisation-block current both move.
 */
function biasedInterneuron(bias: number): NeuronModel {
  const wb = wangBuzsakiInterneuron();
  const hyperpolarising = {
    ...wb.channels.find((c) => c.name === "leak")!,
    name: "bias",
    description: "constant hyperpolarising test current",
    reversal: -1000,
    conductance: bias / 935,
  };
  return { ...wb, channels: [...wb.channels, hyperpolarising] };
}

test("wide rheobase search: a cell firing only between 6 µA/cm² and its block current is measured, not silenced", () => {
  const s = CELL_BRIDGE_SETTINGS;
  const shifted = biasedInterneuron(10);
  const search = { ...s.clamp, tolerance: s.rheobaseTolerance };
  // The refinement from the ends (the method before the scan) finds no rheobase: silent at 6, and
  // at 60 µA/cm² the cell is in depolarisation block (WB blocks from 26.8, this one near 37).
  assert.throws(
    () => rheobase(shifted, s.rheobaseLow, s.rheobaseHigh, search),
    /not firing at the upper bound/,
  );
  assert.throws(
    () => rheobase(shifted, s.rheobaseLow, DRUG_RHEOBASE_HIGH, search),
    /not firing at the upper bound/,
  );
  const base = calibration.baseline.inhibitory;
  const m = measureCached(shifted, base);
  assert.equal(m.silenced, false);
  // Rheobase ≈ WB's + the bias (the bias current is 1% larger near threshold than at rest), and
  // the f–I gain of a shifted curve is WB's.
  assert.ok(m.rheobase > 6 && Math.abs(m.rheobase - (base.rheobase + 10)) < 0.2, `rheobase ${m.rheobase}`);
  assert.ok(Math.abs(m.gain / base.gain - 1) < 0.1, `gain ${m.gain} vs ${base.gain}`);
});

test("wide rheobase search: a cell without Na current fires nowhere and is silenced", () => {
  const wb = wangBuzsakiInterneuron();
  const noNa = { ...wb, channels: wb.channels.map((c) => (c.name === "na" ? scaleConductance(c, 0) : c)) };
  const base = calibration.baseline.inhibitory;
  const m = measureCached(noNa, base);
  assert.equal(m.silenced, true);
  assert.equal(m.rheobase, base.rheobase / SILENCED_FACTOR ** 2);
  assert.equal(m.gain, base.gain);
});
