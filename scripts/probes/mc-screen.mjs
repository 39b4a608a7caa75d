// Screening (helper mc-het): random circuit configurations, seed 1, criteria 1–6 summary per config.
// Usage: node scripts/probes/mc-screen.mjs <n> <rngSeed> [seeds]
import { formatRow, runCondition, seededPicker } from "./screen-conditions.mjs";
const n = Number(process.argv[2] ?? 10);
const pick = seededPicker(Number(process.argv[3] ?? 7));
const seeds = (process.argv[4] ?? "1").split(",").map(Number);
const run = runCondition;
const fmt = (r) => formatRow(r, 1);
const configs = process.argv[5]
  ? JSON.parse(process.argv[5])
  : Array.from({ length: n }, () => ({
      pEI: pick([0.2, 0.3, 0.4, 0.5]),
      ampaEI: pick([0.014, 0.017, 0.02]),
      biasSpreadI: pick([0, 0.3, 0.6, 1]),
      biasI: pick([-0.4, -0.2, 0]),
      driveWeightI: pick([0.0012, 0.0018, 0.0024, 0.0031]),
      driveWeightE: pick([0.024, 0.026, 0.028]),
      gabaBIE: pick([0.003, 0.0045]),
      pII: pick([0.15, 0.3]),
    }));
for (const p of configs) {
  for (const seed of seeds) {
    const base = run(p, "base", seed);
    let out = `${JSON.stringify(p)} s${seed} | base ${fmt(base)}`;
    const ok1 = base.chi < 0.45 && base.ev === 0 && base.rE < 2 && base.rI > 5;
    if (!ok1) {
      console.log(out + " | FAIL1");
      continue;
    }
    const hyp = run(p, "hyper", seed);
    const hyperOk = (r) => r.chi > 0.6 && r.ev >= 1 && r.rE > 1.5 * base.rE;
    out += ` | hyper ${fmt(hyp)}`;
    if (!hyperOk(hyp)) {
      console.log(out + " | FAIL2");
      continue;
    }
    const clb = run(p, "clb", seed);
    out += ` | clb ${fmt(clb)}`;
    const ok6 = clb.chi < hyp.chi && (clb.ev < hyp.ev || (clb.ev === 0 && hyp.ev === 0)) && clb.rE <= hyp.rE;
    const s1 = run(p, "scn1a", seed),
      s8 = run(p, "scn8a", seed),
      i4 = run(p, "inap4", seed);
    out += ` | scn1a ${fmt(s1)} | scn8a ${fmt(s8)} | inap4 ${fmt(i4)}`;
    const flags = [
      ok6 ? "6ok" : "6x",
      hyperOk(s1) ? "3ok" : "3x",
      s8.chi > 0.6 && s8.ev >= 1 ? "5ok" : "5x",
      hyperOk(i4) ? "4ok" : "4x",
    ];
    console.log(out + " | " + flags.join(" "));
  }
}
