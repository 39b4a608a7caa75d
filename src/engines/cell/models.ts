/**
 * Neuron models as data: a membrane (capacitance, area), a list of channels from channels.ts,
 * spike detection, temperature. Each model's parameter table lists what a scenario may change;
 * channel-level edits (conductance scaling, voltage shifts) go through channels.ts helpers.
 *
 *   cobahhPyramidal       Traub–Miles cell of the COBAHH benchmark (Brette et al. 2007)
 *   wangBuzsakiInterneuron  fast-spiking hippocampal interneuron (Wang & Buzsáki 1996)
 *   golombPyramidal       CA1 pyramidal cell with INaP and M current (Golomb, Yue & Yaari 2006),
 *                         the Ca-independent part of their model (no ICa, IK(Ca), IAHP)
 *   golombFastSpiking     cortical fast-spiking interneuron with Kv3 and d-type (Kv1) currents
 *                         (Golomb, Donner, Shacham, Shlosberg, Amitai & Hansel 2007); not the
 *                         microcircuit's default interneuron
 */
import { resolveParameters, type ParameterTable, parameter, type ParameterOverrides } from "../parameters.js";
import {
  aCurrent,
  golombFsDCurrent,
  golombFsPotassium,
  golombFsSodium,
  golombPotassium,
  golombSodium,
  leakChannel,
  mCurrent,
  persistentSodium,
  traubMilesPotassium,
  traubMilesSodium,
  SLOW_INACTIVATION_PARAMETERS,
  wangBuzsakiPotassium,
  wangBuzsakiSodium,
  withSlowInactivation,
} from "./channels.js";
import type { NeuronModel } from "./population.js";

const COBAHH =
  "Brette et al. 2007, J Comput Neurosci 23:349, benchmark 3 (COBAHH); Brian2 examples/COBAHH.py";
const WANG_BUZSAKI = "Wang XJ, Buzsáki G (1996) J Neurosci 16:6402";
const GOLOMB = "Golomb D, Yue C, Yaari Y (2006) J Neurophysiol 96:1912, Table 2 (BioModels BIOMD0000000119)";
const GOLOMB_FS =
  "Golomb D, Donner K, Shacham L, Shlosberg D, Amitai Y, Hansel D (2007) PLoS Comput Biol 3:e156, Models and Methods (checked against ModelDB 97747)";

export const COBAHH_NEURON_PARAMETERS = {
  area: parameter("area", "membrane area", 20000, "µm²", 1, 1e7, COBAHH),
  cm: parameter("cm", "specific capacitance", 1, "µF/cm²", 0.1, 10, COBAHH),
  gl: parameter("gl", "leak conductance density", 0.05, "mS/cm²", 0, 10, COBAHH),
  El: parameter("El", "leak reversal potential", -60, "mV", -120, 0, COBAHH),
  gNa: parameter("gNa", "Na conductance density", 100, "mS/cm²", 0, 1000, COBAHH),
  ENa: parameter("ENa", "Na reversal potential", 50, "mV", 0, 120, COBAHH),
  gK: parameter("gK", "delayed-rectifier K conductance density", 30, "mS/cm²", 0, 1000, COBAHH),
  EK: parameter("EK", "K reversal potential", -90, "mV", -120, -40, COBAHH),
  VT: parameter("VT", "threshold shift of the Traub–Miles rate functions", -63, "mV", -100, 0, COBAHH),
  threshold: parameter("threshold", "spike detection threshold", -20, "mV", -60, 40, COBAHH),
  refractory: parameter("refractory", "detection dead time (V is not clamped)", 3, "ms", 0, 20, COBAHH),
} as const satisfies ParameterTable<
  "area" | "cm" | "gl" | "El" | "gNa" | "ENa" | "gK" | "EK" | "VT" | "threshold" | "refractory"
>;

/** The COBAHH cell: leak, Traub–Miles Na and K with VT = -63 mV, 200 pF, detection at -20 mV. */
export function cobahhPyramidal(
  overrides?: ParameterOverrides<keyof typeof COBAHH_NEURON_PARAMETERS>,
): NeuronModel {
  const p = resolveParameters(COBAHH_NEURON_PARAMETERS, overrides, "cobahhPyramidal");
  return {
    name: "cobahhPyramidal",
    description: "Traub–Miles point neuron of the COBAHH benchmark",
    capacitance: p.cm,
    area: p.area,
    channels: [
      leakChannel({ gbar: p.gl, E: p.El }),
      traubMilesSodium({ gbar: p.gNa, E: p.ENa, VT: p.VT }),
      traubMilesPotassium({ gbar: p.gK, E: p.EK, VT: p.VT }),
    ],
    threshold: p.threshold,
    refractory: p.refractory,
    celsius: 36,
    initialPotential: p.El,
    citation: COBAHH,
  };
}

export const WANG_BUZSAKI_NEURON_PARAMETERS = {
  cm: parameter("cm", "specific capacitance", 1, "µF/cm²", 0.1, 10, WANG_BUZSAKI),
  gL: parameter("gL", "leak conductance density", 0.1, "mS/cm²", 0, 10, WANG_BUZSAKI),
  EL: parameter("EL", "leak reversal potential", -65, "mV", -120, 0, WANG_BUZSAKI),
  gNa: parameter("gNa", "Na conductance density", 35, "mS/cm²", 0, 1000, WANG_BUZSAKI),
  ENa: parameter("ENa", "Na reversal potential", 55, "mV", 0, 120, WANG_BUZSAKI),
  gK: parameter("gK", "K conductance density", 9, "mS/cm²", 0, 1000, WANG_BUZSAKI),
  EK: parameter("EK", "K reversal potential", -90, "mV", -120, -40, WANG_BUZSAKI),
  phi: parameter("phi", "temperature factor of h and n", 5, "dimensionless", 0.01, 100, WANG_BUZSAKI),
  threshold: parameter(
    "threshold",
    "spike detection threshold",
    -20,
    "mV",
    -60,
    40,
    "ours (any level crossed only by spikes)",
  ),
  refractory: parameter(
    "refractory",
    "detection dead time",
    1,
    "ms",
    0,
    20,
    "ours (shorter than the shortest ISI of interest)",
  ),
} as const satisfies ParameterTable<
  "cm" | "gL" | "EL" | "gNa" | "ENa" | "gK" | "EK" | "phi" | "threshold" | "refractory"
>;

/** Options of wangBuzsakiInterneuron outside its published parameter table (default: none). */
export interface WangBuzsakiOptions {
  /**
   * Slow cumulative Na inactivation (channels.ts withSlowInactivation, Migliore et al. 1999 form);
   * absent or floor = 1: the published model. Exploration option (docs/experiments/fs-interneuron.md).
   */
  readonly slowInactivation?: ParameterOverrides<keyof typeof SLOW_INACTIVATION_PARAMETERS>;
}

/**
 * Wang–Buzsáki interneuron (densities; the area is 100 µm² so that nS, pF and pA equal mS/cm²,
 * µF/cm² and µA/cm² numerically).
 */
export function wangBuzsakiInterneuron(
  overrides?: ParameterOverrides<keyof typeof WANG_BUZSAKI_NEURON_PARAMETERS>,
  options?: WangBuzsakiOptions,
): NeuronModel {
  const p = resolveParameters(WANG_BUZSAKI_NEURON_PARAMETERS, overrides, "wangBuzsakiInterneuron");
  const sodium = wangBuzsakiSodium({ gbar: p.gNa, E: p.ENa, phi: p.phi });
  const slow = options?.slowInactivation;
  return {
    name: "wangBuzsakiInterneuron",
    description:
      slow === undefined || (slow.floor ?? 1) === 1
        ? "Wang–Buzsáki fast-spiking interneuron"
        : "Wang–Buzsáki fast-spiking interneuron with slow Na inactivation",
    capacitance: p.cm,
    area: 100,
    channels: [
      leakChannel({ gbar: p.gL, E: p.EL }),
      slow === undefined ? sodium : withSlowInactivation(sodium, slow),
      wangBuzsakiPotassium({ gbar: p.gK, E: p.EK, phi: p.phi }),
    ],
    threshold: p.threshold,
    refractory: p.refractory,
    celsius: 36,
    initialPotential: p.EL,
    citation: WANG_BUZSAKI,
  };
}

export const GOLOMB_PYRAMIDAL_PARAMETERS = {
  cm: parameter("cm", "specific capacitance", 1, "µF/cm²", 0.1, 10, GOLOMB),
  gL: parameter("gL", "leak conductance density", 0.05, "mS/cm²", 0, 10, GOLOMB),
  EL: parameter("EL", "leak reversal potential", -70, "mV", -120, 0, GOLOMB),
  gNa: parameter("gNa", "transient Na conductance density", 35, "mS/cm²", 0, 1000, GOLOMB),
  thetaH: parameter(
    "thetaH",
    "half-inactivation of the transient Na h∞ (exploration option: docs/experiments/pyramid-na-inactivation.md)",
    -45,
    "mV",
    -90,
    0,
    GOLOMB,
  ),
  gKdr: parameter("gKdr", "delayed-rectifier K conductance density", 6, "mS/cm²", 0, 1000, GOLOMB),
  gNaP: parameter(
    "gNaP",
    "persistent Na conductance density (paper range 0–0.41)",
    0.2,
    "mS/cm²",
    0,
    5,
    GOLOMB,
  ),
  thetaP: parameter("thetaP", "half-activation of INaP (paper range -47 to -41)", -41, "mV", -80, 0, GOLOMB),
  gA: parameter("gA", "A-type K conductance density", 1.4, "mS/cm²", 0, 50, GOLOMB),
  gM: parameter("gM", "M-current conductance density", 1, "mS/cm²", 0, 20, GOLOMB),
  threshold: parameter("threshold", "spike detection threshold", -20, "mV", -60, 40, "ours"),
  refractory: parameter("refractory", "detection dead time", 2, "ms", 0, 20, "ours"),
} as const satisfies ParameterTable<
  | "cm"
  | "gL"
  | "EL"
  | "gNa"
  | "thetaH"
  | "gKdr"
  | "gNaP"
  | "thetaP"
  | "gA"
  | "gM"
  | "threshold"
  | "refractory"
>;

/**
 * Golomb 2006 CA1 pyramidal cell without its calcium-dependent currents (gCa = gK(Ca) = gAHP = 0
 * in their notation): Na (m∞³h), Kdr, INaP, A and M currents, leak. Densities; area 100 µm².
 * Their result: with gM = 0 and enough gNaP the cell bursts; gM ≈ 1 mS/cm² restores tonic firing.
 */
export function golombPyramidal(
  overrides?: ParameterOverrides<keyof typeof GOLOMB_PYRAMIDAL_PARAMETERS>,
): NeuronModel {
  const p = resolveParameters(GOLOMB_PYRAMIDAL_PARAMETERS, overrides, "golombPyramidal");
  return {
    name: "golombPyramidal",
    description: "CA1 pyramidal cell with persistent Na and M currents",
    capacitance: p.cm,
    area: 100,
    channels: [
      leakChannel({ gbar: p.gL, E: p.EL }),
      golombSodium({ gbar: p.gNa, thetaH: p.thetaH }),
      golombPotassium({ gbar: p.gKdr }),
      persistentSodium({ gbar: p.gNaP, thetaP: p.thetaP }),
      aCurrent({ gbar: p.gA }),
      mCurrent({ gbar: p.gM }),
    ],
    threshold: p.threshold,
    refractory: p.refractory,
    celsius: 36,
    initialPotential: p.EL,
    citation: GOLOMB,
  };
}

export const GOLOMB_FAST_SPIKING_PARAMETERS = {
  cm: parameter("cm", "specific capacitance", 1, "µF/cm²", 0.1, 10, GOLOMB_FS),
  gL: parameter("gL", "leak conductance density", 0.25, "mS/cm²", 0, 10, GOLOMB_FS),
  EL: parameter("EL", "leak reversal potential", -70, "mV", -120, 0, GOLOMB_FS),
  gNa: parameter("gNa", "transient Na conductance density", 112.5, "mS/cm²", 0, 1000, GOLOMB_FS),
  thetaM: parameter(
    "thetaM",
    "half-activation of Na m∞ (window current; paper -24 small, -28 large)",
    -24,
    "mV",
    -60,
    0,
    GOLOMB_FS,
  ),
  gKdr: parameter("gKdr", "Kv3 delayed-rectifier conductance density", 225, "mS/cm²", 0, 1000, GOLOMB_FS),
  gd: parameter(
    "gd",
    "d-type (Kv1) K conductance density (paper varies it; 0.39 in Figs. 2, 3, 5, 8)",
    0.39,
    "mS/cm²",
    0,
    50,
    GOLOMB_FS,
  ),
  threshold: parameter("threshold", "spike detection threshold", -20, "mV", -60, 40, "ours"),
  refractory: parameter(
    "refractory",
    "detection dead time",
    1,
    "ms",
    0,
    20,
    "ours (shorter than the shortest ISI of interest)",
  ),
} as const satisfies ParameterTable<
  "cm" | "gL" | "EL" | "gNa" | "thetaM" | "gKdr" | "gd" | "threshold" | "refractory"
>;

/**
 * Golomb 2007 fast-spiking cortical interneuron: leak, Na (m∞³h, Martina & Jonas 1997
 * inactivation), Kv3 delayed rectifier (n²) and d-type Kv1 current (a³b), single compartment,
 * densities (area 100 µm²). No temperature factor (the paper gives none). Defaults: the paper's
 * small Na window (θm = -24 mV) with gd = 0.39 mS/cm² (Figs. 2, 5A–C, 8).
 */
export function golombFastSpiking(
  overrides?: ParameterOverrides<keyof typeof GOLOMB_FAST_SPIKING_PARAMETERS>,
): NeuronModel {
  const p = resolveParameters(GOLOMB_FAST_SPIKING_PARAMETERS, overrides, "golombFastSpiking");
  return {
    name: "golombFastSpiking",
    description: "Golomb 2007 fast-spiking cortical interneuron (Na, Kv3, Kv1)",
    capacitance: p.cm,
    area: 100,
    channels: [
      leakChannel({ gbar: p.gL, E: p.EL }),
      golombFsSodium({ gbar: p.gNa, thetaM: p.thetaM }),
      golombFsPotassium({ gbar: p.gKdr }),
      golombFsDCurrent({ gbar: p.gd }),
    ],
    threshold: p.threshold,
    refractory: p.refractory,
    celsius: 36,
    initialPotential: p.EL,
    citation: GOLOMB_FS,
  };
}
