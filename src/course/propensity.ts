/**
 * Parametric seizure propensity: the stand-in for the network → course bridge.
 *
 * The untreated expected seizure count on day t of a patient with baseline rate λ0 is
 *
 *   λ(t) = λ0 · exp(A(t) − σ_A²/2) · exp(a_m · sin(2π t / P + φ)) / I0(a_m) · exp(I(t))
 *
 * - A(t): slow disease activity, a stationary Ornstein–Uhlenbeck process on the log rate with
 *   standard deviation σ_A and correlation time τ_A (exact discretisation per day:
 *   A ← A·e^(−1/τ_A) + σ_A·sqrt(1 − e^(−2/τ_A))·N(0, 1)). It makes epilepsy wax and wane over
 *   months to years, which is what lets a controlled patient relapse and a refractory one remit
 *   (the fluctuating course of Brodie et al. 2012, Neurology 78:1548). exp(−σ_A²/2) keeps the
 *   long-run mean at λ0.
 * - The multidien rhythm of period P (20–30 days, per patient) and phase φ: Baud et al. 2018
 *   (Nat Commun 9:88 ✓) found seizures phase-locked to patient-specific multidien cycles of
 *   interictal activity. Dividing by the modified Bessel function I0(a_m) keeps the cycle's mean
 *   factor at one. Circadian modulation exists too (same paper) but averages out within a day:
 *   at the course's daily resolution it is integrated out, and only the daily rate is modelled.
 * - I(t): log-rate added by seizure-driven inflammation through `CourseHooks.onSeizure`
 *   (0 unless the inflammation model is attached).
 *
 * Deviation: all amplitudes are modelling choices constrained by the statistics they must give
 * (over-dispersed counts and an L-relationship slope of 0.6–0.7, clinical_outcomes.md §5), not
 * fits to a dataset.
 */
import {
  parameter,
  resolveParameters,
  type ParameterOverrides,
  type ParameterTable,
} from "../engines/parameters.js";
import type { CoursePatient, PropensityModel } from "./types.js";

export type PropensityParameter =
  | "slowActivitySd"
  | "slowActivityDays"
  | "multidienAmplitude"
  | "dailyDispersion"
  | "clusterGain"
  | "clusterDays";

export const PROPENSITY_PARAMETERS: ParameterTable<PropensityParameter> = {
  slowActivitySd: parameter(
    "slowActivitySd",
    "stationary SD of the slow log-rate disease activity A(t)",
    0.5,
    "dimensionless (natural log)",
    0,
    3,
    "modelling choice: relapse after remission and late remission (Brodie et al. 2012 Neurology 78:1548)",
  ),
  slowActivityDays: parameter(
    "slowActivityDays",
    "correlation time of the slow disease activity",
    300,
    "days",
    1,
    10000,
    "modelling choice (months-to-years waxing and waning; Brodie et al. 2012)",
  ),
  multidienAmplitude: parameter(
    "multidienAmplitude",
    "log-amplitude of the multidien rhythm",
    0.3,
    "dimensionless (natural log)",
    0,
    3,
    "Baud et al. 2018 Nat Commun 9:88 (seizures locked to 20–30-day cycles); size a modelling choice",
  ),
  dailyDispersion: parameter(
    "dailyDispersion",
    "over-dispersion 1/k of the day-to-day gamma factor (counts are gamma–Poisson)",
    1,
    "dimensionless",
    0,
    20,
    "Tharayil et al. 2017 Epilepsia 58:835 (negative binomial best); Romero et al. 2020 (1/n = 2.7–12.5)",
  ),
  clusterGain: parameter(
    "clusterGain",
    "rate increase on the day after a seizure day (clustering)",
    0.3,
    "dimensionless",
    0,
    10,
    "Tharayil et al. 2017 (one-day autocorrelation); size a modelling choice",
  ),
  clusterDays: parameter(
    "clusterDays",
    "decay time of the clustering drive",
    1,
    "days",
    0.1,
    30,
    "Tharayil et al. 2017 (autocorrelation at lag one day)",
  ),
};

/** Modified Bessel function of the first kind, order 0 (power series; |x| < 10 here). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 60; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return sum;
}

export class ParametricPropensity implements PropensityModel {
  readonly parameters: Readonly<Record<PropensityParameter, number>>;
  private readonly decay: number;
  private readonly kick: number;
  private readonly meanCorrection: number;

  constructor(overrides?: ParameterOverrides<PropensityParameter>, where = "propensity") {
    this.parameters = resolveParameters(PROPENSITY_PARAMETERS, overrides, where);
    const p = this.parameters;
    this.decay = Math.exp(-1 / p.slowActivityDays);
    this.kick = p.slowActivitySd * Math.sqrt(1 - this.decay * this.decay);
    this.meanCorrection =
      Math.exp(-0.5 * p.slowActivitySd * p.slowActivitySd) / besselI0(p.multidienAmplitude);
  }

  /** The slow activity at onset is drawn from its stationary distribution. */
  initialActivity(patient: CoursePatient): number {
    return this.parameters.slowActivitySd * patient.propensityStream.normal();
  }

  ratePerDay(patient: CoursePatient, day: number): number {
    const f = patient.facts;
    patient.slowActivity = patient.slowActivity * this.decay + this.kick * patient.propensityStream.normal();
    const rhythm =
      this.parameters.multidienAmplitude *
      Math.sin((2 * Math.PI * day) / f.multidienPeriodDays + f.multidienPhase);
    return (
      f.baselineRatePerDay *
      this.meanCorrection *
      Math.exp(patient.slowActivity + rhythm + patient.inflammationDrive)
    );
  }
}
