// Probe (helper mc-big): H3 of docs/experiments/microcircuit-gaba.md carried into a larger random circuit with the
// same in-degrees. Usage: node scripts/probes/mc-big.mjs '<json overrides>' <durMs> <conds> <seeds> [size]
// size "800" (800/200, default) or "640" (640/160). Early exit (EXIT=1): stop after the first
// condition that fails its criterion in any seed. Rows: chiE/events/E Hz/I Hz per seed.
import { parseScenario } from "../../dist/src/io/scenario.js";
import {
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../dist/src/pipeline/run-microcircuit.js";

const size = process.argv[6] ?? "800";
const NE = size === "640" ? 640 : 800;
const NI = NE / 4;
const H3 = {
  gabaBIE: 0.0005,
  gabaAIE: 0.65,
  gabaADecayI: 1.8,
  gabaAII: 0.014,
  nmdaEE: 0.004,
  driveWeightE: 0.015,
  driveWeightI: 0.002,
  biasE: 1,
};
const scaled = {
  excitatory: NE,
  inhibitory: NI,
  pEE: 128 / NE,
  pEI: 32 / NE,
  pIE: 12 / NI,
  pII: 12 / NI,
};
const params = { ...H3, ...scaled, ...JSON.parse(process.argv[2] ?? "{}") };
const dur = Number(process.argv[3] ?? 1000);
const conds = (process.argv[4] ?? "base,scn8a,inap4,hyper,clb,scn1a").split(",");
const seeds = (process.argv[5] ?? "1,2,3,4").split(",").map(Number);
const exitEarly = process.env.EXIT === "1";
const T = {
  base: "",
  hyper: "gabaAScale: 0.3\n",
  clb: "gabaAScale: 0.3\nmedication: { regimen: [{ drug: clobazam, doseMg: 10, everyHours: 12 }] }\n",
  scn1a: "variants: [SCN1A]\n",
  scn8a: "variants: [SCN8A]\n",
  inap4: "inapScale: 4\n",
  inap5: "inapScale: 5\n",
  pht: "medication: { regimen: [{ drug: phenytoin, doseMg: 300, everyHours: 24 }] }\n",
  cbz: "medication: { regimen: [{ drug: carbamazepine, doseMg: 400, everyHours: 12 }] }\n",
  hypCbz:
    "gabaAScale: 0.3\nmedication: { regimen: [{ drug: carbamazepine, doseMg: 400, everyHours: 12 }] }\n",
  dCbz: "variants: [SCN1A]\nmedication: { weightKg: 20, regimen: [{ drug: carbamazepine, doseMg: 150, everyHours: 12 }] }\n",
  dFfa: "variants: [SCN1A]\nmedication: { weightKg: 20, regimen: [{ drug: fenfluramine, doseMg: 7, everyHours: 12 }] }\n",
  dStpClb:
    "variants: [SCN1A]\nmedication: { weightKg: 20, regimen: [{ drug: stiripentol, doseMg: 500, everyHours: 12 }, { drug: clobazam, doseMg: 5, everyHours: 12 }] }\n",
};
const results = {};
for (const c of conds) {
  const row = [];
  results[c] = [];
  for (const seed of seeds) {
    const d = c.startsWith("inap") && process.env.INAPDUR ? Number(process.env.INAPDUR) : dur;
    const t0 = Date.now();
    const s = parseScenario(
      `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: ${d}, transient: 200 }\n${T[c]}`,
      "p.yaml",
    );
    const r = summariseMicrocircuitRun(runMicrocircuitScenario(s, { circuit: { parameters: params } }));
    const o = {
      x: r.synchrony.excitatory,
      ev: r.events.length,
      e: r.rates.excitatory,
      i: r.rates.inhibitory,
    };
    results[c].push(o);
    row.push(
      `${o.x.toFixed(3)}/${o.ev}/${o.e.toFixed(2)}/${o.i.toFixed(1)}` +
        (process.env.TIME ? `(${((Date.now() - t0) / 1000).toFixed(1)}s)` : ""),
    );
  }
  console.log(c.padEnd(7), row.join("  "));
  if (!exitEarly) continue;
  const b = results.base;
  const h = results.hyper;
  const ok = results[c].every((o, k) => {
    if (c === "base") return o.x < 0.45 && o.ev === 0 && o.e < 2 && o.i > 5 && o.i < 30;
    if (c === "scn8a") return o.x > 0.6 && o.ev >= 1;
    if (c === "clb")
      return h && o.x < h[k].x && (o.ev < h[k].ev || (o.ev === 0 && h[k].ev === 0)) && o.e <= h[k].e;
    if (["hyper", "scn1a", "inap4"].includes(c)) return o.x > 0.6 && o.ev >= 1 && (!b || o.e > 1.5 * b[k].e);
    return true;
  });
  if (!ok) {
    console.log(`FAIL at ${c}`);
    break;
  }
}
