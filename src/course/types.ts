/**
 * The clinical course's vocabulary and its plug-in points.
 *
 * The course engine advances one patient day by day from epilepsy onset to the end of follow-up.
 * Three small interfaces let other layers replace the interim models without touching the loop:
 *
 * - `PropensityModel.ratePerDay(patient, day)`: the untreated expected number of seizures on a
 *   day (slow state and rhythms included). The network → course bridge will supply one built from
 *   stochastic network runs; `ParametricPropensity` (propensity.ts) is the documented stand-in.
 * - `TreatmentEffect.respond(patient, drugs, day)`: the factor by which the current drugs multiply
 *   that rate (< 1 fewer seizures, > 1 aggravation). The pharmacology layer (PK → brain → target
 *   occupancy → parameter edits) will supply one; `InterimTreatmentEffect` is the stand-in.
 * - `CourseHooks.onSeizure(patient, day)`: called once per seizure; inflammation attaches here
 *   (each seizure feeds back into the slow state that `ratePerDay` reads).
 *
 * Days are integers; day 0 is the first day of treatment, the pre-treatment period has negative
 * days. Rates are seizures per day.
 */
import type { RandomStream } from "../numerics/random.js";

export const ETIOLOGIES = [
  "mesial-temporal-sclerosis",
  "focal-cortical-dysplasia",
  "tumour",
  "post-traumatic",
  "dravet-scn1a",
  "kcnq2",
  "tuberous-sclerosis",
  "genetic-generalised",
  "unknown",
] as const;
export type Etiology = (typeof ETIOLOGIES)[number];

/** Epilepsy type as the prescribing clinician sees it; it decides which drugs are appropriate. */
export const SYNDROMES = ["focal", "generalised", "dravet", "kcnq2"] as const;
export type Syndrome = (typeof SYNDROMES)[number];

export type Lesion =
  "hippocampal-sclerosis" | "focal-cortical-dysplasia" | "tumour" | "glial-scar" | "tubers" | "none";

/** Facts about one patient: drawn by the generator (patients.ts), fixed for the whole course. */
export interface PatientFacts {
  /** Index in the cohort (0-based); also the random-stream path component. */
  readonly id: number;
  readonly etiology: Etiology;
  readonly syndrome: Syndrome;
  readonly lesion: Lesion;
  /** Gene symbols with a pathogenic variant (same spelling as src/pathophysiology/variants.ts). */
  readonly genes: readonly string[];
  /** Catalogue ids of src/pathophysiology/variants.ts where the variant is in the catalogue. */
  readonly variants: readonly string[];
  /** Chronic neuroinflammation index, 0 (none) to 1 (as in FCD IIb / TSC tissue). */
  readonly inflammation: number;
  /** Blood–brain-barrier P-glycoprotein expression relative to normal (fold, >= 1). */
  readonly transporterFold: number;
  /** Untreated mean seizure rate at diagnosis, seizures/day. */
  readonly baselineRatePerDay: number;
  /** Unexplained part of pharmacoresistance, a standard normal deviate. */
  readonly idiosyncraticResistance: number;
  /** Per-patient multidien rhythm: period (days) and phase (radians) (Baud et al. 2018). */
  readonly multidienPeriodDays: number;
  readonly multidienPhase: number;
}

/**
 * The mutable slow state of one patient during a course. Models read and write it; the course
 * loop owns it. Fields are plain numbers so the hot loop stays monomorphic.
 */
export interface CoursePatient {
  readonly facts: PatientFacts;
  /** The patient's own stream for the propensity's slow noise (path ".../propensity"). */
  readonly propensityStream: RandomStream;
  /** Slow log-rate disease activity (Ornstein–Uhlenbeck state, dimensionless). */
  slowActivity: number;
  /** Extra log-rate from seizure-driven inflammation (set by hooks; 0 without them). */
  inflammationDrive: number;
  /** Self-excitation carried from recent seizure days (clustering), dimensionless. */
  clusterDrive: number;
  /** 1 while the disease is in a remitting phase, else 0 (propensity.ts). */
  remitting: number;
}

/** One drug as currently taken. */
export interface DrugExposure {
  readonly drug: string;
  /** Dose as a fraction of the usual target maintenance dose (0 at start, 1 at target). */
  doseFraction: number;
  /** First day of this drug. */
  readonly startDay: number;
}

export interface PropensityModel {
  /** Set the patient's initial slow state (called once, before the first day). */
  initialise?(patient: CoursePatient): void;
  /** Untreated expected seizures on `day` (called once per day in increasing order). */
  ratePerDay(patient: CoursePatient, day: number): number;
}

export interface TreatmentEffect {
  /** Factor multiplying the untreated rate under `drugs` on `day` (1 with no drugs). */
  respond(patient: CoursePatient, drugs: readonly DrugExposure[], day: number): number;
}

export interface CourseHooks {
  /** Called once for every seizure (true, not only reported ones). */
  onSeizure?(patient: CoursePatient, day: number): void;
}
