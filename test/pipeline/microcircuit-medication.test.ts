/**
 * Must-show drug results measured on the microcircuit (issue 4), through the scenario pipeline:
 * regimen → PK at steady state → occupancies → cell edits composed with the variants.
 *
 *  (a) GABA-A potentiation (clobazam) at a therapeutic level lowers the pyramidal synchrony χ of a
 *      circuit made hyperexcitable by reduced GABA-A conductance onto pyramidal cells;
 *  (b) the SCN1A (Dravet) circuit gets worse under carbamazepine and better under stiripentol +
 *      clobazam and under fenfluramine (through serotonergic tone, pharmacology/serotonergic.ts);
 *  (c) P-gp up-regulation weakens phenytoin's effect (a P-gp substrate in the catalogue) and leaves
 *      carbamazepine's (not a substrate) bit-identical.
 *
 * Comparisons are paired: a seed fixes connectivity, drive and initial state, so a drug and its
 * control differ only by the drug. Runs are 1 s (0.8 s analysed). Effects are required to have
 * the same sign in every seed and, on average, to exceed 0.05 in χ: more than the seed-to-seed
 * spread of the untreated χ (s.d. ≈ 0.04 over seeds 1–3), so not an accident of one circuit.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseScenario, ScenarioError, type MicrocircuitScenario } from "../../src/io/scenario.js";
import { runMicrocircuitScenario, summariseMicrocircuitRun } from "../../src/pipeline/run-microcircuit.js";
import { exampleText } from "../helpers.js";

type Summary = ReturnType<typeof summariseMicrocircuitRun>;

function scenario(text: string, seed: number, duration = 1000): MicrocircuitScenario {
  const s = parseScenario(
    `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: ${duration}, transient: 200 }\n${text}`,
    "test.yaml",
  );
  if (s.kind !== "microcircuit") throw new Error("not a microcircuit");
  return s;
}

const cache = new Map<string, Summary>();
function run(text: string, seed: number): Summary {
  const key = `${seed}\n${text}`;
  let s = cache.get(key);
  if (!s) {
    s = summariseMicrocircuitRun(runMicrocircuitScenario(scenario(text, seed)));
    cache.set(key, s);
  }
  return s;
}
const chi = (s: Summary) => s.synchrony.excitatory as number;
const rateE = (s: Summary) => s.rates.excitatory as number;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// Hyperexcitable circuit: GABA-A onto pyramidal cells at 43% (χ ≈ 0.67–0.75 against ≈ 0.3 at
// 100%, test/pipeline/microcircuit.test.ts), the "reduced GABA-A" model of the must-show.
const HYPER = "gabaAScale: 0.43\n";
const SEEDS = [1, 2, 3];
const regimen = (entries: string, extra = "") => `medication: { ${extra}regimen: [${entries}] }\n`;

test("(a) clobazam 10 mg every 12 h lowers χ of a circuit made hyperexcitable by reduced GABA-A", () => {
  const drops = SEEDS.map((seed) => {
    const before = run(HYPER, seed);
    const after = run(HYPER + regimen("{ drug: clobazam, doseMg: 10, everyHours: 12 }"), seed);
    const level = after.medication!.drugs.clobazam;
    // Therapeutic: the catalogue's reference range (Patsalos 2008) at steady state.
    const range = level.therapeuticRange!;
    assert.ok(level.plasmaAverage! >= range.low && level.plasmaAverage! <= range.high, JSON.stringify(level));
    assert.ok(level.occupancies.gabaA! > 0.3, `GABA-A occupancy ${level.occupancies.gabaA}`);
    assert.ok(chi(before) > 0.6, `hyperexcitable baseline χ ${chi(before)} (seed ${seed})`);
    return chi(before) - chi(after);
  });
  // Measured: drops 0.073, 0.068, 0.133 (χ 0.75 → 0.68, 0.67 → 0.60, 0.73 → 0.59). The pyramidal
  // rate rises meanwhile (4.8 → 8.7 Hz): I→I GABA-A is potentiated too (disinhibition).
  assert.ok(
    drops.every((d) => d > 0),
    `χ drops ${drops.map((d) => d.toFixed(3))}`,
  );
  assert.ok(mean(drops) > 0.05, `mean χ drop ${mean(drops).toFixed(3)}`);
});

const DRAVET = "variants: [SCN1A]\n";
const CHILD = "weightKg: 20, ";
const DRAVET_SEEDS = [1, 2];

test("(b) Dravet circuit: carbamazepine aggravates; stiripentol + clobazam and fenfluramine improve", () => {
  for (const seed of DRAVET_SEEDS) {
    const none = run(DRAVET, seed);
    // Carbamazepine 300 mg/day in a 20 kg child: plasma inside 4–12 mg/L.
    const cbz = run(DRAVET + regimen("{ drug: carbamazepine, doseMg: 150, everyHours: 12 }", CHILD), seed);
    const level = cbz.medication!.drugs.carbamazepine;
    assert.ok(level.plasmaTrough! >= 4 && level.plasmaPeak! <= 12, JSON.stringify(level));
    // Worse: interneurons (already at half Na conductance) nearly stop firing (18 → 1 Hz), the
    // pyramidal rate rises ×5–6 (10 → 50 Hz), χ rises (0.66 → 0.91). Population events are not
    // compared: with activity raised throughout, the median-relative threshold may find none.
    assert.ok(chi(cbz) > chi(none) + 0.05, `seed ${seed}: χ ${chi(none)} → ${chi(cbz)} with carbamazepine`);
    assert.ok(rateE(cbz) > 2 * rateE(none), `seed ${seed}: E rate ${rateE(none)} → ${rateE(cbz)}`);
    assert.ok((cbz.rates.inhibitory as number) < 0.5 * (none.rates.inhibitory as number));

    // Stiripentol 50 mg/kg/day + clobazam 0.5 mg/kg/day: GABA-A potentiation by both, clobazam
    // raised by stiripentol's inhibition. χ falls (measured 0.66 → 0.51, 0.62 → 0.54); the
    // pyramidal rate does not fall (disinhibition through potentiated I→I synapses), so the
    // improvement asserted is the synchrony one.
    const stpClb = run(
      DRAVET +
        regimen(
          "{ drug: stiripentol, doseMg: 500, everyHours: 12 }, { drug: clobazam, doseMg: 5, everyHours: 12 }",
          CHILD,
        ),
      seed,
    );
    assert.ok(chi(stpClb) < chi(none) - 0.05, `seed ${seed}: χ ${chi(none)} → ${chi(stpClb)} with STP + CLB`);

    // Fenfluramine 0.7 mg/kg/day: serotonergic tone ≈ 1.9 → GABA onto pyramidal cells × 1.39 and
    // a small hyperpolarising current. Measured χ 0.66 → 0.54, 0.62 → 0.46; E rate 10.1 → 5.9, 7.8 → 4.4.
    const ffa = run(DRAVET + regimen("{ drug: fenfluramine, doseMg: 7, everyHours: 12 }", CHILD), seed);
    assert.ok(ffa.medication!.serotonergicTone! > 1.5, `tone ${ffa.medication!.serotonergicTone}`);
    assert.ok(chi(ffa) < chi(none) - 0.05, `seed ${seed}: χ ${chi(none)} → ${chi(ffa)} with fenfluramine`);
    assert.ok(rateE(ffa) < rateE(none), `seed ${seed}: E rate ${rateE(none)} → ${rateE(ffa)}`);
  }
});

test("(c) P-gp × 3 weakens phenytoin's (substrate) effect on χ and leaves carbamazepine's (non-substrate) identical", () => {
  const pht = "{ drug: phenytoin, doseMg: 300, everyHours: 24 }";
  // E = 3 lowers phenytoin's brain/plasma ratio by 40% (ER0 = 0.5), inside the 19–43% range of
  // the dossier (inflammation_modulation.md §4).
  const pgp = "resistance: { transporter: { pgpExpression: 3 } }\n";
  const normal: number[] = [];
  const resistant: number[] = [];
  for (const seed of SEEDS) {
    const none = run(HYPER, seed);
    const a = run(HYPER + regimen(pht), seed);
    const b = run(HYPER + regimen(pht) + pgp, seed);
    const ratio = b.medication!.drugs.phenytoin.brainUnbound / a.medication!.drugs.phenytoin.brainUnbound;
    assert.ok(Math.abs(ratio - 0.6) < 1e-3, `brain level ratio ${ratio}`);
    assert.equal(b.medication!.drugs.phenytoin.plasmaAverage, a.medication!.drugs.phenytoin.plasmaAverage);
    normal.push(chi(none) - chi(a));
    resistant.push(chi(none) - chi(b));
  }
  // Measured drops: normal 0.12, 0.10, 0.18; P-gp 0.06, 0.06, 0.06. Weaker in every seed, and on
  // average by more than a quarter.
  for (let k = 0; k < SEEDS.length; k++)
    assert.ok(resistant[k] < normal[k], `seed ${SEEDS[k]}: χ drop ${normal[k]} → ${resistant[k]} with P-gp`);
  assert.ok(mean(normal) > 0.05, `phenytoin's own effect ${mean(normal)}`);
  assert.ok(mean(resistant) < 0.75 * mean(normal), `mean drop ${mean(normal)} → ${mean(resistant)}`);

  const cbz = "{ drug: carbamazepine, doseMg: 400, everyHours: 12 }";
  const c1 = runMicrocircuitScenario(scenario(HYPER + regimen(cbz), 1, 400));
  const c2 = runMicrocircuitScenario(scenario(HYPER + regimen(cbz) + pgp, 1, 400));
  const c0 = runMicrocircuitScenario(scenario(HYPER, 1, 400));
  assert.notDeepEqual(c1.result.spikeSteps, c0.result.spikeSteps, "carbamazepine changes the circuit");
  assert.deepEqual(c2.result.spikeSteps, c1.result.spikeSteps);
  assert.deepEqual(c2.result.spikeNeurons, c1.result.spikeNeurons);
});

test("microcircuit medication: summary per drug, given brain levels, example, refusals", () => {
  const ex = parseScenario(exampleText("microcircuit-dravet-medication.yaml"), "ex.yaml");
  assert.equal(ex.kind, "microcircuit");
  const short = { ...(ex as MicrocircuitScenario), simulation: { duration: 300, transient: 100, dt: 0.025 } };
  const s = summariseMicrocircuitRun(runMicrocircuitScenario(short));
  const m = s.medication!;
  assert.deepEqual(Object.keys(m.drugs), ["clobazam", "fenfluramine", "stiripentol"]);
  // Stiripentol inhibits clobazam's clearance: its level exceeds the alone-level (0.5 mg/kg/day).
  assert.ok(m.drugs.clobazam.metaboliteBrainUnbound! > 0);
  assert.ok(m.edits.some((e) => e.origin.includes("stiripentol") && e.target === "gabaA"));
  assert.ok(m.edits.some((e) => e.kind === "biasCurrent" && e.origin.startsWith("fenfluramine")));
  assert.ok(s.models.inhibitory.includes("SCN1A-LoF"));

  // A level given directly acts as the same level reached by a regimen.
  const viaPk = run(HYPER + regimen("{ drug: clobazam, doseMg: 10, everyHours: 12 }"), 1).medication!;
  const c = viaPk.drugs.clobazam;
  const direct = summariseMicrocircuitRun(
    runMicrocircuitScenario(
      scenario(
        HYPER +
          `medication: { brainUnbound: { clobazam: { parent: ${c.brainUnbound}, metabolite: ${c.metaboliteBrainUnbound} } } }\n`,
        1,
      ),
    ),
  ).medication!;
  assert.deepEqual(direct.drugs.clobazam.occupancies, c.occupancies);
  assert.equal(direct.drugs.clobazam.plasmaAverage, null);

  const problems = (text: string) => {
    try {
      scenario(text, 1);
    } catch (err) {
      assert.ok(err instanceof ScenarioError);
      return err.problems.join("\n");
    }
    assert.fail("accepted");
  };
  assert.match(
    problems(regimen("{ drug: aspirin, doseMg: 100, everyHours: 12 }")),
    /medication\.regimen\[0\]\.drug = "aspirin": unknown drug/,
  );
  assert.match(
    problems(regimen("{ drug: clobazam, doseMg: -5, everyHours: 12 }")),
    /medication\.regimen\[0\]\.doseMg = -5: must be > 0/,
  );
  assert.match(
    problems(regimen("{ drug: clobazam, doseMg: 500, everyHours: 12 }")),
    /medication\.regimen\[0\] \(clobazam\)\.doseMg = 500 mg .*above twice the maximal/,
  );
  assert.match(
    problems("resistance: { network: { gain: 0.5 } }\n"),
    /resistance\.network: acts at the network scale/,
  );
  assert.match(
    problems(
      "medication: { regimen: [{ drug: CBZ, doseMg: 200, everyHours: 12 }], brainUnbound: { carbamazepine: 1 } }\n",
    ),
    /brainUnbound\.carbamazepine: the drug is also in medication\.regimen/,
  );
});
