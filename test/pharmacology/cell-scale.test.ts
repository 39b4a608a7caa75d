/**
 * Must-show results at the cell scale (issue 4): a Na-channel blocker at therapeutic brain levels
 * raises rheobase and lowers high-frequency firing of the Golomb CA1 pyramidal cell; P-gp up-regulation weakens
 * a substrate's (phenytoin) effect and not a non-substrate's (carbamazepine); on the Wang–Buzsáki
 * interneuron with SCN1A loss of function a Na blocker lowers firing further (the mechanism of
 * aggravation), while clobazam with stiripentol potentiates GABA-A inhibition of the cell.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { golombPyramidal, wangBuzsakiInterneuron } from "../../src/engines/cell/models.js";
import { fICurve, rheobase } from "../../src/engines/cell/analysis.js";
import { Population, toAbsolute, type NeuronModel } from "../../src/engines/cell/population.js";
import { gabaAReceptor } from "../../src/engines/cell/synapses.js";
import { applyVariants } from "../../src/pathophysiology/variants.js";
import { simulatePk } from "../../src/pharmacology/pk.js";
import { brainLevelsAtSteadyState, targetEffects } from "../../src/pharmacology/pharmacodynamics.js";
import { applyDrugs, synapticScalesWithDrugs } from "../../src/pharmacology/cell-effects.js";
import type { RegimenEntry } from "../../src/pharmacology/regimen.js";

const CLAMP = { dt: 0.025, duration: 600, settle: 100 };
const RHEOBASE = { ...CLAMP, tolerance: 0.005 };

/** Target effects at steady state of a regimen (brain unbound averages). */
function effectsOf(entries: RegimenEntry[], pgpExpression = 1, weightKg = 70) {
  const run = simulatePk(entries, { weightKg, pgpExpression }, { horizonHours: 60 * 24 });
  return targetEffects(brainLevelsAtSteadyState(run));
}

const CBZ: RegimenEntry[] = [{ drug: "carbamazepine", dose: 400, every: 12 }];
const PHT: RegimenEntry[] = [{ drug: "phenytoin", dose: 300, every: 24 }];

test("carbamazepine and phenytoin at usual doses raise rheobase and lower high-frequency firing of the Golomb pyramidal cell", () => {
  // The classical signature of use-dependent Na blockers is a limit on sustained high-frequency
  // firing (McLean & Macdonald 1986, J Pharmacol Exp Ther 238:727; recalled, UNVERIFIED). Near
  // threshold the modelled cell fires slightly faster once recruited (class-1 onset is steeper),
  // so the firing check is made at strong drive.
  const cell = golombPyramidal();
  const base = rheobase(cell, 0, 3, RHEOBASE).current;
  const currents = [3, 5];
  const f0 = fICurve(cell, currents, CLAMP).rate;
  for (const [name, regimen] of [
    ["carbamazepine", CBZ],
    ["phenytoin", PHT],
  ] as const) {
    const drugged = applyDrugs(cell, effectsOf(regimen), "excitatory");
    const r = rheobase(drugged, 0, 3, RHEOBASE).current;
    assert.ok(r > base + 0.01, `${name}: rheobase ${base} → ${r} µA/cm²`);
    const f1 = fICurve(drugged, currents, CLAMP).rate;
    for (let i = 0; i < currents.length; i++)
      assert.ok(f1[i] < f0[i] - 2, `${name} at ${currents[i]} µA/cm²: ${f0[i]} → ${f1[i]} Hz`);
  }
});

test("P-gp ×2 weakens phenytoin's (substrate) effect on rheobase and leaves carbamazepine's unchanged", () => {
  const cell = golombPyramidal();
  const base = rheobase(cell, 0, 3, RHEOBASE).current;
  const raise = (m: NeuronModel) => rheobase(m, 0, 3, RHEOBASE).current - base;
  const phtNormal = raise(applyDrugs(cell, effectsOf(PHT, 1), "excitatory"));
  const phtResistant = raise(applyDrugs(cell, effectsOf(PHT, 2), "excitatory"));
  assert.ok(phtResistant > 0 && phtResistant < phtNormal, `phenytoin: +${phtNormal} → +${phtResistant}`);
  assert.deepEqual(
    applyDrugs(cell, effectsOf(CBZ, 2), "excitatory"),
    applyDrugs(cell, effectsOf(CBZ, 1), "excitatory"),
  );
});

test("SCN1A interneuron: a Na blocker lowers firing further; clobazam + stiripentol strengthens GABA-A inhibition", () => {
  const wb = wangBuzsakiInterneuron();
  const dravet = applyVariants(wb, "inhibitory", ["SCN1A-LoF"]);
  const currents = [0.5, 1, 1.5, 2, 3];
  const healthy = fICurve(wb, currents, CLAMP).rate;
  const before = fICurve(dravet, currents, CLAMP).rate;
  // A child of 20 kg on carbamazepine 300 mg/day.
  const withCbz = applyDrugs(
    wb,
    effectsOf([{ drug: "carbamazepine", dose: 150, every: 12 }], 1, 20),
    "inhibitory",
    ["SCN1A-LoF"],
  );
  const after = fICurve(withCbz, currents, CLAMP).rate;
  let sumBefore = 0;
  let sumAfter = 0;
  for (let i = 0; i < currents.length; i++) {
    assert.ok(after[i] <= before[i], `at ${currents[i]} µA/cm²: ${before[i]} → ${after[i]} Hz`);
    sumBefore += before[i];
    sumAfter += after[i];
  }
  assert.ok(sumAfter < 0.8 * sumBefore, `interneuron output ${sumBefore} → ${sumAfter}`);
  assert.ok(healthy[0] > before[0], "the variant itself already lowers firing near threshold");

  // GABA-A: stiripentol raises clobazam and N-CLB (PK) on top of its own potentiation.
  const clb = effectsOf([{ drug: "clobazam", dose: 5, every: 12 }], 1, 20);
  const clbStp = effectsOf(
    [
      { drug: "clobazam", dose: 5, every: 12 },
      { drug: "stiripentol", dose: 500, every: 12 },
    ],
    1,
    20,
  );
  const gClb = synapticScalesWithDrugs(dravet, clb, "inhibitory").gabaA;
  const gBoth = synapticScalesWithDrugs(dravet, clbStp, "inhibitory").gabaA;
  assert.ok(gClb > 1 && gBoth > gClb, `GABA-A scale: clobazam ${gClb}, with stiripentol ${gBoth}`);
  // A pyramidal cell receiving 40 Hz GABA-A input fires less when the input is potentiated.
  const pyramidal = golombPyramidal();
  const spikes = (scale: number) => {
    const dt = 0.025;
    const pop = new Population({ name: "p", size: 1, model: pyramidal, receptors: [gabaAReceptor()] }, dt);
    pop.bias[0] = toAbsolute(2, pyramidal.area);
    const r = pop.receptors[0];
    let count = 0;
    const period = Math.round(25 / dt);
    for (let s = 0; s < Math.round(1000 / dt); s++) {
      if (s % period === 0) r.input[0] += 0.15 * scale * r.inputScale;
      pop.update();
      count += pop.detect(s);
    }
    return count;
  };
  const none = spikes(1);
  const potentiated = spikes(gBoth);
  assert.ok(none > 0 && potentiated < none, `spikes per second: ${none} → ${potentiated}`);
});

test("retigabine opens M channels (−33 mV at 10 µM, Main 2000) and at a usual dose raises the Golomb cell's rheobase", () => {
  const cell = golombPyramidal();
  const at10 = targetEffects([
    { drug: "retigabine", species: "parent", unboundMgPerL: (10 * 303.33) / 1000 },
  ]);
  assert.ok(Math.abs(at10[0].fraction - -33.1) < 0.5, `shift at 10 µM: ${at10[0].fraction} mV`);
  const usual = effectsOf([{ drug: "retigabine", dose: 300, every: 8 }]);
  const base = rheobase(cell, 0, 3, RHEOBASE).current;
  const opened = rheobase(applyDrugs(cell, usual, "excitatory"), 0, 5, RHEOBASE).current;
  assert.ok(opened > base + 0.02, `rheobase ${base} → ${opened} µA/cm²`);
});

test("kinetic Na block (naBlock: kinetic) at usual levels: no cell silenced, rheobase raised, late firing falls more than early", () => {
  // drugs.md §4 tables (scripts/na-block-kinetics.mjs). MHD (oxcarbazepine 750 mg q12h) has the
  // largest R_I of the four blockers; with the equilibrium form it silenced both cells.
  const KINETIC = { naBlock: "kinetic" } as const;
  const mhd = effectsOf([{ drug: "oxcarbazepine", dose: 750, every: 12 }]);
  const dt = 0.025;
  const steps = (model: NeuronModel, current: number) => {
    const pop = new Population({ name: "s", size: 1, model, receptors: [] }, dt);
    pop.bias[0] = toAbsolute(current, model.area);
    let early = 0;
    let late = 0;
    for (let s = 1; s <= Math.round(1000 / dt); s++) {
      pop.update();
      if (pop.detect(s) > 0) {
        if (s * dt <= 100) early++;
        if (s * dt > 500) late++;
      }
    }
    return { early, late };
  };
  const golomb = golombPyramidal();
  const base = rheobase(golomb, 0, 3, RHEOBASE).current;
  const drugged = applyDrugs(golomb, mhd, "excitatory", [], KINETIC);
  assert.ok(drugged.channels.find((c) => c.name === "na")!.block, "a kinetic block is attached");
  const r = rheobase(drugged, 0, 3, RHEOBASE).current;
  assert.ok(r > base + 0.02, `MHD: rheobase ${base} → ${r} µA/cm²`);
  const f0 = steps(golomb, base + 1);
  const f1 = steps(drugged, base + 1);
  assert.ok(f1.early >= f0.early - 1, `early ${f0.early} → ${f1.early} spikes`);
  assert.ok(f1.late <= 0.85 * f0.late && f1.late > 0, `late ${f0.late} → ${f1.late} spikes`);
  // The interneuron keeps firing (equilibrium form: silent at every current).
  const wb = wangBuzsakiInterneuron();
  const wbDrugged = applyDrugs(wb, mhd, "inhibitory", [], KINETIC);
  assert.ok(steps(wbDrugged, 1.2).late > 20, "MHD interneuron fires");
});
