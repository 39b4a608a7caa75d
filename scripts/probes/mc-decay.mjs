// Probe: benzodiazepine as amplitude factor vs decay factor (same charge) on the × 0.3 circuit (engine).
// Usage: node mc-decay.mjs '<params json>' factor seeds
import { runMicrocircuit } from "../../dist/src/engines/cell/microcircuit.js";
const parameters = JSON.parse(process.argv[2] ?? "{}");
const f = Number(process.argv[3] ?? 1.866);
const seeds = (process.argv[4] ?? "1,2").split(",").map(Number);
for (const seed of seeds)
  for (const [tag, amp, dec] of [
    ["none", [1, 1], [1, 1]],
    ["amp both", [f, f], [1, 1]],
    ["decay both", [1, 1], [f, f]],
    ["decay E only", [1, 1], [f, 1]],
    ["decay I only", [1, 1], [1, f]],
    ["amp1.3+decay1.4", [1.3, 1.3], [1.4, 1.4]],
  ]) {
    const r = runMicrocircuit({
      seed,
      durationMs: 1000,
      transientMs: 200,
      parameters,
      receptorScales: { excitatory: { gabaA: 0.3 * amp[0] }, inhibitory: { gabaA: amp[1] } },
      gabaADecayScale: { excitatory: dec[0], inhibitory: dec[1] },
    });
    console.log(
      `| ${tag} | ${seed} | ${r.chiE.toFixed(3)} | ${r.rateE.toFixed(2)} | ${r.rateI.toFixed(1)} | ${r.chiI.toFixed(2)} |`,
    );
  }
