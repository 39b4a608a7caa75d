/**
 * Channelopathy catalogue as data, and the function that applies variants to neuron models.
 *
 * The cell engine knows channels and receptors, never genes: this module translates a gene
 * variant into edits of engine parameters (scale a channel's ḡ, shift a gate's curves along V,
 * scale a receptor's synaptic conductance) and applies them from outside, returning new model
 * records. Directions and sources follow shared/science/cells_channels.md §4; most magnitudes
 * there are modelling conventions rather than measurements, and each edit says so in `evidence`.
 *
 * Composition: every edit of every selected variant is collected first and reduced per target
 * (scales multiply, shifts add), each reduction over the values sorted so that the result is
 * bit-identical whatever order the variants were given in. The reduced edits are then applied to
 * the original model in a fixed order (insert missing channels, scale, attach kinetic drug blocks,
 * shift). Because scales are taken relative to the original model, "ḡ × 0.5 then ḡ × 0.5" is
 * ḡ × 0.25 in any order. A kinetic block (drug edits only) is one per channel and composes with
 * scales and shifts by multiplying the conductance by its unbound fraction: a variant's shift of h
 * moves the availability the block reads, so drug and variant interact through the dynamics.
 *
 * Synaptic edits (GABA-A subunit variants) cannot live in a single-cell model: the receptor
 * belongs to the postsynaptic population, and its conductance is the weight of the projections
 * onto it. `synapticScales` returns the factor per receptor name that a network builder multiplies
 * into the weights of projections targeting that receptor on a population of the given cell type.
 */
import {
  persistentSodium,
  scaleConductance,
  shiftChannel,
  type ChannelBlock,
  type ChannelSpec,
} from "../engines/cell/channels.js";
import type { NeuronModel } from "../engines/cell/population.js";

/** Cell classes a variant acts on; "all" means every neuron, whatever its class. */
export type AffectedCells = "excitatory" | "inhibitory" | "all" | "thalamocortical";
/** The class of one concrete cell population. */
export type CellType = Exclude<AffectedCells, "all">;

/** What the dossier lets us claim about a magnitude. */
export interface Evidence {
  /** "verified" = checked against the paper's abstract or a reference implementation. */
  readonly status: "verified" | "partially verified" | "UNVERIFIED";
  readonly note: string;
}

interface EditCommon {
  /** Channel name in the model ("na", "nap", "km", "cat") or receptor name ("gabaA"). */
  readonly target: string;
  /** Plausible range of the size, when the literature gives one; `value` lies inside. */
  readonly range?: readonly [number, number];
  readonly source: string;
  readonly evidence: Evidence;
}

export type VariantEdit =
  | (EditCommon & {
      /** Maximal conductance density × value. */
      readonly kind: "scaleConductance";
      readonly value: number;
      readonly unit: "factor";
      /**
       * For a model without this channel: insert it first with ḡ = fraction × the original
       * transient Na ḡ (only "nap" is supported). Without it, a missing channel leaves the model
       * unchanged (a cell whose model has no M current has none to lose).
       */
      readonly insertIfMissing?: { readonly fractionOfTransientSodium: number };
    })
  | (EditCommon & {
      /** Every curve of `gate` (or of the whole channel) moved by value mV along V. */
      readonly kind: "shiftGate";
      readonly gate?: string;
      readonly value: number;
      readonly unit: "mV";
    })
  | (EditCommon & {
      /** Synaptic conductance of receptor `target` × value (weights of projections onto it). */
      readonly kind: "scaleSynapse";
      readonly value: number;
      readonly unit: "factor";
    })
  | (EditCommon & {
      /**
       * Kinetic drug block of channel `target` (channels.ts `ChannelBlock`, produced by drug
       * edits, pharmacology/cell-effects.ts). One per channel: ligands of one site are already
       * combined into it. `value` repeats block.inactivatedRatio (ΣC/K_I) for reports.
       */
      readonly kind: "blockChannel";
      readonly block: ChannelBlock;
      readonly value: number;
      readonly unit: "ratio";
    });

export interface Variant {
  /** Catalogue key, e.g. "SCN1A-LoF". */
  readonly id: string;
  readonly gene: string;
  readonly protein: string;
  /** Variant or functional class. */
  readonly variantClass: string;
  readonly phenotype: string;
  readonly affects: readonly AffectedCells[];
  readonly edits: readonly VariantEdit[];
  readonly references: readonly string[];
}

const YU_2006 = "Yu FH et al. (2006) Nat Neurosci 9:1142";
const BERECKI_2018 = "Berecki G et al. (2018) PNAS 115:E5516";
const BUNTON_2019 = "Bunton-Stasyshyn RKA et al. (2019) Brain 142:362";
const VEERAMAH_2012 = "Veeramah KR et al. (2012) Am J Hum Genet 90:502";
const SCHROEDER_1998 = "Schroeder BC et al. (1998) Nature 396:687";
const KHOSRAVANI_2004 = "Khosravani H et al. (2004) J Biol Chem 279:9681";
const VITKO_2005 = "Vitko I et al. (2005) J Neurosci (volume and pages not checked)";
const BAULAC_2001 = "Baulac S et al. (2001) Nat Genet 28:46";
const COSSETTE_2002 = "Cossette P et al. (2002) Nat Genet 31:184";
const DOSSIER = "shared/science/cells_channels.md §4 modelling recipes";

/** The typical INaP share of the transient Na conductance in cortical pyramids (dossier §3.1). */
const BASELINE_PERSISTENT_FRACTION = 0.01;

export const VARIANTS: readonly Variant[] = [
  {
    id: "SCN1A-LoF",
    gene: "SCN1A",
    protein: "Nav1.1",
    variantClass: "loss of function (haploinsufficiency)",
    phenotype: "Dravet syndrome; GEFS+ for some missense variants",
    affects: ["inhibitory"],
    edits: [
      {
        kind: "scaleConductance",
        target: "na",
        value: 0.5,
        unit: "factor",
        source: `${YU_2006}; ${DOSSIER}`,
        evidence: {
          status: "UNVERIFIED",
          note:
            "Yu 2006 (verified, abstract): Na current density substantially reduced in hippocampal " +
            "interneurons, not in pyramidal cells, voltage dependence unchanged. The 50% cut is the " +
            "usual haploinsufficiency modelling choice, not a measured percentage.",
        },
      },
    ],
    references: [YU_2006],
  },
  {
    id: "SCN2A-GoF",
    gene: "SCN2A",
    protein: "Nav1.2",
    variantClass: "gain of function (R1882Q class)",
    phenotype: "neonatal-onset developmental and epileptic encephalopathy",
    affects: ["excitatory"],
    edits: [
      {
        kind: "shiftGate",
        target: "na",
        gate: "h",
        value: 5,
        unit: "mV",
        range: [5, 10],
        source: `${BERECKI_2018}; ${DOSSIER}`,
        evidence: {
          status: "UNVERIFIED",
          note:
            "R1882Q is a gain of function with a dramatic firing increase in dynamic action-potential " +
            "clamp (verified, abstract); the depolarising shift of fast inactivation and its size " +
            "are the dossier's recipe, not measured values.",
        },
      },
      {
        kind: "scaleConductance",
        target: "nap",
        value: 3,
        unit: "factor",
        range: [2, 5],
        insertIfMissing: { fractionOfTransientSodium: BASELINE_PERSISTENT_FRACTION },
        source: `${BERECKI_2018}; ${DOSSIER}`,
        evidence: {
          status: "UNVERIFIED",
          note:
            "INaP raised from ~1% to ~3% of the transient current: a modelling choice inside the " +
            "dossier's 1% → 5% recipe; the 1% baseline is itself an unverified general figure.",
        },
      },
    ],
    references: [BERECKI_2018],
  },
  {
    id: "SCN8A-GoF",
    gene: "SCN8A",
    protein: "Nav1.6",
    variantClass: "gain of function (R1872W, N1768D class)",
    phenotype: "DEE13 (early-infantile epileptic encephalopathy, high SUDEP risk)",
    affects: ["excitatory"],
    edits: [
      {
        kind: "scaleConductance",
        target: "nap",
        value: 5,
        unit: "factor",
        range: [2, 5],
        insertIfMissing: { fractionOfTransientSodium: BASELINE_PERSISTENT_FRACTION },
        source: `${VEERAMAH_2012}; ${DOSSIER}`,
        evidence: {
          status: "UNVERIFIED",
          note:
            "N1768D increases persistent current several-fold (direction verified, magnitude not); " +
            "×5 is the dossier's 1% → 5% recipe.",
        },
      },
      {
        kind: "shiftGate",
        target: "na",
        gate: "h",
        value: 5,
        unit: "mV",
        range: [5, 10],
        source: `${BUNTON_2019}; ${DOSSIER}`,
        evidence: {
          status: "UNVERIFIED",
          note:
            "R1872W impairs inactivation and raises current density (verified, abstract); expressing " +
            "it in excitatory neurons alone reproduces seizures, in inhibitory neurons it does not. " +
            "The +5 mV shift of fast inactivation is the dossier's recipe; the density increase is " +
            "not modelled for want of a number.",
        },
      },
    ],
    references: [BUNTON_2019, VEERAMAH_2012],
  },
  {
    id: "KCNQ2-BFNS",
    gene: "KCNQ2",
    protein: "Kv7.2 (M current)",
    variantClass: "moderate loss of function",
    phenotype: "benign familial neonatal seizures",
    affects: ["all"],
    edits: [
      {
        kind: "scaleConductance",
        target: "km",
        value: 0.75,
        unit: "factor",
        source: `${SCHROEDER_1998}; ${DOSSIER}`,
        evidence: {
          status: "UNVERIFIED",
          note: "About 25% loss of M current suffices for neonatal seizures: widely cited, not checked here.",
        },
      },
    ],
    references: [SCHROEDER_1998],
  },
  {
    id: "KCNQ2-DEE",
    gene: "KCNQ2",
    protein: "Kv7.2 (M current)",
    variantClass: "dominant-negative loss of function",
    phenotype: "KCNQ2 developmental and epileptic encephalopathy",
    affects: ["all"],
    edits: [
      {
        kind: "scaleConductance",
        target: "km",
        value: 0.375,
        unit: "factor",
        range: [0.25, 0.5],
        source: DOSSIER,
        evidence: {
          status: "UNVERIFIED",
          note:
            "Dominant-negative variants lose more heteromeric current and outcome tracks that loss " +
            "(verified, Sci Rep 2020 abstract); the 0.25–0.5 range is the dossier's recipe and 0.375 " +
            "its midpoint. Some DEE variants are gains of function and are not covered by this entry.",
        },
      },
    ],
    references: [SCHROEDER_1998],
  },
  {
    id: "GABRG2-LoF",
    gene: "GABRG2",
    protein: "GABA-A receptor γ2 subunit",
    variantClass: "loss of function (K289M, R43Q, Q351X/Q390X truncations)",
    phenotype: "GEFS+, febrile seizures, childhood absence epilepsy",
    affects: ["all"],
    edits: [
      {
        kind: "scaleSynapse",
        target: "gabaA",
        value: 0.65,
        unit: "factor",
        range: [0.5, 0.8],
        source: `${BAULAC_2001}; GABRG2 reviews; ${DOSSIER}`,
        evidence: {
          status: "UNVERIFIED",
          note:
            "Mechanisms verified from review abstracts (less GABA-evoked current, trafficking defects, " +
            "ER retention); magnitudes not. 0.65 is the midpoint of the dossier's 0.5–0.8. R43Q also " +
            "removes benzodiazepine potentiation, which belongs to the drug layer.",
        },
      },
    ],
    references: [BAULAC_2001],
  },
  {
    id: "GABRA1-LoF",
    gene: "GABRA1",
    protein: "GABA-A receptor α1 subunit",
    variantClass: "loss of function (A322D)",
    phenotype: "juvenile myoclonic epilepsy (autosomal dominant)",
    affects: ["all"],
    edits: [
      {
        kind: "scaleSynapse",
        target: "gabaA",
        value: 0.65,
        unit: "factor",
        range: [0.5, 0.8],
        source: `${COSSETTE_2002}; GABRA1 reviews; ${DOSSIER}`,
        evidence: {
          status: "UNVERIFIED",
          note:
            "A322D significantly reduces GABA-activated current in oocytes (verified qualitatively); " +
            "the size is the dossier's 0.5–0.8 recipe, midpoint taken.",
        },
      },
    ],
    references: [COSSETTE_2002],
  },
  {
    id: "CACNA1H-GoF",
    gene: "CACNA1H",
    protein: "Cav3.2 (T-type Ca)",
    variantClass: "modest gain of function",
    phenotype: "childhood absence epilepsy susceptibility",
    affects: ["thalamocortical"],
    edits: [
      {
        kind: "shiftGate",
        target: "cat",
        gate: "m",
        value: -3,
        unit: "mV",
        range: [-5, -1],
        source: `${KHOSRAVANI_2004}; ${VITKO_2005}`,
        evidence: {
          status: "UNVERIFIED",
          note:
            "Variants hyperpolarise activation by 'a few mV' and/or slow inactivation (direction " +
            "from the dossier); -3 mV is our reading of 'a few'.",
        },
      },
      {
        kind: "scaleConductance",
        target: "cat",
        value: 1.2,
        unit: "factor",
        range: [1, 1.5],
        source: VITKO_2005,
        evidence: {
          status: "UNVERIFIED",
          note: "Increased surface expression (direction from the dossier); the 20% is our choice.",
        },
      },
    ],
    references: [KHOSRAVANI_2004, VITKO_2005],
  },
];

/** A variant given by catalogue id, by gene when the gene has one entry, or as a record. */
export type VariantRef = string | Variant;

function catalogueListing(): string {
  return VARIANTS.map((v) => `${v.id} (${v.gene}, ${v.phenotype})`).join("; ");
}

/** The catalogue entry for an id (case-insensitive) or a gene with a single entry. */
export function findVariant(name: string): Variant {
  const key = name.trim().toUpperCase();
  const byId = VARIANTS.find((v) => v.id.toUpperCase() === key);
  if (byId) return byId;
  const byGene = VARIANTS.filter((v) => v.gene.toUpperCase() === key);
  if (byGene.length === 1) return byGene[0];
  if (byGene.length > 1) {
    throw new RangeError(
      `variant '${name}' is ambiguous: gene ${byGene[0].gene} has entries ${byGene.map((v) => v.id).join(", ")}`,
    );
  }
  throw new RangeError(`unknown variant '${name}'; the catalogue has: ${catalogueListing()}`);
}

function resolveAll(variants: readonly VariantRef[]): Variant[] {
  const resolved = variants.map((v) => (typeof v === "string" ? findVariant(v) : v));
  const seen = new Set<string>();
  for (const v of resolved) {
    // A repeated entry would silently square its effect; a homozygous genotype should be its own entry.
    if (seen.has(v.id)) throw new RangeError(`variant ${v.id} is listed twice`);
    seen.add(v.id);
  }
  return resolved;
}

function affectsCell(v: Variant, cellType: CellType): boolean {
  return v.affects.includes("all") || v.affects.includes(cellType);
}

/** The edits of `variants` that act on cells of `cellType`, with the variant each comes from. */
export function editsFor(
  cellType: CellType,
  variants: readonly VariantRef[],
): { readonly variant: string; readonly edit: VariantEdit }[] {
  return resolveAll(variants)
    .filter((v) => affectsCell(v, cellType))
    .flatMap((v) => v.edits.map((edit) => ({ variant: v.id, edit })));
}

/** Product / sum over values sorted first, so that the result does not depend on input order. */
const product = (xs: number[]) => xs.sort((a, b) => a - b).reduce((p, x) => p * x, 1);
const sum = (xs: number[]) => xs.sort((a, b) => a - b).reduce((s, x) => s + x, 0);

function push<K>(map: Map<K, number[]>, key: K, x: number): void {
  const list = map.get(key);
  if (list) list.push(x);
  else map.set(key, [x]);
}

/** One edit with where it comes from (a variant id, a drug id) for the model's description. */
export interface OriginEdit {
  readonly origin: string;
  readonly edit: VariantEdit;
}

/**
 * A new neuron model with the channel edits of every variant that affects `cellType` applied;
 * the input is never modified. Synaptic edits are ignored here (see `synapticScales`). An edit of
 * a channel the model lacks is skipped unless it says how to insert the channel. The applied
 * variant ids are appended to the model's description.
 */
export function applyVariants(
  model: NeuronModel,
  cellType: CellType,
  variants: readonly VariantRef[],
): NeuronModel {
  return applyEdits(
    model,
    editsFor(cellType, variants).map(({ variant, edit }) => ({ origin: variant, edit })),
  );
}

/**
 * The composition rule of the module comment applied to any list of channel edits, whatever
 * their origin: variants, drugs (pharmacology/cell-effects.ts) or both together. Scales multiply,
 * shifts add, each reduced over sorted values; the origins are appended to the description.
 */
export function applyEdits(model: NeuronModel, edits: readonly OriginEdit[]): NeuronModel {
  const scales = new Map<string, number[]>();
  const shifts = new Map<string, number[]>(); // key "channel\u0000gate" ("" gate = whole channel)
  const inserts = new Map<string, number[]>();
  const blocks = new Map<string, ChannelBlock>();
  for (const { edit } of edits) {
    if (edit.kind === "scaleConductance") {
      push(scales, edit.target, edit.value);
      if (edit.insertIfMissing) push(inserts, edit.target, edit.insertIfMissing.fractionOfTransientSodium);
    } else if (edit.kind === "shiftGate") {
      push(shifts, `${edit.target}\u0000${edit.gate ?? ""}`, edit.value);
    } else if (edit.kind === "blockChannel") {
      if (blocks.has(edit.target))
        throw new RangeError(
          `two kinetic blocks of channel '${edit.target}': ligands of one site must come as one blockChannel edit`,
        );
      blocks.set(edit.target, edit.block);
    }
  }

  let channels: ChannelSpec[] = [...model.channels];
  const byName = (name: string) => channels.find((c) => c.name === name);
  for (const [target, fractions] of [...inserts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (byName(target)) continue;
    if (target !== "nap") throw new RangeError(`cannot insert missing channel '${target}' (only 'nap')`);
    const na = model.channels.find((c) => c.name === "na");
    if (!na)
      throw new RangeError(`model ${model.name} has neither 'nap' nor a transient 'na' to scale it from`);
    // Different baselines are a data inconsistency; the largest keeps the result order-free.
    const fraction = Math.max(...fractions);
    channels.push(persistentSodium({ gbar: fraction * na.conductance, E: na.reversal }));
  }
  channels = channels.map((c) => {
    const factors = scales.get(c.name);
    return factors ? scaleConductance(c, product(factors)) : c;
  });
  // A block rides on the channel whatever its scale or shift (the gate it reads moves with it).
  channels = channels.map((c) => {
    const block = blocks.get(c.name);
    if (!block) return c;
    if (c.block) throw new RangeError(`channel '${c.name}' of model ${model.name} already carries a block`);
    return { ...c, block };
  });
  // Sorted keys: a whole-channel and a one-gate shift of the same curve then add in a fixed order.
  for (const [key, values] of [...shifts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [target, gate] = key.split("\u0000");
    channels = channels.map((c) =>
      c.name === target ? shiftChannel(c, sum(values), gate === "" ? undefined : gate) : c,
    );
  }

  const applied = [...new Set(edits.map((e) => e.origin))].sort();
  return {
    ...model,
    channels,
    description: applied.length > 0 ? `${model.description} + ${applied.join(", ")}` : model.description,
  };
}

/**
 * Factor per receptor name for synapses onto cells of `cellType` (receptors without an edit are
 * absent, i.e. factor 1). A network builder multiplies the weights of projections that target
 * that receptor on such a population by the factor.
 */
export function synapticScales(cellType: CellType, variants: readonly VariantRef[]): Record<string, number> {
  return synapticScalesOf(
    editsFor(cellType, variants).map(({ variant, edit }) => ({ origin: variant, edit })),
  );
}

/** Factor per receptor name from any list of edits (products over sorted values). */
export function synapticScalesOf(edits: readonly OriginEdit[]): Record<string, number> {
  const factors = new Map<string, number[]>();
  for (const { edit } of edits) {
    if (edit.kind === "scaleSynapse") push(factors, edit.target, edit.value);
  }
  const out: Record<string, number> = {};
  for (const name of [...factors.keys()].sort()) out[name] = product(factors.get(name)!);
  return out;
}
