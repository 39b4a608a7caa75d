// Golomb 2007 fast-spiking interneuron (models.ts golombFastSpiking) as the microcircuit's
// interneuron: (a) f–I with SCN1A loss of function and Na-channel blockers at usual doses, next
// to Wang–Buzsáki; (b) the microcircuit conditions of docs/experiments/README.md with this model
// as the interneuron, through the scenario pipeline (run-microcircuit.ts option
// circuit.inhibitoryModel). Notes: docs/experiments/fs-golomb.md.
//
//   node scripts/probes/fs-golomb.mjs fi
//   node scripts/probes/fs-golomb.mjs circuit '<circuit overrides JSON>' '<FS overrides JSON>' seeds conditions
import { fICurve } from "../../dist/src/engines/cell/analysis.js";
import { golombFastSpiking, wangBuzsakiInterneuron } from "../../dist/src/engines/cell/models.js";
import { applyDrugs } from "../../dist/src/pharmacology/cell-effects.js";
import { applyVariants } from "../../dist/src/pathophysiology/variants.js";
import { usualDoseTargetEffects } from "../../dist/src/pharmacology/pharmacodynamics.js";
import { parseScenario } from "../../dist/src/io/scenario.js";
import { shiftChannel } from "../../dist/src/engines/cell/channels.js";
import {
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../dist/src/pipeline/run-microcircuit.js";

const mode = process.argv[2] ?? "fi";

function fiTable(name, model, currents) {
  const rows = { [name]: model, "SCN1A (gNa/2)": applyVariants(model, "inhibitory", ["SCN1A-LoF"]) };
  const na = rows["SCN1A (gNa/2)"].channels.find((c) => c.name === "na");
  const na0 = model.channels.find((c) => c.name === "na");
  console.log(`${name}: SCN1A finds 'na': ḡ ${na0.conductance} → ${na.conductance} mS/cm²`);
  for (const d of ["carbamazepine", "phenytoin", "lamotrigine", "lacosamide"])
    rows[d] = applyDrugs(model, usualDoseTargetEffects(d, 70), "inhibitory");
  console.log("I (µA/cm²):".padEnd(16), currents.join(" "));
  const base = fICurve(model, currents, { duration: 700, settle: 200 }).rate;
  for (const [k, m] of Object.entries(rows)) {
    const f = fICurve(m, currents, { duration: 700, settle: 200 }).rate;
    const rel = Array.from(f).map((x, i) => (base[i] > 0 ? ((x / base[i] - 1) * 100).toFixed(0) : "·"));
    console.log(
      k.padEnd(16),
      Array.from(f)
        .map((x) => x.toFixed(0))
        .join(" "),
      " | Δ%",
      rel.join(" "),
    );
  }
}

if (mode === "fi") {
  fiTable(
    "Golomb FS",
    golombFastSpiking(),
    [2, 3, 3.2, 3.5, 4, 5, 6, 8, 10, 15, 20, 30, 40, 45, 50, 60, 80, 100, 150],
  );
  fiTable("WB", wangBuzsakiInterneuron(), [0.2, 0.3, 0.4, 0.5, 0.7, 0.9, 1, 1.2, 1.5, 2, 3]);
}

/**
 * The interneuron of a probe run: Wang–Buzsáki with {"wb": 1}, else golombFastSpiking with the
 * given parameters; "hShift" (mV, diagnostic only) moves the Na inactivation curve h∞, τh.
 */
function interneuron(fs) {
  if (fs.wb) return wangBuzsakiInterneuron();
  const { hShift = 0, ...params } = fs;
  const m = golombFastSpiking(params);
  if (hShift === 0) return m;
  return {
    ...m,
    description: `${m.description}, Na h shifted ${hShift} mV`,
    channels: m.channels.map((c) => (c.name === "na" ? shiftChannel(c, hShift, "h") : c)),
  };
}

const REG = (e, extra = "") => `medication: { ${extra}regimen: [${e}] }\n`;
const CLB = "{ drug: clobazam, doseMg: 10, everyHours: 12 }";
export const CONDITIONS = {
  base: "",
  scn1a: "variants: [SCN1A]\n",
  hyper: "gabaAScale: 0.3\n",
  scn8a: "variants: [SCN8A]\n",
  ltg: REG("{ drug: lamotrigine, doseMg: 200, everyHours: 12 }"),
  pht: REG("{ drug: phenytoin, doseMg: 300, everyHours: 24 }"),
  cbz: REG("{ drug: carbamazepine, doseMg: 400, everyHours: 12 }"),
  vpa: REG("{ drug: valproate, doseMg: 750, everyHours: 12 }"),
  lev: REG("{ drug: levetiracetam, doseMg: 1000, everyHours: 12 }"),
  hyperClb: "gabaAScale: 0.3\n" + REG(CLB),
  scn8aClb: "variants: [SCN8A]\n" + REG(CLB),
};

if (mode === "circuit") {
  const circuit = JSON.parse(process.argv[3] ?? "{}");
  const fs = JSON.parse(process.argv[4] ?? "{}");
  const seeds = (process.argv[5] ?? "1,2").split(",").map(Number);
  const which = (process.argv[6] ?? Object.keys(CONDITIONS).join(",")).split(",");
  const model = interneuron(fs);
  console.log("circuit", JSON.stringify(circuit), "FS", JSON.stringify(fs));
  for (const name of which) {
    const row = [];
    for (const seed of seeds) {
      const s = parseScenario(
        `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: 1000, transient: 200 }\n${CONDITIONS[name]}`,
        "probe.yaml",
      );
      const r = summariseMicrocircuitRun(
        runMicrocircuitScenario(s, { circuit: { parameters: circuit, inhibitoryModel: model } }),
      );
      row.push(
        `${r.synchrony.excitatory.toFixed(2)}/${r.events.length}/${r.rates.excitatory.toFixed(2)}/${r.rates.inhibitory.toFixed(1)}`,
      );
    }
    console.log(name.padEnd(9), row.join("  "));
  }
}

// Split: the medicated pyramidal and interneuron models swapped in one at a time (as
// scripts/probes/drug-split.mjs), to see through which population a drug acts.
//   node scripts/probes/fs-golomb.mjs split '<circuit JSON>' '<FS JSON>' seeds condition
if (mode === "split") {
  const { runMicrocircuit } = await import("../../dist/src/engines/cell/microcircuit.js");
  const { golombPyramidal } = await import("../../dist/src/engines/cell/models.js");
  const circuit = JSON.parse(process.argv[3] ?? "{}");
  const fs = JSON.parse(process.argv[4] ?? "{}");
  const seeds = (process.argv[5] ?? "1,2").split(",").map(Number);
  const name = process.argv[6] ?? "ltg";
  const plainI = interneuron(fs);
  for (const seed of seeds) {
    const s = parseScenario(
      `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: 1000, transient: 200 }\n${CONDITIONS[name]}`,
      "probe.yaml",
    );
    const med = runMicrocircuitScenario(s, { circuit: { parameters: circuit, inhibitoryModel: plainI } });
    const out = [];
    for (const [label, e, i] of [
      ["none", golombPyramidal(), plainI],
      ["E only", med.excitatoryModel, plainI],
      ["I only", golombPyramidal(), med.inhibitoryModel],
      ["both", med.excitatoryModel, med.inhibitoryModel],
    ]) {
      const r = runMicrocircuit({
        seed,
        durationMs: 1000,
        transientMs: 200,
        excitatoryModel: e,
        inhibitoryModel: i,
        parameters: circuit,
      });
      out.push(`${label} ${r.chiE.toFixed(2)}/${r.rateE.toFixed(2)}/${r.rateI.toFixed(1)}`);
    }
    console.log(name, seed, out.join(" | "));
  }
}
