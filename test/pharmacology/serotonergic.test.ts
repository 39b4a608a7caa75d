/**
 * Fenfluramine at the cell scale (pharmacology/serotonergic.ts): tone rises with dose in the
 * clinical order (Lagae 2019: 0.7 > 0.2 mg/kg/day), the tonic current realises the bridge's
 * excitability factor exactly, unmapped circuit effects are refused, other drugs leave tone at 1.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { simulatePk } from "../../src/pharmacology/pk.js";
import { brainLevelsAtSteadyState, targetEffects } from "../../src/pharmacology/pharmacodynamics.js";
import {
  circuitEffectsOnMicrocircuit,
  excitabilityCurrent,
  serotonergicCircuitEffects,
  serotonergicTone,
} from "../../src/pharmacology/serotonergic.js";
import { effects } from "../../src/pathophysiology/effects.js";
import { CELL_TO_NETWORK_CALIBRATION } from "../../src/bridges/generated/cell-to-network-calibration.js";

const WEIGHT = 20;
function toneAt(mgPerKgPerDay: number, drug = "fenfluramine"): number {
  const dose = (mgPerKgPerDay * WEIGHT) / 2;
  const run = simulatePk([{ drug, dose, every: 12 }], { weightKg: WEIGHT }, { horizonHours: 20 * 24 });
  return serotonergicTone(targetEffects(brainLevelsAtSteadyState(run)));
}

test("serotonergic tone rises with the fenfluramine dose and so does GABAergic input onto pyramidal cells", () => {
  const low = toneAt(0.2);
  const high = toneAt(0.7);
  assert.ok(low > 1.2 && high > low && high < 1 + 1.24, `tone ${low} → ${high}`);
  const gLow = circuitEffectsOnMicrocircuit(serotonergicCircuitEffects(low)).onExcitatory.gabaA;
  const gHigh = circuitEffectsOnMicrocircuit(serotonergicCircuitEffects(high)).onExcitatory.gabaA;
  assert.ok(gLow > 1 && gHigh > gLow);
  assert.equal(toneAt(0.5, "stiripentol"), 1);
});

test("the tonic current realises the excitability factor in the bridge's metric; unmapped effects are refused", () => {
  const rh0 = CELL_TO_NETWORK_CALIBRATION.baseline.excitatory.rheobase;
  for (const x of [0.5, 0.9, 1, 1.3]) {
    const dI = excitabilityCurrent(x, rh0);
    // A steady current moves the rheobase only: I_rh = I_rh0 − ΔI, gain unchanged.
    assert.ok(Math.abs(Math.sqrt(rh0 / (rh0 - dI)) - x) < 1e-12);
  }
  const m = circuitEffectsOnMicrocircuit(serotonergicCircuitEffects(2));
  assert.ok(m.biasExcitatory < 0 && m.biasInhibitory === 0);
  assert.throws(
    () => circuitEffectsOnMicrocircuit(effects({ potassiumBuffering: 0.8 })),
    /potassiumBuffering = 0\.8: no counterpart in the microcircuit/,
  );
});
