#!/usr/bin/env node
// Probe for docs/experiments/m18-combos.md, section "θh −52/−53 and INaP monotonicity" (problem
// THETA52): the Golomb 2006 pyramid with Na inactivation midpoint θh and g_Na refitted by the f–I
// fit of pyramid-na-inactivation.md §2 (same rule as fitGNa, FIT=fi, in pyramid-na-inactivation.mjs,
// repeated here because that probe runs its modes on import), then its f–I curve with the
// persistent Na conductance gNaP × 1, 2, 3, 4, 5, 6, 8 (default 0.2 mS/cm², as inapScale does in the
// microcircuit).
// Per (θh, gNaP scale, current): rate over 200–1000 ms, rate over the last 400 ms, and the mean
// membrane potential over the last 100 ms (a high mean without spikes = depolarisation block).
// Usage: npm run build && node scripts/probes/theta52-inap.mjs [θ list] [gNa list]
//   θ list default -45,-50,-52,-53,-55; gNa list (optional, same length) skips the fit.
import { currentClamp } from "../../dist/src/engines/cell/analysis.js";
import { golombPyramidal } from "../../dist/src/engines/cell/models.js";
import { fitGNaToFI } from "./pyramid-gna-fit.mjs";

const THETAS = (process.argv[2] ?? "-45,-50,-52,-53,-55").split(",").map(Number);
const GIVEN = process.argv[3] ? process.argv[3].split(",").map(Number) : null;
const SCALES = [1, 2, 3, 4, 5, 6, 8];
const CURRENTS = [0, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 10];
const GNAP0 = 0.2; // golombPyramidal default gNaP (mS/cm²)

const fitGNa = fitGNaToFI;

function step(model, current) {
  const tr = currentClamp(model, current, { dt: 0.01, duration: 1000, settle: 0 });
  const n = tr.spikeTimes.filter((t) => t >= 200).length;
  const late = tr.spikeTimes.filter((t) => t >= 600).length;
  const from = Math.round(900 / tr.dt);
  let s = 0;
  for (let i = from; i < tr.v.length; i++) s += tr.v[i];
  return { rate: n / 0.8, late: late / 0.4, vEnd: s / (tr.v.length - from) };
}

const FITTED = {};
for (const [i, th] of THETAS.entries()) {
  const gNa = GIVEN ? GIVEN[i] : fitGNa(th);
  FITTED[th] = gNa;
  console.log(`\n## θh ${th} mV, g_Na ${gNa} mS/cm² (${GIVEN ? "given" : "f–I fit"})`);
  console.log(
    `currents (µA/cm²): ${CURRENTS.join(", ")}; cell: rate Hz 200–1000 ms [late 600–1000 ms; mean V 900–1000 ms]`,
  );
  const rates = {};
  for (const sc of SCALES) {
    const model = golombPyramidal({ thetaH: th, gNa, gNaP: GNAP0 * sc });
    const row = CURRENTS.map((c) => step(model, c));
    rates[sc] = row.map((r) => r.rate);
    console.log(
      `gNaP × ${sc} (${(GNAP0 * sc).toFixed(1)}): ` +
        row.map((r) => `${r.rate.toFixed(0)}[${r.late.toFixed(0)};${r.vEnd.toFixed(0)}]`).join(" "),
    );
  }
  // Monotonicity in gNaP at each current (rate non-decreasing, 2.5 Hz tolerance = 2 spikes in 0.8 s).
  const drops = [];
  for (const [k, c] of CURRENTS.entries())
    for (let j = 1; j < SCALES.length; j++)
      if (rates[SCALES[j]][k] < rates[SCALES[j - 1]][k] - 2.5)
        drops.push(
          `${c} µA/cm² × ${SCALES[j - 1]}→${SCALES[j]}: ${rates[SCALES[j - 1]][k].toFixed(0)}→${rates[SCALES[j]][k].toFixed(0)}`,
        );
  console.log(
    drops.length ? `non-monotone in gNaP: ${drops.join("; ")}` : "monotone in gNaP at every current",
  );
}

// Bistability check: holding current 0 or 1 µA/cm², one 3 ms, 10 µA/cm² pulse at 300 ms; mean V
// over 900–1000 ms and spikes after the pulse. A mean near −30 mV = the cell stays on a plateau.
console.log(
  "\n## plateau after a 3 ms pulse (holding 0 | 1 µA/cm²): spikes after 300 ms / mean V 900–1000 ms",
);
for (const th of THETAS) {
  const gNa = FITTED[th];
  const cells = SCALES.map((sc) => {
    const model = golombPyramidal({ thetaH: th, gNa, gNaP: GNAP0 * sc });
    return [0, 1]
      .map((hold) => {
        const tr = currentClamp(model, (t) => hold + (t >= 300 && t < 303 ? 10 : 0), {
          dt: 0.01,
          duration: 1000,
          settle: 0,
        });
        const n = tr.spikeTimes.filter((t) => t >= 300).length;
        let s = 0;
        const from = Math.round(900 / tr.dt);
        for (let k = from; k < tr.v.length; k++) s += tr.v[k];
        return `${n}/${(s / (tr.v.length - from)).toFixed(0)}`;
      })
      .join(" | ");
  });
  console.log(`θh ${th} (g_Na ${gNa}): ` + SCALES.map((sc, k) => `×${sc} ${cells[k]}`).join("; "));
}
