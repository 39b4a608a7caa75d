/**
 * Outcomes read from a simulated history, using the diary (reported seizures) as a clinic would.
 *
 * ILAE 2010 drug resistance (Kwan et al. 2010, Epilepsia 51:1069 ✓; drugs.md §3):
 * - Level 1, per schedule: `appropriate` (every drug suits the syndrome, drugs.ts), `tolerated`
 *   (not withdrawn for adverse effects), reached its target dose; outcome "seizure-free" when a
 *   seizure-free stretch on the schedule lasted the sustained-freedom threshold, "failure" when
 *   seizures were reported on it after the target dose and stabilisation, else "undetermined".
 *   A trial is adequate when appropriate, tolerated, at target dose and with a determined outcome.
 * - Sustained seizure freedom: max(12 months, 3 × the longest pre-treatment inter-seizure
 *   interval) (the rule of three).
 * - Level 2, at the end of follow-up: "drug-responsive" when currently seizure-free for the
 *   threshold; otherwise "drug-resistant" after two adequate failed schedules; else "undefined".
 *
 * Seizure freedom as in Kwan & Brodie 2000 (NEJM 342:314 ✓): no seizures for at least the last
 * year of follow-up, attributed to the schedule being taken (first drug; a later single drug;
 * a combination).
 *
 * 12-month remission: the first day on which 365 consecutive seizure-free days since the start of
 * treatment (or since a seizure) are completed; censored at the end of follow-up.
 *
 * Course patterns of Brodie et al. 2012 (Neurology 78:1548 ✓: A 37%, B 22%, C 16%, D 25% of
 * 1098 patients; seizure freedom = no seizures for ≥ 1 year): A early and sustained (last
 * seizure within 6 months of starting treatment, free since, never relapsed after a year free);
 * B delayed but sustained (free ≥ 1 year at the end, last seizure after 6 months, no earlier
 * year-long freedom ended by relapse); C fluctuating (a year or more free, then a relapse);
 * D never a year free. The six-month boundary of A is our reading of "early"; the paper's exact
 * operational rule is UNVERIFIED.
 */
import { suitabilityFor, courseDrug } from "./drugs.js";
import type { CourseHistory } from "./simulate.js";
import type { Schedule } from "./policy.js";

export type TrialOutcome = "seizure-free" | "failure" | "undetermined";
export type IlaeStatus = "drug-responsive" | "drug-resistant" | "undefined";
export type BrodiePattern = "earlySustained" | "delayedSustained" | "fluctuating" | "neverSeizureFree";
export type SeizureFreeOn = "firstDrug" | "secondOrThirdDrug" | "combination" | "never";

export interface ScheduleAssessment {
  readonly schedule: Schedule;
  readonly appropriate: boolean;
  readonly tolerated: boolean;
  readonly reachedTarget: boolean;
  readonly outcome: TrialOutcome;
  readonly adequate: boolean;
  /** Reported seizures during the schedule. */
  readonly seizures: number;
}

export interface CourseOutcome {
  readonly sustainedThresholdDays: number;
  readonly schedules: readonly ScheduleAssessment[];
  readonly ilae: IlaeStatus;
  readonly ilaeReason: string;
  readonly seizureFreeAtEnd: boolean;
  readonly seizureFreeOn: SeizureFreeOn;
  /** Days from treatment start to the completion of a 12-month remission; null if censored. */
  readonly remission12Day: number | null;
  readonly pattern: BrodiePattern;
  /** Reported seizures from treatment start to the end. */
  readonly seizuresOnTreatment: number;
  /** Days seizure-free at the end of follow-up (reported). */
  readonly finalSeizureFreeDays: number;
}

const YEAR = 365;
const EARLY_DAYS = 182;

/** Reported seizure days (>= from, < to) of a history. */
function reportedDays(h: CourseHistory, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < h.seizureDays.length; i++) {
    const d = h.seizureDays[i];
    if (d >= from && d < to && h.reportedCounts[i] > 0) out.push(d);
  }
  return out;
}

function assessSchedule(
  h: CourseHistory,
  s: Schedule,
  threshold: number,
  stabilisationDays: number,
): ScheduleAssessment {
  const f = h.facts;
  const appropriate = s.drugs.every(
    (name) => suitabilityFor(courseDrug(name), f.syndrome, f.etiology) === "appropriate",
  );
  const tolerated = s.endReason !== "adverse-effects";
  const reachedTarget = s.targetDay !== null;
  const days = reportedDays(h, s.startDay, s.endDay);
  let seizures = 0;
  for (let i = 0; i < h.seizureDays.length; i++)
    if (h.seizureDays[i] >= s.startDay && h.seizureDays[i] < s.endDay) seizures += h.reportedCounts[i];
  // The stretch from the last reported seizure (or the start) to the end of the schedule.
  let from = s.startDay;
  for (const d of days) from = d + 1;
  const finalStretch = s.endDay - from;
  const target = s.targetDay;
  const failedAtDose = target !== null && days.some((d) => d >= target + stabilisationDays);
  const finalOutcome: TrialOutcome =
    finalStretch >= threshold ? "seizure-free" : failedAtDose ? "failure" : "undetermined";
  return {
    schedule: s,
    appropriate,
    tolerated,
    reachedTarget,
    outcome: finalOutcome,
    adequate: appropriate && tolerated && reachedTarget && finalOutcome !== "undetermined",
    seizures,
  };
}

/** Everything the cohort summary needs about one history. */
export function assessCourse(h: CourseHistory, stabilisationDays = 14): CourseOutcome {
  const threshold = Math.max(YEAR, 3 * h.longestPreTreatmentIntervalDays);
  const schedules = h.schedules.map((s) => assessSchedule(h, s, threshold, stabilisationDays));
  const onTreatment = reportedDays(h, 0, h.followUpDays);
  let seizuresOnTreatment = 0;
  for (let i = 0; i < h.seizureDays.length; i++)
    if (h.seizureDays[i] >= 0) seizuresOnTreatment += h.reportedCounts[i];
  const lastSeizure = onTreatment.length > 0 ? onTreatment[onTreatment.length - 1] : -1;
  const finalFree = h.followUpDays - (lastSeizure + 1);

  // ILAE level 2.
  const failed = schedules.filter((a) => a.adequate && a.outcome === "failure");
  let ilae: IlaeStatus;
  let ilaeReason: string;
  const current = schedules[schedules.length - 1];
  if (finalFree >= threshold) {
    ilae = "drug-responsive";
    ilaeReason = `seizure-free for ${finalFree} days (threshold ${threshold}) on ${current ? current.schedule.drugs.join(" + ") : "no drug"}`;
  } else if (failed.length >= 2) {
    ilae = "drug-resistant";
    ilaeReason = `${failed.length} adequate, tolerated, appropriate schedules failed: ${failed.map((a) => a.schedule.drugs.join(" + ")).join("; ")}`;
  } else {
    ilae = "undefined";
    const inadequate = schedules.length - schedules.filter((a) => a.adequate).length;
    ilaeReason = `${failed.length} adequate failed schedule(s), ${inadequate} inadequate or undetermined, not seizure-free for ${threshold} days`;
  }

  const seizureFreeAtEnd = finalFree >= YEAR;
  let seizureFreeOn: SeizureFreeOn = "never";
  if (seizureFreeAtEnd && current !== undefined) {
    if (current.schedule.drugs.length >= 2) seizureFreeOn = "combination";
    else if (current.schedule.index === 0) seizureFreeOn = "firstDrug";
    else seizureFreeOn = "secondOrThirdDrug";
  }

  // Remission and pattern from the seizure-free stretches on treatment.
  let remission12Day: number | null = null;
  let relapseAfterYear = false;
  let from = 0;
  for (const d of onTreatment) {
    if (d - from >= YEAR) {
      if (remission12Day === null) remission12Day = from + YEAR;
      relapseAfterYear = true;
    }
    from = d + 1;
  }
  if (remission12Day === null && h.followUpDays - from >= YEAR) remission12Day = from + YEAR;
  let pattern: BrodiePattern;
  if (relapseAfterYear) pattern = "fluctuating";
  else if (finalFree >= YEAR) pattern = lastSeizure < EARLY_DAYS ? "earlySustained" : "delayedSustained";
  else pattern = "neverSeizureFree";

  return {
    sustainedThresholdDays: threshold,
    schedules,
    ilae,
    ilaeReason,
    seizureFreeAtEnd,
    seizureFreeOn,
    remission12Day,
    pattern,
    seizuresOnTreatment,
    finalSeizureFreeDays: finalFree,
  };
}
