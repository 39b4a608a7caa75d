// Probe: GABA-A factor onto E only / I only on the × 0.3 circuit (engine level). Usage: node mc-split.mjs '<params json>' factor
import { runMicrocircuit } from "../../dist/src/engines/cell/microcircuit.js";
const parameters = JSON.parse(process.argv[2] ?? "{}");
const f = Number(process.argv[3] ?? 1.866);
for (const seed of [1, 2])
  for (const [tag, onE, onI] of process.argv[4] === "nb"
    ? [
        ["none", 1, 1],
        ["both", f, f],
      ]
    : [
        ["none", 1, 1],
        ["ontoE", f, 1],
        ["ontoI", 1, f],
        ["both", f, f],
      ]) {
    const r = runMicrocircuit({
      seed,
      durationMs: 1000,
      transientMs: 200,
      parameters,
      receptorScales: { excitatory: { gabaA: 0.3 * onE }, inhibitory: { gabaA: onI } },
    });
    console.log(
      `| ${process.argv[2]} | ${tag} | ${seed} | ${r.chiE.toFixed(3)} | ${r.rateE.toFixed(2)} | ${r.rateI.toFixed(1)} | ${r.chiI.toFixed(2)} |`,
    );
  }
