/**
 * Microcircuit scenario → cell engine → observations, in memory.
 *
 * The only place that turns the scenario's words into engine parameters: catalogue variants
 * become edited neuron models (applyVariants, per cell type) and receptor factors
 * (synapticScales); `gabaAScale` multiplies the GABA-A factor onto pyramidal cells; `inapScale`
 * scales the pyramidal "nap" channel. Events are detected on the pyramidal population rate after
 * the transient (observe/population-events.ts).
 *
 * Medication (`medication`, `resistance`): pipeline/medication.ts turns the regimen into brain
 * levels at steady state (or takes the given brain levels), occupancies and cell edits composed
 * with the variants; `resistance.geneVariant` adds variants, `transporter`, `target` and
 * `pharmacokinetic` act on the levels and potencies.
 */
import { scaleConductance } from "../engines/cell/channels.js";
import {
  MICROCIRCUIT_PARAMETERS,
  MICROCIRCUIT_PRESETS,
  runMicrocircuit,
  type MicrocircuitPreset,
  type MicrocircuitResult,
} from "../engines/cell/microcircuit.js";
import type { ParameterOverrides } from "../engines/parameters.js";
import { wangBuzsakiInterneuron } from "../engines/cell/models.js";
import type { NeuronModel } from "../engines/cell/population.js";
import type { MicrocircuitScenario } from "../io/microcircuit-scenario.js";
import { applyVariants, findVariant, synapticScales } from "../pathophysiology/variants.js";
import { detectPopulationEvents, type PopulationEvent } from "../observe/population-events.js";
import { synapticBalance, type SynapticBalance } from "../observe/synaptic-balance.js";
import { findDrug, type Species } from "../pharmacology/catalogue.js";
import type { BrainLevel, TargetEffect } from "../pharmacology/pharmacodynamics.js";
import { defaultHorizonDays } from "../pharmacology/pk.js";
import type { RegimenEntry } from "../pharmacology/regimen.js";
import type { ResistanceProfile } from "../pharmacology/resistance.js";
import {
  brainLevelsOf,
  drugLevelReport,
  medicatedCells,
  medicationEffects,
  simulateMedication,
  windowLevels,
  type AppliedEdit,
  type DrugLevelReport,
} from "./medication.js";

export interface MicrocircuitRun {
  readonly scenario: MicrocircuitScenario;
  readonly seed: number;
  readonly result: MicrocircuitResult;
  /** Catalogue ids of the applied variants. */
  readonly variants: string[];
  /** Pyramidal-rate events after the transient, times from the start of the run (ms). */
  readonly events: PopulationEvent[];
  readonly eventThreshold: number;
  readonly excitatoryModel: NeuronModel;
  readonly inhibitoryModel: NeuronModel;
  /** Medication levels, occupancies and edits (null without `medication`). */
  readonly medication: MicrocircuitMedicationResult | null;
}

export interface MicrocircuitMedicationResult {
  readonly drugs: Record<string, DrugLevelReport>;
  readonly effects: TargetEffect[];
  readonly edits: AppliedEdit[];
  readonly serotonergicTone: number;
  /** Days simulated by the PK (0 when every level was given directly). */
  readonly pkDays: number;
}

/** Receptors of each microcircuit population (engines/cell/microcircuit.ts). */
const RECEPTORS_ON = {
  excitatory: ["ampa", "nmda", "gabaA", "gabaB"],
  inhibitory: ["ampa", "nmda", "gabaA"],
};

/**
 * Brain levels of a microcircuit's medication: regimen drugs simulated together (interactions
 * act) for long enough to reach steady state, each started `days` before the end, levels averaged
 * over the last max(24 h, longest interval); given levels taken as they are.
 */
export function microcircuitLevels(scenario: MicrocircuitScenario, seed: number) {
  const m = scenario.medication!;
  const resistance = (scenario.resistance ?? {}) as ResistanceProfile;
  const reports: Record<string, DrugLevelReport> = {};
  const brain: BrainLevel[] = [];
  let pkDays = 0;
  let perDrug: ReturnType<typeof windowLevels> = [];
  if (m.regimen.length > 0) {
    const plain: RegimenEntry[] = m.regimen.map((e) => ({
      drug: e.drug,
      dose: e.doseMg,
      every: e.everyHours,
    }));
    pkDays = Math.max(...m.regimen.map((e) => e.days ?? defaultHorizonDays(plain)));
    const entries = m.regimen.map((e, i) => ({ ...plain[i], start: (pkDays - (e.days ?? pkDays)) * 24 }));
    const run = simulateMedication(entries, m.weightKg, resistance, seed, pkDays * 24);
    const window = Math.max(24, ...m.regimen.map((e) => e.everyHours));
    perDrug = windowLevels(run, pkDays * 24 - window, pkDays * 24);
    brain.push(...brainLevelsOf(perDrug));
  }
  for (const [name, value] of Object.entries(m.brainUnbound)) {
    const drug = findDrug(name);
    const given: [Species, number | undefined][] =
      typeof value === "number"
        ? [[drug.reportedSpecies, value]]
        : [
            ["parent", value.parent],
            ["metabolite", value.metabolite],
          ];
    for (const [species, level] of given)
      if (level !== undefined) brain.push({ drug: drug.id, species, unboundMgPerL: level });
  }
  const effects = medicationEffects(brain, resistance);
  for (const id of [...new Set(brain.map((b) => b.drug))].sort()) {
    const species = perDrug.find((d) => d.drug === id)?.species ?? null;
    reports[id] = drugLevelReport(id, species, brain, effects, m.weightKg);
  }
  return { reports, effects, pkDays };
}

/** The pyramidal model with its persistent Na conductance × factor. */
function withPersistentSodium(model: NeuronModel, factor: number): NeuronModel {
  if (factor === 1) return model;
  if (!model.channels.some((c) => c.name === "nap"))
    throw new RangeError(`inapScale: model ${model.name} has no persistent Na channel 'nap'`);
  return {
    ...model,
    channels: model.channels.map((c) => (c.name === "nap" ? scaleConductance(c, factor) : c)),
    description: `${model.description}, INaP × ${factor}`,
  };
}

export function runMicrocircuitScenario(
  scenario: MicrocircuitScenario,
  options: {
    seed?: number;
    /** Pre-run that puts kinetic drug blocks at the steady state of activity (ms; microcircuit.ts). */
    blockEquilibrationMs?: number;
    /**
     * Circuit overrides for exploration (scripts/probes): microcircuit parameters on top of the
     * scenario's, and GABA-A decay factors per target population. Not part of the scenario schema.
     */
    circuit?: {
      parameters?: ParameterOverrides<keyof typeof MICROCIRCUIT_PARAMETERS>;
      gabaADecayScale?: { excitatory?: number; inhibitory?: number };
      /**
       * The interneuron model before variants and drugs (default Wang–Buzsáki), e.g.
       * golombFastSpiking (docs/experiments/fs-golomb.md) or WB with its slow-inactivation option
       * (docs/experiments/fs-interneuron.md).
       */
      inhibitoryModel?: NeuronModel;
      /**
       * The pyramidal model before variants and drugs (default Golomb 2006), e.g. golombPyramidal
       * with a principal-cell Na inactivation midpoint (docs/experiments/pyramid-na-inactivation.md).
       */
      excitatoryModel?: NeuronModel;
    };
  } = {},
): MicrocircuitRun {
  const seed = options.seed ?? scenario.seed;
  const variants = [
    ...new Set(
      [...scenario.variants, ...(scenario.resistance?.geneVariant?.variants ?? [])].map(
        (v) => findVariant(v).id,
      ),
    ),
  ];
  let excitatoryModel: NeuronModel;
  let inhibitoryModel: NeuronModel;
  let onE: Record<string, number>;
  let onI: Record<string, number>;
  let bias = { excitatory: 0, inhibitory: 0 };
  let medication: MicrocircuitMedicationResult | null = null;
  const preset = MICROCIRCUIT_PRESETS[scenario.circuit];
  const interneuron = options.circuit?.inhibitoryModel ?? wangBuzsakiInterneuron();
  const pyramid = options.circuit?.excitatoryModel ?? preset.excitatoryModel();
  if (scenario.medication === undefined) {
    excitatoryModel = applyVariants(pyramid, "excitatory", variants);
    inhibitoryModel = applyVariants(interneuron, "inhibitory", variants);
    onE = synapticScales("excitatory", variants);
    onI = synapticScales("inhibitory", variants);
  } else {
    const levels = microcircuitLevels(scenario, seed);
    const cells = medicatedCells(pyramid, interneuron, levels.effects, variants, RECEPTORS_ON, {
      naBlock: scenario.medication.naBlock,
    });
    excitatoryModel = cells.excitatoryModel;
    inhibitoryModel = cells.inhibitoryModel;
    onE = cells.onExcitatory;
    onI = cells.onInhibitory;
    bias = { excitatory: cells.biasExcitatory, inhibitory: cells.biasInhibitory };
    medication = {
      drugs: levels.reports,
      effects: levels.effects,
      edits: cells.edits,
      serotonergicTone: cells.serotonergicTone,
      pkDays: levels.pkDays,
    };
  }
  excitatoryModel = withPersistentSodium(excitatoryModel, scenario.inapScale);
  const sim = scenario.simulation;
  const circuit = options.circuit ?? {};
  const result = runMicrocircuit({
    ...(circuit.gabaADecayScale ? { gabaADecayScale: circuit.gabaADecayScale } : {}),
    seed,
    durationMs: sim.duration,
    transientMs: sim.transient,
    parameters: {
      ...preset.parameters,
      ...(scenario.populations.excitatory === undefined
        ? {}
        : { excitatory: scenario.populations.excitatory }),
      ...(scenario.populations.inhibitory === undefined
        ? {}
        : { inhibitory: scenario.populations.inhibitory }),
      driveRateE: scenario.drive.rateE,
      driveRateI: scenario.drive.rateI,
      dt: sim.dt,
      ...(circuit.parameters ?? {}),
    },
    excitatoryModel,
    inhibitoryModel,
    receptorScales: {
      excitatory: { ...onE, gabaA: (onE.gabaA ?? 1) * scenario.gabaAScale },
      inhibitory: onI,
    },
    biasCurrent: bias,
    binMs: 1,
    ...(options.blockEquilibrationMs === undefined
      ? {}
      : { blockEquilibrationMs: options.blockEquilibrationMs }),
  });
  const skip = Math.round(sim.transient / result.binMs);
  const d = scenario.detection;
  const detected = detectPopulationEvents(result.populationRateE.subarray(skip), result.binMs, {
    smoothingMs: d.smoothing,
    ratio: d.ratio,
    madFactor: d.madFactor,
    minRate: d.minRate,
    minDurationMs: d.minDuration,
    mergeGapMs: d.mergeGap,
  });
  const shift = skip * result.binMs;
  const events = detected.events.map((e) => ({
    ...e,
    onsetMs: e.onsetMs + shift,
    offsetMs: e.offsetMs + shift,
    peakMs: e.peakMs + shift,
  }));
  return {
    scenario,
    seed,
    result,
    variants,
    events,
    eventThreshold: detected.threshold,
    excitatoryModel,
    inhibitoryModel,
    medication,
  };
}

/**
 * Known defects of the microcircuit for two drug classes, measured and documented in
 * docs/experiments/microcircuit-drug-robustness.md (and docs/models/drugs.md §7). A medication run
 * whose edits trigger one carries its text in the summary, so that the result is read as what it
 * is, a property of this circuit, and not as a prediction for a patient.
 */
export const MICROCIRCUIT_DRUG_CAVEATS = {
  interneuronGabaAPotentiation:
    "GABA-A potentiation of the synapses onto interneurons synchronises them in this circuit, and the pyramidal cells then fire in the gaps: clobazam alone makes the healthy baseline burst (χE 0.31/0.41 → 0.55/0.54, seeds 1/2) and doubles the pyramidal rate of every hyperexcitable state; benzodiazepines are anticonvulsant in patients (docs/experiments/microcircuit-drug-robustness.md); the perisomatic circuit (scenario field circuit: perisomatic) does not show this defect",
  interneuronNaBlock:
    "Na-channel block of the Wang–Buzsáki interneurons, which the circuit holds near their small rheobase (0.16 µA/cm²; mean potential −59.6 mV), weakens their recruitment: their rate stays at 16–18 Hz while the pyramidal rate rises ×4–11, so phenytoin and lamotrigine at usual doses make the healthy baseline burst and lower the inhibition-to-excitation conductance ratio onto the pyramidal cells (synapticInput; 7.8/8.2 → 6.0/6.2 and 4.3/5.0), where slice estimates in entorhinal neurons found phenytoin, lamotrigine and valproate raising it (Greenhill & Jones 2010 Neuroscience 167:456); in hippocampal slices carbamazepine leaves synaptically driven interneuron firing essentially unchanged while it inhibits pyramidal cells (Pothmann et al. 2014 J Neurosci 34:9720) (docs/experiments/microcircuit-drug-robustness.md); on the perisomatic circuit (circuit: perisomatic) the usual doses keep the baseline asynchronous",
} as const;

/**
 * The same for the `perisomatic` circuit (MICROCIRCUIT_PRESETS), where the two defects above are
 * gone (tests in test/pipeline/microcircuit-perisomatic.test.ts) but the Na blockers' weaker
 * recruitment of the interneurons is still visible.
 */
export const PERISOMATIC_DRUG_CAVEATS = {
  interneuronNaBlock:
    "Na-channel block of the interneurons keeps the baseline of this circuit asynchronous in 1 s runs but still slows them (lamotrigine 200 mg q12h: 46 → 38 Hz; over 4 s one seed of two shows a population event every ~2 s) and lowers the GABA/glutamate conductance ratio onto the pyramidal cells (17.9/18.2 → 13.5/13.9, seeds 1/2), where slice estimates in entorhinal neurons found phenytoin, lamotrigine and valproate raising it (Greenhill & Jones 2010 Neuroscience 167:456) (docs/models/drugs.md §7)",
} as const;

/** The caveats that a run's drug edits trigger on the given circuit, in table order. */
export function microcircuitDrugCaveats(
  edits: readonly AppliedEdit[],
  circuit: MicrocircuitPreset = "default",
): string[] {
  const ontoInterneurons = edits.filter((e) => e.cell === "inhibitory");
  const potentiatesInterneurons = ontoInterneurons.some(
    (e) => e.kind === "scaleSynapse" && e.target === "gabaA" && e.value > 1,
  );
  const blocksInterneurons = ontoInterneurons.some((e) => e.target === "na" && e.kind !== "scaleSynapse");
  const caveats: string[] = [];
  if (circuit === "perisomatic") {
    if (blocksInterneurons) caveats.push(PERISOMATIC_DRUG_CAVEATS.interneuronNaBlock);
    return caveats;
  }
  if (potentiatesInterneurons) caveats.push(MICROCIRCUIT_DRUG_CAVEATS.interneuronGabaAPotentiation);
  if (blocksInterneurons) caveats.push(MICROCIRCUIT_DRUG_CAVEATS.interneuronNaBlock);
  return caveats;
}

const round = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : null);
const roundPair = (x: { conductance: number | null; current: number | null }) => ({
  conductance: x.conductance === null ? null : round(x.conductance),
  current: x.current === null ? null : round(x.current),
});
/** E/I balance onto one population, rounded for the summary (observe/synaptic-balance.ts). */
function summariseBalance(b: SynapticBalance) {
  return {
    meanPotentialMv: round(b.meanPotential),
    receptors: Object.fromEntries(Object.entries(b.receptors).map(([name, x]) => [name, roundPair(x)])),
    excitation: roundPair(b.excitation),
    inhibition: roundPair(b.inhibition),
    inhibitionToExcitation: roundPair(b.inhibitionToExcitation),
  };
}

/** The run's JSON summary (no file names). */
export function summariseMicrocircuitRun(run: MicrocircuitRun) {
  const r = run.result;
  const s = run.scenario;
  return {
    scenario: s.name,
    kind: "microcircuit" as const,
    /** Named circuit (MICROCIRCUIT_PRESETS). */
    circuit: s.circuit,
    seed: run.seed,
    durationMs: s.simulation.duration,
    transientMs: s.simulation.transient,
    dt: r.dt,
    populations: { excitatory: r.excitatory, inhibitory: r.inhibitory },
    variants: run.variants,
    gabaAScale: s.gabaAScale,
    inapScale: s.inapScale,
    spikes: r.spikeNeurons.length,
    rates: { excitatory: round(r.rateE), inhibitory: round(r.rateI) },
    synchrony: { excitatory: round(r.chiE), inhibitory: round(r.chiI) },
    /**
     * Mean synaptic input onto each population after the transient: per receptor conductance
     * (mS/cm²) and current (µA/cm², positive = depolarising), glutamatergic vs GABAergic totals
     * and their ratio, and the mean membrane potential.
     */
    synapticInput: {
      excitatory: summariseBalance(synapticBalance(r.synapticInputE)),
      inhibitory: summariseBalance(synapticBalance(r.synapticInputI)),
    },
    eventThresholdHz: round(run.eventThreshold),
    events: run.events.map((e) => ({
      onsetMs: round(e.onsetMs, 8),
      offsetMs: round(e.offsetMs, 8),
      peakMs: round(e.peakMs, 8),
      peakRateHz: round(e.peakRate),
      meanRateHz: round(e.meanRate),
    })),
    models: { excitatory: run.excitatoryModel.description, inhibitory: run.inhibitoryModel.description },
    ...(run.medication === null
      ? {}
      : {
          /** Per drug: brain level, occupancies; the parameter edits applied to each population. */
          medication: {
            drugs: run.medication.drugs,
            serotonergicTone: round(run.medication.serotonergicTone),
            pkDays: run.medication.pkDays,
            edits: run.medication.edits,
            /** Known circuit defects these edits trigger (MICROCIRCUIT_DRUG_CAVEATS). */
            caveats: microcircuitDrugCaveats(run.medication.edits, s.circuit),
          },
        }),
  };
}

export type MicrocircuitSummary = ReturnType<typeof summariseMicrocircuitRun>;
