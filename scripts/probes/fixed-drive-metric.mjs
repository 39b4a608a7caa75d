#!/usr/bin/env node
// Probe for docs/experiments/fixed-drive-metric.md: a fixed-drive excitability factor as a
// replacement for the bridge's x = sqrt((I_rh0/I_rh)(g/g0)) (src/bridges/cell-to-network.ts).
//
//   x_fd = geometric mean over k of  max(FLOOR, f(I_k) / f0(I_k)),   I_k = I_rh0 + {1, 2, 3} µA/cm²
//
// I_rh0 and f0 are the BASELINE cell's (no variant, no drug; the calibration's baseline), and the
// same currents are used for the variant/drugged cell. f is the bridge's clamp rate (fICurve with
// CELL_BRIDGE_SETTINGS.clamp: 1 s, 200 ms settling, dt 0.01 ms, the kinetic block's accelerated
// 500 ms pre-run at each current, as in measureCell). A rate of 0 (or a ratio below FLOOR) is
// floored at FLOOR = SILENCED_FACTOR = 0.1, the bridge's own bound for a silenced cell, so a cell
// silent at all three currents gets exactly the bridge's silenced factor. Second variant, for
// comparison: x_sum = Σ f(I_k) / Σ f0(I_k) (mean-rate ratio; a zero at one current needs no
// floor), floored at FLOOR as a whole.
//
// Folding is the bridge's: EI = logExcitationInhibition(effects({intrinsicExcitability: x_E,
// interneuronExcitability: x_I, ampa, nmda, gabaA})), Δx0 = κ·EI for variants and
// Δx0 = κ·(EI(variants + drug) − EI(variants)) + interim part for drugs (drugs-to-network.ts).
// The current metric's Δx0 is recomputed with drugNetworkShift (same build) for the drugs and
// read from the stored calibration for the variants.
//
// Usage: npm run build && node scripts/probes/fixed-drive-metric.mjs [--no-current] [--offsets=1,2,3 | --rates=30,60,90]  (~2–4 min, one core)
import { CELL_BRIDGE_SETTINGS, kappa, measureCell } from "../../dist/src/bridges/cell-to-network.js";
import {
  DRUG_RHEOBASE_HIGH,
  INTERIM_ONLY_TARGETS,
  SILENCED_FACTOR,
  drugNetworkShift,
} from "../../dist/src/bridges/drugs-to-network.js";
import { CELL_TO_NETWORK_CALIBRATION } from "../../dist/src/bridges/generated/cell-to-network-calibration.js";
import { fICurve } from "../../dist/src/engines/cell/analysis.js";
import { golombPyramidal, wangBuzsakiInterneuron } from "../../dist/src/engines/cell/models.js";
import {
  effects as circuitEffects,
  logExcitationInhibition,
} from "../../dist/src/pathophysiology/effects.js";
import { VARIANTS, applyVariants, synapticScales } from "../../dist/src/pathophysiology/variants.js";
import { applyDrugs, synapticScalesWithDrugs } from "../../dist/src/pharmacology/cell-effects.js";
import { networkExcitabilityShift } from "../../dist/src/pharmacology/network-effects.js";
import { usualDoseTargetEffects } from "../../dist/src/pharmacology/pharmacodynamics.js";

const WEIGHT_KG = 70;
const FLOOR = SILENCED_FACTOR; // 0.1, the bridge's silenced bound
// µA/cm² above the BASELINE cell's rheobase; --offsets=a,b,c for the sensitivity runs of the doc
const OFFSETS = (process.argv.find((a) => a.startsWith("--offsets="))?.slice(10) ?? "1,2,3")
  .split(",")
  .map(Number);
const WITH_CURRENT = !process.argv.includes("--no-current");
const DRUG_IDS = [
  "carbamazepine",
  "oxcarbazepine",
  "phenytoin",
  "lamotrigine",
  "lacosamide",
  "valproate",
  "topiramate",
  "zonisamide",
  "retigabine",
  "clobazam",
];

const K = kappa();
const py0 = golombPyramidal();
const wb0 = wangBuzsakiInterneuron();
const base = {
  E: measureCell(py0),
  I: measureCell(wb0),
};
// --rates=a,b,c (variant "iso-rate"): instead of I_rh0 + offsets, the currents at which each
// BASELINE cell first reaches these rates (grid 0.05 µA/cm² up to 20), the same for every edit.
const RATES = process.argv
  .find((a) => a.startsWith("--rates="))
  ?.slice(8)
  .split(",")
  .map(Number);
function isoRateCurrents(model) {
  const grid = Array.from({ length: 400 }, (_, k) => 0.05 * (k + 1));
  const r = fICurve(model, grid, CELL_BRIDGE_SETTINGS.clamp).rate;
  return RATES.map((target) => grid[r.findIndex((x) => x >= target)]);
}
const currents = RATES
  ? { E: isoRateCurrents(py0), I: isoRateCurrents(wb0) }
  : {
      E: OFFSETS.map((d) => base.E.rheobase + d),
      I: OFFSETS.map((d) => base.I.rheobase + d),
    };
const rates = (model, cls) => Array.from(fICurve(model, currents[cls], CELL_BRIDGE_SETTINGS.clamp).rate);
const f0 = { E: rates(py0, "E"), I: rates(wb0, "I") };

function factors(model, cls) {
  const f = rates(model, cls);
  const ratios = f.map((r, k) => r / f0[cls][k]);
  const geo = Math.exp(ratios.reduce((s, q) => s + Math.log(Math.max(FLOOR, q)), 0) / ratios.length);
  const sum = Math.max(FLOOR, f.reduce((s, r) => s + r, 0) / f0[cls].reduce((s, r) => s + r, 0));
  // Hybrid (third variant, exploratory): ln x_h = ½ [ln x_fd − (I_rh − I_rh0)/I_REF], an ABSOLUTE
  // threshold shift instead of the ratio I_rh0/I_rh; a cell with no rheobase up to
  // DRUG_RHEOBASE_HIGH gets FLOOR.
  const rh = rheobaseOf(model);
  const hyb = (iref) =>
    rh === null ? FLOOR : Math.max(FLOOR, Math.exp(0.5 * (Math.log(geo) - (rh - base[cls].rheobase) / iref)));
  return { f, ratios, geo, sum, rh, h1: hyb(1), h05: hyb(0.5), zeros: f.filter((r) => r === 0).length };
}

function rheobaseOf(model) {
  for (const high of [CELL_BRIDGE_SETTINGS.rheobaseHigh, DRUG_RHEOBASE_HIGH]) {
    try {
      return measureCell(model, high).rheobase;
    } catch (e) {
      if (!/not firing/.test(String(e.message))) throw e;
    }
  }
  return null;
}

function ei(xE, xI, syn) {
  const gabaA = syn.gabaA ?? 1;
  return logExcitationInhibition(
    circuitEffects({
      intrinsicExcitability: xE,
      interneuronExcitability: xI,
      ampa: syn.ampa ?? 1,
      nmda: syn.nmda ?? 1,
      gabaAFast: gabaA,
      gabaASlow: gabaA,
    }),
  );
}

const sgn = (x) => (x >= 0 ? "+" : "") + x.toFixed(3);
const f1 = (a) => a.map((x) => x.toFixed(1)).join(", ");
const f2 = (a) => a.map((x) => x.toFixed(2)).join(", ");

console.log(
  `κ = ${K.toFixed(4)}; floor = ${FLOOR}; ${RATES ? `iso-rate currents for ${RATES.join(", ")} Hz` : `offsets ${OFFSETS.join(", ")} µA/cm²`}`,
);
console.log(
  `baseline pyramid: I_rh0 = ${base.E.rheobase.toFixed(3)}, currents ${f2(currents.E)} µA/cm², f0 = ${f1(f0.E)} Hz`,
);
console.log(
  `baseline interneuron: I_rh0 = ${base.I.rheobase.toFixed(3)}, currents ${f2(currents.I)} µA/cm², f0 = ${f1(f0.I)} Hz\n`,
);

// (a) variants
console.log("## (a) Variants\n");
console.log(
  "| variant | E rates (Hz) | I rates (Hz) | x_E fd | x_I fd | GABA-A | Δx0 current | Δx0 fd (geo) | change | Δx0 fd (sum) | change | Δx0 hybrid I_ref 1 | change | Δx0 hybrid I_ref 0.5 | change |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const v of VARIANTS) {
  const id = v.id;
  const e = factors(applyVariants(py0, "excitatory", [id]), "E");
  const i = factors(applyVariants(wb0, "inhibitory", [id]), "I");
  const syn = { gabaA: synapticScales("excitatory", [id]).gabaA ?? 1 };
  const cur = CELL_TO_NETWORK_CALIBRATION.variants[id]?.deltaX0 ?? NaN;
  const geo = K * ei(e.geo, i.geo, syn);
  const sum = K * ei(e.sum, i.sum, syn);
  const h1 = K * ei(e.h1, i.h1, syn);
  const h05 = K * ei(e.h05, i.h05, syn);
  const ch = (x) => (Math.abs(cur) > 1e-9 ? `${(((x - cur) / cur) * 100).toFixed(0)}%` : "—");
  console.log(
    `| ${id} | ${f1(e.f)} | ${f1(i.f)} | ${e.geo.toFixed(3)} | ${i.geo.toFixed(3)} | ${syn.gabaA.toFixed(2)} | ${cur.toFixed(3)} | ${geo.toFixed(3)} | ${ch(geo)} | ${sum.toFixed(3)} | ${ch(sum)} | ${h1.toFixed(3)} | ${ch(h1)} | ${h05.toFixed(3)} | ${ch(h05)} |`,
  );
  console.error(`variant done: ${id}`);
}

// (b) drugs
const patients = [
  { label: "no variant", variants: [] },
  { label: "SCN1A LoF", variants: ["SCN1A-LoF"] },
];
console.log("\n## (b) Drugs at the usual-dose midpoint\n");
console.log(
  "| drug | patient | E rates (Hz) | I rates (Hz) | E ratio fd | I ratio fd | interim | Δx0 current | E, I factor current | Δx0 fd (geo) | Δx0 fd (sum) | Δx0 hybrid I_ref 1 | Δx0 hybrid I_ref 0.5 |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const id of DRUG_IDS) {
  const eff = usualDoseTargetEffects(id, WEIGHT_KG);
  const onCells = eff.filter((x) => INTERIM_ONLY_TARGETS[x.target] === undefined);
  const interim = networkExcitabilityShift(
    eff.filter((x) => INTERIM_ONLY_TARGETS[x.target] !== undefined),
  ).x0Shift;
  for (const p of patients) {
    const e0 = factors(applyDrugs(py0, [], "excitatory", p.variants), "E");
    const i0 = factors(applyDrugs(wb0, [], "inhibitory", p.variants), "I");
    const s0 = synapticScalesWithDrugs(py0, [], "excitatory", p.variants);
    const e = factors(applyDrugs(py0, onCells, "excitatory", p.variants), "E");
    const i = factors(applyDrugs(wb0, onCells, "inhibitory", p.variants), "I");
    const s = synapticScalesWithDrugs(py0, onCells, "excitatory", p.variants);
    const geo = K * (ei(e.geo, i.geo, s) - ei(e0.geo, i0.geo, s0)) + interim;
    const sum = K * (ei(e.sum, i.sum, s) - ei(e0.sum, i0.sum, s0)) + interim;
    const h1 = K * (ei(e.h1, i.h1, s) - ei(e0.h1, i0.h1, s0)) + interim;
    const h05 = K * (ei(e.h05, i.h05, s) - ei(e0.h05, i0.h05, s0)) + interim;
    let cur = "—";
    let curF = "—";
    if (WITH_CURRENT) {
      const c = drugNetworkShift(eff, { variants: p.variants, perDrug: false });
      cur =
        sgn(c.x0Shift) + (c.metrics.silenced.length ? ` (silenced: ${c.metrics.silenced.join(", ")})` : "");
      curF = `${c.metrics.excitatoryFactor.toFixed(2)}, ${c.metrics.inhibitoryFactor.toFixed(2)}`;
    }
    console.log(
      `| ${id} | ${p.label} | ${f1(e.f)} | ${f1(i.f)} | ${(e.geo / e0.geo).toFixed(3)} | ${(i.geo / i0.geo).toFixed(3)} | ${sgn(interim)} | ${cur} | ${curF} | ${sgn(geo)} | ${sgn(sum)} | ${sgn(h1)} | ${sgn(h05)} |`,
    );
  }
  console.error(`drug done: ${id}`);
}
