#!/usr/bin/env node
// Kinetic modulated-receptor Na block (channels.ts `ChannelBlock`, cell-effects.ts) at usual
// brain levels of carbamazepine, MHD (oxcarbazepine), phenytoin and lamotrigine, on the Golomb
// pyramid and the Wang–Buzsáki interneuron: rheobase (1 s window after 200 ms settling and the
// default 500 ms block pre-run at each current, as the
// bridge) and firing early (first 100 ms) and late (last 500 ms) of a 1 s current step at the
// drug-free rheobase + 1, + 3, + 10 µA/cm², with the mean unbound fraction u at the end of the step.
// Prints the tables of docs/models/drugs.md §4. Usage: npm run build && node scripts/na-block-kinetics.mjs
import { golombPyramidal, wangBuzsakiInterneuron } from "../dist/src/engines/cell/models.js";
import { rheobase } from "../dist/src/engines/cell/analysis.js";
import { Population, toAbsolute } from "../dist/src/engines/cell/population.js";
import { applyDrugs, equilibriumNaBlock } from "../dist/src/pharmacology/cell-effects.js";
import { usualDoseTargetEffects } from "../dist/src/pharmacology/pharmacodynamics.js";

const DT = 0.01;
const PRE = 200; // ms at zero current before the step
const STEP = 1000;
const OFFSETS = [1, 3, 10];
const CLAMP = { dt: DT, duration: 1000, settle: 200, tolerance: 0.005 };

/** Spikes early/late of a 1 s step for each current; mean unbound fraction at the end. */
function step(model, currents) {
  const n = currents.length;
  const pop = new Population({ name: "step", size: n, model, receptors: [] }, DT);
  const pre = Math.round(PRE / DT);
  const total = pre + Math.round(STEP / DT);
  const early = new Int32Array(n);
  const late = new Int32Array(n);
  for (let s = 0; s < total; s++) {
    if (s === pre) for (let k = 0; k < n; k++) pop.bias[k] = toAbsolute(currents[k], model.area);
    pop.update();
    pop.detect(s);
    const t = (s - pre + 1) * DT;
    for (let f = 0; f < pop.firedCount; f++) {
      if (s < pre) continue;
      if (t <= 100) early[pop.fired[f]]++;
      if (t > STEP - 500) late[pop.fired[f]]++;
    }
  }
  const hasBlock = model.channels.some((c) => c.block);
  const u = hasBlock ? Array.from(pop.unbound("na")) : currents.map(() => 1);
  return currents.map((_, k) => ({ early: early[k] * 10, late: late[k] * 2, u: u[k] }));
}

const models = [
  ["Golomb pyramid", golombPyramidal(), "excitatory", 0, 20],
  ["Wang–Buzsáki interneuron", wangBuzsakiInterneuron(), "inhibitory", -1, 20],
];
const drugs = ["carbamazepine", "oxcarbazepine", "phenytoin", "lamotrigine"];
for (const [label, model, cellType, lo, hi] of models) {
  const base = rheobase(model, lo, hi, CLAMP).current;
  const currents = OFFSETS.map((o) => base + o);
  const ref = step(model, currents);
  console.log(`\n${label}: drug-free rheobase ${base.toFixed(3)} µA/cm²`);
  console.log(
    "| drug | nav C/K_I, C/K_R | k_off (1/s) | equilibrium ΔV (mV) | rheobase | " +
      OFFSETS.map((o) => `I_rh+${o}: early, late (Hz); u end`).join(" | ") +
      " |",
  );
  console.log("|---|---|---|---|---|" + OFFSETS.map(() => "---|").join(""));
  console.log(
    `| none | – | – | – | ${base.toFixed(3)} | ` + ref.map((r) => `${r.early}, ${r.late}`).join(" | ") + " |",
  );
  for (const id of drugs) {
    const effects = usualDoseTargetEffects(id, 70);
    const drugged = applyDrugs(model, effects, cellType, [], { naBlock: "kinetic" });
    const na = drugged.channels.find((c) => c.name === "na").block;
    const eq = equilibriumNaBlock(effects, model);
    let rh;
    try {
      rh = rheobase(drugged, lo, hi, CLAMP).current.toFixed(3);
    } catch {
      rh = `none in [${lo}, ${hi}]`;
    }
    const out = step(drugged, currents);
    console.log(
      `| ${id} | ${na.inactivatedRatio.toFixed(3)}, ${na.restingRatio.toFixed(4)} | ${(na.unbindingRate * 1000).toFixed(3)} | ${eq.shift.toFixed(2)} | ${rh} | ` +
        out
          .map(
            (r, i) =>
              `${r.early}, ${r.late} (${((100 * r.early) / Math.max(ref[i].early, 1)).toFixed(0)}%, ${((100 * r.late) / Math.max(ref[i].late, 1)).toFixed(0)}%); ${r.u.toFixed(3)}`,
          )
          .join(" | ") +
        " |",
    );
  }
}
