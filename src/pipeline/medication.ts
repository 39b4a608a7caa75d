/**
 * Medication in scenarios: the one step both pipelines share, from what a scenario prescribes to
 * the engines' parameters.
 *
 *   regimen (scenario units: mg, hours, days)  → PK (pharmacology/pk.ts simulatePk, with the
 *   patient's resistance profile: P-gp expression, metaboliser factors, missed doses)
 *   → plasma and brain unbound levels over a window (steady state for a microcircuit, the
 *   evaluated day of a timeline for a network) → occupancies and target effects
 *   (pharmacodynamics.ts, with target resistance) → edits:
 *     cell scale     cell-effects.ts drugEdits composed with the variants (applyDrugs rule) and
 *                    serotonergic.ts for drugs acting through 5-HT tone;
 *     network scale  bridges/drugs-to-network.ts networkDrugShift (default: the interim per-target
 *                    weights of network-effects.ts; the cell → network bridge on request)
 *                    with the network, intrinsic-severity and gene-variant resistance settings.
 *
 * Levels over a window: trough, peak and time-average of the total plasma concentration of each
 * species; the brain unbound level is fu · Kp,uu(P-gp) · average (the convention of
 * pharmacodynamics.ts brainLevelsAtSteadyState: occupancy follows the mean level, brain
 * equilibrium being taken as instantaneous).
 */
import { findDrug, type Species, type TargetName } from "../pharmacology/catalogue.js";
import { drugEdits, type DrugEditOptions } from "../pharmacology/cell-effects.js";
import { networkDrugShift, type NetworkDrugMapping } from "../bridges/drugs-to-network.js";
import type { VariantRef } from "../pathophysiology/variants.js";
import type { NetworkEffect } from "../pharmacology/network-effects.js";
import { targetEffects, type BrainLevel, type TargetEffect } from "../pharmacology/pharmacodynamics.js";
import {
  adverseThreshold,
  brainPartition,
  fractionUnbound,
  simulatePk,
  type PkRun,
} from "../pharmacology/pk.js";
import { validateRegimen, type RegimenEntry } from "../pharmacology/regimen.js";
import {
  networkModifiersFor,
  pharmacodynamicOptionsFor,
  pkPatientFor,
  validateResistance,
  withAdherence,
  type ResistanceProfile,
} from "../pharmacology/resistance.js";
import {
  circuitEffectsOnMicrocircuit,
  serotonergicCircuitEffects,
  serotonergicTone,
} from "../pharmacology/serotonergic.js";
import type { NeuronModel } from "../engines/cell/population.js";
import {
  applyEdits,
  editsFor,
  synapticScalesOf,
  type CellType,
  type OriginEdit,
} from "../pathophysiology/variants.js";

/** A regimen entry as scenarios write it (mg per administration, hours, days). */
export interface ScenarioRegimenEntry {
  readonly drug: string;
  readonly doseMg: number;
  readonly everyHours: number;
  /** First administration, days from the start of the timeline; default 0. */
  readonly startDay?: number;
  /** Withdrawal: no administration from this day on. */
  readonly stopDay?: number;
  /** Dose changes: from `day` on, `doseMg` per administration. */
  readonly titration?: readonly { readonly day: number; readonly doseMg: number }[];
  /** 0-based indices of the administrations of this entry that are missed. */
  readonly missedDoses?: readonly number[];
}

const HOURS_PER_DAY = 24;

/** Scenario entries → pharmacology/regimen.ts entries (hours). */
export function regimenEntries(entries: readonly ScenarioRegimenEntry[]): RegimenEntry[] {
  return entries.map((e) => ({
    drug: e.drug,
    dose: e.doseMg,
    every: e.everyHours,
    start: (e.startDay ?? 0) * HOURS_PER_DAY,
    ...(e.stopDay === undefined ? {} : { stop: e.stopDay * HOURS_PER_DAY }),
    ...(e.titration === undefined
      ? {}
      : { titration: e.titration.map((s) => ({ at: s.day * HOURS_PER_DAY, dose: s.doseMg })) }),
    ...(e.missedDoses === undefined ? {} : { missed: [...e.missedDoses] }),
  }));
}

/**
 * Problems of a medication regimen, each naming the entry as the scenario does (`where[i]`):
 * unknown drug, dose ≤ 0 or absurd, bad interval, titration out of order, overlapping entries of
 * one drug (pharmacology/regimen.ts rules).
 */
export function regimenProblems(
  entries: readonly ScenarioRegimenEntry[],
  weightKg: number,
  where: string,
): string[] {
  const problems: string[] = [];
  entries.forEach((e, i) => {
    try {
      findDrug(String(e.drug));
    } catch (err) {
      problems.push(`${where}[${i}].drug = "${e.drug}": ${(err as Error).message}`);
    }
  });
  if (problems.length === 0 && entries.length > 0) {
    try {
      validateRegimen(regimenEntries(entries), weightKg);
    } catch (err) {
      // regimen.ts names entries "regimen[i] (drug)" and fields in hours; say where they are.
      problems.push(
        (err as Error).message
          .replace(/regimen\[/g, `${where}[`)
          .replace(/\.dose\b/g, ".doseMg")
          .replace(/\.every\b/g, ".everyHours"),
      );
    }
  }
  return problems;
}

/** Problems of a resistance profile (resistance.ts ranges, drug and variant names) at `where`. */
export function resistanceProblems(resistance: ResistanceProfile, where: string): string[] {
  try {
    validateResistance(resistance);
    return [];
  } catch (err) {
    const message = (err as Error).message;
    return [
      message.startsWith("resistance.")
        ? `${where}${message.slice("resistance".length)}`
        : `${where}: ${message}`,
    ];
  }
}

/** The patient's PK run for a regimen, resistance (P-gp, metabolisers, adherence) applied. */
export function simulateMedication(
  entries: readonly RegimenEntry[],
  weightKg: number,
  resistance: ResistanceProfile,
  seed: number,
  horizonHours: number,
  sampleHours = 0.25,
): PkRun {
  const adherent = withAdherence(entries, resistance, seed, horizonHours);
  return simulatePk(adherent, pkPatientFor(resistance, weightKg), { horizonHours, sampleHours });
}

/** Plasma levels of one species over a window (mg/L total) and the brain unbound level used for PD. */
export interface SpeciesLevels {
  readonly species: Species;
  readonly trough: number;
  readonly peak: number;
  readonly average: number;
  /** fu · Kp,uu(P-gp) · average (mg/L). */
  readonly brainUnbound: number;
}

/** Levels of every species of every drug over [fromHours, toHours] of a run. */
export function windowLevels(
  run: PkRun,
  fromHours: number,
  toHours: number,
): { drug: string; species: SpeciesLevels[] }[] {
  const times = run.times;
  const pgp = run.patient.pgpExpression ?? 1;
  if (!(toHours > fromHours)) throw new RangeError(`level window [${fromHours}, ${toHours}] h is empty`);
  let a = 0;
  while (a < times.length - 1 && times[a] < fromHours - 1e-9) a++;
  let b = a;
  while (b < times.length - 1 && times[b + 1] <= toHours + 1e-9) b++;
  if (b <= a) throw new RangeError(`level window [${fromHours}, ${toHours}] h holds fewer than two samples`);
  return run.drugs.map((series) => {
    const drug = findDrug(series.drug);
    const of = (values: Float64Array, species: Species): SpeciesLevels => {
      let trough = Infinity;
      let peak = -Infinity;
      let area = 0;
      for (let s = a; s <= b; s++) {
        trough = Math.min(trough, values[s]);
        peak = Math.max(peak, values[s]);
        if (s > a) area += 0.5 * (values[s] + values[s - 1]) * (times[s] - times[s - 1]);
      }
      const average = area / (times[b] - times[a]);
      const brainUnbound = average * fractionUnbound(drug, species) * brainPartition(drug, pgp);
      return { species, trough, peak, average, brainUnbound };
    };
    const species = [of(series.parent, "parent")];
    if (series.metabolite) species.push(of(series.metabolite, "metabolite"));
    return { drug: drug.id, species };
  });
}

/** Brain levels as pharmacodynamics.ts wants them. */
export function brainLevelsOf(
  levels: readonly { drug: string; species: readonly SpeciesLevels[] }[],
): BrainLevel[] {
  return levels.flatMap((l) =>
    l.species.map((s) => ({ drug: l.drug, species: s.species, unboundMgPerL: s.brainUnbound })),
  );
}

/** Target effects of brain levels under a resistance profile (target resistance). */
export function medicationEffects(
  levels: readonly BrainLevel[],
  resistance: ResistanceProfile,
): TargetEffect[] {
  return targetEffects(levels, pharmacodynamicOptionsFor(resistance));
}

/** Occupancy per target of one drug (both species; the larger where a target is hit by both). */
export function occupanciesOf(
  effects: readonly TargetEffect[],
  drug: string,
): Partial<Record<TargetName, number>> {
  const out: Partial<Record<TargetName, number>> = {};
  for (const e of effects) {
    if (e.drug !== drug) continue;
    out[e.target] = Math.max(out[e.target] ?? 0, e.occupancy);
  }
  return out;
}

/** Per-drug level report: plasma over the window, brain level, catalogue range and threshold. */
export interface DrugLevelReport {
  readonly species: Species;
  readonly plasmaTrough: number | null;
  readonly plasmaPeak: number | null;
  readonly plasmaAverage: number | null;
  readonly brainUnbound: number;
  readonly metaboliteBrainUnbound?: number;
  readonly therapeuticRange: { low: number; high: number; unit: string } | null;
  readonly adverseThreshold: number;
  readonly occupancies: Partial<Record<TargetName, number>>;
}

const sig = (x: number) => Number(x.toPrecision(4));

export function drugLevelReport(
  drugName: string,
  species: readonly SpeciesLevels[] | null,
  brain: readonly BrainLevel[],
  effects: readonly TargetEffect[],
  weightKg: number,
): DrugLevelReport {
  const drug = findDrug(drugName);
  const reported = drug.reportedSpecies;
  const main = species?.find((s) => s.species === reported) ?? null;
  const brainOf = (sp: Species) => brain.find((b) => b.drug === drug.id && b.species === sp)?.unboundMgPerL;
  const metabolite = reported === "parent" ? brainOf("metabolite") : undefined;
  const range = drug.referenceRange;
  const occupancies = occupanciesOf(effects, drug.id);
  for (const k of Object.keys(occupancies) as TargetName[]) occupancies[k] = sig(occupancies[k]!);
  return {
    species: reported,
    plasmaTrough: main ? sig(main.trough) : null,
    plasmaPeak: main ? sig(main.peak) : null,
    plasmaAverage: main ? sig(main.average) : null,
    brainUnbound: sig(brainOf(reported) ?? 0),
    ...(metabolite === undefined ? {} : { metaboliteBrainUnbound: sig(metabolite) }),
    therapeuticRange: range ? { low: range.low, high: range.high, unit: range.unit } : null,
    adverseThreshold: sig(adverseThreshold(drug.id, weightKg)),
    occupancies,
  };
}

// Cell scale ------------------------------------------------------------------------------------

/** One parameter edit applied to a microcircuit population, for the run summary. */
export interface AppliedEdit {
  readonly origin: string;
  readonly cell: CellType;
  readonly kind: string;
  readonly target: string;
  readonly gate?: string;
  readonly value: number;
  readonly unit: string;
}

export interface MedicatedCells {
  readonly excitatoryModel: NeuronModel;
  readonly inhibitoryModel: NeuronModel;
  /** Receptor factors onto E and I (variants and drugs composed). */
  readonly onExcitatory: Record<string, number>;
  readonly onInhibitory: Record<string, number>;
  /** Tonic currents (µA/cm²) from serotonergic tone (0 without such a drug). */
  readonly biasExcitatory: number;
  readonly biasInhibitory: number;
  readonly serotonergicTone: number;
  /** Drug edits only (variants are reported by the caller). */
  readonly edits: AppliedEdit[];
}

function describe(cell: CellType, list: readonly OriginEdit[]): AppliedEdit[] {
  return list.map(({ origin, edit }) => ({
    origin,
    cell,
    kind: edit.kind,
    target: edit.target,
    ...(edit.kind === "shiftGate" && edit.gate !== undefined ? { gate: edit.gate } : {}),
    value: sig(edit.value),
    unit: edit.unit,
  }));
}

/**
 * Pyramidal and interneuron models and synaptic factors with variants and drug effects composed
 * by the variants.ts rule (scales multiply, shifts add), plus serotonergic modulation.
 * `receptorsOn` lists the receptors each population has: a factor for a receptor the population
 * lacks (e.g. SV2A's GABA-B scale onto interneurons, which have no GABA-B) has nothing to act on.
 */
export function medicatedCells(
  excitatory: NeuronModel,
  inhibitory: NeuronModel,
  effects: readonly TargetEffect[],
  variants: readonly string[],
  receptorsOn: { excitatory: readonly string[]; inhibitory: readonly string[] },
  options: DrugEditOptions = {},
): MedicatedCells {
  const variantEdits = (cell: CellType) =>
    editsFor(cell, variants).map(({ variant, edit }) => ({ origin: variant, edit }));
  const drugE = drugEdits(effects, excitatory, options);
  const drugI = drugEdits(effects, inhibitory, options);
  const keep = (scales: Record<string, number>, allowed: readonly string[]) =>
    Object.fromEntries(Object.entries(scales).filter(([r]) => allowed.includes(r)));
  const onExcitatory = keep(
    synapticScalesOf([...variantEdits("excitatory"), ...drugE]),
    receptorsOn.excitatory,
  );
  const onInhibitory = keep(
    synapticScalesOf([...variantEdits("inhibitory"), ...drugI]),
    receptorsOn.inhibitory,
  );
  const tone = serotonergicTone(effects);
  let biasExcitatory = 0;
  let biasInhibitory = 0;
  const serotonergicEdits: AppliedEdit[] = [];
  if (tone !== 1) {
    const m = circuitEffectsOnMicrocircuit(serotonergicCircuitEffects(tone), "serotonergic tone");
    const origin = effects
      .filter((e) => e.target === "serotonin")
      .map((e) => e.drug)
      .filter((d, i, all) => all.indexOf(d) === i)
      .join("+");
    for (const [receptor, factor] of Object.entries(m.onExcitatory)) {
      onExcitatory[receptor] = (onExcitatory[receptor] ?? 1) * factor;
      serotonergicEdits.push({
        origin: `${origin} (5-HT tone ${sig(tone)})`,
        cell: "excitatory",
        kind: "scaleSynapse",
        target: receptor,
        value: sig(factor),
        unit: "factor",
      });
    }
    biasExcitatory = m.biasExcitatory;
    biasInhibitory = m.biasInhibitory;
    for (const [cell, value] of [
      ["excitatory", biasExcitatory],
      ["inhibitory", biasInhibitory],
    ] as const) {
      if (value !== 0)
        serotonergicEdits.push({
          origin: `${origin} (5-HT tone ${sig(tone)})`,
          cell,
          kind: "biasCurrent",
          target: "membrane",
          value: sig(value),
          unit: "µA/cm²",
        });
    }
  }
  return {
    excitatoryModel: applyEdits(excitatory, [...variantEdits("excitatory"), ...drugE]),
    inhibitoryModel: applyEdits(inhibitory, [...variantEdits("inhibitory"), ...drugI]),
    onExcitatory,
    onInhibitory,
    biasExcitatory,
    biasInhibitory,
    serotonergicTone: tone,
    edits: [
      ...describe("excitatory", drugE),
      ...describe(
        "inhibitory",
        drugI.filter((e) => e.edit.kind !== "scaleSynapse" || receptorsOn.inhibitory.includes(e.edit.target)),
      ),
      ...serotonergicEdits,
    ],
  };
}

// Network scale ---------------------------------------------------------------------------------

/**
 * x0 after the network-scale drug mapping (bridges/drugs-to-network.ts networkDrugShift, whose
 * default is the interim per-target weights, uncalibrated; `options.mapping: "bridge"` selects the
 * cell → network bridge): the same Δx0 in every region (drugs reach the whole brain).
 * `effect.perTarget` lists the targets the interim weights account for (under the bridge: only
 * the targets the cells cannot represent). `options.variants`: the patient's channel variants.
 */
export function medicatedX0(
  x0: Float64Array,
  effects: readonly TargetEffect[],
  resistance: ResistanceProfile,
  options: { readonly mapping?: NetworkDrugMapping; readonly variants?: readonly string[] } = {},
): { x0: Float64Array; effect: NetworkEffect; mapping: string } {
  // The patient's own variants and the resistance hypothesis's, once each.
  const variants: VariantRef[] = [
    ...new Set<VariantRef>([...(options.variants ?? []), ...(resistance.geneVariant?.variants ?? [])]),
  ];
  const shift = networkDrugShift(effects, networkModifiersFor(resistance), {
    variants,
    mapping: options.mapping,
  });
  const perTarget = "perTarget" in shift.detail ? shift.detail.perTarget : shift.detail.interim;
  const after = Float64Array.from(x0, (v) => v + shift.x0Shift);
  return { x0: after, effect: { x0Shift: shift.x0Shift, perTarget }, mapping: shift.mapping };
}
