// Probe for docs/experiments/microcircuit-drug-robustness.md: every usual-dose drug on the
// asynchronous baseline and clobazam on several hyperexcitable states, for the default circuit and
// for B1 (docs/experiments/microcircuit-big.md). Rows: χE/events/E Hz/I Hz per seed, 1 s runs
// (200 ms transient), through the scenario pipeline (PK → PD → cell edits).
// Usage: npm run build && node scripts/probes/mc-drug-robustness.mjs <default|b1> <conds|all> [seeds]
//   [json overrides] [scenario lines]
//   e.g. node scripts/probes/mc-drug-robustness.mjs b1 base,scn8a,scn8aClb 1,2,3,4
// Default circuit ~1.5 s per run, B1 ~6 s per run (one core).
import { parseScenario } from "../../dist/src/io/scenario.js";
import {
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../dist/src/pipeline/run-microcircuit.js";

const CIRCUITS = { default: {}, b1: B1 };

import { B1, DRUG_PANEL as CONDITIONS } from "./screen-conditions.mjs";

const circuitName = process.argv[2] ?? "default";
const base = CIRCUITS[circuitName];
if (!base) throw new Error(`circuit must be one of ${Object.keys(CIRCUITS).join(", ")}`);
const names =
  !process.argv[3] || process.argv[3] === "all" ? Object.keys(CONDITIONS) : process.argv[3].split(",");
const seeds = (process.argv[4] ?? "1,2").split(",").map(Number);
// Optional: circuit parameter overrides (JSON) and scenario lines put before each condition, e.g.
// '{"driveWeightI":0.031}' 'drive: { rateE: 1000, rateI: 100 }' (interneurons driven by fewer,
// larger inputs).
const parameters = { ...base, ...JSON.parse(process.argv[5] ?? "{}") };
const prefix = process.argv[6] ? `${process.argv[6]}\n` : "";
for (const name of names) {
  if (!(name in CONDITIONS)) throw new Error(`unknown condition ${name}`);
  const row = seeds.map((seed) => {
    const s = parseScenario(
      `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: 1000, transient: 200 }\n${prefix}${CONDITIONS[name]}`,
      "probe.yaml",
    );
    const r = summariseMicrocircuitRun(runMicrocircuitScenario(s, { circuit: { parameters } }));
    return `${r.synchrony.excitatory.toFixed(2)}/${r.events.length}/${r.rates.excitatory.toFixed(2)}/${r.rates.inhibitory.toFixed(0)}`;
  });
  console.log(name.padEnd(10), row.join("  "));
}
