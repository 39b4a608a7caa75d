#!/usr/bin/env node
// The (A, B, G) -> activity-type table of the Wendling et al. (2002) model as this code measures
// it: each published point simulated as an isolated node (1 s transient, 10 s analysed, dt 0.5 ms,
// stochastic Heun) for several seeds and classified by src/observe/activity-type.ts, with the
// measured features the thresholds act on. With --grid, also the map over (B, G) at A = 5, one
// character per point (the paper's kind of map). Needs a build first (`npm run build`).
//
//   node scripts/wendling-activity-table.mjs                 the six published points, seeds 1-3
//   node scripts/wendling-activity-table.mjs --seeds 10      seeds 1-10
//   node scripts/wendling-activity-table.mjs --grid          and the (B, G) map at A = 5
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const built = join(root, "dist/src/pipeline/wendling-activity.js");
if (!existsSync(built)) {
  console.error("wendling-activity-table: run `npm run build` first (dist/ is missing)");
  process.exit(1);
}
const { classifyWendlingPoints } = await import(built);
const { PUBLISHED_ACTIVITY_POINTS, ACTIVITY_THRESHOLDS, ACTIVITY_TYPES } = await import(
  join(root, "dist/src/observe/activity-type.js")
);

const args = process.argv.slice(2);
const seedsAt = args.indexOf("--seeds");
const seedCount = seedsAt >= 0 ? Number(args[seedsAt + 1]) : 3;
if (!Number.isInteger(seedCount) || seedCount < 1 || seedCount > 1000) {
  console.error(`--seeds must be an integer in [1, 1000], got '${args[seedsAt + 1]}'`);
  process.exit(2);
}
const run = { durationMs: 11000, transientMs: 1000 };
const f = (v, d) => (v === null || !Number.isFinite(v) ? "—" : v.toFixed(d));

console.log(
  `Wendling et al. (2002) activity types: ${seedCount} seed(s), ${run.transientMs} ms transient, ` +
    `${(run.durationMs - run.transientMs) / 1000} s analysed, dt 0.5 ms, stochastic Heun`,
);
console.log(`thresholds: ${JSON.stringify(ACTIVITY_THRESHOLDS)}\n`);
const header = [
  "published type",
  "A",
  "B",
  "G",
  "seed",
  "classified",
  "SD mV",
  "peak Hz",
  "conc",
  "alpha",
  "fast",
  "spikes/s",
  "ISI CV",
];
const rows = [header];
let correct = 0;
let total = 0;
for (let seed = 1; seed <= seedCount; seed++) {
  const result = classifyWendlingPoints(PUBLISHED_ACTIVITY_POINTS, { seed, ...run });
  result.forEach((c, i) => {
    const p = PUBLISHED_ACTIVITY_POINTS[i];
    total++;
    if (c.activityType === p.activityType) correct++;
    rows.push([
      p.activityType,
      String(p.A),
      String(p.B),
      String(p.G),
      String(seed),
      c.activityType === p.activityType ? c.activityType : `${c.activityType} (!)`,
      f(c.sd, 2),
      f(c.dominantFrequencyHz, 1),
      f(c.peakConcentration, 2),
      f(c.alphaFraction, 2),
      f(c.betaFraction + c.gammaFraction, 2),
      f(c.spikeRateHz, 2),
      f(c.spikeIntervalCv, 2),
    ]);
  });
}
const widths = header.map((_, k) => Math.max(...rows.map((r) => r[k].length)));
for (const r of rows) console.log(r.map((cell, k) => cell.padEnd(widths[k])).join("  "));
console.log(`\n${correct}/${total} classified as published`);

if (args.includes("--grid")) {
  const symbols = {
    normal: ".",
    "sporadic-spikes": "s",
    "sustained-spikes": "S",
    "slow-rhythmic": "r",
    "low-voltage-rapid": "F",
    "quasi-sinusoidal": "q",
  };
  const Bs = [];
  for (let B = 60; B >= 0; B -= 5) Bs.push(B);
  const Gs = [];
  for (let G = 0; G <= 40; G += 5) Gs.push(G);
  const points = Bs.flatMap((B) => Gs.map((G) => ({ A: 5, B, G })));
  const result = classifyWendlingPoints(points, { seed: 1, ...run });
  console.log(
    `\n(B, G) map at A = 5 mV, seed 1: ${ACTIVITY_TYPES.map((t) => `${symbols[t]} ${t}`).join(", ")}`,
  );
  console.log(`  B\\G ${Gs.map((G) => String(G).padStart(3)).join("")}`);
  Bs.forEach((B, r) => {
    const line = Gs.map((_, c) => symbols[result[r * Gs.length + c].activityType].padStart(3)).join("");
    console.log(`  ${String(B).padStart(3)} ${line}`);
  });
}
