/**
 * Scenario files for the clinical course: `kind: cohort` (a virtual cohort followed from
 * diagnosis) and `kind: trial` (a randomised add-on trial). Same conventions as scenario.ts:
 * YAML or JSON, `schemaVersion`, strict objects, every problem reported with its field and the
 * allowed range. Parameter overrides are checked against the course's parameter tables.
 */
import { z } from "zod";
import { parse as parseYaml } from "yaml";
import { resolveParameters } from "../engines/parameters.js";
import { SCENARIO_SCHEMA_VERSION, ScenarioError } from "./scenario-error.js";
import { ETIOLOGIES, SYNDROMES, type Etiology } from "../course/types.js";
import { COURSE_DRUGS } from "../course/drugs.js";
import { DEFAULT_POLICY, type TreatmentPolicy } from "../course/policy.js";
import { DEFAULT_COURSE_SETTINGS } from "../course/simulate.js";
import { PROPENSITY_PARAMETERS } from "../course/propensity.js";
import { TREATMENT_PARAMETERS } from "../course/treatment-effect.js";
import { MECHANISTIC_PARAMETERS } from "../course/mechanistic-model.js";
import type { CohortSpec } from "../course/cohort.js";
import type { TrialSpec } from "../course/trial.js";

const drugName = z.enum(COURSE_DRUGS.map((d) => d.name) as [string, ...string[]]);
const etiology = z.enum(ETIOLOGIES);
const overrides = z.record(z.string(), z.number());

const populationSchema = z
  .strictObject({
    etiologyWeights: z.partialRecord(etiology, z.number().min(0).max(1000)).optional(),
    only: z.array(etiology).min(1).optional(),
    baselinePerMonth: z
      .strictObject({ median: z.number().positive().max(3000), log10Sd: z.number().min(0).max(3) })
      .optional(),
    minIdiosyncraticResistance: z.number().min(-5).max(5).optional(),
  })
  .default({});

const policySchema = z
  .strictObject({
    drugs: z.partialRecord(z.enum(SYNDROMES), z.array(drugName).min(1)).optional(),
    reviewIntervalDays: z.number().int().min(7).max(730).optional(),
    stabilisationDays: z.number().int().min(0).max(365).optional(),
    escalate: z.boolean().optional(),
    escalationDays: z.number().int().min(1).max(365).optional(),
    escalationStep: z.number().min(0.05).max(5).optional(),
    initialDoseFraction: z.number().min(0.1).max(3).optional(),
    maxMonotherapies: z.number().int().min(1).max(20).optional(),
    maxSchedules: z.number().int().min(1).max(30).optional(),
    referralAfterFailures: z.number().int().min(1).max(20).nullable().optional(),
    adverseSusceptibilitySd: z.number().min(0).max(3).optional(),
  })
  .default({});

export const cohortScenarioSchema = z.strictObject({
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION).default(SCENARIO_SCHEMA_VERSION),
  kind: z.literal("cohort"),
  name: z.string().min(1).default("cohort"),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  followUpYears: z.number().min(0.25).max(50).default(5),
  diary: z
    .strictObject({ reportingProbability: z.number().min(0.01).max(1).default(1) })
    .default({ reportingProbability: 1 }),
  diagnosis: z
    .strictObject({
      delayMedianDays: z.number().min(0).max(3650).default(DEFAULT_COURSE_SETTINGS.diagnosisDelayMedianDays),
      delayLogSd: z.number().min(0).max(3).default(DEFAULT_COURSE_SETTINGS.diagnosisDelayLogSd),
    })
    .default({
      delayMedianDays: DEFAULT_COURSE_SETTINGS.diagnosisDelayMedianDays,
      delayLogSd: DEFAULT_COURSE_SETTINGS.diagnosisDelayLogSd,
    }),
  population: populationSchema,
  policy: policySchema,
  propensity: overrides.optional(),
  treatment: overrides.optional(),
  model: z.enum(["parametric", "mechanistic"]).default("mechanistic"),
  mechanistic: overrides.optional(),
});

const armSchema = z.strictObject({
  name: z.string().min(1),
  n: z.number().int().min(1).max(100000),
  drug: drugName.optional(),
  doseFraction: z.number().positive().max(3).optional(),
});

export const trialScenarioSchema = z.strictObject({
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION).default(SCENARIO_SCHEMA_VERSION),
  kind: z.literal("trial"),
  name: z.string().min(1).default("trial"),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  population: populationSchema,
  baselineDays: z.number().int().min(7).max(730).default(56),
  titrationDays: z.number().int().min(0).max(365).default(14),
  maintenanceDays: z.number().int().min(7).max(730).default(84),
  // At least one: a percent change from a zero baseline is undefined.
  minBaselineSeizures: z.number().int().min(1).max(10000).default(8),
  reportingProbability: z.number().min(0.01).max(1).default(1),
  maxScreenedPerPatient: z.number().int().min(1).max(1000).default(50),
  arms: z.array(armSchema).min(1).max(20),
  propensity: overrides.optional(),
  treatment: overrides.optional(),
  model: z.enum(["parametric", "mechanistic"]).default("mechanistic"),
  mechanistic: overrides.optional(),
});

export type CohortScenario = z.output<typeof cohortScenarioSchema>;
export type TrialScenario = z.output<typeof trialScenarioSchema>;

function fieldPath(path: readonly PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === "number" ? `[${p}]` : String(p)))
      .join(".")
      .replace(/\.\[/g, "[") || "(top level)"
  );
}

function parse<T>(schema: z.ZodType<T>, text: string, source: string, kind: string): T {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new ScenarioError(source, [`not valid YAML or JSON: ${(err as Error).message.split("\n")[0]}`]);
  }
  if (data === null || typeof data !== "object" || (data as Record<string, unknown>).kind !== kind)
    throw new ScenarioError(source, [`kind: must be "${kind}"`]);
  const result = schema.safeParse(data);
  if (!result.success)
    throw new ScenarioError(
      source,
      result.error.issues.map((i) => `${fieldPath(i.path)}: ${i.message}`),
    );
  return result.data;
}

/**
 * Checks zod cannot express: parameter overrides inside their tables' ranges, arm names unique.
 * Used by the parsers below and by scenario.ts's validateScenario (ictal validate).
 */
export function courseScenarioProblems(s: CohortScenario | TrialScenario): string[] {
  const problems: string[] = [];
  try {
    resolveParameters(PROPENSITY_PARAMETERS, s.propensity, "propensity");
    resolveParameters(TREATMENT_PARAMETERS, s.treatment, "treatment");
    resolveParameters(MECHANISTIC_PARAMETERS, s.mechanistic, "mechanistic");
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (s.kind === "trial") {
    const names = new Set<string>();
    for (const arm of s.arms) {
      if (names.has(arm.name)) problems.push(`arms: the name '${arm.name}' is used twice`);
      names.add(arm.name);
    }
  }
  return problems;
}

function checked<T extends CohortScenario | TrialScenario>(s: T, source: string): T {
  const problems = courseScenarioProblems(s);
  if (problems.length > 0) throw new ScenarioError(source, problems);
  return s;
}

function only(pop: z.output<typeof populationSchema>): Etiology[] | undefined {
  return pop.only;
}

/** JSON Schema (draft 2020-12) of cohort or trial scenario files, for editors. */
export function courseScenarioJsonSchema(kind: "cohort" | "trial"): Record<string, unknown> {
  const schema = z.toJSONSchema(kind === "cohort" ? cohortScenarioSchema : trialScenarioSchema, {
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  return { ...schema, title: `ictal ${kind} scenario, schema version ${SCENARIO_SCHEMA_VERSION}` };
}

export function parseCohortScenario(text: string, source = "cohort scenario"): CohortScenario {
  return checked(parse(cohortScenarioSchema, text, source, "cohort"), source);
}

export function parseTrialScenario(text: string, source = "trial scenario"): TrialScenario {
  return checked(parse(trialScenarioSchema, text, source, "trial"), source);
}

export function cohortSpecOf(s: CohortScenario, seed = s.seed): CohortSpec {
  const policy: TreatmentPolicy = {
    ...DEFAULT_POLICY,
    ...Object.fromEntries(Object.entries(s.policy).filter(([k, v]) => k !== "drugs" && v !== undefined)),
    drugs: { ...DEFAULT_POLICY.drugs, ...(s.policy.drugs ?? {}) },
  };
  return {
    seed,
    population: { ...s.population, only: only(s.population) },
    policy,
    settings: {
      ...DEFAULT_COURSE_SETTINGS,
      followUpDays: Math.round(s.followUpYears * 365),
      reportingProbability: s.diary.reportingProbability,
      diagnosisDelayMedianDays: s.diagnosis.delayMedianDays,
      diagnosisDelayLogSd: s.diagnosis.delayLogSd,
    },
    propensity: s.propensity,
    treatment: s.treatment,
    model: s.model,
    mechanistic: s.mechanistic,
  };
}

export function trialSpecOf(s: TrialScenario, seed = s.seed): TrialSpec {
  return {
    seed,
    population: s.population,
    baselineDays: s.baselineDays,
    titrationDays: s.titrationDays,
    maintenanceDays: s.maintenanceDays,
    minBaselineSeizures: s.minBaselineSeizures,
    reportingProbability: s.reportingProbability,
    maxScreenedPerPatient: s.maxScreenedPerPatient,
    arms: s.arms,
    propensity: s.propensity,
    treatment: s.treatment,
    model: s.model,
    mechanistic: s.mechanistic,
  };
}
