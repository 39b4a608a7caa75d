/**
 * Scenario fields for medication: drug-resistance settings (pharmacology/resistance.ts), a
 * microcircuit's steady-state medication and a network patient's medication timeline. Checks that
 * need the drug catalogue (unknown drug, absurd dose, overlapping entries) are made by
 * `medicationProblems` with pipeline/medication.ts `regimenProblems`, naming the entry.
 */
import { z } from "zod";
import { findDrug } from "../pharmacology/catalogue.js";
import { regimenProblems, resistanceProblems } from "../pipeline/medication.js";
import type { ResistanceProfile } from "../pharmacology/resistance.js";

const drugName = z.string().min(1).describe("catalogue id or alias (ictal drugs lists them)");
const weightKg = z.number().min(2).max(300).default(70).describe("body weight (kg) for the pharmacokinetics");

export const resistanceSchema = z
  .strictObject({
    transporter: z
      .strictObject({
        pgpExpression: z
          .number()
          .min(0.1)
          .max(20)
          .describe("P-glycoprotein expression at the BBB (1 = normal)"),
      })
      .optional()
      .describe("P-gp up-regulation lowers the brain/plasma ratio of substrates"),
    target: z
      .strictObject({
        potencyMultiplier: z
          .record(z.string().min(1), z.number().min(1).max(1e4))
          .describe('EC50 (or Na K_I) multiplier per "drug:target" or "*:target" (Remy et al. 2003)'),
      })
      .optional(),
    network: z
      .strictObject({
        gain: z.number().min(0).max(1).describe("fraction of the drug's Δx0 a remodelled network keeps"),
      })
      .optional(),
    intrinsicSeverity: z
      .strictObject({
        x0Offset: z.number().min(0).max(1).describe("x0 added to every region (more excitable)"),
      })
      .optional(),
    geneVariant: z
      .strictObject({ variants: z.array(z.string().min(1)).describe("channel variants, e.g. SCN1A-LoF") })
      .optional(),
    pharmacokinetic: z
      .strictObject({
        clearanceFactor: z
          .record(z.string().min(1), z.number().min(0.05).max(20))
          .optional()
          .describe("clearance multiplier per drug (fast metabolisers > 1)"),
        missedDoseProbability: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe("probability that each administration is missed (seeded per entry)"),
      })
      .optional(),
  })
  .describe("drug-resistance hypotheses switched on for this patient (docs/models/drugs.md §6)");

export type ResistanceSettings = z.output<typeof resistanceSchema>;

const steadyStateEntry = z.strictObject({
  drug: drugName,
  doseMg: z.number().positive().describe("mg per administration"),
  everyHours: z.number().min(1).max(168).describe("hours between administrations"),
  days: z
    .number()
    .int()
    .min(1)
    .max(365)
    .optional()
    .describe("days on the drug before the circuit is simulated (default: long enough for steady state)"),
});

const levelValue = z.union([
  z.number().min(0).max(1e4),
  z.strictObject({
    parent: z.number().min(0).max(1e4).optional(),
    metabolite: z.number().min(0).max(1e4).optional(),
  }),
]);

export const microcircuitMedicationSchema = z
  .strictObject({
    weightKg,
    regimen: z
      .array(steadyStateEntry)
      .default([])
      .describe("drugs taken regularly: their levels are the PK averages over the last day, at steady state"),
    brainUnbound: z
      .record(z.string().min(1), levelValue)
      .default({})
      .describe(
        "unbound brain concentrations (mg/L) given directly per drug: a number for the drug's reported species, or { parent, metabolite }",
      ),
    naBlock: z
      .enum(["equilibrium", "kinetic"])
      .default("kinetic")
      .describe(
        "state-dependent Na blockers: `kinetic` (default; slow use-dependent binding, started at the steady state of the circuit's activity by a 500 ms accelerated pre-run) or `equilibrium` (h shift and ḡ scale at all times); docs/models/drugs.md §4",
      ),
  })
  .describe("drugs acting on the microcircuit (pharmacology/cell-effects.ts, serotonergic.ts)");

export type MicrocircuitMedication = z.output<typeof microcircuitMedicationSchema>;

const timelineEntry = z.strictObject({
  drug: drugName,
  doseMg: z.number().positive().describe("mg per administration from startDay"),
  everyHours: z.number().min(1).max(168).describe("hours between administrations"),
  startDay: z.number().min(0).max(3650).default(0).describe("first administration (day of the timeline)"),
  stopDay: z.number().min(0).max(3650).optional().describe("withdrawal: no administration from this day"),
  titration: z
    .array(z.strictObject({ day: z.number().min(0).max(3650), doseMg: z.number().positive() }))
    .optional()
    .describe("dose changes: from `day`, `doseMg` per administration"),
  missedDoses: z
    .array(z.number().int().min(0))
    .optional()
    .describe("0-based indices of this entry's administrations that were missed"),
});

export const patientMedicationSchema = z
  .strictObject({
    weightKg,
    regimen: z
      .array(timelineEntry)
      .min(1)
      .describe("one entry per drug and period; dose changes are titration steps"),
    days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe("length of the timeline (days); default: 28 days after the last start, stop or dose change"),
    evaluateAtDay: z
      .number()
      .int()
      .min(0)
      .max(3649)
      .optional()
      .describe("the day the network simulation represents (0-based); default the last day of the timeline"),
    resistance: resistanceSchema.optional(),
    networkMapping: z
      .enum(["bridge", "interim"])
      .optional()
      .describe(
        "drug effects → Δx0: `interim` (default; uncalibrated per-target weights, pharmacology/network-effects.ts) or `bridge` (cell → network bridge, bridges/drugs-to-network.ts; gets the Na blockers' sign wrong for patients without variants, docs/models/drugs.md §5)",
      ),
  })
  .describe(
    "medication timeline: levels on the evaluated day → occupancies → Epileptor x0 shift (bridges/drugs-to-network.ts networkDrugShift)",
  );

export type PatientMedication = z.output<typeof patientMedicationSchema>;

/** Timeline length (days): given, or 28 days after the last start, stop or dose change. */
export function timelineDays(m: PatientMedication): number {
  if (m.days !== undefined) return m.days;
  let last = 0;
  for (const e of m.regimen) {
    last = Math.max(last, e.startDay, e.stopDay ?? 0, ...(e.titration ?? []).map((s) => s.day));
  }
  return Math.ceil(last) + 28;
}

/** Cross-field problems of a network patient's medication, each naming its entry. */
export function patientMedicationProblems(m: PatientMedication, where = "patient.medication"): string[] {
  const problems = regimenProblems(m.regimen, m.weightKg, `${where}.regimen`);
  if (m.resistance !== undefined)
    problems.push(...resistanceProblems(m.resistance as ResistanceProfile, `${where}.resistance`));
  const days = timelineDays(m);
  if (m.evaluateAtDay !== undefined && m.evaluateAtDay >= days)
    problems.push(
      `${where}.evaluateAtDay = ${m.evaluateAtDay}: must be < the timeline length (${days} days)`,
    );
  return problems;
}

/** Cross-field problems of a microcircuit's medication and resistance settings. */
export function microcircuitMedicationProblems(
  m: MicrocircuitMedication | undefined,
  resistance: ResistanceSettings | undefined,
): string[] {
  const problems: string[] = [];
  if (m !== undefined) {
    const entries = m.regimen.map((e) => ({ drug: e.drug, doseMg: e.doseMg, everyHours: e.everyHours }));
    problems.push(...regimenProblems(entries, m.weightKg, "medication.regimen"));
    m.regimen.forEach((e, i) => {
      if (e.days !== undefined && (e.days * 24) / e.everyHours < 3)
        problems.push(
          `medication.regimen[${i}].days = ${e.days}: fewer than 3 administrations, no steady state`,
        );
    });
    const idOf = (name: string) => {
      try {
        return findDrug(name).id;
      } catch {
        return name;
      }
    };
    const inRegimen = new Set(m.regimen.map((e) => idOf(e.drug)));
    for (const [name, value] of Object.entries(m.brainUnbound)) {
      if (inRegimen.has(idOf(name)))
        problems.push(
          `medication.brainUnbound.${name}: the drug is also in medication.regimen (give one or the other)`,
        );
      try {
        const drug = findDrug(name);
        if (typeof value === "object" && value.metabolite !== undefined && !drug.pk.metabolite)
          problems.push(
            `medication.brainUnbound.${name}.metabolite: ${drug.id} has no active metabolite in the catalogue`,
          );
      } catch (err) {
        problems.push(`medication.brainUnbound.${name}: ${(err as Error).message}`);
      }
    }
  }
  if (resistance !== undefined) {
    for (const key of ["network", "intrinsicSeverity"] as const) {
      if (resistance[key] !== undefined)
        problems.push(`resistance.${key}: acts at the network scale (Epileptor x0), not on a microcircuit`);
    }
    problems.push(...resistanceProblems(resistance as ResistanceProfile, "resistance"));
  }
  return problems;
}
