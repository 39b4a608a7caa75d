// Probe for docs/models/drugs.md §7 ("E/I balance under drugs"): would presynaptic effects of the
// Na-channel drugs (less glutamate release, more GABA release; Cunningham & Jones 2000) of a
// plausible size rescue the default circuit? Every glutamatergic recurrent weight × (1 − x)
// (optionally the external drive too), every GABAergic weight × (1 + y), on top of the drug's
// postsynaptic edits. Rows: χE/events/E Hz/I Hz and the GABA/glutamate conductance ratio onto E,
// seeds 1 and 2, 1 s runs (200 ms transient).
// Usage: npm run build && node scripts/probes/presynaptic-scaling.mjs x y withDrive(0|1) [conditions]
import { parseScenario } from "../../dist/src/io/scenario.js";
import {
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../dist/src/pipeline/run-microcircuit.js";
import { MICROCIRCUIT_PARAMETERS as P } from "../../dist/src/engines/cell/microcircuit.js";
const med = (d, mg, h) => `medication: { regimen: [{ drug: ${d}, doseMg: ${mg}, everyHours: ${h} }] }\n`;
const C = {
  base: "",
  ltg: med("lamotrigine", 200, 12),
  pht: med("phenytoin", 300, 24),
  cbz: med("carbamazepine", 400, 12),
  scn1a: "variants: [SCN1A]\n",
  scn1aCbz:
    "variants: [SCN1A]\n" +
    "medication: { weightKg: 20, regimen: [{ drug: carbamazepine, doseMg: 150, everyHours: 12 }] }\n",
};
const [x, y, withDrive] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4] === "1"];
const glu = ["ampaEE", "nmdaEE", "ampaEI", "nmdaEI", ...(withDrive ? ["driveWeightE", "driveWeightI"] : [])];
const gaba = ["gabaAIE", "gabaBIE", "gabaAII"];
const params = {};
for (const k of glu) params[k] = (P[k].value ?? P[k].default) * (1 - x);
for (const k of gaba) params[k] = (P[k].value ?? P[k].default) * (1 + y);
for (const n of (process.argv[5] ?? "base,ltg").split(",")) {
  const row = [];
  for (const seed of [1, 2]) {
    const s = parseScenario(
      `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: 1000, transient: 200 }\n${C[n]}`,
      "p.yaml",
    );
    const r = summariseMicrocircuitRun(runMicrocircuitScenario(s, { circuit: { parameters: params } }));
    row.push(
      `${r.synchrony.excitatory.toFixed(2)}/${r.events.length}/${r.rates.excitatory.toFixed(2)}/${r.rates.inhibitory.toFixed(1)} IE ${r.synapticInput.excitatory.inhibitionToExcitation.conductance.toFixed(2)}`,
    );
  }
  console.log(`x=${x} y=${y} drive=${withDrive}`, n.padEnd(6), row.join(" | "));
}
