/**
 * Pharmacokinetic interactions as data: enzyme induction (including carbamazepine autoinduction)
 * and inhibition of clearance.
 *
 * Model (ours; the dossier gives directions and fold changes, not a kinetic form):
 *
 *   induction   CL_victim × (1 + Σ_i S_i),  S_i relaxes towards (maxFold_i − 1)·C_i/(EC50_i + C_i)
 *               with time constant τ_i (days): enzyme synthesis takes 2–4 weeks to complete
 *               (carbamazepine autoinduction, drugs.md §6.3), so τ ≈ 7 days;
 *   inhibition  CL_victim × Π_j (1 − Imax_j·C_j/(IC50_j + C_j)), immediate (competitive).
 *
 * C is the perpetrator's mean total plasma concentration (mg/L, parent) over the preceding
 * update interval (pk.ts updates clearances once a day). For phenytoin (saturable elimination)
 * the factor multiplies Vmax. `maxFold` / `maxInhibition` are chosen so that at the perpetrator's
 * usual level the victim's clearance changes by the fold the source reports; the EC50s are
 * assumptions placed below the usual levels (the enzymes are largely induced within the
 * therapeutic range).
 */
import type { EvidenceStatus, Species } from "./catalogue.js";

interface InteractionCommon {
  readonly perpetrator: string;
  readonly victim: string;
  readonly victimSpecies: Species;
  /** Perpetrator total plasma concentration (mg/L) for half of the maximal effect. */
  readonly ec50: number;
  readonly source: string;
  readonly status: EvidenceStatus;
}

export type Interaction =
  | (InteractionCommon & {
      readonly kind: "induction";
      /** Clearance multiple at saturating perpetrator levels, once fully induced. */
      readonly maxFold: number;
      readonly onsetDays: number;
    })
  | (InteractionCommon & {
      readonly kind: "inhibition";
      /** Largest fractional loss of clearance. */
      readonly maxInhibition: number;
    });

const DOSSIER_RES = "shared/science/drugs.md §2 and §4 (inducers halve LTG t½; valproate doubles it)";
const AUTOINDUCTION = "drugs.md §2 and §6.3: t½ 25–65 h single dose → 8–20 h (≈12–17 h) after 2–4 weeks";
const PER_CBZ = "drugs.md §2: perampanel t½ ~105 h, ≈25 h with carbamazepine";
const FFA_STP =
  "fenfluramine TDM study, Epilepsia (2022): FFA concentration/dose +428% with stiripentol (checked abstract)";
const CNB_PHT = "cenobamate label: may double phenytoin levels (checked, label summary)";
const TAU = 7;

/** CBZ ~7 mg/L, PHT ~15 mg/L, PB ~15 mg/L at usual doses: EC50 2, 5, 5 mg/L → 0.75–0.78 of maximum. */
const INDUCERS = [
  { id: "carbamazepine", ec50: 2 },
  { id: "phenytoin", ec50: 5 },
  { id: "phenobarbital", ec50: 5 },
] as const;

function inductionOf(
  victim: string,
  foldAtUsual: number,
  source: string,
  status: EvidenceStatus,
  species: Species = "parent",
): Interaction[] {
  // (maxFold − 1)·0.76 = foldAtUsual − 1, with 0.76 the mean saturation at usual levels.
  return INDUCERS.map((p) => ({
    kind: "induction",
    perpetrator: p.id,
    victim,
    victimSpecies: species,
    ec50: p.ec50,
    maxFold: 1 + (foldAtUsual - 1) / 0.76,
    onsetDays: TAU,
    source,
    status,
  }));
}

export const INTERACTIONS: readonly Interaction[] = [
  {
    kind: "induction",
    perpetrator: "carbamazepine",
    victim: "carbamazepine",
    victimSpecies: "parent",
    ec50: 2,
    // CL0 from t½ 35 h; ×2.6 at ~7 mg/L gives t½ ≈ 13.5 h.
    maxFold: 3.1,
    onsetDays: TAU,
    source: AUTOINDUCTION,
    status: "UNVERIFIED",
  },
  ...inductionOf("lamotrigine", 2, DOSSIER_RES, "UNVERIFIED"),
  ...inductionOf(
    "valproate",
    1.5,
    "drugs.md §2 (VPA t½ shorter with inducers); fold 1.5 assumed",
    "assumption",
  ),
  ...inductionOf("topiramate", 2, "label: inducers lower topiramate ~50% (recalled)", "UNVERIFIED"),
  ...inductionOf("zonisamide", 2, "label: t½ 27–38 h with inducers vs ~63 h (recalled)", "UNVERIFIED"),
  ...inductionOf(
    "everolimus",
    2,
    "label: double the dose with strong CYP3A4 inducers (recalled)",
    "UNVERIFIED",
  ),
  ...inductionOf("ethosuximide", 1.5, "inducers shorten ESM t½ (recalled); fold assumed", "assumption"),
  {
    kind: "induction",
    perpetrator: "carbamazepine",
    victim: "perampanel",
    victimSpecies: "parent",
    ec50: 2,
    maxFold: 1 + (105 / 25 - 1) / 0.76,
    onsetDays: TAU,
    source: PER_CBZ,
    status: "UNVERIFIED",
  },
  {
    kind: "induction",
    perpetrator: "phenytoin",
    victim: "perampanel",
    victimSpecies: "parent",
    ec50: 5,
    maxFold: 1 + 1 / 0.76,
    onsetDays: TAU,
    source: "label: phenytoin lowers perampanel ~50% (recalled)",
    status: "UNVERIFIED",
  },
  {
    kind: "inhibition",
    perpetrator: "valproate",
    victim: "lamotrigine",
    victimSpecies: "parent",
    ec50: 10,
    // At 80 mg/L: 1 − 0.6·80/90 = 0.47, t½ ×2.1 (25 → 53 h, inside 30–90 h).
    maxInhibition: 0.6,
    source: DOSSIER_RES,
    status: "UNVERIFIED",
  },
  {
    kind: "inhibition",
    perpetrator: "valproate",
    victim: "phenobarbital",
    victimSpecies: "parent",
    ec50: 20,
    maxInhibition: 0.35,
    source: "valproate raises phenobarbital ~30–50% (recalled)",
    status: "UNVERIFIED",
  },
  {
    kind: "inhibition",
    perpetrator: "stiripentol",
    victim: "clobazam",
    victimSpecies: "parent",
    ec50: 2,
    maxInhibition: 0.58,
    source: "drugs.md §2 (stiripentol raises clobazam; CYP3A4); ×2 at usual levels assumed",
    status: "UNVERIFIED",
  },
  {
    kind: "inhibition",
    perpetrator: "stiripentol",
    victim: "clobazam",
    victimSpecies: "metabolite",
    ec50: 2,
    maxInhibition: 0.93,
    source: "drugs.md §2 (stiripentol raises N-CLB; CYP2C19); ×5 at usual levels assumed",
    status: "UNVERIFIED",
  },
  {
    kind: "inhibition",
    perpetrator: "stiripentol",
    victim: "fenfluramine",
    victimSpecies: "parent",
    ec50: 2,
    // ×5.28 concentration/dose at ~12 mg/L: 1 − 0.945·12/14 = 0.19.
    maxInhibition: 0.945,
    source: FFA_STP,
    status: "verified",
  },
  {
    kind: "inhibition",
    perpetrator: "cannabidiol",
    victim: "clobazam",
    victimSpecies: "metabolite",
    ec50: 0.05,
    maxInhibition: 0.89,
    source: "drugs.md §2: CBD (CYP2C19) raises N-CLB several-fold (fold UNVERIFIED); ×3 assumed",
    status: "UNVERIFIED",
  },
  {
    kind: "inhibition",
    perpetrator: "cenobamate",
    victim: "phenytoin",
    victimSpecies: "parent",
    ec50: 5,
    maxInhibition: 0.15,
    source: `${CNB_PHT}; Vmax −11% at usual cenobamate levels gives ×1.6 at 300 mg/day`,
    status: "assumption",
  },
];

/** Checks ranges; the drug ids are checked against the catalogue by the caller (no cycle). */
export function validateInteractions(list: readonly Interaction[], knownDrug: (id: string) => boolean): void {
  list.forEach((x, i) => {
    const w = `interaction[${i}] ${x.perpetrator} → ${x.victim}`;
    if (!knownDrug(x.perpetrator)) throw new RangeError(`${w}: unknown perpetrator '${x.perpetrator}'`);
    if (!knownDrug(x.victim)) throw new RangeError(`${w}: unknown victim '${x.victim}'`);
    if (!(x.ec50 > 0 && Number.isFinite(x.ec50))) throw new RangeError(`${w}.ec50 must be > 0 (mg/L)`);
    if (x.kind === "induction") {
      if (!(x.maxFold >= 1 && x.maxFold <= 20))
        throw new RangeError(`${w}.maxFold = ${x.maxFold} outside [1, 20]`);
      if (!(x.onsetDays > 0 && x.onsetDays <= 100))
        throw new RangeError(`${w}.onsetDays = ${x.onsetDays} outside (0, 100]`);
    } else if (!(x.maxInhibition >= 0 && x.maxInhibition < 1)) {
      throw new RangeError(`${w}.maxInhibition = ${x.maxInhibition} outside [0, 1)`);
    }
  });
}
