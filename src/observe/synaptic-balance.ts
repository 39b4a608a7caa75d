/**
 * Excitation/inhibition balance of a population from its mean synaptic input
 * (engines/cell/synaptic-input.ts): glutamatergic (AMPA, NMDA) against GABAergic (GABA-A, GABA-B)
 * conductance and current, and their ratios.
 *
 *   inhibitionToExcitation.conductance = (g_GABA-A + g_GABA-B) / (g_AMPA + g_NMDA)
 *   inhibitionToExcitation.current     = −(I_GABA-A + I_GABA-B) / (I_AMPA + I_NMDA)
 *
 * with currents g·B(V)·(E_rev − V), positive = depolarising. The conductance ratio is what
 * slice estimates of "background" inhibition and excitation report (Greenhill SD, Jones RSG 2010,
 * Neuroscience 167:456: several antiseizure drugs raise it in entorhinal neurons); the current
 * ratio says how much of the excitatory drive the inhibition cancels at the cells' actual
 * potential (a GABA-A conductance near its reversal adds to the first and little to the second).
 * The ratios are null when the excitatory term is zero.
 */
import type { SynapticInput } from "../engines/cell/synaptic-input.js";

/** Receptor names of the cell engine's catalogue by transmitter (engines/cell/synapses.ts). */
export const GLUTAMATERGIC_RECEPTORS: readonly string[] = ["ampa", "nmda"];
export const GABAERGIC_RECEPTORS: readonly string[] = ["gabaA", "gabaB"];

export interface SynapticBalance {
  /** Per receptor: mean conductance (mS/cm²) and current (µA/cm², positive = depolarising). */
  readonly receptors: Readonly<Record<string, { conductance: number; current: number }>>;
  readonly excitation: { conductance: number; current: number };
  readonly inhibition: { conductance: number; current: number };
  readonly inhibitionToExcitation: { conductance: number | null; current: number | null };
  /** Mean membrane potential (mV). */
  readonly meanPotential: number;
}

export function synapticBalance(input: SynapticInput): SynapticBalance {
  const receptors: Record<string, { conductance: number; current: number }> = {};
  const excitation = { conductance: 0, current: 0 };
  const inhibition = { conductance: 0, current: 0 };
  for (const r of input.receptors) {
    receptors[r.receptor] = { conductance: r.conductance, current: r.current };
    const group = GLUTAMATERGIC_RECEPTORS.includes(r.receptor)
      ? excitation
      : GABAERGIC_RECEPTORS.includes(r.receptor)
        ? inhibition
        : null;
    if (group === null)
      throw new RangeError(`synapticBalance: receptor ${r.receptor} has no transmitter class`);
    group.conductance += r.conductance;
    group.current += r.current;
  }
  return {
    receptors,
    excitation,
    inhibition,
    inhibitionToExcitation: {
      conductance: excitation.conductance > 0 ? inhibition.conductance / excitation.conductance : null,
      current: excitation.current > 0 ? -inhibition.current / excitation.current : null,
    },
    meanPotential: input.meanPotential,
  };
}
