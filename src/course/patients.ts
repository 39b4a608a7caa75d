/**
 * Virtual patients for a newly diagnosed population (or a trial population restricted to some
 * etiologies). Each patient is drawn from its own stream (seed, "<population>/patient/<id>"),
 * so patient k is the same whatever the cohort size, batch or worker that computes it.
 *
 * Priors per etiology (ETIOLOGY_PRIORS). These are modelling priors, stated with their basis:
 * - Population weights: a newly diagnosed, all-age clinic population in which roughly a third of
 *   epilepsies have an identified structural cause and a fifth are genetic generalised, as in the
 *   Rochester incidence study (Hauser, Annegers & Kurland 1993, Epilepsia 34:453; remote
 *   symptomatic ~ 1/3 of incident epilepsy; exact split UNVERIFIED) and the idiopathic vs
 *   symptomatic/cryptogenic split of Kwan & Brodie 2000 (NEJM 342:314). Rare genetic
 *   encephalopathies (SCN1A/Dravet, KCNQ2, TSC) get about 1% each so that the population
 *   contains them; a trial scenario restricts the weights to its syndrome.
 * - Lesions follow the etiology by definition; variant genes use the catalogue of
 *   src/pathophysiology/variants.ts (SCN1A-LoF for Dravet, Claes et al. 2001; KCNQ2-BFNS or
 *   KCNQ2-DEE, Singh et al. 1998 / Weckhuysen et al. 2012; in genetic generalised epilepsy a
 *   few carry GABRA1-LoF (Cossette et al. 2002, juvenile myoclonic epilepsy) or CACNA1H-GoF
 *   (Chen et al. 2003, childhood absence); fractions are modelling choices). TSC patients carry
 *   TSC1 or TSC2 (gene symbols; no channel edit in the catalogue).
 * - Inflammation index: high in FCD type II and TSC tubers, present in hippocampal sclerosis,
 *   tumours and post-traumatic scars, low in genetic and non-lesional epilepsies (Vezzani et al.
 *   2011 Nat Rev Neurol 7:31; shared/science/inflammation_modulation.md). Values 0–1 are an index
 *   on our scale, not a measurement.
 * - P-glycoprotein fold: over-expression in resected lesional tissue, rising with inflammation
 *   (drugs.md §4, transporter hypothesis; magnitude a modelling choice, 1 + 0.8 × inflammation
 *   × log-normal noise).
 * - Baseline seizure rate: log-normal per etiology. Medians are modelling priors chosen so that
 *   about a third of newly diagnosed patients exceed 20 seizures before treatment, which is what
 *   Kwan & Brodie 2000 imply (51% vs 29% uncontrolled with > 20 vs <= 20 seizures, 36% overall,
 *   gives a 32% share above 20). Encephalopathies (Dravet, TSC, KCNQ2 neonatal) are frequent.
 * - Multidien period uniform in 20–30 days, the most common range in 37 RNS patients (Baud et
 *   al. 2018, Nat Commun 9:88 ✓).
 */
import { RandomStream } from "../numerics/random.js";
import { categoricalIndex, logNormalVariate } from "../numerics/variates.js";
import { ETIOLOGIES, type Etiology, type Lesion, type PatientFacts, type Syndrome } from "./types.js";

interface EtiologyPrior {
  readonly weight: number;
  readonly syndrome: Syndrome;
  readonly lesion: Lesion;
  /** Mean inflammation index (0–1); individual values ± 0.15 uniform, clipped. */
  readonly inflammation: number;
  /** Median untreated seizures per 30 days, and the log10 standard deviation across patients. */
  readonly medianPerMonth: number;
  readonly log10Sd: number;
}

export const ETIOLOGY_PRIORS: Readonly<Record<Etiology, EtiologyPrior>> = {
  "mesial-temporal-sclerosis": {
    weight: 0.1,
    syndrome: "focal",
    lesion: "hippocampal-sclerosis",
    inflammation: 0.5,
    medianPerMonth: 4,
    log10Sd: 0.5,
  },
  "focal-cortical-dysplasia": {
    weight: 0.05,
    syndrome: "focal",
    lesion: "focal-cortical-dysplasia",
    inflammation: 0.6,
    medianPerMonth: 6,
    log10Sd: 0.5,
  },
  tumour: {
    weight: 0.06,
    syndrome: "focal",
    lesion: "tumour",
    inflammation: 0.4,
    medianPerMonth: 3,
    log10Sd: 0.5,
  },
  "post-traumatic": {
    weight: 0.1,
    syndrome: "focal",
    lesion: "glial-scar",
    inflammation: 0.45,
    medianPerMonth: 3,
    log10Sd: 0.5,
  },
  "dravet-scn1a": {
    weight: 0.01,
    syndrome: "dravet",
    lesion: "none",
    inflammation: 0.2,
    medianPerMonth: 12,
    log10Sd: 0.4,
  },
  kcnq2: {
    weight: 0.01,
    syndrome: "kcnq2",
    lesion: "none",
    inflammation: 0.1,
    medianPerMonth: 30,
    log10Sd: 0.5,
  },
  "tuberous-sclerosis": {
    weight: 0.01,
    syndrome: "focal",
    lesion: "tubers",
    inflammation: 0.65,
    medianPerMonth: 15,
    log10Sd: 0.5,
  },
  "genetic-generalised": {
    weight: 0.22,
    syndrome: "generalised",
    lesion: "none",
    inflammation: 0.1,
    medianPerMonth: 4,
    log10Sd: 0.6,
  },
  unknown: {
    weight: 0.44,
    syndrome: "focal",
    lesion: "none",
    inflammation: 0.15,
    medianPerMonth: 2,
    log10Sd: 0.55,
  },
};

/** What a scenario may change about the population. */
export interface PopulationSpec {
  /** Relative weights per etiology (missing etiologies keep their default weight unless `only`). */
  readonly etiologyWeights?: Partial<Record<Etiology, number>>;
  /** Restrict to these etiologies (weights renormalised among them). */
  readonly only?: readonly Etiology[];
  /** Override the untreated rate distribution (e.g. a refractory trial population). */
  readonly baselinePerMonth?: { readonly median: number; readonly log10Sd: number };
  /** Lower bound of the unexplained-resistance deviate (a refractory population: e.g. 0.3). */
  readonly minIdiosyncraticResistance?: number;
}

function variantsFor(etiology: Etiology, stream: RandomStream): { genes: string[]; variants: string[] } {
  switch (etiology) {
    case "dravet-scn1a":
      return { genes: ["SCN1A"], variants: ["SCN1A-LoF"] };
    case "kcnq2":
      // Self-limited familial neonatal epilepsy is the more common KCNQ2 phenotype (modelling choice 70/30).
      return stream.uniform() < 0.7
        ? { genes: ["KCNQ2"], variants: ["KCNQ2-BFNS"] }
        : { genes: ["KCNQ2"], variants: ["KCNQ2-DEE"] };
    case "tuberous-sclerosis":
      // TSC2 mutations are about three times as frequent as TSC1 in TSC (modelling share 75/25).
      return stream.uniform() < 0.75 ? { genes: ["TSC2"], variants: [] } : { genes: ["TSC1"], variants: [] };
    case "genetic-generalised": {
      const u = stream.uniform();
      if (u < 0.02) return { genes: ["GABRA1"], variants: ["GABRA1-LoF"] };
      if (u < 0.04) return { genes: ["CACNA1H"], variants: ["CACNA1H-GoF"] };
      return { genes: [], variants: [] };
    }
    default:
      return { genes: [], variants: [] };
  }
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - pl) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

function etiologyWeights(spec: PopulationSpec): number[] {
  return ETIOLOGIES.map((e) => {
    if (spec.only !== undefined && !spec.only.includes(e)) return 0;
    return spec.etiologyWeights?.[e] ?? ETIOLOGY_PRIORS[e].weight;
  });
}

/** Draw patient `id` of a population from stream (seed, `${path}/patient/${id}`). */
export function generatePatient(
  seed: number,
  path: string,
  id: number,
  spec: PopulationSpec = {},
): PatientFacts {
  const stream = RandomStream.for(seed, `${path}/patient/${id}`);
  const etiology = ETIOLOGIES[categoricalIndex(stream, etiologyWeights(spec))];
  const prior = ETIOLOGY_PRIORS[etiology];
  const { genes, variants } = variantsFor(etiology, stream);
  const inflammation = Math.min(1, Math.max(0, prior.inflammation + 0.3 * (stream.uniform() - 0.5)));
  const transporterFold = 1 + 0.8 * inflammation * logNormalVariate(stream, 0, 0.4);
  const rate = spec.baselinePerMonth ?? { median: prior.medianPerMonth, log10Sd: prior.log10Sd };
  const baselineRatePerDay = (rate.median / 30) * Math.pow(10, rate.log10Sd * stream.normal());
  // Unexplained resistance: standard normal, optionally truncated below (inverse-CDF draw).
  const lower = spec.minIdiosyncraticResistance;
  let idiosyncraticResistance: number;
  if (lower === undefined) idiosyncraticResistance = stream.normal();
  else {
    const pLower = 0.5 * (1 + erf(lower / Math.SQRT2));
    idiosyncraticResistance = normalQuantile(pLower + (1 - pLower) * stream.uniformOpen() * (1 - 1e-12));
  }
  return {
    id,
    etiology,
    syndrome: prior.syndrome,
    lesion: prior.lesion,
    genes,
    variants,
    inflammation,
    transporterFold,
    baselineRatePerDay,
    idiosyncraticResistance,
    multidienPeriodDays: 20 + 10 * stream.uniform(),
    multidienPhase: 2 * Math.PI * stream.uniform(),
  };
}

/** Error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
function erf(x: number): number {
  const s = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-ax * ax);
  return s * y;
}
