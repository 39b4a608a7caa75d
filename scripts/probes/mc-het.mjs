#!/usr/bin/env node
// Probe (helper mc-het): circuit variants × conditions through the microcircuit pipeline.
// Usage: node scripts/probes/mc-het.mjs '<json config>' cond1,cond2,... seeds
//   config: { parameters: {...microcircuit overrides}, bzDecay: factor on GABA-A decay with a
//   benzodiazepine (both targets), bzDecayE/bzDecayI: per target }
import { parseScenario } from "../../dist/src/io/scenario.js";
import {
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../dist/src/pipeline/run-microcircuit.js";

const config = JSON.parse(process.argv[2] ?? "{}");
const conds = (process.argv[3] ?? "base,hyper,hyperClb").split(",");
const seeds = (process.argv[4] ?? "1,2").split(",").map(Number);
const reg = (e, extra = "") => `medication: { ${extra}regimen: [${e}] }\n`;
const CLB = "{ drug: clobazam, doseMg: 10, everyHours: 12 }";
const CHILD = "weightKg: 20, ";
const C = {
  base: ["", 1000, false],
  hyper: ["gabaAScale: 0.3\n", 1000, false],
  hyperClb: ["gabaAScale: 0.3\n" + reg(CLB), 1000, true],
  baseClb: [reg(CLB), 1000, true],
  scn1a: ["variants: [SCN1A]\n", 1000, false],
  inap4: ["inapScale: 4\n", 2000, false],
  scn8a: ["variants: [SCN8A]\n", 1000, false],
  dCbz: [
    "variants: [SCN1A]\n" + reg("{ drug: carbamazepine, doseMg: 150, everyHours: 12 }", CHILD),
    1000,
    false,
  ],
  dFfa: [
    "variants: [SCN1A]\n" + reg("{ drug: fenfluramine, doseMg: 7, everyHours: 12 }", CHILD),
    1000,
    false,
  ],
  dStpClb: [
    "variants: [SCN1A]\n" +
      reg(
        "{ drug: stiripentol, doseMg: 500, everyHours: 12 }, { drug: clobazam, doseMg: 5, everyHours: 12 }",
        CHILD,
      ),
    1000,
    true,
  ],
  baseCbz: [reg("{ drug: carbamazepine, doseMg: 400, everyHours: 12 }"), 1000, false],
  basePht: [reg("{ drug: phenytoin, doseMg: 300, everyHours: 24 }"), 1000, false],
  hyperCbz: ["gabaAScale: 0.3\n" + reg("{ drug: carbamazepine, doseMg: 400, everyHours: 12 }"), 1000, false],
};
for (const name of conds) {
  const [text, duration, bz] = C[name];
  for (const seed of seeds) {
    const s = parseScenario(
      `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: ${duration}, transient: 200 }\n${text}`,
      "probe.yaml",
    );
    const circuit = {
      parameters: config.parameters ?? {},
      ...(bz && (config.bzDecay || config.bzDecayE || config.bzDecayI)
        ? {
            gabaADecayScale: {
              excitatory: config.bzDecayE ?? config.bzDecay ?? 1,
              inhibitory: config.bzDecayI ?? config.bzDecay ?? 1,
            },
          }
        : {}),
    };
    const t0 = Date.now();
    const r = summariseMicrocircuitRun(runMicrocircuitScenario(s, { circuit }));
    const wall = (Date.now() - t0) / 1000;
    console.log(
      `| ${config.tag ?? ""} | ${name} | ${seed} | ${r.synchrony.excitatory.toFixed(3)} | ${r.events.length} | ${r.rates.excitatory.toFixed(2)} | ${r.rates.inhibitory.toFixed(1)} | ${r.synchrony.inhibitory.toFixed(2)} | ${wall.toFixed(1)} |`,
    );
  }
}
