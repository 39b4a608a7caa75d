/**
 * Drug-resistance hypotheses as switchable per-patient settings. Each breaks one link of the
 * chain dose → plasma → brain → target → parameters → network (shared/science/drugs.md §4):
 *
 *   transporter        P-gp up-regulation E: Kp,uu of substrates × (1 + ER0)/(1 + ER0·E)
 *                      (inflammation_modulation.md §4); non-substrates unchanged
 *   target             reduced target sensitivity: EC50 (for state-dependent Na block, K_I) ×
 *                      multiplier for chosen (drug, target) pairs (Remy et al. 2003)
 *   network            a given occupancy controls less: network gain < 1 (network-effects.ts)
 *   intrinsicSeverity  higher baseline excitability: x0 offset > 0
 *   geneVariant        channel variants applied to cell models (variants.ts) and, at the network
 *                      scale, their effect on the sign or size of a target's weight (SCN1A loss of
 *                      function: Na-channel blockers aggravate)
 *   pharmacokinetic    clearance × factor (fast metabolisers) and poor adherence (each dose
 *                      missed with probability p, drawn from a seeded stream per drug)
 *
 * The magnitudes below are defaults for switching a hypothesis on; where the literature gives a
 * number it is cited, otherwise the value is labelled an assumption.
 */
import { RandomStream } from "../numerics/random.js";
import type { VariantRef } from "../pathophysiology/variants.js";
import { findVariant } from "../pathophysiology/variants.js";
import type { EvidenceStatus, TargetName } from "./catalogue.js";
import { findDrug } from "./catalogue.js";
import type { NetworkModifiers } from "./network-effects.js";
import type { PharmacodynamicOptions } from "./pharmacodynamics.js";
import type { PkPatient } from "./pk.js";
import type { RegimenEntry } from "./regimen.js";

export interface ResistanceProfile {
  readonly transporter?: { readonly pgpExpression: number };
  /** Keys "drug:target" (or "*:target"), values EC50 multipliers ≥ 1. */
  readonly target?: { readonly potencyMultiplier: Readonly<Record<string, number>> };
  readonly network?: { readonly gain: number };
  readonly intrinsicSeverity?: { readonly x0Offset: number };
  readonly geneVariant?: { readonly variants: readonly VariantRef[] };
  readonly pharmacokinetic?: {
    readonly clearanceFactor?: Readonly<Record<string, number>>;
    readonly missedDoseProbability?: number;
  };
}

export interface Hypothesis {
  readonly id: keyof ResistanceProfile;
  readonly idea: string;
  readonly evidence: string;
  readonly status: EvidenceStatus;
  /** A profile switching this hypothesis on with its default magnitude. */
  readonly example: ResistanceProfile;
}

export const RESISTANCE_HYPOTHESES: readonly Hypothesis[] = [
  {
    id: "transporter",
    idea: "P-glycoprotein over-expression at the BBB lowers the brain/plasma ratio of substrates",
    evidence:
      "P-gp over-expressed in resected epileptogenic tissue (Tishler 1995; Sisodiya 2002); ~30% fall of brain/plasma " +
      "phenytoin after limbic seizures with P-gp induction (Rizzi 2002 J Neurosci 22:5833, figure UNVERIFIED); higher P-gp " +
      "function on (R)-[11C]verapamil PET in resistant patients (Feldmann 2013 Lancet Neurol 12:777). Substrate status " +
      "contested (Baltes 2007; Dickens 2013). E = 2 is an assumption",
    status: "UNVERIFIED",
    example: { transporter: { pgpExpression: 2 } },
  },
  {
    id: "target",
    idea: "the target is less sensitive (carbamazepine's use-dependent Na block lost)",
    evidence:
      "Remy S et al. (2003) Ann Neurol 53:469: use-dependent block of Na channels by carbamazepine lost in dentate " +
      "granule cells of carbamazepine-resistant patients and chronic epileptic rats; the ×10 on K_I is an assumption " +
      "(effect sizes UNVERIFIED, drugs.md §4)",
    status: "assumption",
    example: { target: { potencyMultiplier: { "carbamazepine:nav": 10 } } },
  },
  {
    id: "network",
    idea: "remodelled networks (sprouting, gliosis) that a given occupancy no longer controls",
    evidence: "mostly qualitative (Fang et al. 2011, drugs.md §4); gain 0.5 is an assumption",
    status: "assumption",
    example: { network: { gain: 0.5 } },
  },
  {
    id: "intrinsicSeverity",
    idea: "higher baseline excitability and seizure burden",
    evidence:
      "Kwan & Brodie 2000 (NEJM 342:314): >20 seizures before treatment → 51% vs 29% persistent seizures; " +
      "Leschziner 2006: HR 1.34 per pre-treatment seizure count (drugs.md §4, ✓); the +0.2 x0 offset is an assumption",
    status: "assumption",
    example: { intrinsicSeverity: { x0Offset: 0.2 } },
  },
  {
    id: "geneVariant",
    idea: "SCN1A loss of function: Na-channel blockers further reduce interneuron Na current and aggravate seizures",
    evidence:
      "Guerrini R et al. (1998) Epilepsia 39:508: lamotrigine worsened 17/21 (80%) Dravet patients (✓, drugs.md §5); " +
      "consensus that CBZ/OXC/PHT/LTG aggravate Dravet syndrome (UNVERIFIED primary numbers)",
    status: "verified",
    example: { geneVariant: { variants: ["SCN1A-LoF"] } },
  },
  {
    id: "pharmacokinetic",
    idea: "low or variable exposure: fast metabolisers, induction, poor adherence",
    evidence:
      "phenytoin saturable kinetics, carbamazepine autoinduction and strong interactions are established (drugs.md §4); " +
      "the ×2 clearance and 20% missed doses are assumptions",
    status: "assumption",
    example: { pharmacokinetic: { missedDoseProbability: 0.2 } },
  },
];

/**
 * Network weight per target under a gene variant: SCN1A loss of function makes Na block
 * pro-convulsant (its weight becomes negative); SCN2A/SCN8A gains of function make Na blockers
 * more useful (drugs.md §5: high-dose Na blockers often helpful). Sizes are assumptions.
 */
export const VARIANT_TARGET_WEIGHTS: Readonly<Record<string, Partial<Record<TargetName, number>>>> = {
  "SCN1A-LoF": { nav: -0.3 },
  "SCN2A-GoF": { nav: 0.45 },
  "SCN8A-GoF": { nav: 0.45 },
};

function check(name: string, value: number, low: number, high: number): void {
  if (!(value >= low && value <= high))
    throw new RangeError(`resistance.${name} = ${value} outside [${low}, ${high}]`);
}

/** Validates the ranges of a profile; throws a RangeError naming the field. */
export function validateResistance(p: ResistanceProfile): void {
  if (p.transporter) check("transporter.pgpExpression", p.transporter.pgpExpression, 0.1, 20);
  for (const [key, m] of Object.entries(p.target?.potencyMultiplier ?? {})) {
    const [drug] = key.split(":");
    if (drug !== "*") findDrug(drug);
    check(`target.potencyMultiplier.${key}`, m, 1, 1e4);
  }
  if (p.network) check("network.gain", p.network.gain, 0, 1);
  if (p.intrinsicSeverity) check("intrinsicSeverity.x0Offset", p.intrinsicSeverity.x0Offset, 0, 1);
  for (const v of p.geneVariant?.variants ?? []) if (typeof v === "string") findVariant(v);
  for (const [drug, f] of Object.entries(p.pharmacokinetic?.clearanceFactor ?? {})) {
    findDrug(drug);
    check(`pharmacokinetic.clearanceFactor.${drug}`, f, 0.05, 20);
  }
  if (p.pharmacokinetic?.missedDoseProbability !== undefined)
    check("pharmacokinetic.missedDoseProbability", p.pharmacokinetic.missedDoseProbability, 0, 1);
}

export function pkPatientFor(p: ResistanceProfile, weightKg: number): PkPatient {
  validateResistance(p);
  const factors: Record<string, number> = {};
  for (const [drug, f] of Object.entries(p.pharmacokinetic?.clearanceFactor ?? {}))
    factors[findDrug(drug).id] = f;
  return { weightKg, pgpExpression: p.transporter?.pgpExpression ?? 1, clearanceFactor: factors };
}

export function pharmacodynamicOptionsFor(p: ResistanceProfile): PharmacodynamicOptions {
  validateResistance(p);
  return { potencyMultiplier: p.target?.potencyMultiplier ?? {} };
}

export function networkModifiersFor(p: ResistanceProfile): NetworkModifiers {
  validateResistance(p);
  const weights: Partial<Record<TargetName, number>> = {};
  for (const ref of p.geneVariant?.variants ?? []) {
    const id = typeof ref === "string" ? findVariant(ref).id : ref.id;
    Object.assign(weights, VARIANT_TARGET_WEIGHTS[id] ?? {});
  }
  return { gain: p.network?.gain ?? 1, offset: p.intrinsicSeverity?.x0Offset ?? 0, weights };
}

/** Variants for cell models (applyDrugs / applyVariants). */
export function variantsFor(p: ResistanceProfile): readonly VariantRef[] {
  return p.geneVariant?.variants ?? [];
}

/**
 * The regimen with poor adherence: every administration up to `horizonHours` is missed with the
 * profile's probability, drawn from the stream (seed, "adherence/<entry>/<drug>") so that the
 * pattern depends only on the seed and the entry, not on other drugs or the order of evaluation.
 */
export function withAdherence(
  entries: readonly RegimenEntry[],
  p: ResistanceProfile,
  seed: number,
  horizonHours: number,
): RegimenEntry[] {
  validateResistance(p);
  const q = p.pharmacokinetic?.missedDoseProbability ?? 0;
  if (q === 0) return [...entries];
  return entries.map((e, i) => {
    const stream = RandomStream.for(seed, `adherence/${i}/${findDrug(e.drug).id}`);
    const missed = new Set(e.missed ?? []);
    const end = Math.min(e.stop ?? Infinity, horizonHours);
    for (let k = 0; (e.start ?? 0) + k * e.every < end; k++) if (stream.uniform() < q) missed.add(k);
    return { ...e, missed: [...missed].sort((a, b) => a - b) };
  });
}
