/**
 * Drug results measured on the microcircuit (issue 4), through the scenario pipeline:
 * regimen → PK at steady state → occupancies → cell edits composed with the variants.
 *
 *  (a) GABA-A potentiation on the GABA-A-reduced circuit: clobazam's factor put onto the synapses
 *      onto pyramidal cells alone lowers χE far below the untreated circuit; the same factor onto
 *      interneuron synapses alone raises it, and a benzodiazepine acts on both, so clobazam itself
 *      raises χE, the pyramidal rate and the number of events here (docs/models/drugs.md §7);
 *  (b) the SCN1A (Dravet) circuit gets worse under carbamazepine and better under fenfluramine
 *      (through serotonergic tone, pharmacology/serotonergic.ts); stiripentol + clobazam lowers
 *      synchrony but raises the pyramidal rate and the number of events (disinhibition);
 *  (c) P-gp up-regulation weakens phenytoin's effect (a P-gp substrate in the catalogue) and leaves
 *      carbamazepine's (not a substrate) bit-identical.
 *  and the circuit defects that run summaries report as `caveats` (clobazam, phenytoin and
 *  lamotrigine make the healthy baseline burst) still hold.
 *
 * "Better" for a circuit means lower pyramidal synchrony χE AND fewer population events in the
 * same seed; "worse" means higher χE AND more events.
 *
 * Not asserted because not true of this circuit: "a benzodiazepine lowers χ of a GABA-A-reduced
 * circuit". No cited receptor-level asymmetry makes the potentiation onto interneurons small enough
 * (it would have to stay below ~×1.1–1.2 while the pyramidal side gets ×2–2.6; fast-spiking basket
 * synapses onto both targets are α1-type and clobazam's functional potency is the same at
 * α1/α2/α3/α5 receptors), and a benzodiazepine-sensitive tonic conductance on pyramidal cells
 * (α5) does not move χE even when doubling the leak (drugs.md §7, "Receptor-subtype levers").
 * Interneurons recruited by the pyramidal cells rather than by the external drive do make clobazam
 * lower χE of the bursting circuit, but no such weight set keeps the asynchronous baseline and the
 * other transitions (drugs.md §7, "Feedback-recruited interneurons").
 *
 * Comparisons are paired: a seed fixes connectivity, drive and initial state, so a drug and its
 * control differ only by the drug. Runs are 1 s (0.8 s analysed). Effects are required to have
 * the same sign in every seed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseScenario, ScenarioError, type MicrocircuitScenario } from "../../src/io/scenario.js";
import {
  MICROCIRCUIT_DRUG_CAVEATS,
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
} from "../../src/pipeline/run-microcircuit.js";
import { runMicrocircuit } from "../../src/engines/cell/microcircuit.js";
import { cachedMicrocircuitRuns, exampleText, microcircuitScenario } from "../helpers.js";

type Summary = ReturnType<typeof summariseMicrocircuitRun>;

const scenario = microcircuitScenario;
const run = cachedMicrocircuitRuns();
const chi = (s: Summary) => s.synchrony.excitatory as number;
const rateE = (s: Summary) => s.rates.excitatory as number;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// Hyperexcitable circuit: GABA-A onto pyramidal cells at 30% (χE ≈ 0.84 against ≈ 0.3–0.4 at
// 100%, seeds 1–3).
const HYPER = "gabaAScale: 0.3\n";
const SEEDS = [1, 2, 3];
const regimen = (entries: string, extra = "") => `medication: { ${extra}regimen: [${entries}] }\n`;

test("(a) GABA-A potentiation: onto pyramidal cells it desynchronises the GABA-A-reduced circuit, onto interneurons it does the opposite, and clobazam does both", () => {
  const clb = "{ drug: clobazam, doseMg: 10, everyHours: 12 }";
  for (const seed of SEEDS) {
    const none = run(HYPER, seed);
    const drug = run(HYPER + regimen(clb), seed);
    // Clobazam 10 mg q12h: CLB 0.27 mg/L and N-CLB 2.0 mg/L at one benzodiazepine site, GABA-A
    // × 1.866 onto both populations. Measured χE 0.841/0.844/0.847 → 0.868/0.849/0.874, E rate
    // 4.4 → 5.9–8.5 Hz, events 2 → 4/3/4. Asserted: no fall of χE, more events (disinhibition
    // through I→I).
    assert.ok(chi(drug) > chi(none), `seed ${seed}: χE ${chi(none)} → ${chi(drug)} with clobazam`);
    assert.ok(
      drug.events.length > none.events.length,
      `seed ${seed}: events ${none.events.length} → ${drug.events.length}`,
    );
    if (seed === 3) continue; // the engine-level split below uses seeds 1 and 2 (test time)
    // A benzodiazepine factor, put onto one side at a time (engine, same seed). A round factor of
    // 2.5 is used rather than the drug's own 1.866: between × 2 and × 2.8 the E-only circuit is
    // bistable between a quiet state (χE 0.33–0.45) and slower bursting (χE 0.68–0.74; seed 2 at
    // × 2.587 or × 2.8, seeds 2–3 at × 2.0), and below × 2 it does not reach the quiet state in
    // every seed (drugs.md §7), so × 2.5 shows the direction of each pathway.
    const factor = drug
      .medication!.edits.filter((e) => e.cell === "excitatory" && e.target === "gabaA")
      .reduce((p, e) => p * e.value, 1);
    assert.ok(factor > 1.8 && factor < 1.95, `clobazam GABA-A factor ${factor}`);
    const engine = (onE: number, onI: number) =>
      runMicrocircuit({
        seed,
        durationMs: 1000,
        transientMs: 200,
        receptorScales: { excitatory: { gabaA: 0.3 * onE }, inhibitory: { gabaA: onI } },
      });
    const ontoE = engine(2.5, 1);
    const ontoI = engine(1, 2.5);
    // Measured (seeds 1, 2): onto E only χE 0.361, 0.453 (E rate 0.8–0.9 Hz); onto I only χE 0.892,
    // 0.892 (E rate 10.1–10.5 Hz).
    assert.ok(ontoE.chiE < chi(none) - 0.2, `seed ${seed}: χE ${chi(none)} → ${ontoE.chiE} onto E only`);
    assert.ok(ontoE.rateE < 0.5 * rateE(none), `seed ${seed}: E rate ${rateE(none)} → ${ontoE.rateE}`);
    assert.ok(ontoI.chiE > chi(none) + 0.02, `seed ${seed}: χE ${chi(none)} → ${ontoI.chiE} onto I only`);
  }
});

test("known circuit defects reported in the summary's caveats hold: clobazam, phenytoin and lamotrigine make the healthy baseline burst", () => {
  // MICROCIRCUIT_DRUG_CAVEATS quotes these (docs/experiments/microcircuit-drug-robustness.md):
  // measured χE 0.31/0.41 → clobazam 0.55/0.54 (2, 2 events), phenytoin 0.60/0.72 (1, 2),
  // lamotrigine 0.83/0.84 (4, 4). When a circuit change removes a defect this test fails, and the
  // caveat has to go with it.
  const drugs = {
    clobazam: "{ drug: clobazam, doseMg: 10, everyHours: 12 }",
    phenytoin: "{ drug: phenytoin, doseMg: 300, everyHours: 24 }",
    lamotrigine: "{ drug: lamotrigine, doseMg: 200, everyHours: 12 }",
  };
  for (const seed of [1, 2]) {
    const none = run("", seed);
    assert.ok(chi(none) < 0.45 && none.events.length === 0, `seed ${seed}: baseline χE ${chi(none)}`);
    for (const [name, entry] of Object.entries(drugs)) {
      const drug = run(regimen(entry), seed);
      assert.ok(chi(drug) > 0.5, `seed ${seed}: χE ${chi(none)} → ${chi(drug)} with ${name}`);
      assert.ok(drug.events.length >= 1, `seed ${seed}: ${drug.events.length} events with ${name}`);
      assert.ok(
        rateE(drug) > 2 * rateE(none),
        `seed ${seed}: E rate ${rateE(none)} → ${rateE(drug)} with ${name}`,
      );
      // The Na blockers lower the inhibition-to-excitation conductance ratio onto the pyramidal
      // cells (measured 7.80/8.21 → phenytoin 5.99/6.16, lamotrigine 4.33/4.97), where slice
      // estimates found phenytoin and lamotrigine raising it (Greenhill & Jones 2010, Neuroscience
      // 167:456); clobazam raises it (→ 8.58/9.45) while still making the circuit burst.
      const ratio = (r: typeof none) => r.synapticInput.excitatory.inhibitionToExcitation.conductance!;
      if (name === "clobazam")
        assert.ok(
          ratio(drug) > ratio(none),
          `seed ${seed}: I/E ${ratio(none)} → ${ratio(drug)} with ${name}`,
        );
      else
        assert.ok(
          ratio(drug) < 0.85 * ratio(none),
          `seed ${seed}: I/E ${ratio(none)} → ${ratio(drug)} with ${name}`,
        );
    }
  }
});

const DRAVET = "variants: [SCN1A]\n";
const CHILD = "weightKg: 20, ";
const DRAVET_SEEDS = [1, 2];

test("(b) Dravet circuit: carbamazepine aggravates, fenfluramine improves, stiripentol + clobazam is mixed", () => {
  for (const seed of DRAVET_SEEDS) {
    const none = run(DRAVET, seed);
    // Carbamazepine 300 mg/day in a 20 kg child: plasma inside 4–12 mg/L.
    const cbz = run(DRAVET + regimen("{ drug: carbamazepine, doseMg: 150, everyHours: 12 }", CHILD), seed);
    const level = cbz.medication!.drugs.carbamazepine;
    assert.ok(level.plasmaTrough! >= 4 && level.plasmaPeak! <= 12, JSON.stringify(level));
    // Worse (kinetic block at the steady state of activity, the default): interneurons (already at
    // half Na conductance) nearly stop firing (16.5, 16.6 → 3.0, 2.5 Hz), the pyramidal rate rises
    // ×3.5–4 (11.7, 11.3 → 41.0, 45.9 Hz), χ rises (0.864, 0.875 → 0.940, 0.939), events 6 → 24, 27.
    assert.ok(chi(cbz) > chi(none) + 0.03, `seed ${seed}: χ ${chi(none)} → ${chi(cbz)} with carbamazepine`);
    assert.ok(rateE(cbz) > 2 * rateE(none), `seed ${seed}: E rate ${rateE(none)} → ${rateE(cbz)}`);
    assert.ok((cbz.rates.inhibitory as number) < 0.5 * (none.rates.inhibitory as number));
    assert.ok(cbz.events.length > none.events.length, `events ${none.events.length} → ${cbz.events.length}`);

    // Fenfluramine 0.7 mg/kg/day: serotonergic tone ≈ 1.9 → GABA onto pyramidal cells × 1.39 and
    // a small hyperpolarising current. Measured χ 0.864 → 0.799, 0.875 → 0.825; E rate 11.7 → 6.9,
    // 11.3 → 8.2. Required: χ lower and the pyramidal rate at least 20% lower in every seed.
    const ffa = run(DRAVET + regimen("{ drug: fenfluramine, doseMg: 7, everyHours: 12 }", CHILD), seed);
    assert.ok(ffa.medication!.serotonergicTone! > 1.5, `tone ${ffa.medication!.serotonergicTone}`);
    assert.ok(chi(ffa) < chi(none) - 0.02, `seed ${seed}: χ ${chi(none)} → ${chi(ffa)} with fenfluramine`);
    assert.ok(rateE(ffa) < 0.8 * rateE(none), `seed ${seed}: E rate ${rateE(none)} → ${rateE(ffa)}`);
    // Better by the definition above: fewer events too (measured 6 → 4, 5).
    assert.ok(
      ffa.events.length < none.events.length,
      `seed ${seed}: events ${none.events.length} → ${ffa.events.length}`,
    );

    // Stiripentol 50 mg/kg/day + clobazam 0.5 mg/kg/day (GABA-A × 2.32 from the benzodiazepine
    // site × 1.03 from stiripentol's own, onto both populations): χ falls (0.864 → 0.819,
    // 0.875 → 0.807) but the pyramidal rate rises (11.7 → 14.6, 11.3 → 12.0) and events rise
    // (6 → 9, 9): potentiated I→I inhibition disinhibits the pyramidal cells. Both directions are
    // asserted so that a change of either is noticed.
    const stpClb = run(
      DRAVET +
        regimen(
          "{ drug: stiripentol, doseMg: 500, everyHours: 12 }, { drug: clobazam, doseMg: 5, everyHours: 12 }",
          CHILD,
        ),
      seed,
    );
    assert.ok(chi(stpClb) < chi(none) - 0.03, `seed ${seed}: χ ${chi(none)} → ${chi(stpClb)} with STP + CLB`);
    assert.ok(
      rateE(stpClb) > rateE(none),
      `seed ${seed}: E rate ${rateE(none)} → ${rateE(stpClb)} with STP + CLB`,
    );
    // Not "better" by the definition above: events rise (measured 6 → 9, 9).
    assert.ok(stpClb.events.length > none.events.length, `seed ${seed}: events with STP + CLB`);
  }
});

test("(c) P-gp × 3 weakens phenytoin's (substrate) effect on the circuit and leaves carbamazepine's (non-substrate) identical", () => {
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
    // Phenytoin's effect on this circuit (kinetic block at the steady state of the circuit's
    // activity, the default): Na block slows the interneurons and the pyramidal cells fire more,
    // with one population event more in every seed. The effect asserted is the change of the
    // pyramidal rate, the circuit's output. The interneuron rate is not: its fall is the net of
    // the block and of the extra recurrent excitation from the pyramidal cells, which shrinks
    // with P-gp too, and it does not shrink (measured falls 2.28, 1.97, 2.71 Hz; with P-gp 2.38,
    // 3.09, 2.90 Hz; drugs.md §7).
    normal.push(Math.abs(rateE(a) - rateE(none)));
    resistant.push(Math.abs(rateE(b) - rateE(none)));
    assert.ok(
      b.events.length <= a.events.length,
      `seed ${seed}: events ${a.events.length} → ${b.events.length} with P-gp`,
    );
  }
  // Measured pyramidal-rate changes (1 s, seeds 1–3): normal +1.48, +1.69, +1.40 Hz; P-gp +0.31,
  // −0.27, −0.21 Hz. Weaker in every seed and on average by more than a quarter.
  for (let k = 0; k < SEEDS.length; k++)
    assert.ok(
      resistant[k] < normal[k],
      `seed ${SEEDS[k]}: pyramidal rate change ${normal[k]} → ${resistant[k]} Hz with P-gp`,
    );
  assert.ok(mean(normal) > 1, `phenytoin's own effect ${mean(normal)} Hz`);
  assert.ok(mean(resistant) < 0.75 * mean(normal), `mean change ${mean(normal)} → ${mean(resistant)} Hz`);

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
  // Stiripentol and clobazam potentiate GABA-A onto the interneurons: the summary carries that
  // circuit defect (drugs.md §7), and only that one (no Na block in this regimen).
  assert.deepEqual(m.caveats, [MICROCIRCUIT_DRUG_CAVEATS.interneuronGabaAPotentiation]);

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

  // Caveats follow the edits: a Na blocker's block of the interneurons triggers the Na one; a drug
  // acting on neither (perampanel, AMPA) triggers none. Short runs: only the summary is checked.
  const caveatsOf = (entries: string) =>
    summariseMicrocircuitRun(
      runMicrocircuitScenario({
        ...scenario(regimen(entries), 1),
        simulation: { duration: 50, transient: 10, dt: 0.025 },
      }),
    ).medication!.caveats;
  assert.deepEqual(caveatsOf("{ drug: phenytoin, doseMg: 300, everyHours: 24 }"), [
    MICROCIRCUIT_DRUG_CAVEATS.interneuronNaBlock,
  ]);
  assert.deepEqual(caveatsOf("{ drug: perampanel, doseMg: 8, everyHours: 24 }"), []);

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

test("Na block forms: the kinetic default starts at the block of ongoing activity; the equilibrium form also aggravates the Dravet circuit", () => {
  // Default (kinetic, 500 ms accelerated pre-run): measured above in (b). The former default,
  // naBlock: equilibrium (h shifted and ḡ scaled at all times), over the same 1 s: χE 0.864 →
  // 0.93, E rate 11.7 → 37–38 Hz (drugs.md §7). One seed here (test time).
  const none = run(DRAVET, 1);
  const eq = run(
    DRAVET +
      regimen("{ drug: carbamazepine, doseMg: 150, everyHours: 12 }", "weightKg: 20, naBlock: equilibrium, "),
    1,
  );
  assert.ok(!eq.medication!.edits.some((e) => e.kind === "blockChannel"), "no kinetic block");
  assert.ok(chi(eq) > chi(none) + 0.03, `χ ${chi(none)} → ${chi(eq)}`);
  assert.ok(rateE(eq) > 2 * rateE(none), `E rate ${rateE(none)} → ${rateE(eq)}`);
  const kin = run(DRAVET + regimen("{ drug: carbamazepine, doseMg: 150, everyHours: 12 }", CHILD), 1);
  assert.ok(
    kin.medication!.edits.some((e) => e.kind === "blockChannel" && e.cell === "inhibitory"),
    "the interneurons carry a kinetic block by default",
  );
  // Without the pre-run (block at rest) the 1 s run sees less block: fewer pyramidal spikes.
  const sc = scenario(DRAVET + regimen("{ drug: carbamazepine, doseMg: 150, everyHours: 12 }", CHILD), 1);
  const atRest = runMicrocircuitScenario(sc, { blockEquilibrationMs: 0 });
  assert.equal(atRest.result.blockEquilibrationMs, 0);
  assert.ok(atRest.result.rateE < rateE(kin) - 5, `E rate from rest ${atRest.result.rateE} vs ${rateE(kin)}`);
});
