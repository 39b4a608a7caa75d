#!/usr/bin/env node
// Prints the table of docs/models/drugs.md comparing, per drug at its usual dose, the network
// shift Δx0 of the interim per-target mapping (src/pharmacology/network-effects.ts) with that of
// the drugs → network bridge (src/bridges/drugs-to-network.ts), for a patient without variants
// and for an SCN1A loss-of-function patient.
// Usage: npm run build && node scripts/drug-network-table.mjs   (a few minutes: cells are simulated)
import { drugNetworkShift } from "../dist/src/bridges/drugs-to-network.js";
import { DRUGS } from "../dist/src/pharmacology/catalogue.js";
import { networkExcitabilityShift } from "../dist/src/pharmacology/network-effects.js";
import { usualDoseTargetEffects } from "../dist/src/pharmacology/pharmacodynamics.js";

const WEIGHT_KG = 70;
const f = (x) => (x >= 0 ? "+" : "") + x.toFixed(3);
console.log(
  "| drug | usual daily dose | interim Δx0 | bridge Δx0 | bridge Δx0, SCN1A LoF | E, I factor | note |",
);
console.log("|---|---|---|---|---|---|---|");
for (const drug of DRUGS) {
  const d = drug.dosing;
  const daily = 0.5 * (d.usualDaily.low + d.usualDaily.high);
  const effects = usualDoseTargetEffects(drug.id, WEIGHT_KG);
  const interim = networkExcitabilityShift(effects).x0Shift;
  const normal = drugNetworkShift(effects, { perDrug: false });
  const dravet = drugNetworkShift(effects, { variants: ["SCN1A-LoF"], perDrug: false });
  const notes = [];
  if (normal.interim.length > 0)
    notes.push(`interim part ${f(normal.interim.reduce((s, p) => s + p.contribution, 0))}`);
  if (normal.metrics.silenced.length > 0) notes.push(`silenced: ${normal.metrics.silenced.join(", ")}`);
  if (dravet.metrics.silenced.length > 0) notes.push(`SCN1A silenced: ${dravet.metrics.silenced.join(", ")}`);
  console.log(
    `| ${drug.id} | ${Number(daily.toPrecision(6))} ${d.perKg ? "mg/kg" : "mg"} | ${f(interim)} | ${f(normal.x0Shift)} | ${f(dravet.x0Shift)} | ${normal.metrics.excitatoryFactor.toFixed(2)}, ${normal.metrics.inhibitoryFactor.toFixed(2)} | ${notes.join("; ")} |`,
  );
}
