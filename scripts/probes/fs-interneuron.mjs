#!/usr/bin/env node
// Probe for docs/experiments/fs-interneuron.md, cell part: the Wang–Buzsáki interneuron with the
// slow Na inactivation option (models.ts wangBuzsakiInterneuron(…, { slowInactivation }),
// channels.ts withSlowInactivation, Migliore et al. 1999 form) at several floors (ar2):
//   (a) f–I of the full-gNa cell against the published WB cell;
//   (b) the SCN1A variant (variants.ts edits, gNa × 0.5) at the same currents;
//   (c) carbamazepine, phenytoin, lamotrigine at usual doses (usualDoseTargetEffects, applyDrugs,
//       kinetic block equilibrated as in analysis.ts) as rate ratios at fixed currents.
// Rates: spikes in 200–500 ms of a 500 ms step (dt 0.01 ms), i.e. sustained firing.
// Usage: npm run build && node scripts/probes/fs-interneuron.mjs [floors, e.g. 1,0.85] [shift mV]
import { fICurve } from "../../dist/src/engines/cell/analysis.js";
import { wangBuzsakiInterneuron } from "../../dist/src/engines/cell/models.js";
import { applyVariants } from "../../dist/src/pathophysiology/variants.js";
import { applyDrugs } from "../../dist/src/pharmacology/cell-effects.js";
import { usualDoseTargetEffects } from "../../dist/src/pharmacology/pharmacodynamics.js";

const FLOORS = (process.argv[2] ?? "1,0.83,0.85,0.87").split(",").map(Number);
const SHIFT = Number(process.argv[3] ?? 0);
const CURRENTS = [0.3, 0.5, 0.7, 0.8, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8];
const OPT = { dt: 0.01, duration: 500, settle: 200 };
const DRUGS = ["carbamazepine", "phenytoin", "lamotrigine"];
const rate = (m) => Array.from(fICurve(m, CURRENTS, OPT).rate);
const fmt = (xs, d = 0) => xs.map((x) => (Number.isFinite(x) ? x.toFixed(d) : "—")).join(" | ");

const published = rate(wangBuzsakiInterneuron());
console.log(`| cell | ${CURRENTS.join(" | ")} |`);
console.log(`|---|${CURRENTS.map(() => "---|").join("")}`);
console.log(`| WB published (Hz) | ${fmt(published)} |`);
for (const floor of FLOORS) {
  const opts = { slowInactivation: { floor, shift: SHIFT } };
  const full = wangBuzsakiInterneuron(undefined, opts);
  const f = rate(full);
  const half = rate(applyVariants(full, "inhibitory", ["SCN1A-LoF"]));
  const tag = `floor ${floor}, shift ${SHIFT}`;
  console.log(`| ${tag}: full gNa (Hz) | ${fmt(f)} |`);
  console.log(
    `| ${tag}: full / published | ${fmt(
      f.map((x, k) => x / published[k]),
      2,
    )} |`,
  );
  console.log(`| ${tag}: SCN1A (Hz) | ${fmt(half)} |`);
  console.log(
    `| ${tag}: SCN1A / full | ${fmt(
      half.map((x, k) => x / f[k]),
      2,
    )} |`,
  );
  for (const id of DRUGS) {
    const d = rate(applyDrugs(full, usualDoseTargetEffects(id, 70), "inhibitory"));
    console.log(
      `| ${tag}: ${id} / none | ${fmt(
        d.map((x, k) => x / f[k]),
        2,
      )} |`,
    );
  }
}
