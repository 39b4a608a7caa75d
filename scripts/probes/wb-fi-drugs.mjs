// Probe for docs/experiments/microcircuit-drug-robustness.md: f–I of the Wang–Buzsáki interneuron
// (500 ms steps, fICurve) without and with SCN1A loss of function and the Na blockers at the
// midpoint of their usual dose (usualDoseTargetEffects, 70 kg).
// Usage: npm run build && node scripts/probes/wb-fi-drugs.mjs   (a few seconds)
import { fICurve } from "../../dist/src/engines/cell/analysis.js";
import { wangBuzsakiInterneuron } from "../../dist/src/engines/cell/models.js";
import { applyDrugs } from "../../dist/src/pharmacology/cell-effects.js";
import { applyVariants } from "../../dist/src/pathophysiology/variants.js";
import { usualDoseTargetEffects } from "../../dist/src/pharmacology/pharmacodynamics.js";

const CURRENTS = [0.2, 0.3, 0.4, 0.5, 0.7, 0.9, 1.0, 1.2, 1.5, 2, 3];
const wb = wangBuzsakiInterneuron();
const models = { WB: wb, "SCN1A-LoF": applyVariants(wb, "inhibitory", ["SCN1A-LoF"]) };
for (const d of ["carbamazepine", "phenytoin", "lamotrigine", "lacosamide"])
  models[d] = applyDrugs(wb, usualDoseTargetEffects(d, 70), "inhibitory");
console.log(`I (µA/cm²)     ${CURRENTS.join(" ")}`);
for (const [name, model] of Object.entries(models))
  console.log(name.padEnd(14), Array.from(fICurve(model, CURRENTS).rate, (r) => r.toFixed(0)).join(" "));
