/**
 * Scenario schema of kind "microcircuit": the E/I spiking microcircuit of
 * engines/cell/microcircuit.ts with channelopathy variants (pathophysiology/variants.ts) and the
 * two excitability knobs of the cell-scale experiments (GABA-A conductance onto pyramidal cells,
 * pyramidal INaP). Bounds of the engine parameters come from MICROCIRCUIT_PARAMETERS.
 */
import { z } from "zod";
import { MICROCIRCUIT_PARAMETERS, MICROCIRCUIT_PRESETS } from "../engines/cell/microcircuit.js";
import type { ParameterSpec } from "../engines/parameters.js";
import { findVariant } from "../pathophysiology/variants.js";
import {
  microcircuitMedicationProblems,
  microcircuitMedicationSchema,
  resistanceSchema,
} from "./medication-scenario.js";

/** A number field bounded by a parameter table entry, and its description. */
const bounded = (spec: ParameterSpec, integer: boolean) =>
  (integer ? z.number().int() : z.number()).min(spec.min).max(spec.max);
const described = (spec: ParameterSpec) => `${spec.description} [${spec.unit}; ${spec.citation}]`;

/** A number field bounded and described by a parameter table entry, with the table's default. */
function fromTable(spec: ParameterSpec, integer = false) {
  return bounded(spec, integer).default(spec.default).describe(described(spec));
}

/** As fromTable, without a default: the named circuit supplies it. */
function optionalFromTable(spec: ParameterSpec, integer = false) {
  return bounded(spec, integer).optional().describe(described(spec));
}

const P = MICROCIRCUIT_PARAMETERS;

export const microcircuitScenarioSchema = z.strictObject({
  schemaVersion: z.literal(1).describe("version of this schema"),
  kind: z.literal("microcircuit"),
  name: z.string().min(1).default("microcircuit"),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  circuit: z
    .enum(Object.keys(MICROCIRCUIT_PRESETS) as [keyof typeof MICROCIRCUIT_PRESETS])
    .default("default")
    .describe(
      `named circuit (engines/cell/microcircuit.ts MICROCIRCUIT_PRESETS): ${Object.entries(
        MICROCIRCUIT_PRESETS,
      )
        .map(([name, preset]) => `${name}: ${preset.description}`)
        .join("; ")}`,
    ),
  populations: z
    .strictObject({
      excitatory: optionalFromTable(P.excitatory, true),
      inhibitory: optionalFromTable(P.inhibitory, true),
    })
    .prefault({})
    .describe(
      `numbers of Golomb pyramidal cells (E) and Wang–Buzsáki interneurons (I); default: the circuit's (${Object.entries(
        MICROCIRCUIT_PRESETS,
      )
        .map(
          ([name, preset]) =>
            `${name} ${preset.parameters.excitatory ?? P.excitatory.default}/${preset.parameters.inhibitory ?? P.inhibitory.default}`,
        )
        .join(", ")})`,
    ),
  variants: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "channelopathy variants by catalogue id or gene (e.g. SCN1A, KCNQ2-DEE); each acts on the cell types the catalogue lists",
    ),
  gabaAScale: z
    .number()
    .min(0)
    .max(10)
    .default(1)
    .describe("factor on the GABA-A conductance of inhibitory synapses onto pyramidal cells"),
  inapScale: z
    .number()
    .min(0)
    .max(20)
    .default(1)
    .describe("factor on the pyramidal cells' persistent Na conductance (default 0.2 mS/cm², Golomb 2006)"),
  medication: microcircuitMedicationSchema.optional(),
  resistance: resistanceSchema
    .optional()
    .describe(
      "drug-resistance settings acting on the cells: transporter, target, geneVariant (added to variants), pharmacokinetic",
    ),
  drive: z
    .strictObject({
      rateE: fromTable(P.driveRateE),
      rateI: fromTable(P.driveRateI),
    })
    .prefault({})
    .describe("external Poisson AMPA event rate per cell (Hz)"),
  simulation: z
    .strictObject({
      duration: z.number().positive().max(600000).default(2000).describe("simulated time (ms)"),
      transient: z
        .number()
        .min(0)
        .max(600000)
        .default(200)
        .describe("initial time left out of rates, synchrony and events (ms)"),
      dt: fromTable(P.dt),
    })
    .prefault({}),
  detection: z
    .strictObject({
      smoothing: z.number().min(0).max(1000).default(10).describe("moving-average width on the rate (ms)"),
      ratio: z.number().min(0).max(1000).default(3).describe("threshold >= ratio × median rate"),
      madFactor: z
        .number()
        .min(0)
        .max(1000)
        .default(5)
        .describe("threshold >= median + madFactor × robust s.d."),
      minRate: z.number().min(0).max(10000).default(20).describe("threshold >= this rate (Hz)"),
      minDuration: z.number().min(0).max(100000).default(10).describe("shortest event (ms)"),
      mergeGap: z.number().min(0).max(100000).default(5).describe("events closer than this merge (ms)"),
    })
    .prefault({})
    .describe("population event detection on the pyramidal rate (observe/population-events.ts)"),
  outputs: z
    .strictObject({
      spikes: z.boolean().default(true).describe("write spikes.csv (time in ms, population, neuron)"),
      report: z.boolean().default(true).describe("write report.html with a raster and population rates"),
    })
    .prefault({}),
});

export type MicrocircuitScenario = z.output<typeof microcircuitScenarioSchema>;

/** Checks across fields; returns the problems, each naming its field. */
export function microcircuitProblems(scenario: MicrocircuitScenario): string[] {
  const problems: string[] = [];
  scenario.variants.forEach((name, k) => {
    try {
      findVariant(name);
    } catch (err) {
      problems.push(`variants[${k}] = "${name}": ${(err as Error).message}`);
    }
  });
  problems.push(...microcircuitMedicationProblems(scenario.medication, scenario.resistance));
  const sim = scenario.simulation;
  if (sim.transient >= sim.duration) {
    problems.push(
      `simulation.transient = ${sim.transient}: must be < simulation.duration (${sim.duration} ms)`,
    );
  }
  const perMs = 1 / sim.dt;
  if (Math.abs(perMs - Math.round(perMs)) > 1e-9 * perMs) {
    problems.push(`simulation.dt = ${sim.dt}: 1 ms must be a whole number of steps (e.g. 0.01, 0.02, 0.025)`);
  }
  return problems;
}
