// Screening (helper mc-gaba): random GABA-A-dominated circuit configurations; early exit per criterion.
// Order: base (1), SCN8A (5), hyper (2), clobazam on hyper (6), SCN1A (3), INaP × 4 (4, 2 s).
// Usage: node scripts/probes/mc-gaba-screen.mjs <n> <rngSeed> [seeds] ['<json array of configs>']
import { formatRow, runCondition, seededPicker } from "./screen-conditions.mjs";
const n = Number(process.argv[2] ?? 10);
const pick = seededPicker(Number(process.argv[3] ?? 7));
const seeds = (process.argv[4] ?? "1").split(",").map(Number);
const run = runCondition;
const fmt = (r) => formatRow(r, 2);
const configs = process.argv[5]
  ? JSON.parse(process.argv[5])
  : Array.from({ length: n }, () => ({
      gabaBIE: pick([0.0005, 0.001, 0.0015]),
      gabaADecayI: pick([1.8, 1.8, 3, 7]),
      gabaAIE: pick([0.5, 0.6, 0.8, 1.0]),
      driveWeightE: pick([0.015, 0.02, 0.025]),
      biasE: pick([0, 1, 2, 3, 4]),
      driveWeightI: pick([0.0022, 0.0025, 0.0028, 0.0031]),
      nmdaEE: pick([0.0022, 0.0022, 0.003, 0.004]),
    }));
for (const p of configs) {
  for (const seed of seeds) {
    let out = `${JSON.stringify(p)} s${seed}`;
    const base = run(p, "base", seed);
    out += ` | base ${fmt(base)}`;
    if (!(base.chi < 0.45 && base.ev === 0 && base.rE < 2 && base.rI > 5)) {
      console.log(out + " | FAIL1");
      continue;
    }
    const hyperOk = (r) => r.chi > 0.6 && r.ev >= 1 && r.rE > 1.5 * base.rE;
    const s8 = run(p, "scn8a", seed);
    out += ` | scn8a ${fmt(s8)}`;
    if (!(s8.chi > 0.6 && s8.ev >= 1)) {
      console.log(out + " | FAIL5");
      continue;
    }
    const hyp = run(p, "hyper", seed);
    out += ` | hyper ${fmt(hyp)}`;
    if (!hyperOk(hyp)) {
      console.log(out + " | FAIL2");
      continue;
    }
    const clb = run(p, "clb", seed);
    out += ` | clb ${fmt(clb)}`;
    const ok6 = clb.chi < hyp.chi && (clb.ev < hyp.ev || (clb.ev === 0 && hyp.ev === 0)) && clb.rE <= hyp.rE;
    if (!(clb.chi < hyp.chi)) {
      console.log(out + " | FAIL6");
      continue;
    }
    const s1 = run(p, "scn1a", seed);
    const i4 = run(p, "inap4", seed);
    out += ` | scn1a ${fmt(s1)} | inap4 ${fmt(i4)}`;
    console.log(
      out +
        " | " +
        [ok6 ? "6ok" : "6partial", hyperOk(s1) ? "3ok" : "3x", hyperOk(i4) ? "4ok" : "4x"].join(" "),
    );
  }
}
