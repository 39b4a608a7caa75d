/**
 * Microcircuit scenario → cell engine → observations, in memory.
 *
 * The only place that turns the scenario's words into engine parameters: catalogue variants
 * become edited neuron models (applyVariants, per cell type) and receptor factors
 * (synapticScales); `gabaAScale` multiplies the GABA-A factor onto pyramidal cells; `inapScale`
 * scales the pyramidal "nap" channel. Events are detected on the pyramidal population rate after
 * the transient (observe/population-events.ts).
 */
import { scaleConductance } from "../engines/cell/channels.js";
import { runMicrocircuit, type MicrocircuitResult } from "../engines/cell/microcircuit.js";
import { golombPyramidal, wangBuzsakiInterneuron } from "../engines/cell/models.js";
import type { NeuronModel } from "../engines/cell/population.js";
import type { MicrocircuitScenario } from "../io/microcircuit-scenario.js";
import { applyVariants, findVariant, synapticScales } from "../pathophysiology/variants.js";
import { detectPopulationEvents, type PopulationEvent } from "../observe/population-events.js";

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
  options: { seed?: number } = {},
): MicrocircuitRun {
  const seed = options.seed ?? scenario.seed;
  const variants = scenario.variants.map((v) => findVariant(v).id);
  const excitatoryModel = withPersistentSodium(
    applyVariants(golombPyramidal(), "excitatory", variants),
    scenario.inapScale,
  );
  const inhibitoryModel = applyVariants(wangBuzsakiInterneuron(), "inhibitory", variants);
  const onE = synapticScales("excitatory", variants);
  const onI = synapticScales("inhibitory", variants);
  const sim = scenario.simulation;
  const result = runMicrocircuit({
    seed,
    durationMs: sim.duration,
    transientMs: sim.transient,
    parameters: {
      excitatory: scenario.populations.excitatory,
      inhibitory: scenario.populations.inhibitory,
      driveRateE: scenario.drive.rateE,
      driveRateI: scenario.drive.rateI,
      dt: sim.dt,
    },
    excitatoryModel,
    inhibitoryModel,
    receptorScales: {
      excitatory: { ...onE, gabaA: (onE.gabaA ?? 1) * scenario.gabaAScale },
      inhibitory: onI,
    },
    binMs: 1,
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
  };
}

const round = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : null);

/** The run's JSON summary (no file names). */
export function summariseMicrocircuitRun(run: MicrocircuitRun) {
  const r = run.result;
  const s = run.scenario;
  return {
    scenario: s.name,
    kind: "microcircuit" as const,
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
    eventThresholdHz: round(run.eventThreshold),
    events: run.events.map((e) => ({
      onsetMs: round(e.onsetMs, 8),
      offsetMs: round(e.offsetMs, 8),
      peakMs: round(e.peakMs, 8),
      peakRateHz: round(e.peakRate),
      meanRateHz: round(e.meanRate),
    })),
    models: { excitatory: run.excitatoryModel.description, inhibitory: run.inhibitoryModel.description },
  };
}

export type MicrocircuitSummary = ReturnType<typeof summariseMicrocircuitRun>;
