#!/usr/bin/env node
// Probe for docs/experiments/fs-interneuron.md, circuit part: the B1 circuit (800/200 cells,
// GABA-A-dominated; B1 of screen-conditions.mjs) with interneurons made
// mean-driven (biasI, biasSpreadI, less Poisson drive driveWeightI) and, optionally, the slow Na
// inactivation option of the interneuron (runMicrocircuitScenario circuit.inhibitoryModel).
// Per condition and seed (1 s, 200 ms transient): χE / events / rate E (Hz) / rate I (Hz) / χI.
// Usage: npm run build && node scripts/probes/fs-circuit.mjs '<json overrides>' <floor> [seeds]
//        [conditions, comma-separated names from CONDITIONS]
// One run of 1000 cells × 1 s takes ~15 s on one core.
import { parseScenario } from "../../dist/src/io/scenario.js";
import { wangBuzsakiInterneuron } from "../../dist/src/engines/cell/models.js";
import {
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../dist/src/pipeline/run-microcircuit.js";
import { B1 } from "./screen-conditions.mjs";

const med = (drug, mg, h) => `medication: { regimen: [{ drug: ${drug}, doseMg: ${mg}, everyHours: ${h} }] }`;
const CONDITIONS = {
  baseline: "",
  scn1a: "variants: [SCN1A-LoF]",
  lamotrigine: med("lamotrigine", 200, 12),
  lamotrigine150: med("lamotrigine", 150, 12),
  carbamazepine: med("carbamazepine", 500, 12),
  phenytoin: med("phenytoin", 150, 12),
  scn8a: "variants: [SCN8A-GoF]",
  "scn8a+clobazam": `variants: [SCN8A-GoF]\n${med("clobazam", 10, 12)}`,
  "scn1a+clobazam": `variants: [SCN1A-LoF]\n${med("clobazam", 10, 12)}`,
};
const extra = JSON.parse(process.argv[2] ?? "{}");
const floor = Number(process.argv[3] ?? 1);
const seeds = (process.argv[4] ?? "1,2").split(",").map(Number);
const names = (process.argv[5] ?? Object.keys(CONDITIONS).join(",")).split(",");
const params = { ...B1, ...extra };
const inhibitoryModel = wangBuzsakiInterneuron(undefined, { slowInactivation: { floor } });
console.log(`overrides ${JSON.stringify(extra)}; interneuron slow-inactivation floor ${floor}`);
for (const name of names) {
  const row = [];
  for (const seed of seeds) {
    const s = parseScenario(
      `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: 1000, transient: 200 }\n${CONDITIONS[name]}\n`,
      "probe.yaml",
    );
    const r = summariseMicrocircuitRun(
      runMicrocircuitScenario(s, { circuit: { parameters: params, inhibitoryModel } }),
    );
    const f = (x, d) => (x === null ? "—" : x.toFixed(d));
    row.push(
      `${f(r.synchrony.excitatory, 2)}/${r.events.length}/${f(r.rates.excitatory, 2)}/${f(r.rates.inhibitory, 1)}/${f(r.synchrony.inhibitory, 2)}`,
    );
  }
  console.log(`| ${name} | ${row.join(" | ")} |`);
}
