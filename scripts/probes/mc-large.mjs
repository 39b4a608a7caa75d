// Probe for the larger, sparser microcircuit (wip/mc-large): runs the acceptance conditions of
// notes/mc-problem.md through the scenario pipeline with circuit overrides.
// Usage: node scripts/probes/mc-large.mjs '<json circuit overrides>' seeds(1,2) conditions(base,hyper,...)
import { performance } from "node:perf_hooks";
import { parseScenario } from "../../dist/src/io/scenario.js";
import { runMicrocircuitScenario } from "../../dist/src/pipeline/run-microcircuit.js";

const circuit = JSON.parse(process.argv[2] ?? "{}");
const seeds = (process.argv[3] ?? "1,2").split(",").map(Number);
const reg = (entries, extra = "") => `medication: { ${extra}regimen: [${entries}] }\n`;
const CLB = "{ drug: clobazam, doseMg: 10, everyHours: 12 }";
const CHILD = "weightKg: 20, ";
const CONDITIONS = {
  base: "",
  hyper: "gabaAScale: 0.3\n",
  hyperClb: "gabaAScale: 0.3\n" + reg(CLB),
  hyperII: "gabaAScale: 0.3\n",
  g04: "gabaAScale: 0.4\n",
  g056: "gabaAScale: 0.5598\n",
  g07: "gabaAScale: 0.7\n",
  scn1a: "variants: [SCN1A]\n",
  inap4: "inapScale: 4\n",
  scn8a: "variants: [SCN8A]\n",
  dravetCbz: "variants: [SCN1A]\n" + reg("{ drug: carbamazepine, doseMg: 150, everyHours: 12 }", CHILD),
  dravetFfa: "variants: [SCN1A]\n" + reg("{ drug: fenfluramine, doseMg: 7, everyHours: 12 }", CHILD),
  dravetStpClb:
    "variants: [SCN1A]\n" +
    reg(
      "{ drug: stiripentol, doseMg: 500, everyHours: 12 }, { drug: clobazam, doseMg: 5, everyHours: 12 }",
      CHILD,
    ),
  baseCbz: reg("{ drug: carbamazepine, doseMg: 400, everyHours: 12 }"),
  basePht: reg("{ drug: phenytoin, doseMg: 300, everyHours: 24 }"),
  hyperCbz: "gabaAScale: 0.3\n" + reg("{ drug: carbamazepine, doseMg: 400, everyHours: 12 }"),
  hyperPht: "gabaAScale: 0.3\n" + reg("{ drug: phenytoin, doseMg: 300, everyHours: 24 }"),
};
const names = (process.argv[4] ?? "base,hyper,hyperClb,scn1a").split(",");
console.log(JSON.stringify(circuit));
for (const seed of seeds) {
  for (const name of names) {
    const duration = name === "inap4" ? 2000 : 1000;
    const s = parseScenario(
      `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: ${duration}, transient: 200 }\n${CONDITIONS[name]}`,
      "probe.yaml",
    );
    const t0 = performance.now();
    // hyperII: clobazam's factor onto I→I only (engine parameter), GABA-A onto E × 0.3.
    const c = name === "hyperII" ? { ...circuit, gabaAII: 1.866 * (circuit.gabaAII ?? 0.028) } : circuit;
    const run = runMicrocircuitScenario(s, { circuit: { parameters: c } });
    const t = (performance.now() - t0) / 1000;
    const r = run.result;
    console.log(
      [
        `seed ${seed}`,
        name.padEnd(13),
        `chiE ${r.chiE.toFixed(3)}`,
        `ev ${String(run.events.length).padStart(2)}`,
        `E ${r.rateE.toFixed(2).padStart(6)}`,
        `I ${r.rateI.toFixed(1).padStart(5)}`,
        `chiI ${r.chiI.toFixed(2)}`,
        `${t.toFixed(1)}s`,
      ].join("  "),
    );
    if (process.env.TRACE) {
      const bin = 10;
      const row = (rates) => {
        const out = [];
        for (let b = 0; b + bin <= rates.length; b += bin) {
          let m = 0;
          for (let k = b; k < b + bin; k++) m += rates[k];
          out.push(Math.round(m / bin));
        }
        return out.join(" ");
      };
      console.log("  E:", row(r.populationRateE));
      console.log("  I:", row(r.populationRateI));
      console.log(
        "  events:",
        run.events
          .map((e) => `${Math.round(e.onsetMs)}-${Math.round(e.offsetMs)}(${Math.round(e.peakRate)})`)
          .join(" "),
      );
    }
  }
}
