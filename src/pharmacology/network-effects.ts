/**
 * INTERIM direct mapping of drug effects onto the network scale: target effects → a shift of the
 * Epileptor excitability x0 (Jirsa et al. 2014). Callers should not call it directly but
 * `networkDrugShift` (src/bridges/drugs-to-network.ts), which chooses between this mapping and the
 * cell → network bridge (drugNetworkShift); docs/models/drugs.md §5 says why this one is still the
 * default. Nothing here is fitted to data: the weights are modelling assumptions chosen only
 * so that a full effect on a major target moves a node by a few tenths of x0 (the distance between
 * an epileptogenic node, x0 ≈ −1.6, and the threshold −2.06 of epileptor.md).
 *
 *   per binding site      e = θ · efficacy,  efficacy = min(1, |Ē| / reference)
 *                         (reference: 1 for fractions, 30 mV for the Kv7 shift); θ and Ē from
 *                         cell-effects.ts `siteOccupancy`: ligands of one shared site (catalogue
 *                         `site`, e.g. clobazam and N-desmethylclobazam) compete for it, so they
 *                         give one occupancy θ and an occupancy-weighted Emax Ē; an effect
 *                         without a shared site is its own group (θ = its occupancy, Ē = its Emax)
 *   per target            E_t = 1 − Π_sites (1 − e)             (independent actions)
 *   network               Δx0 = −gain · Σ_t w_t · E_t + offset
 *
 * `gain` (network resistance: a given occupancy controls less) and `offset` (intrinsic severity)
 * and per-target weight overrides (gene variants, e.g. SCN1A loss of function flips the sign of
 * Na block) come from resistance.ts.
 */
import type { TargetName } from "./catalogue.js";
import type { TargetEffect } from "./pharmacodynamics.js";
import { groupBySite, siteOccupancy } from "./cell-effects.js";

export interface TargetWeight {
  /** Δx0 per unit combined effect (x0 units, positive = anti-seizure). */
  readonly weight: number;
  readonly note: string;
}

const NOTE = "interim assumption, not calibrated";

export const NETWORK_TARGET_WEIGHTS: Readonly<Record<TargetName, TargetWeight>> = {
  nav: { weight: 0.3, note: `${NOTE}; Na-channel block reduces excitability of excitatory cells` },
  nap: { weight: 0.15, note: `${NOTE}; INaP sets near-threshold excitability` },
  gabaA: { weight: 0.3, note: `${NOTE}; enhanced inhibition` },
  kv7: { weight: 0.2, note: `${NOTE}; M current stabilises resting potential` },
  cav3: { weight: 0.1, note: `${NOTE}; T-type block matters mostly for absence (thalamic) seizures` },
  ampa: { weight: 0.3, note: `${NOTE}; excitatory synaptic gain` },
  sv2a: { weight: 0.2, note: `${NOTE}; release probability` },
  carbonicAnhydrase: { weight: 0.05, note: `${NOTE}; small, mechanism indirect` },
  serotonin: {
    weight: 0.25,
    note: `${NOTE}; fenfluramine's serotonergic action (Lagae 2019 effect size is clinical)`,
  },
  mtorc1: {
    weight: 0.2,
    note: `${NOTE}; disease-modifying (EXIST-3), slow in reality but applied directly here`,
  },
  gpr55: { weight: 0.15, note: `${NOTE}; cannabidiol's non-channel mechanisms` },
};

export interface NetworkModifiers {
  /** Multiplies every target's contribution (network resistance < 1). */
  readonly gain?: number;
  /** Added to Δx0 (intrinsic severity > 0 = more excitable). */
  readonly offset?: number;
  /** Replacement weights for some targets (gene variants). */
  readonly weights?: Partial<Record<TargetName, number>>;
}

export interface NetworkEffect {
  readonly x0Shift: number;
  readonly perTarget: readonly {
    readonly target: TargetName;
    readonly combined: number;
    readonly contribution: number;
  }[];
}

/** Combined effect e = θ·efficacy of one group of ligands at one site (see the header). */
function siteEffect(group: readonly TargetEffect[]): number {
  const reference = group[0]!.unit === "mV" ? 30 : 1;
  if (group.length === 1) {
    const e = group[0]!;
    return e.occupancy * Math.min(1, Math.abs(e.maxEffect) / reference);
  }
  const s = siteOccupancy(group);
  if (s.occupancy === 0) return 0;
  // s.effect = θ·Ē, so Ē = s.effect/θ.
  return s.occupancy * Math.min(1, Math.abs(s.effect / s.occupancy) / reference);
}

/** Δx0 of the interim mapping for a list of target effects. */
export function networkExcitabilityShift(
  effects: readonly TargetEffect[],
  modifiers: NetworkModifiers = {},
): NetworkEffect {
  const gain = modifiers.gain ?? 1;
  const offset = modifiers.offset ?? 0;
  if (!(gain >= 0 && gain <= 10)) throw new RangeError(`network gain = ${gain} outside [0, 10]`);
  if (!(Math.abs(offset) <= 2)) throw new RangeError(`network offset = ${offset} outside [-2, 2] (x0 units)`);
  const remaining = new Map<TargetName, number>();
  for (const group of groupBySite(effects)) {
    const target = group[0]!.target;
    remaining.set(target, (remaining.get(target) ?? 1) * (1 - siteEffect(group)));
  }
  const perTarget = [...remaining.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([target, rest]) => {
      const w = modifiers.weights?.[target] ?? NETWORK_TARGET_WEIGHTS[target].weight;
      return { target, combined: 1 - rest, contribution: -gain * w * (1 - rest) };
    });
  const x0Shift = perTarget.reduce((s, p) => s + p.contribution, 0) + offset;
  return { x0Shift, perTarget };
}
