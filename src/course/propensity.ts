/**
 * Parametric seizure propensity: the stand-in for the network → course bridge.
 *
 * The untreated expected seizure count on day t of a patient with baseline rate λ0 is
 *
 *   λ(t) = λ0 · exp(A(t) − σ_A²/2) · exp(a_m · sin(2π t / P + φ)) / I0(a_m) · exp(I(t) − D·R(t))
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
 * - R(t) ∈ {0, 1}: a two-state (active / remitting) Markov switch with hazards r_on and r_off
 *   per year; while remitting the log rate is lowered by D. Drug-resistant adults enter 12-month
 *   remission at about 5% per year, often without a treatment change, and most relapse
 *   (Callaghan et al. 2007 Ann Neurol 62:382 ✓; 2011 Epilepsia 52:619 ✓: 34.6% by 7 years, 71%
 *   relapse within 5 years). Patients start active (they have just had seizures). The term
 *   appears in λ(t) as exp(−D · R(t)).
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
  | "clusterDays"
  | "remissionPerYear"
  | "relapsePerYear"
  | "remissionDepth";

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
    0.2,
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
  remissionPerYear: parameter(
    "remissionPerYear",
    "hazard of the disease entering a remitting phase (phases lasting a year: 0.07 × e^-0.4 ≈ 4.7%/year)",
    0.07,
    "1/year",
    0,
    5,
    "Callaghan et al. 2007 Ann Neurol 62:382 ✓ and 2011 Epilepsia 52:619 ✓ (about 5% of drug-resistant patients per year enter remission); Choi et al. 2008 (about 4% per year)",
  ),
  relapsePerYear: parameter(
    "relapsePerYear",
    "hazard of a remitting phase ending (about 0.25/year observed; higher here because drug-induced remissions in the cohort last)",
    0.4,
    "1/year",
    0,
    50,
    "Callaghan et al. 2011 ✓: 71% relapse within 5 years of a 12-month remission (hazard ≈ 0.25/year)",
  ),
  remissionDepth: parameter(
    "remissionDepth",
    "log-rate reduction during a remitting phase",
    8,
    "dimensionless (natural log)",
    0,
    20,
    "modelling choice: deep enough (e^-8) for a remitting phase to be seizure-free, calibrated to 34.6% 12-month remission by 7 years (Callaghan et al. 2011 ✓)",
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
  private readonly remissionPerDay: number;
  private readonly relapsePerDay: number;

  constructor(overrides?: ParameterOverrides<PropensityParameter>, where = "propensity") {
    this.parameters = resolveParameters(PROPENSITY_PARAMETERS, overrides, where);
    const p = this.parameters;
    this.decay = Math.exp(-1 / p.slowActivityDays);
    this.kick = p.slowActivitySd * Math.sqrt(1 - this.decay * this.decay);
    this.remissionPerDay = p.remissionPerYear / 365;
    this.relapsePerDay = p.relapsePerYear / 365;
    this.meanCorrection =
      Math.exp(-0.5 * p.slowActivitySd * p.slowActivitySd) / besselI0(p.multidienAmplitude);
  }

  /** The slow activity at onset is drawn from its stationary distribution; the disease is active. */
  initialise(patient: CoursePatient): void {
    patient.slowActivity = this.parameters.slowActivitySd * patient.propensityStream.normal();
    patient.remitting = 0;
  }

  ratePerDay(patient: CoursePatient, day: number): number {
    const f = patient.facts;
    const stream = patient.propensityStream;
    patient.slowActivity = patient.slowActivity * this.decay + this.kick * stream.normal();
    const u = stream.uniform();
    if (patient.remitting === 0) {
      if (u < this.remissionPerDay) patient.remitting = 1;
    } else if (u < this.relapsePerDay) patient.remitting = 0;
    const rhythm =
      this.parameters.multidienAmplitude *
      Math.sin((2 * Math.PI * day) / f.multidienPeriodDays + f.multidienPhase);
    return (
      f.baselineRatePerDay *
      this.meanCorrection *
      Math.exp(
        patient.slowActivity +
          rhythm +
          patient.inflammationDrive -
          this.parameters.remissionDepth * patient.remitting,
      )
    );
  }
}
