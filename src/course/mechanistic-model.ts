/**
 * The mechanistic course model: the seizure rate of each day read from the network → course
 * bridge at the patient's current Epileptor excitability, with inflammation and drugs moving that
 * excitability. It replaces `ParametricPropensity`'s fixed baseline and `InterimTreatmentEffect`'s
 * phenomenological response by the chains built in the pathophysiology, bridge and pharmacology
 * layers; the doubly stochastic layer (slow activity, multidien rhythm, remitting phases,
 * gamma–Poisson days, clustering) is the parametric one, reused unchanged on top.
 *
 * Per patient and day t (t in the course's days, counted from onset):
 *
 *   x0_EZ(t) = x0_intrinsic + Δx0_lesion + Δx0_variants + Δx0_inflammation(I(t), B(t)) + Δx0_drugs(t)
 *   x0_PZ    = x0_healthy + Δx0_variants
 *   λ(t)     = r(x0_EZ(t), x0_PZ) · F(t)
 *
 * - r: seizures per day of the propensity table (src/bridges/propensity.ts, two-node Epileptor
 *   motif; Kramers continuation below its grid). F(t): the parametric fluctuation factor
 *   (propensity.ts: exp(A(t) − σ²/2) · multidien rhythm · remission), mean one.
 * - Δx0 of mechanisms through the cell → network bridge, Δx0 = κ · EI(effects)
 *   (src/bridges/cell-to-network.ts): the lesion's circuit effects at severity 1
 *   (src/pathophysiology/lesions.ts; tubers are read as dysplasia, a post-traumatic glial scar as
 *   the post-traumatic scar), the variants' calibrated cell effects (global, so they also raise
 *   the PZ), inflammation's effects (inflammation.ts inflammationEffects).
 * - x0_intrinsic is solved once per patient so that at onset, with inflammation at its chronic
 *   steady state, r equals the generator's baseline rate (patients.ts). The generator's rate
 *   distribution (which sets how many patients exceed 20 pre-treatment seizures) is therefore
 *   kept, and the mechanisms decide how it changes. x0_healthy = −2.4 (VEP value for healthy
 *   tissue, as in the cell → network bridge's anchors).
 * - Inflammation: the Batulin et al. (2022, iScience 25:104343) state (I, B, D, R), advanced one
 *   `inflammationStepDays` (7) days and at every switch of an insult or treatment
 *   (inflammation.ts advanceInflammation, RK4 inside) with a chronic drive u_I chosen
 *   so that without seizures the steady state I* equals the generator's inflammation index
 *   (I* = u_I / (1 − k_BI k_IB)), observed seizure feedback (the mean daily number of seizures
 *   since the last update, each counted by `onSeizure`), optional insults and anti-inflammatory
 *   treatment (options). It starts at the steady state with the baseline rate's feedback.
 * - Drugs (mechanistic-drugs.ts): steady-state levels of the current doses → brain unbound with
 *   P-gp expression E(t) = transporterFold · (1 + I(t)) / (1 + I*) (the generator's chronic fold
 *   modulated by inflammation's P-gp induction, inflammation.ts pgpFactor) → occupancy → Δx0 by
 *   the pharmacology layer's interim mapping, with the resistance hypotheses of resistance.ts as
 *   patient traits:
 *     transporter     E(t) above (substrates only: phenytoin, phenobarbital, everolimus);
 *     target          carbamazepine's Na-channel K_I × `hsSodiumResistance` in hippocampal
 *                     sclerosis (Remy et al. 2003 Ann Neurol 53:469; resistance.ts's example);
 *     network         gain G = G0 · exp(σ_G η) · (lesionalNetworkGain if lesional)
 *                     · (refractoryNetworkGain if the refractory network state is present),
 *                     η the patient's own deviate. The refractory state is present or absent
 *                     (a liability threshold): present when z + severityWeight · ln(λ̄ / λref)
 *                     > refractoryThreshold, z the generator's unexplained-resistance deviate and
 *                     λ̄ the running mean of the patient's seizure rate (time constant
 *                     refractoryMemoryDays, from the untreated rate at onset; with
 *                     refractoryMemoryDays = 0 the untreated rate, fixed). The rate term is the
 *                     intrinsic severity hypothesis of Rogawski & Johnson 2008, Pharmacol Rev
 *                     60:273 (the same severity raises the seizure rate and lowers what a drug's
 *                     occupancy achieves); following the recent rate ("seizures beget seizures")
 *                     lets a partial response take the network out of the state months into
 *                     treatment (Brodie et al. 2012's delayed-sustained pattern,
 *                     docs/models/course.md "Pattern B");
 *     target          carbamazepine's Na-channel K_I × `hsSodiumResistance` in hippocampal
 *                     sclerosis (Remy et al. 2003 Ann Neurol 53:469; resistance.ts's example),
 *                     and each drug target present in an altered, insensitive form (EC50 ×
 *                     targetAlterationFold for every drug acting on it) with probability
 *                     targetAlterationProbability, drawn per patient and target: a patient who
 *                     fails one sodium-channel blocker for this reason fails the others and may
 *                     respond to a drug of another mechanism; target escape: when the regimen
 *                     changes while the network is refractory, the targets of the drugs taken
 *                     until then become altered in the same way (each with probability
 *                     targetEscapeProbability; acquired alterations, Remy & Beck 2006 Brain
 *                     129:18; applied at the change of regimen: a modelling choice), so an add-on
 *                     sharing a failed mechanism does not tip the network;
 *     gene variant    VARIANT_TARGET_WEIGHTS (SCN1A loss of function: Na block aggravates);
 *     pharmacokinetic a clearance factor per (patient, drug), log-normal;
 *     plus a small per-(patient, drug) potency multiplier, log-normal.
 *   The treatment factor of a day is r(x0 + Δx0_drugs) / r(x0).
 *
 * Why present/absent mechanisms: below the Epileptor threshold the table's rate is log-linear in x0
 * (Kramers), so a drug's Δx0 divides the rate by exp(25.7 |Δx0|). With one log-normal spread of
 * Δx0 the residual rates spread smoothly across patients and many land near one seizure a year
 * (fluctuating courses, docs/models/course.md). Resistance mechanisms that are present or absent
 * make the drug response bimodal: responsive networks are pushed far below threshold, refractory
 * ones barely move.
 *
 * Calibrated: G0, refractoryNetworkGain, refractoryThreshold, severityWeight, refractoryMemoryDays,
 * targetAlterationProbability (to the cohort targets and one add-on trial, see
 * docs/models/course.md); the network weights of the drug targets are the pharmacology layer's
 * interim values, not fitted here.
 */
import {
  parameter,
  resolveParameters,
  type ParameterOverrides,
  type ParameterTable,
} from "../engines/parameters.js";
import { RandomStream } from "../numerics/random.js";
import {
  CELL_BRIDGE_SETTINGS,
  epileptorX0Shift,
  variantEffects,
  type CellCalibration,
} from "../bridges/cell-to-network.js";
import { CELL_TO_NETWORK_CALIBRATION } from "../bridges/generated/cell-to-network-calibration.js";
import { PROPENSITY_TABLE } from "../bridges/generated/propensity-table.js";
import { propensity, type PropensityTable } from "../bridges/propensity.js";
import {
  advanceInflammation,
  inflammationEffects,
  inflammationParameters,
  pgpFactor,
  type InflammationParameters,
  type InflammationState,
  type Insult,
  type Treatment,
} from "../pathophysiology/inflammation.js";
import { lesionEffects, type LesionId } from "../pathophysiology/lesions.js";
import { VARIANT_TARGET_WEIGHTS } from "../pharmacology/resistance.js";
import type { TargetName } from "../pharmacology/catalogue.js";
import {
  catalogueDrug,
  drugX0Shift,
  SteadyStateLevels,
  type DrugInPatient,
  type PatientNetworkModifiers,
} from "./mechanistic-drugs.js";
import { ParametricPropensity, type PropensityParameter } from "./propensity.js";
import type { CourseModels } from "./simulate.js";
import type {
  CourseHooks,
  CoursePatient,
  DrugExposure,
  Lesion,
  PatientFacts,
  PropensityModel,
  Syndrome,
  TreatmentEffect,
} from "./types.js";

export type MechanisticParameter =
  | "networkGain"
  | "networkGainSd"
  | "lesionalNetworkGain"
  | "refractoryNetworkGain"
  | "refractoryThreshold"
  | "severityWeight"
  | "targetAlterationProbability"
  | "targetAlterationFold"
  | "drugPotencySd"
  | "clearanceSd"
  | "hsSodiumResistance"
  | "inflammationStepDays"
  | "refractoryMemoryDays"
  | "targetEscapeProbability";

export const MECHANISTIC_PARAMETERS: ParameterTable<MechanisticParameter> = {
  networkGain: parameter(
    "networkGain",
    "G0: median network gain of drug occupancy in a drug-responsive network (network hypothesis; 1 = the interim mapping as is)",
    6,
    "dimensionless",
    0.05,
    10,
    "calibrated to Kwan & Brodie 2000 (47% seizure-free on the first drug)",
  ),
  networkGainSd: parameter(
    "networkGainSd",
    "σ_G: log-SD of the patient's network gain around G0 (the patient's own deviate, not the resistance liability)",
    0.3,
    "dimensionless (natural log)",
    0,
    3,
    "modelling choice (a modest spread within each network state); explored 0.3–0.6",
  ),
  lesionalNetworkGain: parameter(
    "lesionalNetworkGain",
    "network gain factor of lesional epilepsies (sprouting, gliosis: a given occupancy controls less)",
    0.75,
    "dimensionless",
    0.05,
    1,
    "direction: network hypothesis (Fang et al. 2011, drugs.md §4; resistance.ts); size a modelling choice",
  ),
  refractoryNetworkGain: parameter(
    "refractoryNetworkGain",
    "network gain factor where the drug-refractory network state is present",
    0.05,
    "dimensionless",
    0.001,
    1,
    "network hypothesis (drugs.md §4; Rogawski & Johnson 2008 Pharmacol Rev 60:273); size calibrated to add-on trials (lacosamide ~38–41% responders, Halász et al. 2009, Chung et al. 2010 ✓)",
  ),
  refractoryThreshold: parameter(
    "refractoryThreshold",
    "liability above which the refractory network state is present; liability = z + severityWeight · ln(λ / 0.1 per day), λ the untreated rate at onset (refractoryMemoryDays = 0) or the running mean seizure rate (refractoryMemoryDays > 0)",
    -0.1,
    "dimensionless (SD units of z)",
    -5,
    10,
    "calibrated with refractoryMemoryDays and severityWeight: about a third never seizure-free (Kwan & Brodie 2000 ✓), Brodie et al. 2012's patterns ✓",
  ),
  severityWeight: parameter(
    "severityWeight",
    "liability of the refractory state per e-fold of the seizure rate in the liability (the running mean rate, or the untreated rate when refractoryMemoryDays = 0; intrinsic severity hypothesis)",
    0.3,
    "dimensionless",
    0,
    5,
    "direction: Rogawski & Johnson 2008; size calibrated to > 20 vs ≤ 20 pre-treatment seizures, 51% vs 29% uncontrolled (Kwan & Brodie 2000 ✓) with refractoryMemoryDays 90",
  ),
  targetAlterationProbability: parameter(
    "targetAlterationProbability",
    "probability that each drug target is present in an altered, drug-insensitive form in a patient (drawn per target)",
    0.3,
    "dimensionless",
    0,
    1,
    "target hypothesis (Remy et al. 2003 Ann Neurol 53:469; drugs.md §4); calibrated: 14% seizure-free on a second or third drug (Kwan & Brodie 2000 ✓)",
  ),
  targetAlterationFold: parameter(
    "targetAlterationFold",
    "EC50 multiplier of every drug acting at an altered target",
    30,
    "dimensionless",
    1,
    1000,
    "modelling choice: enough to abolish most of the block at usual levels (Remy et al. 2003 found use-dependent block by carbamazepine lost, not shifted)",
  ),
  drugPotencySd: parameter(
    "drugPotencySd",
    "log-SD of a patient's EC50 multiplier for one drug (remaining drug-specific response)",
    0.3,
    "dimensionless (natural log)",
    0,
    3,
    "modelling choice, small: the drug-specific response comes mainly from the target alterations",
  ),
  clearanceSd: parameter(
    "clearanceSd",
    "log-SD of a patient's clearance factor for one drug (pharmacokinetic hypothesis)",
    0.3,
    "dimensionless (natural log)",
    0,
    2,
    "modelling choice near typical between-patient clearance variability of ASMs in population PK (about 30% CV; UNVERIFIED)",
  ),
  hsSodiumResistance: parameter(
    "hsSodiumResistance",
    "K_I multiplier of carbamazepine's Na-channel block in hippocampal sclerosis (target hypothesis)",
    10,
    "dimensionless",
    1,
    1000,
    "Remy et al. 2003 Ann Neurol 53:469 (direction); × 10 is resistance.ts's assumption",
  ),
  refractoryMemoryDays: parameter(
    "refractoryMemoryDays",
    "activity-dependent refractory state: time constant of the running mean seizure rate that replaces the untreated rate in the refractory liability (0 = the state is fixed at onset)",
    90,
    "days",
    0,
    3650,
    "hypothesis (seizures beget seizures) for Brodie et al. 2012's delayed-sustained pattern; 90 d calibrated with target escape (explored 90–365 d; docs/models/course.md 'Pattern B')",
  ),
  targetEscapeProbability: parameter(
    "targetEscapeProbability",
    "probability that each target of a regimen the clinic moves on from while the network is in the refractory state becomes altered (EC50 × targetAlterationFold for every drug acting on it); drawn per patient and target",
    1,
    "dimensionless",
    0,
    1,
    "target hypothesis with acquired alterations (Remy & Beck 2006 Brain 129:18); 1 keeps combination seizure freedom near Kwan & Brodie 2000's 3% with refractoryMemoryDays (docs/models/course.md 'Pattern B')",
  ),
  inflammationStepDays: parameter(
    "inflammationStepDays",
    "interval between updates of the inflammation state (seizure feedback = mean daily count over it)",
    7,
    "days",
    1,
    30,
    "numerical choice: below the 10-day BBB and remodelling time scales of Batulin et al. 2022",
  ),
};

/** Interventions on the inflammation state (days in the model's day numbering). */
export interface MechanisticOptions {
  readonly insults?: readonly Insult[];
  readonly treatments?: readonly Treatment[];
  /** Network → course table; the generated one by default. */
  readonly table?: PropensityTable;
  readonly calibration?: CellCalibration;
}

/** Reference untreated rate of the severity liability: three seizures a month. */
const REFERENCE_RATE_PER_DAY = 3 / 30;

/** Targets whose alteration is drawn per patient, in a fixed order (stream use). */
const ALTERABLE_TARGETS: readonly TargetName[] = [
  "nav",
  "nap",
  "gabaA",
  "sv2a",
  "ampa",
  "cav3",
  "kv7",
  "carbonicAnhydrase",
  "serotonin",
  "mtorc1",
  "gpr55",
];

/** Body weight used for dosing and allometric PK, by syndrome (modelling choice: Dravet and
 * KCNQ2 encephalopathies are treated in childhood and infancy). */
const WEIGHT_KG: Readonly<Record<Syndrome, number>> = { focal: 70, generalised: 70, dravet: 20, kcnq2: 8 };

const LESION_AS: Readonly<Record<Exclude<Lesion, "none">, LesionId>> = {
  "hippocampal-sclerosis": "hippocampal-sclerosis",
  "focal-cortical-dysplasia": "focal-cortical-dysplasia",
  tumour: "tumour",
  "glial-scar": "post-traumatic-scar",
  tubers: "focal-cortical-dysplasia",
};

/** Baseline excitability of one patient and what it is made of. */
export interface MechanisticBaseline {
  readonly x0EZ: number;
  readonly x0PZ: number;
  readonly contributions: {
    readonly intrinsic: number;
    readonly lesion: number;
    readonly variants: number;
    readonly inflammation: number;
  };
  /** Inflammation state at onset (chronic steady state with the baseline seizure feedback). */
  readonly inflammation: InflammationState;
  /** Chronic pro-inflammatory drive u_I. */
  readonly chronicDrive: number;
}

/** Per-patient mutable state of the model (kept out of CoursePatient). */
interface PatientState {
  readonly facts: PatientFacts;
  readonly baseline: MechanisticBaseline;
  readonly x0Fixed: number;
  inflammation: InflammationState;
  inflammationShift: number;
  pgpAtOnset: number;
  /** Day of the last inflammation update, and seizures counted since. */
  lastUpdate: number;
  seizuresSinceUpdate: number;
  /** x0 of the EZ without drugs on the current day, and the table rate there. */
  x0Untreated: number;
  rateUntreated: number;
  modifiers: Omit<PatientNetworkModifiers, "pgpExpression">;
  /** Activity-dependent refractory state: running mean rate (refractoryMemoryDays > 0) and state. */
  recentRate: number;
  refractory: boolean;
  /** Network gain without the refractory factor. */
  readonly gainResponsive: number;
  readonly perDrug: Map<string, { clearanceFactor: number; potencyMultiplier: number }>;
  /** Memo of the last drug evaluation: its inputs, Δx0 and treated rate. */
  readonly memoDrugs: string[];
  readonly memoDoses: number[];
  /** Drugs taken at a positive dose at the last evaluation, and targets that would escape (targetEscapeProbability). */
  active: Set<string>;
  readonly escapable: ReadonlySet<TargetName>;
  memoPgp: number;
  memoShift: number;
  memoX0: number;
  memoRate: number;
}

/** Seizures per day of the table at (x0 of the EZ, x0 of the PZ). */
function tableRate(table: PropensityTable, x0EZ: number, x0PZ: number): number {
  return propensity(x0EZ, x0PZ, table).seizuresPerDay;
}

/** The x0 of the EZ at which the table gives `rate` (bisection; the table is monotone in x0EZ). */
export function x0ForRate(table: PropensityTable, rate: number, x0PZ: number): number {
  let lo = -4,
    hi = table.x0EZ[table.x0EZ.length - 1];
  if (tableRate(table, lo, x0PZ) >= rate) return lo;
  if (tableRate(table, hi, x0PZ) <= rate) return hi;
  for (let k = 0; k < 60; k++) {
    const mid = 0.5 * (lo + hi);
    if (tableRate(table, mid, x0PZ) < rate) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

export class MechanisticCourseModel {
  readonly parameters: Readonly<Record<MechanisticParameter, number>>;
  readonly fluctuation: ParametricPropensity;
  readonly levels = new SteadyStateLevels();
  private readonly table: PropensityTable;
  private readonly calibration: CellCalibration;
  private readonly inflammationParameters: InflammationParameters = inflammationParameters();
  private readonly states = new WeakMap<CoursePatient, PatientState>();
  /** Days on which an insult or treatment starts or ends, ascending. */
  private readonly switches: number[];
  readonly propensity: PropensityModel;
  readonly treatment: TreatmentEffect;
  readonly hooks: CourseHooks;

  /** Streams: (seed, `${path}/patient/<id>/mechanistic/<drug>`) per (patient, drug). */
  constructor(
    private readonly seed: number,
    private readonly path: string,
    overrides?: ParameterOverrides<MechanisticParameter>,
    propensityOverrides?: ParameterOverrides<PropensityParameter>,
    private readonly options: MechanisticOptions = {},
    where = "mechanistic",
  ) {
    this.parameters = resolveParameters(MECHANISTIC_PARAMETERS, overrides, where);
    this.fluctuation = new ParametricPropensity(propensityOverrides, "propensity");
    this.table = options.table ?? PROPENSITY_TABLE;
    this.calibration = options.calibration ?? CELL_TO_NETWORK_CALIBRATION;
    this.switches = [...(options.insults ?? []), ...(options.treatments ?? [])]
      .flatMap((e) => [e.startDay, e.startDay + e.days])
      .sort((a, b) => a - b);
    this.propensity = {
      initialise: (patient) => this.initialise(patient),
      ratePerDay: (patient, day) => this.ratePerDay(patient, day),
    };
    this.treatment = { respond: (patient, drugs, day) => this.respond(patient, drugs, day) };
    this.hooks = {
      onSeizure: (patient) => {
        const s = this.states.get(patient);
        if (s !== undefined) s.seizuresSinceUpdate++;
      },
    };
  }

  /** Course models with the parametric layer's daily dispersion and clustering. */
  courseModels(): CourseModels {
    const p = this.fluctuation.parameters;
    return {
      propensity: this.propensity,
      treatment: this.treatment,
      hooks: this.hooks,
      dailyDispersion: p.dailyDispersion,
      clusterGain: p.clusterGain,
      clusterDays: p.clusterDays,
    };
  }

  /** Inflammation steady state with chronic drive u and observed feedback at `rate` seizures/day. */
  private steadyInflammation(u: number, rate: number): InflammationState {
    const p = this.inflammationParameters;
    // I = k_BI B + u, B = k_IB I + S  →  I = (u + k_BI S)/(1 − k_BI k_IB); R = k_BR B (+ tiny k_DR D).
    const S = p.KSB * Math.min(1, rate / p.seizuresPerDayAtFullBurden);
    const I = (u + p.kBI * S) / (1 - p.kBI * p.kIB);
    const B = p.kIB * I + S;
    // Neuronal loss grows only above the glial toxicity threshold; start from none (a new diagnosis).
    return { I, B, D: 0, R: p.kBR * B };
  }

  /** The patient's baseline excitability (see the module comment). */
  baseline(f: PatientFacts): MechanisticBaseline {
    const p = this.inflammationParameters;
    const chronicDrive = f.inflammation * (1 - p.kBI * p.kIB);
    const inflammation = this.steadyInflammation(chronicDrive, f.baselineRatePerDay);
    const variants =
      f.variants.length > 0
        ? epileptorX0Shift(variantEffects(f.variants, this.calibration), this.calibration)
        : 0;
    const lesion =
      f.lesion === "none" ? 0 : epileptorX0Shift(lesionEffects(LESION_AS[f.lesion], 1), this.calibration);
    const inflamed = epileptorX0Shift(inflammationEffects(inflammation), this.calibration);
    const x0PZ = CELL_BRIDGE_SETTINGS.x0Healthy + variants;
    const x0EZ = x0ForRate(this.table, f.baselineRatePerDay, x0PZ);
    return {
      x0EZ,
      x0PZ,
      contributions: {
        intrinsic: x0EZ - lesion - variants - inflamed,
        lesion,
        variants,
        inflammation: inflamed,
      },
      inflammation,
      chronicDrive,
    };
  }

  private initialise(patient: CoursePatient): void {
    this.fluctuation.initialise(patient);
    const f = patient.facts;
    const b = this.baseline(f);
    const weights: Partial<Record<TargetName, number>> = {};
    for (const id of f.variants) Object.assign(weights, VARIANT_TARGET_WEIGHTS[id] ?? {});
    const p = this.parameters;
    const within = RandomStream.for(this.seed, `${this.path}/patient/${f.id}/mechanistic/network`).normal();
    const refractory = this.refractoryNetwork(f);
    const gainResponsive =
      p.networkGain * Math.exp(-p.networkGainSd * within) * (f.lesion === "none" ? 1 : p.lesionalNetworkGain);
    const gain = gainResponsive * (refractory ? p.refractoryNetworkGain : 1);
    this.states.set(patient, {
      facts: f,
      baseline: b,
      x0Fixed: b.x0EZ - b.contributions.inflammation,
      inflammation: b.inflammation,
      inflammationShift: b.contributions.inflammation,
      pgpAtOnset: pgpFactor(b.inflammation),
      lastUpdate: Number.NaN,
      seizuresSinceUpdate: 0,
      x0Untreated: b.x0EZ,
      rateUntreated: f.baselineRatePerDay,
      recentRate: f.baselineRatePerDay,
      refractory,
      gainResponsive,
      modifiers: {
        weightKg: WEIGHT_KG[f.syndrome],
        networkGain: Math.min(10, gain),
        targetWeights: weights,
        targetResistance:
          f.lesion === "hippocampal-sclerosis" ? { "carbamazepine:nav": p.hsSodiumResistance } : {},
        targetAlteration: this.alteredTargets(f),
      },
      perDrug: new Map(),
      memoDrugs: [],
      memoDoses: [],
      active: new Set(),
      escapable: this.escapableTargets(f),
      memoPgp: Number.NaN,
      memoShift: 0,
      memoX0: Number.NaN,
      memoRate: 0,
    });
  }

  /**
   * Whether the patient's network is in the drug-refractory state: present when the liability
   * z + severityWeight · ln(λ / λref) exceeds refractoryThreshold, λ = `rate`: the untreated rate
   * at onset, or the running mean seizure rate when refractoryMemoryDays > 0 (module comment).
   */
  refractoryNetwork(f: PatientFacts, rate = f.baselineRatePerDay): boolean {
    const p = this.parameters;
    const liability = f.idiosyncraticResistance + p.severityWeight * Math.log(rate / REFERENCE_RATE_PER_DAY);
    return liability > p.refractoryThreshold;
  }

  /** Drug targets altered in this patient (target hypothesis), each present with a fixed probability. */
  private alteredTargets(f: PatientFacts): Partial<Record<TargetName, number>> {
    const p = this.parameters;
    const out: Partial<Record<TargetName, number>> = {};
    if (!(p.targetAlterationProbability > 0)) return out;
    const stream = RandomStream.for(this.seed, `${this.path}/patient/${f.id}/mechanistic/targets`);
    for (const t of ALTERABLE_TARGETS)
      if (stream.uniform() < p.targetAlterationProbability) out[t] = p.targetAlterationFold;
    return out;
  }

  /** Targets that escape if a regimen acting on them fails in the refractory state (drawn per patient and target). */
  private escapableTargets(f: PatientFacts): ReadonlySet<TargetName> {
    const p = this.parameters.targetEscapeProbability;
    const out = new Set<TargetName>();
    if (!(p > 0)) return out;
    const stream = RandomStream.for(this.seed, `${this.path}/patient/${f.id}/mechanistic/escape`);
    for (const t of ALTERABLE_TARGETS) if (stream.uniform() < p) out.add(t);
    return out;
  }

  private state(patient: CoursePatient): PatientState {
    const s = this.states.get(patient);
    if (s === undefined)
      throw new Error(`mechanistic model: patient ${patient.facts.id} was not initialised`);
    return s;
  }

  /** Inputs of the inflammation model on `day` (insults and treatments of the options). */
  private drive(day: number, seizuresPerDay: number, chronic: number) {
    const insult = { I: chronic, B: 0, D: 0, R: 0 };
    for (const u of this.options.insults ?? [])
      if (day >= u.startDay && day < u.startDay + u.days) insult[u.target] += u.amplitude;
    let antiInflammatory = 0,
      barrierRepair = 0;
    for (const t of this.options.treatments ?? [])
      if (day >= t.startDay && day < t.startDay + t.days) {
        antiInflammatory = 1 - (1 - antiInflammatory) * (1 - t.antiInflammatory);
        barrierRepair = 1 - (1 - barrierRepair) * (1 - t.barrierRepair);
      }
    return {
      insult,
      antiInflammatory,
      barrierRepair,
      feedback: { kind: "observed" as const, seizuresPerDay },
    };
  }

  /** The first switch of an insult or treatment in (from, to), or `to`. */
  private nextSwitch(from: number, to: number): number {
    for (let k = 0; k < this.switches.length; k++)
      if (this.switches[k] > from) return Math.min(to, this.switches[k]);
    return to;
  }

  /** Advance the inflammation from its last update to `day`, piecewise between input switches. */
  private updateInflammation(s: PatientState, day: number): void {
    const feedback = s.seizuresSinceUpdate / (day - s.lastUpdate);
    const memory = this.parameters.refractoryMemoryDays;
    if (memory > 0) {
      // Running mean of the seizure rate; the refractory state follows it (the liability's rate
      // term becomes the recent rate instead of the untreated one).
      const keep = Math.exp(-(day - s.lastUpdate) / memory);
      s.recentRate = s.recentRate * keep + feedback * (1 - keep);
      const refractory = this.refractoryNetwork(s.facts, Math.max(s.recentRate, 1e-6));
      if (refractory !== s.refractory) {
        s.refractory = refractory;
        const gain = s.gainResponsive * (refractory ? this.parameters.refractoryNetworkGain : 1);
        s.modifiers = { ...s.modifiers, networkGain: Math.min(10, gain) };
        s.memoPgp = Number.NaN;
      }
    }
    let t = s.lastUpdate;
    while (t < day) {
      const next = this.nextSwitch(t, day);
      const d = this.drive(t, feedback, s.baseline.chronicDrive);
      s.inflammation = advanceInflammation(s.inflammation, next - t, d, this.inflammationParameters);
      t = next;
    }
    s.inflammationShift = epileptorX0Shift(inflammationEffects(s.inflammation), this.calibration);
    s.lastUpdate = day;
    s.seizuresSinceUpdate = 0;
    s.x0Untreated = s.x0Fixed + s.inflammationShift;
    s.rateUntreated = tableRate(this.table, s.x0Untreated, s.baseline.x0PZ);
  }

  /** The patient's inflammation state and EZ excitability now (for tests and reports). */
  snapshot(patient: CoursePatient): { inflammation: InflammationState; x0EZ: number; pgp: number } {
    const s = this.state(patient);
    return { inflammation: s.inflammation, x0EZ: s.x0Untreated, pgp: this.pgp(s) };
  }

  private pgp(s: PatientState): number {
    return (s.facts.transporterFold * pgpFactor(s.inflammation)) / s.pgpAtOnset;
  }

  private ratePerDay(patient: CoursePatient, day: number): number {
    const s = this.state(patient);
    const fluctuation = this.fluctuation.ratePerDay(patient, day) / s.facts.baselineRatePerDay;
    if (Number.isNaN(s.lastUpdate)) s.lastUpdate = day;
    else if (
      day - s.lastUpdate >= this.parameters.inflammationStepDays ||
      this.switchesBetween(s.lastUpdate, day)
    )
      this.updateInflammation(s, day);
    return s.rateUntreated * fluctuation;
  }

  /** Whether an insult or treatment starts or ends in (from, to]: update then, not a step later. */
  private switchesBetween(from: number, to: number): boolean {
    return this.nextSwitch(from, to + 1) <= to;
  }

  private drugTraits(s: PatientState, name: string) {
    let t = s.perDrug.get(name);
    if (t === undefined) {
      const stream = RandomStream.for(this.seed, `${this.path}/patient/${s.facts.id}/mechanistic/${name}`);
      const p = this.parameters;
      t = {
        clearanceFactor: Math.exp(p.clearanceSd * stream.normal()),
        potencyMultiplier: Math.exp(p.drugPotencySd * stream.normal()),
      };
      s.perDrug.set(name, t);
    }
    return t;
  }

  /** Δx0 of the drugs now taken by the patient (memoised while drugs, doses and P-gp are unchanged). */
  drugShift(patient: CoursePatient, drugs: readonly DrugExposure[]): number {
    const s = this.state(patient);
    const pgp = this.pgp(s);
    let same = pgp === s.memoPgp && drugs.length === s.memoDrugs.length;
    for (let i = 0; same && i < drugs.length; i++)
      same = drugs[i].drug === s.memoDrugs[i] && drugs[i].doseFraction === s.memoDoses[i];
    if (same) return s.memoShift;
    this.escape(s, drugs);
    const list: DrugInPatient[] = [];
    s.memoDrugs.length = 0;
    s.memoDoses.length = 0;
    for (const e of drugs) {
      s.memoDrugs.push(e.drug);
      s.memoDoses.push(e.doseFraction);
      if (!(e.doseFraction > 0)) continue;
      const t = this.drugTraits(s, e.drug);
      list.push({ drug: catalogueDrug(e.drug), doseFraction: e.doseFraction, ...t });
    }
    s.memoPgp = pgp;
    s.memoShift = drugX0Shift(list, { ...s.modifiers, pgpExpression: pgp }, this.levels);
    s.memoX0 = Number.NaN;
    return s.memoShift;
  }

  /**
   * targetEscapeProbability > 0: when the regimen changes (a drug stopped or one added) while the
   * network is in the refractory state, the patient's escapable targets among those of the drugs
   * taken until then become altered (EC50 × targetAlterationFold for every drug acting on them).
   */
  private escape(s: PatientState, drugs: readonly DrugExposure[]): void {
    const now = new Set<string>();
    for (const e of drugs) if (e.doseFraction > 0) now.add(e.drug);
    if (s.escapable.size > 0 && s.refractory && s.active.size > 0) {
      let changed = false;
      for (const d of s.active) if (!now.has(d)) changed = true;
      for (const d of now) if (!s.active.has(d)) changed = true;
      if (changed) {
        const fold = this.parameters.targetAlterationFold;
        const altered: Partial<Record<TargetName, number>> = { ...s.modifiers.targetAlteration };
        for (const d of s.active)
          for (const t of catalogueDrug(d).targets)
            if (s.escapable.has(t.target)) altered[t.target] = Math.max(altered[t.target] ?? 1, fold);
        s.modifiers = { ...s.modifiers, targetAlteration: altered };
      }
    }
    s.active = now;
  }

  private respond(patient: CoursePatient, drugs: readonly DrugExposure[], day: number): number {
    void day;
    if (drugs.length === 0) return 1;
    const s = this.state(patient);
    const shift = this.drugShift(patient, drugs);
    if (shift === 0) return 1;
    const x0 = s.x0Untreated + shift;
    if (x0 !== s.memoX0) {
      s.memoX0 = x0;
      s.memoRate = tableRate(this.table, x0, s.baseline.x0PZ);
    }
    return s.memoRate / s.rateUntreated;
  }
}
