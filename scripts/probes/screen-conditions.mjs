// Shared by the screening probes (mc-screen.mjs, mc-gaba-screen.mjs; B1 by mc-drug-robustness.mjs, drug-split.mjs): the acceptance conditions of
// docs/experiments/README.md as microcircuit scenarios, one run per (circuit overrides, condition,
// seed) through the scenario pipeline, and a seeded picker for random configurations.
import { parseScenario } from "../../dist/src/io/scenario.js";
import { MICROCIRCUIT_PRESETS } from "../../dist/src/engines/cell/microcircuit.js";
import {
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../dist/src/pipeline/run-microcircuit.js";

const CLOBAZAM = "medication: { regimen: [{ drug: clobazam, doseMg: 10, everyHours: 12 }] }\n";
/** Scenario text and duration (ms) per condition. */
export const CONDITIONS = {
  base: ["", 1000],
  hyper: ["gabaAScale: 0.3\n", 1000],
  clb: ["gabaAScale: 0.3\n" + CLOBAZAM, 1000],
  scn1a: ["variants: [SCN1A]\n", 1000],
  scn8a: ["variants: [SCN8A]\n", 1000],
  inap4: ["inapScale: 4\n", 2000],
};

/** χE, events, E and I rates (Hz) of one condition with the circuit parameters overridden. */
export function runCondition(parameters, name, seed) {
  const [text, duration] = CONDITIONS[name];
  const s = parseScenario(
    `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: ${duration}, transient: 200 }\n${text}`,
    "probe.yaml",
  );
  const r = summariseMicrocircuitRun(runMicrocircuitScenario(s, { circuit: { parameters } }));
  return { chi: r.synchrony.excitatory, ev: r.events.length, rE: r.rates.excitatory, rI: r.rates.inhibitory };
}

/** χE/events/E Hz/I Hz, rE with `digits` decimals. */
export const formatRow = (r, digits = 2) =>
  `${r.chi.toFixed(2)}/${r.ev}/${r.rE.toFixed(digits)}/${r.rI.toFixed(0)}`;

/** A picker of list elements from a linear congruential stream (reproducible screens). */
export function seededPicker(seed) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return (xs) => xs[Math.floor(next() * xs.length)];
}

// B1 of docs/experiments/microcircuit-big.md: 800/200 cells, GABA-A-dominated inhibition of the
// pyramidal cells, weak fast I→I. The perisomatic circuit (MICROCIRCUIT_PRESETS) grew out of it;
// B1 is that circuit without the interneurons' tonic bias, with its own GABA-A onto E and drive.
export const B1 = {
  ...MICROCIRCUIT_PRESETS.perisomatic.parameters,
  gabaAIE: 0.52,
  driveWeightI: 0.002,
  biasI: 0,
  biasSpreadI: 0,
};
