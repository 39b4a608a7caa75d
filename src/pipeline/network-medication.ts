/**
 * A network patient's medication timeline (`patient.medication`) applied to the Epileptor x0 map:
 *
 *   regimen entries (start, titration, stop, missed doses) → PK over the whole timeline
 *   (pharmacology/pk.ts simulatePk, with the patient's resistance profile) → levels on the day the
 *   network simulation represents (`evaluateAtDay`, default the last day): plasma trough, peak and
 *   mean of that day, brain unbound mean → occupancies → Δx0 by networkDrugShift
 *   (bridges/drugs-to-network.ts): by default the interim per-target weights of
 *   pharmacology/network-effects.ts (not calibrated), or with `networkMapping: bridge` the cell →
 *   network bridge with the patient's variants (`patient.mechanisms.variants` and
 *   `resistance.geneVariant`) → the same
 *   Δx0 added to every region (a drug reaches the whole brain; region-specific transporter
 *   expression is not modelled here).
 *
 * The plasma series over the timeline is kept for the report's concentration chart.
 */
import type { PatientMedication } from "../io/medication-scenario.js";
import { timelineDays } from "../io/medication-scenario.js";
import { findDrug, type Species, type TargetName } from "../pharmacology/catalogue.js";
import type { ResistanceProfile } from "../pharmacology/resistance.js";
import {
  brainLevelsOf,
  drugLevelReport,
  medicatedX0,
  medicationEffects,
  regimenEntries,
  simulateMedication,
  windowLevels,
  type DrugLevelReport,
} from "./medication.js";

/** Plasma concentration of one drug's reported species over the timeline (for the report). */
export interface ConcentrationSeries {
  readonly drug: string;
  readonly species: Species;
  readonly unit: string;
  readonly values: Float64Array;
  readonly therapeuticRange: { low: number; high: number } | null;
  readonly adverseThreshold: number;
}

export interface NetworkMedicationResult {
  readonly days: number;
  readonly evaluatedDay: number;
  readonly weightKg: number;
  readonly drugs: Record<string, DrugLevelReport>;
  readonly x0Shift: number;
  /** "interim" or "bridge" (bridges/drugs-to-network.ts DEFAULT_NETWORK_DRUG_MAPPING). */
  readonly mapping: string;
  readonly perTarget: readonly { target: TargetName; combined: number; contribution: number }[];
  readonly x0Before: Float64Array;
  readonly x0After: Float64Array;
  /** Hours from the start of the timeline, shared by every series. */
  readonly timesHours: Float64Array;
  readonly series: ConcentrationSeries[];
}

/** Levels, occupancies and the medicated x0 map of a patient on `medication`. */
export function applyPatientMedication(
  medication: PatientMedication,
  x0: Float64Array,
  seed: number,
  variants: readonly string[] = [],
): NetworkMedicationResult {
  const resistance = (medication.resistance ?? {}) as ResistanceProfile;
  const days = timelineDays(medication);
  const evaluatedDay = medication.evaluateAtDay ?? days - 1;
  if (!(evaluatedDay >= 0 && evaluatedDay < days))
    throw new RangeError(`patient.medication.evaluateAtDay = ${evaluatedDay}: must lie in [0, ${days - 1}]`);
  // Half-hour samples: far below every half-life in the catalogue, ~50 samples a day for the chart.
  const run = simulateMedication(
    regimenEntries(medication.regimen),
    medication.weightKg,
    resistance,
    seed,
    days * 24,
    0.5,
  );
  const levels = windowLevels(run, evaluatedDay * 24, (evaluatedDay + 1) * 24);
  const brain = brainLevelsOf(levels);
  const effects = medicationEffects(brain, resistance);
  const drugs: Record<string, DrugLevelReport> = {};
  const series: ConcentrationSeries[] = [];
  for (const l of [...levels].sort((a, b) => (a.drug < b.drug ? -1 : 1))) {
    const report = drugLevelReport(l.drug, l.species, brain, effects, medication.weightKg);
    drugs[l.drug] = report;
    const drug = findDrug(l.drug);
    const pk = run.drugs.find((d) => d.drug === l.drug)!;
    const values = drug.reportedSpecies === "metabolite" ? pk.metabolite! : pk.parent;
    series.push({
      drug: l.drug,
      species: drug.reportedSpecies,
      unit: "mg/L",
      values,
      therapeuticRange: report.therapeuticRange,
      adverseThreshold: report.adverseThreshold,
    });
  }
  const {
    x0: after,
    effect,
    mapping,
  } = medicatedX0(x0, effects, resistance, {
    mapping: medication.networkMapping,
    variants,
  });
  for (let i = 0; i < after.length; i++) {
    if (!(after[i] >= -5 && after[i] <= 1))
      throw new RangeError(
        `patient.medication moves x0 of region ${i} to ${after[i].toFixed(3)}, outside the allowed [-5, 1]`,
      );
  }
  return {
    days,
    evaluatedDay,
    weightKg: medication.weightKg,
    drugs,
    x0Shift: effect.x0Shift,
    mapping,
    perTarget: effect.perTarget,
    x0Before: Float64Array.from(x0),
    x0After: after,
    timesHours: run.times,
    series,
  };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** The `medication` part of the network run summary. */
export function summariseNetworkMedication(m: NetworkMedicationResult, labels: readonly string[]) {
  return {
    days: m.days,
    evaluatedDay: m.evaluatedDay,
    weightKg: m.weightKg,
    drugs: m.drugs,
    network: {
      mapping:
        m.mapping === "interim"
          ? "interim direct mapping (pharmacology/network-effects.ts), not calibrated"
          : "cell → network bridge (bridges/drugs-to-network.ts)",
      x0Shift: round(m.x0Shift),
      perTarget: m.perTarget.map((t) => ({
        target: t.target,
        combinedEffect: round(t.combined),
        x0Contribution: round(t.contribution),
      })),
    },
    parameterChanges: labels.map((region, i) => ({
      region,
      parameter: "x0",
      before: round(m.x0Before[i]),
      after: round(m.x0After[i]),
    })),
  };
}
