/**
 * Drugs → network bridge (issues 4 and 5): drug effects reach the network scale through the cell
 * → network bridge (cell-to-network.ts) instead of per-target weights.
 *
 *   target effects (pharmacodynamics.ts)
 *     → edits of the Golomb pyramid and the Wang–Buzsáki interneuron and of the synapses onto
 *       principal cells (cell-effects.ts applyDrugs / synapticScalesWithDrugs), composed with the
 *       patient's channel variants by the variants.ts rule
 *     → rheobase and f–I gain of both cells, measured (editedCellsEffects)
 *     → log E/I index EI → Δx0 = κ · EI (κ of the stored calibration, anchored on Wendling slow
 *       inhibition; cell-to-network.ts)
 *
 * The drug's shift is the difference with the same patient without drugs,
 *   Δx0_drug = κ · (EI(variants + drugs) − EI(variants)),
 * because the variants' own shift is applied by the pathophysiology (variantEffects). So an
 * SCN1A patient's Na blocker acts on an interneuron that has already lost half its Na current:
 * any aggravation comes out of the cells, with no sign set by hand.
 *
 * Targets that the static cell metrics cannot represent keep the interim weights of
 * network-effects.ts (labelled `interim` in the breakdown):
 *   carbonicAnhydrase, serotonin, mtorc1, gpr55: no counterpart in the cell engines;
 *   sv2a: its cell mapping scales every receptor's release alike, which leaves the E/I index
 *     unchanged by construction; SV2A ligands act mainly on high-frequency trains (activity
 *     dependence), which rheobase and f–I gain do not see.
 *
 * Resistance modifiers act as in the interim mapping: `gain` (network resistance) multiplies the
 * drug shift, `offset` (intrinsic severity) is added. Target resistance and P-gp act upstream
 * (lower occupancy, lower brain level) and need nothing here.
 *
 * Cost: one measurement of a cell is ~1–3 s of CPU, so results are cached by a key of the inputs
 * (a patient's run asks once per distinct regimen) and cell measurements by the edited model.
 */
import {
  editedCellsEffects,
  excitabilityFactor,
  measureCell,
  type CellCalibration,
  type CellMetrics,
} from "./cell-to-network.js";
import { CELL_TO_NETWORK_CALIBRATION } from "./generated/cell-to-network-calibration.js";
import { golombPyramidal, wangBuzsakiInterneuron } from "../engines/cell/models.js";
import type { NeuronModel } from "../engines/cell/population.js";
import { logExcitationInhibition } from "../pathophysiology/effects.js";
import { findVariant, type VariantRef } from "../pathophysiology/variants.js";
import type { TargetName } from "../pharmacology/catalogue.js";
import { applyDrugs, synapticScalesWithDrugs } from "../pharmacology/cell-effects.js";
import {
  networkExcitabilityShift,
  type NetworkEffect,
  type NetworkModifiers,
} from "../pharmacology/network-effects.js";
import type { TargetEffect } from "../pharmacology/pharmacodynamics.js";

/** Targets kept on the interim weights, with the reason (module comment). */
export const INTERIM_ONLY_TARGETS: Readonly<Partial<Record<TargetName, string>>> = {
  carbonicAnhydrase: "no counterpart in the cell engines",
  serotonin: "no counterpart in the cell engines",
  mtorc1: "no counterpart in the cell engines",
  gpr55: "no counterpart in the cell engines",
  sv2a: "uniform release reduction leaves the E/I index unchanged; activity dependence not in the metrics",
};

/**
 * Upper bound (µA/cm²) of the rheobase search for drug-modified cells: a Na blocker on an SCN1A
 * loss-of-function interneuron can push its rheobase beyond the calibration's 6 µA/cm².
 */
export const DRUG_RHEOBASE_HIGH = 60;

/**
 * Grid step (µA/cm²) of the scan over −5..DRUG_RHEOBASE_HIGH that precedes the refinement of the
 * wide search (measureCached): the refinement alone needs firing at 60 µA/cm², where the baseline
 * Wang–Buzsáki interneuron is itself in depolarisation block (from 26.8 µA/cm²,
 * docs/models/pathophysiology.md §4.3), so a drugged cell with a rheobase between 6 µA/cm² and its
 * own block current was counted silenced. Firing windows narrower than the step can be missed.
 */
export const DRUG_RHEOBASE_SCAN_STEP = 0.5;

export interface DrugNetworkOptions {
  /** The patient's channel variants (resistance geneVariant, or the patient's genetics). */
  readonly variants?: readonly VariantRef[];
  /** Network resistance gain and intrinsic-severity offset (resistance.networkModifiersFor). */
  readonly modifiers?: Pick<NetworkModifiers, "gain" | "offset">;
  /** Defaults to the stored calibration. */
  readonly calibration?: CellCalibration;
  /** Also compute each drug alone (one more pair of cell measurements per drug). Default true. */
  readonly perDrug?: boolean;
}

export interface BridgeMetrics {
  readonly excitatory: CellMetrics;
  readonly inhibitory: CellMetrics;
  /** Excitability factors of the drugged cells relative to the patient's undrugged cells. */
  readonly excitatoryFactor: number;
  readonly inhibitoryFactor: number;
  /** Receptor factors onto principal cells from the drugs (variants divided out). */
  readonly synaptic: { readonly ampa: number; readonly nmda: number; readonly gabaA: number };
  /** EI of the patient without and with the drugs. */
  readonly logEIWithoutDrugs: number;
  readonly logEIWithDrugs: number;
  /**
   * Cell models that fire no train on the scan grid up to DRUG_RHEOBASE_HIGH with the drugs, or
   * whose f–I slope is not positive, or whose factor falls below SILENCED_FACTOR (measureCached).
   */
  readonly silenced: readonly string[];
}

export interface DrugNetworkShift {
  /** Δx0 of the regimen: gain · (cellShift + Σ interim) + offset (negative = anti-seizure). */
  readonly x0Shift: number;
  /** κ · ΔEI through the cells, before the network gain. */
  readonly cellShift: number;
  /** Interim contributions of targets the cells cannot represent (already × gain). */
  readonly interim: NetworkEffect["perTarget"];
  /** Each drug alone on the same patient (gain applied, offset not), when requested. */
  readonly perDrug: readonly { readonly drug: string; readonly x0Shift: number }[];
  readonly metrics: BridgeMetrics;
}

const CACHE_LIMIT = 256;
const cellCache = new Map<string, CellMetrics & { silenced: boolean }>();
const shiftCache = new Map<string, DrugNetworkShift>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

const NOT_FIRING = /not firing at (the upper bound|any of)/;

/**
 * Excitability factor given to a silenced cell, the same for both classes: a silenced pyramid and
 * a silenced interneuron then cancel in the E/I index (a circuit whose cells are all silenced is
 * not disinhibited), while one silenced class moves it by ln of this factor. A bound, not a
 * measurement (flagged in the metrics): 0.1 lies below the factors measured on cells that still
 * fire at usual doses (docs/models/drugs.md §5). The size of a shift with a silenced cell depends
 * on it (SCN1A loss of function with a Na blocker: the interneuron is silenced).
 */
export const SILENCED_FACTOR = 0.1;

/** Metrics whose excitability factor sqrt((I_rh0/I_rh)(g/g0)) relative to `classBaseline` is SILENCED_FACTOR. */
function silencedMetrics(classBaseline: CellMetrics): CellMetrics & { silenced: boolean } {
  return {
    rheobase: classBaseline.rheobase / SILENCED_FACTOR ** 2,
    gain: classBaseline.gain,
    silenced: true,
  };
}

/**
 * measureCell with a cache keyed by the whole model (channels are data). The calibration's search
 * interval first (same numbers as the calibration for cells it covers), the wider one only if the
 * cell does not fire at its upper end (6 µA/cm²): a scan of −5..DRUG_RHEOBASE_HIGH in steps of
 * DRUG_RHEOBASE_SCAN_STEP, then the refinement between the last silent and the first firing grid
 * point. A cell that fires a train at no grid point, or whose f–I
 * slope is not positive (depolarisation block), is *silenced*: it is given the metrics of
 * silencedMetrics (factor SILENCED_FACTOR), so the shift that follows is a bound on its size,
 * flagged in the metrics. The same bound is the floor of any measured factor (`measure` in
 * cellSide), so that a near-zero gain does not send the log index to minus infinity.
 */
export function measureCached(
  model: NeuronModel,
  classBaseline: CellMetrics,
): CellMetrics & { readonly silenced: boolean } {
  const key = JSON.stringify(model);
  const hit = cellCache.get(key);
  if (hit !== undefined) return hit;
  let metrics: CellMetrics & { silenced: boolean };
  try {
    metrics = { ...measureCell(model), silenced: false };
    if (!(metrics.gain > 0)) metrics = silencedMetrics(classBaseline);
  } catch (error) {
    if (!(error instanceof RangeError && NOT_FIRING.test(error.message))) throw error;
    try {
      metrics = {
        ...measureCell(model, DRUG_RHEOBASE_HIGH, DRUG_RHEOBASE_SCAN_STEP),
        silenced: false,
      };
      if (!(metrics.gain > 0)) metrics = silencedMetrics(classBaseline);
    } catch (wide) {
      if (!(wide instanceof RangeError && NOT_FIRING.test(wide.message))) throw wide;
      metrics = silencedMetrics(classBaseline);
    }
  }
  return remember(cellCache, key, metrics);
}

/** Number of cached cell measurements and regimen results (for tests and diagnostics). */
export function drugBridgeCacheSize(): { cells: number; shifts: number } {
  return { cells: cellCache.size, shifts: shiftCache.size };
}

function variantKey(v: VariantRef): unknown {
  return typeof v === "string" ? findVariant(v).id : v;
}

function effectKey(e: TargetEffect): unknown[] {
  return [e.drug, e.species, e.target, e.concentration, e.potency, e.restingKd, e.hill, e.fraction];
}

interface CellSide {
  readonly logEI: number;
  readonly excitatory: CellMetrics;
  readonly inhibitory: CellMetrics;
  readonly excitatoryFactor: number;
  readonly inhibitoryFactor: number;
  readonly synaptic: Record<string, number>;
  readonly silenced: readonly string[];
}

/** The patient's two cells and synapses with these drug effects, measured and summarised. */
function cellSide(
  effects: readonly TargetEffect[],
  variants: readonly VariantRef[],
  calibration: CellCalibration,
): CellSide {
  const pyramid = golombPyramidal();
  const interneuron = wangBuzsakiInterneuron();
  const silenced: string[] = [];
  const measure = (model: NeuronModel): CellMetrics => {
    const own =
      model.name === pyramid.name ? calibration.baseline.excitatory : calibration.baseline.inhibitory;
    const m = measureCached(model, own);
    const floor = silencedMetrics(own);
    if (m.silenced || excitabilityFactor(m, own) < excitabilityFactor(floor, own)) {
      silenced.push(model.name);
      return { rheobase: floor.rheobase, gain: floor.gain };
    }
    return { rheobase: m.rheobase, gain: m.gain };
  };
  const synaptic = synapticScalesWithDrugs(pyramid, effects, "excitatory", variants);
  const measured = editedCellsEffects(
    applyDrugs(pyramid, effects, "excitatory", variants),
    applyDrugs(interneuron, effects, "inhibitory", variants),
    { ampa: synaptic.ampa, nmda: synaptic.nmda, gabaA: synaptic.gabaA },
    calibration.baseline,
    measure,
  );
  return {
    logEI: logExcitationInhibition(measured.effects),
    excitatory: measured.excitatory,
    inhibitory: measured.inhibitory,
    excitatoryFactor: measured.effects.intrinsicExcitability,
    inhibitoryFactor: measured.effects.interneuronExcitability,
    synaptic,
    silenced,
  };
}

function checkModifiers(gain: number, offset: number): void {
  if (!(gain >= 0 && gain <= 10)) throw new RangeError(`network gain = ${gain} outside [0, 10]`);
  if (!(Math.abs(offset) <= 2)) throw new RangeError(`network offset = ${offset} outside [-2, 2] (x0 units)`);
}

/**
 * Δx0 of a set of target effects for a patient, through the cell → network bridge (module
 * comment). Deterministic; cached by the inputs.
 */
export function drugNetworkShift(
  effects: readonly TargetEffect[],
  options: DrugNetworkOptions = {},
): DrugNetworkShift {
  const calibration = options.calibration ?? CELL_TO_NETWORK_CALIBRATION;
  const variants = options.variants ?? [];
  const gain = options.modifiers?.gain ?? 1;
  const offset = options.modifiers?.offset ?? 0;
  const perDrugWanted = options.perDrug ?? true;
  checkModifiers(gain, offset);
  const sorted = [...effects].sort((a, b) => {
    const ka = JSON.stringify(effectKey(a));
    const kb = JSON.stringify(effectKey(b));
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const key = JSON.stringify({
    fingerprint: calibration.fingerprint,
    kappa: calibration.kappa,
    effects: sorted.map(effectKey),
    variants: variants.map(variantKey),
    gain,
    offset,
    perDrugWanted,
  });
  const hit = shiftCache.get(key);
  if (hit !== undefined) return hit;

  const onCells = sorted.filter((e) => INTERIM_ONLY_TARGETS[e.target] === undefined);
  const onInterim = sorted.filter((e) => INTERIM_ONLY_TARGETS[e.target] !== undefined);
  const without = cellSide([], variants, calibration);
  const shiftOf = (list: readonly TargetEffect[]) => {
    const side = list.length === 0 ? without : cellSide(list, variants, calibration);
    return { side, shift: calibration.kappa * (side.logEI - without.logEI) };
  };
  const all = shiftOf(onCells);
  const interim = networkExcitabilityShift(onInterim, { gain }).perTarget;
  const interimSum = interim.reduce((s, p) => s + p.contribution, 0);
  const drugs = [...new Set(sorted.map((e) => e.drug))];
  const perDrug = perDrugWanted
    ? drugs.map((drug) => {
        if (drugs.length === 1) return { drug, x0Shift: gain * all.shift + interimSum };
        const mine = (e: TargetEffect) => e.drug === drug;
        const cells = shiftOf(onCells.filter(mine)).shift;
        const rest = networkExcitabilityShift(onInterim.filter(mine), { gain }).x0Shift;
        return { drug, x0Shift: gain * cells + rest };
      })
    : [];
  const ratio = (r: string) => (all.side.synaptic[r] ?? 1) / (without.synaptic[r] ?? 1);
  const result: DrugNetworkShift = {
    x0Shift: gain * all.shift + interimSum + offset,
    cellShift: all.shift,
    interim,
    perDrug,
    metrics: {
      excitatory: all.side.excitatory,
      inhibitory: all.side.inhibitory,
      excitatoryFactor: all.side.excitatoryFactor / without.excitatoryFactor,
      inhibitoryFactor: all.side.inhibitoryFactor / without.inhibitoryFactor,
      synaptic: { ampa: ratio("ampa"), nmda: ratio("nmda"), gabaA: ratio("gabaA") },
      logEIWithoutDrugs: without.logEI,
      logEIWithDrugs: all.side.logEI,
      silenced: all.side.silenced,
    },
  };
  return remember(shiftCache, key, result);
}

/** Which mapping turns drug effects into a network shift. */
export type NetworkDrugMapping = "bridge" | "interim";

/**
 * The mapping used when callers do not choose one: the interim per-target weights
 * (network-effects.ts, uncalibrated), on purpose. Through the bridge (rheobase and f–I gain of the
 * two cells) the state-dependent Na blockers at usual doses raise x0 for a patient without
 * variants (carbamazepine, phenytoin; docs/models/drugs.md §5), because the Wang–Buzsáki
 * interneuron's rheobase (0.16 µA/cm²) rises by a larger fraction than the pyramid's (0.73); their
 * classical cellular action (limitation of sustained repetitive firing through use-dependent
 * block) builds up over seconds of firing; the kinetic block of cell-effects.ts has it, but the
 * bridge's metrics (rheobase, f–I gain at the block's steady state per clamp current) still see
 * the interneuron's larger tonic block (it rests with more of h inactivated), so the sign stays
 * pro-convulsant (drugs.md §5).
 * A third metric, the depolarisation-block current, made phenytoin anti-seizure but took back most
 * of the SCN8A and KCNQ2 variants' shifts (pathophysiology.md §4.3), so it was not adopted.
 * `"bridge"` (scenario: `patient.medication.networkMapping: bridge`) selects the bridge.
 */
export const DEFAULT_NETWORK_DRUG_MAPPING: NetworkDrugMapping = "interim";

export interface NetworkDrugShiftOptions {
  readonly mapping?: NetworkDrugMapping;
  /** Patient's variants; with the interim mapping they act through `modifiers.weights` instead. */
  readonly variants?: readonly VariantRef[];
  readonly calibration?: CellCalibration;
  readonly perDrug?: boolean;
}

/**
 * The single entry point for drug effects at the network scale. Pass the modifiers of
 * resistance.networkModifiersFor(profile) and the variants of resistance.variantsFor(profile).
 * `mapping: "bridge"`: drugNetworkShift; `mapping: "interim"`: networkExcitabilityShift
 * (uncalibrated weights); without `mapping`, DEFAULT_NETWORK_DRUG_MAPPING (read why there). Both return x0Shift (gain and offset applied) and a per-target
 * list (for the bridge: only the interim-only targets; the cells' part is `cellShift`).
 */
export function networkDrugShift(
  effects: readonly TargetEffect[],
  modifiers: NetworkModifiers = {},
  options: NetworkDrugShiftOptions = {},
): {
  readonly x0Shift: number;
  readonly mapping: NetworkDrugMapping;
  readonly detail: NetworkEffect | DrugNetworkShift;
} {
  const mapping = options.mapping ?? DEFAULT_NETWORK_DRUG_MAPPING;
  if (mapping === "interim") {
    const detail = networkExcitabilityShift(effects, modifiers);
    return { x0Shift: detail.x0Shift, mapping, detail };
  }
  if (mapping !== "bridge") throw new RangeError(`mapping = ${String(mapping)}; allowed: bridge, interim`);
  const detail = drugNetworkShift(effects, {
    variants: options.variants,
    modifiers: { gain: modifiers.gain, offset: modifiers.offset },
    calibration: options.calibration,
    perDrug: options.perDrug,
  });
  return { x0Shift: detail.x0Shift, mapping, detail };
}
