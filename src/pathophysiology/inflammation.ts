/**
 * Neuroinflammation as a slow state (days), and what it does to the circuit.
 *
 * Model: Batulin D, Lagzi F, Vezzani A, Jedlicka P, Triesch J (2022) "A mathematical model of
 * neuroimmune interactions in epileptogenesis for discovering treatment strategies", iScience
 * 25:104343 (restated in shared/science/inflammation_modulation.md §5). Four slow variables,
 * time in days, all dimensionless and normalised to [0, ~1]:
 *
 *   I  neuroinflammation (activated glia, IL-1β / HMGB1 / TNF-α signalling; a lumped index)
 *   B  blood–brain-barrier disruption (albumin extravasation)
 *   D  neuronal loss (irreversible: D has no decay term)
 *   R  circuit remodelling (sprouting, synaptogenesis)
 *
 *   tau_I I' = -I + (1 - a) (k_BI B + u_I)
 *   tau_B B' = -B + (1 - b) (k_IB I + S) + u_B
 *   tau_D D' = (1 - D/D_m) k_ID max(0, I - Theta) + u_D
 *   tau_R R' = -R + k_BR B + k_DR D + u_R
 *   S        = K_SB tanh((k_IS I^2 + k_RS R) / 2)            (intrinsic seizure burden, eq. 4)
 *
 * u_* are external insults (e.g. a BBB-disrupting injury u_B = 0.25 for 7 days, the paper's
 * example). Parameter values: PARAMETERS below, checked against a public MATLAB
 * re-implementation's parameter listing (found with the code search; its comments give the units
 * "[days]" and the same values as the dossier). The tanh form equals that listing's
 * K_SB (e^x - 1)/(e^x + 1) with x = k_IS I^2 + k_RS R.
 *
 * Deviations and additions (ours):
 *  - Interventions a, b in [0, 1]: `antiInflammatory` (IL-1 receptor blockade, e.g. anakinra)
 *    removes the fraction a of the pro-inflammatory drive of I; `barrierRepair` (e.g. losartan's
 *    block of albumin–TGF-β signalling, Bar-Klein et al. 2014 Ann Neurol 75:864) removes the
 *    fraction b of the endogenous BBB damage drive (not of an ongoing external insult). How
 *    Batulin et al. parameterised their treatments was not checked; these forms are ours.
 *  - Seizure feedback can be "intrinsic" (S above) or "observed": S = K_SB min(1, f / f_full)
 *    with f the seizure frequency (per day) that a network model or a diary reports and f_full
 *    (`seizuresPerDayAtFullBurden`) the frequency at which the burden saturates. This closes the
 *    loop seizures → inflammation → excitability → seizures with seizures from the simulator
 *    instead of the paper's phenomenological S(I, R).
 *  - Integration: classical RK4 with steps at most tau_min / 10 (0.1 day), restarted at every
 *    schedule breakpoint so that no step straddles a switch of the inputs.
 */
import { parameter, resolveParameters, type ParameterTable } from "../engines/parameters.js";
import { effects, type CircuitEffects } from "./effects.js";

const BATULIN =
  "Batulin et al. 2022, iScience 25:104343 (values as in a public MATLAB re-implementation's parameter listing)";

export const INFLAMMATION_PARAMETERS = {
  tauI: parameter("tauI", "time scale of the neuroinflammatory reaction", 1, "days", 0.01, 1000, BATULIN),
  tauB: parameter("tauB", "time scale of BBB recovery", 10, "days", 0.01, 1000, BATULIN),
  tauD: parameter("tauD", "time scale of neuronal death", 10, "days", 0.01, 1000, BATULIN),
  tauR: parameter("tauR", "time scale of circuit remodelling", 10, "days", 0.01, 1000, BATULIN),
  kIB: parameter("kIB", "inflammation → BBB permeability", 0.1, "dimensionless", 0, 10, BATULIN),
  kBI: parameter("kBI", "BBB leakage → inflammation", 1, "dimensionless", 0, 10, BATULIN),
  kIS: parameter("kIS", "inflammation → seizure promotion", 2, "dimensionless", 0, 10, BATULIN),
  kRS: parameter("kRS", "remodelling → seizure promotion", 2, "dimensionless", 0, 10, BATULIN),
  kID: parameter("kID", "glial neurotoxicity → neuronal loss", 8, "dimensionless", 0, 100, BATULIN),
  kBR: parameter("kBR", "BBB leakage → remodelling", 1, "dimensionless", 0, 10, BATULIN),
  kDR: parameter("kDR", "neuronal loss → remodelling", 0.0005, "dimensionless", 0, 10, BATULIN),
  KSB: parameter(
    "KSB",
    "maximal effect of seizure burden on BBB damage",
    0.875,
    "dimensionless",
    0,
    10,
    BATULIN,
  ),
  Dm: parameter("Dm", "maximal neuronal loss", 1, "dimensionless", 0.01, 1, BATULIN),
  Theta: parameter(
    "Theta",
    "neurotoxicity threshold of activated glia",
    0.25,
    "dimensionless",
    0,
    1,
    BATULIN,
  ),
  seizuresPerDayAtFullBurden: parameter(
    "seizuresPerDayAtFullBurden",
    "observed seizure frequency at which the seizure burden saturates at KSB (observed feedback)",
    10,
    "seizures/day",
    0.01,
    1e4,
    "ours (a modelling choice: about one seizure every 2–3 hours counts as maximal burden)",
  ),
} as const satisfies ParameterTable<string>;

export type InflammationParameterName = keyof typeof INFLAMMATION_PARAMETERS;
export type InflammationParameters = Record<InflammationParameterName, number>;

export interface InflammationState {
  readonly I: number;
  readonly B: number;
  readonly D: number;
  readonly R: number;
}

export const HEALTHY: InflammationState = Object.freeze({ I: 0, B: 0, D: 0, R: 0 });

export type InflammationVariable = keyof InflammationState;

/** An external insult: `amplitude` added to the drive of `target` from `startDay` for `days`. */
export interface Insult {
  readonly target: InflammationVariable;
  readonly amplitude: number;
  readonly startDay: number;
  readonly days: number;
}

/** A treatment course: fractions in [0, 1] from `startDay` for `days`. */
export interface Treatment {
  readonly antiInflammatory: number;
  readonly barrierRepair: number;
  readonly startDay: number;
  readonly days: number;
}

/** Seizure feedback: the paper's S(I, R), or an observed frequency (seizures per day). */
export type SeizureFeedback =
  { readonly kind: "intrinsic" } | { readonly kind: "observed"; readonly seizuresPerDay: number };

/** Inputs held constant over an interval. */
export interface Drive {
  readonly insult: InflammationState;
  readonly antiInflammatory: number;
  readonly barrierRepair: number;
  readonly feedback: SeizureFeedback;
}

const NO_INSULT = HEALTHY;

export function inflammationParameters(overrides?: Partial<Record<string, number>>): InflammationParameters {
  return resolveParameters(INFLAMMATION_PARAMETERS, overrides, "inflammation.parameters");
}

/** Intrinsic seizure burden S(I, R) of Batulin et al. (eq. 4). */
export function intrinsicSeizureBurden(p: InflammationParameters, I: number, R: number): number {
  return p.KSB * Math.tanh((p.kIS * I * I + p.kRS * R) / 2);
}

function checkFraction(value: number, field: string): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${field} = ${String(value)}: must lie in [0, 1]`);
}

function burden(p: InflammationParameters, feedback: SeizureFeedback, I: number, R: number): number {
  if (feedback.kind === "intrinsic") return intrinsicSeizureBurden(p, I, R);
  return p.KSB * Math.min(1, feedback.seizuresPerDay / p.seizuresPerDayAtFullBurden);
}

function derivative(p: InflammationParameters, d: Drive, y: Float64Array, out: Float64Array): void {
  const I = y[0],
    B = y[1],
    D = y[2],
    R = y[3];
  const S = burden(p, d.feedback, I, R);
  out[0] = (-I + (1 - d.antiInflammatory) * (p.kBI * B + d.insult.I)) / p.tauI;
  out[1] = (-B + (1 - d.barrierRepair) * (p.kIB * I + S) + d.insult.B) / p.tauB;
  out[2] = ((1 - D / p.Dm) * p.kID * Math.max(0, I - p.Theta) + d.insult.D) / p.tauD;
  out[3] = (-R + p.kBR * B + p.kDR * D + d.insult.R) / p.tauR;
}

/** The largest RK4 step allowed: a tenth of the fastest time scale. */
export function maxStepDays(p: InflammationParameters): number {
  return Math.min(p.tauI, p.tauB, p.tauD, p.tauR) / 10;
}

/**
 * Advance the state by `days` with constant inputs (classical RK4, equal steps of at most
 * tau_min / 10). Neuronal loss is kept in [0, D_m] (the equation does so exactly; the clamp only
 * removes rounding overshoot).
 */
export function advanceInflammation(
  state: InflammationState,
  days: number,
  drive: Partial<Drive> = {},
  p: InflammationParameters = inflammationParameters(),
): InflammationState {
  if (!(days >= 0) || !Number.isFinite(days)) throw new RangeError(`days = ${days}: must be finite and >= 0`);
  const d: Drive = {
    insult: drive.insult ?? NO_INSULT,
    antiInflammatory: drive.antiInflammatory ?? 0,
    barrierRepair: drive.barrierRepair ?? 0,
    feedback: drive.feedback ?? { kind: "intrinsic" },
  };
  checkFraction(d.antiInflammatory, "antiInflammatory");
  checkFraction(d.barrierRepair, "barrierRepair");
  if (d.feedback.kind === "observed" && !(d.feedback.seizuresPerDay >= 0)) {
    throw new RangeError(`seizuresPerDay = ${d.feedback.seizuresPerDay}: must be >= 0`);
  }
  if (days === 0) return state;
  const steps = Math.ceil(days / maxStepDays(p) - 1e-9);
  const h = days / steps;
  const y = Float64Array.of(state.I, state.B, state.D, state.R);
  const k1 = new Float64Array(4),
    k2 = new Float64Array(4),
    k3 = new Float64Array(4),
    k4 = new Float64Array(4),
    tmp = new Float64Array(4);
  for (let s = 0; s < steps; s++) {
    derivative(p, d, y, k1);
    for (let i = 0; i < 4; i++) tmp[i] = y[i] + 0.5 * h * k1[i];
    derivative(p, d, tmp, k2);
    for (let i = 0; i < 4; i++) tmp[i] = y[i] + 0.5 * h * k2[i];
    derivative(p, d, tmp, k3);
    for (let i = 0; i < 4; i++) tmp[i] = y[i] + h * k3[i];
    derivative(p, d, tmp, k4);
    for (let i = 0; i < 4; i++) y[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    y[2] = Math.min(p.Dm, Math.max(0, y[2]));
  }
  if (!y.every(Number.isFinite)) throw new RangeError("inflammation state became non-finite");
  return { I: y[0], B: y[1], D: y[2], R: y[3] };
}

export interface InflammationSchedule {
  readonly days: number;
  readonly insults?: readonly Insult[];
  readonly treatments?: readonly Treatment[];
  /** Record the state every this many days (default 1). */
  readonly sampleEveryDays?: number;
  /**
   * Closed loop: called at every sample time with the current state; returns the seizure
   * frequency (per day) used as observed feedback until the next sample. Without it the
   * intrinsic S(I, R) is used.
   */
  readonly seizuresPerDay?: (state: InflammationState, day: number) => number;
}

export interface InflammationTrajectory {
  readonly days: Float64Array;
  readonly I: Float64Array;
  readonly B: Float64Array;
  readonly D: Float64Array;
  readonly R: Float64Array;
  /** Seizure frequency used as feedback over each sample interval (NaN with intrinsic feedback). */
  readonly seizuresPerDay: Float64Array;
  readonly final: InflammationState;
}

function activeDrive(
  day: number,
  insults: readonly Insult[],
  treatments: readonly Treatment[],
  feedback: SeizureFeedback,
): Drive {
  const insult = { I: 0, B: 0, D: 0, R: 0 };
  for (const u of insults)
    if (day >= u.startDay && day < u.startDay + u.days) insult[u.target] += u.amplitude;
  let antiInflammatory = 0,
    barrierRepair = 0;
  for (const t of treatments) {
    if (day >= t.startDay && day < t.startDay + t.days) {
      // Independent blockades combine as 1 - (1 - a1)(1 - a2).
      antiInflammatory = 1 - (1 - antiInflammatory) * (1 - t.antiInflammatory);
      barrierRepair = 1 - (1 - barrierRepair) * (1 - t.barrierRepair);
    }
  }
  return { insult, antiInflammatory, barrierRepair, feedback };
}

/** Run a schedule of insults and treatments from `initial`, recording every `sampleEveryDays`. */
export function runInflammationSchedule(
  initial: InflammationState,
  schedule: InflammationSchedule,
  p: InflammationParameters = inflammationParameters(),
): InflammationTrajectory {
  const insults = schedule.insults ?? [];
  const treatments = schedule.treatments ?? [];
  const every = schedule.sampleEveryDays ?? 1;
  if (!(schedule.days > 0) || !(every > 0))
    throw new RangeError("schedule needs days > 0 and sampleEveryDays > 0");
  insults.forEach((u, k) => {
    if (!(u.days >= 0) || !Number.isFinite(u.amplitude))
      throw new RangeError(`insults[${k}]: needs days >= 0, finite amplitude`);
  });
  treatments.forEach((t, k) => {
    checkFraction(t.antiInflammatory, `treatments[${k}].antiInflammatory`);
    checkFraction(t.barrierRepair, `treatments[${k}].barrierRepair`);
  });
  // Breakpoints: sample times and every switch of an input.
  const points = new Set<number>([0, schedule.days]);
  for (let k = 1; k * every < schedule.days; k++) points.add(k * every);
  for (const e of [...insults, ...treatments]) {
    for (const t of [e.startDay, e.startDay + e.days]) if (t > 0 && t < schedule.days) points.add(t);
  }
  const times = [...points].sort((a, b) => a - b);
  const samples = Math.floor(schedule.days / every + 1e-9) + 1;
  const out = {
    days: new Float64Array(samples),
    I: new Float64Array(samples),
    B: new Float64Array(samples),
    D: new Float64Array(samples),
    R: new Float64Array(samples),
    seizuresPerDay: new Float64Array(samples).fill(NaN),
  };
  let state = initial;
  let feedback: SeizureFeedback = { kind: "intrinsic" };
  let sample = 0;
  for (let k = 0; k < times.length; k++) {
    const t = times[k];
    if (sample < samples && Math.abs(t - sample * every) < 1e-9) {
      if (schedule.seizuresPerDay) {
        const rate = schedule.seizuresPerDay(state, t);
        if (!(rate >= 0) || !Number.isFinite(rate))
          throw new RangeError(`seizuresPerDay returned ${rate} at day ${t}`);
        feedback = { kind: "observed", seizuresPerDay: rate };
        out.seizuresPerDay[sample] = rate;
      }
      out.days[sample] = t;
      out.I[sample] = state.I;
      out.B[sample] = state.B;
      out.D[sample] = state.D;
      out.R[sample] = state.R;
      sample++;
    }
    if (k + 1 < times.length) {
      state = advanceInflammation(state, times[k + 1] - t, activeDrive(t, insults, treatments, feedback), p);
    }
  }
  return { ...out, final: state };
}

/**
 * Effect sizes at full inflammation (I = 1) or full BBB disruption (B = 1); the effects scale
 * linearly in between (factor = 1 + size x level). Directions are established (dossier §1–4).
 * Sizes are ours, scaled together so that full inflammation and BBB damage shift the Epileptor
 * x0 by about 0.2 through the cell → network bridge: the upper end of the dossier's §7 mapping
 * ("raise x0 by ~0.05–0.2 in the affected node"). They are smaller than single-mediator effects
 * measured in vitro (e.g. ~30% GABA-A current reduction by IL-1β) because they stand for a whole
 * region's lumped, chronic change; UNVERIFIED as measurements.
 */
export const INFLAMMATION_EFFECT_SIZES = Object.freeze({
  /** IL-1β reduces GABA-A currents in human TLE tissue (Roseti et al. 2015 Neurobiol Dis 82:311);
   *  TNF-α drives GABA-A endocytosis (Stellwagen et al. 2005 J Neurosci 25:3219). */
  gabaA: -0.07,
  /** IL-1β → Src → GluN2B phosphorylation enhances NMDA Ca2+ influx (Viviani et al. 2003
   *  J Neurosci 23:8692); HMGB1/TLR4 likewise (Maroso et al. 2010 Nat Med 16:413). */
  nmda: 0.12,
  /** TNF-α raises surface AMPA receptors (Beattie et al. 2002 Science 295:2282). */
  ampa: 0.08,
  /** Albumin → TGF-β → Kir4.1 down-regulation (Ivens et al. 2007 Brain 130:535); per unit B. */
  potassiumBuffering: -0.05,
  /** Albumin/TGF-β and IL-1β reduce astrocytic glutamate uptake (Cacheaux et al. 2009
   *  J Neurosci; Vezzani & Baram 2007 Epilepsy Curr 7:45); per unit of (I + B)/2. */
  glutamateUptake: -0.05,
  /** P-gp up-regulation via glutamate → COX-2 → PGE2 (Bauer et al. 2008 Mol Pharmacol 73:1444)
   *  and inflammation: expression doubled at I = 1. Through the Kp,uu formula of the dossier (§4,
   *  src/pharmacology/pk.ts brainPartition) and the catalogue's phenytoin efflux ratio 0.5 this
   *  lowers brain exposure by 25%, near the ~30% fall of brain/plasma phenytoin reported after
   *  limbic seizures (Rizzi et al. 2002 J Neurosci 22:5833; figure UNVERIFIED). */
  pgp: 1.0,
});

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Circuit effects of an inflammation state (see INFLAMMATION_EFFECT_SIZES). */
export function inflammationEffects(state: InflammationState): CircuitEffects {
  const s = INFLAMMATION_EFFECT_SIZES;
  const I = clamp01(state.I);
  const B = clamp01(state.B);
  return effects(
    {
      gabaAFast: 1 + s.gabaA * I,
      gabaASlow: 1 + s.gabaA * I,
      nmda: 1 + s.nmda * I,
      ampa: 1 + s.ampa * I,
      potassiumBuffering: 1 + s.potassiumBuffering * B,
      glutamateUptake: 1 + s.glutamateUptake * ((I + B) / 2),
      pgp: pgpFactor(state),
    },
    "inflammationEffects",
  );
}

/** Relative P-glycoprotein expression (1 = normal): the `pgpExpression` of the pharmacology layer. */
export function pgpFactor(state: InflammationState): number {
  return 1 + INFLAMMATION_EFFECT_SIZES.pgp * clamp01(state.I);
}
