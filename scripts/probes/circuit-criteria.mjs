#!/usr/bin/env node
// Probe for docs/experiments/m18-combos.md: one candidate microcircuit against the full list of
// acceptance criteria (problem M18X), with early exit.
//
// A candidate is JSON:
//   { "circuit": { ...overrides on top of B1 (screen-conditions.mjs) },
//     "inhibitory": "wb" | "fs",      // Wang–Buzsáki 1996 (default) or Golomb et al. 2007 FS
//     "fs": { ...golombFastSpiking overrides },
//     "thetaH": -50, "gNa": 44.4 }    // optional: golombPyramidal({ thetaH, gNa }) as the pyramid
//
// Criteria (all, in every seed; 1 s runs, 200 ms transient, runMicrocircuitScenario):
//   C1 baseline: χE < 0.45, 0 events, E rate < 2 Hz.
//   C2 bursting (χE > 0.6 and ≥ 1 event) under GABA-A × 0.3, SCN1A, INaP × 4, SCN8A.
//   C3 clobazam 10 mg q12h lowers χE and does not raise events of × 0.3 and of SCN8A.
//   C4 Dravet (SCN1A, 20 kg): carbamazepine 150 mg q12h raises the E rate (tonic runaway, > 3× the
//      untreated rate, is one way of raising it); fenfluramine 7 mg q12h lowers the E rate or χE.
//   C5 every usual-dose drug (70 kg) keeps C1.
// Order: baseline, lamotrigine, phenytoin, SCN8A, SCN1A, × 0.3, then the rest. Seed 1 first, the
// candidate stops at its first failure; seeds 2.. run only for seed-1 survivors (each with early
// exit unless --all). Scenario texts are those of mc-drug-robustness.mjs CONDITIONS.
//
// Usage: npm run build && node scripts/probes/circuit-criteria.mjs '<candidate JSON>' [seeds]
//          [--all] [--conds a,b,c] [--trace]
//   --all: no early exit (every condition in every seed, for a full per-criterion picture)
//   --conds: run only these conditions (criteria then judged only where all inputs are present)
//   --trace: also print the E and I population rates in 25 ms bins from t = 0
// One line per condition × seed: χE/events/E Hz/I Hz (and χI), then a verdict per criterion.
// A run of 1000 cells × 1 s takes ~6–15 s on one core.
import { parseScenario } from "../../dist/src/io/scenario.js";
import {
  golombFastSpiking,
  golombPyramidal,
  wangBuzsakiInterneuron,
} from "../../dist/src/engines/cell/models.js";
import {
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../dist/src/pipeline/run-microcircuit.js";
import { B1, DRUG_PANEL } from "./screen-conditions.mjs";

const regimen = (entries, extra = "") => `medication: { ${extra}regimen: [${entries}] }\n`;
const CLB = "{ drug: clobazam, doseMg: 10, everyHours: 12 }";
// The panel in the order of the early exit (texts: screen-conditions.mjs DRUG_PANEL).
const ORDER = [
  "base",
  "ltg",
  "pht",
  "scn8a",
  "scn1a",
  "hyper3",
  "cbz",
  "lcm",
  "vpa",
  "lev",
  "tpm",
  "per",
  "clb",
  "inap4",
  "hyper3Clb",
  "scn8aClb",
  "dCbz",
  "dFfa",
];
export const CONDITIONS = Object.fromEntries(ORDER.map((name) => [name, DRUG_PANEL[name]]));
// Not part of the panel (run with --conds): clobazam on a milder GABA-A reduction (× 0.5), judged
// like C3 and reported as "C3x", and INaP × 6 judged like C2 and reported as "C2x" (information
// only, not in the verdict); INaP × 2, 3, 5 for the circuit's dose–response (same info check).
const EXTRA = {
  inap2: "inapScale: 2\n",
  inap3: "inapScale: 3\n",
  inap5: "inapScale: 5\n",
  inap6: "inapScale: 6\n",
  hyper5: "gabaAScale: 0.5\n",
  hyper5Clb: "gabaAScale: 0.5\n" + regimen(CLB),
};
const ALL_CONDITIONS = { ...CONDITIONS, ...EXTRA };
const USUAL = ["ltg", "pht", "cbz", "lcm", "vpa", "lev", "tpm", "per", "clb"];

const calm = (r) => r.chi < 0.45 && r.ev === 0 && r.rE < 2;
const bursts = (r) => r.chi > 0.6 && r.ev >= 1;

/**
 * Check one condition given the results so far (one seed). Returns null when the inputs are not
 * all present, else { criterion, ok, why }.
 */
function judge(name, R) {
  const r = R[name];
  if (["base", ...USUAL].includes(name)) {
    return { criterion: name === "base" ? "C1" : "C5", ok: calm(r), why: "χE<0.45, 0 ev, E<2 Hz" };
  }
  if (["hyper3", "scn1a", "inap4", "scn8a"].includes(name)) {
    return { criterion: "C2", ok: bursts(r), why: "χE>0.6, ≥1 ev" };
  }
  if (["inap2", "inap3", "inap5", "inap6"].includes(name))
    return { criterion: "C2x", ok: bursts(r), why: `INaP × ${name.slice(4)} bursts (info)` };
  if (name === "hyper5") return { criterion: "C3x", ok: bursts(r), why: "× 0.5 bursts (info)" };
  if (name === "hyper5Clb") {
    const u = R.hyper5;
    if (!u) return null;
    return { criterion: "C3x", ok: r.chi < u.chi && r.ev <= u.ev, why: "χE down, events not up (info)" };
  }
  if (name === "hyper3Clb" || name === "scn8aClb") {
    const u = R[name.replace("Clb", "")];
    if (!u) return null;
    return { criterion: "C3", ok: r.chi < u.chi && r.ev <= u.ev, why: "χE down, events not up" };
  }
  if (name === "dCbz") {
    const u = R.scn1a;
    if (!u) return null;
    return { criterion: "C4", ok: r.rE > u.rE, why: `E rate up (runaway ${r.rE > 3 * u.rE})` };
  }
  if (name === "dFfa") {
    const u = R.scn1a;
    if (!u) return null;
    return { criterion: "C4", ok: r.rE < u.rE || r.chi < u.chi, why: "E rate or χE down" };
  }
  throw new Error(`no criterion for ${name}`);
}

export function buildModels(candidate) {
  const out = {};
  if (candidate.inhibitory === "fs") out.inhibitoryModel = golombFastSpiking(candidate.fs ?? {});
  else out.inhibitoryModel = wangBuzsakiInterneuron();
  if (candidate.thetaH !== undefined || candidate.gNa !== undefined) {
    const o = {};
    if (candidate.thetaH !== undefined) o.thetaH = candidate.thetaH;
    if (candidate.gNa !== undefined) o.gNa = candidate.gNa;
    out.excitatoryModel = golombPyramidal(o);
  }
  return out;
}

/** Population rate (Hz) averaged over 25 ms bins of the whole run, as a string. */
function bins25(rate, binMs) {
  const per = Math.max(1, Math.round(25 / binMs));
  const out = [];
  for (let i = 0; i < rate.length; i += per) {
    let sum = 0;
    const end = Math.min(i + per, rate.length);
    for (let j = i; j < end; j++) sum += rate[j];
    out.push((sum / (end - i)).toFixed(0));
  }
  return out.join(" ");
}

export function runOne(candidate, models, name, seed, trace = false) {
  const s = parseScenario(
    `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: 1000, transient: 200 }\n${ALL_CONDITIONS[name]}`,
    "probe.yaml",
  );
  const parameters = { ...B1, ...(candidate.circuit ?? {}) };
  const run = runMicrocircuitScenario(s, { circuit: { parameters, ...models } });
  if (trace) {
    const { populationRateE, populationRateI, binMs } = run.result;
    console.log(`  trace ${name} seed ${seed}, 25 ms bins from t = 0: E ${bins25(populationRateE, binMs)}`);
    console.log(`  trace ${name} seed ${seed}, 25 ms bins from t = 0: I ${bins25(populationRateI, binMs)}`);
  }
  const r = summariseMicrocircuitRun(run);
  return {
    chi: r.synchrony.excitatory,
    ev: r.events.length,
    rE: r.rates.excitatory,
    rI: r.rates.inhibitory,
    chiI: r.synchrony.inhibitory,
  };
}

const fmt = (r) =>
  `${r.chi.toFixed(3)}/${r.ev}/${r.rE.toFixed(2)}/${r.rI.toFixed(1)} χI ${r.chiI === null ? "—" : r.chiI.toFixed(2)}`;

async function main() {
  const args = process.argv.slice(2);
  const all = args.includes("--all");
  const trace = args.includes("--trace");
  const ci = args.indexOf("--conds");
  const only = ci >= 0 ? args[ci + 1].split(",") : null;
  const pos = args.filter((a, i) => !a.startsWith("--") && !(ci >= 0 && i === ci + 1));
  const candidate = JSON.parse(pos[0] ?? "{}");
  const seeds = (pos[1] ?? "1,2,3,4").split(",").map(Number);
  const names = only ?? Object.keys(CONDITIONS);
  for (const n of names) if (!(n in ALL_CONDITIONS)) throw new Error(`unknown condition ${n}`);
  const models = buildModels(candidate);
  console.log(`candidate ${JSON.stringify(candidate)}`);
  const failures = []; // { seed, name, criterion }
  const verdicts = {}; // criterion → { pass, fail, pending }
  const note = (c, ok) => {
    verdicts[c] ??= { pass: 0, fail: 0 };
    verdicts[c][ok ? "pass" : "fail"] += 1;
  };
  let stopped = false;
  for (const [k, seed] of seeds.entries()) {
    if (k > 0 && stopped) break; // seeds 2.. only for seed-1 survivors
    const R = {};
    for (const name of names) {
      const t0 = Date.now();
      R[name] = runOne(candidate, models, name, seed, trace);
      const v = judge(name, R);
      const dt = ((Date.now() - t0) / 1000).toFixed(1);
      const tag = v === null ? "" : `${v.criterion} ${v.ok ? "pass" : "FAIL"} (${v.why})`;
      console.log(`seed ${seed} ${name.padEnd(9)} ${fmt(R[name]).padEnd(30)} ${tag}  [${dt} s]`);
      if (v !== null) {
        note(v.criterion, v.ok);
        if (!v.ok) {
          failures.push({ seed, name, criterion: v.criterion });
          if (!all) {
            stopped = k === 0;
            break;
          }
        }
      }
    }
  }
  console.log("verdict per criterion (condition × seed checks):");
  for (const c of ["C1", "C2", "C3", "C4", "C5"]) {
    const v = verdicts[c];
    if (!v) console.log(`  ${c}: not reached`);
    else console.log(`  ${c}: ${v.fail === 0 ? "PASS" : "FAIL"} (${v.pass} pass, ${v.fail} fail)`);
  }
  const summary = failures.map((f) => `${f.name}@${f.seed}`).join(", ");
  console.log(failures.length === 0 ? "ALL CHECKED PASS" : `FAILED: ${summary}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
