/**
 * Serotonergic and noradrenergic tone as modulators of cortical and hippocampal excitability.
 *
 * Tone is relative: 1 = normal, allowed range [0.1, 5]. Direction (both antiseizure when raised):
 *  - serotonin (5-HT): 5-HT2C-receptor knockout mice have spontaneous seizures (Tecott et al.
 *    1995 Nature 374:542); fenfluramine releases 5-HT and its antiseizure action in scn1lab
 *    zebrafish depends on 5-HT1D/5-HT2C receptors (Sourbron et al. 2016 ACS Chem Neurosci 7:588);
 *    clinically 62.3% greater reduction of convulsive seizures than placebo at 0.7 mg/kg/day in
 *    Dravet syndrome (Lagae et al. 2019 Lancet 394:2243; shared/science/clinical_outcomes.md).
 *  - noradrenaline (NE): locus coeruleus lesions abolish the seizure-suppressing effect of vagus
 *    nerve stimulation (Krahl et al. 1998 Epilepsia 39:709); VNS raises hippocampal NE by 23–28%
 *    (Roosevelt et al. 2006 Brain Res 1119:124); NE depletion lowers seizure thresholds
 *    (Weinshenker & Szot 2002 Pharmacol Ther 94:213).
 *
 * Form (ours): principal-cell excitability × tone^(-elasticity). The elasticities are modelling
 * choices made so that, with the bridges of this repository at the time of writing (κ ≈ 0.98,
 * Kramers slope of the propensity table ≈ 26 per unit x0), doubling serotonergic tone lowers the
 * seizure rate by roughly half (the order of fenfluramine's effect) and the 28% NE rise of 1 mA
 * VNS by roughly a third (the order of VNS responder effects); they are not measured values.
 * Fenfluramine and VNS themselves belong to the therapy layer, which sets these tones.
 */
import { parameter, type ParameterTable } from "../engines/parameters.js";
import { effects, type CircuitEffects } from "./effects.js";

export const NEUROMODULATOR_PARAMETERS = {
  serotonin: parameter(
    "serotonin",
    "serotonergic tone relative to normal",
    1,
    "relative",
    0.1,
    5,
    "Tecott et al. 1995; Sourbron et al. 2016",
  ),
  noradrenaline: parameter(
    "noradrenaline",
    "noradrenergic tone relative to normal",
    1,
    "relative",
    0.1,
    5,
    "Krahl et al. 1998; Roosevelt et al. 2006",
  ),
} as const satisfies ParameterTable<"serotonin" | "noradrenaline">;

/** Elasticity of principal-cell excitability to each tone (see the module comment). */
export const NEUROMODULATOR_ELASTICITY = Object.freeze({ serotonin: 0.05, noradrenaline: 0.06 });

export interface NeuromodulatorTone {
  readonly serotonin: number;
  readonly noradrenaline: number;
}

function checkTone(value: number, name: keyof NeuromodulatorTone, where: string): void {
  const spec = NEUROMODULATOR_PARAMETERS[name];
  if (!(value >= spec.min && value <= spec.max)) {
    throw new RangeError(`${where}.${name} = ${value}: must lie in [${spec.min}, ${spec.max}] (1 = normal)`);
  }
}

/** Circuit effects of a neuromodulator state. */
export function neuromodulatorEffects(
  tone: Partial<NeuromodulatorTone>,
  where = "neuromodulators",
): CircuitEffects {
  const serotonin = tone.serotonin ?? 1;
  const noradrenaline = tone.noradrenaline ?? 1;
  checkTone(serotonin, "serotonin", where);
  checkTone(noradrenaline, "noradrenaline", where);
  const e = NEUROMODULATOR_ELASTICITY;
  return effects(
    { intrinsicExcitability: serotonin ** -e.serotonin * noradrenaline ** -e.noradrenaline },
    where,
  );
}
