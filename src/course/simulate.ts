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
import type { ParametricPropensity } from "./propensity.js";
import type {
  CourseHooks,
  CoursePatient,
  DrugExposure,
  PatientFacts,
  PropensityModel,
  TreatmentEffect,
} from "./types.js";

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

/**
 * The daily seizure draw of one patient: its streams, its slow state and the gamma–Poisson
 * count with clustering and hooks. Shared by the course and by trial / diary simulations.
 */
export class DailySeizureProcess {
  readonly patient: CoursePatient;
  private readonly seizureStream: RandomStream;
  private readonly diaryStream: RandomStream;
  private readonly shape: number;
  private readonly clusterDecay: number;

  constructor(
    facts: PatientFacts,
    private readonly models: CourseModels,
    seed: number,
    path: string,
    private readonly reportingProbability: number,
  ) {
    const base = `${path}/patient/${facts.id}`;
    this.patient = {
      facts,
      propensityStream: RandomStream.for(seed, `${base}/propensity`),
      slowActivity: 0,
      inflammationDrive: 0,
      clusterDrive: 0,
      remitting: 0,
    };
    models.propensity.initialise?.(this.patient);
    this.seizureStream = RandomStream.for(seed, `${base}/seizures`);
    this.diaryStream = RandomStream.for(seed, `${base}/diary`);
    this.shape = models.dailyDispersion > 0 ? 1 / models.dailyDispersion : 0;
    this.clusterDecay = Math.exp(-1 / models.clusterDays);
  }

  /** True seizures on `day` at expected rate `rate` (before clustering); updates the state. */
  draw(day: number, rate: number): number {
    if (!Number.isFinite(rate) || rate < 0)
      throw new RangeError(
        `patient ${this.patient.facts.id}: seizure rate ${rate} on day ${day} is not finite`,
      );
    const k = this.shape;
    const mean = k > 0 ? (rate * gammaVariate(this.seizureStream, k)) / k : rate;
    const n = Math.min(65535, poissonVariate(this.seizureStream, mean * (1 + this.patient.clusterDrive)));
    const p = this.patient;
    p.clusterDrive = p.clusterDrive * this.clusterDecay + (n > 0 ? this.models.clusterGain : 0);
    const hook = this.models.hooks?.onSeizure;
    if (n > 0 && hook !== undefined) for (let i = 0; i < n; i++) hook(p, day);
    return n;
  }

  /** The seizure that defines onset, added to those drawn on `day` (`drawn` of them). */
  addOnsetSeizure(day: number, drawn: number): void {
    const p = this.patient;
    if (drawn === 0) p.clusterDrive += this.models.clusterGain;
    this.models.hooks?.onSeizure?.(p, day);
  }

  /** How many of `n` seizures the diary records. */
  report(n: number): number {
    if (this.reportingProbability >= 1 || n === 0) return n;
    let r = 0;
    for (let i = 0; i < n; i++) if (this.diaryStream.uniform() < this.reportingProbability) r++;
    return r;
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
  const process = new DailySeizureProcess(facts, models, seed, path, settings.reportingProbability);
  const patient = process.patient;
  const delayStream = RandomStream.for(seed, `${path}/patient/${facts.id}/diagnosis`);
  const record = new SeizureRecord();

  // Pre-treatment, in onset-relative days: onset has one (reported) seizure by definition.
  const pre = new SeizureRecord();
  const drawnAtOnset = process.draw(0, models.propensity.ratePerDay(patient, 0));
  process.addOnsetSeizure(0, drawnAtOnset);
  const onsetCount = Math.min(65535, 1 + drawnAtOnset);
  const reportedAtOnset = 1 + process.report(drawnAtOnset);
  pre.push(0, onsetCount, reportedAtOnset);
  // Diagnosis follows the second seizure the patient (or a witness) notices.
  let reportedSoFar = reportedAtOnset;
  let startDay = -1;
  const delay = Math.round(
    Math.exp(
      Math.log(settings.diagnosisDelayMedianDays) + settings.diagnosisDelayLogSd * delayStream.normal(),
    ),
  );
  for (let d = 1; d < settings.maxPreTreatmentDays; d++) {
    const n = process.draw(d, models.propensity.ratePerDay(patient, d));
    if (n > 0) {
      const reported = process.report(n);
      pre.push(d, n, reported);
      reportedSoFar += reported;
    }
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
    const n = process.draw(day, rate);
    const reported = process.report(n);
    if (n > 0) record.push(day, n, reported);
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
 * A diary of `days` days for a patient under a drug exposure function (none by default): true
 * and reported counts per day, from the patient's own streams. Used for natural-variability
 * statistics and for trials (where the drugs change at randomisation).
 */
export function simulateDiary(
  facts: PatientFacts,
  models: CourseModels,
  days: number,
  seed: number,
  path: string,
  reportingProbability = 1,
  drugsOnDay?: (day: number) => readonly DrugExposure[],
): { trueCounts: Uint16Array; reportedCounts: Uint16Array } {
  const process = new DailySeizureProcess(facts, models, seed, path, reportingProbability);
  const trueCounts = new Uint16Array(days);
  const reportedCounts = new Uint16Array(days);
  for (let day = 0; day < days; day++) {
    let rate = models.propensity.ratePerDay(process.patient, day);
    const drugs = drugsOnDay?.(day);
    if (drugs !== undefined && drugs.length > 0)
      rate *= models.treatment.respond(process.patient, drugs, day);
    const n = process.draw(day, rate);
    trueCounts[day] = n;
    reportedCounts[day] = process.report(n);
  }
  return { trueCounts, reportedCounts };
}
