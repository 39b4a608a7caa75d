/**
 * Serotonergic drugs (fenfluramine) at the cell scale: drug occupancy → serotonergic tone →
 * circuit effects → microcircuit parameters. The catalogue's "serotonin" target has no channel or
 * receptor in the cell engine, so its action is routed through the neuromodulator layer
 * (pathophysiology/neuromodulators.ts) and the circuit-effects currency (pathophysiology/effects.ts).
 *
 * 1. Tone. T = 1 + ΔT_max · Σ effect over the drugs acting on "serotonin" (effect = occupancy ×
 *    Emax, pharmacodynamics.ts). ΔT_max = 1.24: chronic fenfluramine (1 mg/kg i.p.) raised
 *    extracellular 5-HT in rat striatal dialysates by 124% (acute: 182%) (Balcioglu A, Wurtman RJ
 *    (1998) Brain Res 813:67; abstract checked, authors recalled). The occupancy that this rat dose
 *    corresponds to is unknown: full occupancy is taken to give the chronic rise (assumption).
 * 2. Circuit effects of the tone, two actions found in CA1:
 *    a. principal cells: 5-HT1A receptors open a K conductance that hyperpolarises pyramidal cells
 *       (Andrade R, Nicoll RA (1987) J Physiol 394:99; Colino A, Halliwell JV (1987) Nature
 *       328:73). Its size is the neuromodulator layer's: intrinsicExcitability = T^(−0.05)
 *       (neuromodulators.ts, NEUROMODULATOR_ELASTICITY), so that one number serves both scales.
 *    b. interneurons: 5-HT2 receptors excite GABAergic interneurons and raise the frequency and
 *       size of spontaneous IPSCs in CA1 pyramidal cells (Shen RY, Andrade R (1998) J Pharmacol
 *       Exp Ther 285:805, abstract checked); fenfluramine's proposed antiseizure mechanism is this
 *       increase of GABAergic signalling plus sigma-1 modulation (Sourbron & Lagae review, Int J
 *       Mol Sci (2021) 22:8416, Fig. 1). Represented as GABA-A (fast and slow) onto principal
 *       cells × T^γ with γ = 0.5, an ASSUMPTION anchored only in order of magnitude: at the
 *       chronic fenfluramine tone (T ≈ 2.24) it gives × 1.5, the size of the IPSP-frequency
 *       increase (130–150% of control) with 5 µM bath 5-HT in dentate granule cells (Bijak M,
 *       Misgeld U (1997) Neuroscience 78:1017, Table 2), itself an upper bound since bath 5-HT far
 *       exceeds what a releaser achieves. Not fitted to any seizure outcome.
 * 3. Circuit effects → microcircuit (`circuitEffectsOnMicrocircuit`):
 *    - synaptic factors onto pyramidal cells: effects.ts `cellSynapticScales` (the existing mapping);
 *    - intrinsicExcitability (and interneuronExcitability) x: a tonic current ΔI on the population.
 *      The bridge's metric (bridges/cell-to-network.ts) is x = sqrt((I_rh0/I_rh)·(g/g0)); a steady
 *      current moves the rheobase and not the f–I gain, so x is realised exactly (in that metric)
 *      by I_rh = I_rh0/x², i.e. ΔI = −I_rh0·(1/x² − 1), with the baseline rheobases of the
 *      bridge's calibration. Deviation: a K conductance would also lower input resistance.
 *    Circuit fields with no microcircuit counterpart (K+ buffering, glutamate uptake, densities,
 *    P-gp) must be 1; anything else is refused rather than silently dropped.
 */
import { CELL_TO_NETWORK_CALIBRATION } from "../bridges/generated/cell-to-network-calibration.js";
import {
  cellSynapticScales,
  composeEffects,
  effects,
  type CircuitEffects,
  type EffectName,
} from "../pathophysiology/effects.js";
import { NEUROMODULATOR_PARAMETERS, neuromodulatorEffects } from "../pathophysiology/neuromodulators.js";
import type { TargetEffect } from "./pharmacodynamics.js";

export const SEROTONERGIC_CONSTANTS = Object.freeze({
  /** Rise of extracellular 5-HT (fraction of baseline) at full effect. */
  maximalToneRise: 1.24,
  /** Elasticity γ of GABAergic input onto principal cells to serotonergic tone (assumption). */
  gabaFacilitation: 0.5,
});

/** Serotonergic tone (1 = normal) produced by the serotonin-target effects in a list. */
export function serotonergicTone(list: readonly TargetEffect[]): number {
  let effect = 0;
  for (const e of list) if (e.target === "serotonin") effect += e.fraction;
  const spec = NEUROMODULATOR_PARAMETERS.serotonin;
  return Math.min(spec.max, 1 + SEROTONERGIC_CONSTANTS.maximalToneRise * effect);
}

/** Circuit effects of a serotonergic tone: 5-HT1A on principal cells, 5-HT2 on interneurons. */
export function serotonergicCircuitEffects(tone: number): CircuitEffects {
  const gaba = tone ** SEROTONERGIC_CONSTANTS.gabaFacilitation;
  return composeEffects(
    neuromodulatorEffects({ serotonin: tone }, "serotonergic tone"),
    effects({ gabaAFast: gaba, gabaASlow: gaba }, "serotonergic tone"),
  );
}

export interface MicrocircuitModulation {
  /** Factors per receptor onto pyramidal cells (effects.ts cellSynapticScales). */
  readonly onExcitatory: Readonly<Record<string, number>>;
  /** Tonic current densities (µA/cm², negative = hyperpolarising). */
  readonly biasExcitatory: number;
  readonly biasInhibitory: number;
}

const MAPPED: readonly EffectName[] = [
  "intrinsicExcitability",
  "interneuronExcitability",
  "ampa",
  "nmda",
  "gabaAFast",
  "gabaASlow",
  "recurrentExcitation",
];

/** Tonic current realising an excitability factor x for a cell of baseline rheobase I_rh0. */
export function excitabilityCurrent(factor: number, baselineRheobase: number): number {
  if (!(factor > 0 && Number.isFinite(factor)))
    throw new RangeError(`excitability factor = ${factor} must be finite and > 0`);
  return -baselineRheobase * (1 / (factor * factor) - 1);
}

/** Microcircuit parameters of a circuit-effects record (module comment, step 3). */
export function circuitEffectsOnMicrocircuit(
  e: CircuitEffects,
  where = "circuit effects",
): MicrocircuitModulation {
  for (const [name, value] of Object.entries(e)) {
    if (!MAPPED.includes(name as EffectName) && value !== 1)
      throw new RangeError(`${where}.${name} = ${value}: no counterpart in the microcircuit (must be 1)`);
  }
  const base = CELL_TO_NETWORK_CALIBRATION.baseline;
  const scales = cellSynapticScales(e);
  const onExcitatory: Record<string, number> = {};
  for (const [receptor, factor] of Object.entries(scales)) if (factor !== 1) onExcitatory[receptor] = factor;
  return {
    onExcitatory,
    biasExcitatory: excitabilityCurrent(e.intrinsicExcitability, base.excitatory.rheobase),
    biasInhibitory: excitabilityCurrent(e.interneuronExcitability, base.inhibitory.rheobase),
  };
}
