/**
 * Structural lesions as circuit effects: hippocampal sclerosis, focal cortical dysplasia,
 * tumour-associated epilepsy, post-traumatic scar.
 *
 * Each catalogue entry lists the alterations the literature reports for the lesion, as circuit
 * effects (effects.ts) at severity 1, plus a factor on the lesioned region's structural
 * connectivity and a chronic pro-inflammatory drive for the neuroinflammation model
 * (inflammation.ts, input u_I). At severity s in [0, 1] every factor f becomes f^s (geometric
 * interpolation: positive for every s, and the log E/I index, hence Δx0, is linear in s).
 *
 * Directions are established by the cited work; the magnitudes are our modelling choices
 * (UNVERIFIED as measurements unless stated), kept moderate and scaled together so that each
 * lesion at severity 1 moves the log E/I index by 0.3–0.45, about the ½ ln 2 that anchors the
 * cell → network bridge: the lesion alone brings tissue at the VEP healthy value (x0 = -2.4) to
 * about the threshold of autonomous seizures (x0 ≈ -2.06), i.e. makes it an epileptogenic zone.
 *
 * Journal volumes and pages of the references below were written from memory and not all checked;
 * the cited findings themselves are standard (reviews in the dossier).
 *
 * Lesions act on the regions given by label; several lesions (multifocal) and lesions spanning
 * many regions (widespread networks) compose like any other effects: factors multiply per region.
 */
import { effects, type CircuitEffects, type EffectName } from "./effects.js";

export interface LesionType {
  readonly id: LesionId;
  readonly name: string;
  /** Effects at severity 1 (factors, 1 = normal); absent fields are 1. */
  readonly effects: Partial<Record<EffectName, number>>;
  /** Factor on the weights of every connectome edge of a lesioned region at severity 1. */
  readonly connectivity: number;
  /** Constant pro-inflammatory input u_I to the Batulin model at severity 1 (per day units of I). */
  readonly inflammatoryDrive: number;
  /** Why each number, with sources. */
  readonly evidence: readonly string[];
}

export const LESION_IDS = [
  "hippocampal-sclerosis",
  "focal-cortical-dysplasia",
  "tumour",
  "post-traumatic-scar",
] as const;
export type LesionId = (typeof LESION_IDS)[number];

export const LESIONS: Readonly<Record<LesionId, LesionType>> = {
  "hippocampal-sclerosis": {
    id: "hippocampal-sclerosis",
    name: "hippocampal sclerosis (ILAE type 1)",
    effects: {
      neuronalDensity: 0.5,
      interneuronDensity: 0.9,
      recurrentExcitation: 1.1,
      gabaASlow: 0.85,
      potassiumBuffering: 0.85,
      glutamateUptake: 0.9,
    },
    connectivity: 0.8,
    inflammatoryDrive: 0.02,
    evidence: [
      "neuronal loss, predominantly CA1 and CA4, defines ILAE HS type 1 (Blümcke et al. 2013 Epilepsia 54:1315); 0.5 is ours",
      "loss of hilar somatostatin interneurons (de Lanerolle et al. 1989 Brain Res 495:387); 0.9 is ours",
      "mossy-fibre sprouting onto granule cells, recurrent excitation (Sutula et al. 1989 Ann Neurol 26:321); 1.1 is ours",
      "dendritic but not somatic GABAergic inhibition is decreased in experimental TLE (Cossart et al. 2001 Nat Neurosci 4:52), the impaired dendritic inhibition of Wendling et al. 2002; 0.85 is ours",
      "astrocytes in sclerotic hippocampus: reduced Kir currents and gap-junction uncoupling, impaired K+ buffering (Hinterkeuser et al. 2000 Eur J Neurosci 12:2087; Bedner et al. 2015 Brain 138:1208); 0.85 is ours",
      "reduced EAAT1/2 and glutamine synthetase (Proper et al. 2002 Brain 125:32; Eid et al. 2004 Lancet 363:28); 0.9 is ours",
      "reduced structural connectivity of the sclerotic hippocampus (diffusion MRI in TLE; magnitude ours, 0.8)",
      "IL-1β and HMGB1 persist in glia of resected sclerotic hippocampus (Ravizza et al. 2008 Neurobiol Dis 29:142); drive 0.02 is ours",
    ],
  },
  "focal-cortical-dysplasia": {
    id: "focal-cortical-dysplasia",
    name: "focal cortical dysplasia (type II)",
    effects: {
      intrinsicExcitability: 1.15,
      nmda: 1.1,
      interneuronDensity: 0.9,
      gabaAFast: 0.95,
    },
    connectivity: 1,
    inflammatoryDrive: 0.01,
    evidence: [
      "intrinsic epileptogenicity of dysplastic cortex (Palmini et al. 1995 Ann Neurol 37:476); dysmorphic neurons and altered NMDA-receptor subunits (Cepeda et al. 2003 J Neurosci Res 72:472; André et al. 2004 Epilepsia 45:1040); 1.15 and 1.1 are ours",
      "fewer GABAergic interneurons in dysplastic cortex and impaired synaptic inhibition (Calcagnotto et al. 2005 J Neurosci 25:9649); 0.9 and 0.95 are ours",
      "activated microglia and IL-1β in FCD type II (Ravizza et al. 2006 Neurobiol Dis 24:128); drive 0.01 is ours",
    ],
  },
  tumour: {
    id: "tumour",
    name: "tumour-associated epilepsy (peritumoral cortex of a low-grade glioma)",
    effects: {
      glutamateUptake: 0.7,
      gabaAFast: 0.85,
      gabaASlow: 0.85,
      potassiumBuffering: 0.9,
      neuronalDensity: 0.9,
    },
    connectivity: 0.8,
    inflammatoryDrive: 0.02,
    evidence: [
      "glioma cells release glutamate through system xc− and drive peritumoral seizures (Buckingham et al. 2011 Nat Med 17:1269); uptake 0.7 is ours",
      "peritumoral neurons: NKCC1 up / KCC2 down, depolarising GABA-A responses (Pallud et al. 2014 Sci Transl Med 6:244ra89); 0.85 is ours",
      "impaired astrocytic K+ buffering and neuronal loss around the tumour; 0.9 and 0.9 are ours",
      "mass effect and infiltration reduce structural connectivity; 0.8 is ours",
      "tumour-associated inflammation; drive 0.02 is ours",
    ],
  },
  "post-traumatic-scar": {
    id: "post-traumatic-scar",
    name: "post-traumatic glial scar",
    effects: {
      potassiumBuffering: 0.8,
      glutamateUptake: 0.9,
      interneuronDensity: 0.9,
      recurrentExcitation: 1.1,
      neuronalDensity: 0.8,
    },
    connectivity: 0.7,
    inflammatoryDrive: 0.03,
    evidence: [
      "BBB breach → albumin → TGF-β → Kir4.1 and glutamate-transporter down-regulation (Ivens et al. 2007 Brain 130:535; Bar-Klein et al. 2014 Ann Neurol 75:864); 0.8 and 0.9 are ours",
      "selective loss of dentate hilar neurons after traumatic brain injury (Lowenstein et al. 1992 J Neurosci 12:4846); 0.9 is ours",
      "axonal sprouting of layer V pyramidal neurons in chronically injured cortex (Salin et al. 1995 J Neurosci 15:8234); 1.1 is ours",
      "white-matter injury reduces connectivity; 0.7 is ours",
      "persistent post-traumatic inflammation; drive 0.03 is ours",
    ],
  },
};

export interface LesionSpec {
  readonly type: LesionId;
  readonly regions: readonly string[];
  /** In [0, 1]. */
  readonly severity: number;
}

function checkSeverity(severity: number, where: string): void {
  if (!(severity >= 0 && severity <= 1))
    throw new RangeError(`${where}.severity = ${severity}: must lie in [0, 1]`);
}

export function findLesion(type: string, where = "lesion"): LesionType {
  const lesion = (LESIONS as Record<string, LesionType>)[type];
  if (lesion === undefined) {
    throw new RangeError(`${where}.type = "${type}": unknown lesion; allowed: ${LESION_IDS.join(", ")}`);
  }
  return lesion;
}

/** Circuit effects of one lesion at a severity (each factor f at severity 1 becomes f^severity). */
export function lesionEffects(type: LesionId, severity: number, where = "lesion"): CircuitEffects {
  checkSeverity(severity, where);
  const lesion = findLesion(type, where);
  const scaled: Partial<Record<EffectName, number>> = {};
  for (const [name, f] of Object.entries(lesion.effects)) scaled[name as EffectName] = f ** severity;
  return effects(scaled, where);
}

/** Connectivity factor of a lesioned region's edges at a severity. */
export function lesionConnectivity(type: LesionId, severity: number, where = "lesion"): number {
  checkSeverity(severity, where);
  return findLesion(type, where).connectivity ** severity;
}

/** Chronic pro-inflammatory input u_I of a lesion at a severity (linear in severity). */
export function lesionInflammatoryDrive(type: LesionId, severity: number, where = "lesion"): number {
  checkSeverity(severity, where);
  return findLesion(type, where).inflammatoryDrive * severity;
}
