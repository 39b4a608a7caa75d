/**
 * The antiseizure medications as the clinical course needs them: mechanism class, spectrum
 * (which syndromes each drug is appropriate for, and where it aggravates), titration time,
 * dose headroom above the usual target, interim relative efficacy and the probability of
 * intolerable adverse effects. Names are the 20 drugs of the pharmacology catalogue
 * (shared/science/drugs.md §2), spelled identically so the pharmacology layer can take over.
 *
 * INTERIM. This table is not a pharmacological model: it carries no PK and no target potency.
 * When src/pharmacology lands, `TreatmentEffect` is replaced by PK → brain → occupancy →
 * parameter edits, and only `titrationDays`, `maxDoseFraction` and the spectrum stay here.
 *
 * Sources of the numbers:
 * - Mechanism classes and spectrum: drugs.md §2 and §5 (sodium-channel blockers aggravate
 *   Dravet syndrome, Guerrini et al. 1998 Epilepsia 39:508; carbamazepine/phenytoin/oxcarbazepine
 *   aggravate absence and myoclonic seizures; ethosuximide treats absences only; fenfluramine,
 *   stiripentol and cannabidiol are licensed for Dravet / LGS; everolimus for TSC, EXIST-3).
 *   KCNQ2 encephalopathy responds to sodium-channel blockers (Pisano et al. 2015, Epilepsia
 *   56:685, carbamazepine/phenytoin effective in most; numbers UNVERIFIED).
 * - Titration days: usual label titration schedules (UNVERIFIED, textbook values; lamotrigine's
 *   slow 6-week titration and cenobamate's 12-week titration are the constraining ones).
 * - `relativeEfficacy`: 1 = the standard first-line drugs, which SANAD found equivalent for
 *   12-month remission in focal epilepsy (lamotrigine vs carbamazepine; Marson et al. 2007 Lancet
 *   369:1000) and valproate best in generalised epilepsy (Marson et al. 2007 Lancet 369:1016).
 *   Cenobamate above 1: 21% maintenance-phase seizure freedom at 400 mg/day in refractory focal
 *   epilepsy (Krauss et al. 2020 Lancet Neurol 19:38; UNVERIFIED here). Fenfluramine in Dravet
 *   (3.5) calibrated so that a Lagae-like trial gives the 74.9% median reduction at 0.7 mg/kg/day
 *   (Lagae et al. 2019, clinical_outcomes.md §4 ✓); the 0.2 mg/kg/day arm then comes out weaker
 *   than published (about −29% vs −42.3%), a limit of the steep threshold response.
 *   The other values are modelling choices stated as such.
 * - `adverseWithdrawal`: probability that intolerable adverse effects end a trial at the usual
 *   target dose; the size (about 10–20% per drug) follows the withdrawal rates for unacceptable
 *   adverse events in SANAD arms (Marson et al. 2007), per-drug values UNVERIFIED.
 */

import { findDrug } from "../pharmacology/catalogue.js";

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
  /** Days from the first dose to the usual target maintenance dose. */
  readonly titrationDays: number;
  /** Maximal dose as a multiple of the target dose (usual maximal / usual target). */
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
  titrationDays: number,
  maxDoseFraction: number,
  efficacy: PerSyndrome<number>,
  suitability: PerSyndrome<Suitability>,
  adverseWithdrawal: number,
  onlyFor?: string,
): CourseDrug {
  return {
    name,
    mechanism,
    titrationDays,
    maxDoseFraction,
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
  // name, mechanism, titration (d), max/target, efficacy {focal, generalised, dravet, kcnq2},
  // suitability, adverse withdrawal
  drug(
    "carbamazepine",
    "sodium-channel",
    21,
    2,
    { focal: 1, generalised: 0, dravet: 0, kcnq2: 1.6 },
    { focal: A, generalised: W, dravet: W, kcnq2: A },
    0.16,
  ),
  drug(
    "oxcarbazepine",
    "sodium-channel",
    14,
    2,
    { focal: 1, generalised: 0, dravet: 0, kcnq2: 1.5 },
    { focal: A, generalised: W, dravet: W, kcnq2: A },
    0.13,
  ),
  drug(
    "phenytoin",
    "sodium-channel",
    7,
    1.5,
    { focal: 0.9, generalised: 0, dravet: 0, kcnq2: 1.5 },
    { focal: A, generalised: W, dravet: W, kcnq2: A },
    0.16,
  ),
  drug(
    "lamotrigine",
    "sodium-channel",
    42,
    2,
    { focal: 1, generalised: 0.8, dravet: 0, kcnq2: 1.2 },
    { focal: A, generalised: A, dravet: W, kcnq2: A },
    0.09,
  ),
  drug(
    "lacosamide",
    "sodium-channel",
    21,
    1.5,
    { focal: 1, generalised: 0, dravet: 0, kcnq2: 1.2 },
    { focal: A, generalised: I, dravet: W, kcnq2: A },
    0.11,
  ),
  drug(
    "valproate",
    "broad",
    14,
    2,
    { focal: 0.9, generalised: 1.25, dravet: 0.8, kcnq2: 0.7 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.12,
  ),
  drug(
    "levetiracetam",
    "sv2a",
    14,
    2,
    { focal: 1, generalised: 1, dravet: 0.6, kcnq2: 0.6 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.12,
  ),
  drug(
    "brivaracetam",
    "sv2a",
    7,
    2,
    { focal: 0.9, generalised: 0.9, dravet: 0.5, kcnq2: 0.5 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.08,
  ),
  drug(
    "phenobarbital",
    "gaba-a",
    14,
    1.5,
    { focal: 0.9, generalised: 0.9, dravet: 0.6, kcnq2: 0.9 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.18,
  ),
  drug(
    "clobazam",
    "gaba-a",
    14,
    2,
    { focal: 0.8, generalised: 0.8, dravet: 0.9, kcnq2: 0.6 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.12,
  ),
  drug(
    "topiramate",
    "broad",
    42,
    2,
    { focal: 0.9, generalised: 0.9, dravet: 0.8, kcnq2: 0.7 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.2,
  ),
  drug(
    "zonisamide",
    "broad",
    28,
    2,
    { focal: 0.9, generalised: 0.8, dravet: 0.6, kcnq2: 0.7 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.15,
  ),
  drug(
    "perampanel",
    "ampa",
    28,
    1.5,
    { focal: 0.8, generalised: 0.8, dravet: 0.5, kcnq2: 0.5 },
    { focal: A, generalised: A, dravet: A, kcnq2: A },
    0.15,
  ),
  drug(
    "cenobamate",
    "sodium-channel",
    84,
    2,
    { focal: 1.5, generalised: 0, dravet: 0, kcnq2: 1 },
    { focal: A, generalised: I, dravet: W, kcnq2: A },
    0.12,
  ),
  drug(
    "ethosuximide",
    "t-type-calcium",
    21,
    1.5,
    { focal: 0, generalised: 0.7, dravet: 0, kcnq2: 0 },
    { focal: I, generalised: A, dravet: I, kcnq2: I },
    0.1,
  ),
  drug(
    "retigabine",
    "kv7-opener",
    28,
    1.5,
    { focal: 0.8, generalised: 0, dravet: 0, kcnq2: 1.4 },
    { focal: A, generalised: I, dravet: I, kcnq2: A },
    0.15,
  ),
  drug(
    "fenfluramine",
    "serotonergic",
    14,
    1,
    { focal: 0, generalised: 0, dravet: 3.5, kcnq2: 0 },
    { focal: I, generalised: I, dravet: A, kcnq2: I },
    0.08,
  ),
  drug(
    "cannabidiol",
    "cannabinoid",
    14,
    1.25,
    { focal: 0, generalised: 0, dravet: 0.9, kcnq2: 0 },
    { focal: I, generalised: I, dravet: A, kcnq2: I },
    0.1,
  ),
  drug(
    "stiripentol",
    "gaba-a",
    21,
    1.5,
    { focal: 0, generalised: 0, dravet: 1.3, kcnq2: 0 },
    { focal: I, generalised: I, dravet: A, kcnq2: I },
    0.12,
  ),
  drug(
    "everolimus",
    "mtor",
    28,
    2,
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
