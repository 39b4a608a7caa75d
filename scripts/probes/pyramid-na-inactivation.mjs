#!/usr/bin/env node
// Probe for docs/experiments/pyramid-na-inactivation.md: the Golomb 2006 pyramid with its transient
// Na inactivation midpoint θh moved from the published −45 mV towards measured principal-cell values
// (golombPyramidal({ thetaH }), exploration option), gNa refitted (the only compensation): by
// default to the default cell's f–I (FIT=fi), or to its rheobase (FIT=rheobase; see fitGNa). Modes:
//   cells   — per θh: fitted gNa, V_rest, h∞(V_rest), rheobase, f–I, INaP/M-current checks of
//             test/engines/cell/analysis.test.ts; rheobase/gain/factor with carbamazepine,
//             phenytoin, lamotrigine at usual doses (70 kg) for the pyramid and for WB (no variant
//             and SCN1A); the bridge's Δx0 = κ·(logEI(variants + drug) − logEI(variants)) for a
//             patient without variants and with SCN1A; the variants' own shifts κ·logEI.
//   circuit — default microcircuit (160/40, 1 s, 200 ms transient) with that pyramid as
//             circuit.excitatoryModel: χE/events/E Hz/I Hz per seed.
// Usage: npm run build && node scripts/probes/pyramid-na-inactivation.mjs cells [θ list]
//        node scripts/probes/pyramid-na-inactivation.mjs circuit [θ list] [conditions] [seeds]
//   θ list e.g. -45,-55,-60,-75 (default). FS=1 (circuit): Golomb FS interneuron, fs-golomb.md circuit B. cells ~1–3 min per θ, circuit ~2 s per run (one core).
import { excitabilityFactor, kappa, measureCell } from "../../dist/src/bridges/cell-to-network.js";
import {
  DRUG_RHEOBASE_HIGH,
  DRUG_RHEOBASE_SCAN_STEP,
  SILENCED_FACTOR,
} from "../../dist/src/bridges/drugs-to-network.js";
import { CELL_TO_NETWORK_CALIBRATION } from "../../dist/src/bridges/generated/cell-to-network-calibration.js";
import { currentClamp, fICurve } from "../../dist/src/engines/cell/analysis.js";
import { fitGNaToFI } from "./pyramid-gna-fit.mjs";
import {
  golombFastSpiking,
  golombPyramidal,
  wangBuzsakiInterneuron,
} from "../../dist/src/engines/cell/models.js";
import { parseScenario } from "../../dist/src/io/scenario.js";
import {
  effects as circuitEffects,
  logExcitationInhibition,
} from "../../dist/src/pathophysiology/effects.js";
import { applyVariants, synapticScales } from "../../dist/src/pathophysiology/variants.js";
import { applyDrugs } from "../../dist/src/pharmacology/cell-effects.js";
import { usualDoseTargetEffects } from "../../dist/src/pharmacology/pharmacodynamics.js";
import {
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../dist/src/pipeline/run-microcircuit.js";

const mode = process.argv[2] ?? "cells";
const THETAS = (process.argv[3] ?? "-45,-55,-60,-75").split(",").map(Number);
const DRUGS = ["carbamazepine", "phenytoin", "lamotrigine"];
const VARIANTS = ["SCN1A-LoF", "SCN2A-GoF", "SCN8A-GoF", "KCNQ2-BFNS", "KCNQ2-DEE"];
const FI = [1, 2, 4, 6, 10, 20];
const CLAMP = { dt: 0.01, duration: 1000, settle: 200 };

const hInf = (th, v) => 1 / (1 + Math.exp((v - th) / 7));
function rest(model) {
  const tr = currentClamp(model, 0, CLAMP);
  return tr.spikeTimes.length > 0 ? NaN : tr.v[tr.v.length - 1];
}
// Bridge measurement (drugs-to-network.ts measureCached): calibration interval, then the wide one
// scanned on its grid before the refinement; null = silenced (no train at any grid point up to
// 60 µA/cm², or f–I slope not positive).
function measure(model) {
  for (const high of [6, DRUG_RHEOBASE_HIGH]) {
    try {
      const m = measureCell(model, high, high === 6 ? undefined : DRUG_RHEOBASE_SCAN_STEP);
      return m.gain > 0 ? m : null;
    } catch (e) {
      if (!/not firing/.test(String(e.message))) throw e;
    }
  }
  return null;
}
// Bridge factor with its silenced floor (cellSide in drugs-to-network.ts).
function factor(m, base) {
  if (base === null) return { f: NaN, silenced: false };
  // A cell that fires at zero current (rheobase ≤ 0) has no bridge factor.
  if (m !== null && !(m.rheobase > 0)) return { f: NaN, silenced: false };
  if (m === null) return { f: SILENCED_FACTOR, silenced: true };
  const f = excitabilityFactor(m, base);
  return f < SILENCED_FACTOR ? { f: SILENCED_FACTOR, silenced: true } : { f, silenced: false };
}

const REF = measureCell(golombPyramidal()); // default cell (θh −45, gNa 35)
// gNa (mS/cm²) refitted at this θh; −45 returns 35. Two criteria (environment FIT):
//  - "rheobase": the default cell's rheobase (bisection on log gNa). Degenerate from −55 mV: the
//    bisection lands in a band of gNa where the cell fires near rheobase but blocks above it.
//  - "fi" (default): the smallest gNa on a ×1.05 grid whose f–I curve at FI_FIT is increasing
//    (a healthy train) and reaches the default cell's rate at 4 µA/cm²; then bisection against
//    the previous grid point if that one was healthy too.
const FIT = process.env.FIT ?? "fi";
function fitGNa(thetaH) {
  if (thetaH === -45) return 35;
  if (FIT === "rheobase") {
    let lo = Math.log(35);
    let hi = Math.log(1000); // the parameter table's upper bound
    for (let k = 0; k < 18; k++) {
      const mid = 0.5 * (lo + hi);
      const m = measure(golombPyramidal({ thetaH, gNa: Math.exp(mid) }));
      if (m === null || m.rheobase > REF.rheobase) lo = mid;
      else hi = mid;
    }
    return Math.round(Math.exp(0.5 * (lo + hi)) * 100) / 100;
  }
  return fitGNaToFI(thetaH);
}

function pulseSpikes(thetaH, gNa, gNaP, gM) {
  const pulse = (t) => (t >= 300 && t < 303 ? 10 : 0);
  return currentClamp(golombPyramidal({ thetaH, gNa, gNaP, gM, thetaP: -47 }), pulse, {
    dt: 0.005,
    duration: 450,
    settle: 0,
  }).spikeTimes.length;
}
function tonic(thetaH, gNa, gM) {
  const tr = currentClamp(golombPyramidal({ thetaH, gNa, gM }), 4, { dt: 0.01, duration: 600, settle: 0 });
  const isi = tr.spikeTimes.slice(1).map((t, i) => t - tr.spikeTimes[i]);
  return { n: tr.spikeTimes.length, first: isi[0], last: isi[isi.length - 1] };
}

// Circuit effects, or null when a factor is undefined (the drug-free cell itself has no train).
const effects = (e) =>
  Object.values(e).every((x) => Number.isFinite(x) && x > 0) ? circuitEffects(e) : null;
const logEI = (e) => (e === null ? NaN : logExcitationInhibition(e));
// Interspike troughs (first, last; mV) in a 500 ms step at `current`.
function troughs(model, current) {
  const dt = 0.01;
  const tr = currentClamp(model, current, { dt, duration: 500, settle: 0 });
  const out = [];
  for (let k = 1; k < tr.spikeTimes.length; k++) {
    let m = Infinity;
    for (let i = Math.round(tr.spikeTimes[k - 1] / dt); i < Math.round(tr.spikeTimes[k] / dt); i++)
      m = Math.min(m, tr.v[i]);
    out.push(m);
  }
  return out.length ? `${out[0].toFixed(1)} … ${out[out.length - 1].toFixed(1)}` : "no ISI";
}
const f3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : "—");
const sgn = (x) => (Number.isFinite(x) ? `${x >= 0 ? "+" : ""}${x.toFixed(3)}` : "—");

if (mode === "cells") {
  const K = kappa();
  const drugEffects = Object.fromEntries(DRUGS.map((d) => [d, usualDoseTargetEffects(d, 70)]));
  const wb = wangBuzsakiInterneuron();
  const wbBase = measure(wb);
  // Interneuron side per patient (none, SCN1A): metrics without and with each drug.
  const iSide = {};
  for (const patient of [[], ["SCN1A"]]) {
    const key = patient.join("+") || "none";
    const v = measure(applyVariants(wb, "inhibitory", patient));
    iSide[key] = { base: v, drugs: {} };
    for (const d of DRUGS)
      iSide[key].drugs[d] = measure(applyDrugs(wb, drugEffects[d], "inhibitory", patient));
  }
  console.log(
    `κ = ${K.toFixed(4)}; reference (default Golomb): rheobase ${REF.rheobase.toFixed(4)}, gain ${REF.gain.toFixed(2)}`,
  );
  console.log(
    `WB: rheobase ${wbBase.rheobase.toFixed(4)}, gain ${wbBase.gain.toFixed(2)}; f–I (${FI.join(", ")} µA/cm²): ${Array.from(
      fICurve(wb, FI, CLAMP).rate,
    )
      .map((x) => x.toFixed(0))
      .join(", ")}`,
  );
  for (const key of Object.keys(iSide)) {
    const s = iSide[key];
    console.log(
      `WB [${key}]: base ${f3(s.base?.rheobase)}/${f3(s.base?.gain)}; ` +
        DRUGS.map((d) => {
          const m = s.drugs[d];
          return `${d} ${f3(m?.rheobase)}/${f3(m?.gain)} factor ${f3(factor(m, wbBase).f)}`;
        }).join("; "),
    );
  }
  for (const th of THETAS) {
    const gNa = fitGNa(th);
    const py = golombPyramidal({ thetaH: th, gNa });
    const vr = rest(py);
    const base = measure(py);
    const fi = Array.from(fICurve(py, FI, CLAMP).rate);
    const fiDefault = Array.from(fICurve(golombPyramidal(), FI, CLAMP).rate);
    console.log(`\n## θh = ${th} mV, gNa = ${gNa} mS/cm² (×${(gNa / 35).toFixed(2)})`);
    console.log(
      `V_rest ${vr.toFixed(2)} mV, h∞(V_rest) ${hInf(th, vr).toFixed(3)}, h∞(−55) ${hInf(th, -55).toFixed(3)}, gNa·h∞(V_rest) ${(gNa * hInf(th, vr)).toFixed(1)}`,
    );
    console.log(
      `rheobase ${f3(base?.rheobase)} (default ${REF.rheobase.toFixed(3)}), gain ${f3(base?.gain)} (default ${REF.gain.toFixed(2)})`,
    );
    console.log(
      `f–I at ${FI.join(", ")}: ${fi.map((x) => x.toFixed(0)).join(", ")} Hz (default ${fiDefault.map((x) => x.toFixed(0)).join(", ")})`,
    );
    console.log(
      `pulse test (gNaP, gM): (0,1) ${pulseSpikes(th, gNa, 0, 1)}, (0.1,1) ${pulseSpikes(th, gNa, 0.1, 1)}, (0.41,1) ${pulseSpikes(th, gNa, 0.41, 1)}, (0.41,3) ${pulseSpikes(th, gNa, 0.41, 3)} spikes`,
    );
    console.log(`interspike troughs (mV): 2 µA/cm² ${troughs(py, 2)}; 6 µA/cm² ${troughs(py, 6)}`);
    const t1 = tonic(th, gNa, 1);
    const t0 = tonic(th, gNa, 0);
    console.log(
      `tonic 4 µA/cm² 600 ms: gM 1 → ${t1.n} spikes, ISI ${f3(t1.first)}→${f3(t1.last)} ms; gM 0 → ${t0.n} spikes, ISI ${f3(t0.first)}→${f3(t0.last)} ms`,
    );
    for (const d of DRUGS) {
      const m = measure(applyDrugs(py, drugEffects[d], "excitatory"));
      const r = Array.from(
        fICurve(applyDrugs(py, drugEffects[d], "excitatory"), [REF.rheobase + 1, REF.rheobase + 2], CLAMP)
          .rate,
      );
      const r0 = Array.from(fICurve(py, [REF.rheobase + 1, REF.rheobase + 2], CLAMP).rate);
      console.log(
        `  ${d}: rheobase ${f3(m?.rheobase)} (Δ ${m && base ? sgn(m.rheobase - base.rheobase) : "—"}), gain ${f3(m?.gain)}, factor ${f3(factor(m, base).f)}${factor(m, base).silenced ? " (silenced)" : ""}, rate ratio at I_rh+1, +2: ${r.map((x, k) => f3(x / r0[k])).join(", ")}`,
      );
    }
    // Bridge Δx0 per patient: κ·(logEI(variants + drug) − logEI(variants)); factors relative to
    // the drug-free cells without variants (cellSide).
    // logEI of a (pyramid, interneuron) measurement pair with the patient's GABA-A factor.
    const eiOf = (pm, im, gabaA) =>
      logEI(
        effects({
          intrinsicExcitability: factor(pm, base).f,
          interneuronExcitability: factor(im, wbBase).f,
          gabaAFast: gabaA,
          gabaASlow: gabaA,
        }),
      );
    for (const patient of [[], ["SCN1A"]]) {
      const key = patient.join("+") || "none";
      const gabaA = synapticScales("excitatory", patient).gabaA ?? 1;
      const ei = (pm, im) => eiOf(pm, im, gabaA);
      const pv = measure(applyVariants(py, "excitatory", patient));
      const without = ei(pv, iSide[key].base);
      const cells = DRUGS.map((d) => {
        const pd = measure(applyDrugs(py, drugEffects[d], "excitatory", patient));
        return `${d} ${sgn(K * (ei(pd, iSide[key].drugs[d]) - without))}`;
      });
      console.log(`  Δx0 [${key}]: ${cells.join(", ")}`);
    }
    // Variants' own shifts κ·logEI against the shipped calibration (default pyramid).
    const own = VARIANTS.map((id) => {
      const gabaA = synapticScales("excitatory", [id]).gabaA ?? 1;
      const pm = measure(applyVariants(py, "excitatory", [id]));
      const im = measure(applyVariants(wb, "inhibitory", [id]));
      const x = K * eiOf(pm, im, gabaA);
      const shipped = CELL_TO_NETWORK_CALIBRATION.variants[id]?.deltaX0;
      return `${id} ${sgn(x)} (shipped ${shipped === undefined ? "—" : sgn(shipped)}, E factor ${f3(factor(pm, base).f)})`;
    });
    console.log(`  variants' own Δx0: ${own.join("; ")}`);
  }
} else if (mode === "circuit") {
  const regimen = (e) => `medication: { regimen: [${e}] }\n`;
  const CONDITIONS = {
    base: "",
    ltg: regimen("{ drug: lamotrigine, doseMg: 200, everyHours: 12 }"),
    pht: regimen("{ drug: phenytoin, doseMg: 300, everyHours: 24 }"),
    cbz: regimen("{ drug: carbamazepine, doseMg: 400, everyHours: 12 }"),
    scn1a: "variants: [SCN1A]\n",
    hyper3: "gabaAScale: 0.3\n",
    scn8a: "variants: [SCN8A]\n",
    inap4: "inapScale: 4\n",
  };
  const names =
    !process.argv[4] || process.argv[4] === "all" ? Object.keys(CONDITIONS) : process.argv[4].split(",");
  const seeds = (process.argv[5] ?? "1,2").split(",").map(Number);
  // FS=1: the Golomb 2007 FS interneuron with fs-golomb.md's circuit B (driveWeightI 0.012,
  // ampaEI 0.1) instead of WB with the default circuit.
  const FS_CIRCUIT =
    process.env.FS === "1"
      ? { inhibitoryModel: golombFastSpiking(), parameters: { driveWeightI: 0.012, ampaEI: 0.1 } }
      : {};
  for (const th of THETAS) {
    const gNa = fitGNa(th);
    const excitatoryModel = golombPyramidal({ thetaH: th, gNa });
    console.log(`## θh ${th} mV, gNa ${gNa}: χE/events/E Hz/I Hz per seed (${seeds.join(", ")})`);
    for (const name of names) {
      const row = seeds.map((seed) => {
        const s = parseScenario(
          `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: 1000, transient: 200 }\n${CONDITIONS[name]}`,
          "probe.yaml",
        );
        const r = summariseMicrocircuitRun(
          runMicrocircuitScenario(s, { circuit: { excitatoryModel, ...FS_CIRCUIT } }),
        );
        return `${r.synchrony.excitatory.toFixed(2)}/${r.events.length}/${r.rates.excitatory.toFixed(2)}/${r.rates.inhibitory.toFixed(0)}`;
      });
      console.log(name.padEnd(8), row.join("  "));
    }
  }
} else throw new Error("mode must be cells or circuit");
