#!/usr/bin/env node
// Synchrony χE (Golomb–Rinzel) and rates of the E/I microcircuit (src/engines/cell/microcircuit.ts)
// under a few drug and variant conditions, next to the bridge's Δx0 (src/bridges/drugs-to-network.ts
// and the variant calibration): the evidence in docs/models/pathophysiology.md §4.2 for why
// synchrony is not yet a bridge metric. 1.5 s per run, seeds 1 and 2.
// Usage: npm run build && node scripts/microcircuit-synchrony-conditions.mjs   (about 40 s)
import { drugNetworkShift } from "../dist/src/bridges/drugs-to-network.js";
import { CELL_TO_NETWORK_CALIBRATION } from "../dist/src/bridges/generated/cell-to-network-calibration.js";
import { runMicrocircuit } from "../dist/src/engines/cell/microcircuit.js";
import { golombPyramidal, wangBuzsakiInterneuron } from "../dist/src/engines/cell/models.js";
import { applyDrugs, synapticScalesWithDrugs } from "../dist/src/pharmacology/cell-effects.js";
import { brainLevelFromPlasma, targetEffects } from "../dist/src/pharmacology/pharmacodynamics.js";

const CONDITIONS = [
  { drug: null, plasma: 0, variants: [] },
  { drug: "carbamazepine", plasma: 8, variants: [] },
  { drug: "clobazam", plasma: 0.3, variants: [] },
  { drug: "clobazam", plasma: 0.3, variants: [], ontoExcitatoryOnly: true },
  { drug: null, plasma: 0, variants: ["SCN1A-LoF"] },
  { drug: "carbamazepine", plasma: 8, variants: ["SCN1A-LoF"] },
];
console.log("| condition | bridge Δx0 | χE (seed 1, 2) | E rate (Hz) | I rate (Hz) |");
console.log("|---|---|---|---|---|");
for (const c of CONDITIONS) {
  const effects = c.drug === null ? [] : targetEffects([brainLevelFromPlasma(c.drug, c.plasma)]);
  const variantShift = c.variants.reduce((s, v) => s + CELL_TO_NETWORK_CALIBRATION.variants[v].deltaX0, 0);
  const dx0 = variantShift + drugNetworkShift(effects, { variants: c.variants, perDrug: false }).x0Shift;
  const onto = (model, type) => synapticScalesWithDrugs(model, effects, type, c.variants);
  const runs = [1, 2].map((seed) =>
    runMicrocircuit({
      seed,
      durationMs: 1500,
      excitatoryModel: applyDrugs(golombPyramidal(), effects, "excitatory", c.variants),
      inhibitoryModel: applyDrugs(wangBuzsakiInterneuron(), effects, "inhibitory", c.variants),
      receptorScales: {
        excitatory: onto(golombPyramidal(), "excitatory"),
        inhibitory: c.ontoExcitatoryOnly ? {} : onto(wangBuzsakiInterneuron(), "inhibitory"),
      },
    }),
  );
  const name = [
    c.drug ? `${c.drug} ${c.plasma} mg/L` : "no drug",
    ...c.variants,
    c.ontoExcitatoryOnly ? "(GABA-A onto E only)" : "",
  ]
    .filter(Boolean)
    .join(", ");
  console.log(
    `| ${name} | ${dx0 >= 0 ? "+" : ""}${dx0.toFixed(3)} | ${runs.map((r) => r.chiE.toFixed(2)).join(", ")} | ${runs.map((r) => r.rateE.toFixed(1)).join(", ")} | ${runs.map((r) => r.rateI.toFixed(1)).join(", ")} |`,
  );
}
