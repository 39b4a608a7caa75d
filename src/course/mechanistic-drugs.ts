/**
 * The drug chain of the mechanistic course model: a course dose fraction → a daily dose → steady-
 * state plasma levels (src/pharmacology/pk.ts) → unbound brain levels behind the blood–brain
 * barrier with the patient's current P-glycoprotein expression (pk.ts brainPartition, the Kp,uu
 * formula of inflammation_modulation.md §4) → target occupancy (pharmacodynamics.ts, Hill) →
 * a shift of the Epileptor excitability x0 (network-effects.ts, the pharmacology layer's interim
 * occupancy → x0 mapping, with the resistance hypotheses of resistance.ts as modifiers).
 *
 * Dose: the course's dose fraction 1 ("usual target maintenance dose") is the geometric mean of
 * the catalogue's usual daily range (drugs.md §2; e.g. carbamazepine
 * 800 mg/day, lamotrigine 224 mg/day), per kg for drugs dosed per kg, within the catalogue's
 * absolute cap (mg/day) where it has one; the daily dose is split into the catalogue's doses per
 * day. This choice is ours: the policy starts at half of it and escalates towards the course's
 * maximal dose, as the Glasgow clinic did (Kwan & Brodie 2001). The maximal dose is the one of
 * drugs.ts (`maxDoseFraction`: the top of the catalogue's usual daily range), within the same
 * absolute cap; a larger dose fraction gets the maximal dose's levels (the policy never asks for
 * one and trial arms are refused above it).
 *
 * Cost: levels are steady-state averages of a PK run of the drug alone, computed once per
 * (drug, body weight) and scaled linearly with the dose; drugs with non-linear kinetics
 * (Michaelis–Menten phenytoin, carbamazepine autoinduction) are run on a dose grid of 1/20 of the
 * target dose and interpolated. A patient's clearance factor (the pharmacokinetic hypothesis:
 * fast or slow metabolisers) divides the parent's level (exact for linear kinetics at steady
 * state; for phenytoin it understates the effect of saturable elimination: a stated deviation).
 * The active metabolite's steady-state level does not depend on the parent's clearance (all
 * eliminated parent forms it in the same proportion), so the factor leaves it unchanged.
 *
 * Deviations: steady state at every dose (no lag while titrating; with half-lives of hours to
 * two days it is reached within the course's one-week scale except for phenobarbital and
 * perampanel); drug–drug interactions are not applied (each drug's levels are its
 * monotherapy levels); brain equilibrium is instantaneous (as in pk.ts).
 */
import { findDrug, type Drug, type Species, type TargetName } from "../pharmacology/catalogue.js";
import { INTERACTIONS } from "../pharmacology/interactions.js";
import { brainLevelFromPlasma, targetEffects, type BrainLevel } from "../pharmacology/pharmacodynamics.js";
import { defaultHorizonDays, simulatePk, steadyState } from "../pharmacology/pk.js";
import { networkDrugShift } from "../bridges/drugs-to-network.js";
import { maxDoseFraction, usualTargetDaily } from "./drugs.js";

/** Steady-state average total plasma levels (mg/L) of the acting species. */
interface SpeciesLevels {
  readonly parent: number;
  /** 0 when the drug has no active metabolite. */
  readonly metabolite: number;
}

const DOSE_GRID = 20;

/** The course's target daily dose (mg/day) of a drug at a body weight (module comment). */
export function targetDailyMg(drug: Drug, weightKg: number): number {
  const perDay = usualTargetDaily(drug.dosing) * (drug.dosing.perKg ? weightKg : 1);
  return drug.dosing.capMgPerDay ? Math.min(perDay, drug.dosing.capMgPerDay.value) : perDay;
}

/**
 * The course's maximal dose as a fraction of the target dose at a body weight: drugs.ts's
 * `maxDoseFraction`, lower where the catalogue's absolute cap (mg/day) binds first.
 */
export function maximalFraction(drug: Drug, weightKg: number): number {
  const top = maxDoseFraction(drug.dosing);
  const cap = drug.dosing.capMgPerDay?.value;
  return cap === undefined ? top : Math.min(top, cap / targetDailyMg(drug, weightKg));
}

/** The course's maximal daily dose (mg/day) of a drug at a body weight (module comment). */
export function maximalCourseDailyMg(drug: Drug, weightKg: number): number {
  return maximalFraction(drug, weightKg) * targetDailyMg(drug, weightKg);
}

function nonLinear(drug: Drug): boolean {
  return (
    drug.pk.elimination.kind === "michaelisMenten" ||
    INTERACTIONS.some((x) => x.perpetrator === drug.id && x.victim === drug.id)
  );
}

/**
 * Steady-state levels per (drug, weight, dose), memoised. Pure: the same key always gives the same
 * numbers whatever the order of requests, so a cache per worker keeps results identical for any
 * number of workers.
 */
export class SteadyStateLevels {
  private readonly cache = new Map<string, SpeciesLevels>();
  /** PK runs done (the cost of the cache). */
  runs = 0;

  private run(drug: Drug, weightKg: number, dailyMg: number): SpeciesLevels {
    const key = `${drug.id}/${weightKg}/${dailyMg}`;
    let levels = this.cache.get(key);
    if (levels !== undefined) return levels;
    const n = drug.dosing.dosesPerDay.value;
    const entries = [{ drug: drug.id, dose: dailyMg / n, every: 24 / n }];
    const pk = simulatePk(
      entries,
      { weightKg },
      { horizonHours: defaultHorizonDays(entries) * 24, sampleHours: 1 },
    );
    const ss = steadyState(pk, drug.id);
    const of = (species: Species) =>
      ss.species === species ? ss.average : ss.other?.species === species ? ss.other.average : 0;
    levels = { parent: of("parent"), metabolite: of("metabolite") };
    this.runs++;
    this.cache.set(key, levels);
    return levels;
  }

  /**
   * Levels at `fraction` of the target dose, at most the maximal dose (see the module comment),
   * clearance factor 1.
   */
  at(drug: Drug, weightKg: number, fraction: number): SpeciesLevels {
    if (!(fraction > 0)) return { parent: 0, metabolite: 0 };
    const target = targetDailyMg(drug, weightKg);
    const top = maximalFraction(drug, weightKg);
    const f = Math.min(fraction, top);
    if (!nonLinear(drug)) {
      const unit = this.run(drug, weightKg, target);
      return { parent: unit.parent * f, metabolite: unit.metabolite * f };
    }
    // Grid of 1/DOSE_GRID of the target dose, its last point at the maximal dose.
    const x = f * DOSE_GRID;
    const k = Math.floor(x);
    const xHi = Math.min(k + 1, top * DOSE_GRID);
    const w = xHi > k ? (x - k) / (xHi - k) : 0;
    const lo = k === 0 ? { parent: 0, metabolite: 0 } : this.run(drug, weightKg, (target * k) / DOSE_GRID);
    if (w === 0) return lo;
    const hi = this.run(drug, weightKg, xHi === k + 1 ? (target * (k + 1)) / DOSE_GRID : target * top);
    return {
      parent: lo.parent + w * (hi.parent - lo.parent),
      metabolite: lo.metabolite + w * (hi.metabolite - lo.metabolite),
    };
  }
}

/** What the network shift depends on for one drug of one patient. */
export interface DrugInPatient {
  readonly drug: Drug;
  readonly doseFraction: number;
  /** Pharmacokinetic hypothesis: clearance multiple of the parent (1 = typical). */
  readonly clearanceFactor: number;
  /** EC50 multiplier of each of the drug's targets (target hypothesis and patient variability). */
  readonly potencyMultiplier: number;
}

export interface PatientNetworkModifiers {
  readonly weightKg: number;
  /** Relative P-gp expression at the blood–brain barrier now. */
  readonly pgpExpression: number;
  /** Network hypothesis: how much of a given occupancy reaches the network (1 = all). */
  readonly networkGain: number;
  /** Gene-variant target weights (resistance.ts VARIANT_TARGET_WEIGHTS). */
  readonly targetWeights: Partial<Record<TargetName, number>>;
  /** Extra EC50 multipliers keyed "drug:target" (target hypothesis, e.g. Remy et al. 2003). */
  readonly targetResistance: Readonly<Record<string, number>>;
  /** EC50 multipliers per target for every drug acting on it (target alterations present in the patient). */
  readonly targetAlteration?: Partial<Record<TargetName, number>>;
}

/** Unbound brain levels of the drugs now taken. */
export function brainLevels(
  drugs: readonly DrugInPatient[],
  m: PatientNetworkModifiers,
  levels: SteadyStateLevels,
): BrainLevel[] {
  const out: BrainLevel[] = [];
  for (const d of drugs) {
    const plasma = levels.at(d.drug, m.weightKg, d.doseFraction);
    if (plasma.parent > 0)
      out.push(brainLevelFromPlasma(d.drug.id, plasma.parent / d.clearanceFactor, m.pgpExpression, "parent"));
    if (plasma.metabolite > 0)
      out.push(brainLevelFromPlasma(d.drug.id, plasma.metabolite, m.pgpExpression, "metabolite"));
  }
  return out;
}

/** Δx0 of the EZ (negative = less excitable) produced by the drugs now taken. */
export function drugX0Shift(
  drugs: readonly DrugInPatient[],
  m: PatientNetworkModifiers,
  levels: SteadyStateLevels,
): number {
  if (drugs.length === 0) return 0;
  const potency: Record<string, number> = {};
  for (const d of drugs)
    for (const t of d.drug.targets) {
      const key = `${d.drug.id}:${t.target}`;
      potency[key] =
        d.potencyMultiplier * (m.targetResistance[key] ?? 1) * (m.targetAlteration?.[t.target] ?? 1);
    }
  const effects = targetEffects(brainLevels(drugs, m, levels), { potencyMultiplier: potency });
  // The interim per-target mapping, chosen explicitly: the course evaluates this for every regimen
  // of every patient, and the cell → network bridge costs seconds per evaluation (drugs.md §5).
  return networkDrugShift(effects, { gain: m.networkGain, weights: m.targetWeights }, { mapping: "interim" })
    .x0Shift;
}

/** The catalogue entry of a course drug name (same spelling, drugs.ts). */
export function catalogueDrug(name: string): Drug {
  return findDrug(name);
}
