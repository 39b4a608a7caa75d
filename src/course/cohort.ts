/**
 * Virtual cohorts: generate patient k, simulate its course, assess it, and reduce many patients
 * to the summary the CLI prints. Pure: no I/O, no threads; the runner (src/cli/cohort.ts) splits
 * patients into batches and workers, and because patient k depends only on (seed, k) the results
 * are identical whatever the batching.
 */
import { assessCourse, type CourseOutcome } from "./classify.js";
import { generatePatient, type PopulationSpec } from "./patients.js";
import { DEFAULT_POLICY, type TreatmentPolicy } from "./policy.js";
import { ParametricPropensity, type PropensityParameter } from "./propensity.js";
import {
  courseModels,
  DEFAULT_COURSE_SETTINGS,
  simulateCourse,
  type CourseHistory,
  type CourseModels,
  type CourseSettings,
} from "./simulate.js";
import { InterimTreatmentEffect, type TreatmentParameter } from "./treatment-effect.js";
import { MechanisticCourseModel, type MechanisticParameter } from "./mechanistic-model.js";
import type { ParameterOverrides } from "../engines/parameters.js";

/**
 * Which course model: the mechanistic one (mechanistic-model.ts; the default of cohort and trial
 * scenario files, src/io/cohort-scenario.ts) or the parametric one (propensity.ts,
 * treatment-effect.ts). In the engine API an absent `model` means parametric (the engine-level
 * tests of the parametric layers use it so).
 */
export type CourseModelKind = "parametric" | "mechanistic";

/** Everything a cohort run needs besides the patient index (plain data, sent to workers). */
export interface CohortSpec {
  readonly seed: number;
  readonly population: PopulationSpec;
  readonly policy: TreatmentPolicy;
  readonly settings: CourseSettings;
  readonly propensity?: ParameterOverrides<PropensityParameter>;
  readonly treatment?: ParameterOverrides<TreatmentParameter>;
  readonly model?: CourseModelKind;
  readonly mechanistic?: ParameterOverrides<MechanisticParameter>;
}

export const COHORT_PATH = "cohort";

export function defaultCohortSpec(seed: number): CohortSpec {
  return { seed, population: {}, policy: DEFAULT_POLICY, settings: DEFAULT_COURSE_SETTINGS };
}

/** One schedule of one patient, flattened for the store and the CSV. */
export interface PeriodRow {
  readonly patient: number;
  readonly index: number;
  readonly drugs: string;
  readonly startDay: number;
  readonly endDay: number;
  readonly targetDay: number | null;
  readonly maxDoseFraction: number;
  readonly endReason: string;
  readonly appropriate: boolean;
  readonly tolerated: boolean;
  readonly adequate: boolean;
  readonly outcome: string;
  readonly seizures: number;
}

/** One patient, flattened. Field order is the CSV column order. */
export interface PatientRow {
  readonly patient: number;
  readonly etiology: string;
  readonly syndrome: string;
  readonly lesion: string;
  readonly genes: string;
  readonly inflammation: number;
  readonly transporterFold: number;
  readonly baselinePerMonth: number;
  readonly preTreatmentDays: number;
  readonly preTreatmentSeizures: number;
  readonly longestPreTreatmentIntervalDays: number;
  readonly schedules: number;
  readonly seizuresOnTreatment: number;
  readonly finalSeizureFreeDays: number;
  readonly seizureFreeOn: string;
  readonly ilae: string;
  readonly ilaeReason: string;
  readonly remission12Day: number | null;
  readonly pattern: string;
  readonly referralDay: number | null;
  readonly followUpDays: number;
}

export interface PatientResult {
  readonly patient: PatientRow;
  readonly periods: PeriodRow[];
}

/** Round for storage so text outputs are short and stable. */
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Build the models once per cohort (or per worker). */
export function cohortModels(spec: CohortSpec): CourseModels {
  if (spec.model === "mechanistic")
    return new MechanisticCourseModel(
      spec.seed,
      COHORT_PATH,
      spec.mechanistic,
      spec.propensity,
    ).courseModels();
  return courseModels(
    new ParametricPropensity(spec.propensity, "propensity"),
    new InterimTreatmentEffect(spec.seed, COHORT_PATH, spec.treatment, "treatment"),
  );
}

/** Simulate patient `id` and return its history and assessment. */
export function runCohortPatient(
  spec: CohortSpec,
  models: CourseModels,
  id: number,
): { history: CourseHistory; outcome: CourseOutcome } {
  const facts = generatePatient(spec.seed, COHORT_PATH, id, spec.population);
  const history = simulateCourse(facts, models, spec.policy, spec.settings, spec.seed, COHORT_PATH);
  return { history, outcome: assessCourse(history, spec.policy.stabilisationDays) };
}

export function toRows(history: CourseHistory, outcome: CourseOutcome): PatientResult {
  const f = history.facts;
  return {
    patient: {
      patient: f.id,
      etiology: f.etiology,
      syndrome: f.syndrome,
      lesion: f.lesion,
      genes: f.genes.join(" "),
      inflammation: r4(f.inflammation),
      transporterFold: r4(f.transporterFold),
      baselinePerMonth: r4(f.baselineRatePerDay * 30),
      preTreatmentDays: history.preTreatmentDays,
      preTreatmentSeizures: history.preTreatmentSeizures,
      longestPreTreatmentIntervalDays: history.longestPreTreatmentIntervalDays,
      schedules: history.schedules.length,
      seizuresOnTreatment: outcome.seizuresOnTreatment,
      finalSeizureFreeDays: outcome.finalSeizureFreeDays,
      seizureFreeOn: outcome.seizureFreeOn,
      ilae: outcome.ilae,
      ilaeReason: outcome.ilaeReason,
      remission12Day: outcome.remission12Day,
      pattern: outcome.pattern,
      referralDay: history.referralDay,
      followUpDays: history.followUpDays,
    },
    periods: outcome.schedules.map((a) => ({
      patient: f.id,
      index: a.schedule.index,
      drugs: a.schedule.drugs.join("+"),
      startDay: a.schedule.startDay,
      endDay: a.schedule.endDay,
      targetDay: a.schedule.targetDay,
      maxDoseFraction: r4(a.schedule.maxDoseFraction),
      endReason: a.schedule.endReason,
      appropriate: a.appropriate,
      tolerated: a.tolerated,
      adequate: a.adequate,
      outcome: a.outcome,
      seizures: a.seizures,
    })),
  };
}

/** Simulate patients [from, to) of a cohort. */
export function runCohortRange(
  spec: CohortSpec,
  from: number,
  to: number,
  models = cohortModels(spec),
): PatientResult[] {
  const out: PatientResult[] = [];
  for (let id = from; id < to; id++) {
    const { history, outcome } = runCohortPatient(spec, models, id);
    out.push(toRows(history, outcome));
  }
  return out;
}

export interface CohortSummary {
  readonly patients: number;
  readonly seizureFree: { firstDrug: number; secondOrThirdDrug: number; combination: number; never: number };
  readonly drugResistant: number;
  readonly uncontrolledByPretreatmentSeizures: { moreThan20: number; atMost20: number };
  readonly patterns: {
    earlySustained: number;
    delayedSustained: number;
    fluctuating: number;
    neverSeizureFree: number;
  };
}

const fraction = (count: number, total: number) =>
  total === 0 ? 0 : Math.round((count / total) * 1e4) / 1e4;

/** The JSON summary of the issue, from patient rows. */
export function summariseCohort(rows: readonly PatientRow[]): CohortSummary {
  const n = rows.length;
  const count = (pred: (r: PatientRow) => boolean) => rows.filter(pred).length;
  const high = rows.filter((r) => r.preTreatmentSeizures > 20);
  const low = rows.filter((r) => r.preTreatmentSeizures <= 20);
  const uncontrolled = (group: PatientRow[]) =>
    fraction(group.filter((r) => r.seizureFreeOn === "never").length, group.length);
  return {
    patients: n,
    seizureFree: {
      firstDrug: fraction(
        count((r) => r.seizureFreeOn === "firstDrug"),
        n,
      ),
      secondOrThirdDrug: fraction(
        count((r) => r.seizureFreeOn === "secondOrThirdDrug"),
        n,
      ),
      combination: fraction(
        count((r) => r.seizureFreeOn === "combination"),
        n,
      ),
      never: fraction(
        count((r) => r.seizureFreeOn === "never"),
        n,
      ),
    },
    drugResistant: fraction(
      count((r) => r.ilae === "drug-resistant"),
      n,
    ),
    uncontrolledByPretreatmentSeizures: { moreThan20: uncontrolled(high), atMost20: uncontrolled(low) },
    patterns: {
      earlySustained: fraction(
        count((r) => r.pattern === "earlySustained"),
        n,
      ),
      delayedSustained: fraction(
        count((r) => r.pattern === "delayedSustained"),
        n,
      ),
      fluctuating: fraction(
        count((r) => r.pattern === "fluctuating"),
        n,
      ),
      neverSeizureFree: fraction(
        count((r) => r.pattern === "neverSeizureFree"),
        n,
      ),
    },
  };
}
