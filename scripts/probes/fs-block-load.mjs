#!/usr/bin/env node
// Probe for docs/experiments/fs-interneuron.md, §3: how much of the Wang–Buzsáki interneuron's Na
// conductance the kinetic drug block takes during sustained firing, against the SCN1A variant's
// 50%. Part 1: time averages of h and s and the final unbound fraction u (0.5 s accelerated block
// equilibration as analysis.ts, then 0.5 s, averages over the last 0.3 s) at fixed currents.
// Part 2: the rate ratio (drug / none) at fixed currents over the usual dose range of each drug,
// with the circuit's own PK → PD → cell-edit pipeline (runMicrocircuitScenario's medicated
// interneuron model), for several slow-inactivation floors, next to the SCN1A ratio.
// Usage: npm run build && node scripts/probes/fs-block-load.mjs [floors, e.g. 1,0.9,0.85]   (~30 s)
import { Population, toAbsolute } from "../../dist/src/engines/cell/population.js";
import { BLOCK_EQUILIBRATION_RATE } from "../../dist/src/engines/cell/channels.js";
import { fICurve } from "../../dist/src/engines/cell/analysis.js";
import { parseScenario } from "../../dist/src/io/scenario.js";
import { wangBuzsakiInterneuron } from "../../dist/src/engines/cell/models.js";
import { applyVariants } from "../../dist/src/pathophysiology/variants.js";
import { runMicrocircuitScenario } from "../../dist/src/pipeline/run-microcircuit.js";

const FLOORS = (process.argv[2] ?? "1,0.9,0.85").split(",").map(Number);
const DT = 0.01;

function medicated(base, drug, mg) {
  const s = parseScenario(
    `schemaVersion: 1\nkind: microcircuit\nseed: 1\npopulations: { excitatory: 8, inhibitory: 2 }\n` +
      `simulation: { duration: 10, transient: 0 }\n` +
      `medication: { regimen: [{ drug: ${drug}, doseMg: ${mg}, everyHours: 12 }] }\n`,
    "probe.yaml",
  );
  return runMicrocircuitScenario(s, { circuit: { inhibitoryModel: base } }).inhibitoryModel;
}

const LOAD_CURRENTS = [0.7, 1, 2, 4];
function load(model) {
  const pop = new Population({ name: "c", size: LOAD_CURRENTS.length, model, receptors: [] }, DT);
  LOAD_CURRENTS.forEach((x, k) => (pop.bias[k] = toAbsolute(x, model.area)));
  const na = pop.compiled.channels.find((c) => c.name === "na");
  const h = na.gates.find((g) => g.name === "h").value;
  const s = na.gates.find((g) => g.name === "s")?.value;
  if (pop.hasBlocks) {
    pop.setBlockEquilibration(BLOCK_EQUILIBRATION_RATE);
    for (let i = 0; i < 500 / DT; i++) pop.update();
    pop.setBlockEquilibration(null);
  }
  const acc = LOAD_CURRENTS.map(() => ({ h: 0, s: 0, n: 0 }));
  for (let i = 0; i < 500 / DT; i++) {
    pop.update();
    if (i >= 200 / DT)
      for (let k = 0; k < LOAD_CURRENTS.length; k++) {
        acc[k].h += h[k];
        acc[k].s += s ? s[k] : 1;
        acc[k].n++;
      }
  }
  const u = na.block ? Array.from(na.block.unbound) : LOAD_CURRENTS.map(() => 1);
  return LOAD_CURRENTS.map(
    (x, k) => `${(acc[k].h / acc[k].n).toFixed(2)}, ${(acc[k].s / acc[k].n).toFixed(2)}, ${u[k].toFixed(2)}`,
  ).join(" | ");
}

const LOAD_REGIMENS = [
  ["lamotrigine", 200],
  ["phenytoin", 150],
  ["carbamazepine", 500],
];
console.log(`Part 1: h̄, s̄, u at ${LOAD_CURRENTS.join(", ")} µA/cm²\n`);
console.log(`| floor | cell | ${LOAD_CURRENTS.map((x) => `${x}`).join(" | ")} |`);
console.log(`|---|---|${LOAD_CURRENTS.map(() => "---|").join("")}`);
for (const floor of FLOORS) {
  const base = wangBuzsakiInterneuron(undefined, { slowInactivation: { floor } });
  console.log(`| ${floor} | no drug | ${load(base)} |`);
  for (const [d, mg] of LOAD_REGIMENS)
    console.log(`| ${floor} | ${d} ${mg} mg q12h | ${load(medicated(base, d, mg))} |`);
}

const CURRENTS = [0.7, 1, 1.5, 2, 3, 4];
const OPT = { dt: DT, duration: 500, settle: 200 };
const REGIMENS = [
  ["lamotrigine", 50],
  ["lamotrigine", 100],
  ["lamotrigine", 150],
  ["lamotrigine", 200],
  ["lamotrigine", 250],
  ["phenytoin", 100],
  ["phenytoin", 150],
  ["phenytoin", 200],
  ["carbamazepine", 200],
  ["carbamazepine", 500],
  ["carbamazepine", 800],
];
console.log(`\nPart 2: rate / drug-free rate at ${CURRENTS.join(", ")} µA/cm² (500 ms steps, last 300 ms)\n`);
console.log(`| floor | cell | ratios |`);
console.log(`|---|---|---|`);
for (const floor of FLOORS) {
  const base = wangBuzsakiInterneuron(undefined, { slowInactivation: { floor } });
  const f0 = fICurve(base, CURRENTS, OPT).rate;
  const ratio = (m) =>
    Array.from(fICurve(m, CURRENTS, OPT).rate)
      .map((x, k) => (x / f0[k]).toFixed(2))
      .join(", ");
  console.log(`| ${floor} | SCN1A | ${ratio(applyVariants(base, "inhibitory", ["SCN1A-LoF"]))} |`);
  for (const [d, mg] of REGIMENS)
    console.log(`| ${floor} | ${d} ${mg} mg q12h | ${ratio(medicated(base, d, mg))} |`);
}
