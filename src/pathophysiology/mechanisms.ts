/**
 * A patient's mechanisms (lesions, neuroinflammation, neuromodulator tone, channel variants) →
 * per-region parameters of the network model, the seizure propensity they imply, and the share
 * of each mechanism.
 *
 * Per region i and mechanism m the circuit effects E_m,i (effects.ts) give a shift of the
 * Epileptor excitability through the cell → network bridge, Δx0_m,i = κ · EI(E_m,i)
 * (src/bridges/cell-to-network.ts). Because the E/I index is a sum of logarithms of factors that
 * multiply across mechanisms, the shifts add exactly: Δx0_i = Σ_m Δx0_m,i = κ · EI(Π_m E_m,i).
 * The region's x0 is its zone (or per-region) value plus Δx0_i. Lesions also scale the weights
 * of every edge of a lesioned region (w_ij × c_i × c_j). For the Wendling model the same composed
 * effects scale the region's gains A, B, G (effects.wendlingGains).
 *
 * Propensity (src/bridges/propensity.ts) is read at the x0 of the most excitable region of the
 * epileptogenic zone (of all regions if no EZ is given) and of its most strongly connected
 * neighbour. The breakdown removes one mechanism at a time (its Δx0 at those two regions) and
 * reads the propensity again: `seizuresPerDayWithout`.
 *
 * Inflammation is one lumped state (Batulin et al. 2022, inflammation.ts) applied to the listed
 * regions (default: the EZ and the lesioned regions). It is given directly, or computed by
 * running the inflammation model from a healthy state for `daysSinceOnset` days with the insult,
 * the lesions' chronic inflammatory drive, an optional treatment, and seizure feedback that is
 * either the model's intrinsic S(I, R) or the propensity of the patient as inflammation evolves
 * (the closed loop seizures → inflammation → excitability → seizures).
 */
import { regionIndex, type Connectome } from "../connectome/connectome.js";
import { epileptorX0Shift, variantEffects, type CellCalibration } from "../bridges/cell-to-network.js";
import { propensity, type Propensity, type PropensityTable } from "../bridges/propensity.js";
import {
  composeEffects,
  EFFECT_NAMES,
  logExcitationInhibition,
  wendlingGains,
  type CircuitEffects,
} from "./effects.js";
import {
  HEALTHY,
  inflammationEffects,
  pgpFactor,
  runInflammationSchedule,
  type InflammationState,
  type InflammationVariable,
} from "./inflammation.js";
import { lesionConnectivity, lesionEffects, lesionInflammatoryDrive, type LesionId } from "./lesions.js";
import { neuromodulatorEffects } from "./neuromodulators.js";
import { findVariant } from "./variants.js";
import type { Zone } from "./epileptogenic-zones.js";

export interface PatientMechanisms {
  readonly lesions: readonly {
    readonly type: LesionId;
    readonly regions: readonly string[];
    readonly severity: number;
  }[];
  readonly inflammation?: {
    readonly regions?: readonly string[];
    readonly state?: InflammationState;
    readonly insult?: {
      readonly target: InflammationVariable;
      readonly amplitude: number;
      readonly days: number;
    };
    readonly daysSinceOnset: number;
    readonly treatment?: {
      readonly antiInflammatory: number;
      readonly barrierRepair: number;
      readonly startDay: number;
      readonly days: number;
    };
    readonly seizureFeedback: "intrinsic" | "propensity";
  };
  readonly neuromodulators?: { readonly serotonin: number; readonly noradrenaline: number };
  readonly variants: readonly string[];
}

/** One mechanism's effects on the regions it touches. */
interface Mechanism {
  readonly name: string;
  readonly effects: Map<number, CircuitEffects>;
  readonly connectivity: Map<number, number>;
}

export interface DerivedRegion {
  readonly region: string;
  readonly zone: Zone;
  readonly x0Base: number;
  readonly deltaX0: number;
  readonly x0: number;
  /** Δx0 per mechanism (sums to deltaX0). */
  readonly contributions: Record<string, number>;
  readonly logExcitationInhibition: number;
  /** Factors different from 1. */
  readonly effects: Partial<Record<keyof CircuitEffects, number>>;
  /** Scale factors of the Wendling gains A, B, G. */
  readonly wendling: { A: number; B: number; G: number };
  readonly connectivity: number;
}

export interface BreakdownEntry {
  readonly mechanism: string;
  readonly seizuresPerDayWithout: number;
  /** Δx0 of this mechanism at the propensity's EZ region. */
  readonly deltaX0: number;
}

export interface MechanismResult {
  readonly x0: Float64Array;
  readonly weights: Float64Array;
  readonly derived: DerivedRegion[];
  readonly propensity: Propensity & {
    readonly region: string;
    readonly neighbour: string;
    readonly x0: number;
    readonly x0Neighbour: number;
  };
  readonly breakdown: BreakdownEntry[];
  /** Total Δx0 at the propensity's EZ region. */
  readonly deltaX0: number;
  /** Per-region factors of the Wendling gains (1 where no mechanism acts). */
  readonly wendlingScales: { A: Float64Array; B: Float64Array; G: Float64Array };
  readonly inflammation: (InflammationState & { readonly pgp: number }) | null;
}

export interface MechanismInputs {
  readonly connectome: Connectome;
  readonly epileptogenicZone: readonly string[];
  readonly x0: Float64Array;
  readonly zones: readonly Zone[];
  readonly calibration: CellCalibration;
  readonly table: PropensityTable;
}

const WHERE = "patient.mechanisms";

function regionIndices(connectome: Connectome, labels: readonly string[], field: string): number[] {
  return labels.map((label, k) => regionIndex(connectome, label, `${field}[${k}]`));
}

/** The regions (EZ, neighbour) at which propensity is read, from x0 and weights. */
function propensityRegions(
  x0: Float64Array,
  weights: Float64Array,
  n: number,
  ez: readonly number[],
): [number, number] {
  const candidates = ez.length > 0 ? ez : Array.from({ length: n }, (_, i) => i);
  let focus = candidates[0];
  for (const i of candidates) if (x0[i] > x0[focus]) focus = i;
  let neighbour = -1;
  for (let j = 0; j < n; j++) {
    if (j === focus) continue;
    if (neighbour < 0 || weights[focus * n + j] > weights[focus * n + neighbour]) neighbour = j;
  }
  return [focus, neighbour < 0 ? focus : neighbour];
}

function inflammationState(
  spec: NonNullable<PatientMechanisms["inflammation"]>,
  lesionDrive: number,
  seizuresPerDay: (state: InflammationState) => number,
): InflammationState {
  if (spec.state !== undefined) return spec.state;
  const insults = [];
  if (spec.insult !== undefined) insults.push({ ...spec.insult, startDay: 0 });
  if (lesionDrive > 0)
    insults.push({ target: "I" as const, amplitude: lesionDrive, startDay: 0, days: spec.daysSinceOnset });
  const trajectory = runInflammationSchedule(HEALTHY, {
    days: Math.max(spec.daysSinceOnset, 1e-9),
    insults,
    treatments: spec.treatment ? [spec.treatment] : [],
    sampleEveryDays: Math.max(spec.daysSinceOnset, 1e-9) / Math.max(1, Math.round(spec.daysSinceOnset)),
    seizuresPerDay: spec.seizureFeedback === "propensity" ? seizuresPerDay : undefined,
  });
  return trajectory.final;
}

/** Apply a patient's mechanisms (see the module comment). */
export function applyMechanisms(mechanisms: PatientMechanisms, inputs: MechanismInputs): MechanismResult {
  const { connectome, calibration, table } = inputs;
  const n = connectome.labels.length;
  const ez = regionIndices(connectome, inputs.epileptogenicZone, "patient.epileptogenicZone");
  const list: Mechanism[] = [];

  const lesionRegions = new Set<number>();
  let lesionDrive = 0;
  mechanisms.lesions.forEach((lesion, k) => {
    const where = `${WHERE}.lesions[${k}]`;
    const e = lesionEffects(lesion.type, lesion.severity, where);
    const c = lesionConnectivity(lesion.type, lesion.severity, where);
    lesionDrive += lesionInflammatoryDrive(lesion.type, lesion.severity, where);
    const regions = regionIndices(connectome, lesion.regions, `${where}.regions`);
    list.push({
      name: `lesion ${lesion.type} (${lesion.regions.join(", ")})`,
      effects: new Map(regions.map((i) => [i, e])),
      connectivity: new Map(regions.map((i) => [i, c])),
    });
    regions.forEach((i) => lesionRegions.add(i));
  });

  const global = (e: CircuitEffects) =>
    new Map(Array.from({ length: n }, (_, i) => [i, e] as [number, CircuitEffects]));
  if (mechanisms.neuromodulators !== undefined) {
    list.push({
      name: "neuromodulators",
      effects: global(neuromodulatorEffects(mechanisms.neuromodulators, `${WHERE}.neuromodulators`)),
      connectivity: new Map(),
    });
  }
  mechanisms.variants.forEach((name, k) => {
    let id: string;
    try {
      id = findVariant(name).id;
    } catch (err) {
      throw new RangeError(`${WHERE}.variants[${k}]: ${(err as Error).message}`);
    }
    list.push({
      name: `variant ${id}`,
      effects: global(variantEffects([id], calibration)),
      connectivity: new Map(),
    });
  });

  // Everything but inflammation, so that the propensity loop can add the evolving inflammation.
  const base = derive(list, inputs);
  let inflammation: MechanismResult["inflammation"] = null;
  const spec = mechanisms.inflammation;
  if (spec !== undefined) {
    const where = `${WHERE}.inflammation`;
    const regions =
      spec.regions !== undefined
        ? regionIndices(connectome, spec.regions, `${where}.regions`)
        : [...new Set([...ez, ...lesionRegions])].sort((a, b) => a - b);
    if (regions.length === 0) {
      throw new RangeError(
        `${where}.regions: no region to inflame; list regions or give an epileptogenic zone or lesions`,
      );
    }
    const loop = (state: InflammationState) => {
      const shift = epileptorX0Shift(inflammationEffects(state), calibration);
      const inflamed = new Set(regions);
      return propensity(
        base.x0[base.focus] + (inflamed.has(base.focus) ? shift : 0),
        base.x0[base.neighbour] + (inflamed.has(base.neighbour) ? shift : 0),
        table,
      ).seizuresPerDay;
    };
    const state = inflammationState(spec, lesionDrive, loop);
    inflammation = { ...state, pgp: pgpFactor(state) };
    const e = inflammationEffects(state);
    list.push({
      name: "inflammation",
      effects: new Map(regions.map((i) => [i, e])),
      connectivity: new Map(),
    });
  }
  const all = derive(list, inputs);
  const rates = (x0: number, x0Neighbour: number) => propensity(x0, x0Neighbour, table);
  const at = all.focus,
    nb = all.neighbour;
  const p = rates(all.x0[at], all.x0[nb]);
  const breakdown = list.map((m, k) => ({
    mechanism: m.name,
    seizuresPerDayWithout: rates(all.x0[at] - all.shifts[k][at], all.x0[nb] - all.shifts[k][nb])
      .seizuresPerDay,
    deltaX0: all.shifts[k][at],
  }));
  return {
    x0: all.x0,
    weights: all.weights,
    derived: all.derived,
    propensity: {
      ...p,
      region: connectome.labels[at],
      neighbour: connectome.labels[nb],
      x0: all.x0[at],
      x0Neighbour: all.x0[nb],
    },
    breakdown,
    deltaX0: all.x0[at] - inputs.x0[at],
    wendlingScales: all.wendlingScales,
    inflammation,
  };
}

function derive(list: readonly Mechanism[], inputs: MechanismInputs) {
  const { connectome, calibration } = inputs;
  const n = connectome.labels.length;
  const shifts = list.map((m) => {
    const s = new Float64Array(n);
    for (const [i, e] of m.effects) s[i] = epileptorX0Shift(e, calibration);
    return s;
  });
  const x0 = Float64Array.from(inputs.x0);
  const connectivity = new Float64Array(n).fill(1);
  const derived: DerivedRegion[] = [];
  const wendlingScales = {
    A: new Float64Array(n).fill(1),
    B: new Float64Array(n).fill(1),
    G: new Float64Array(n).fill(1),
  };
  for (let i = 0; i < n; i++) {
    const touching = list
      .map((m, k) => [m, k] as const)
      .filter(([m]) => m.effects.has(i) || m.connectivity.has(i));
    if (touching.length === 0) continue;
    const composed = composeEffects(
      ...touching.filter(([m]) => m.effects.has(i)).map(([m]) => m.effects.get(i)!),
    );
    const contributions: Record<string, number> = {};
    let delta = 0;
    for (const [m, k] of touching) {
      contributions[m.name] = shifts[k][i];
      delta += shifts[k][i];
      connectivity[i] *= m.connectivity.get(i) ?? 1;
    }
    x0[i] = inputs.x0[i] + delta;
    if (!(x0[i] >= -5 && x0[i] <= 1)) {
      throw new RangeError(
        `${WHERE}: region ${connectome.labels[i]} gets x0 = ${x0[i].toFixed(3)} (base ${inputs.x0[i]} + Δx0 ${delta.toFixed(3)}), outside the Epileptor's allowed [-5, 1]; lower severities or tones`,
      );
    }
    const gains = wendlingGains(composed);
    wendlingScales.A[i] = gains.A;
    wendlingScales.B[i] = gains.B;
    wendlingScales.G[i] = gains.G;
    const changed: Partial<Record<keyof CircuitEffects, number>> = {};
    for (const name of EFFECT_NAMES) if (composed[name] !== 1) changed[name] = composed[name];
    derived.push({
      region: connectome.labels[i],
      zone: inputs.zones[i],
      x0Base: inputs.x0[i],
      deltaX0: delta,
      x0: x0[i],
      contributions,
      logExcitationInhibition: logExcitationInhibition(composed),
      effects: changed,
      wendling: gains,
      connectivity: connectivity[i],
    });
  }
  const weights = Float64Array.from(connectome.weights);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) weights[i * n + j] *= connectivity[i] * connectivity[j];
  const ez = regionIndices(connectome, inputs.epileptogenicZone, "patient.epileptogenicZone");
  const [focus, neighbour] = propensityRegions(x0, weights, n, ez);
  return { x0, weights, derived, shifts, focus, neighbour, wendlingScales };
}
