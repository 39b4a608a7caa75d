// Probe: mean synaptic conductances (nS) and currents (pA) onto pyramidal cells by receptor, after the transient.
// Usage: node mc-conductances.mjs '<params json>' gabaAOntoE gabaAOntoI seed
import { buildMicrocircuit } from "../../dist/src/engines/cell/microcircuit.js";
const parameters = JSON.parse(process.argv[2] ?? "{}");
const onE = Number(process.argv[3] ?? 0.3),
  onI = Number(process.argv[4] ?? 1),
  seed = Number(process.argv[5] ?? 1);
const { network } = buildMicrocircuit({
  seed,
  durationMs: 1000,
  parameters,
  receptorScales: { excitatory: { gabaA: onE }, inhibitory: { gabaA: onI } },
});
const e = network.population("E");
const names = ["ampa", "nmda", "gabaA", "gabaB"];
const sumG = Object.fromEntries(names.map((n) => [n, 0])),
  sumI = Object.fromEntries(names.map((n) => [n, 0]));
let sumV = 0,
  samples = 0;
const dt = 0.025;
network.run(Math.round(200 / dt));
for (let t = 0; t < 800; t += 0.5) {
  network.run(Math.round(0.5 / dt));
  for (const n of names) {
    const r = e.receptor(n);
    for (let k = 0; k < e.size; k++) {
      sumG[n] += r.g[k];
      sumI[n] += r.current(k, e.v[k]);
    }
  }
  for (let k = 0; k < e.size; k++) sumV += e.v[k];
  samples++;
}
const m = (x) => (x / samples / e.size).toFixed(4);
console.log(
  `onE ${onE} onI ${onI} seed ${seed}: mean V ${(sumV / samples / e.size).toFixed(2)} mV; ` +
    names.map((n) => `${n} g ${m(sumG[n])} nS I ${m(sumI[n])} pA`).join("; "),
);
