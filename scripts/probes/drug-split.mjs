// Probe for docs/experiments/microcircuit-drug-robustness.md: one drug's medicated neuron models put
// into the pyramidal population only, the interneurons only, or both (engine runMicrocircuit, same
// seed), to see where a drug's circuit effect enters. Rows: χI/χE/E Hz/I Hz; 1 s, seeds 1–2.
// Usage: npm run build && node scripts/probes/drug-split.mjs <drug:doseMg:everyHours> [default|b1]
//   e.g. node scripts/probes/drug-split.mjs lamotrigine:200:12 b1
import { parseScenario } from "../../dist/src/io/scenario.js";
import { runMicrocircuitScenario } from "../../dist/src/pipeline/run-microcircuit.js";
import { runMicrocircuit } from "../../dist/src/engines/cell/microcircuit.js";
import { golombPyramidal, wangBuzsakiInterneuron } from "../../dist/src/engines/cell/models.js";
import { B1 } from "./screen-conditions.mjs";

const [drug, doseMg, everyHours] = (process.argv[2] ?? "lamotrigine:200:12").split(":");
const parameters = process.argv[3] === "b1" ? B1 : {};
for (const seed of [1, 2]) {
  const s = parseScenario(
    `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: 1000, transient: 200 }\nmedication: { regimen: [{ drug: ${drug}, doseMg: ${doseMg}, everyHours: ${everyHours} }] }\n`,
    "probe.yaml",
  );
  // Only the medicated models are used (receptor factors of the drug are left out: for a pure
  // channel drug there are none).
  const medicated = runMicrocircuitScenario(s, { circuit: { parameters } });
  const rows = [
    ["none", golombPyramidal(), wangBuzsakiInterneuron()],
    ["pyramids only", medicated.excitatoryModel, wangBuzsakiInterneuron()],
    ["interneurons only", golombPyramidal(), medicated.inhibitoryModel],
    ["both", medicated.excitatoryModel, medicated.inhibitoryModel],
  ].map(([name, excitatoryModel, inhibitoryModel]) => {
    const r = runMicrocircuit({
      seed,
      durationMs: 1000,
      transientMs: 200,
      excitatoryModel,
      inhibitoryModel,
      parameters,
    });
    return `${name} ${r.chiI.toFixed(2)}/${r.chiE.toFixed(2)}/${r.rateE.toFixed(2)}/${r.rateI.toFixed(1)}`;
  });
  console.log(`seed ${seed}: ${rows.join(" | ")}`);
}
