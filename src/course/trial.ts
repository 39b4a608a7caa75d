/**
 * A randomised, placebo-controlled add-on trial run on the course model.
 *
 * Design (as in the adjunctive-therapy trials of clinical_outcomes.md §3–4): candidates from a
 * refractory population keep their background treatment (it is part of their baseline rate);
 * a prospective baseline of `baselineDays` must contain at least `minBaselineSeizures` reported
 * seizures; included patients are randomised (permuted allocation of exactly n per arm) to an
 * arm; the arm's drug is titrated over `titrationDays` to its dose and held for
 * `maintenanceDays`. Endpoints per patient over the maintenance period, per 28 days of diary:
 * percent change from baseline, ≥ 50% responder, seizure-free.
 *
 * The placebo arm receives no drug: its "response" is what the course model produces on its
 * own — natural variability (gamma–Poisson noise, slow activity, multidien rhythm), regression
 * to the mean after an inclusion criterion selected high baseline counts, and the skew of a
 * ratio of counts. Romero et al. (2020, Epilepsy Res 162:106306 ✓) showed that natural
 * variability alone gives RR50 27.3 ± 3.6% and median percent change 22.0 ± 6.0% (reduction).
 * The drug arm's effect is the treatment effect of the drug in each patient (treatment-effect.ts):
 * its mechanism decides its appropriateness and relative efficacy for the population's syndrome,
 * and the patient's resistance traits decide how far it moves the patient from the seizure
 * threshold.
 */
import { RandomStream } from "../numerics/random.js";
import { median } from "../numerics/statistics.js";
import { generatePatient, type PopulationSpec } from "./patients.js";
import { ParametricPropensity, type PropensityParameter } from "./propensity.js";
import { courseModels, simulateDiary } from "./simulate.js";
import { InterimTreatmentEffect, type TreatmentParameter } from "./treatment-effect.js";
import { courseDrug } from "./drugs.js";
import type { ParameterOverrides } from "../engines/parameters.js";
import type { CourseModelKind } from "./cohort.js";
import { MechanisticCourseModel, type MechanisticParameter } from "./mechanistic-model.js";
import type { DrugExposure } from "./types.js";

export interface TrialArmSpec {
  readonly name: string;
  readonly n: number;
  /** Drug added in this arm; none for placebo. */
  readonly drug?: string;
  /** Dose as a fraction of the drug's usual target dose. */
  readonly doseFraction?: number;
}

export interface TrialSpec {
  readonly seed: number;
  readonly population: PopulationSpec;
  readonly baselineDays: number;
  readonly titrationDays: number;
  readonly maintenanceDays: number;
  readonly minBaselineSeizures: number;
  readonly reportingProbability: number;
  readonly arms: readonly TrialArmSpec[];
  /** Give up screening after this many candidates per randomised patient. */
  readonly maxScreenedPerPatient: number;
  readonly propensity?: ParameterOverrides<PropensityParameter>;
  readonly treatment?: ParameterOverrides<TreatmentParameter>;
  readonly model?: CourseModelKind;
  readonly mechanistic?: ParameterOverrides<MechanisticParameter>;
}

export interface TrialArmResult {
  readonly name: string;
  readonly n: number;
  readonly responderRate50: number;
  /** Median percent change of the 28-day seizure rate (negative = fewer seizures). */
  readonly medianPercentChange: number;
  readonly seizureFree: number;
}

export interface TrialParticipant {
  readonly candidate: number;
  readonly arm: string;
  readonly etiology: string;
  readonly baselinePer28: number;
  readonly maintenancePer28: number;
  readonly percentChange: number;
  /** Reported daily counts over baseline + titration + maintenance (for example diaries). */
  readonly diary: Uint16Array;
}

export interface TrialResult {
  readonly screened: number;
  /** Days of the baseline and titration periods (the diaries' day 0 is the start of baseline). */
  readonly baselineDays: number;
  readonly titrationDays: number;
  readonly arms: TrialArmResult[];
  readonly participants: TrialParticipant[];
}

export const TRIAL_PATH = "trial";

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function runTrial(spec: TrialSpec): TrialResult {
  spec.arms.forEach((arm, k) => {
    if (arm.drug === undefined) return;
    const top = courseDrug(arm.drug).maxDoseFraction;
    // Tolerance 1e-3: a dose written with a few digits (fenfluramine 0.7 mg/kg/day = 1.871).
    if (arm.doseFraction !== undefined && !(arm.doseFraction <= top * (1 + 1e-3)))
      throw new RangeError(
        `trial: arms[${k}].doseFraction = ${arm.doseFraction} is above ${arm.drug}'s maximal dose; allowed (0, ${round(top, 3)}] (the top of the catalogue's usual daily range over the target dose)`,
      );
  });
  const models =
    spec.model === "mechanistic"
      ? new MechanisticCourseModel(spec.seed, TRIAL_PATH, spec.mechanistic, spec.propensity).courseModels()
      : courseModels(
          new ParametricPropensity(spec.propensity, "propensity"),
          new InterimTreatmentEffect(spec.seed, TRIAL_PATH, spec.treatment, "treatment"),
        );
  // Permuted allocation: exactly n per arm, in a random order from the trial's own stream.
  const allocation: number[] = [];
  spec.arms.forEach((arm, k) => {
    for (let i = 0; i < arm.n; i++) allocation.push(k);
  });
  const shuffle = RandomStream.for(spec.seed, `${TRIAL_PATH}/randomisation`);
  for (let i = allocation.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle.uniform() * (i + 1));
    [allocation[i], allocation[j]] = [allocation[j], allocation[i]];
  }
  const treatmentDays = spec.titrationDays + spec.maintenanceDays;
  const total = spec.baselineDays + treatmentDays;
  const participants: TrialParticipant[] = [];
  let candidate = 0;
  const limit = allocation.length * spec.maxScreenedPerPatient;
  while (participants.length < allocation.length) {
    if (candidate >= limit)
      throw new RangeError(
        `trial: only ${participants.length} of ${allocation.length} patients met minBaselineSeizures = ${spec.minBaselineSeizures} after ${candidate} candidates; lower the criterion or raise population.baselinePerMonth`,
      );
    const facts = generatePatient(spec.seed, TRIAL_PATH, candidate, spec.population);
    const screening = simulateDiary(
      facts,
      models,
      spec.baselineDays,
      spec.seed,
      TRIAL_PATH,
      spec.reportingProbability,
    );
    let baselineCount = 0;
    for (let d = 0; d < spec.baselineDays; d++) baselineCount += screening.reportedCounts[d];
    if (baselineCount >= spec.minBaselineSeizures) {
      const arm = spec.arms[allocation[participants.length]];
      const exposure: DrugExposure[] =
        arm.drug === undefined ? [] : [{ drug: arm.drug, doseFraction: 0, startDay: spec.baselineDays }];
      const target = arm.doseFraction ?? 1;
      const none: DrugExposure[] = [];
      const { reportedCounts } = simulateDiary(
        facts,
        models,
        total,
        spec.seed,
        TRIAL_PATH,
        spec.reportingProbability,
        (day) => {
          if (exposure.length === 0 || day < spec.baselineDays) return none;
          const t = day - spec.baselineDays + 1;
          exposure[0].doseFraction =
            spec.titrationDays > 0 ? target * Math.min(1, t / spec.titrationDays) : target;
          return exposure;
        },
      );
      let maintenance = 0;
      for (let d = spec.baselineDays + spec.titrationDays; d < total; d++) maintenance += reportedCounts[d];
      const baselinePer28 = (baselineCount / spec.baselineDays) * 28;
      const maintenancePer28 = (maintenance / spec.maintenanceDays) * 28;
      participants.push({
        candidate,
        arm: arm.name,
        etiology: facts.etiology,
        baselinePer28: round(baselinePer28, 4),
        maintenancePer28: round(maintenancePer28, 4),
        percentChange: round((100 * (maintenancePer28 - baselinePer28)) / baselinePer28, 4),
        diary: reportedCounts,
      });
    }
    candidate++;
  }
  const arms = spec.arms.map((arm) => {
    const group = participants.filter((p) => p.arm === arm.name);
    return {
      name: arm.name,
      n: group.length,
      responderRate50: round(group.filter((p) => p.percentChange <= -50).length / group.length, 4),
      medianPercentChange: round(median(group.map((p) => p.percentChange)), 2),
      seizureFree: round(group.filter((p) => p.maintenancePer28 === 0).length / group.length, 4),
    };
  });
  return {
    screened: candidate,
    baselineDays: spec.baselineDays,
    titrationDays: spec.titrationDays,
    arms,
    participants,
  };
}
