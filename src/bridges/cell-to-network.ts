/**
 * Cell → network bridge: from a patient's channels (genetic variants, or any edited neuron model)
 * to cell-scale excitability metrics, and from those and the other circuit effects to the network
 * models' parameters.
 *
 * 1. Cell metrics (src/engines/cell/analysis.ts): for the excitatory cell (Golomb, Yue & Yaari
 *    2006 CA1 pyramid) and the inhibitory cell (Wang & Buzsáki 1996 fast-spiking interneuron),
 *    with the variants that affect each class applied (src/pathophysiology/variants.ts):
 *      rheobase  I_rh (µA/cm²): smallest step current giving repetitive firing;
 *      f–I gain  g (Hz per µA/cm²): least-squares slope of the f–I curve at I_rh + 1, 2, 3 µA/cm²,
 *                where both models' curves are close to linear.
 * 2. Excitability factor of a cell class: with a linearised f–I curve f = g (I - I_rh), a change of
 *    threshold and a change of gain both change the output at a given drive. We summarise them by
 *    the geometric mean  x = sqrt((I_rh0 / I_rh) (g / g0))  (equal weights: our choice). It enters
 *    the circuit effects as `intrinsicExcitability` (excitatory) or `interneuronExcitability`.
 *    Receptor variants (GABA-A subunits) enter as synaptic factors (variants.synapticScales).
 * 3. Network: the log E/I index of the composed effects (effects.ts, logExcitationInhibition) is
 *    mapped linearly to a shift of the Epileptor excitability, Δx0 = κ · EI, and to the Wendling
 *    gains through effects.wendlingGains.
 *
 * Calibration of κ (an assumption between two phenomenological models, stated as such): halving
 * the slow dendritic inhibition B of the Wendling et al. (2002, Eur J Neurosci 15:1499) column,
 * B 50 → 25 mV at A = 5, G = 15, takes it from normal background activity to sustained spiking
 * (type 1 → type 3, shared/science/neural_mass.md §3.3). We ask the same change of the E/I index,
 * EI = ½ ln 2, to take an Epileptor region from the VEP value for healthy tissue (x0 = -2.4, TVB
 * tutorial "Modeling Epilepsy", Jirsa et al. 2017) to the autonomous-seizure threshold
 * (x0 = -2.062, derived in shared/science/epileptor.md §1.3):  κ = (-2.062 + 2.4) / (½ ln 2).
 *
 * The per-variant metrics are computed by scripts/calibrate-cell-to-network.mjs and stored in
 * src/bridges/generated/cell-to-network-calibration.ts with a fingerprint of everything they
 * depend on (test/bridges/cell-to-network.test.ts fails when it is stale). Several variants of
 * one patient compose by multiplying their single-variant factors (an approximation: cell metrics
 * are not exactly multiplicative); `editedCellsEffects` measures any combination, or any
 * drug-modified model, exactly.
 *
 * Limitations: CACNA1H acts on thalamocortical cells, which neither model is, so it has no
 * effect here; SCN1A loss shows as a higher interneuron rheobase (the WB cell's firing at strong
 * drive is not reduced by halving gNa).
 */
import { fICurve, rheobase, type ClampOptions } from "../engines/cell/analysis.js";
import { golombPyramidal, wangBuzsakiInterneuron } from "../engines/cell/models.js";
import type { NeuronModel } from "../engines/cell/population.js";
import { fitLine } from "../numerics/statistics.js";
import { effects, logExcitationInhibition, type CircuitEffects } from "../pathophysiology/effects.js";
import { applyVariants, findVariant, synapticScales, VARIANTS } from "../pathophysiology/variants.js";

/** Bump when the method (not only the settings) changes, so that the fingerprint goes stale. */
export const CELL_BRIDGE_METHOD_VERSION = 1;

export const CELL_BRIDGE_SETTINGS = Object.freeze({
  clamp: Object.freeze({ dt: 0.01, duration: 1000, settle: 200 }) as ClampOptions,
  /** Rheobase search interval and tolerance (µA/cm²). */
  rheobaseLow: -5,
  rheobaseHigh: 6,
  rheobaseTolerance: 0.005,
  /** Currents above the cell's own rheobase at which the f–I gain is measured (µA/cm²). */
  gainOffsets: Object.freeze([1, 2, 3]) as readonly number[],
  /** Anchors of κ (see the module comment). */
  x0Healthy: -2.4,
  x0Threshold: -2.062,
  wendlingSlowInhibitionFactor: 0.5,
});

export interface CellMetrics {
  /** µA/cm². */
  readonly rheobase: number;
  /** Hz per µA/cm². */
  readonly gain: number;
}

export interface VariantCalibration {
  readonly excitatory: CellMetrics;
  readonly inhibitory: CellMetrics;
  readonly excitatoryFactor: number;
  readonly inhibitoryFactor: number;
  /** GABA-A conductance factor onto principal cells. */
  readonly gabaA: number;
  readonly logEI: number;
  readonly deltaX0: number;
}

export interface CellCalibration {
  readonly version: number;
  readonly fingerprint: string;
  readonly kappa: number;
  readonly baseline: { readonly excitatory: CellMetrics; readonly inhibitory: CellMetrics };
  readonly variants: Readonly<Record<string, VariantCalibration>>;
}

/**
 * Rheobase and f–I gain of one neuron model under the bridge's clamp protocol. `rheobaseHigh`
 * widens the search for strongly inhibited cells (drug-modified models); `scanStep` (µA/cm²) scans
 * the search interval on that grid before the refinement (analysis.ts rheobase), so that a cell in
 * depolarisation block at `rheobaseHigh` is still found if it fires below it. The calibration uses
 * the defaults (refinement from the ends of −5..6 µA/cm², no scan).
 */
export function measureCell(
  model: NeuronModel,
  rheobaseHigh: number = CELL_BRIDGE_SETTINGS.rheobaseHigh,
  scanStep?: number,
): CellMetrics {
  const s = CELL_BRIDGE_SETTINGS;
  const rh = rheobase(model, s.rheobaseLow, rheobaseHigh, {
    ...s.clamp,
    tolerance: s.rheobaseTolerance,
    scanStep,
  }).current;
  const currents = s.gainOffsets.map((d) => rh + d);
  const curve = fICurve(model, currents, s.clamp);
  return { rheobase: rh, gain: fitLine(currents, curve.rate).slope };
}

/** The excitability factor sqrt((I_rh0 / I_rh) (g / g0)) of a cell relative to its baseline. */
export function excitabilityFactor(cell: CellMetrics, baseline: CellMetrics): number {
  if (!(cell.rheobase > 0) || !(baseline.rheobase > 0) || !(cell.gain > 0) || !(baseline.gain > 0)) {
    throw new RangeError(
      `excitabilityFactor needs positive rheobase and gain, got ${JSON.stringify(cell)} vs ${JSON.stringify(baseline)}`,
    );
  }
  return Math.sqrt((baseline.rheobase / cell.rheobase) * (cell.gain / baseline.gain));
}

/** κ of Δx0 = κ · EI from the anchors (module comment). */
export function kappa(): number {
  const s = CELL_BRIDGE_SETTINGS;
  const anchorEI = logExcitationInhibition(effects({ gabaASlow: s.wendlingSlowInhibitionFactor }));
  return (s.x0Threshold - s.x0Healthy) / anchorEI;
}

/**
 * Circuit effects of edited cell models, measured now: variants, drugs (src/pharmacology
 * cell-effects applyDrugs) or both. `null` for a cell class means unchanged (not measured).
 * `synaptic` holds receptor factors onto principal cells (e.g. synapticScalesWithDrugs).
 * `measure` lets a caller cache measurements (drugs-to-network.ts); it must return what
 * measureCell would.
 */
export function editedCellsEffects(
  excitatory: NeuronModel | null,
  inhibitory: NeuronModel | null,
  synaptic: Partial<Record<"ampa" | "nmda" | "gabaA", number>>,
  baseline: CellCalibration["baseline"],
  measure: (model: NeuronModel) => CellMetrics = measureCell,
): { effects: CircuitEffects; excitatory: CellMetrics; inhibitory: CellMetrics } {
  const e = excitatory === null ? baseline.excitatory : measure(excitatory);
  const i = inhibitory === null ? baseline.inhibitory : measure(inhibitory);
  const gabaA = synaptic.gabaA ?? 1;
  return {
    excitatory: e,
    inhibitory: i,
    effects: effects({
      intrinsicExcitability: excitabilityFactor(e, baseline.excitatory),
      interneuronExcitability: excitabilityFactor(i, baseline.inhibitory),
      ampa: synaptic.ampa ?? 1,
      nmda: synaptic.nmda ?? 1,
      gabaAFast: gabaA,
      gabaASlow: gabaA,
    }),
  };
}

function calibrateVariant(id: string, baseline: CellCalibration["baseline"], k: number): VariantCalibration {
  const gabaA = synapticScales("excitatory", [id]).gabaA ?? 1;
  const measured = editedCellsEffects(
    applyVariants(golombPyramidal(), "excitatory", [id]),
    applyVariants(wangBuzsakiInterneuron(), "inhibitory", [id]),
    { gabaA },
    baseline,
  );
  const logEI = logExcitationInhibition(measured.effects);
  return {
    excitatory: measured.excitatory,
    inhibitory: measured.inhibitory,
    excitatoryFactor: measured.effects.intrinsicExcitability,
    inhibitoryFactor: measured.effects.interneuronExcitability,
    gabaA,
    logEI,
    deltaX0: k * logEI,
  };
}

/** The whole calibration (tens of seconds of CPU): baseline cells and every catalogue variant. */
export function runCellCalibration(
  fingerprint: string,
  onProgress?: (id: string) => void,
  ids: readonly string[] = VARIANTS.map((v) => v.id),
): CellCalibration {
  const baseline = {
    excitatory: measureCell(golombPyramidal()),
    inhibitory: measureCell(wangBuzsakiInterneuron()),
  };
  const k = kappa();
  const variants: Record<string, VariantCalibration> = {};
  for (const id of ids) {
    variants[id] = calibrateVariant(id, baseline, k);
    onProgress?.(id);
  }
  return { version: CELL_BRIDGE_METHOD_VERSION, fingerprint, kappa: k, baseline, variants };
}

/** One variant's calibration entry, recomputed (for the staleness test). */
export function recomputeVariant(id: string, calibration: CellCalibration): VariantCalibration {
  return calibrateVariant(id, calibration.baseline, calibration.kappa);
}

/** Everything the calibration depends on, canonically (hashed into its fingerprint). */
export function cellBridgeSpec(): string {
  // Channels are data (rate forms with their constants), so the whole cell models are hashed.
  return JSON.stringify({
    method: CELL_BRIDGE_METHOD_VERSION,
    settings: CELL_BRIDGE_SETTINGS,
    variants: VARIANTS,
    excitatory: golombPyramidal(),
    inhibitory: wangBuzsakiInterneuron(),
  });
}

/**
 * Circuit effects of a set of variants (catalogue ids or genes) from the calibration: cell
 * factors multiply across variants, GABA-A factors as in variants.synapticScales.
 */
export function variantEffects(variants: readonly string[], calibration: CellCalibration): CircuitEffects {
  let excitatory = 1,
    inhibitory = 1;
  const ids = variants.map((name) => findVariant(name).id).sort();
  for (const id of ids) {
    const entry = calibration.variants[id];
    if (entry === undefined)
      throw new RangeError(
        `variant ${id} has no cell-to-network calibration; rerun scripts/calibrate-cell-to-network.mjs`,
      );
    excitatory *= entry.excitatoryFactor;
    inhibitory *= entry.inhibitoryFactor;
  }
  const gabaA = synapticScales("excitatory", ids).gabaA ?? 1;
  return effects({
    intrinsicExcitability: excitatory,
    interneuronExcitability: inhibitory,
    gabaAFast: gabaA,
    gabaASlow: gabaA,
  });
}

/** Shift of the Epileptor x0 for composed circuit effects: Δx0 = κ · EI. */
export function epileptorX0Shift(e: CircuitEffects, calibration: Pick<CellCalibration, "kappa">): number {
  return calibration.kappa * logExcitationInhibition(e);
}
