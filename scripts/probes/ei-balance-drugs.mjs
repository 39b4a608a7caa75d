// Probe for docs/models/drugs.md §7 ("E/I balance under drugs"): every usual-dose drug of
// mc-drug-robustness.mjs on the default circuit's asynchronous baseline, with the summary's
// synapticInput: GABAergic/glutamatergic conductance ratio onto the pyramidal cells (the quantity
// Greenhill & Jones 2010 estimated in entorhinal slices), the glutamatergic and GABAergic
// conductances (mS/cm²) and the interneurons' mean potential.
// Usage: npm run build && node scripts/probes/ei-balance-drugs.mjs [drugs] [seeds]   (~1.5 s per run)
import { parseScenario } from "../../dist/src/io/scenario.js";
import {
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../dist/src/pipeline/run-microcircuit.js";

const DOSES = {
  none: null,
  carbamazepine: [400, 12],
  phenytoin: [300, 24],
  lamotrigine: [200, 12],
  lacosamide: [200, 12],
  valproate: [750, 12],
  levetiracetam: [1000, 12],
  topiramate: [100, 12],
  perampanel: [8, 24],
  clobazam: [10, 12],
};
const names = (process.argv[2] ?? Object.keys(DOSES).join(",")).split(",");
const seeds = (process.argv[3] ?? "1,2").split(",").map(Number);
console.log(
  "| drug | χE | E Hz | I Hz | GABA/glu g onto E | glu g onto E | GABA g onto E | mean V of I (mV) |",
);
for (const name of names) {
  if (!(name in DOSES)) throw new Error(`unknown drug ${name}`);
  const dose = DOSES[name];
  const med = dose
    ? `medication: { regimen: [{ drug: ${name}, doseMg: ${dose[0]}, everyHours: ${dose[1]} }] }\n`
    : "";
  const cells = [[], [], [], [], [], [], []];
  for (const seed of seeds) {
    const s = parseScenario(
      `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: 1000, transient: 200 }\n${med}`,
      "probe.yaml",
    );
    const r = summariseMicrocircuitRun(runMicrocircuitScenario(s));
    const e = r.synapticInput.excitatory;
    cells[0].push(r.synchrony.excitatory.toFixed(2));
    cells[1].push(r.rates.excitatory.toFixed(2));
    cells[2].push(r.rates.inhibitory.toFixed(1));
    cells[3].push(e.inhibitionToExcitation.conductance.toFixed(2));
    cells[4].push(e.excitation.conductance.toFixed(3));
    cells[5].push(e.inhibition.conductance.toFixed(3));
    cells[6].push(r.synapticInput.inhibitory.meanPotentialMv.toFixed(1));
  }
  console.log(`| ${name} | ${cells.map((c) => c.join(" / ")).join(" | ")} |`);
}
