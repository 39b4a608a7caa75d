/**
 * Drug effects at the cell scale: the target-level effect list (pharmacodynamics.ts) becomes
 * edits of neuron models and synapses, in the same form as channel variants
 * (pathophysiology/variants.ts), and is applied by the same function (`applyEdits`), so drug edits
 * compose with each other and with variants by one rule: conductance scales multiply, voltage
 * shifts add.
 *
 * Mappings (per target):
 *   nav, state-dependent blockers (carbamazepine, phenytoin, lamotrigine, MHD): the modulated-
 *     receptor model (Hille 1977; Bean BP, Cohen CJ, Tsien RW (1983) J Gen Physiol 81:613) with
 *     slow binding (Kuo CC, Bean BP (1994) Mol Pharmacol 46:716), as a kinetic block of the Na
 *     channel (engines/cell/channels.ts `ChannelBlock`): a per-neuron unbound fraction u with
 *         du/dt = k_off (1 − u) − k_off (R_I (1 − h) + R_R h) u,   g_Na = ḡ m³ h u,
 *     R_I = ΣC/K_I, R_R = ΣC/K_R over the ligands of the one shared site (Kuo 1998, Mol Pharmacol
 *     54:712: they compete, so the sums run over them), binding to inactivated channels at
 *     Σ k_on·C and unbinding at the pooled k_off = Σ k_on·C / ΣC/K_I (k_on·K_I for one drug).
 *     (option naBlock: "kinetic", the default.)
 *     Block thus builds up during depolarisation and firing over seconds (k_off ~ 0.1–1 s⁻¹ at
 *     the catalogue's rates), which is the limitation of sustained repetitive firing (McLean &
 *     Macdonald 1986). At fixed V it settles to the equilibrium model's availability
 *         h∞(V − ΔV) / (1 + R_R),   ΔV = −k·ln[(1 + R_I)/(1 + R_R)]
 *     (exactly for a Boltzmann h∞; k the slope of h∞; `equilibriumNaBlock`). A patient has taken
 *     the drug for days, so simulations start the block at the steady state of ongoing activity,
 *     not of rest: an accelerated pre-run (option (a) of the design: binding and unbinding both
 *     × F, same R_I and R_R, hence the same steady state for a given h trajectory; engines/cell
 *     channels.ts BLOCK_EQUILIBRATION_RATE, microcircuit.ts blockEquilibrationMs, analysis.ts
 *     ClampOptions.blockEquilibration; 500 ms by default), then the real rates. naBlock:
 *     "equilibrium" (the former default) applies the equilibrium all the time, as
 *     ḡNa × 1/(1 + R_R) and h shifted by ΔV (drugs.md §4). Deviations of the kinetic form: one pooled bound state
 *     for several ligands (exact at equilibrium, approximate in its kinetics), bound channels do
 *     not gate, binding rates are recalled and UNVERIFIED (catalogue).
 *   nav, other drugs (lacosamide's slow inactivation, valproate, topiramate, zonisamide,
 *     cannabidiol): ḡNa × (1 − effect).
 *   nap: ḡNaP × (1 − effect).  cav3: ḡCaT × (1 − effect).
 *   kv7 (retigabine): M-current activation z shifted by the effect (mV, negative = opening).
 *   Ligands of one shared binding site (catalogue `site`: the Na site above, the benzodiazepine
 *     site of clobazam and N-desmethylclobazam) act through one combined occupancy
 *     (`siteOccupancy`), so they give one edit, not a product of independent edits.
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
const KUO_BEAN_1994 = "slow binding to inactivated channels: Kuo CC, Bean BP (1994) Mol Pharmacol 46:716";
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

/**
 * Combined occupancy of ligands that share one binding site (catalogue `site`). Competitive binding
 * at one site (Hill form, one coefficient n for the site): with r_i = C_i/K_i and R = Σ r_i,
 *     θ = Rⁿ / (1 + Rⁿ),   ligand i holds θ·r_i/R,   effect = θ · Σ Emax_i·r_i / R.
 * For n = 1 this is the law of mass action for mutually exclusive binding (Gaddum). The same sums
 * ΣC/K give the modulated-receptor Na block below (Kuo 1998): one concept, used for every site.
 */
export interface SiteOccupancy {
  readonly ligands: readonly TargetEffect[];
  /** R = Σ C/K over the ligands (K = potency, i.e. K_I for modulated-receptor Na block). */
  readonly ratio: number;
  /** Σ C/K_R over the ligands (modulated-receptor Na block; 0 when no ligand has a K_R). */
  readonly restingRatio: number;
  readonly occupancy: number;
  /** Occupancy × the ligands' Emax weighted by their share of the site. */
  readonly effect: number;
}

export function siteOccupancy(ligands: readonly TargetEffect[]): SiteOccupancy {
  if (ligands.length === 0) throw new RangeError("siteOccupancy: no ligand");
  const { target, site, hill, unit } = ligands[0]!;
  let ratio = 0;
  let restingRatio = 0;
  let weighted = 0;
  for (const e of ligands) {
    if (e.target !== target || e.site !== site || e.unit !== unit)
      throw new RangeError(
        `siteOccupancy: ${e.drug} (${e.target}, ${e.site}) is not at ${target} site ${site}`,
      );
    if (e.hill !== hill)
      throw new RangeError(
        `siteOccupancy: ligands of the ${site} site need one Hill coefficient (${e.drug}: ${e.hill} ≠ ${hill})`,
      );
    const r = e.concentration / e.potency;
    ratio += r;
    weighted += e.maxEffect * r;
    if (e.restingKd !== null) restingRatio += e.concentration / e.restingKd;
  }
  const rn = ratio ** hill;
  const occupancy = ratio === 0 ? 0 : rn / (1 + rn);
  return {
    ligands,
    ratio,
    restingRatio,
    occupancy,
    effect: ratio === 0 ? 0 : (occupancy * weighted) / ratio,
  };
}

/**
 * Effects grouped by shared site: ligands of one (target, site) become one group, every other
 * effect stays alone. Groups in the order of their first member.
 */
export function groupBySite(effects: readonly TargetEffect[]): TargetEffect[][] {
  const groups: TargetEffect[][] = [];
  const bySite = new Map<string, TargetEffect[]>();
  for (const e of effects) {
    if (e.site === null) {
      groups.push([e]);
      continue;
    }
    const key = `${e.target}:${e.site}`;
    const g = bySite.get(key);
    if (g) g.push(e);
    else {
      const fresh = [e];
      bySite.set(key, fresh);
      groups.push(fresh);
    }
  }
  return groups;
}

function originOf(group: readonly TargetEffect[]): string {
  return [...new Set(group.map((e) => e.drug))].join("+");
}

/**
 * The equilibrium modulated-receptor Na block of a group of ligands at the shared site, for
 * reports and tests: the resting scale 1/(1 + R_R) and the h shift ΔV (mV) with the model's h
 * slope; the kinetic block (`drugEdits`) settles to h∞(V − ΔV)/(1 + R_R) at fixed V.
 */
export function equilibriumNaBlock(
  effects: readonly TargetEffect[],
  model: NeuronModel,
): { readonly scale: number; readonly shift: number } {
  const group = effects.filter((e) => e.target === "nav" && e.site === "localAnaesthetic");
  if (group.length === 0) return { scale: 1, shift: 0 };
  const s = siteOccupancy(group);
  const k = gateSlopeFactor(model, "na", "h");
  return { scale: 1 / (1 + s.restingRatio), shift: -k * Math.log((1 + s.ratio) / (1 + s.restingRatio)) };
}

/**
 * How state-dependent Na blockers act: "kinetic" (default; a `blockChannel` edit: slow binding,
 * use dependence; the engines start it at the steady state of the ongoing activity) or
 * "equilibrium" (ḡNa × 1/(1 + R_R) and h shifted by ΔV at all times) (drugs.md §4).
 */
export interface DrugEditOptions {
  readonly naBlock?: "equilibrium" | "kinetic";
}

/** Model and synapse edits for a target-effect list; `model` supplies the h slope for Na block. */
export function drugEdits(
  effects: readonly TargetEffect[],
  model: NeuronModel,
  options: DrugEditOptions = {},
): OriginEdit[] {
  const naBlock = options.naBlock ?? "kinetic";
  if (naBlock !== "equilibrium" && naBlock !== "kinetic")
    throw new RangeError(`drugEdits: naBlock must be "equilibrium" or "kinetic", got ${String(naBlock)}`);
  const out: OriginEdit[] = [];
  const sorted = [...effects].sort((a, b) =>
    a.drug === b.drug ? (a.target < b.target ? -1 : a.target > b.target ? 1 : 0) : a.drug < b.drug ? -1 : 1,
  );
  for (const group of groupBySite(sorted)) {
    const first = group[0]!;
    const origin = originOf(group);
    // State-dependent Na blockers: the modulated-receptor model at their one shared site.
    if (first.target === "nav" && first.site === "localAnaesthetic") {
      if (!model.channels.some((c) => c.name === "na")) continue;
      const s = siteOccupancy(group);
      if (naBlock === "equilibrium") {
        const k = gateSlopeFactor(model, "na", "h");
        const note = `ΣC/K_R = ${s.restingRatio.toPrecision(3)}, ΣC/K_I = ${s.ratio.toPrecision(3)}, h slope ${k.toFixed(2)} mV`;
        out.push({
          origin,
          edit: edit("scaleConductance", "na", 1 / (1 + s.restingRatio), `${BEAN_1983}; ${KUO_1998}`, note),
        });
        out.push({
          origin,
          edit: {
            kind: "shiftGate",
            target: "na",
            gate: "h",
            value: -k * Math.log((1 + s.ratio) / (1 + s.restingRatio)),
            unit: "mV",
            source: `${BEAN_1983}; ${KUO_1998}`,
            evidence: { status: "UNVERIFIED", note },
          },
        });
        continue;
      }
      if (s.ratio === 0) continue; // no drug bound
      let binding = 0; // Σ k_on·C (1/ms)
      for (const e of group) {
        if (e.bindingRate === null)
          throw new RangeError(
            `drugEdits: ${e.drug} blocks Na at the localAnaesthetic site without a bindingRate`,
          );
        binding += e.bindingRate * e.concentration;
      }
      const unbindingRate = binding / s.ratio;
      const note = `ΣC/K_R = ${s.restingRatio.toPrecision(3)}, ΣC/K_I = ${s.ratio.toPrecision(3)}, k_off = ${(unbindingRate * 1000).toPrecision(3)} 1/s`;
      const source = `${BEAN_1983}; ${KUO_1998}; ${KUO_BEAN_1994}`;
      out.push({
        origin,
        edit: {
          kind: "blockChannel",
          target: "na",
          block: {
            gate: "h",
            restingRatio: s.restingRatio,
            inactivatedRatio: s.ratio,
            unbindingRate,
            citation: source,
          },
          value: s.ratio,
          unit: "ratio",
          source,
          evidence: { status: "UNVERIFIED", note },
        },
      });
      continue;
    }
    let fraction: number;
    let note: string;
    let source = HILL_MAPPING;
    if (group.length === 1) {
      fraction = first.fraction;
      note = `${first.drug} (${first.species}) at ${first.concentration.toPrecision(3)} µM unbound, occupancy ${first.occupancy.toFixed(3)}`;
    } else {
      const s = siteOccupancy(group);
      fraction = s.effect;
      note = `${group.map((e) => `${e.drug} (${e.species}) ${e.concentration.toPrecision(3)} µM`).join(", ")} at one ${first.site} site: ΣC/K = ${s.ratio.toPrecision(3)}, occupancy ${s.occupancy.toFixed(3)}`;
      source = `${HILL_MAPPING}; one occupancy per shared site (${first.site})`;
    }
    out.push(...targetEdits(first, origin, fraction, source, note));
  }
  return out;
}

/** The edits of one target at a given (combined) effect. */
function targetEdits(
  e: TargetEffect,
  origin: string,
  fraction: number,
  source: string,
  note: string,
): OriginEdit[] {
  switch (e.target) {
    case "nav":
      return [{ origin, edit: edit("scaleConductance", "na", 1 - fraction, source, note) }];
    case "nap":
      return [{ origin, edit: edit("scaleConductance", "nap", 1 - fraction, source, note) }];
    case "cav3":
      return [{ origin, edit: edit("scaleConductance", "cat", 1 - fraction, source, note) }];
    case "kv7":
      return [
        {
          origin,
          edit: {
            kind: "shiftGate",
            target: "km",
            gate: "z",
            value: fraction,
            unit: "mV",
            source: "drugs.md §2: retigabine shifts Kv7 activation −20 to −30 mV",
            evidence: { status: "UNVERIFIED", note },
          },
        },
      ];
    case "gabaA":
      return [{ origin, edit: edit("scaleSynapse", "gabaA", 1 + fraction, source, note) }];
    case "ampa":
      return [{ origin, edit: edit("scaleSynapse", "ampa", 1 - fraction, source, note) }];
    case "sv2a":
      return RECEPTORS_RELEASING.map((r) => ({
        origin,
        edit: edit("scaleSynapse", r, 1 - fraction, "SV2A → release probability (assumption)", note),
      }));
    default:
      return []; // network scale only (module comment)
  }
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
  options: DrugEditOptions = {},
): NeuronModel {
  return applyEdits(model, [...variantEdits(cellType, variants), ...drugEdits(effects, model, options)]);
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
