/**
 * Pharmacokinetics: plasma (total, unbound) and brain unbound concentrations of every drug of a
 * regimen over days to months, event-driven.
 *
 * Structure per drug (shared/science/drugs.md §1): first-order oral absorption (ka, bioavailability
 * F) into a central volume V (∝ weight; clearances ∝ weight^0.75 from the 70 kg catalogue values); linear elimination CL (one compartment) or CL plus a peripheral
 * compartment (two compartments, Q and V2); an optional active metabolite formed from a fraction
 * fm of the parent's elimination, with its own volume and clearance; or, for phenytoin,
 * Michaelis–Menten elimination Vmax·C/(Km + C) (Grasela et al. 1983).
 *
 * Linear models are propagated exactly between events: the amounts x (mg) obey dx/dt = K x with
 * K constant between events, so x(t + Δ) = exp(KΔ) x(t) (numerics/matrix-exponential.ts; one
 * exponential per drug and distinct Δ, cached until K changes). Doses add F·dose to the gut
 * compartment at their time. Saturable drugs use classical RK4 with steps ≤ 0.05 h.
 *
 * Interactions (interactions.ts) make clearance time-varying. It is updated piecewise, once every
 * `updateHours` (default 24 h): the perpetrators' mean concentrations over the elapsed interval
 * drive the induction states (exact first-order relaxation over the interval) and the inhibition
 * factors, which then hold until the next update. Clearance changes therefore lag by at most
 * one update interval; with induction time constants of days this is far below the uncertainty of
 * the data.
 *
 * Brain: C_u = fu·C; C_u,brain = Kp,uu(E)·C_u with Kp,uu(E) = Kp,uu·(1 + ER0)/(1 + ER0·E), E the
 * relative P-gp expression (inflammation_modulation.md §4). Brain equilibrium is taken as
 * instantaneous (deviation: no brain distribution delay).
 */
import { matrixExponential, matrixVector } from "../numerics/matrix-exponential.js";
import { DRUGS, findDrug, type Drug, type Species } from "./catalogue.js";
import { INTERACTIONS, validateInteractions, type Interaction } from "./interactions.js";
import {
  expandRegimen,
  maximalDailyMg,
  validateRegimen,
  type DoseEvent,
  type RegimenEntry,
} from "./regimen.js";

validateInteractions(INTERACTIONS, (id) => DRUGS.some((d) => d.id === id));

export interface PkPatient {
  readonly weightKg: number;
  /** Relative P-glycoprotein expression at the blood–brain barrier (1 = normal). */
  readonly pgpExpression?: number;
  /** Per-drug factor on intrinsic clearance (fast or poor metabolisers; 1 = typical). */
  readonly clearanceFactor?: Readonly<Record<string, number>>;
}

export interface PkOptions {
  readonly horizonHours: number;
  /** Output grid (h); default 0.25. Dose and update times are added to the grid. */
  readonly sampleHours?: number;
  /** Interval between clearance updates (h); default 24. */
  readonly updateHours?: number;
}

/** Structural constants of one drug for one patient (volumes in L, clearances in L/h). */
interface DrugModel {
  readonly drug: Drug;
  readonly size: number;
  readonly peripheral: number; // state index, -1 if none
  readonly metabolite: number; // state index, -1 if none
  readonly ka: number;
  readonly f: number;
  readonly volume: number;
  readonly clearance: number; // linear; 0 for saturable
  readonly vmaxPerHour: number; // saturable; 0 for linear
  readonly km: number;
  readonly q: number;
  readonly volume2: number;
  readonly formation: number; // fm × molar-mass ratio
  readonly metaboliteVolume: number;
  readonly metaboliteClearance: number;
  readonly clearanceFactor: number;
}

const litres = (value: number, unit: string, weightKg: number) =>
  unit === "L/kg" ? value * weightKg : value;

/** Reference adult weight of the catalogue's values (kg). */
const ADULT_KG = 70;
/**
 * Allometric exponent of clearances: CL(W) = CL(70 kg)·(W/70)^0.75, volumes ∝ W (Anderson BJ,
 * Holford NHG (2008) Annu Rev Pharmacol Toxicol 48:303; the standard size model of population PK,
 * not re-read here). Children therefore clear more per kg and have shorter half-lives than adults.
 */
const CLEARANCE_EXPONENT = 0.75;

function buildModel(drug: Drug, patient: PkPatient): DrugModel {
  const w = patient.weightKg;
  const size75 = (w / ADULT_KG) ** CLEARANCE_EXPONENT;
  const pk = drug.pk;
  const volume = litres(pk.volume.value, pk.volume.unit, w);
  const adultVolume = litres(pk.volume.value, pk.volume.unit, ADULT_KG);
  const e = pk.elimination;
  const clearance =
    e.kind === "linear"
      ? ((Math.LN2 * adultVolume) / e.halfLife.value) * size75
      : e.kind === "clearance"
        ? e.clearance.value * ADULT_KG * size75
        : 0;
  const vmaxPerHour =
    e.kind === "michaelisMenten" ? (e.vmax.value / 24) * (w / ADULT_KG) ** e.weightExponent.value : 0;
  const km = e.kind === "michaelisMenten" ? e.km.value : 0;
  const m = pk.metabolite;
  const metaboliteVolume = m ? litres(m.volume.value, m.volume.unit, w) : 0;
  const metaboliteClearance = m
    ? ((Math.LN2 * litres(m.volume.value, m.volume.unit, ADULT_KG)) / m.halfLife.value) * size75
    : 0;
  const factor = patient.clearanceFactor?.[drug.id] ?? 1;
  if (!(factor > 0 && factor <= 20))
    throw new RangeError(`clearanceFactor.${drug.id} = ${factor} outside (0, 20]`);
  let size = 2;
  const peripheral = pk.peripheral ? size++ : -1;
  const metabolite = m ? size++ : -1;
  return {
    drug,
    size,
    peripheral,
    metabolite,
    ka: pk.absorptionRate.value,
    f: pk.bioavailability.value,
    volume,
    clearance,
    vmaxPerHour,
    km,
    q: pk.peripheral ? pk.peripheral.clearance.value * size75 : 0,
    volume2: pk.peripheral ? litres(pk.peripheral.volume.value, pk.peripheral.volume.unit, w) : 1,
    formation: m ? (m.fractionFormed.value * m.molarMass.value) / drug.molarMass.value : 0,
    metaboliteVolume,
    metaboliteClearance,
    clearanceFactor: factor,
  };
}

/** Rate matrix K (row-major) of a linear drug with clearance multipliers for parent and metabolite. */
function rateMatrix(d: DrugModel, parentMultiplier: number, metaboliteMultiplier: number): Float64Array {
  const n = d.size;
  const k = new Float64Array(n * n);
  const k10 = (d.clearance * parentMultiplier) / d.volume;
  const k12 = d.q / d.volume;
  k[0] = -d.ka;
  k[n] = d.ka;
  k[n + 1] = -(k10 + k12);
  if (d.peripheral >= 0) {
    const p = d.peripheral;
    k[n + p] = d.q / d.volume2;
    k[p * n + 1] = k12;
    k[p * n + p] = -d.q / d.volume2;
  }
  if (d.metabolite >= 0) {
    const m = d.metabolite;
    k[m * n + 1] = d.formation * k10;
    k[m * n + m] = -(d.metaboliteClearance * metaboliteMultiplier) / d.metaboliteVolume;
  }
  return k;
}

/** One RK4 step of the saturable (gut, central) model over h hours. */
function saturableStep(d: DrugModel, x: Float64Array, h: number, multiplier: number): void {
  const vmax = d.vmaxPerHour * multiplier;
  const rate = (g: number, a: number, out: number[]) => {
    const c = a / d.volume;
    out[0] = -d.ka * g;
    out[1] = d.ka * g - (vmax * c) / (d.km + c);
  };
  const k1 = [0, 0];
  const k2 = [0, 0];
  const k3 = [0, 0];
  const k4 = [0, 0];
  rate(x[0], x[1], k1);
  rate(x[0] + 0.5 * h * k1[0], x[1] + 0.5 * h * k1[1], k2);
  rate(x[0] + 0.5 * h * k2[0], x[1] + 0.5 * h * k2[1], k3);
  rate(x[0] + h * k3[0], x[1] + h * k3[1], k4);
  x[0] += (h / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
  x[1] += (h / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
}

export interface DrugSeries {
  readonly drug: string;
  /** Total plasma concentration of the parent (mg/L) at every time. */
  readonly parent: Float64Array;
  /** Total plasma concentration of the active metabolite (mg/L), or null. */
  readonly metabolite: Float64Array | null;
  /** Clearance multiplier (interactions × metaboliser factor) of the parent at every time. */
  readonly clearanceMultiplier: Float64Array;
  readonly metaboliteMultiplier: Float64Array;
  /** Administration times (h) and amounts (mg). */
  readonly doses: readonly DoseEvent[];
}

export interface PkRun {
  readonly times: Float64Array;
  readonly drugs: readonly DrugSeries[];
  readonly patient: PkPatient;
  readonly horizonHours: number;
  /** Amount eliminated or metabolised is not tracked; total administered bioavailable mg per drug. */
  readonly absorbedDoseMg: Readonly<Record<string, number>>;
  /** Final amounts per state (mg), for mass-balance checks. */
  readonly finalAmounts: Readonly<Record<string, Float64Array>>;
  /** Matrix exponentials computed (the cost of the run: one per drug, distinct step and K). */
  readonly propagators: number;
}

function mergedTimes(
  horizon: number,
  sample: number,
  update: number,
  doses: readonly DoseEvent[],
): Float64Array {
  const set: number[] = [];
  for (let k = 0; k * sample <= horizon + 1e-9; k++) set.push(Math.min(k * sample, horizon));
  for (let k = 1; k * update < horizon; k++) set.push(k * update);
  for (const d of doses) set.push(d.time);
  set.sort((a, b) => a - b);
  const out: number[] = [];
  for (const t of set) if (out.length === 0 || t - out[out.length - 1] > 1e-9) out.push(t);
  return Float64Array.from(out);
}

/** Simulate a regimen; every concentration is recorded before the doses at that time. */
export function simulatePk(entries: readonly RegimenEntry[], patient: PkPatient, options: PkOptions): PkRun {
  const horizon = options.horizonHours;
  const sample = options.sampleHours ?? 0.25;
  const update = options.updateHours ?? 24;
  if (!(horizon > 0 && horizon <= 24 * 3650))
    throw new RangeError(`horizon = ${horizon} h outside (0, 87600] h`);
  if (!(sample > 0 && sample <= 24)) throw new RangeError(`sampleHours = ${sample} outside (0, 24]`);
  if (!(update > 0 && update <= 24 * 7)) throw new RangeError(`updateHours = ${update} outside (0, 168]`);
  const pgp = patient.pgpExpression ?? 1;
  if (!(pgp > 0 && pgp <= 20)) throw new RangeError(`pgpExpression = ${pgp} outside (0, 20]`);
  const doses = expandRegimen(entries, patient.weightKg, horizon);
  const ids = [...new Set(validateRegimen(entries, patient.weightKg).map((e) => e.drugId))];
  const models = ids.map((id) => buildModel(findDrug(id), patient));
  const index = new Map(ids.map((id, i) => [id, i]));
  const active = INTERACTIONS.filter((x) => index.has(x.perpetrator) && index.has(x.victim));
  const induction = new Float64Array(active.length);

  const times = mergedTimes(horizon, sample, update, doses);
  const nt = times.length;
  const parent = models.map(() => new Float64Array(nt));
  const metabolite = models.map((m) => (m.metabolite >= 0 ? new Float64Array(nt) : null));
  const parentMult = models.map(() => new Float64Array(nt));
  const metMult = models.map(() => new Float64Array(nt));
  const state = models.map((m) => new Float64Array(m.size));
  const auc = new Float64Array(models.length);
  const absorbed: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  const multipliers = models.map((m) => ({ parent: m.clearanceFactor, metabolite: 1 }));
  // One propagator cache per drug, keyed by step length; emptied only when that drug's K changes.
  const caches = models.map(() => new Map<number, Float64Array>());
  const scratch = models.map((m) => new Float64Array(m.size));
  let propagators = 0;
  let lastUpdate = 0;
  let doseCursor = 0;

  const concentration = (i: number) => state[i][1] / models[i].volume;

  const recompute = (elapsed: number) => {
    const mean = models.map((_, i) => (elapsed > 0 ? auc[i] / elapsed : 0));
    const inducedSum = models.map(() => ({ parent: 0, metabolite: 0 }));
    const inhibited = models.map(() => ({ parent: 1, metabolite: 1 }));
    active.forEach((x: Interaction, k) => {
      const c = mean[index.get(x.perpetrator)!];
      const v = index.get(x.victim)!;
      if (x.kind === "induction") {
        const target = ((x.maxFold - 1) * c) / (x.ec50 + c);
        induction[k] = target + (induction[k] - target) * Math.exp(-elapsed / (x.onsetDays * 24));
        inducedSum[v][x.victimSpecies] += induction[k];
      } else {
        inhibited[v][x.victimSpecies] *= 1 - (x.maxInhibition * c) / (x.ec50 + c);
      }
    });
    models.forEach((m, i) => {
      const parentMultiplier = m.clearanceFactor * (1 + inducedSum[i].parent) * inhibited[i].parent;
      const metaboliteMultiplier = (1 + inducedSum[i].metabolite) * inhibited[i].metabolite;
      if (parentMultiplier !== multipliers[i].parent || metaboliteMultiplier !== multipliers[i].metabolite) {
        multipliers[i].parent = parentMultiplier;
        multipliers[i].metabolite = metaboliteMultiplier;
        caches[i].clear();
      }
    });
    auc.fill(0);
  };

  for (let s = 0; s < nt; s++) {
    const t = times[s];
    if (s > 0 && Math.abs(t / update - Math.round(t / update)) < 1e-9) {
      recompute(t - lastUpdate);
      lastUpdate = t;
    }
    for (let i = 0; i < models.length; i++) {
      parent[i][s] = concentration(i);
      const mi = models[i].metabolite;
      if (mi >= 0) metabolite[i]![s] = state[i][mi] / models[i].metaboliteVolume;
      parentMult[i][s] = multipliers[i].parent;
      metMult[i][s] = multipliers[i].metabolite;
    }
    while (doseCursor < doses.length && doses[doseCursor].time <= t + 1e-9) {
      const d = doses[doseCursor++];
      const i = index.get(d.drug)!;
      const amount = models[i].f * d.mg;
      state[i][0] += amount;
      absorbed[d.drug] += amount;
    }
    if (s === nt - 1) break;
    const dt = times[s + 1] - t;
    for (let i = 0; i < models.length; i++) {
      const m = models[i];
      const before = concentration(i);
      if (m.vmaxPerHour > 0) {
        const steps = Math.max(1, Math.ceil(dt / 0.05));
        for (let k = 0; k < steps; k++) saturableStep(m, state[i], dt / steps, multipliers[i].parent);
      } else {
        let e = caches[i].get(dt);
        if (!e) {
          const k = rateMatrix(m, multipliers[i].parent, multipliers[i].metabolite);
          for (let j = 0; j < k.length; j++) k[j] *= dt;
          e = matrixExponential(k, m.size);
          caches[i].set(dt, e);
          propagators++;
        }
        state[i].set(matrixVector(e, state[i], m.size, scratch[i]));
      }
      auc[i] += 0.5 * (before + concentration(i)) * dt;
    }
  }

  const drugs: DrugSeries[] = models.map((m, i) => ({
    drug: m.drug.id,
    parent: parent[i],
    metabolite: metabolite[i],
    clearanceMultiplier: parentMult[i],
    metaboliteMultiplier: metMult[i],
    doses: doses.filter((d) => d.drug === m.drug.id),
  }));
  return {
    times,
    drugs,
    patient,
    horizonHours: horizon,
    absorbedDoseMg: absorbed,
    finalAmounts: Object.fromEntries(models.map((m, i) => [m.drug.id, Float64Array.from(state[i])])),
    propagators,
  };
}

/** Kp,uu at relative P-gp expression E (inflammation_modulation.md §4). */
export function brainPartition(drug: Drug, pgpExpression = 1): number {
  const er = drug.brain.effluxRatio.value;
  return (drug.brain.kpuu.value * (1 + er)) / (1 + er * pgpExpression);
}

export function fractionUnbound(drug: Drug, species: Species): number {
  return species === "metabolite" ? drug.pk.metabolite!.fractionUnbound.value : drug.pk.fractionUnbound.value;
}

export interface LevelMetrics {
  readonly species: Species;
  readonly trough: number;
  readonly peak: number;
  readonly average: number;
  readonly unboundAverage: number;
  readonly brainUnbound: number;
}

export interface SteadyState extends LevelMetrics {
  readonly drug: string;
  /** Terminal half-life of the reported species with the clearance at the end of the run (h). */
  readonly halfLifeHours: number;
  /** Days from the first dose until every later trough lies within 3% of the final trough. */
  readonly timeToSteadyStateDays: number;
  readonly intervalHours: number;
  readonly clearanceMultiplier: number;
  /** The other species (parent or metabolite), when the drug has a metabolite. */
  readonly other: LevelMetrics | null;
}

function lowerIndex(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t - 1e-9) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function levels(
  run: PkRun,
  series: Float64Array,
  from: number,
  to: number,
  drug: Drug,
  species: Species,
): LevelMetrics {
  let trough = Infinity;
  let peak = -Infinity;
  let area = 0;
  for (let s = from; s <= to; s++) {
    trough = Math.min(trough, series[s]);
    peak = Math.max(peak, series[s]);
    if (s > from) area += 0.5 * (series[s] + series[s - 1]) * (run.times[s] - run.times[s - 1]);
  }
  const average = area / (run.times[to] - run.times[from]);
  const fu = fractionUnbound(drug, species);
  return {
    species,
    trough,
    peak,
    average,
    unboundAverage: fu * average,
    brainUnbound: fu * brainPartition(drug, run.patient.pgpExpression ?? 1) * average,
  };
}

/** Steady-state metrics over the last complete dosing interval of `drugName` in a run. */
export function steadyState(run: PkRun, drugName: string): SteadyState {
  const drug = findDrug(drugName);
  const series = run.drugs.find((d) => d.drug === drug.id);
  if (!series) throw new RangeError(`drug ${drug.id} is not part of this run`);
  const doses = series.doses;
  if (doses.length < 3) throw new RangeError(`${drug.id}: steady state needs at least 3 doses in the run`);
  let k = doses.length - 1;
  const tau = doses[k].time - doses[k - 1].time;
  while (k > 0 && doses[k].time + tau > run.horizonHours + 1e-9) k--;
  const from = lowerIndex(run.times, doses[k].time);
  const to = lowerIndex(run.times, doses[k].time + tau);
  const reported = drug.reportedSpecies;
  const main = reported === "metabolite" ? series.metabolite! : series.parent;
  const metrics = levels(run, main, from, to, drug, reported);
  let other: LevelMetrics | null = null;
  if (series.metabolite) {
    const otherSpecies: Species = reported === "metabolite" ? "parent" : "metabolite";
    other = levels(
      run,
      otherSpecies === "metabolite" ? series.metabolite : series.parent,
      from,
      to,
      drug,
      otherSpecies,
    );
  }
  // Troughs just before each dose; steady state reached when all later ones are within 3%.
  const finalTrough = main[to];
  let first = doses.length - 1;
  for (let j = k; j >= 0; j--) {
    const c = main[lowerIndex(run.times, doses[j].time)];
    if (Math.abs(c - finalTrough) > 0.03 * finalTrough) break;
    first = j;
  }
  const multiplier = series.clearanceMultiplier[to];
  const metaboliteMultiplier = series.metaboliteMultiplier[to];
  const model = buildModel(drug, run.patient);
  let halfLife: number;
  if (reported === "metabolite") {
    halfLife = (Math.LN2 * model.metaboliteVolume) / (model.metaboliteClearance * metaboliteMultiplier);
  } else if (model.vmaxPerHour > 0) {
    halfLife = (Math.LN2 * model.volume * (model.km + metrics.average)) / (model.vmaxPerHour * multiplier);
  } else if (model.peripheral >= 0) {
    const k10 = (model.clearance * multiplier) / model.volume;
    const k12 = model.q / model.volume;
    const k21 = model.q / model.volume2;
    const sum = k10 + k12 + k21;
    const beta = (sum - Math.sqrt(sum * sum - 4 * k10 * k21)) / 2;
    halfLife = Math.LN2 / beta;
  } else {
    halfLife = (Math.LN2 * model.volume) / (model.clearance * multiplier);
  }
  return {
    ...metrics,
    drug: drug.id,
    halfLifeHours: halfLife,
    timeToSteadyStateDays: (doses[Math.min(first, k)].time - doses[0].time) / 24,
    intervalHours: tau,
    clearanceMultiplier: multiplier,
    other,
  };
}

/** A horizon (days) long enough for steady state of every drug in the regimen, inductions included. */
export function defaultHorizonDays(entries: readonly RegimenEntry[]): number {
  let longest = 0;
  for (const e of entries) {
    const d = findDrug(e.drug);
    const el = d.pk.elimination;
    const t =
      el.kind === "linear"
        ? el.halfLife.value
        : el.kind === "clearance"
          ? 24
          : Math.max(42, d.checks.halfLife.high);
    const metabolite = d.pk.metabolite ? d.pk.metabolite.halfLife.value : 0;
    longest = Math.max(longest, t, metabolite, d.checks.halfLife.high);
  }
  return Math.min(365, Math.max(56, Math.ceil((10 * longest) / 24)));
}

/**
 * The concentration (mg/L, reported species) above which a trial counts as not tolerated: the
 * catalogue's adverse-effect concentration, or where none is published the steady-state peak at
 * the maximal labelled daily dose (a trial at or below the label maximum is then tolerated).
 */
export function adverseThreshold(drugName: string, weightKg: number): number {
  const drug = findDrug(drugName);
  if (drug.adverseConcentration) return drug.adverseConcentration.value;
  const every = 24 / drug.dosing.dosesPerDay.value;
  const daily = maximalDailyMg(drug, weightKg);
  const entries = [{ drug: drug.id, dose: daily / drug.dosing.dosesPerDay.value, every }];
  const run = simulatePk(entries, { weightKg }, { horizonHours: defaultHorizonDays(entries) * 24 });
  return steadyState(run, drug.id).peak;
}
