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

const regimen = (entries, extra = "") => `medication: { ${extra}regimen: [${entries}] }\n`;
const CLB = "{ drug: clobazam, doseMg: 10, everyHours: 12 }";
const CHILD = "weightKg: 20, ";
const DRAVET = "variants: [SCN1A]\n";
/** Scenario lines of the drug panel (mc-drug-robustness.mjs, circuit-criteria.mjs): usual doses on
 * the asynchronous baseline, clobazam on hyperexcitable states, the Dravet regimens. */
export const DRUG_PANEL = {
  base: "",
  // usual doses on the asynchronous baseline (70 kg)
  cbz: regimen("{ drug: carbamazepine, doseMg: 400, everyHours: 12 }"),
  pht: regimen("{ drug: phenytoin, doseMg: 300, everyHours: 24 }"),
  ltg: regimen("{ drug: lamotrigine, doseMg: 200, everyHours: 12 }"),
  lcm: regimen("{ drug: lacosamide, doseMg: 200, everyHours: 12 }"),
  vpa: regimen("{ drug: valproate, doseMg: 750, everyHours: 12 }"),
  lev: regimen("{ drug: levetiracetam, doseMg: 1000, everyHours: 12 }"),
  tpm: regimen("{ drug: topiramate, doseMg: 100, everyHours: 12 }"),
  per: regimen("{ drug: perampanel, doseMg: 8, everyHours: 24 }"),
  clb: regimen(CLB),
  // hyperexcitable states, without and with clobazam 10 mg q12h
  hyper3: "gabaAScale: 0.3\n",
  hyper3Clb: "gabaAScale: 0.3\n" + regimen(CLB),
  hyper5: "gabaAScale: 0.5\n",
  hyper5Clb: "gabaAScale: 0.5\n" + regimen(CLB),
  scn8a: "variants: [SCN8A]\n",
  scn8aClb: "variants: [SCN8A]\n" + regimen(CLB),
  scn8aPht: "variants: [SCN8A]\n" + regimen("{ drug: phenytoin, doseMg: 300, everyHours: 24 }"),
  inap4: "inapScale: 4\n",
  inap4Clb: "inapScale: 4\n" + regimen(CLB),
  // Dravet (20 kg child, regimens of test/pipeline/microcircuit-medication.test.ts)
  scn1a: DRAVET,
  dCbz: DRAVET + regimen("{ drug: carbamazepine, doseMg: 150, everyHours: 12 }", CHILD),
  dFfa: DRAVET + regimen("{ drug: fenfluramine, doseMg: 7, everyHours: 12 }", CHILD),
  dStpClb:
    DRAVET +
    regimen(
      "{ drug: stiripentol, doseMg: 500, everyHours: 12 }, { drug: clobazam, doseMg: 5, everyHours: 12 }",
      CHILD,
    ),
};
