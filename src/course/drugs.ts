/**
 * The antiseizure medications as the clinical course needs them: mechanism class, spectrum
 * (which syndromes each drug is appropriate for, and where it aggravates), titration time,
 * dose headroom above the usual target, interim relative efficacy and the probability of
 * intolerable adverse effects. Names are the 20 drugs of the pharmacology catalogue
 * (shared/science/drugs.md §2), spelled identically so the pharmacology layer can take over.
 *
 * INTERIM. This table is not a pharmacological model: it carries no PK and no target potency
 * (`model: mechanistic` takes those from the pharmacology chain instead).
 *
 * Dosing is not kept here: the target dose, the highest dose the clinic escalates to and the
 * titration come from the pharmacology catalogue's `dosing` (src/pharmacology/catalogue.ts), one
 * place for both models:
 * - target (dose fraction 1) = geometric mean of the catalogue's usual daily range;
 * - highest escalation dose = top of the usual daily range (`maxDoseFraction` = high / target).
 *   The label maximum (`maximalDaily`, e.g. valproate 60 mg/kg/day) is not used: the clinic
 *   escalates through the usual maintenance range, as in the ILAE notion of an adequate trial at
 *   an appropriate dose (Kwan et al. 2010, Epilepsia 51:1069 ✓), and does not push every
 *   non-responder to the label ceiling (modelling choice);
 * - titration days to a dose = days for the catalogue's start/step/interval schedule to reach it
 *   (`titrationDaysTo`; 0 for drugs started at their maintenance dose, titration null).
 *
 * Sources of the numbers:
 * - Mechanism classes and spectrum: drugs.md §2 and §5 (sodium-channel blockers aggravate
 *   Dravet syndrome, Guerrini et al. 1998 Epilepsia 39:508; carbamazepine/phenytoin/oxcarbazepine
 *   aggravate absence and myoclonic seizures; ethosuximide treats absences only; fenfluramine,
 *   stiripentol and cannabidiol are licensed for Dravet / LGS; everolimus for TSC, EXIST-3).
 *   KCNQ2 encephalopathy responds to sodium-channel blockers (Pisano et al. 2015, Epilepsia
 *   56:685, carbamazepine/phenytoin effective in most; numbers UNVERIFIED).
 * - `relativeEfficacy`: 1 = the standard first-line drugs, which SANAD found equivalent for
 *   12-month remission in focal epilepsy (lamotrigine vs carbamazepine; Marson et al. 2007 Lancet
 *   369:1000) and valproate best in generalised epilepsy (Marson et al. 2007 Lancet 369:1016).
 *   Cenobamate above 1: 21% maintenance-phase seizure freedom at 400 mg/day in refractory focal
 *   epilepsy (Krauss et al. 2020 Lancet Neurol 19:38; UNVERIFIED here). Fenfluramine in Dravet
 *   (2.5) calibrated so that a Lagae-like trial (examples/trial-fenfluramine-dravet.yaml, seed 3)
 *   gives about the published ≥ 50% responder share (~68%) and median reduction (74.9%; model
 *   −82%) at 0.7 mg/kg/day = dose fraction 1.87 (fraction 1 = 0.374 mg/kg/day, the geometric mean
 *   of the catalogue's usual range; Lagae et al. 2019, clinical_outcomes.md §4 ✓); the
 *   0.2 mg/kg/day arm then comes out weaker than published (−12% vs −42.3%), a limit of the steep
 *   threshold response.
 *   The other values are modelling choices stated as such.
 * - `adverseWithdrawal`: probability that intolerable adverse effects end a trial at the usual
 *   target dose; the size (about 10–20% per drug) follows the withdrawal rates for unacceptable
 *   adverse events in SANAD arms (Marson et al. 2007), per-drug values UNVERIFIED.
 */

import { findDrug, type Dosing } from "../pharmacology/catalogue.js";

/** The course's target daily amount (catalogue units: mg/day, or mg/kg/day when dosed per kg). */
export function usualTargetDaily(dosing: Dosing): number {
  return Math.sqrt(dosing.usualDaily.low * dosing.usualDaily.high);
}

/**
 * The course's highest dose as a multiple of its target dose: the top of the catalogue's usual
 * daily range over the target (module comment). The one definition of the maximal dose, used by
 * the policy (through `CourseDrug.maxDoseFraction`), the trial arms and the mechanistic drug chain.
 */
export function maxDoseFraction(dosing: Dosing): number {
  return dosing.usualDaily.high / usualTargetDaily(dosing);
}

/**
 * Days for the catalogue's titration schedule (start, + step every stepDays) to reach
 * `fraction` × the target dose; 0 when the schedule starts at or above it or there is none.
 */
export function titrationDaysTo(name: string, fraction: number): number {
  const dosing = findDrug(name).dosing;
  const t = dosing.titration;
  const goal = fraction * usualTargetDaily(dosing);
  if (t === null || t.start >= goal || t.step <= 0) return 0;
  return Math.ceil((goal - t.start) / t.step - 1e-9) * t.stepDays;
}

export type MechanismClass =
  | "sodium-channel"
  | "sv2a"
  | "gaba-a"
  | "broad"
  | "ampa"
  | "t-type-calcium"
  | "kv7-opener"
  | "serotonergic"
  | "cannabinoid"
  | "mtor";

/** How a drug suits a syndrome. "aggravates" is pro-convulsant; "inappropriate" is ineffective. */
export type Suitability = "appropriate" | "inappropriate" | "aggravates";

export interface CourseDrug {
  readonly name: string;
  readonly mechanism: MechanismClass;
  /**
   * Highest dose the clinic escalates to, as a multiple of the target dose: the top of the
   * catalogue's usual daily range over the target (geometric mean of that range). Derived from the
   * catalogue (`usualDaily`), not stored here.
   */
  readonly maxDoseFraction: number;
  /** Interim relative efficacy per syndrome (0 where inappropriate). */
  readonly relativeEfficacy: Readonly<Record<"focal" | "generalised" | "dravet" | "kcnq2", number>>;
  readonly suitability: Readonly<Record<"focal" | "generalised" | "dravet" | "kcnq2", Suitability>>;
  /** Probability of intolerable adverse effects by the target dose. */
  readonly adverseWithdrawal: number;
  /** Substrate of blood–brain-barrier P-glycoprotein in humans: 1 yes, 0 no (pharmacology catalogue). */
  readonly transporterSubstrate: number;
  /** Only for one etiology (everolimus: TSC). */
  readonly onlyFor?: string;
}

type PerSyndrome<T> = Record<"focal" | "generalised" | "dravet" | "kcnq2", T>;
const A: Suitability = "appropriate";
const I: Suitability = "inappropriate";
const W: Suitability = "aggravates";

function drug(
  name: string,
  mechanism: MechanismClass,
  efficacy: PerSyndrome<number>,
  suitability: PerSyndrome<Suitability>,
  adverseWithdrawal: number,
  onlyFor?: string,
): CourseDrug {
  const dosing = findDrug(name).dosing;
  return {
    name,
    mechanism,
    maxDoseFraction: maxDoseFraction(dosing),
    relativeEfficacy: efficacy,
    suitability,
    adverseWithdrawal,
    // One place for P-gp substrate status: the pharmacology catalogue (src/pharmacology/catalogue.ts).
    transporterSubstrate: findDrug(name).brain.pgpSubstrate ? 1 : 0,
    onlyFor,
  };
}

/** The 20 drugs of the pharmacology catalogue, course view (see the module comment). */
export const COURSE_DRUGS: readonly CourseDrug[] = [
  // name, mechanism, efficacy {focal, generalised, dravet, kcnq2}, suitability, adverse withdrawal
  drug(
    "carbamazepine",
    "sodium-channel",
    { focal: 1, generalised: 0, dravet: 0, kcnq2: 1.6 },
    { focal: A, generalised: W, dravet: W, kcnq2: A },
    0.16,
  ),
  drug(
    "oxcarbazepine",
    "sodium-channel",
    { focal: 1, generalised: 0, dravet: 0, kcnq2: 1.5 },
    { focal: A, generalised: W, dravet: W, kcnq2: A },
    0.13,
  ),
  drug(
    "phenytoin",
    "sodium-channel",
    { focal: 0.9, generalised: 0, dravet: 0, kcnq2: 1.5 },
    { focal: A, generalised: W, dravet: W, kcnq2: A },
    0.16,
  ),
  drug(
    "lamotrigine",
    "sodium-channel",
    { focal: 1, generalised: 0.8, dravet: 0, kcnq2: 1.2 },
    { focal: A, generalised: A, dravet: W, kcnq2: A },
    0.09,
  ),
  drug(
    "lacosamide",
    "sodium-channel",
    { focal: 1, generalised: 0, dravet: 0, kcnq2: 1.2 },
    { focal: A, generalised: I, dravet: W, kcnq2: A },
    0.11,
  ),
  drug(
    "valproate",
    "broad",
    { focal: 0.9, generalised: 1.25, dravet: 0.8, kcnq2: 0.7 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.12,
  ),
  drug(
    "levetiracetam",
    "sv2a",
    { focal: 1, generalised: 1, dravet: 0.6, kcnq2: 0.6 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.12,
  ),
  drug(
    "brivaracetam",
    "sv2a",
    { focal: 0.9, generalised: 0.9, dravet: 0.5, kcnq2: 0.5 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.08,
  ),
  drug(
    "phenobarbital",
    "gaba-a",
    { focal: 0.9, generalised: 0.9, dravet: 0.6, kcnq2: 0.9 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.18,
  ),
  drug(
    "clobazam",
    "gaba-a",
    { focal: 0.8, generalised: 0.8, dravet: 0.9, kcnq2: 0.6 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.12,
  ),
  drug(
    "topiramate",
    "broad",
    { focal: 0.9, generalised: 0.9, dravet: 0.8, kcnq2: 0.7 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.2,
  ),
  drug(
    "zonisamide",
    "broad",
    { focal: 0.9, generalised: 0.8, dravet: 0.6, kcnq2: 0.7 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.15,
  ),
  drug(
    "perampanel",
    "ampa",
    { focal: 0.8, generalised: 0.8, dravet: 0.5, kcnq2: 0.5 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.15,
  ),
  drug(
    "cenobamate",
    "sodium-channel",
    { focal: 1.5, generalised: 0, dravet: 0, kcnq2: 1 },
    { focal: A, generalised: I, dravet: W, kcnq2: A },
    0.12,
  ),
  drug(
    "ethosuximide",
    "t-type-calcium",
    { focal: 0, generalised: 0.7, dravet: 0, kcnq2: 0 },
    { focal: I, generalised: A, dravet: I, kcnq2: I },
    0.1,
  ),
  drug(
    "retigabine",
    "kv7-opener",
    { focal: 0.8, generalised: 0, dravet: 0, kcnq2: 1.4 },
    { focal: A, generalised: I, dravet: I, kcnq2: A },
    0.15,
  ),
  drug(
    "fenfluramine",
    "serotonergic",
    { focal: 0, generalised: 0, dravet: 2.5, kcnq2: 0 },
    { focal: I, generalised: I, dravet: A, kcnq2: I },
    0.08,
  ),
  drug(
    "cannabidiol",
    "cannabinoid",
    { focal: 0, generalised: 0, dravet: 0.9, kcnq2: 0 },
    { focal: I, generalised: I, dravet: A, kcnq2: I },
    0.1,
  ),
  drug(
    "stiripentol",
    "gaba-a",
    { focal: 0, generalised: 0, dravet: 1.3, kcnq2: 0 },
    { focal: I, generalised: I, dravet: A, kcnq2: I },
    0.12,
  ),
  drug(
    "everolimus",
    "mtor",
    { focal: 1, generalised: 0, dravet: 0, kcnq2: 0 },
    { focal: A, generalised: I, dravet: I, kcnq2: I },
    0.1,
    "tuberous-sclerosis",
  ),
];

const BY_NAME = new Map(COURSE_DRUGS.map((d) => [d.name, d]));

/** The drug named `name` (case-insensitive); throws listing the known names. */
export function courseDrug(name: string): CourseDrug {
  const found = BY_NAME.get(name.toLowerCase());
  if (found === undefined)
    throw new RangeError(`unknown drug '${name}'; known: ${COURSE_DRUGS.map((d) => d.name).join(", ")}`);
  return found;
}

/** Suitability of a drug for a patient (etiology-restricted drugs are inappropriate elsewhere). */
export function suitabilityFor(
  drugSpec: CourseDrug,
  syndrome: keyof CourseDrug["suitability"],
  etiology: string,
): Suitability {
  if (drugSpec.onlyFor !== undefined && drugSpec.onlyFor !== etiology) return "inappropriate";
  return drugSpec.suitability[syndrome];
}
