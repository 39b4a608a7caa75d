/**
 * The course engine: one patient, day by day, from the first seizure to the end of follow-up.
 *
 * Each day t:
 *   λ(t)  = propensity.ratePerDay(patient, t) · treatment.respond(patient, drugs, t) · (1 + c(t))
 *   N(t)  ~ Poisson(λ(t) · G(t)),  G(t) ~ Gamma(k, 1/k)   (gamma–Poisson: negative binomial)
 *   c(t+1) = c(t) · e^(−1/τc) + g · [N(t) > 0]           (clustering: one-day autocorrelation)
 *   reported(t) ~ Binomial(N(t), p_report)                (diary under-reporting)
 *
 * The gamma factor with mean one and variance 1/k is the daily over-dispersion of the negative
 * binomial model that fitted 1.2 million diary seizures best (Tharayil et al. 2017, Epilepsia
 * 58:835 ✓); the slow activity and multidien rhythm (propensity.ts) add the longer-range
 * variability, and together they give the log SD – log mean relation of diaries (Goldenholz et
 * al. 2018). Self-reported diaries miss about half of seizures in the studies reviewed in the
 * dossier (clinical_outcomes.md §5); `reportingProbability` sets it (1 = perfect diary).
 *
 * Pre-treatment: the first seizure defines onset; treatment starts after the second seizure plus
 * a log-normal diagnostic delay (two unprovoked seizures define epilepsy; the delay is a
 * modelling prior, median 60 days). The count and the longest interval before treatment are
 * what Kwan & Brodie 2000 and the ILAE rule of three use.
 *
 * Every stream is the patient's own: (seed, `${path}/patient/<id>/<purpose>`).
 */
import { RandomStream } from "../numerics/random.js";
import { gammaVariate, poissonVariate } from "../numerics/variates.js";
import { PolicyState, type Schedule, type TreatmentPolicy } from "./policy.js";
import { ParametricPropensity } from "./propensity.js";
import type { CourseHooks, CoursePatient, PatientFacts, PropensityModel, TreatmentEffect } from "./types.js";

export interface CourseSettings {
  /** Days of follow-up from the first day of treatment. */
  readonly followUpDays: number;
  /** Probability that a seizure is written in the diary. */
  readonly reportingProbability: number;
  /** Median and log-SD of the delay from the second seizure to the first drug (days). */
  readonly diagnosisDelayMedianDays: number;
  readonly diagnosisDelayLogSd: number;
  /** Longest pre-treatment period simulated (a patient with no second seizure starts then). */
  readonly maxPreTreatmentDays: number;
}

export const DEFAULT_COURSE_SETTINGS: CourseSettings = {
  followUpDays: 5 * 365,
  reportingProbability: 1,
  diagnosisDelayMedianDays: 90,
  diagnosisDelayLogSd: 0.8,
  maxPreTreatmentDays: 10 * 365,
};

export interface CourseModels {
  readonly propensity: PropensityModel;
  readonly treatment: TreatmentEffect;
  readonly hooks?: CourseHooks;
  /** Daily over-dispersion 1/k and clustering; taken from a ParametricPropensity by default. */
  readonly dailyDispersion: number;
  readonly clusterGain: number;
  readonly clusterDays: number;
}

/** A patient's simulated history, as a clinic would hold it, plus the true counts. */
export interface CourseHistory {
  readonly facts: PatientFacts;
  /** Days from onset (first seizure) to the first drug. */
  readonly preTreatmentDays: number;
  /** Reported seizures before treatment (onset day included). */
  readonly preTreatmentSeizures: number;
  /** Longest interval between reported pre-treatment seizures (days; 0 with one seizure). */
  readonly longestPreTreatmentIntervalDays: number;
  readonly followUpDays: number;
  /** Days with at least one true seizure, relative to treatment start (negative = before). */
  readonly seizureDays: Int32Array;
  readonly trueCounts: Uint16Array;
  readonly reportedCounts: Uint16Array;
  readonly schedules: readonly Schedule[];
  readonly referralDay: number | null;
}

/** Course models from a parametric propensity and a treatment effect. */
export function courseModels(
  propensity: ParametricPropensity,
  treatment: TreatmentEffect,
  hooks?: CourseHooks,
): CourseModels {
  const p = propensity.parameters;
  return {
    propensity,
    treatment,
    hooks,
    dailyDispersion: p.dailyDispersion,
    clusterGain: p.clusterGain,
    clusterDays: p.clusterDays,
  };
}

/** Growable seizure-day record (amortised doubling; no allocation per day). */
class SeizureRecord {
  days = new Int32Array(64);
  trueCounts = new Uint16Array(64);
  reported = new Uint16Array(64);
  length = 0;
  push(day: number, count: number, reported: number): void {
    if (this.length === this.days.length) {
      const grow = <T extends Int32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.days = grow(this.days, (n) => new Int32Array(n));
      this.trueCounts = grow(this.trueCounts, (n) => new Uint16Array(n));
      this.reported = grow(this.reported, (n) => new Uint16Array(n));
    }
    this.days[this.length] = day;
    this.trueCounts[this.length] = Math.min(count, 65535);
    this.reported[this.length] = Math.min(reported, 65535);
    this.length++;
  }
}

/** Simulate one patient's course. */
export function simulateCourse(
  facts: PatientFacts,
  models: CourseModels,
  policy: TreatmentPolicy,
  settings: CourseSettings,
  seed: number,
  path: string,
): CourseHistory {
  const base = `${path}/patient/${facts.id}`;
  const patient: CoursePatient = {
    facts,
    propensityStream: RandomStream.for(seed, `${base}/propensity`),
    slowActivity: 0,
    inflammationDrive: 0,
    clusterDrive: 0,
  };
  if (models.propensity instanceof ParametricPropensity)
    patient.slowActivity = models.propensity.initialActivity(patient);
  const seizureStream = RandomStream.for(seed, `${base}/seizures`);
  const diaryStream = RandomStream.for(seed, `${base}/diary`);
  const delayStream = RandomStream.for(seed, `${base}/diagnosis`);
  const k = models.dailyDispersion > 0 ? 1 / models.dailyDispersion : 0;
  const clusterDecay = Math.exp(-1 / models.clusterDays);
  const pReport = settings.reportingProbability;
  const record = new SeizureRecord();

  const report = (n: number): number => {
    if (pReport >= 1) return n;
    let r = 0;
    for (let i = 0; i < n; i++) if (diaryStream.uniform() < pReport) r++;
    return r;
  };
  const draw = (rate: number): number => {
    const mean = k > 0 ? (rate * gammaVariate(seizureStream, k)) / k : rate;
    return poissonVariate(seizureStream, mean * (1 + patient.clusterDrive));
  };
  const afterSeizures = (day: number, n: number): void => {
    patient.clusterDrive = patient.clusterDrive * clusterDecay + (n > 0 ? models.clusterGain : 0);
    if (n > 0 && models.hooks?.onSeizure !== undefined)
      for (let i = 0; i < n; i++) models.hooks.onSeizure(patient, day);
  };

  // Pre-treatment, in onset-relative days: onset has one seizure by definition.
  const pre = new SeizureRecord();
  let onsetCount = 1 + draw(models.propensity.ratePerDay(patient, 0));
  onsetCount = Math.min(onsetCount, 65535);
  pre.push(0, onsetCount, Math.max(1, report(onsetCount)));
  afterSeizures(0, onsetCount);
  let reportedSoFar = onsetCount;
  let startDay = -1;
  const delay = Math.round(
    Math.exp(
      Math.log(settings.diagnosisDelayMedianDays) + settings.diagnosisDelayLogSd * delayStream.normal(),
    ),
  );
  for (let d = 1; d < settings.maxPreTreatmentDays; d++) {
    const n = draw(models.propensity.ratePerDay(patient, d));
    if (n > 0) {
      pre.push(d, n, report(n));
      reportedSoFar += n;
    }
    afterSeizures(d, n);
    if (startDay < 0 && reportedSoFar >= 2) startDay = d + 1 + delay;
    if (startDay >= 0 && d + 1 >= startDay) break;
  }
  if (startDay < 0 || startDay > settings.maxPreTreatmentDays) startDay = settings.maxPreTreatmentDays;
  let preSeizures = 0;
  let longest = 0;
  let previous = -1;
  for (let i = 0; i < pre.length; i++) {
    record.push(pre.days[i] - startDay, pre.trueCounts[i], pre.reported[i]);
    if (pre.reported[i] > 0) {
      preSeizures += pre.reported[i];
      if (previous >= 0) longest = Math.max(longest, pre.days[i] - previous);
      previous = pre.days[i];
    }
  }

  // Treatment and follow-up, in treatment-relative days.
  const state = new PolicyState(policy, facts, seed, path);
  state.start(0);
  for (let day = 0; day < settings.followUpDays; day++) {
    state.updateDoses(day);
    const rate =
      models.propensity.ratePerDay(patient, startDay + day) *
      models.treatment.respond(patient, state.exposures, day);
    if (!Number.isFinite(rate) || rate < 0)
      throw new RangeError(`patient ${facts.id}: seizure rate ${rate} on day ${day} is not finite`);
    const n = draw(rate);
    const reported = n > 0 ? report(n) : 0;
    if (n > 0) record.push(day, n, reported);
    afterSeizures(day, n);
    state.afterDay(day, reported);
  }
  state.finish(settings.followUpDays);

  return {
    facts,
    preTreatmentDays: startDay,
    preTreatmentSeizures: preSeizures,
    longestPreTreatmentIntervalDays: longest,
    followUpDays: settings.followUpDays,
    seizureDays: record.days.slice(0, record.length),
    trueCounts: record.trueCounts.slice(0, record.length),
    reportedCounts: record.reported.slice(0, record.length),
    schedules: state.schedules,
    referralDay: state.referralDay,
  };
}

/**
 * A diary of `days` days for a patient under a fixed drug exposure function (none by default):
 * true and reported counts per day, from the patient's own streams. Used for natural-variability
 * statistics and for trials (where the drugs change at randomisation).
 */
export function simulateDiary(
  facts: PatientFacts,
  models: CourseModels,
  days: number,
  seed: number,
  path: string,
  reportingProbability = 1,
  drugsOnDay?: (day: number) => readonly import("./types.js").DrugExposure[],
): { trueCounts: Uint16Array; reportedCounts: Uint16Array } {
  const base = `${path}/patient/${facts.id}`;
  const patient: CoursePatient = {
    facts,
    propensityStream: RandomStream.for(seed, `${base}/propensity`),
    slowActivity: 0,
    inflammationDrive: 0,
    clusterDrive: 0,
  };
  if (models.propensity instanceof ParametricPropensity)
    patient.slowActivity = models.propensity.initialActivity(patient);
  const seizureStream = RandomStream.for(seed, `${base}/seizures`);
  const diaryStream = RandomStream.for(seed, `${base}/diary`);
  const k = models.dailyDispersion > 0 ? 1 / models.dailyDispersion : 0;
  const clusterDecay = Math.exp(-1 / models.clusterDays);
  const trueCounts = new Uint16Array(days);
  const reportedCounts = new Uint16Array(days);
  for (let day = 0; day < days; day++) {
    let rate = models.propensity.ratePerDay(patient, day);
    if (drugsOnDay !== undefined) {
      const drugs = drugsOnDay(day);
      if (drugs.length > 0) rate *= models.treatment.respond(patient, drugs, day);
    }
    const mean = k > 0 ? (rate * gammaVariate(seizureStream, k)) / k : rate;
    const n = Math.min(65535, poissonVariate(seizureStream, mean * (1 + patient.clusterDrive)));
    let reported = n;
    if (reportingProbability < 1) {
      reported = 0;
      for (let i = 0; i < n; i++) if (diaryStream.uniform() < reportingProbability) reported++;
    }
    trueCounts[day] = n;
    reportedCounts[day] = reported;
    patient.clusterDrive = patient.clusterDrive * clusterDecay + (n > 0 ? models.clusterGain : 0);
    if (n > 0 && models.hooks?.onSeizure !== undefined)
      for (let i = 0; i < n; i++) models.hooks.onSeizure(patient, day);
  }
  return { trueCounts, reportedCounts };
}
