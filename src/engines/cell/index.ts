/**
 * The cell scale's public surface: channels as data, neuron models, populations, synapses,
 * connectivity, networks, monitors, single-cell analyses and the COBAHH benchmark.
 * See docs/models/cells.md.
 */
export * from "./channels.js";
export * from "./models.js";
export * from "./synapses.js";
export * from "./connectivity.js";
export * from "./monitors.js";
export * from "./analysis.js";
export * from "./synchrony.js";
export * from "./synaptic-input.js";
export * from "./drive.js";
export { Population, toAbsolute, validateModel } from "./population.js";
export type {
  CompiledChannel,
  CompiledModel,
  KernelChoice,
  NeuronModel,
  PopulationKernel,
  PopulationSpec,
} from "./population.js";
export { Network, Projection } from "./network.js";
export type { NetworkSpec, ProjectionSpec, Stimulus } from "./network.js";
export { buildCobahh, runCobahh } from "./cobahh.js";
export type { CobahhOptions, CobahhResult } from "./cobahh.js";
export { exp } from "./exp.js";
export {
  buildMicrocircuit,
  runMicrocircuit,
  MICROCIRCUIT_PARAMETERS,
  MICROCIRCUIT_PRESETS,
} from "./microcircuit.js";
export type {
  MicrocircuitOptions,
  MicrocircuitParameters,
  MicrocircuitPreset,
  MicrocircuitResult,
} from "./microcircuit.js";
