/**
 * Antiseizure-drug catalogue as data: targets and potencies, pharmacokinetics, brain entry,
 * dosing and tolerability, every number with its source and what we know of it.
 *
 * Sources: the project dossier shared/science/drugs.md §2 (itself citing Patsalos et al. 2008,
 * Epilepsia 49:1239; Bialer & White; product labels) marks values it checked with ✓ ("verified"
 * here) and others UNVERIFIED. Values checked while writing this module (search of abstracts,
 * labels and PK tables) say so in `source`. "derived" = computed here from cited numbers;
 * "assumption" = a modelling choice with no measurement behind it, stated as such.
 *
 * Units: concentrations mg/L (= µg/mL) of total plasma drug unless marked unbound; potencies µM of
 * unbound drug at the target (brain extracellular fluid); time hours; doses mg. Volumes are
 * "L/kg" (scaled by body weight) or "L" (absolute, from population PK with no weight covariate).
 *
 * Interactions (induction, inhibition, carbamazepine autoinduction) live in interactions.ts.
 */

export type EvidenceStatus = "verified" | "UNVERIFIED" | "derived" | "assumption";

/** One number with its unit and provenance. */
export interface Cited {
  readonly value: number;
  readonly unit: string;
  readonly source: string;
  readonly status: EvidenceStatus;
  readonly note?: string;
}

/** A published interval. */
export interface CitedRange {
  readonly low: number;
  readonly high: number;
  readonly unit: string;
  readonly source: string;
  readonly status: EvidenceStatus;
  readonly note?: string;
}

/**
 * Molecular targets the pharmacodynamics layer knows. Each maps onto engine parameters in
 * cell-effects.ts and network-effects.ts; "serotonin", "mtorc1" and "gpr55" have no cell-level
 * counterpart in the current engines and act at the network scale only.
 */
export type TargetName =
  | "nav" // transient voltage-gated Na current
  | "nap" // persistent Na current
  | "gabaA" // GABA-A receptor (positive modulation)
  | "kv7" // M current (opening = hyperpolarising shift of activation)
  | "cav3" // T-type Ca current
  | "ampa" // AMPA receptor
  | "sv2a" // synaptic vesicle protein 2A (release probability)
  | "carbonicAnhydrase"
  | "serotonin" // 5-HT release and receptor agonism
  | "mtorc1"
  | "gpr55"; // GPR55 antagonism, ENT1, TRPV1 (cannabidiol)

export type Species = "parent" | "metabolite";

export interface DrugTarget {
  readonly target: TargetName;
  /** Which circulating species acts (oxcarbazepine acts through MHD, clobazam through both). */
  readonly species: Species;
  readonly action: "block" | "potentiate" | "open" | "bind" | "inhibit" | "release";
  /**
   * Unbound concentration for half-maximal effect (µM). For state-dependent Na block this is the
   * dissociation constant from inactivated channels (K_I) and `restingKd` is K_R.
   */
  readonly potency: Cited;
  readonly hill: Cited;
  /** Effect at saturation: a fraction (block, potentiation as fractional increase) or mV (kv7 shift). */
  readonly maxEffect: Cited;
  /** Resting-state dissociation constant K_R (µM) for the modulated-receptor Na model. */
  readonly restingKd?: Cited;
  /**
   * Binding rate constant k_on to inactivated channels (M⁻¹s⁻¹) of a modulated-receptor Na
   * blocker; with K_I it gives the unbinding rate k_off = k_on·K_I (cell-effects.ts, kinetic block).
   */
  readonly bindingRate?: Cited;
  /**
   * Binding site shared with other ligands of the same target. Ligands of one site compete for it:
   * their effects come from one combined occupancy (cell-effects.ts `siteOccupancy`), not from
   * independent edits multiplied together.
   */
  readonly site?: BindingSite;
}

/** Shared binding sites (see `DrugTarget.site`). */
export const BINDING_SITES = {
  localAnaesthetic: "Na-channel local-anaesthetic/anticonvulsant site: Kuo CC (1998) Mol Pharmacol 54:712",
  benzodiazepine:
    "GABA-A α/γ2 benzodiazepine site, shared by clobazam and N-desmethylclobazam (both potentiate α1/α2/α3/α5β2γ2 receptors through it: Hammer H, Ebert B, Jensen HS, Jensen AA (2015) PLoS One 10:e0120239)",
} as const;
export type BindingSite = keyof typeof BINDING_SITES;

export type Elimination =
  | { readonly kind: "linear"; readonly halfLife: Cited }
  /** Clearance per kg at 70 kg (L/h/kg; scaled allometrically, pk.ts) when a population CL is the primary datum. */
  | { readonly kind: "clearance"; readonly clearance: Cited }
  | {
      readonly kind: "michaelisMenten";
      /** Maximal elimination rate (mg/day) of a 70 kg adult. */
      readonly vmax: Cited;
      /** Michaelis constant (mg/L total plasma). */
      readonly km: Cited;
      /** Vmax ∝ (weight/70 kg)^exponent. */
      readonly weightExponent: Cited;
    };

export interface Peripheral {
  readonly volume: Cited;
  /** Intercompartmental clearance (L/h, absolute). */
  readonly clearance: Cited;
}

/** An active metabolite formed from the parent (one more linear compartment). */
export interface Metabolite {
  readonly name: string;
  readonly molarMass: Cited;
  /** Fraction of parent elimination that forms this metabolite (molar). */
  readonly fractionFormed: Cited;
  readonly halfLife: Cited;
  readonly volume: Cited;
  readonly fractionUnbound: Cited;
  readonly referenceRange: CitedRange | null;
}

export interface Pharmacokinetics {
  readonly bioavailability: Cited;
  /** First-order absorption rate constant ka (1/h). */
  readonly absorptionRate: Cited;
  /** Central volume of distribution. */
  readonly volume: Cited;
  readonly elimination: Elimination;
  /** Present for two-compartment drugs. */
  readonly peripheral?: Peripheral;
  readonly fractionUnbound: Cited;
  readonly metabolite?: Metabolite;
}

export interface BrainEntry {
  /** Unbound brain-to-plasma partition Kp,uu with normal transporter expression. */
  readonly kpuu: Cited;
  /** Whether the catalogue treats the drug as a human P-gp substrate (contested cases explained). */
  readonly pgpSubstrate: boolean;
  /**
   * Baseline P-gp efflux ratio minus one, ER0 = CL_Pgp0/CL_out (inflammation_modulation.md §4):
   * Kp,uu(E) = Kp,uu(1)·(1 + ER0)/(1 + ER0·E). 0 for non-substrates.
   */
  readonly effluxRatio: Cited;
}

export interface Titration {
  /** Daily amount at the start (mg/day, or mg/kg/day when the drug is dosed per kg). */
  readonly start: number;
  /** Increase per step (same unit). */
  readonly step: number;
  readonly stepDays: number;
  readonly source: string;
  readonly status: EvidenceStatus;
}

export interface Dosing {
  /** Whether doses are prescribed per kg of body weight (daily amounts then mg/kg/day). */
  readonly perKg: boolean;
  readonly usualDaily: CitedRange;
  readonly maximalDaily: Cited;
  /** Absolute cap in mg/day for per-kg drugs (e.g. stiripentol 3000 mg/day). */
  readonly capMgPerDay?: Cited;
  readonly dosesPerDay: Cited;
  readonly titration: Titration | null;
}

/** A published level to check the model against at a stated regimen (test/pharmacology). */
export interface LevelCheck {
  /** Daily amount (mg/day, or mg/kg/day for per-kg drugs). */
  readonly daily: number;
  readonly intervalHours: number;
  readonly weightKg: number;
  readonly measure: "average" | "trough";
  readonly species: Species;
  readonly range: CitedRange;
  /**
   * "independent": PK parameters come from sources other than the level; "calibrated": a parameter
   * was chosen to reproduce this level, so the check is only a consistency check.
   */
  readonly kind: "independent" | "calibrated";
}

export interface Drug {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly molarMass: Cited;
  readonly mechanism: string;
  readonly targets: readonly DrugTarget[];
  readonly pk: Pharmacokinetics;
  readonly brain: BrainEntry;
  readonly dosing: Dosing;
  /** Plasma reference range of the reported species (null where none is established). */
  readonly referenceRange: CitedRange | null;
  /** The species whose level is reported and monitored (MHD for oxcarbazepine). */
  readonly reportedSpecies: Species;
  /**
   * Total plasma concentration (mg/L, reported species) above which dose-limiting adverse effects
   * appear; decides whether a trial was tolerated. null: none published, and the tolerability
   * check uses the level at the maximal labelled dose instead (see pk.ts adverseThreshold).
   */
  readonly adverseConcentration: Cited | null;
  readonly checks: {
    readonly halfLife: CitedRange;
    readonly level: LevelCheck | null;
  };
}

// Sources --------------------------------------------------------------------------------------

const DOSSIER = "shared/science/drugs.md §2";
const PATSALOS = "Patsalos PN et al. (2008) Epilepsia 49:1239 (ILAE TDM position paper), via drugs.md §2";
const PK_TABLE = "oral ASM PK review table, PMC8093413 (2021), via drugs.md §2";
const FORMULA = "molar mass from the molecular formula (PubChem)";
const GRASELA = "Grasela TH et al. (1983) Clin Pharmacokinet 8:355 (NONMEM, 322 patients; checked abstract)";
const KUO_BEAN = "Kuo CC, Bean BP (1994) Mol Pharmacol 46:716, via drugs.md §1";
const CHAO = "Chao TI, Alzheimer C (1995) NeuroReport 6:1778 (half-block of INaP at 34 µM; checked abstract)";
const KUO_1998 = "Kuo CC (1998) Mol Pharmacol 54:712 (PHT, CBZ, LTG share one site; checked abstract)";
/** Outcome of the 2026-11 checks of the recalled Na-block kinetics (K_I, k_on): the primary abstracts
 * (Kuo & Bean 1994; Kuo, Chen, Lu & Chen 1997; Kuo & Lu 1997) were not found by the `search` tool
 * (pages, docs, issues corpora; titles, reference-list forms and the numbers themselves queried).
 * Searched again in session 6 (docs/experiments/na-drug-evidence.md §1): the Kuo 1998 full-text page
 * is stored but only its abstract and first Introduction line are reachable; Qiao et al. 2014
 * (per-isoform parameters) was not reached. */
const KINETICS_NOT_FOUND =
  "primary abstract not found by search (2026-11, searched twice; docs/experiments/na-drug-evidence.md), value still recalled";
/** Slow binding: the qualitative claim is checked, the numbers are recalled (UNVERIFIED). */
const SLOW_BINDING =
  "slow binding to inactivated channels (Kuo & Bean 1994 Mol Pharmacol 46:716; 'the drug binds slowly so that there is preferential block of firing during sustained epileptic depolarizations', Rogawski & Löscher 2004 Nat Rev Neurosci 5:553, checked key points)";
const HANADA = "Hanada T et al. (2011) Epilepsia 52:1331, via drugs.md §2";
const OTERO =
  "Otero Torres S et al. (2023) Clin Neuropharmacol 46:39 (LCM range 1–10 trough-based, 10–20 peak-based; checked abstract)";
const CNB_LABEL =
  "cenobamate label (Xcopri): F 88%, Vd/F 40–50 L, 60% bound, t½ 50–60 h, titration 12.5→200 mg over 10 weeks, max 400 mg (checked, label summaries)";
const FFA_LABEL =
  "fenfluramine SmPC (Fintepla) §5.2: F 68–83%, single 0.7 mg/kg → AUCinf 1660 ng·h/mL, t½ ~20 h (checked, label text)";
const FFA_TDM =
  "fenfluramine TDM study, Epilepsia (2022): 61 patients, 0.33 mg/kg/day → median 41.4 µg/L (range 5.1–712.5); with stiripentol C/D +428% (checked abstract; authors UNVERIFIED)";
const FFA_DOSING =
  "fenfluramine label dosing: 0.2 → 0.4 → 0.7 mg/kg/day weekly, max 26 mg/day (17 mg with stiripentol) (checked, label summaries)";
const DEVINSKY =
  "Devinsky O et al. (2018) Neurology 90:e1204, Table e-1 (day-22 pre-dose CBD 121 ± 81 ng/mL at 20 mg/kg/day; checked)";
const CBD_LABEL = "Epidiolex label: Vd/F 20963–42849 L, t½ 56–61 h, >94% bound (values recalled, UNVERIFIED)";
const BUCK =
  "Buck ML (2018) Pediatr Pharmacother 24(10): stiripentol 99% bound, t½ 5–13 h, mean minimum level 12 mg/L at 57 mg/kg/day (checked)";
const STP_LABEL = "Diacomit label: 50 mg/kg/day in 2–3 doses, max 3000 mg/day (checked, label summary)";
const EVE_PK =
  "everolimus semi-physiological PK, Clin Pharmacokinet (2016) 55:1447: V1/F 207 L, V2/F 485 L, Q/F 72.1 L/h (checked abstract; plasma model)";
const EVEREST =
  "SWOG S0931 (EVEREST) PK analysis, Kidney Cancer (2018): 10 mg/day trough quartiles 9.0 / 12.9 / 22.8 ng/mL (checked abstract)";
const EVE_DLT =
  "Fukudo M et al., everolimus in breast cancer: trough ≥ 17.3 ng/mL predicts dose-limiting toxicity (checked abstract)";
const RTG =
  "retigabine: F 60%, t½ 8 h (7–11), 60–80% bound (label summaries, checked); Vd 6.2 L/kg UNVERIFIED";
const ESM_REVIEW = "Epilepsy Curr (2002) review of ethosuximide's T-type block (checked abstract)";
const HEBEISEN =
  "Hebeisen S et al. (2015) Neuropharmacology 89:122 (250 µM CBZ shifts fast-inactivation V½ by 12.0 mV, OXC 16.6 mV; checked abstract)";
const MAIN_2000 = "Main MJ et al. (2000) Mol Pharmacol 58:591 (KCNQ2/3 in CHO cells; checked abstract)";
const UPPER_RANGE =
  "upper limit of the reference range (convention: dose-limiting effects become common above it)";

const v = (value: number, unit: string, source: string, status: EvidenceStatus, note?: string): Cited =>
  note === undefined ? { value, unit, source, status } : { value, unit, source, status, note };
const r = (
  low: number,
  high: number,
  unit: string,
  source: string,
  status: EvidenceStatus,
  note?: string,
): CitedRange =>
  note === undefined ? { low, high, unit, source, status } : { low, high, unit, source, status, note };

const KPUU_ONE = v(
  1,
  "dimensionless",
  "passive equilibrium assumed for a small lipophilic drug (no published human Kp,uu)",
  "assumption",
);
const hill1 = (source = "Hill coefficient 1 (single binding site) assumed") =>
  v(1, "dimensionless", source, "assumption");
const FULL_BLOCK = v(1, "fraction", "complete block at saturation assumed", "assumption");
const na = (ki: Cited, kr: Cited, kon: Cited, species: Species = "parent"): DrugTarget => ({
  target: "nav",
  species,
  action: "block",
  potency: ki,
  restingKd: kr,
  bindingRate: kon,
  site: "localAnaesthetic",
  hill: hill1("one drug per channel (modulated-receptor model)"),
  maxEffect: FULL_BLOCK,
});

// Catalogue ------------------------------------------------------------------------------------

export const DRUGS: readonly Drug[] = [
  {
    id: "carbamazepine",
    name: "carbamazepine",
    aliases: ["CBZ"],
    molarMass: v(236.27, "g/mol", FORMULA, "verified"),
    mechanism:
      "use-dependent block of voltage-gated Na channels (fast-inactivated state); strong CYP3A4 inducer, autoinduction",
    targets: [
      na(
        v(
          25,
          "µM",
          `${DOSSIER} (Kd inactivated ~25 µM); consistent with ${HEBEISEN} (test/pharmacology/pharmacodynamics.test.ts); ${KINETICS_NOT_FOUND}`,
          "UNVERIFIED",
        ),
        v(
          500,
          "µM",
          `resting affinity much lower than inactivated (${KUO_1998}); 20 × K_I chosen`,
          "assumption",
        ),
        v(
          38000,
          "1/(M·s)",
          `${SLOW_BINDING}; Kuo CC, Chen RS, Lu L, Chen RC (1997) Mol Pharmacol 51:1077: ~3.8e4 M⁻¹s⁻¹, about three times phenytoin's (recalled); ${KINETICS_NOT_FOUND}`,
          "UNVERIFIED",
        ),
      ),
    ],
    pk: {
      bioavailability: v(0.75, "fraction", `${PK_TABLE} (70–79%)`, "verified"),
      absorptionRate: v(0.3, "1/h", "slow absorption, tmax 4–8 h (label)", "UNVERIFIED"),
      volume: v(1.0, "L/kg", `${DOSSIER} (0.8–1.2 L/kg)`, "UNVERIFIED"),
      elimination: {
        kind: "linear",
        halfLife: v(35, "h", `${DOSSIER} (25–65 h single dose, before autoinduction)`, "UNVERIFIED"),
      },
      fractionUnbound: v(0.25, "fraction", "75% protein bound (Patsalos 2008)", "UNVERIFIED"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(
        0,
        "dimensionless",
        "not transported by human or mouse P-gp (Baltes 2007; Dickens 2013), via drugs.md",
        "verified",
      ),
    },
    dosing: {
      perKg: false,
      usualDaily: r(400, 1600, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(1600, "mg/day", DOSSIER, "UNVERIFIED"),
      dosesPerDay: v(2, "1/day", "twice daily (extended release)", "UNVERIFIED"),
      titration: {
        start: 200,
        step: 200,
        stepDays: 7,
        source: "label titration (recalled)",
        status: "UNVERIFIED",
      },
    },
    referenceRange: r(4, 12, "mg/L", PATSALOS, "UNVERIFIED"),
    reportedSpecies: "parent",
    adverseConcentration: v(12, "mg/L", UPPER_RANGE, "assumption"),
    checks: {
      halfLife: r(8, 20, "h", `${DOSSIER} (after autoinduction, 2–4 weeks)`, "UNVERIFIED"),
      level: {
        daily: 800,
        intervalHours: 12,
        weightKg: 70,
        measure: "average",
        species: "parent",
        range: r(4, 12, "mg/L", PATSALOS, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "oxcarbazepine",
    name: "oxcarbazepine",
    aliases: ["OXC"],
    molarMass: v(252.27, "g/mol", FORMULA, "verified"),
    mechanism: "prodrug; its monohydroxy derivative (MHD, licarbazepine) blocks Na channels",
    targets: [
      na(
        v(25, "µM", "MHD taken as equipotent with carbamazepine (no measured K_I found)", "assumption"),
        v(500, "µM", "as carbamazepine", "assumption"),
        v(38000, "1/(M·s)", "as carbamazepine (no measured binding rate found)", "assumption"),
        "metabolite",
      ),
    ],
    pk: {
      bioavailability: v(0.95, "fraction", `${PK_TABLE} (≥95%)`, "verified"),
      absorptionRate: v(1.5, "1/h", "rapid absorption, parent tmax ~1–3 h (label)", "UNVERIFIED"),
      volume: v(0.7, "L/kg", "parent volume taken equal to MHD's (no separate value found)", "assumption"),
      elimination: { kind: "linear", halfLife: v(2, "h", `${DOSSIER} (parent 1–3.7 h)`, "UNVERIFIED") },
      fractionUnbound: v(0.4, "fraction", "parent ~60% bound (label)", "UNVERIFIED"),
      metabolite: {
        name: "MHD (licarbazepine)",
        molarMass: v(254.28, "g/mol", FORMULA, "verified"),
        fractionFormed: v(0.95, "fraction", "near-complete reduction to MHD (label)", "UNVERIFIED"),
        halfLife: v(10, "h", `${DOSSIER} (MHD 8–15 h)`, "UNVERIFIED"),
        volume: v(0.75, "L/kg", `${DOSSIER} (MHD 0.7–0.8 L/kg)`, "UNVERIFIED"),
        fractionUnbound: v(0.6, "fraction", "MHD ~40% bound (label)", "UNVERIFIED"),
        referenceRange: r(3, 35, "mg/L", `${PATSALOS} (MHD)`, "UNVERIFIED"),
      },
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(
        0,
        "dimensionless",
        "MHD transport reported in some assays only (drugs.md, UNVERIFIED); not modelled",
        "assumption",
      ),
    },
    dosing: {
      perKg: false,
      usualDaily: r(600, 2400, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(2400, "mg/day", DOSSIER, "UNVERIFIED"),
      dosesPerDay: v(2, "1/day", "product label (recalled)", "UNVERIFIED"),
      titration: {
        start: 600,
        step: 600,
        stepDays: 7,
        source: "label titration (recalled)",
        status: "UNVERIFIED",
      },
    },
    referenceRange: r(3, 35, "mg/L", `${PATSALOS} (MHD)`, "UNVERIFIED"),
    reportedSpecies: "metabolite",
    adverseConcentration: v(35, "mg/L", UPPER_RANGE, "assumption"),
    checks: {
      halfLife: r(8, 15, "h", `${DOSSIER} (MHD)`, "UNVERIFIED"),
      level: {
        daily: 1200,
        intervalHours: 12,
        weightKg: 70,
        measure: "average",
        species: "metabolite",
        range: r(3, 35, "mg/L", `${PATSALOS} (MHD)`, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "phenytoin",
    name: "phenytoin",
    aliases: ["PHT", "DPH"],
    molarMass: v(252.27, "g/mol", FORMULA, "verified"),
    mechanism:
      "block of inactivated Na channels, also INaP; saturable (Michaelis–Menten) elimination; strong inducer",
    targets: [
      na(
        v(7, "µM", `${KUO_BEAN} (K_I ~7 µM); ${KINETICS_NOT_FOUND}`, "UNVERIFIED"),
        v(300, "µM", `${KUO_BEAN} (resting ≫ 100 µM; 300 chosen)`, "assumption"),
        v(
          10000,
          "1/(M·s)",
          `${SLOW_BINDING}; ~1e4 M⁻¹s⁻¹ (Kuo & Bean 1994, recalled); ${KINETICS_NOT_FOUND}`,
          "UNVERIFIED",
        ),
      ),
      {
        target: "nap",
        species: "parent",
        action: "block",
        potency: v(
          34,
          "µM",
          CHAO,
          "verified",
          "contested: no INaP block by phenytoin in cortical neurons (Spadoni et al. 2002 NeuroReport 1167, abstract); block only under inactivating conditions, slow ramps or pre-pulses (Colombo et al. 2013 PLoS One e55329, abstract); see docs/experiments/na-drug-evidence.md §2",
        ),
        hill: hill1(),
        maxEffect: FULL_BLOCK,
      },
    ],
    pk: {
      bioavailability: v(
        1,
        "fraction",
        "apparent: Grasela's Vm was estimated from oral dose rates, so F is folded into it (drugs.md gives F ~0.8)",
        "derived",
      ),
      absorptionRate: v(
        0.46,
        "1/h",
        "Ther Drug Monit (2016) 38:728, Table 2 (oral fast-release ka 0.459/h; checked)",
        "verified",
      ),
      volume: v(0.7, "L/kg", `${DOSSIER} (0.5–0.8 L/kg)`, "UNVERIFIED"),
      elimination: {
        kind: "michaelisMenten",
        vmax: v(415, "mg/day", `${GRASELA} (70 kg European adult)`, "verified"),
        km: v(5.7, "mg/L", GRASELA, "verified"),
        weightExponent: v(0.6, "dimensionless", GRASELA, "verified"),
      },
      fractionUnbound: v(
        0.112,
        "fraction",
        "Ther Drug Monit (2016) 38:728, Table 2 (fu 0.112; checked)",
        "verified",
      ),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: true,
      effluxRatio: v(
        0.5,
        "dimensionless",
        "weak human substrate (2/7 systems, Dickens 2013; mouse yes, human no, Baltes 2007); ER0 0.5 sits between the dossier's weak (0.3) and good (3) examples and gives the ~25–30% fall of Rizzi 2002 at E = 2",
        "assumption",
      ),
    },
    dosing: {
      perKg: false,
      usualDaily: r(200, 400, "mg/day", `${DOSSIER} (~5 mg/kg)`, "UNVERIFIED"),
      maximalDaily: v(600, "mg/day", "label maximum (recalled)", "UNVERIFIED"),
      dosesPerDay: v(1, "1/day", "once daily (extended release) or divided", "UNVERIFIED"),
      titration: null,
    },
    referenceRange: r(10, 20, "mg/L", PATSALOS, "UNVERIFIED"),
    reportedSpecies: "parent",
    adverseConcentration: v(20, "mg/L", `${UPPER_RANGE}; nystagmus and ataxia above 20 mg/L`, "UNVERIFIED"),
    checks: {
      halfLife: r(7, 42, "h", `${DOSSIER} (concentration dependent)`, "UNVERIFIED"),
      level: {
        daily: 300,
        intervalHours: 24,
        weightKg: 70,
        measure: "average",
        species: "parent",
        range: r(10, 20, "mg/L", PATSALOS, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "lamotrigine",
    name: "lamotrigine",
    aliases: ["LTG"],
    molarMass: v(256.09, "g/mol", FORMULA, "verified"),
    mechanism:
      "use-dependent Na-channel block (also high-voltage Ca channels); glucuronidated (UGT), clearance inhibited by valproate and induced by CBZ/PHT/PB",
    targets: [
      na(
        v(
          9,
          "µM",
          `Kuo & Lu (1997) Br J Pharmacol (K_I ~9 µM, recalled); order of magnitude consistent with 100 µM shifting Nav1.4 inactivation by −21 mV (Nakatani 2013 J Pharmacol Sci 123:203, checked abstract); ${KINETICS_NOT_FOUND}`,
          "UNVERIFIED",
        ),
        v(600, "µM", "Kuo & Lu (1997) (resting ~600 µM, recalled)", "UNVERIFIED"),
        v(
          10000,
          "1/(M·s)",
          `${SLOW_BINDING}; Kuo CC, Lu L (1997) Br J Pharmacol 121:1231: ~1e4 M⁻¹s⁻¹, similar to phenytoin (recalled); ${KINETICS_NOT_FOUND}`,
          "UNVERIFIED",
        ),
      ),
    ],
    pk: {
      bioavailability: v(0.98, "fraction", PK_TABLE, "verified"),
      absorptionRate: v(1.2, "1/h", "tmax 1–3 h (label)", "UNVERIFIED"),
      volume: v(1.1, "L/kg", `${DOSSIER} (0.9–1.3 L/kg)`, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(25, "h", `${DOSSIER} (15–35 h monotherapy)`, "UNVERIFIED") },
      fractionUnbound: v(0.45, "fraction", "55% bound (label)", "UNVERIFIED"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(
        0,
        "dimensionless",
        "contested: ABCB1 substrate in a PK table but not transported in 7 systems (Dickens 2013); treated as non-substrate",
        "assumption",
      ),
    },
    dosing: {
      perKg: false,
      usualDaily: r(100, 500, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(500, "mg/day", DOSSIER, "UNVERIFIED"),
      dosesPerDay: v(2, "1/day", "product label (recalled)", "UNVERIFIED"),
      // Monotherapy (no valproate, no enzyme inducer), label: 25 mg/day weeks 1–2, 50 mg/day weeks
      // 3–4, then +50 mg/day every 1–2 weeks to the usual maintenance dose (225–375 mg/day in the US
      // label). A start/step/interval schedule cannot hold the 25 → 50 lead-in exactly: start 25 and
      // +50 mg/day every 14 days keeps weeks 1–2 exact and the label's slower pace afterwards (75 mg
      // in weeks 3–4 instead of 50; 125 vs 100–150 in weeks 5–6; 225 mg from day 56, label ~day 49–70).
      // With valproate the label halves the schedule (25 mg every other day weeks 1–2, 25 mg/day weeks
      // 3–4, then +25–50 mg/day every 1–2 weeks to 100–200 mg/day) — not represented here: the
      // catalogue's schedule is the monotherapy one.
      titration: {
        start: 25,
        step: 50,
        stepDays: 14,
        source:
          "lamotrigine label, monotherapy escalation: 25 mg/day weeks 1–2, 50 mg/day weeks 3–4, then +50 mg/day every 1–2 weeks (Lamictal prescribing information; checked against label-derived summaries, e.g. MIMS Lamitor: with valproate 25 mg every other day ×2 weeks, 25 mg/day ×2 weeks, then +25–50 mg/day every 1–2 weeks); approximated as start 25, +50 mg/day every 14 days",
        status: "derived",
      },
    },
    referenceRange: r(2.5, 15, "mg/L", PATSALOS, "UNVERIFIED"),
    reportedSpecies: "parent",
    adverseConcentration: v(15, "mg/L", UPPER_RANGE, "assumption"),
    checks: {
      halfLife: r(15, 35, "h", `${DOSSIER} (monotherapy)`, "UNVERIFIED"),
      level: {
        daily: 200,
        intervalHours: 12,
        weightKg: 70,
        measure: "average",
        species: "parent",
        range: r(2.5, 15, "mg/L", PATSALOS, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "lacosamide",
    name: "lacosamide",
    aliases: ["LCM"],
    molarMass: v(250.29, "g/mol", FORMULA, "verified"),
    mechanism:
      "enhances slow inactivation of Na channels (modelled as a fractional loss of available Na conductance)",
    targets: [
      {
        target: "nav",
        species: "parent",
        action: "block",
        potency: v(
          100,
          "µM",
          "Errington AC, Stöhr T, Heers C, Lees G (2008) Mol Pharmacol 73:157 (checked abstract: 32–100 µM called clinical; 100 µM enhances slow inactivation, leaves fast inactivation and its recovery unchanged, block not removed by 500 ms at −100 mV); the 100 µM half-effect value itself is not in the abstract",
          "UNVERIFIED",
        ),
        hill: hill1(),
        maxEffect: v(0.5, "fraction", "slow inactivation removes at most part of the current", "assumption"),
      },
    ],
    pk: {
      bioavailability: v(1, "fraction", PK_TABLE, "verified"),
      absorptionRate: v(1.5, "1/h", "tmax 1–4 h (label)", "UNVERIFIED"),
      volume: v(0.6, "L/kg", DOSSIER, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(13, "h", `${DOSSIER}; label 13 h`, "UNVERIFIED") },
      fractionUnbound: v(0.85, "fraction", "<15% bound (label)", "UNVERIFIED"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "not a substrate (label, via drugs.md)", "UNVERIFIED"),
    },
    dosing: {
      perKg: false,
      usualDaily: r(200, 400, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(600, "mg/day", DOSSIER, "UNVERIFIED"),
      dosesPerDay: v(2, "1/day", "product label (recalled)", "UNVERIFIED"),
      titration: {
        start: 100,
        step: 100,
        stepDays: 7,
        source: "label (50 mg bid, +100 mg/day weekly)",
        status: "UNVERIFIED",
      },
    },
    referenceRange: r(
      1,
      20,
      "mg/L",
      OTERO,
      "verified",
      "union of the trough-based (1–10) and peak-based (10–20) ranges",
    ),
    reportedSpecies: "parent",
    adverseConcentration: v(
      15.6,
      "mg/L",
      `${OTERO} (mean level of patients with adverse effects)`,
      "verified",
    ),
    checks: {
      halfLife: r(10.4, 15.6, "h", "label ~13 h ± 20% (our tolerance)", "UNVERIFIED"),
      level: {
        daily: 400,
        intervalHours: 12,
        weightKg: 70,
        measure: "trough",
        species: "parent",
        range: r(1, 10, "mg/L", OTERO, "verified", "trough-based range"),
        kind: "independent",
      },
    },
  },
  {
    id: "valproate",
    name: "valproate",
    aliases: ["VPA", "valproic acid"],
    molarMass: v(144.21, "g/mol", FORMULA, "verified"),
    mechanism:
      "weak Na and T-type Ca block, raised GABA turnover; inhibits glucuronidation (lamotrigine) and phenobarbital metabolism",
    targets: [
      {
        target: "nav",
        species: "parent",
        action: "block",
        potency: v(1000, "µM", "Na block needs high-µM to mM (reviews, recalled)", "UNVERIFIED"),
        hill: hill1(),
        maxEffect: FULL_BLOCK,
      },
      {
        target: "cav3",
        species: "parent",
        action: "block",
        potency: v(1000, "µM", "weak T-type block (reviews, recalled)", "UNVERIFIED"),
        hill: hill1(),
        maxEffect: FULL_BLOCK,
      },
      {
        target: "gabaA",
        species: "parent",
        action: "potentiate",
        potency: v(
          300,
          "µM",
          "raised GABA turnover (GABA-T/SSADH inhibition) expressed as GABA-A gain; potency assumed",
          "assumption",
        ),
        hill: hill1(),
        maxEffect: v(0.5, "fraction", "at most +50% inhibitory gain", "assumption"),
      },
    ],
    pk: {
      bioavailability: v(1, "fraction", DOSSIER, "UNVERIFIED"),
      absorptionRate: v(1, "1/h", "enteric-coated absorption, tmax 3–4 h (label)", "UNVERIFIED"),
      volume: v(0.15, "L/kg", `${DOSSIER} (0.1–0.2 L/kg)`, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(14, "h", `${DOSSIER} (12–16 h)`, "UNVERIFIED") },
      fractionUnbound: v(
        0.1,
        "fraction",
        `${DOSSIER} (~90% bound; saturable binding not modelled)`,
        "UNVERIFIED",
      ),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "not a P-gp substrate (MRP proposed), via drugs.md", "UNVERIFIED"),
    },
    dosing: {
      perKg: false,
      usualDaily: r(500, 2500, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(4200, "mg/day", "60 mg/kg/day at 70 kg (drugs.md)", "derived"),
      dosesPerDay: v(2, "1/day", "product label (recalled)", "UNVERIFIED"),
      titration: {
        start: 500,
        step: 250,
        stepDays: 7,
        source: "usual practice (10–15 mg/kg/day start, weekly steps)",
        status: "UNVERIFIED",
      },
    },
    referenceRange: r(50, 100, "mg/L", PATSALOS, "UNVERIFIED"),
    reportedSpecies: "parent",
    adverseConcentration: v(
      100,
      "mg/L",
      `${UPPER_RANGE}; tremor and thrombocytopenia above ~100 mg/L`,
      "UNVERIFIED",
    ),
    checks: {
      halfLife: r(12, 16, "h", DOSSIER, "UNVERIFIED"),
      level: {
        daily: 1000,
        intervalHours: 12,
        weightKg: 70,
        measure: "average",
        species: "parent",
        range: r(50, 100, "mg/L", PATSALOS, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "levetiracetam",
    name: "levetiracetam",
    aliases: ["LEV"],
    molarMass: v(170.21, "g/mol", FORMULA, "verified"),
    mechanism:
      "binds synaptic vesicle protein SV2A, lowering release during high-frequency firing; renal elimination",
    targets: [
      {
        target: "sv2a",
        species: "parent",
        action: "bind",
        potency: v(1.6, "µM", `${DOSSIER} (SV2A affinity ~µM; Lynch 2004 PNAS)`, "UNVERIFIED"),
        hill: hill1(),
        maxEffect: v(0.3, "fraction", "largest fall of release probability at full occupancy", "assumption"),
      },
    ],
    pk: {
      bioavailability: v(1, "fraction", PK_TABLE, "verified"),
      absorptionRate: v(2, "1/h", "tmax ~1 h (label)", "UNVERIFIED"),
      volume: v(0.6, "L/kg", `${DOSSIER} (0.5–0.7 L/kg)`, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(7, "h", `${DOSSIER} (6–8 h)`, "UNVERIFIED") },
      fractionUnbound: v(0.95, "fraction", "<10% bound (label)", "UNVERIFIED"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(
        0,
        "dimensionless",
        "mouse but not human P-gp substrate (Baltes 2007), via drugs.md",
        "verified",
      ),
    },
    dosing: {
      perKg: false,
      usualDaily: r(1000, 3000, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(3000, "mg/day", DOSSIER, "UNVERIFIED"),
      dosesPerDay: v(2, "1/day", "product label (recalled)", "UNVERIFIED"),
      titration: { start: 1000, step: 1000, stepDays: 14, source: "label", status: "UNVERIFIED" },
    },
    referenceRange: r(12, 46, "mg/L", PATSALOS, "UNVERIFIED"),
    reportedSpecies: "parent",
    adverseConcentration: v(46, "mg/L", UPPER_RANGE, "assumption"),
    checks: {
      halfLife: r(6, 8, "h", DOSSIER, "UNVERIFIED"),
      level: {
        daily: 2000,
        intervalHours: 12,
        weightKg: 70,
        measure: "average",
        species: "parent",
        range: r(12, 46, "mg/L", PATSALOS, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "brivaracetam",
    name: "brivaracetam",
    aliases: ["BRV"],
    molarMass: v(212.29, "g/mol", FORMULA, "verified"),
    mechanism: "SV2A ligand with 15–30× the affinity of levetiracetam",
    targets: [
      {
        target: "sv2a",
        species: "parent",
        action: "bind",
        potency: v(0.07, "µM", `${DOSSIER} (~20× levetiracetam's affinity)`, "derived"),
        hill: hill1(),
        maxEffect: v(0.3, "fraction", "as levetiracetam", "assumption"),
      },
    ],
    pk: {
      bioavailability: v(1, "fraction", DOSSIER, "UNVERIFIED"),
      absorptionRate: v(2, "1/h", "tmax ~1 h (label)", "UNVERIFIED"),
      volume: v(0.5, "L/kg", DOSSIER, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(9, "h", DOSSIER, "UNVERIFIED") },
      fractionUnbound: v(0.8, "fraction", "≤20% bound (label)", "UNVERIFIED"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "substrate status not established (drugs.md)", "assumption"),
    },
    dosing: {
      perKg: false,
      usualDaily: r(50, 200, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(200, "mg/day", DOSSIER, "UNVERIFIED"),
      dosesPerDay: v(2, "1/day", "product label (recalled)", "UNVERIFIED"),
      titration: null,
    },
    referenceRange: r(0.2, 2, "mg/L", DOSSIER, "UNVERIFIED"),
    reportedSpecies: "parent",
    adverseConcentration: v(2, "mg/L", UPPER_RANGE, "assumption"),
    checks: {
      halfLife: r(7.2, 10.8, "h", "~9 h ± 20% (our tolerance)", "UNVERIFIED"),
      level: {
        daily: 100,
        intervalHours: 12,
        weightKg: 70,
        measure: "average",
        species: "parent",
        range: r(0.2, 2, "mg/L", DOSSIER, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "phenobarbital",
    name: "phenobarbital",
    aliases: ["PB"],
    molarMass: v(232.24, "g/mol", FORMULA, "verified"),
    mechanism: "GABA-A positive modulator (longer openings), AMPA/kainate inhibition; strong inducer",
    targets: [
      {
        target: "gabaA",
        species: "parent",
        action: "potentiate",
        potency: v(
          144,
          "µM",
          "Mathers DA, Wan X, Puil E (2007) Neuropharmacology 52:1160: IPSC decay prolonged with EC50 144 µM in neocortex (checked abstract)",
          "verified",
        ),
        hill: hill1(),
        maxEffect: v(2, "fraction", "up to ×3 inhibitory charge (prolonged openings)", "assumption"),
      },
      {
        target: "ampa",
        species: "parent",
        action: "block",
        potency: v(500, "µM", "AMPA/kainate inhibition at high µM (reviews, recalled)", "UNVERIFIED"),
        hill: hill1(),
        maxEffect: FULL_BLOCK,
      },
    ],
    pk: {
      bioavailability: v(0.95, "fraction", PK_TABLE, "verified"),
      absorptionRate: v(1, "1/h", "tmax 0.5–4 h (label)", "UNVERIFIED"),
      volume: v(0.55, "L/kg", `${DOSSIER} (0.5–0.6 L/kg)`, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(100, "h", `${DOSSIER} (70–140 h)`, "UNVERIFIED") },
      fractionUnbound: v(0.5, "fraction", "45–55% bound (label)", "UNVERIFIED"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: true,
      effluxRatio: v(
        0.3,
        "dimensionless",
        "rodent evidence (tariquidar restores efficacy, Brandt 2006), human data mixed; the dossier's weak-substrate example ER0 = 0.3",
        "assumption",
      ),
    },
    dosing: {
      perKg: false,
      usualDaily: r(60, 180, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(300, "mg/day", "~4 mg/kg/day at 70 kg (drugs.md)", "derived"),
      dosesPerDay: v(1, "1/day", "once daily (long half-life)", "UNVERIFIED"),
      titration: null,
    },
    referenceRange: r(10, 40, "mg/L", PATSALOS, "UNVERIFIED"),
    reportedSpecies: "parent",
    adverseConcentration: v(40, "mg/L", UPPER_RANGE, "assumption"),
    checks: {
      halfLife: r(70, 140, "h", DOSSIER, "UNVERIFIED"),
      level: {
        daily: 100,
        intervalHours: 24,
        weightKg: 70,
        measure: "average",
        species: "parent",
        range: r(10, 40, "mg/L", PATSALOS, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "clobazam",
    name: "clobazam",
    aliases: ["CLB"],
    molarMass: v(300.74, "g/mol", FORMULA, "verified"),
    mechanism:
      "1,5-benzodiazepine GABA-A positive modulator; active metabolite N-desmethylclobazam (N-CLB, cleared by CYP2C19)",
    targets: [
      {
        target: "gabaA",
        species: "parent",
        action: "potentiate",
        site: "benzodiazepine",
        potency: v(
          0.2,
          "µM",
          "benzodiazepine-site potentiation at 10–100 nM scale (reviews, recalled)",
          "UNVERIFIED",
        ),
        hill: hill1(),
        maxEffect: v(1.5, "fraction", "benzodiazepines raise GABA-A currents by up to ~+150%", "UNVERIFIED"),
      },
      {
        target: "gabaA",
        species: "metabolite",
        action: "potentiate",
        site: "benzodiazepine",
        potency: v(1, "µM", "N-CLB ~1/5 of clobazam's potency (recalled)", "UNVERIFIED"),
        hill: hill1(),
        maxEffect: v(1.5, "fraction", "as clobazam", "UNVERIFIED"),
      },
    ],
    pk: {
      bioavailability: v(0.87, "fraction", DOSSIER, "UNVERIFIED"),
      absorptionRate: v(1, "1/h", "tmax 1–4 h (label)", "UNVERIFIED"),
      volume: v(1, "L/kg", DOSSIER, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(18, "h", `${DOSSIER} (10–30 h)`, "UNVERIFIED") },
      fractionUnbound: v(0.15, "fraction", "80–90% bound (label)", "UNVERIFIED"),
      metabolite: {
        name: "N-desmethylclobazam",
        molarMass: v(286.71, "g/mol", FORMULA, "verified"),
        fractionFormed: v(0.9, "fraction", "N-demethylation is the main route (CYP3A4)", "UNVERIFIED"),
        halfLife: v(42, "h", `${DOSSIER} (N-CLB 36–46 h)`, "UNVERIFIED"),
        volume: v(
          0.27,
          "L/kg",
          "chosen so that N-CLB/CLB ≈ 8 at steady state (typical ratio, recalled); no measured N-CLB volume",
          "assumption",
        ),
        fractionUnbound: v(0.1, "fraction", "N-CLB ~90% bound (recalled)", "UNVERIFIED"),
        referenceRange: r(0.3, 3, "mg/L", DOSSIER, "UNVERIFIED"),
      },
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "substrate status not established (drugs.md)", "assumption"),
    },
    dosing: {
      perKg: false,
      usualDaily: r(10, 40, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(40, "mg/day", DOSSIER, "UNVERIFIED"),
      dosesPerDay: v(2, "1/day", "product label (recalled)", "UNVERIFIED"),
      titration: { start: 10, step: 10, stepDays: 7, source: "label (recalled)", status: "UNVERIFIED" },
    },
    referenceRange: r(0.03, 0.3, "mg/L", DOSSIER, "UNVERIFIED"),
    reportedSpecies: "parent",
    adverseConcentration: v(0.3, "mg/L", UPPER_RANGE, "assumption"),
    checks: {
      halfLife: r(10, 30, "h", DOSSIER, "UNVERIFIED"),
      level: {
        daily: 20,
        intervalHours: 12,
        weightKg: 70,
        measure: "average",
        species: "parent",
        range: r(0.03, 0.3, "mg/L", DOSSIER, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "topiramate",
    name: "topiramate",
    aliases: ["TPM"],
    molarMass: v(339.36, "g/mol", FORMULA, "verified"),
    mechanism: "Na block, AMPA/kainate antagonism, GABA-A enhancement, carbonic-anhydrase inhibition",
    targets: [
      {
        target: "nav",
        species: "parent",
        action: "block",
        potency: v(100, "µM", "state-dependent Na block at tens–hundreds of µM (recalled)", "UNVERIFIED"),
        hill: hill1(),
        maxEffect: v(0.5, "fraction", "partial block", "assumption"),
      },
      {
        target: "ampa",
        species: "parent",
        action: "block",
        potency: v(
          50,
          "µM",
          "AMPA/kainate antagonism (GluK1 at sub-µM; AMPA weaker) (recalled)",
          "UNVERIFIED",
        ),
        hill: hill1(),
        maxEffect: v(0.5, "fraction", "partial antagonism", "assumption"),
      },
      {
        target: "gabaA",
        species: "parent",
        action: "potentiate",
        potency: v(50, "µM", "GABA-A enhancement (recalled)", "UNVERIFIED"),
        hill: hill1(),
        maxEffect: v(0.3, "fraction", "modest enhancement", "assumption"),
      },
      {
        target: "carbonicAnhydrase",
        species: "parent",
        action: "inhibit",
        potency: v(10, "µM", "CA II/IV inhibition at low µM (recalled)", "UNVERIFIED"),
        hill: hill1(),
        maxEffect: FULL_BLOCK,
      },
    ],
    pk: {
      bioavailability: v(0.85, "fraction", `${PK_TABLE} (80–90%)`, "verified"),
      absorptionRate: v(1.5, "1/h", "tmax ~2 h (label)", "UNVERIFIED"),
      volume: v(0.65, "L/kg", `${DOSSIER} (0.6–0.8 L/kg)`, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(25, "h", `${DOSSIER} (20–30 h)`, "UNVERIFIED") },
      fractionUnbound: v(0.85, "fraction", "9–17% bound (label)", "UNVERIFIED"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "weak rodent evidence only (drugs.md)", "assumption"),
    },
    dosing: {
      perKg: false,
      usualDaily: r(100, 400, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(400, "mg/day", DOSSIER, "UNVERIFIED"),
      dosesPerDay: v(2, "1/day", "product label (recalled)", "UNVERIFIED"),
      titration: {
        start: 25,
        step: 25,
        stepDays: 7,
        source: "label (25–50 mg/day weekly steps)",
        status: "UNVERIFIED",
      },
    },
    referenceRange: r(5, 20, "mg/L", PATSALOS, "UNVERIFIED"),
    reportedSpecies: "parent",
    adverseConcentration: v(20, "mg/L", UPPER_RANGE, "assumption"),
    checks: {
      halfLife: r(20, 30, "h", DOSSIER, "UNVERIFIED"),
      level: {
        daily: 200,
        intervalHours: 12,
        weightKg: 70,
        measure: "average",
        species: "parent",
        range: r(5, 20, "mg/L", PATSALOS, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "zonisamide",
    name: "zonisamide",
    aliases: ["ZNS"],
    molarMass: v(212.23, "g/mol", FORMULA, "verified"),
    mechanism: "Na and T-type Ca block; weak carbonic-anhydrase inhibition",
    targets: [
      {
        target: "nav",
        species: "parent",
        action: "block",
        potency: v(100, "µM", "Na block (recalled)", "UNVERIFIED"),
        hill: hill1(),
        maxEffect: v(0.5, "fraction", "partial block", "assumption"),
      },
      {
        target: "cav3",
        species: "parent",
        action: "block",
        potency: v(100, "µM", "T-type reduction at therapeutic levels (recalled)", "UNVERIFIED"),
        hill: hill1(),
        maxEffect: v(0.6, "fraction", "partial block", "assumption"),
      },
    ],
    pk: {
      bioavailability: v(0.9, "fraction", `${DOSSIER} (≥65–100%)`, "UNVERIFIED"),
      absorptionRate: v(0.5, "1/h", "tmax 2–6 h (label)", "UNVERIFIED"),
      volume: v(1.45, "L/kg", DOSSIER, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(60, "h", `${DOSSIER} (50–70 h)`, "UNVERIFIED") },
      fractionUnbound: v(0.6, "fraction", "40% bound (label)", "UNVERIFIED"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "not established (drugs.md)", "assumption"),
    },
    dosing: {
      perKg: false,
      usualDaily: r(100, 600, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(600, "mg/day", DOSSIER, "UNVERIFIED"),
      dosesPerDay: v(1, "1/day", "product label (recalled)", "UNVERIFIED"),
      titration: { start: 100, step: 100, stepDays: 14, source: "label", status: "UNVERIFIED" },
    },
    referenceRange: r(10, 40, "mg/L", PATSALOS, "UNVERIFIED"),
    reportedSpecies: "parent",
    adverseConcentration: v(40, "mg/L", UPPER_RANGE, "assumption"),
    checks: {
      halfLife: r(50, 70, "h", DOSSIER, "UNVERIFIED"),
      level: {
        daily: 400,
        intervalHours: 24,
        weightKg: 70,
        measure: "average",
        species: "parent",
        range: r(10, 40, "mg/L", PATSALOS, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "perampanel",
    name: "perampanel",
    aliases: ["PER"],
    molarMass: v(349.38, "g/mol", FORMULA, "verified"),
    mechanism:
      "non-competitive AMPA-receptor antagonist; CYP3A4 substrate (half-life ~25 h with carbamazepine)",
    targets: [
      {
        target: "ampa",
        species: "parent",
        action: "block",
        potency: v(0.093, "µM", `${HANADA} (IC50 93 nM, AMPA-induced Ca influx)`, "UNVERIFIED"),
        hill: hill1(),
        maxEffect: FULL_BLOCK,
      },
    ],
    pk: {
      bioavailability: v(1, "fraction", DOSSIER, "UNVERIFIED"),
      absorptionRate: v(1.5, "1/h", "tmax 0.5–2.5 h (label)", "UNVERIFIED"),
      volume: v(77, "L", DOSSIER, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(105, "h", DOSSIER, "UNVERIFIED") },
      fractionUnbound: v(0.05, "fraction", `${DOSSIER} (95% bound)`, "UNVERIFIED"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "not established (drugs.md)", "assumption"),
    },
    dosing: {
      perKg: false,
      usualDaily: r(4, 12, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(12, "mg/day", DOSSIER, "UNVERIFIED"),
      dosesPerDay: v(1, "1/day", "at bedtime (label)", "UNVERIFIED"),
      titration: { start: 2, step: 2, stepDays: 7, source: "label", status: "UNVERIFIED" },
    },
    referenceRange: r(0.1, 1, "mg/L", DOSSIER, "UNVERIFIED"),
    reportedSpecies: "parent",
    adverseConcentration: v(1, "mg/L", UPPER_RANGE, "assumption"),
    checks: {
      halfLife: r(84, 126, "h", "~105 h ± 20% (our tolerance)", "UNVERIFIED"),
      level: {
        daily: 8,
        intervalHours: 24,
        weightKg: 70,
        measure: "average",
        species: "parent",
        range: r(0.1, 1, "mg/L", DOSSIER, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "cenobamate",
    name: "cenobamate",
    aliases: ["CNB"],
    molarMass: v(267.67, "g/mol", FORMULA, "verified"),
    mechanism:
      "enhances Na inactivation with preferential block of persistent INa; GABA-A positive modulation at a non-benzodiazepine site",
    targets: [
      {
        target: "nap",
        species: "parent",
        action: "block",
        potency: v(
          53,
          "µM",
          "INaP IC50 ~53 µM vs transient several hundred µM (recalled; dossier: IC50s UNVERIFIED); Mateias et al. 2024 Biomolecules 14:1582 abstract states 59 µM (secondary, origin not named); primary: Nakamura et al. 2019 Eur J Pharmacol 855:175 (abstract: potent INaP block, little effect on peak INaT; IC50 not reached)",
          "UNVERIFIED",
        ),
        hill: hill1(),
        maxEffect: FULL_BLOCK,
      },
      {
        target: "gabaA",
        species: "parent",
        action: "potentiate",
        potency: v(160, "µM", "GABA-A PAM EC50 ~160 µM (recalled)", "UNVERIFIED"),
        hill: hill1(),
        maxEffect: v(1, "fraction", "assumed", "assumption"),
      },
    ],
    pk: {
      bioavailability: v(0.88, "fraction", CNB_LABEL, "verified"),
      absorptionRate: v(1, "1/h", "tmax 1–4 h (label)", "verified"),
      volume: v(45, "L", CNB_LABEL, "verified"),
      elimination: {
        kind: "linear",
        halfLife: v(55, "h", `${CNB_LABEL}; nonlinearity at high dose not modelled`, "verified"),
      },
      fractionUnbound: v(0.4, "fraction", CNB_LABEL, "verified"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "not established (drugs.md)", "assumption"),
    },
    dosing: {
      perKg: false,
      usualDaily: r(100, 400, "mg/day", CNB_LABEL, "verified"),
      maximalDaily: v(400, "mg/day", CNB_LABEL, "verified"),
      dosesPerDay: v(1, "1/day", CNB_LABEL, "verified"),
      titration: {
        start: 12.5,
        step: 25,
        stepDays: 14,
        source: `${CNB_LABEL} (12.5, 25, 50, 100, 150, 200: steps approximated as +25 mg)`,
        status: "derived",
      },
    },
    referenceRange: null,
    reportedSpecies: "parent",
    adverseConcentration: null,
    checks: {
      halfLife: r(50, 60, "h", CNB_LABEL, "verified"),
      level: null,
    },
  },
  {
    id: "ethosuximide",
    name: "ethosuximide",
    aliases: ["ESM"],
    molarMass: v(141.17, "g/mol", FORMULA, "verified"),
    mechanism: "T-type (Cav3) Ca-channel block in thalamic neurons",
    targets: [
      {
        target: "cav3",
        species: "parent",
        action: "block",
        potency: v(
          300,
          "µM",
          `chosen with maxEffect 0.4 to give the ~32% maximal reduction of thalamic I_T at 750 µM (Coulter et al. 1989, via ${ESM_REVIEW})`,
          "derived",
        ),
        hill: hill1(),
        maxEffect: v(
          0.4,
          "fraction",
          `partial block: 250–750 µM reduce I_T by at most ~32% (${ESM_REVIEW})`,
          "verified",
        ),
      },
    ],
    pk: {
      bioavailability: v(0.95, "fraction", `${DOSSIER} (>90%)`, "UNVERIFIED"),
      absorptionRate: v(1, "1/h", "tmax 1–4 h (label)", "UNVERIFIED"),
      volume: v(0.7, "L/kg", DOSSIER, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(50, "h", `${DOSSIER} (40–60 h adults)`, "UNVERIFIED") },
      fractionUnbound: v(1, "fraction", "negligible protein binding (label)", "UNVERIFIED"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "not established (drugs.md)", "assumption"),
    },
    dosing: {
      perKg: false,
      usualDaily: r(500, 1500, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(1500, "mg/day", DOSSIER, "UNVERIFIED"),
      dosesPerDay: v(2, "1/day", "product label (recalled)", "UNVERIFIED"),
      titration: { start: 500, step: 250, stepDays: 7, source: "label (recalled)", status: "UNVERIFIED" },
    },
    referenceRange: r(40, 100, "mg/L", PATSALOS, "UNVERIFIED"),
    reportedSpecies: "parent",
    adverseConcentration: v(100, "mg/L", UPPER_RANGE, "assumption"),
    checks: {
      halfLife: r(40, 60, "h", DOSSIER, "UNVERIFIED"),
      level: {
        daily: 1000,
        intervalHours: 12,
        weightKg: 70,
        measure: "average",
        species: "parent",
        range: r(40, 100, "mg/L", PATSALOS, "UNVERIFIED"),
        kind: "independent",
      },
    },
  },
  {
    id: "retigabine",
    name: "retigabine",
    aliases: ["RTG", "ezogabine"],
    molarMass: v(303.33, "g/mol", FORMULA, "verified"),
    mechanism: "Kv7.2–7.5 (M-channel) opener: hyperpolarising shift of activation. Withdrawn 2017",
    targets: [
      {
        target: "kv7",
        species: "parent",
        action: "open",
        potency: v(1.6, "µM", `${MAIN_2000} (EC50 1.6 ± 0.3 µM for the activation shift)`, "verified"),
        hill: v(1.2, "dimensionless", `${MAIN_2000} (slope factor 1.2)`, "verified"),
        maxEffect: v(
          -36.8,
          "mV",
          `${MAIN_2000}: −33.1 mV at 10 µM, i.e. at occupancy 0.90 with the EC50 and slope above`,
          "derived",
        ),
      },
    ],
    pk: {
      bioavailability: v(0.6, "fraction", RTG, "verified"),
      absorptionRate: v(1.5, "1/h", "tmax 0.5–2 h (label)", "UNVERIFIED"),
      volume: v(6.2, "L/kg", RTG, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(8, "h", RTG, "verified") },
      fractionUnbound: v(0.3, "fraction", RTG, "verified"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "not established (drugs.md)", "assumption"),
    },
    dosing: {
      perKg: false,
      usualDaily: r(600, 1200, "mg/day", DOSSIER, "UNVERIFIED"),
      maximalDaily: v(1200, "mg/day", DOSSIER, "UNVERIFIED"),
      dosesPerDay: v(3, "1/day", DOSSIER, "UNVERIFIED"),
      titration: {
        start: 300,
        step: 150,
        stepDays: 7,
        source: "label (100 mg tid, +150 mg/day weekly)",
        status: "UNVERIFIED",
      },
    },
    referenceRange: null,
    reportedSpecies: "parent",
    adverseConcentration: null,
    checks: { halfLife: r(7, 11, "h", RTG, "verified"), level: null },
  },
  {
    id: "fenfluramine",
    name: "fenfluramine",
    aliases: ["FFA"],
    molarMass: v(231.25, "g/mol", FORMULA, "verified"),
    mechanism:
      "5-HT release via SERT and 5-HT receptor agonism (norfenfluramine), sigma-1 positive modulation",
    targets: [
      {
        target: "serotonin",
        species: "parent",
        action: "release",
        potency: v(
          0.05,
          "µM",
          "no receptor-level potency (inflammation_modulation.md §6); placed so that 0.2 and 0.7 mg/kg/day give increasing effect (Lagae 2019 ordering)",
          "assumption",
        ),
        hill: hill1(),
        maxEffect: FULL_BLOCK,
      },
    ],
    pk: {
      bioavailability: v(0.75, "fraction", `${FFA_LABEL} (midpoint of 68–83%)`, "verified"),
      absorptionRate: v(0.5, "1/h", "tmax 3–5 h at steady state (label)", "verified"),
      volume: v(
        9.1,
        "L/kg",
        `CL·t½/ln 2 with the label clearance and t½ 20 h (${FFA_LABEL}); drugs.md gives 11.9 L/kg (UNVERIFIED)`,
        "derived",
      ),
      elimination: {
        kind: "clearance",
        clearance: v(
          0.316,
          "L/h/kg",
          `${FFA_LABEL}: CL = F·dose/AUC = 0.75 × 0.7 mg/kg / 1.66 mg·h/L`,
          "derived",
        ),
      },
      fractionUnbound: v(0.5, "fraction", "~50% bound (label)", "UNVERIFIED"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "not established", "assumption"),
    },
    dosing: {
      perKg: true,
      usualDaily: r(0.2, 0.7, "mg/kg/day", FFA_DOSING, "verified"),
      maximalDaily: v(0.7, "mg/kg/day", FFA_DOSING, "verified"),
      capMgPerDay: v(26, "mg/day", FFA_DOSING, "verified"),
      dosesPerDay: v(2, "1/day", FFA_DOSING, "verified"),
      titration: { start: 0.2, step: 0.2, stepDays: 7, source: FFA_DOSING, status: "verified" },
    },
    referenceRange: null,
    reportedSpecies: "parent",
    adverseConcentration: null,
    checks: {
      halfLife: r(16, 24, "h", `${FFA_LABEL} (~20 h ± 20%, our tolerance)`, "verified"),
      level: {
        daily: 0.33,
        intervalHours: 12,
        weightKg: 20,
        measure: "average",
        species: "parent",
        range: r(
          0.0207,
          0.0828,
          "mg/L",
          FFA_TDM,
          "verified",
          "within a factor 2 of the median 41.4 µg/L (our tolerance)",
        ),
        kind: "independent",
      },
    },
  },
  {
    id: "cannabidiol",
    name: "cannabidiol",
    aliases: ["CBD", "Epidiolex"],
    molarMass: v(314.46, "g/mol", FORMULA, "verified"),
    mechanism:
      "multi-target: GPR55 antagonism, TRPV1 desensitisation, ENT1 inhibition; Na/resurgent current modulation; CYP2C19 inhibitor",
    targets: [
      {
        target: "gpr55",
        species: "parent",
        action: "inhibit",
        potency: v(
          0.01,
          "µM",
          "no human potency; placed near the unbound level at 20 mg/kg/day",
          "assumption",
        ),
        hill: hill1(),
        maxEffect: FULL_BLOCK,
      },
      {
        target: "nav",
        species: "parent",
        action: "block",
        potency: v(3, "µM", "Nav block IC50 ~2–4 µM (Ghovanloo 2018 J Biol Chem, recalled)", "UNVERIFIED"),
        hill: hill1(),
        maxEffect: FULL_BLOCK,
      },
    ],
    pk: {
      bioavailability: v(
        1,
        "fraction",
        "apparent: parameters are CL/F and V/F (fed-state trials); true F ~6% fasted (drugs.md)",
        "derived",
      ),
      absorptionRate: v(0.7, "1/h", "tmax 2.5–5 h (Devinsky 2018)", "UNVERIFIED"),
      volume: v(430, "L/kg", `${CBD_LABEL}; ~30000 L at 70 kg`, "UNVERIFIED"),
      elimination: { kind: "linear", halfLife: v(60, "h", `${DOSSIER} (56–61 h)`, "UNVERIFIED") },
      fractionUnbound: v(0.06, "fraction", CBD_LABEL, "UNVERIFIED"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "a P-gp inhibitor in vitro, not a known substrate", "assumption"),
    },
    dosing: {
      perKg: true,
      usualDaily: r(10, 20, "mg/kg/day", `${DOSSIER} (trial doses)`, "verified"),
      maximalDaily: v(25, "mg/kg/day", `${DOSSIER} (25 in TSC)`, "verified"),
      dosesPerDay: v(2, "1/day", "product label (recalled)", "verified"),
      titration: {
        start: 5,
        step: 5,
        stepDays: 7,
        source: "label (5 → 10 mg/kg/day after a week)",
        status: "UNVERIFIED",
      },
    },
    referenceRange: null,
    reportedSpecies: "parent",
    adverseConcentration: null,
    checks: {
      halfLife: r(56, 61, "h", DOSSIER, "UNVERIFIED"),
      level: {
        daily: 20,
        intervalHours: 12,
        weightKg: 20,
        measure: "trough",
        species: "parent",
        range: r(0.04, 0.202, "mg/L", DEVINSKY, "verified", "mean ± SD of the day-22 pre-dose level"),
        kind: "independent",
      },
    },
  },
  {
    id: "stiripentol",
    name: "stiripentol",
    aliases: ["STP"],
    molarMass: v(234.29, "g/mol", FORMULA, "verified"),
    mechanism:
      "GABA-A positive modulator (α3-preferring), LDH inhibition; strong CYP1A2/2C19/3A4 inhibitor (raises clobazam and N-CLB)",
    targets: [
      {
        target: "gabaA",
        species: "parent",
        action: "potentiate",
        potency: v(
          25,
          "µM",
          "barbiturate-like potentiation at tens of µM (Fisher 2009, recalled)",
          "UNVERIFIED",
        ),
        hill: hill1(),
        maxEffect: v(1, "fraction", "assumed", "assumption"),
      },
    ],
    pk: {
      bioavailability: v(1, "fraction", "apparent (absolute F unknown; no IV form, label)", "derived"),
      absorptionRate: v(1.5, "1/h", "tmax ~1.5 h (label)", "verified"),
      volume: v(
        1.0,
        "L/kg",
        "monkey Vss 1.03 L/kg (Epilepsia PK study, checked abstract); no human value",
        "UNVERIFIED",
      ),
      elimination: {
        kind: "clearance",
        clearance: v(
          0.081,
          "L/h/kg",
          `chosen to reproduce the mean minimum level 12 mg/L at 57 mg/kg/day in a 30 kg child (${BUCK}); dose-dependent (nonlinear) clearance not modelled`,
          "assumption",
        ),
      },
      fractionUnbound: v(0.01, "fraction", BUCK, "verified"),
    },
    brain: {
      kpuu: KPUU_ONE,
      pgpSubstrate: false,
      effluxRatio: v(0, "dimensionless", "not established", "assumption"),
    },
    dosing: {
      perKg: true,
      usualDaily: r(50, 50, "mg/kg/day", STP_LABEL, "verified"),
      maximalDaily: v(50, "mg/kg/day", STP_LABEL, "verified"),
      capMgPerDay: v(3000, "mg/day", STP_LABEL, "verified"),
      dosesPerDay: v(2, "1/day", STP_LABEL, "verified"),
      titration: null,
    },
    referenceRange: null,
    reportedSpecies: "parent",
    adverseConcentration: null,
    checks: {
      halfLife: r(4.5, 13, "h", `${DOSSIER}; ${BUCK}`, "verified"),
      level: {
        daily: 57,
        intervalHours: 12,
        weightKg: 30,
        measure: "trough",
        species: "parent",
        range: r(
          6,
          24,
          "mg/L",
          BUCK,
          "verified",
          "within a factor 2 of the mean minimum 12 mg/L (our tolerance)",
        ),
        kind: "calibrated",
      },
    },
  },
  {
    id: "everolimus",
    name: "everolimus",
    aliases: ["EVE"],
    molarMass: v(958.22, "g/mol", FORMULA, "verified"),
    mechanism:
      "mTORC1 inhibitor, disease-modifying in tuberous sclerosis; CYP3A4 and P-gp substrate; dosed to a whole-blood trough",
    targets: [
      {
        target: "mtorc1",
        species: "parent",
        action: "inhibit",
        potency: v(
          1.4e-4,
          "µM",
          "placed at the brain unbound level that a 5 ng/mL trough gives, so the EXIST-3 low (3–7) and high (9–15 ng/mL) targets give increasing effect",
          "assumption",
        ),
        hill: hill1(),
        maxEffect: FULL_BLOCK,
      },
    ],
    pk: {
      bioavailability: v(1, "fraction", "apparent: CL/F and V/F", "derived"),
      absorptionRate: v(1.5, "1/h", "tmax 1–2 h (Certican label, checked)", "verified"),
      volume: v(207, "L", EVE_PK, "verified"),
      elimination: {
        kind: "clearance",
        clearance: v(
          0.286,
          "L/h/kg",
          "whole-blood CL/F ~20 L/h at 70 kg (Afinitor label, recalled)",
          "UNVERIFIED",
        ),
      },
      peripheral: { volume: v(485, "L", EVE_PK, "verified"), clearance: v(72.1, "L/h", EVE_PK, "verified") },
      fractionUnbound: v(
        0.26,
        "fraction",
        "74% bound to plasma proteins (Certican label, checked)",
        "verified",
      ),
    },
    brain: {
      kpuu: v(0.1, "dimensionless", "large P-gp substrate with low brain entry; value assumed", "assumption"),
      pgpSubstrate: true,
      effluxRatio: v(
        3,
        "dimensionless",
        "P-gp substrate (label); the dossier's good-substrate example ER0 = 3",
        "assumption",
      ),
    },
    dosing: {
      perKg: false,
      usualDaily: r(5, 10, "mg/day", "trough-guided (EXIST-3); oncology 10 mg/day", "UNVERIFIED"),
      maximalDaily: v(10, "mg/day", "oncology label dose (recalled)", "UNVERIFIED"),
      dosesPerDay: v(1, "1/day", "product label (recalled)", "UNVERIFIED"),
      titration: null,
    },
    referenceRange: r(
      0.003,
      0.015,
      "mg/L",
      `${DOSSIER} (EXIST-3 troughs 3–7 and 9–15 ng/mL, whole blood)`,
      "verified",
    ),
    reportedSpecies: "parent",
    adverseConcentration: v(0.0173, "mg/L", EVE_DLT, "verified"),
    checks: {
      halfLife: r(24, 36, "h", `${DOSSIER} (~30 h ± 20%, our tolerance)`, "UNVERIFIED"),
      level: {
        daily: 10,
        intervalHours: 24,
        weightKg: 70,
        measure: "trough",
        species: "parent",
        range: r(0.009, 0.0228, "mg/L", EVEREST, "verified", "interquartile range of troughs"),
        kind: "independent",
      },
    },
  },
];

// Validation -----------------------------------------------------------------------------------

function within(
  c: Cited | undefined,
  where: string,
  low: number,
  high: number,
  unit?: readonly string[],
): void {
  if (c === undefined) return;
  if (typeof c.value !== "number" || !Number.isFinite(c.value) || c.value < low || c.value > high) {
    throw new RangeError(`${where} = ${String(c?.value)} is outside the allowed range [${low}, ${high}]`);
  }
  if (unit && !unit.includes(c.unit))
    throw new RangeError(`${where}: unit '${c.unit}' is not one of ${unit.join(", ")}`);
  if (!c.source.trim()) throw new RangeError(`${where}: missing source`);
}

function rangeOk(c: CitedRange | null, where: string): void {
  if (c === null) return;
  if (!(c.low >= 0) || !(c.high >= c.low) || !Number.isFinite(c.high))
    throw new RangeError(`${where}: range [${c.low}, ${c.high}] must satisfy 0 <= low <= high`);
  if (!c.source.trim()) throw new RangeError(`${where}: missing source`);
}

/** Structural and range checks of one catalogue entry; throws a RangeError naming the field. */
export function validateDrug(d: Drug): void {
  const w = `drug ${d.id}`;
  if (!/^[a-z][a-z0-9-]*$/.test(d.id))
    throw new RangeError(`${w}: id must be lower-case letters, digits, '-'`);
  within(d.molarMass, `${w}.molarMass`, 10, 5000, ["g/mol"]);
  const pk = d.pk;
  within(pk.bioavailability, `${w}.pk.bioavailability`, 0.001, 1);
  within(pk.absorptionRate, `${w}.pk.absorptionRate`, 0.01, 50, ["1/h"]);
  within(pk.volume, `${w}.pk.volume`, 1e-3, pk.volume.unit === "L" ? 1e6 : 1000, ["L", "L/kg"]);
  within(pk.fractionUnbound, `${w}.pk.fractionUnbound`, 1e-4, 1);
  const e = pk.elimination;
  if (e.kind === "linear") within(e.halfLife, `${w}.pk.elimination.halfLife`, 0.1, 2000, ["h"]);
  else if (e.kind === "clearance")
    within(e.clearance, `${w}.pk.elimination.clearance`, 1e-4, 100, ["L/h/kg"]);
  else {
    within(e.vmax, `${w}.pk.elimination.vmax`, 1, 1e5, ["mg/day"]);
    within(e.km, `${w}.pk.elimination.km`, 1e-3, 1e4, ["mg/L"]);
    within(e.weightExponent, `${w}.pk.elimination.weightExponent`, 0, 1.5);
  }
  if (pk.peripheral) {
    within(pk.peripheral.volume, `${w}.pk.peripheral.volume`, 1e-3, 1e6, ["L", "L/kg"]);
    within(pk.peripheral.clearance, `${w}.pk.peripheral.clearance`, 1e-4, 1e4, ["L/h"]);
    if (e.kind === "michaelisMenten")
      throw new RangeError(`${w}: saturable elimination supports one compartment only`);
  }
  if (pk.metabolite) {
    const m = pk.metabolite;
    within(m.molarMass, `${w}.pk.metabolite.molarMass`, 10, 5000, ["g/mol"]);
    within(m.fractionFormed, `${w}.pk.metabolite.fractionFormed`, 0, 1);
    within(m.halfLife, `${w}.pk.metabolite.halfLife`, 0.1, 2000, ["h"]);
    within(m.volume, `${w}.pk.metabolite.volume`, 1e-3, 1000, ["L", "L/kg"]);
    within(m.fractionUnbound, `${w}.pk.metabolite.fractionUnbound`, 1e-4, 1);
    rangeOk(m.referenceRange, `${w}.pk.metabolite.referenceRange`);
    if (e.kind === "michaelisMenten")
      throw new RangeError(`${w}: saturable elimination with a metabolite is not supported`);
  } else if (d.reportedSpecies === "metabolite") {
    throw new RangeError(`${w}.reportedSpecies: 'metabolite' but the drug has no metabolite`);
  }
  within(d.brain.kpuu, `${w}.brain.kpuu`, 1e-3, 10);
  within(d.brain.effluxRatio, `${w}.brain.effluxRatio`, 0, 100);
  if (!d.brain.pgpSubstrate && d.brain.effluxRatio.value !== 0)
    throw new RangeError(`${w}.brain.effluxRatio must be 0 for a non-substrate`);
  if (d.targets.length === 0) throw new RangeError(`${w}.targets: at least one target`);
  d.targets.forEach((t, i) => {
    const tw = `${w}.targets[${i}] (${t.target})`;
    within(t.potency, `${tw}.potency`, 1e-7, 1e5, ["µM"]);
    within(t.hill, `${tw}.hill`, 0.2, 5);
    if (t.target === "kv7") within(t.maxEffect, `${tw}.maxEffect`, -60, 0, ["mV"]);
    else within(t.maxEffect, `${tw}.maxEffect`, 0, t.action === "potentiate" ? 10 : 1, ["fraction"]);
    if (t.restingKd) {
      within(t.restingKd, `${tw}.restingKd`, t.potency.value, 1e6, ["µM"]);
      if (t.target !== "nav") throw new RangeError(`${tw}: restingKd only applies to nav`);
      if (t.site !== "localAnaesthetic")
        throw new RangeError(`${tw}: a modulated-receptor Na blocker binds the 'localAnaesthetic' site`);
      if (!t.bindingRate)
        throw new RangeError(`${tw}.bindingRate: a modulated-receptor Na blocker needs k_on`);
    }
    if (t.bindingRate) {
      within(t.bindingRate, `${tw}.bindingRate`, 1, 1e9, ["1/(M·s)"]);
      if (!t.restingKd) throw new RangeError(`${tw}.bindingRate only applies with restingKd`);
    }
    if (t.site !== undefined && !(t.site in BINDING_SITES))
      throw new RangeError(
        `${tw}.site: '${String(t.site)}' is not one of ${Object.keys(BINDING_SITES).join(", ")}`,
      );
    if (t.species === "metabolite" && !pk.metabolite)
      throw new RangeError(`${tw}: acts through a metabolite the drug lacks`);
  });
  const dose = d.dosing;
  rangeOk(dose.usualDaily, `${w}.dosing.usualDaily`);
  within(dose.maximalDaily, `${w}.dosing.maximalDaily`, dose.usualDaily.high, 1e5);
  within(dose.dosesPerDay, `${w}.dosing.dosesPerDay`, 1, 6);
  if (
    dose.titration &&
    !(dose.titration.start > 0 && dose.titration.step >= 0 && dose.titration.stepDays > 0)
  )
    throw new RangeError(`${w}.dosing.titration: start > 0, step >= 0, stepDays > 0`);
  rangeOk(d.referenceRange, `${w}.referenceRange`);
  if (d.adverseConcentration)
    within(d.adverseConcentration, `${w}.adverseConcentration`, 1e-6, 1e4, ["mg/L"]);
  rangeOk(d.checks.halfLife, `${w}.checks.halfLife`);
  if (d.checks.level) rangeOk(d.checks.level.range, `${w}.checks.level.range`);
}

/** Every entry validated and ids unique; run once at module load. */
export function validateCatalogue(drugs: readonly Drug[]): void {
  const seen = new Set<string>();
  for (const d of drugs) {
    validateDrug(d);
    for (const name of [d.id, ...d.aliases.map((a) => a.toLowerCase())]) {
      if (seen.has(name)) throw new RangeError(`drug catalogue: name '${name}' is used twice`);
      seen.add(name);
    }
  }
}

validateCatalogue(DRUGS);

/** The entry for an id or alias (case-insensitive); unknown names get the catalogue listed. */
export function findDrug(name: string): Drug {
  const key = name.trim().toLowerCase();
  const hit = DRUGS.find((d) => d.id === key || d.aliases.some((a) => a.toLowerCase() === key));
  if (!hit)
    throw new RangeError(`unknown drug '${name}'; the catalogue has: ${DRUGS.map((d) => d.id).join(", ")}`);
  return hit;
}

/** µM → mg/L for a species of molar mass `molarMass` (g/mol). */
export function micromolarToMgPerL(micromolar: number, molarMass: number): number {
  return (micromolar * molarMass) / 1000;
}

/** mg/L → µM. */
export function mgPerLToMicromolar(mgPerL: number, molarMass: number): number {
  return (mgPerL * 1000) / molarMass;
}
