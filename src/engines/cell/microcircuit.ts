/**
 * An E/I microcircuit of conductance-based cells for excitability experiments:
 *
 *   E  Golomb CA1 pyramidal cells with INaP and M current (models.ts golombPyramidal)
 *   I  Wang–Buzsáki fast-spiking interneurons (models.ts wangBuzsakiInterneuron)
 *   E→E, E→I  AMPA + NMDA (Mg²⁺ block);  I→E  GABA-A + GABA-B;  I→I  GABA-A
 *   every (pre, post) pair connected independently with the probability of its projection
 *   (no autapses), one uniform axonal delay; independent Poisson AMPA drive to every cell.
 *   Option `ring: 1`: both populations on a periodic ring, pair probability falling with distance
 *   as a Gaussian of each pathway's σ (drawRingConnections); explored for issue 4, not the default.
 *
 * The structure (random E/I network, conductance synapses, external Poisson drive standing
 * for the rest of the cortex, a ratio of 4 E per I cell) follows Brunel N (2000) J Comput Neurosci
 * 8:183 and Brunel N, Wang XJ (2001) J Comput Neurosci 11:63 (receptor mix AMPA/NMDA/GABA-A,
 * external drive through AMPA). Receptor kinetics are synapses.ts's catalogue.
 *
 * Weights: per-connection peak conductances in the density units of the two models (area 100 µm²,
 * so nS = mS/cm²). E→E: one connection gives a unitary EPSP of 5.0 mV at rest (−70 mV; 5.3 mV held
 * at −65 mV), at the top of the 0.15–5.5 mV (mean 1.3 mV) of paired recordings between layer-5
 * pyramidal cells (Markram et al. 1997, J Physiol 500:409); each cell has ~128 E inputs (p = 0.8 in
 * a 160-cell population standing for a larger one), so firing needs several coincident inputs.
 * This subthreshold recurrent excitation is what lets INaP act on the network: held at −65 mV, the
 * same unitary EPSP stays at 5.3 mV with the default gNaP and fires the cell with gNaP × 4
 * (INaP amplifies EPSPs near threshold; Stuart & Sakmann 1995, Neuron 15:1065). The remaining
 * weights are ours, chosen (docs/models/cells.md, "Microcircuit") for a baseline that fires
 * asynchronously and irregularly (Golomb χE ≈ 0.3, pyramidal cells < 1 Hz, interneurons ~16 Hz,
 * no population event in 2 s) and that GABA-A loss, SCN1A loss of function and raised INaP each
 * turn into hypersynchronous population bursts. They are not fitted to any recording.
 *
 * The engine knows no genes or drugs: variants edit the neuron models (pathophysiology/variants.ts
 * applyVariants) and scale receptors (`receptorScales`, e.g. variants' synapticScales) from outside.
 *
 * Random streams: connections "microcircuit/connections/<E|I>-><E|I>", drive "microcircuit/drive/<E|I>/<k>",
 * initial potentials "microcircuit/initial/<E|I>".
 */
import { RandomStream } from "../../numerics/random.js";
import { resolveParameters, type ParameterTable, parameter, type ParameterOverrides } from "../parameters.js";
import { connect } from "./connectivity.js";
import { PoissonDrive } from "./drive.js";
import { golombPyramidal, wangBuzsakiInterneuron } from "./models.js";
import { PopulationRateMonitor, SpikeMonitor } from "./monitors.js";
import { Network, type ProjectionSpec } from "./network.js";
import { BLOCK_EQUILIBRATION_RATE } from "./channels.js";
import { toAbsolute, type KernelChoice, type NeuronModel } from "./population.js";
import { ampaReceptor, gabaAReceptor, gabaBReceptor, nmdaReceptor } from "./synapses.js";
import { SynchronyMonitor } from "./synchrony.js";
import { SynapticInputMonitor, type SynapticInput } from "./synaptic-input.js";

const BRUNEL = "Brunel 2000, J Comput Neurosci 8:183 (4:1 E:I, sparse random connectivity)";
const OURS = "ours: chosen for an asynchronous irregular baseline (docs/models/cells.md)";
const BARTOS_2002 =
  "option: basket→basket unitary IPSCs decay faster than basket→principal ones, amplitude-weighted τ 2.5/1.2/1.8 ms in DG/CA3/CA1 at 33–34 °C (Bartos M et al. 2002 PNAS 99:13222)";
const WANG_BUZSAKI_HETEROGENEITY =
  "option: heterogeneous drive of the interneurons as in Wang XJ, Buzsáki G (1996) J Neurosci 16:6402 (ours: Gaussian spread of a tonic bias)";
const RING = "ours: geometry option explored for issue 4, not fitted (docs/experiments/microcircuit-ring.md)";
const UNITARY_EPSP =
  "5.0 mV unitary EPSP at rest, top of 0.15–5.5 mV in Markram et al. 1997 J Physiol 500:409 (ours: exact value)";

export const MICROCIRCUIT_PARAMETERS = {
  excitatory: parameter("excitatory", "number of pyramidal (E) cells", 160, "cells", 2, 20000, BRUNEL),
  inhibitory: parameter("inhibitory", "number of interneurons (I)", 40, "cells", 2, 5000, BRUNEL),
  pEE: parameter("pEE", "E→E connection probability", 0.8, "dimensionless", 0, 1, OURS),
  pEI: parameter("pEI", "E→I connection probability", 0.2, "dimensionless", 0, 1, OURS),
  pIE: parameter("pIE", "I→E connection probability", 0.3, "dimensionless", 0, 1, OURS),
  pII: parameter("pII", "I→I connection probability", 0.3, "dimensionless", 0, 1, OURS),
  ampaEE: parameter(
    "ampaEE",
    "AMPA peak conductance per E→E connection",
    0.028,
    "mS/cm²",
    0,
    1,
    UNITARY_EPSP,
  ),
  nmdaEE: parameter("nmdaEE", "NMDA peak conductance per E→E connection", 0.0022, "mS/cm²", 0, 1, OURS),
  ampaEI: parameter("ampaEI", "AMPA peak conductance per E→I connection", 0.014, "mS/cm²", 0, 1, OURS),
  nmdaEI: parameter("nmdaEI", "NMDA peak conductance per E→I connection", 0.003, "mS/cm²", 0, 1, OURS),
  gabaAIE: parameter("gabaAIE", "GABA-A peak conductance per I→E connection", 0.3, "mS/cm²", 0, 10, OURS),
  gabaBIE: parameter("gabaBIE", "GABA-B peak conductance per I→E connection", 0.0045, "mS/cm²", 0, 1, OURS),
  gabaAII: parameter("gabaAII", "GABA-A peak conductance per I→I connection", 0.028, "mS/cm²", 0, 1, OURS),
  gabaADecayE: parameter(
    "gabaADecayE",
    "GABA-A decay time constant of the synapses onto pyramidal cells",
    7,
    "ms",
    0.5,
    100,
    "synapses.ts GABA_A_PARAMETERS default (NESTML wb_cond_multisyn)",
  ),
  gabaADecayI: parameter(
    "gabaADecayI",
    "GABA-A decay time constant of the synapses onto interneurons",
    7,
    "ms",
    0.5,
    100,
    `synapses.ts default; ${BARTOS_2002}`,
  ),
  biasE: parameter(
    "biasE",
    "tonic depolarising current density of the pyramidal cells (background synaptic activity not modelled as events)",
    0,
    "µA/cm²",
    -20,
    20,
    "ours: option, default 0; stands for the depolarised high-conductance operating point of active cortex (Destexhe A, Rudolph M, Paré D 2003 Nat Rev Neurosci 4:739) (docs/experiments/microcircuit-gaba.md)",
  ),
  biasSpreadE: parameter(
    "biasSpreadE",
    "standard deviation across pyramidal cells of their tonic bias (Gaussian, one draw per cell)",
    0,
    "µA/cm²",
    0,
    20,
    "ours: option, default 0; heterogeneous excitability of the pyramidal cells (docs/experiments/microcircuit-gaba.md)",
  ),
  biasI: parameter(
    "biasI",
    "mean tonic bias current density of the interneurons",
    0,
    "µA/cm²",
    -20,
    20,
    "ours: option, default 0 (no bias); used by the mc-het exploration (docs/experiments/microcircuit-het.md)",
  ),
  biasSpreadI: parameter(
    "biasSpreadI",
    "standard deviation across interneurons of their tonic bias (Gaussian, one draw per cell)",
    0,
    "µA/cm²",
    0,
    20,
    WANG_BUZSAKI_HETEROGENEITY,
  ),
  delay: parameter("delay", "axonal delay of every connection", 1, "ms", 0, 20, OURS),
  driveRateE: parameter(
    "driveRateE",
    "external Poisson AMPA event rate per E cell",
    1000,
    "Hz",
    0,
    1e5,
    BRUNEL,
  ),
  driveWeightE: parameter(
    "driveWeightE",
    "AMPA peak conductance per external event on E",
    0.026,
    "mS/cm²",
    0,
    1,
    OURS,
  ),
  driveRateI: parameter(
    "driveRateI",
    "external Poisson AMPA event rate per I cell",
    1000,
    "Hz",
    0,
    1e5,
    BRUNEL,
  ),
  driveWeightI: parameter(
    "driveWeightI",
    "AMPA peak conductance per external event on I",
    0.0031,
    "mS/cm²",
    0,
    1,
    OURS,
  ),
  ring: parameter(
    "ring",
    "1 = cells on a periodic ring, pair probability pXY × exp(−d²/2σXY²) (pXY its peak); 0 = random",
    0,
    "dimensionless",
    0,
    1,
    RING,
  ),
  ringLength: parameter("ringLength", "circumference of the ring", 2000, "µm", 10, 1e5, RING),
  sigmaEE: parameter("sigmaEE", "Gaussian footprint (s.d.) of E→E connections", 300, "µm", 1, 1e5, RING),
  sigmaEI: parameter(
    "sigmaEI",
    "Gaussian footprint (s.d.) of E→I connections",
    150,
    "µm",
    1,
    1e5,
    "ours; pyramid–fast-spiking connection probability 0.5–0.75, falling only slightly within 200 µm (Holmgren et al. 2003 J Physiol 551:139, abstract)",
  ),
  sigmaIE: parameter(
    "sigmaIE",
    "Gaussian footprint (s.d.) of I→E connections",
    150,
    "µm",
    1,
    1e5,
    "ours; PV+ interneurons contact nearly every nearby pyramidal cell (Packer & Yuste 2011 J Neurosci 31:13260, abstract)",
  ),
  sigmaII: parameter("sigmaII", "Gaussian footprint (s.d.) of I→I connections", 100, "µm", 1, 1e5, RING),
  dt: parameter(
    "dt",
    "integration step",
    0.025,
    "ms",
    0.001,
    0.05,
    "Wang & Buzsáki 1996 and Golomb 2006 models need dt <= ~0.05 ms",
  ),
} as const satisfies ParameterTable<
  | "excitatory"
  | "inhibitory"
  | "pEE"
  | "pEI"
  | "pIE"
  | "pII"
  | "ampaEE"
  | "nmdaEE"
  | "ampaEI"
  | "nmdaEI"
  | "gabaAIE"
  | "gabaBIE"
  | "gabaAII"
  | "gabaADecayE"
  | "gabaADecayI"
  | "biasE"
  | "biasSpreadE"
  | "biasI"
  | "biasSpreadI"
  | "delay"
  | "driveRateE"
  | "driveWeightE"
  | "driveRateI"
  | "driveWeightI"
  | "ring"
  | "ringLength"
  | "sigmaEE"
  | "sigmaEI"
  | "sigmaIE"
  | "sigmaII"
  | "dt"
>;

export type MicrocircuitParameters = Record<keyof typeof MICROCIRCUIT_PARAMETERS, number>;

/**
 * Named circuits: parameter overrides on MICROCIRCUIT_PARAMETERS and the pyramidal model.
 *
 * - `default`: the table's defaults (160/40 cells; inhibition of the pyramidal cells mostly GABA-B
 *   current; interneurons driven by dense Poisson input near threshold). Fast (≈ 1.5 s per 1 s).
 * - `perisomatic`: the best circuit of the issue-4 searches (docs/experiments/m18-combos.md,
 *   candidate C52): 800/200 cells, perisomatic GABA-A-dominated inhibition of the pyramidal
 *   cells with weak, fast I→I (decay 1.8 ms, Bartos et al. 2002), interneurons held firing by a
 *   tonic bias with a small per-cell spread (mean-driven), and a Golomb pyramid with its Na
 *   inactivation midpoint moved from −45 to −52 mV and g_Na refitted to the published f–I curve
 *   (51 mS/cm²; −52 mV keeps the 35 mV gap between activation and inactivation midpoints that Sah,
 *   Gibb & Gage 1988 J Gen Physiol 91:373 measured in CA1 cells; docs/experiments/
 *   pyramid-na-inactivation.md §1). Weights are ours, chosen against the drug and variant
 *   criteria of docs/experiments/README.md, not fitted to recordings. ≈ 5–8 s per 1 s.
 */
export const MICROCIRCUIT_PRESETS = {
  default: {
    description: "160/40 cells, default weights (docs/models/cells.md)",
    parameters: {} as ParameterOverrides<keyof typeof MICROCIRCUIT_PARAMETERS>,
    excitatoryModel: (): NeuronModel => golombPyramidal(),
  },
  perisomatic: {
    description:
      "800/200 cells, GABA-A-dominated perisomatic inhibition, tonically driven interneurons, pyramid Na inactivation midpoint −52 mV (docs/experiments/m18-combos.md, C52)",
    parameters: {
      excitatory: 800,
      inhibitory: 200,
      pEE: 0.3,
      pEI: 0.04,
      pIE: 0.06,
      pII: 0.06,
      gabaAIE: 0.18,
      gabaBIE: 0.0005,
      gabaAII: 0.007,
      gabaADecayI: 1.8,
      nmdaEE: 0.004,
      driveWeightE: 0.015,
      driveWeightI: 0.0005,
      biasE: 1,
      biasI: 0.8,
      biasSpreadI: 0.05,
    } as ParameterOverrides<keyof typeof MICROCIRCUIT_PARAMETERS>,
    excitatoryModel: (): NeuronModel => golombPyramidal({ thetaH: -52, gNa: 51 }),
  },
} as const;

export type MicrocircuitPreset = keyof typeof MICROCIRCUIT_PRESETS;

export interface MicrocircuitOptions {
  readonly seed: number;
  /** Simulated time (ms). */
  readonly durationMs: number;
  /** Initial part left out of rates and χ (ms); default 200. */
  readonly transientMs?: number;
  readonly parameters?: ParameterOverrides<keyof typeof MICROCIRCUIT_PARAMETERS>;
  /** Pyramidal cell model; default golombPyramidal(). */
  readonly excitatoryModel?: NeuronModel;
  /** Interneuron model; default wangBuzsakiInterneuron(). */
  readonly inhibitoryModel?: NeuronModel;
  /**
   * Factor per receptor name ("ampa", "nmda", "gabaA", "gabaB") on the weights of the projections
   * onto each population (the recurrent ones, not the external drive).
   */
  readonly receptorScales?: {
    readonly excitatory?: Readonly<Record<string, number>>;
    readonly inhibitory?: Readonly<Record<string, number>>;
  };
  /**
   * Tonic current density (µA/cm², positive = depolarising) injected into every cell of each
   * population; default 0. Lets modulators that act as a steady current (e.g. a transmitter-gated
   * K conductance near rest) be applied from outside.
   */
  readonly biasCurrent?: { readonly excitatory?: number; readonly inhibitory?: number };
  /**
   * Factor on the GABA-A decay time constant (gabaADecayE, gabaADecayI) of the synapses onto each
   * population; default 1. For modulators that prolong IPSCs rather than enlarge them; the
   * pipeline does not use it (why, with the sources: docs/experiments/microcircuit-het.md).
   */
  readonly gabaADecayScale?: { readonly excitatory?: number; readonly inhibitory?: number };
  /** Width of the population-rate bins (ms); default 1. */
  readonly binMs?: number;
  readonly kernel?: KernelChoice;
  /**
   * Kinetic drug blocks (channels.ts `ChannelBlock`) start at the steady state of the circuit's
   * own activity: before the run, the same circuit (same seed, same initial state) is simulated
   * for this long (ms) with every block relaxing at max(k_off, channels.ts BLOCK_EQUILIBRATION_RATE) (binding
   * and unbinding both accelerated, so the same u∞(h)), and its final unbound fractions u become
   * the initial u of the run, which then starts afresh (same noise as without the pre-run) at
   * the real rates. Default 500 ms when a population has a block, ignored otherwise; 0 starts the
   * blocks at equilibrium with the resting potential. A patient on a drug for days has the block
   * of ongoing activity, not of rest; the real k_off (0.07–0.95 s⁻¹) would need 5–50 s to get
   * there (docs/models/drugs.md §4).
   */
  readonly blockEquilibrationMs?: number;
}

export interface MicrocircuitResult {
  readonly parameters: MicrocircuitParameters;
  readonly dt: number;
  readonly steps: number;
  readonly transientSteps: number;
  readonly excitatory: number;
  readonly inhibitory: number;
  /** Spikes in time order: neuron index (E cells 0..NE−1, then I cells) and step. */
  readonly spikeNeurons: Int32Array;
  readonly spikeSteps: Int32Array;
  /** Mean rate per cell after the transient (Hz). */
  readonly rateE: number;
  readonly rateI: number;
  /** Golomb–Rinzel χ of the membrane potentials after the transient. */
  readonly chiE: number;
  readonly chiI: number;
  /** Population rates (Hz) in bins of binMs over the whole run. */
  readonly binMs: number;
  readonly populationRateE: Float64Array;
  readonly populationRateI: Float64Array;
  readonly driveEvents: number;
  readonly synapticEvents: number;
  /** Length of the block-equilibration pre-run (ms; 0 when nothing is blocked). */
  readonly blockEquilibrationMs: number;
  /**
   * Mean synaptic conductance and current per receptor onto each population after the transient
   * (recurrent and external drive together: the drive also acts through AMPA), and the mean
   * membrane potential; sampled every 0.5 ms (synaptic-input.ts).
   */
  readonly synapticInputE: SynapticInput;
  readonly synapticInputI: SynapticInput;
}

const RECEPTORS_E = (gabaADecay: number) => [
  ampaReceptor(),
  nmdaReceptor(),
  gabaAReceptor({ tauDecay: gabaADecay }),
  gabaBReceptor(),
];
const RECEPTORS_I = (gabaADecay: number) => [
  ampaReceptor(),
  nmdaReceptor(),
  gabaAReceptor({ tauDecay: gabaADecay }),
];

function checkScales(scales: Readonly<Record<string, number>> | undefined, where: string, allowed: string[]) {
  for (const [name, value] of Object.entries(scales ?? {})) {
    if (!allowed.includes(name))
      throw new RangeError(`receptorScales.${where}.${name}: no such receptor (have ${allowed.join(", ")})`);
    if (!(value >= 0) || !Number.isFinite(value))
      throw new RangeError(`receptorScales.${where}.${name} must be finite and >= 0, got ${value}`);
  }
}

/**
 * Distance-dependent connections on a periodic ring of circumference 1: cell k of a population of
 * n sits at (k + 0.5) / n; a (source, target) pair at ring distance d is connected with
 * probability min(1, peak × exp(−d² / 2σ²)), σ in units of the circumference, each pair drawn
 * once from `rng` in source-major order; no autapses when `samePopulation`.
 */
export function drawRingConnections(
  sourceSize: number,
  targetSize: number,
  peak: number,
  sigma: number,
  samePopulation: boolean,
  rng: RandomStream,
): { sources: Int32Array; targets: Int32Array } {
  if (!(peak >= 0 && peak <= 1)) throw new RangeError(`ring connections: peak ${peak} outside [0, 1]`);
  if (!(sigma > 0) || !Number.isFinite(sigma))
    throw new RangeError(`ring connections: sigma ${sigma} must be finite and > 0`);
  const src: number[] = [];
  const tgt: number[] = [];
  for (let i = 0; i < sourceSize; i++) {
    const xi = (i + 0.5) / sourceSize;
    for (let j = 0; j < targetSize; j++) {
      if (samePopulation && i === j) continue;
      let d = Math.abs(xi - (j + 0.5) / targetSize);
      if (d > 0.5) d = 1 - d;
      if (rng.uniform() < peak * Math.exp((-d * d) / (2 * sigma * sigma))) {
        src.push(i);
        tgt.push(j);
      }
    }
  }
  return { sources: Int32Array.from(src), targets: Int32Array.from(tgt) };
}

/** The microcircuit network (not yet run), its drives attached and its initial state drawn. */
export function buildMicrocircuit(options: MicrocircuitOptions): {
  network: Network;
  parameters: MicrocircuitParameters;
  drives: PoissonDrive[];
} {
  const p = resolveParameters(MICROCIRCUIT_PARAMETERS, options.parameters, "microcircuit");
  if (p.ring !== 0 && p.ring !== 1) throw new RangeError(`microcircuit ring must be 0 or 1, got ${p.ring}`);
  for (const key of ["excitatory", "inhibitory"] as const) {
    if (!Number.isInteger(p[key]))
      throw new RangeError(`microcircuit ${key} must be an integer, got ${p[key]}`);
  }
  const seed = options.seed;
  const eModel = options.excitatoryModel ?? golombPyramidal();
  const iModel = options.inhibitoryModel ?? wangBuzsakiInterneuron();
  const decayScale = (x: number | undefined, where: string) => {
    if (x === undefined) return 1;
    if (!(x > 0) || !Number.isFinite(x))
      throw new RangeError(`gabaADecayScale.${where} must be finite and > 0, got ${x}`);
    return x;
  };
  const receptorsE = RECEPTORS_E(
    p.gabaADecayE * decayScale(options.gabaADecayScale?.excitatory, "excitatory"),
  );
  const receptorsI = RECEPTORS_I(
    p.gabaADecayI * decayScale(options.gabaADecayScale?.inhibitory, "inhibitory"),
  );
  checkScales(
    options.receptorScales?.excitatory,
    "excitatory",
    receptorsE.map((r) => r.name),
  );
  checkScales(
    options.receptorScales?.inhibitory,
    "inhibitory",
    receptorsI.map((r) => r.name),
  );
  const scale = (target: "E" | "I", receptor: string) =>
    (target === "E" ? options.receptorScales?.excitatory : options.receptorScales?.inhibitory)?.[receptor] ??
    1;
  // One draw of connections per pathway: AMPA and NMDA (or GABA-A and GABA-B) of a pathway are
  // two receptors of the same synapses, so both projections get the same explicit connections.
  const pathway = (source: "E" | "I", target: "E" | "I", probability: number) => {
    if (p.ring === 1) return ringPathway(source, target, probability);
    const store = connect(
      { kind: "probability", p: probability, autapses: false },
      source === "E" ? p.excitatory : p.inhibitory,
      target === "E" ? p.excitatory : p.inhibitory,
      RandomStream.for(seed, `microcircuit/connections/${source}->${target}`),
      { samePopulation: source === target, weight: 0, delay: 0, dt: p.dt },
    );
    const sources = new Int32Array(store.count);
    for (let k = 0; k < store.sourceSize; k++) sources.fill(k, store.rowStart[k], store.rowStart[k + 1]);
    return { sources, targets: store.target };
  };
  const ringPathway = (source: "E" | "I", target: "E" | "I", peak: number) =>
    drawRingConnections(
      source === "E" ? p.excitatory : p.inhibitory,
      target === "E" ? p.excitatory : p.inhibitory,
      peak,
      p[`sigma${source}${target}` as "sigmaEE"] / p.ringLength,
      source === target,
      RandomStream.for(seed, `microcircuit/connections/${source}->${target}`),
    );
  const projection = (
    source: "E" | "I",
    target: "E" | "I",
    receptor: string,
    connections: { sources: Int32Array; targets: Int32Array },
    weight: number,
  ): ProjectionSpec => ({
    name: `${source}->${target}:${receptor}`,
    source,
    target,
    receptor,
    rule: { kind: "explicit", ...connections },
    weight: weight * scale(target, receptor),
    delay: p.delay,
  });
  const ee = pathway("E", "E", p.pEE);
  const ei = pathway("E", "I", p.pEI);
  const ie = pathway("I", "E", p.pIE);
  const ii = pathway("I", "I", p.pII);
  const network = new Network({
    dt: p.dt,
    seed,
    kernel: options.kernel ?? "auto",
    populations: [
      { name: "E", size: p.excitatory, model: eModel, receptors: receptorsE },
      { name: "I", size: p.inhibitory, model: iModel, receptors: receptorsI },
    ],
    projections: [
      projection("E", "E", "ampa", ee, p.ampaEE),
      projection("E", "E", "nmda", ee, p.nmdaEE),
      projection("E", "I", "ampa", ei, p.ampaEI),
      projection("E", "I", "nmda", ei, p.nmdaEI),
      projection("I", "E", "gabaA", ie, p.gabaAIE),
      projection("I", "E", "gabaB", ie, p.gabaBIE),
      projection("I", "I", "gabaA", ii, p.gabaAII),
    ],
  });
  const drives: PoissonDrive[] = [];
  for (const [name, rate, weight] of [
    ["E", p.driveRateE, p.driveWeightE],
    ["I", p.driveRateI, p.driveWeightI],
  ] as const) {
    const pop = network.population(name);
    const drive = new PoissonDrive(pop, {
      receptor: "ampa",
      rate,
      weight,
      seed,
      path: `microcircuit/drive/${name}`,
    });
    network.addStimulus(drive);
    drives.push(drive);
    const bias = (name === "E" ? options.biasCurrent?.excitatory : options.biasCurrent?.inhibitory) ?? 0;
    if (!Number.isFinite(bias) || Math.abs(bias) > 100)
      throw new RangeError(`biasCurrent of ${name} = ${bias} µA/cm² outside [-100, 100]`);
    // Interneurons: mean bias biasI and a per-cell Gaussian spread biasSpreadI (Wang & Buzsáki
    // 1996 heterogeneity), from the stream "microcircuit/bias/I"; drawn only when the spread is > 0.
    const meanBias = bias + (name === "I" ? p.biasI : p.biasE);
    const spread = name === "I" ? p.biasSpreadI : p.biasSpreadE;
    if (spread > 0) {
      const rngBias = RandomStream.for(seed, `microcircuit/bias/${name}`);
      for (let k = 0; k < pop.size; k++)
        pop.bias[k] = toAbsolute(meanBias + spread * rngBias.normal(), pop.model.area);
    } else if (meanBias !== 0) pop.setBiasDensity(meanBias);
    // Spread initial potentials over 10 mV below rest so that the cells do not start in lockstep.
    const rng = RandomStream.for(seed, `microcircuit/initial/${name}`);
    const rest = pop.model.initialPotential;
    for (let k = 0; k < pop.size; k++) pop.v[k] = rest - 10 * rng.uniform();
  }
  return { network, parameters: p, drives };
}

/** Build and run the microcircuit; rates and χ leave out the transient. */
export function runMicrocircuit(options: MicrocircuitOptions): MicrocircuitResult {
  if (!(options.durationMs > 0) || !Number.isFinite(options.durationMs))
    throw new RangeError(`microcircuit duration must be > 0 ms, got ${options.durationMs}`);
  const transientMs = options.transientMs ?? 200;
  if (!(transientMs >= 0) || transientMs >= options.durationMs)
    throw new RangeError(`microcircuit transient must be in [0, duration), got ${transientMs} ms`);
  const binMs = options.binMs ?? 1;
  const { network, parameters, drives } = buildMicrocircuit(options);
  const blockEquilibrationMs = equilibrateBlocks(options, network);
  const dt = parameters.dt;
  const binSteps = Math.round(binMs / dt);
  if (binSteps < 1 || Math.abs(binSteps * dt - binMs) > 1e-9 * binMs)
    throw new RangeError(`microcircuit bin ${binMs} ms must be a whole multiple of dt ${dt} ms`);
  const steps = Math.round(options.durationMs / dt);
  const transientSteps = Math.round(transientMs / dt);
  const e = network.population("E");
  const i = network.population("I");
  const spikes = new SpikeMonitor([e, i]);
  const rateE = new PopulationRateMonitor(e);
  const rateI = new PopulationRateMonitor(i);
  // χ from V sampled every 0.5 ms: far below the time scale of V fluctuations (τm ≥ 10 ms).
  const every = Math.max(1, Math.round(0.5 / dt));
  const chiE = new SynchronyMonitor(e, every, transientSteps);
  const chiI = new SynchronyMonitor(i, every, transientSteps);
  const inputE = new SynapticInputMonitor(e, every, transientSteps);
  const inputI = new SynapticInputMonitor(i, every, transientSteps);
  for (const m of [spikes, rateE, rateI, chiE, chiI, inputE, inputI]) network.addMonitor(m);
  network.run(steps);
  for (const pop of [e, i]) {
    for (let k = 0; k < pop.size; k++) {
      if (!Number.isFinite(pop.v[k]))
        throw new RangeError(
          `microcircuit diverged: V of ${pop.name}[${k}] is ${pop.v[k]} at t = ${steps * dt} ms`,
        );
    }
  }
  const neurons = spikes.neuronIndices().slice();
  const spikeSteps = spikes.spikeSteps().slice();
  let countE = 0;
  let countI = 0;
  for (let q = 0; q < neurons.length; q++) {
    if (spikeSteps[q] < transientSteps) continue;
    if (neurons[q] < e.size) countE++;
    else countI++;
  }
  const seconds = ((steps - transientSteps) * dt) / 1000;
  return {
    parameters,
    dt,
    steps,
    transientSteps,
    excitatory: e.size,
    inhibitory: i.size,
    spikeNeurons: neurons,
    spikeSteps,
    rateE: countE / e.size / seconds,
    rateI: countI / i.size / seconds,
    chiE: chiE.chi(),
    chiI: chiI.chi(),
    binMs,
    populationRateE: rateE.rates(binSteps),
    populationRateI: rateI.rates(binSteps),
    driveEvents: drives.reduce((sum, d) => sum + d.events, 0),
    synapticEvents: network.synapticEvents,
    blockEquilibrationMs,
    synapticInputE: inputE.result(),
    synapticInputI: inputI.result(),
  };
}

/**
 * The pre-run of `blockEquilibrationMs` (see MicrocircuitOptions): copies its final unbound
 * fractions into `network`'s blocks; returns the pre-run's length (0 when nothing is blocked).
 */
function equilibrateBlocks(options: MicrocircuitOptions, network: Network): number {
  if (!network.populations.some((p) => p.hasBlocks)) return 0;
  const ms = options.blockEquilibrationMs ?? 500;
  if (!(Number.isFinite(ms) && ms >= 0 && ms <= 10000))
    throw new RangeError(`microcircuit blockEquilibrationMs must be in [0, 10000] ms, got ${ms}`);
  if (ms === 0) return 0;
  const pre = buildMicrocircuit(options).network;
  for (const p of pre.populations) p.setBlockEquilibration(BLOCK_EQUILIBRATION_RATE);
  pre.run(Math.round(ms / pre.populations[0]!.dt));
  for (const p of pre.populations) {
    const target = network.population(p.name);
    for (const b of p.compiled.blocks) {
      const u = target.unbound(b.channel);
      const source = b.unbound;
      for (let k = 0; k < u.length; k++) {
        if (!Number.isFinite(source[k]))
          throw new RangeError(
            `microcircuit block equilibration diverged: u of ${p.name}[${k}] is ${source[k]}`,
          );
        u[k] = source[k];
      }
    }
  }
  return ms;
}
