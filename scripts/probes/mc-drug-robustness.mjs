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
import { B1 } from "./screen-conditions.mjs";

const CIRCUITS = { default: {}, b1: B1 };

const regimen = (entries, extra = "") => `medication: { ${extra}regimen: [${entries}] }\n`;
const CLB = "{ drug: clobazam, doseMg: 10, everyHours: 12 }";
const CHILD = "weightKg: 20, ";
const DRAVET = "variants: [SCN1A]\n";
const CONDITIONS = {
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
