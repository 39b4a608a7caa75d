/**
 * The `perisomatic` circuit (engines/cell/microcircuit.ts MICROCIRCUIT_PRESETS; candidate C52 of
 * docs/experiments/m18-combos.md), through the scenario pipeline, seeds 1 and 2, 1 s runs
 * (0.8 s analysed). What it is for: the drug results the default circuit gets wrong.
 *
 *  - GABA-A potentiation lowers microcircuit synchrony (issue 4): clobazam 10 mg q12h brings the
 *    GABA-A-reduced circuit (× 0.5 onto pyramidal cells) from bursting back to asynchronous firing
 *    (measured χE 0.93/0.93 → 0.25/0.21, events 4/4 → 0/0, E rate 6.1/6.0 → 0.30/0.24 Hz);
 *  - usual-dose Na-channel blockers keep the healthy baseline asynchronous (lamotrigine
 *    200 mg q12h 0.29/0.26, phenytoin 300 mg/day 0.21/0.22, against 0.17/0.15 without; the default
 *    circuit bursts with both), while the interneurons' slower firing and the lower GABA/glutamate
 *    ratio onto the pyramidal cells remain (reported as a caveat);
 *  - the variants still make it burst (SCN1A, SCN8A, INaP × 4), and in the Dravet circuit
 *    carbamazepine makes things worse (events 8/7 → 25/25) and fenfluramine better (E rate
 *    11.4/10.2 → 8.7/9.0 Hz, events 8/7 → 6/6).
 * Thresholds are those of the default circuit's tests (asynchronous: χE < 0.45 and no event;
 * bursting: χE > 0.6 and at least one event). Longer runs are less clean (2 s: lamotrigine and
 * clobazam on × 0.5 each give one event in seed 1, none in seeds 2–4; 4 s: lamotrigine 2 events in
 * seed 1, none in seed 2, the untreated baseline none). Known limits of this circuit, not asserted:
 * INaP × 4 fails to burst in seed 4; on GABA-A × 0.3 (χE saturated at 0.93) clobazam lowers the
 * events and the rate but not χE; raising INaP to × 5 silences the pyramidal cells.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseScenario, type MicrocircuitScenario } from "../../src/io/scenario.js";
import {
  PERISOMATIC_DRUG_CAVEATS,
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../src/pipeline/run-microcircuit.js";
import { cachedMicrocircuitRuns } from "../helpers.js";

type Summary = ReturnType<typeof summariseMicrocircuitRun>;
const SEEDS = [1, 2];

const run = cachedMicrocircuitRuns("circuit: perisomatic\n");

const regimen = (entries: string, extra = "") => `medication: { ${extra}regimen: [${entries}] }\n`;
const CLOBAZAM = regimen("{ drug: clobazam, doseMg: 10, everyHours: 12 }");
const chi = (s: Summary) => s.synchrony.excitatory as number;
const rateE = (s: Summary) => s.rates.excitatory as number;
const asynchronous = (s: Summary) => chi(s) < 0.45 && s.events.length === 0;
const bursting = (s: Summary) => chi(s) > 0.6 && s.events.length >= 1;

test("perisomatic circuit: 800/200 cells, the refitted pyramid, asynchronous baseline", () => {
  for (const seed of SEEDS) {
    const none = run("", seed);
    assert.equal(none.circuit, "perisomatic");
    assert.deepEqual(none.populations, { excitatory: 800, inhibitory: 200 });
    assert.ok(asynchronous(none), `seed ${seed}: χE ${chi(none)}, ${none.events.length} events`);
    assert.ok(rateE(none) < 2, `seed ${seed}: E rate ${rateE(none)}`);
  }
  // The scenario's populations still override the circuit's.
  const small = parseScenario(
    "schemaVersion: 1\nkind: microcircuit\ncircuit: perisomatic\npopulations: { excitatory: 40, inhibitory: 10 }\nsimulation: { duration: 50, transient: 10 }\n",
    "test.yaml",
  ) as MicrocircuitScenario;
  assert.deepEqual(summariseMicrocircuitRun(runMicrocircuitScenario(small)).populations, {
    excitatory: 40,
    inhibitory: 10,
  });
});

test("perisomatic circuit: GABA-A potentiation (clobazam) lowers the synchrony of the GABA-A-reduced circuit", () => {
  for (const seed of SEEDS) {
    const reduced = run("gabaAScale: 0.5\n", seed);
    assert.ok(bursting(reduced), `seed ${seed}: × 0.5 χE ${chi(reduced)}, ${reduced.events.length} events`);
    const treated = run("gabaAScale: 0.5\n" + CLOBAZAM, seed);
    assert.ok(chi(treated) < chi(reduced) - 0.3, `seed ${seed}: χE ${chi(reduced)} → ${chi(treated)}`);
    assert.ok(asynchronous(treated), `seed ${seed}: ${treated.events.length} events with clobazam`);
    assert.ok(rateE(treated) < 0.5 * rateE(reduced), `seed ${seed}: E ${rateE(reduced)} → ${rateE(treated)}`);
    // Clobazam's edits reach both populations, and no caveat applies on this circuit.
    const cells = new Set(treated.medication!.edits.map((e) => e.cell));
    assert.ok(cells.has("excitatory") && cells.has("inhibitory"));
    assert.deepEqual(treated.medication!.caveats, []);
  }
});

test("perisomatic circuit: usual-dose Na-channel blockers keep the healthy baseline asynchronous", () => {
  const drugs = {
    lamotrigine: "{ drug: lamotrigine, doseMg: 200, everyHours: 12 }",
    phenytoin: "{ drug: phenytoin, doseMg: 300, everyHours: 24 }",
  };
  for (const seed of SEEDS) {
    const none = run("", seed);
    for (const [name, entry] of Object.entries(drugs)) {
      const drug = run(regimen(entry), seed);
      assert.ok(
        asynchronous(drug),
        `seed ${seed}: χE ${chi(drug)}, ${drug.events.length} events with ${name}`,
      );
      assert.ok(rateE(drug) < 1, `seed ${seed}: E rate ${rateE(drug)} with ${name}`);
      // What remains of the interneuron effect, quoted in the caveat: slower interneurons and a
      // lower GABA/glutamate conductance ratio onto the pyramidal cells.
      assert.ok((drug.rates.inhibitory as number) < (none.rates.inhibitory as number));
      const ratio = (s: Summary) => s.synapticInput.excitatory.inhibitionToExcitation.conductance!;
      assert.ok(ratio(drug) < ratio(none), `seed ${seed}: I/E ${ratio(none)} → ${ratio(drug)} with ${name}`);
      assert.deepEqual(drug.medication!.caveats, [PERISOMATIC_DRUG_CAVEATS.interneuronNaBlock]);
    }
  }
});

test("perisomatic circuit: variants burst; in Dravet carbamazepine is worse and fenfluramine better", () => {
  for (const seed of SEEDS) {
    for (const text of ["variants: [SCN8A]\n", "inapScale: 4\n"]) {
      const s = run(text, seed);
      assert.ok(bursting(s), `seed ${seed}, ${text.trim()}: χE ${chi(s)}, ${s.events.length} events`);
    }
  }
  const CHILD = "weightKg: 20, ";
  const seed = 1;
  const dravet = run("variants: [SCN1A]\n", seed);
  assert.ok(bursting(dravet), `Dravet χE ${chi(dravet)}`);
  const cbz = run(
    "variants: [SCN1A]\n" + regimen("{ drug: carbamazepine, doseMg: 150, everyHours: 12 }", CHILD),
    seed,
  );
  assert.ok(rateE(cbz) > 2 * rateE(dravet), `E rate ${rateE(dravet)} → ${rateE(cbz)} with carbamazepine`);
  assert.ok(cbz.events.length > dravet.events.length);
  const ffa = run(
    "variants: [SCN1A]\n" + regimen("{ drug: fenfluramine, doseMg: 7, everyHours: 12 }", CHILD),
    seed,
  );
  assert.ok(rateE(ffa) < 0.85 * rateE(dravet), `E rate ${rateE(dravet)} → ${rateE(ffa)} with fenfluramine`);
  assert.ok(ffa.events.length < dravet.events.length);
});
