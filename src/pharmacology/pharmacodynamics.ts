/**
 * Pharmacodynamics: brain unbound concentration → occupancy of each target (Hill) → a
 * target-level effect list. Mapping onto engine parameters is done by cell-effects.ts (cell scale)
 * and network-effects.ts (network scale, interim).
 *
 *   occupancy  θ = C^n / (EC50^n + C^n)            (drugs.md §1, Hill/Emax)
 *   effect     E = Emax · θ                         (fraction, or mV for the Kv7 shift)
 *
 * θ and E here are each ligand's own, as if it were alone. Ligands of one shared binding site
 * (catalogue `site`: the Na local-anaesthetic site, the benzodiazepine site) compete; cell-effects.ts
 * combines them into one occupancy before any parameter is changed.
 *
 * C is the unbound brain concentration in µM (mg/L · 1000 / molar mass) of the species that acts
 * (parent or metabolite). A target-resistance setting multiplies EC50 of chosen (drug, target)
 * pairs (resistance.ts); for state-dependent Na block it multiplies K_I, capped at K_R.
 */
import {
  findDrug,
  mgPerLToMicromolar,
  type BindingSite,
  type Species,
  type TargetName,
} from "./catalogue.js";
import {
  brainPartition,
  defaultHorizonDays,
  fractionUnbound,
  type PkRun,
  simulatePk,
  steadyState,
} from "./pk.js";

/** Unbound brain concentration of one species of one drug. */
export interface BrainLevel {
  readonly drug: string;
  readonly species: Species;
  /** mg/L unbound in brain extracellular fluid. */
  readonly unboundMgPerL: number;
}

export interface TargetEffect {
  readonly drug: string;
  readonly species: Species;
  readonly target: TargetName;
  readonly action: string;
  /** Unbound brain concentration (µM). */
  readonly concentration: number;
  /** Potency in use (µM), after any resistance multiplier. */
  readonly potency: number;
  /** Resting-state K_R (µM) for modulated-receptor Na block, after any multiplier. */
  readonly restingKd: number | null;
  /** Binding rate k_on to inactivated Na channels (1/(µM·ms)) of a modulated-receptor blocker. */
  readonly bindingRate: number | null;
  /** Shared binding site (catalogue `site`); ligands of one site are combined by cell-effects.ts. */
  readonly site: BindingSite | null;
  readonly hill: number;
  readonly occupancy: number;
  /** Occupancy × maximal effect, in `unit`. */
  readonly fraction: number;
  readonly unit: string;
  readonly maxEffect: number;
}

export interface PharmacodynamicOptions {
  /** EC50 multiplier for (drug, target) pairs, keyed "drug:target" or "*:target" (target resistance). */
  readonly potencyMultiplier?: Readonly<Record<string, number>>;
}

export function hillOccupancy(concentration: number, potency: number, hill: number): number {
  if (!(concentration >= 0) || !(potency > 0) || !(hill > 0)) {
    throw new RangeError(
      `occupancy needs C >= 0, EC50 > 0, n > 0 (got ${concentration}, ${potency}, ${hill})`,
    );
  }
  if (concentration === 0) return 0;
  const r = (concentration / potency) ** hill;
  return r / (1 + r);
}

function multiplierFor(o: PharmacodynamicOptions | undefined, drug: string, target: string): number {
  const m = o?.potencyMultiplier?.[`${drug}:${target}`] ?? o?.potencyMultiplier?.[`*:${target}`] ?? 1;
  if (!(m > 0 && m <= 1e4))
    throw new RangeError(`potencyMultiplier ${drug}:${target} = ${m} outside (0, 1e4]`);
  return m;
}

/** Every (drug, species, target) effect for the given brain levels, in catalogue order. */
export function targetEffects(
  levels: readonly BrainLevel[],
  options?: PharmacodynamicOptions,
): TargetEffect[] {
  const out: TargetEffect[] = [];
  for (const level of levels) {
    const drug = findDrug(level.drug);
    if (!(level.unboundMgPerL >= 0 && Number.isFinite(level.unboundMgPerL)))
      throw new RangeError(`brain level of ${drug.id} (${level.species}) must be a finite number >= 0 mg/L`);
    const molarMass =
      level.species === "metabolite" ? drug.pk.metabolite!.molarMass.value : drug.molarMass.value;
    const c = mgPerLToMicromolar(level.unboundMgPerL, molarMass);
    for (const t of drug.targets) {
      if (t.species !== level.species) continue;
      const m = multiplierFor(options, drug.id, t.target);
      // For state-dependent Na block the multiplier acts on the inactivated-state affinity only
      // (Remy et al. 2003: use-dependent block lost), never beyond the resting affinity.
      const potency = t.restingKd ? Math.min(t.potency.value * m, t.restingKd.value) : t.potency.value * m;
      const theta = hillOccupancy(c, potency, t.hill.value);
      out.push({
        drug: drug.id,
        species: level.species,
        target: t.target,
        action: t.action,
        concentration: c,
        potency,
        restingKd: t.restingKd ? t.restingKd.value : null,
        // M⁻¹s⁻¹ → µM⁻¹ms⁻¹: × 1e-6 (per µM) × 1e-3 (per ms)
        bindingRate: t.bindingRate ? t.bindingRate.value * 1e-9 : null,
        site: t.site ?? null,
        hill: t.hill.value,
        occupancy: theta,
        fraction: theta * t.maxEffect.value,
        unit: t.maxEffect.unit,
        maxEffect: t.maxEffect.value,
      });
    }
  }
  return out;
}

/**
 * Target effects at steady state on the midpoint of a drug's usual daily dose (catalogue
 * `dosing.usualDaily`, per kg at `weightKg` where the label doses per kg), split into its usual
 * number of doses a day: the reference point of the per-drug tables of docs/models/drugs.md §5
 * and of the cell-scale experiments (scripts/).
 */
export function usualDoseTargetEffects(drugId: string, weightKg = 70): TargetEffect[] {
  const drug = findDrug(drugId);
  const d = drug.dosing;
  const daily = 0.5 * (d.usualDaily.low + d.usualDaily.high);
  const perDay = d.dosesPerDay.value;
  const dose = (d.perKg ? daily * weightKg : daily) / perDay;
  const entries = [{ drug: drug.id, dose, every: 24 / perDay }];
  const run = simulatePk(entries, { weightKg }, { horizonHours: defaultHorizonDays(entries) * 24 });
  return targetEffects(brainLevelsAtSteadyState(run));
}

/** Brain unbound levels (steady-state averages) of every drug of a PK run, both species. */
export function brainLevelsAtSteadyState(run: PkRun): BrainLevel[] {
  const levels: BrainLevel[] = [];
  const pgp = run.patient.pgpExpression ?? 1;
  for (const series of run.drugs) {
    const drug = findDrug(series.drug);
    const ss = steadyState(run, drug.id);
    const kp = brainPartition(drug, pgp);
    const all = ss.other ? [ss, ss.other] : [ss];
    for (const m of all) {
      levels.push({
        drug: drug.id,
        species: m.species,
        unboundMgPerL: m.average * fractionUnbound(drug, m.species) * kp,
      });
    }
  }
  return levels;
}

/** Brain unbound level (mg/L) from a total plasma concentration (mg/L) of one species. */
export function brainLevelFromPlasma(
  drugName: string,
  plasmaMgPerL: number,
  pgpExpression = 1,
  species: Species = "parent",
): BrainLevel {
  const drug = findDrug(drugName);
  return {
    drug: drug.id,
    species,
    unboundMgPerL: plasmaMgPerL * fractionUnbound(drug, species) * brainPartition(drug, pgpExpression),
  };
}
