#!/usr/bin/env node
// Prints the maximal sustained firing rate (peak of the f–I curve over 0–60 µA/cm², 1 µA/cm² steps,
// 1 s clamp, 200 ms settling) of the Golomb pyramid and the Wang–Buzsáki interneuron, at baseline,
// with each Na/K-channel variant, and with carbamazepine, phenytoin and valproate at the midpoint
// of their usual daily dose (70 kg, steady state), with and without SCN1A loss of function.
// A high-drive metric examined for the cell → network bridge and not adopted
// (docs/models/pathophysiology.md §4.3). Usage: npm run build && node scripts/high-drive-metrics.mjs   (~25 s)
import { fICurve } from "../dist/src/engines/cell/analysis.js";
import { golombPyramidal, wangBuzsakiInterneuron } from "../dist/src/engines/cell/models.js";
import { applyVariants } from "../dist/src/pathophysiology/variants.js";
import { applyDrugs } from "../dist/src/pharmacology/cell-effects.js";
import { usualDoseTargetEffects } from "../dist/src/pharmacology/pharmacodynamics.js";

const CLAMP = { dt: 0.01, duration: 1000, settle: 200 };
const CURRENTS = Array.from({ length: 61 }, (_, k) => k);
const WEIGHT_KG = 70;

function peak(model) {
  const rate = Array.from(fICurve(model, CURRENTS, CLAMP).rate);
  const top = Math.max(...rate);
  return `${top.toFixed(0)} Hz at ${CURRENTS[rate.indexOf(top)]} µA/cm²`;
}

console.log("| condition | pyramid peak rate | interneuron peak rate |");
console.log("|---|---|---|");
for (const variants of [[], ["SCN1A-LoF"], ["SCN2A-GoF"], ["SCN8A-GoF"], ["KCNQ2-BFNS"], ["KCNQ2-DEE"]]) {
  const e = peak(applyVariants(golombPyramidal(), "excitatory", variants));
  const i = peak(applyVariants(wangBuzsakiInterneuron(), "inhibitory", variants));
  console.log(`| ${variants[0] ?? "baseline"} | ${e} | ${i} |`);
}
for (const drug of ["carbamazepine", "phenytoin", "valproate"]) {
  const effects = usualDoseTargetEffects(drug, WEIGHT_KG);
  for (const variants of [[], ["SCN1A-LoF"]]) {
    const e = peak(applyDrugs(golombPyramidal(), effects, "excitatory", variants));
    const i = peak(applyDrugs(wangBuzsakiInterneuron(), effects, "inhibitory", variants));
    console.log(`| ${drug}${variants.length ? ", SCN1A-LoF" : ""} | ${e} | ${i} |`);
  }
}
