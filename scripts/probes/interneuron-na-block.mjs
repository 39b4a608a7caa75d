#!/usr/bin/env node
// Probe for docs/experiments/interneuron-na-block.md: how much a state-dependent Na blocker at its
// usual dose (carbamazepine, phenytoin, lamotrigine; same PK → PD → cell-edit pipeline as
// scripts/drug-network-table.mjs) lowers the excitability of the Wang–Buzsáki interneuron and of
// the Golomb pyramid, for the default cells and for variants of them:
//   - WB h∞ shifted to the basket-cell inactivation midpoint of Martina & Jonas 1997 (−58.3 mV,
//     as quoted in ModelDB mod files; see the doc) — a cited correction;
//   - WB resting potential moved to cited FS-interneuron values by its leak reversal E_L;
//   - counterfactuals (not cited) that show what it would take to turn the sign.
// Per condition: V_rest (0 current), h∞(V_rest), rheobase and f–I gain (measureCell, the bridge's
// own measurement) without and with each drug, excitability factor sqrt((I0/I)(g/g0)), and the
// bridge's Δx0 = κ·ΔlogEI for the pair (pyramid condition, interneuron condition).
// Usage: npm run build && node scripts/probes/interneuron-na-block.mjs   (~3–6 min, one core)
import { excitabilityFactor, kappa, measureCell } from "../../dist/src/bridges/cell-to-network.js";
import { DRUG_RHEOBASE_HIGH } from "../../dist/src/bridges/drugs-to-network.js";
import { currentClamp, fICurve } from "../../dist/src/engines/cell/analysis.js";
import { gateSteadyState } from "../../dist/src/engines/cell/channels.js";
import { golombPyramidal, wangBuzsakiInterneuron } from "../../dist/src/engines/cell/models.js";
import {
  effects as circuitEffects,
  logExcitationInhibition,
} from "../../dist/src/pathophysiology/effects.js";
import { applyEdits } from "../../dist/src/pathophysiology/variants.js";
import { applyDrugs, equilibriumNaBlock } from "../../dist/src/pharmacology/cell-effects.js";
import { usualDoseTargetEffects } from "../../dist/src/pharmacology/pharmacodynamics.js";

const WEIGHT_KG = 70;
const DRUG_IDS = (process.argv[2] ?? "carbamazepine,phenytoin,lamotrigine").split(",");

const shiftH = (model, mV, why) =>
  mV === 0
    ? model
    : applyEdits(model, [
        {
          origin: "probe",
          edit: {
            kind: "shiftGate",
            target: "na",
            gate: "h",
            value: mV,
            unit: "mV",
            source: why,
            evidence: { status: "UNVERIFIED", note: "probe" },
          },
        },
      ]);

function hGate(model) {
  return model.channels.find((c) => c.name === "na").gates.find((g) => g.name === "h");
}
function hMidpoint(model) {
  const g = hGate(model);
  let lo = -150;
  let hi = 60;
  for (let i = 0; i < 80; i++) {
    const mid = 0.5 * (lo + hi);
    if (gateSteadyState(g, mid) > 0.5) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
function rest(model) {
  const tr = currentClamp(model, 0, { dt: 0.01, duration: 1000, settle: 200 });
  if (tr.spikeTimes.length > 0) return NaN;
  return tr.v[tr.v.length - 1];
}
// As the bridge (drugs-to-network.ts measureCached): the calibration's rheobase interval, then
// the wide one; null = "silenced" for the bridge. If that fails, `lowBound` retries with smaller
// upper bounds: a cell whose drugged block builds up at the upper-bound current (depolarisation
// block) fails the bisection although it fires at lower currents.
function tryMeasure(model, high) {
  try {
    return measureCell(model, high);
  } catch (e) {
    if (!/not firing/.test(String(e.message))) throw e;
    return null;
  }
}
function measure(model) {
  return tryMeasure(model, 6) ?? tryMeasure(model, DRUG_RHEOBASE_HIGH);
}
function measureLowBound(model) {
  for (const high of [3, 2, 1.5, 1]) {
    const m = tryMeasure(model, high);
    if (m) return { ...m, high };
  }
  return null;
}
// Firing rate (Hz) at fixed currents, for a metric that does not divide by the rheobase.
function rates(model, currents) {
  return Array.from(fICurve(model, currents, { dt: 0.01, duration: 1000, settle: 200 }).rate);
}

// E_L of WB that puts V_rest at a target value (bisection; V_rest rises with E_L).
function wbWithRest(target) {
  let lo = -100;
  let hi = -45;
  for (let i = 0; i < 14; i++) {
    const mid = 0.5 * (lo + hi);
    const v = rest(wangBuzsakiInterneuron({ EL: mid }));
    if (Number.isNaN(v) || v > target) hi = mid;
    else lo = mid;
  }
  return wangBuzsakiInterneuron({ EL: 0.5 * (lo + hi) });
}

const drugs = DRUG_IDS.map((id) => ({ id, effects: usualDoseTargetEffects(id, WEIGHT_KG) }));
const K = kappa();

const wb0 = wangBuzsakiInterneuron();
const py0 = golombPyramidal();
const MJ_BC_MID = -58.3; // mV, Martina & Jonas 1997 basket cells (via ModelDB comments; doc)
const conditions = [
  { cls: "I", label: "WB default", model: wb0 },
  {
    cls: "I",
    label: "WB, h mid → −58.3 mV (Martina & Jonas 1997 BC)",
    model: shiftH(wb0, MJ_BC_MID - hMidpoint(wb0), "Martina & Jonas 1997"),
  },
  { cls: "I", label: "WB, V_rest → −58 mV (Pike et al. 2000 CA1 FS)", model: wbWithRest(-58) },
  { cls: "I", label: "WB, V_rest → −62 mV (Lübke et al. 1998 DG BC)", model: wbWithRest(-62) },
  {
    cls: "I",
    label: "WB, V_rest → −75 mV (Mercer et al. 2012 CA2 PV BC, via Hippocampome)",
    model: wbWithRest(-75),
  },
  {
    cls: "I",
    label: "WB, h mid +10 mV (counterfactual, not cited)",
    model: shiftH(wb0, 10, "counterfactual"),
  },
  { cls: "E", label: "Golomb default", model: py0 },
  { cls: "E", label: "Golomb, h mid −50 mV (counterfactual)", model: shiftH(py0, -5, "counterfactual") },
  { cls: "E", label: "Golomb, h mid −53 mV (counterfactual)", model: shiftH(py0, -8, "counterfactual") },
  {
    cls: "E",
    label: "Golomb, h mid −58.3 mV (counterfactual: BC value on the pyramid)",
    model: shiftH(py0, MJ_BC_MID - hMidpoint(py0), "counterfactual"),
  },
];

const rows = [];
for (const c of conditions) {
  const vr = rest(c.model);
  const hRest = gateSteadyState(hGate(c.model), vr);
  const base = measure(c.model) ?? measureLowBound(c.model);
  const fixed = base ? [base.rheobase + 1, base.rheobase + 2] : [];
  const rate0 = base ? rates(c.model, fixed) : [];
  const row = { ...c, vr, hRest, hMid: hMidpoint(c.model), base, rate0, perDrug: {} };
  for (const d of drugs) {
    const edited = applyDrugs(c.model, d.effects, c.cls === "E" ? "excitatory" : "inhibitory");
    const bridge = measure(edited);
    const m = bridge ?? measureLowBound(edited);
    const rate = base ? rates(edited, fixed) : [];
    const eq = equilibriumNaBlock(d.effects, c.model);
    row.perDrug[d.id] = {
      m,
      bridgeSilenced: bridge === null,
      rateRatio: rate.map((r, k) => r / rate0[k]),
      factor: m && base && m.gain > 0 && base.gain > 0 ? excitabilityFactor(m, base) : NaN,
      eq,
      // equilibrium available fraction at rest: h∞(V − ΔV)/(1 + R_R) relative to h∞(V)
      restAvail: (gateSteadyState(hGate(c.model), vr - eq.shift) * eq.scale) / hRest,
    };
  }
  rows.push(row);
  console.error(`done: ${c.label}`);
}

const f3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : "—");
console.log(`κ = ${K.toFixed(4)}; drugs at usual doses: ${DRUG_IDS.join(", ")}\n`);
console.log(
  "| cell | V_rest (mV) | h mid (mV) | h∞(V_rest) | rheobase (µA/cm²) | gain (Hz per µA/cm²) | " +
    drugs.map((d) => `${d.id}: rheobase, gain, factor, avail. at rest`).join(" | ") +
    " |",
);
console.log("|---|---|---|---|---|---|" + drugs.map(() => "---|").join(""));
for (const r of rows) {
  const cells = drugs.map((d) => {
    const p = r.perDrug[d.id];
    const tag = p.bridgeSilenced
      ? p.m
        ? ` (bridge: silenced; fires below ${p.m.high})`
        : " (silenced)"
      : "";
    return p.m
      ? `${p.m.rheobase.toFixed(3)}, ${p.m.gain.toFixed(2)}, **${f3(p.factor)}**${tag}, ${f3(p.restAvail)}`
      : `—${tag}, ${f3(p.restAvail)}`;
  });
  console.log(
    `| ${r.label} | ${r.vr.toFixed(2)} | ${r.hMid.toFixed(2)} | ${r.hRest.toFixed(3)} | ${r.base ? r.base.rheobase.toFixed(3) : "—"} | ${r.base ? r.base.gain.toFixed(2) : "—"} | ${cells.join(" | ")} |`,
  );
}

console.log(
  "\nRate with the drug / rate without, at I_rh0 + 1 and I_rh0 + 2 µA/cm² (rates without in brackets):\n",
);
console.log(
  "| cell | ΔI_rh " +
    drugs.map((d) => `${d.id}`).join(" | ") +
    " | " +
    drugs.map((d) => `${d.id} rate ratio`).join(" | ") +
    " |",
);
console.log("|---|" + drugs.map(() => "---|").join("") + drugs.map(() => "---|").join(""));
for (const r of rows) {
  const d1 = drugs.map((d) => {
    const p = r.perDrug[d.id];
    return p.m && r.base ? `+${(p.m.rheobase - r.base.rheobase).toFixed(3)}` : "—";
  });
  const d2 = drugs.map((d) => r.perDrug[d.id].rateRatio.map(f3).join(", "));
  console.log(
    `| ${r.label} (${r.rate0.map((x) => x.toFixed(1)).join(", ")} Hz) | ${d1.join(" | ")} | ${d2.join(" | ")} |`,
  );
}

const FI_CURRENTS = [0.2, 0.5, 1, 2, 5, 10, 20];
console.log(
  `\nCost to the drug-free WB f–I curve (Hz at ${FI_CURRENTS.join(", ")} µA/cm²; 1 s, 200 ms settling):\n`,
);
console.log("| cell | E_L (mV) | " + FI_CURRENTS.map((i) => `f(${i})`).join(" | ") + " |");
console.log("|---|---|" + FI_CURRENTS.map(() => "---|").join(""));
for (const r of rows.filter((x) => x.cls === "I")) {
  const fi = rates(r.model, FI_CURRENTS);
  const el = r.model.channels.find((c) => c.name === "leak").reversal;
  console.log(`| ${r.label} | ${el.toFixed(2)} | ${fi.map((x) => x.toFixed(1)).join(" | ")} |`);
}

console.log("\nBridge Δx0 = κ·ΔlogEI from the intrinsic factors only (Na blockers have no synaptic edit):\n");
console.log("| pyramid | interneuron | " + drugs.map((d) => d.id).join(" | ") + " |");
console.log("|---|---|" + drugs.map(() => "---|").join(""));
for (const e of rows.filter((r) => r.cls === "E")) {
  for (const i of rows.filter((r) => r.cls === "I")) {
    const cells = drugs.map((d) => {
      const fe = e.perDrug[d.id].factor;
      const fi = i.perDrug[d.id].factor;
      if (!Number.isFinite(fe) || !Number.isFinite(fi)) return "—";
      const ei = logExcitationInhibition(
        circuitEffects({ intrinsicExcitability: fe, interneuronExcitability: fi }),
      );
      return `${ei * K >= 0 ? "+" : ""}${(ei * K).toFixed(3)}`;
    });
    if (cells.some((x) => x !== "—")) console.log(`| ${e.label} | ${i.label} | ${cells.join(" | ")} |`);
  }
}

console.log(
  "\nAlternative metric (not the bridge's): factor = geometric mean of the two rate ratios at I_rh0 + 1, + 2, folded into κ·ΔlogEI the same way:\n",
);
console.log("| pyramid | interneuron | " + drugs.map((d) => d.id).join(" | ") + " |");
console.log("|---|---|" + drugs.map(() => "---|").join(""));
const rateFactor = (p) =>
  p.rateRatio.length === 2 && p.rateRatio.every((x) => x > 0)
    ? Math.sqrt(p.rateRatio[0] * p.rateRatio[1])
    : NaN;
for (const e of rows.filter((r) => r.cls === "E")) {
  for (const i of rows.filter((r) => r.cls === "I")) {
    const cells = drugs.map((d) => {
      const fe = rateFactor(e.perDrug[d.id]);
      const fi = rateFactor(i.perDrug[d.id]);
      if (!Number.isFinite(fe) || !Number.isFinite(fi)) return "—";
      const ei = logExcitationInhibition(
        circuitEffects({ intrinsicExcitability: fe, interneuronExcitability: fi }),
      );
      return `${ei * K >= 0 ? "+" : ""}${(ei * K).toFixed(3)} (E ${fe.toFixed(3)}, I ${fi.toFixed(3)})`;
    });
    if (cells.some((x) => x !== "—")) console.log(`| ${e.label} | ${i.label} | ${cells.join(" | ")} |`);
  }
}
