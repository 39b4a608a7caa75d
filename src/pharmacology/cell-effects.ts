/**
 * Drug effects at the cell scale: the target-level effect list (pharmacodynamics.ts) becomes
 * edits of neuron models and synapses, in the same form as channel variants
 * (pathophysiology/variants.ts), and is applied by the same function (`applyEdits`), so drug edits
 * compose with each other and with variants by one rule: conductance scales multiply, voltage
 * shifts add.
 *
 * Mappings (per target):
 *   nav, state-dependent blockers (carbamazepine, phenytoin, lamotrigine, MHD): the modulated-
 *     receptor model (Hille 1977; Bean BP, Cohen CJ, Tsien RW (1983) J Gen Physiol 81:613). A drug
 *     binding resting channels with K_R and inactivated channels with K_I ≪ K_R leaves the fraction
 *         available(V) = h∞(V − ΔV) / (1 + C/K_R),   ΔV = −k·ln[(1 + C/K_I)/(1 + C/K_R)],
 *     with k the slope factor of h∞ (taken from the model's own h curve at its midpoint). Drugs at
 *     the one shared site (Kuo 1998, Mol Pharmacol 54:712) compete: C/K sums run over them. Block
 *     thus grows with depolarisation and with time spent inactivated (firing): this is the use
 *     dependence. Deviation: binding kinetics (slow, Kuo & Bean 1994) are not modelled, the block
 *     is the equilibrium one → ḡNa × 1/(1 + ΣC/K_R) and h shifted by ΔV.
 *   nav, other drugs (lacosamide's slow inactivation, valproate, topiramate, zonisamide,
 *     cannabidiol): ḡNa × (1 − effect).
 *   nap: ḡNaP × (1 − effect).  cav3: ḡCaT × (1 − effect).
 *   kv7 (retigabine): M-current activation z shifted by the effect (mV, negative = opening).
 *   gabaA: GABA-A synaptic conductance × (1 + effect). Deviation: barbiturates and stiripentol
 *     prolong openings (longer decay); scaling the conductance by the same factor gives the same
 *     inhibitory charge per event, not the same time course.
 *   ampa: AMPA synaptic conductance × (1 − effect).
 *   sv2a: lower release probability, as every synaptic weight × (1 − effect) (a modelling
 *     assumption: SV2A ligands reduce release mainly during high-frequency trains).
 *   carbonicAnhydrase, serotonin, mtorc1, gpr55: no cell-level counterpart in the engines; they act
 *     through network-effects.ts only.
 */
import { gateSteadyState } from "../engines/cell/channels.js";
import type { NeuronModel } from "../engines/cell/population.js";
import {
  applyEdits,
  editsFor,
  synapticScalesOf,
  type CellType,
  type OriginEdit,
  type VariantEdit,
  type VariantRef,
} from "../pathophysiology/variants.js";
import type { TargetEffect } from "./pharmacodynamics.js";

const BEAN_1983 = "modulated-receptor model: Bean BP, Cohen CJ, Tsien RW (1983) J Gen Physiol 81:613";
const KUO_1998 = "one shared anticonvulsant site: Kuo CC (1998) Mol Pharmacol 54:712";
const HILL_MAPPING = "drugs.md §1: P_drug = P_0·(1 − effect) for inhibitors, P_0·(1 + effect) for enhancers";

/** Slope factor k (mV) of a gate's steady-state curve at its midpoint: k = 1/(4·|dx∞/dV|). */
export function gateSlopeFactor(model: NeuronModel, channel: string, gate: string): number {
  const c = model.channels.find((x) => x.name === channel);
  const g = c?.gates.find((x) => x.name === gate);
  if (!g) throw new RangeError(`model ${model.name} has no gate ${channel}.${gate}`);
  const f = (v: number) => gateSteadyState(g, v) - 0.5;
  let lo = -150;
  let hi = 60;
  if (Math.sign(f(lo)) === Math.sign(f(hi)))
    throw new RangeError(`${channel}.${gate}: no midpoint in [-150, 60] mV`);
  for (let i = 0; i < 80; i++) {
    const mid = 0.5 * (lo + hi);
    if (Math.sign(f(mid)) === Math.sign(f(lo))) lo = mid;
    else hi = mid;
  }
  const v = 0.5 * (lo + hi);
  const slope = (gateSteadyState(g, v + 0.01) - gateSteadyState(g, v - 0.01)) / 0.02;
  return 1 / (4 * Math.abs(slope));
}

function edit(
  kind: "scaleConductance" | "scaleSynapse",
  target: string,
  value: number,
  source: string,
  note: string,
): VariantEdit {
  return { kind, target, value, unit: "factor", source, evidence: { status: "UNVERIFIED", note } };
}

const RECEPTORS_RELEASING = ["ampa", "nmda", "gabaA", "gabaB"] as const;

/** Model and synapse edits for a target-effect list; `model` supplies the h slope for Na block. */
export function drugEdits(effects: readonly TargetEffect[], model: NeuronModel): OriginEdit[] {
  const out: OriginEdit[] = [];
  const sorted = [...effects].sort((a, b) =>
    a.drug === b.drug ? (a.target < b.target ? -1 : a.target > b.target ? 1 : 0) : a.drug < b.drug ? -1 : 1,
  );
  // State-dependent Na blockers compete for one site: one combined edit.
  const modulated = sorted.filter((e) => e.target === "nav" && e.restingKd !== null);
  if (modulated.length > 0 && model.channels.some((c) => c.name === "na")) {
    let rest = 0;
    let inactivated = 0;
    for (const e of modulated) {
      rest += e.concentration / e.restingKd!;
      inactivated += e.concentration / e.potency;
    }
    const k = gateSlopeFactor(model, "na", "h");
    const origin = modulated.map((e) => e.drug).join("+");
    const note = `ΣC/K_R = ${rest.toPrecision(3)}, ΣC/K_I = ${inactivated.toPrecision(3)}, h slope ${k.toFixed(2)} mV`;
    out.push({
      origin,
      edit: edit("scaleConductance", "na", 1 / (1 + rest), `${BEAN_1983}; ${KUO_1998}`, note),
    });
    out.push({
      origin,
      edit: {
        kind: "shiftGate",
        target: "na",
        gate: "h",
        value: -k * Math.log((1 + inactivated) / (1 + rest)),
        unit: "mV",
        source: `${BEAN_1983}; ${KUO_1998}`,
        evidence: { status: "UNVERIFIED", note },
      },
    });
  }
  for (const e of sorted) {
    const note = `${e.drug} (${e.species}) at ${e.concentration.toPrecision(3)} µM unbound, occupancy ${e.occupancy.toFixed(3)}`;
    switch (e.target) {
      case "nav":
        if (e.restingKd === null)
          out.push({
            origin: e.drug,
            edit: edit("scaleConductance", "na", 1 - e.fraction, HILL_MAPPING, note),
          });
        break;
      case "nap":
        out.push({
          origin: e.drug,
          edit: edit("scaleConductance", "nap", 1 - e.fraction, HILL_MAPPING, note),
        });
        break;
      case "cav3":
        out.push({
          origin: e.drug,
          edit: edit("scaleConductance", "cat", 1 - e.fraction, HILL_MAPPING, note),
        });
        break;
      case "kv7":
        out.push({
          origin: e.drug,
          edit: {
            kind: "shiftGate",
            target: "km",
            gate: "z",
            value: e.fraction,
            unit: "mV",
            source: "drugs.md §2: retigabine shifts Kv7 activation −20 to −30 mV",
            evidence: { status: "UNVERIFIED", note },
          },
        });
        break;
      case "gabaA":
        out.push({ origin: e.drug, edit: edit("scaleSynapse", "gabaA", 1 + e.fraction, HILL_MAPPING, note) });
        break;
      case "ampa":
        out.push({ origin: e.drug, edit: edit("scaleSynapse", "ampa", 1 - e.fraction, HILL_MAPPING, note) });
        break;
      case "sv2a":
        for (const r of RECEPTORS_RELEASING)
          out.push({
            origin: e.drug,
            edit: edit("scaleSynapse", r, 1 - e.fraction, "SV2A → release probability (assumption)", note),
          });
        break;
      default:
        break; // network scale only (module comment)
    }
  }
  return out;
}

function variantEdits(cellType: CellType, variants: readonly VariantRef[]): OriginEdit[] {
  return editsFor(cellType, variants).map(({ variant, edit: e }) => ({ origin: variant, edit: e }));
}

/** A neuron model with variant and drug edits composed (variants.ts rule); the input is unchanged. */
export function applyDrugs(
  model: NeuronModel,
  effects: readonly TargetEffect[],
  cellType: CellType,
  variants: readonly VariantRef[] = [],
): NeuronModel {
  return applyEdits(model, [...variantEdits(cellType, variants), ...drugEdits(effects, model)]);
}

/** Factors per receptor for synapses onto cells of `cellType`, variants and drugs composed. */
export function synapticScalesWithDrugs(
  model: NeuronModel,
  effects: readonly TargetEffect[],
  cellType: CellType,
  variants: readonly VariantRef[] = [],
): Record<string, number> {
  return synapticScalesOf([...variantEdits(cellType, variants), ...drugEdits(effects, model)]);
}
