/**
 * INTERIM drug response of the clinical course: how much the current drugs multiply a patient's
 * untreated seizure rate. To be replaced by the pharmacology layer (PK → brain → occupancy →
 * parameter edits → network → course bridge); until then it is a documented phenomenological
 * model whose patient-level susceptibility comes from mechanistic traits, so that drug
 * resistance emerges from who the patient is rather than being a drawn label.
 *
 * For drugs d in patient p at dose fractions f_d (of the target dose):
 *
 *   Δ_p   = (Σ_d (D_pd · h(f_d))^q)^(1/q)                (excitability reduction, appropriate drugs)
 *   ln factor = −S_max · Δ_p^n / (1 + Δ_p^n) + Σ_d G_pd · h(f_d)   (G only for aggravating drugs)
 *   h(f)  = f (1 + K) / (K + f),  K = 2                  (saturating dose response, h(1) = 1)
 *   D_pd  = D0 · E_d,syndrome · exp(−R_p − T_pd + σ_d ε_pd)
 *   R_p   = β_lesion(lesion) + β_inf · inflammation + β_burden · ln(λ0 / λref) + σ_p z_p
 *   T_pd  = β_pgp · substrate_d · ln(P-gp fold) + β_target · [Na-channel blocker and
 *           hippocampal sclerosis]
 *
 * Δ_p is how far the drugs push the patient's network back from its seizure threshold, in units
 * of the patient's own distance above threshold. The seizure rate is a steep sigmoid function of
 * that distance (S_max, n): near a saddle-node / homoclinic seizure-onset bifurcation, as in the
 * Epileptor (epileptor.md), the rate of seizures collapses once excitability falls below the
 * threshold. This is what makes drug response nearly all-or-none in most patients (seizure
 * freedom or persistent seizures), with partial responders in between; combinations add their
 * excitability reductions. The network → course bridge will replace this sigmoid by the
 * tabulated propensity of stochastic network runs.
 *
 * Where the terms come from (directions are from the literature, sizes are calibrated to the
 * cohort targets of clinical_outcomes.md §1 and must not be read as measurements):
 * - intrinsic severity: more pre-treatment seizures and structural causes predict resistance
 *   (Kwan & Brodie 2000 NEJM 342:314 ✓; Leschziner et al. 2006; Rogawski & Johnson 2008
 *   Pharmacol Rev 60:273 for the hypothesis). Lesion ordering hippocampal sclerosis / dysplasia >
 *   tumour / scar > none follows Semah et al. 1998 (Neurology 51:1256; values UNVERIFIED).
 * - transporter hypothesis: P-glycoprotein efflux lowers brain levels of substrates only
 *   (drugs.md §4; substrate status from the pharmacology catalogue, src/pharmacology/catalogue.ts).
 * - target hypothesis: loss of use-dependent Na-channel block by carbamazepine in granule cells
 *   of resistant hippocampal-sclerosis patients (Remy et al. 2003 Ann Neurol 53:469).
 * - inflammation: drugs.md §4 "inflammation-driven" and inflammation_modulation.md.
 * - aggravation of Dravet syndrome by Na-channel blockers: lamotrigine worsened 80% of 21
 *   patients, > 50% increase in 40% (Guerrini et al. 1998 Epilepsia 39:508 ✓); G_pd is
 *   log-normal with median ln 1.4 so that about 40% exceed a 50% increase.
 * - relative efficacies E: src/course/drugs.ts.
 */
import { RandomStream } from "../numerics/random.js";
import {
  parameter,
  resolveParameters,
  type ParameterOverrides,
  type ParameterTable,
} from "../engines/parameters.js";
import { courseDrug, suitabilityFor, type CourseDrug } from "./drugs.js";
import type { CoursePatient, DrugExposure, Lesion, PatientFacts, TreatmentEffect } from "./types.js";

export type TreatmentParameter =
  | "potencyScale"
  | "maxSuppression"
  | "thresholdSteepness"
  | "combinationNorm"
  | "patientResistanceSd"
  | "drugSpecificSd"
  | "inflammationWeight"
  | "burdenWeight"
  | "transporterWeight"
  | "targetResistance"
  | "lesionHippocampalSclerosis"
  | "lesionDysplasia"
  | "lesionTumour"
  | "lesionScar"
  | "lesionTubers";

export const TREATMENT_PARAMETERS: ParameterTable<TreatmentParameter> = {
  potencyScale: parameter(
    "potencyScale",
    "D0: excitability reduction by a standard drug at target dose in a patient with no resistance, in units of the distance to threshold",
    1.15,
    "dimensionless",
    0,
    50,
    "calibrated to Kwan & Brodie 2000 (47% seizure-free on the first drug)",
  ),
  maxSuppression: parameter(
    "maxSuppression",
    "S_max: log-rate reduction far below the seizure threshold",
    12,
    "dimensionless (natural log)",
    0,
    50,
    "modelling choice: far below threshold seizures are rare events (e^-12 of baseline)",
  ),
  thresholdSteepness: parameter(
    "thresholdSteepness",
    "n: steepness of the rate's sigmoid around the seizure threshold",
    6,
    "dimensionless",
    0.5,
    20,
    "modelling choice (steep onset near the bifurcation); calibrated to Brodie et al. 2012 patterns",
  ),
  patientResistanceSd: parameter(
    "patientResistanceSd",
    "σ_p: SD of the unexplained patient-level resistance",
    1.2,
    "dimensionless",
    0,
    5,
    "calibrated: decline of success with successive drugs (Kwan & Brodie 2000; Brodie et al. 2012)",
  ),
  drugSpecificSd: parameter(
    "drugSpecificSd",
    "σ_d: SD of the drug-specific response of a patient",
    0.5,
    "dimensionless",
    0,
    5,
    "calibrated: 14% seizure-free on a second or third drug (Kwan & Brodie 2000)",
  ),
  combinationNorm: parameter(
    "combinationNorm",
    "q: drugs' excitability reductions combine as (Σ Δ_d^q)^(1/q); 1 = additive, larger = less than additive",
    3,
    "dimensionless",
    1,
    10,
    "modelling choice calibrated to 3% seizure-free only on a combination (Kwan & Brodie 2000 ✓); isobolographic studies find mostly additive ASM pairs in animals (Deckers et al. 2000 Epilepsia 41:1364; UNVERIFIED), so q > 1 is a stated deviation",
  ),
  inflammationWeight: parameter(
    "inflammationWeight",
    "β_inf: resistance per unit inflammation index",
    0.6,
    "dimensionless",
    0,
    10,
    "direction: drugs.md §4 (inflammation-driven); size calibrated",
  ),
  burdenWeight: parameter(
    "burdenWeight",
    "β_burden: resistance per e-fold of untreated seizure rate",
    0.5,
    "dimensionless",
    0,
    5,
    "direction: Kwan & Brodie 2000 (> 20 pre-treatment seizures); size calibrated",
  ),
  transporterWeight: parameter(
    "transporterWeight",
    "β_pgp: resistance per e-fold of P-glycoprotein, for substrates",
    1,
    "dimensionless",
    0,
    10,
    "direction: drugs.md §4 (transporter hypothesis); size a modelling choice",
  ),
  targetResistance: parameter(
    "targetResistance",
    "β_target: extra resistance of Na-channel blockers in hippocampal sclerosis",
    0.5,
    "dimensionless",
    0,
    10,
    "Remy et al. 2003 Ann Neurol 53:469 (direction); size a modelling choice",
  ),
  lesionHippocampalSclerosis: parameter(
    "lesionHippocampalSclerosis",
    "β_lesion for hippocampal sclerosis",
    1.2,
    "dimensionless",
    0,
    10,
    "ordering Semah et al. 1998 Neurology 51:1256; size calibrated",
  ),
  lesionDysplasia: parameter(
    "lesionDysplasia",
    "β_lesion for focal cortical dysplasia",
    1,
    "dimensionless",
    0,
    10,
    "ordering Semah et al. 1998; size calibrated",
  ),
  lesionTumour: parameter(
    "lesionTumour",
    "β_lesion for tumour",
    0.5,
    "dimensionless",
    0,
    10,
    "ordering Semah et al. 1998; size calibrated",
  ),
  lesionScar: parameter(
    "lesionScar",
    "β_lesion for a post-traumatic glial scar",
    0.5,
    "dimensionless",
    0,
    10,
    "ordering Semah et al. 1998; size calibrated",
  ),
  lesionTubers: parameter(
    "lesionTubers",
    "β_lesion for cortical tubers (TSC)",
    1,
    "dimensionless",
    0,
    10,
    "modelling choice (TSC epilepsy is refractory in about two thirds; UNVERIFIED)",
  ),
};

/** Reference untreated rate for the burden term: three seizures per month, near the population median. */
const REFERENCE_RATE_PER_DAY = 3 / 30;
/** Half-effect dose fraction of the saturating dose response h(f). */
const DOSE_HALF = 2;
/** Aggravation size: log-normal, median ln(1.4), log-SD 0.8 (Guerrini et al. 1998, see above). */
const AGGRAVATION_MEDIAN = Math.log(1.4);
const AGGRAVATION_LOG_SD = 0.8;

/** Saturating dose response, h(0) = 0, h(1) = 1. */
export function doseResponse(fraction: number): number {
  return fraction <= 0 ? 0 : (fraction * (1 + DOSE_HALF)) / (DOSE_HALF + fraction);
}

interface DrugResponse {
  /** > 0: excitability reduction D_pd per unit h(f); < 0: aggravation, −G_pd (log-rate per unit h(f)). */
  readonly logRatePerDose: number;
}

export class InterimTreatmentEffect implements TreatmentEffect {
  readonly parameters: Readonly<Record<TreatmentParameter, number>>;
  private cachedPatient: PatientFacts | null = null;
  private cache = new Map<string, DrugResponse>();

  /** `seed` and `path` derive each (patient, drug) response stream: (seed, `${path}/patient/<id>/drug/<name>`). */
  constructor(
    private readonly seed: number,
    private readonly path: string,
    overrides?: ParameterOverrides<TreatmentParameter>,
    where = "treatment",
  ) {
    this.parameters = resolveParameters(TREATMENT_PARAMETERS, overrides, where);
  }

  private lesionTerm(lesion: Lesion): number {
    const p = this.parameters;
    switch (lesion) {
      case "hippocampal-sclerosis":
        return p.lesionHippocampalSclerosis;
      case "focal-cortical-dysplasia":
        return p.lesionDysplasia;
      case "tumour":
        return p.lesionTumour;
      case "glial-scar":
        return p.lesionScar;
      case "tubers":
        return p.lesionTubers;
      default:
        return 0;
    }
  }

  /** R_p: the patient's drug-independent resistance (see the module comment). */
  patientResistance(f: PatientFacts): number {
    const p = this.parameters;
    return (
      this.lesionTerm(f.lesion) +
      p.inflammationWeight * f.inflammation +
      p.burdenWeight * Math.log(f.baselineRatePerDay / REFERENCE_RATE_PER_DAY) +
      p.patientResistanceSd * f.idiosyncraticResistance
    );
  }

  /** The log-rate change per unit dose response of `drugName` in patient `f` (fixed per pair). */
  response(f: PatientFacts, drugName: string): DrugResponse {
    if (this.cachedPatient !== f) {
      this.cachedPatient = f;
      this.cache = new Map();
    }
    let r = this.cache.get(drugName);
    if (r === undefined) {
      r = this.computeResponse(f, courseDrug(drugName));
      this.cache.set(drugName, r);
    }
    return r;
  }

  private computeResponse(f: PatientFacts, d: CourseDrug): DrugResponse {
    const p = this.parameters;
    const stream = RandomStream.for(this.seed, `${this.path}/patient/${f.id}/drug/${d.name}`);
    const deviate = stream.normal();
    const suitability = suitabilityFor(d, f.syndrome, f.etiology);
    if (suitability === "aggravates") {
      return { logRatePerDose: -Math.exp(Math.log(AGGRAVATION_MEDIAN) + AGGRAVATION_LOG_SD * deviate) };
    }
    const efficacy = suitability === "inappropriate" ? 0 : d.relativeEfficacy[f.syndrome];
    if (efficacy === 0) return { logRatePerDose: 0 };
    const transporter = p.transporterWeight * d.transporterSubstrate * Math.log(f.transporterFold);
    const target =
      d.mechanism === "sodium-channel" && f.lesion === "hippocampal-sclerosis" ? p.targetResistance : 0;
    const exponent = -this.patientResistance(f) - transporter - target + p.drugSpecificSd * deviate;
    return { logRatePerDose: p.potencyScale * efficacy * Math.exp(exponent) };
  }

  respond(patient: CoursePatient, drugs: readonly DrugExposure[], day: number): number {
    void day;
    const q = this.parameters.combinationNorm;
    let reduction = 0;
    let aggravation = 0;
    for (let i = 0; i < drugs.length; i++) {
      const exposure = drugs[i];
      const r = this.response(patient.facts, exposure.drug).logRatePerDose;
      const h = doseResponse(exposure.doseFraction);
      if (r > 0) reduction += Math.pow(r * h, q);
      else aggravation -= r * h;
    }
    if (reduction === 0) return Math.exp(aggravation);
    const p = this.parameters;
    const x = Math.pow(reduction, p.thresholdSteepness / q);
    return Math.exp(aggravation - (p.maxSuppression * x) / (1 + x));
  }
}
