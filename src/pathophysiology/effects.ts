/**
 * Circuit effects: the common currency in which every pathophysiological mechanism (lesions,
 * neuroinflammation, neuromodulator tone, channel variants) states what it does to a region's
 * circuit, before any engine sees it.
 *
 * Every field is a multiplicative factor, 1 = normal. Mechanisms compose by multiplying field by
 * field (`composeEffects`), which makes the composition independent of order and lets the
 * contribution of one mechanism be removed exactly (the run summary's `breakdown`).
 *
 * The engines read these factors through three mappings:
 *   - `logExcitationInhibition` (this file): one scalar summary of the balance, used by the
 *     cell → network bridge (src/bridges/cell-to-network.ts) to shift the Epileptor's x0;
 *   - `wendlingGains` (this file): scale factors of the Wendling et al. (2002) gains A, B, G;
 *   - `cellSynapticScales` (this file): factors of the cell engine's receptor conductances.
 */

export interface CircuitEffects {
  /** Excitability of principal (excitatory) cells: f–I output at a fixed drive relative to normal. */
  readonly intrinsicExcitability: number;
  /** Excitability of inhibitory interneurons (same definition, fast-spiking cells). */
  readonly interneuronExcitability: number;
  /** AMPA-receptor conductance onto principal cells. */
  readonly ampa: number;
  /** NMDA-receptor conductance onto principal cells. */
  readonly nmda: number;
  /** Fast somatic (perisomatic) GABA-A inhibition: Wendling's G population. */
  readonly gabaAFast: number;
  /** Slow dendritic GABA-A (and GABA-B) inhibition: Wendling's B population. */
  readonly gabaASlow: number;
  /** Astrocytic K+ buffering (Kir4.1, gap junctions); < 1 = impaired. */
  readonly potassiumBuffering: number;
  /** Astrocytic glutamate uptake (EAAT2/GLT-1); < 1 = impaired. */
  readonly glutamateUptake: number;
  /** Recurrent excitatory connectivity (mossy-fibre-like sprouting); > 1 = more. */
  readonly recurrentExcitation: number;
  /** Surviving principal neurons (neuronal loss < 1). Scales excitation and inhibition alike. */
  readonly neuronalDensity: number;
  /** Surviving inhibitory interneurons (interneuron loss < 1). */
  readonly interneuronDensity: number;
  /** P-glycoprotein (ABCB1) expression at the blood–brain barrier; > 1 = up-regulated. */
  readonly pgp: number;
}

export type EffectName = keyof CircuitEffects;

export const EFFECT_NAMES: readonly EffectName[] = [
  "intrinsicExcitability",
  "interneuronExcitability",
  "ampa",
  "nmda",
  "gabaAFast",
  "gabaASlow",
  "potassiumBuffering",
  "glutamateUptake",
  "recurrentExcitation",
  "neuronalDensity",
  "interneuronDensity",
  "pgp",
];

/** No effect: every factor 1. */
export const NO_EFFECT: CircuitEffects = Object.freeze(
  Object.fromEntries(EFFECT_NAMES.map((k) => [k, 1])) as unknown as CircuitEffects,
);

/** An effects record with the given factors and 1 elsewhere; factors must be finite and > 0. */
export function effects(partial: Partial<CircuitEffects>, where = "effects"): CircuitEffects {
  const out = { ...NO_EFFECT } as Record<EffectName, number>;
  for (const [name, value] of Object.entries(partial)) {
    if (!(EFFECT_NAMES as readonly string[]).includes(name)) {
      throw new RangeError(`${where}.${name}: unknown effect; allowed: ${EFFECT_NAMES.join(", ")}`);
    }
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`${where}.${name} = ${String(value)}: a factor must be finite and > 0`);
    }
    out[name as EffectName] = value;
  }
  return out;
}

/**
 * Field-by-field product. Factors are multiplied in ascending order so that the result is
 * bit-identical whatever order the mechanisms were listed in.
 */
export function composeEffects(...list: readonly CircuitEffects[]): CircuitEffects {
  const out = {} as Record<EffectName, number>;
  for (const name of EFFECT_NAMES) {
    const values = list.map((e) => e[name]).sort((a, b) => a - b);
    out[name] = values.reduce((p, x) => p * x, 1);
  }
  return out;
}

/**
 * Weights of the log excitation–inhibition index. Modelling choices (no published fit exists),
 * stated so that they can be argued with:
 *   ampa, nmda: 1/2 each, so that scaling both glutamate receptors by f contributes ln f;
 *   fast, slow: 1/2 each, so that scaling all GABA-A inhibition by f contributes -ln f (Wendling
 *     et al. 2002 give the two GABA-A populations equal standing in the hippocampal column);
 *   potassium, glutamate: 1/2 each. Impaired clearance acts as extra excitation: elevated
 *     extracellular K+ depolarises neurons and ambient glutamate adds tonic excitation (GLT-1
 *     knockout mice have lethal spontaneous seizures, Tanaka et al. 1997 Science 276:1699;
 *     albumin-induced Kir4.1 loss gives epileptiform activity, Ivens et al. 2007 Brain 130:535),
 *     but clearance mostly matters during intense activity, hence half the weight of a
 *     synaptic factor.
 */
export const EI_WEIGHTS = Object.freeze({
  ampa: 0.5,
  nmda: 0.5,
  fast: 0.5,
  slow: 0.5,
  potassium: 0.5,
  glutamate: 0.5,
});

/** The excitatory drive onto and out of principal cells, relative to normal (a factor). */
export function excitatoryDrive(e: CircuitEffects): number {
  const w = EI_WEIGHTS;
  return (
    e.intrinsicExcitability *
    e.recurrentExcitation *
    e.neuronalDensity *
    e.ampa ** w.ampa *
    e.nmda ** w.nmda *
    e.potassiumBuffering ** -w.potassium *
    e.glutamateUptake ** -w.glutamate
  );
}

/** Fast (somatic) and slow (dendritic) inhibition reaching principal cells, relative to normal. */
export function inhibitoryDrive(e: CircuitEffects): { fast: number; slow: number } {
  const cells = e.interneuronExcitability * e.interneuronDensity * e.neuronalDensity;
  return { fast: e.gabaAFast * cells, slow: e.gabaASlow * cells };
}

/**
 * Log excitation–inhibition index (0 = normal, > 0 = towards excitation):
 *
 *   EI = ln E - 1/2 ln I_fast - 1/2 ln I_slow
 *   E  = intrinsic x recurrent x density x ampa^1/2 x nmda^1/2 x (K+ buffering)^-1/2 x (uptake)^-1/2
 *   I_fast = gabaAFast x interneuronExcitability x interneuronDensity x density   (I_slow alike)
 *
 * Why this form: a log makes independent mechanisms add (factors multiply), so a breakdown by
 * mechanism sums to the total; and scaling excitation and inhibition by the same factor (e.g.
 * uniform neuronal loss) leaves the index unchanged, which is what "balance" means. The weights
 * are EI_WEIGHTS (modelling choices, documented there).
 */
export function logExcitationInhibition(e: CircuitEffects): number {
  const inhibition = inhibitoryDrive(e);
  return (
    Math.log(excitatoryDrive(e)) -
    EI_WEIGHTS.fast * Math.log(inhibition.fast) -
    EI_WEIGHTS.slow * Math.log(inhibition.slow)
  );
}

/**
 * Scale factors of the Wendling et al. (2002, Eur J Neurosci 15:1499) gains: A (excitatory
 * PSP amplitude) follows the excitatory drive, B (slow dendritic GABA-A) the slow inhibition and
 * G (fast somatic GABA-A) the fast inhibition. Multiply the regional A, B, G by these.
 */
export function wendlingGains(e: CircuitEffects): { A: number; B: number; G: number } {
  const inhibition = inhibitoryDrive(e);
  return { A: excitatoryDrive(e), B: inhibition.slow, G: inhibition.fast };
}

/**
 * Factors of the cell engine's receptor conductances onto principal cells (receptor names as in
 * src/engines/cell/synapses.ts): AMPA, NMDA, GABA-A (the mean of fast and slow, since the cell
 * engine has one GABA-A receptor) and GABA-B (the slow factor). Recurrent excitation scales AMPA
 * and NMDA weights (more excitatory synapses), as sprouting adds synapses.
 */
export function cellSynapticScales(e: CircuitEffects): Record<"ampa" | "nmda" | "gabaA" | "gabaB", number> {
  return {
    ampa: e.ampa * e.recurrentExcitation,
    nmda: e.nmda * e.recurrentExcitation,
    gabaA: Math.sqrt(e.gabaAFast * e.gabaASlow),
    gabaB: e.gabaASlow,
  };
}
