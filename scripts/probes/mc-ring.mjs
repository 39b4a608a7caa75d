// Probe of the spatially structured (ring) microcircuit: one row per condition and seed.
// usage: node scripts/probes/mc-ring.mjs '<json engine overrides>' NE NI cond1,cond2,... seeds
import { performance } from "node:perf_hooks";
import { parseScenario } from "../../dist/src/io/scenario.js";
import {
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../dist/src/pipeline/run-microcircuit.js";

const params = JSON.parse(process.argv[2] ?? "{}");
const NE = Number(process.argv[3] ?? 160);
const NI = Number(process.argv[4] ?? 40);
const conds = (process.argv[5] ?? "base,hyper,clb").split(",");
const seeds = (process.argv[6] ?? "1,2").split(",").map(Number);
const reg = (e, extra = "") => `medication: { ${extra}regimen: [${e}] }\n`;
const CHILD = "weightKg: 20, ";
const C = {
  base: [""],
  hyper: ["gabaAScale: 0.3\n"],
  clb: ["gabaAScale: 0.3\n" + reg("{ drug: clobazam, doseMg: 10, everyHours: 12 }")],
  scn1a: ["variants: [SCN1A]\n"],
  inap4: ["inapScale: 4\n", 2000],
  inap4s: ["inapScale: 4\n"],
  scn8a: ["variants: [SCN8A]\n"],
  dcbz: ["variants: [SCN1A]\n" + reg("{ drug: carbamazepine, doseMg: 150, everyHours: 12 }", CHILD)],
  dffa: ["variants: [SCN1A]\n" + reg("{ drug: fenfluramine, doseMg: 7, everyHours: 12 }", CHILD)],
  dstp: [
    "variants: [SCN1A]\n" +
      reg(
        "{ drug: stiripentol, doseMg: 500, everyHours: 12 }, { drug: clobazam, doseMg: 5, everyHours: 12 }",
        CHILD,
      ),
  ],
  bcbz: [reg("{ drug: carbamazepine, doseMg: 400, everyHours: 12 }")],
  bpht: [reg("{ drug: phenytoin, doseMg: 300, everyHours: 24 }")],
  hcbz: ["gabaAScale: 0.3\n" + reg("{ drug: carbamazepine, doseMg: 400, everyHours: 12 }")],
  hpht: ["gabaAScale: 0.3\n" + reg("{ drug: phenytoin, doseMg: 300, everyHours: 24 }")],
};
console.log(`# ${JSON.stringify(params)} NE ${NE} NI ${NI}`);
for (const c of conds) {
  const [text, duration = 1000] = C[c];
  for (const seed of seeds) {
    const s = parseScenario(
      `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: ${duration}, transient: 200 }\npopulations: { excitatory: ${NE}, inhibitory: ${NI} }\n${text}`,
      "probe.yaml",
    );
    const t0 = performance.now();
    const r = summariseMicrocircuitRun(runMicrocircuitScenario(s, { circuit: { parameters: params } }));
    const t = (performance.now() - t0) / 1000;
    console.log(
      [
        c.padEnd(6),
        seed,
        "χE",
        r.synchrony.excitatory.toFixed(3),
        "ev",
        r.events.length,
        "rE",
        r.rates.excitatory.toFixed(2),
        "rI",
        r.rates.inhibitory.toFixed(1),
        "χI",
        r.synchrony.inhibitory.toFixed(2),
        `${t.toFixed(1)}s`,
      ].join("\t"),
    );
  }
}
