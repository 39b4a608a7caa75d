/**
 * Channelopathy variants: each changes single-cell excitability in the direction its sources
 * report, leaves the cell types it does not affect alone, and composes independently of order.
 *
 * Directions are the claims under test; the magnitudes in the catalogue are mostly modelling
 * conventions (see `evidence` in src/pathophysiology/variants.ts), so the thresholds below only
 * require a clear change, not a particular size. Numbers measured with this implementation are in
 * docs/models/cells.md ("Channelopathy variants").
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { currentClamp, fICurve, rheobase } from "../../src/engines/cell/analysis.js";
import { gateSteadyState, leakChannel, tCurrent, type ChannelSpec } from "../../src/engines/cell/channels.js";
import { cobahhPyramidal, golombPyramidal, wangBuzsakiInterneuron } from "../../src/engines/cell/models.js";
import type { NeuronModel } from "../../src/engines/cell/population.js";
import {
  applyVariants,
  findVariant,
  synapticScales,
  VARIANTS,
  type Variant,
} from "../../src/pathophysiology/variants.js";

const clamp = { dt: 0.01, duration: 1000, settle: 200 };

function channel(model: NeuronModel, name: string): ChannelSpec {
  const c = model.channels.find((x) => x.name === name);
  assert.ok(c, `model ${model.name} has channel ${name}`);
  return c;
}

const max = (xs: ArrayLike<number>) => Math.max(...Array.from(xs));

test("catalogue: required genes, unique ids, every edit sourced, sized within its range", () => {
  for (const gene of ["SCN1A", "SCN2A", "SCN8A", "KCNQ2", "GABRG2", "GABRA1", "CACNA1H"]) {
    assert.ok(
      VARIANTS.some((v) => v.gene === gene),
      `catalogue has ${gene}`,
    );
  }
  assert.equal(new Set(VARIANTS.map((v) => v.id)).size, VARIANTS.length);
  assert.ok(VARIANTS.filter((v) => v.gene === "KCNQ2").length >= 2, "KCNQ2 has BFNS and DEE entries");
  for (const v of VARIANTS) {
    assert.ok(v.affects.length > 0 && v.edits.length > 0 && v.references.length > 0, v.id);
    for (const e of v.edits) {
      assert.ok(e.source.length > 0 && e.evidence.note.length > 0, `${v.id}: edit sourced`);
      assert.ok(Number.isFinite(e.value), `${v.id}: finite size`);
      if (e.range) assert.ok(e.value >= e.range[0] && e.value <= e.range[1], `${v.id}: ${e.value} in range`);
      if (e.kind !== "shiftGate") assert.ok(e.value >= 0, `${v.id}: scale factor >= 0`);
    }
  }
});

test("SCN1A LoF: the interneuron's rheobase rises and its maximal rate over strong drive falls", (t) => {
  const wb = wangBuzsakiInterneuron();
  const dravet = applyVariants(wb, "inhibitory", ["SCN1A"]);
  assert.equal(channel(dravet, "na").conductance, 0.5 * channel(wb, "na").conductance);
  const currents = [0.5, 1, 2, 5, 10, 20, 40, 80];
  const fNormal = fICurve(wb, currents, clamp);
  const fDravet = fICurve(dravet, currents, clamp);
  const rNormal = rheobase(wb, 0, 2, { ...clamp, tolerance: 5e-3 }).current;
  const rDravet = rheobase(dravet, 0, 2, { ...clamp, tolerance: 5e-3 }).current;
  t.diagnostic(
    `rheobase ${rNormal.toFixed(3)} -> ${rDravet.toFixed(3)} µA/cm²; max rate ` +
      `${max(fNormal.rate)} -> ${max(fDravet.rate)} Hz; rates ${Array.from(fNormal.rate)} -> ${Array.from(fDravet.rate)}`,
  );
  assert.ok(rDravet > rNormal + 0.2, `rheobase rises: ${rNormal} -> ${rDravet}`);
  assert.ok(max(fDravet.rate) < 0.85 * max(fNormal.rate), "maximal firing rate falls");
  // Depolarisation block: at the strongest drive where the normal cell still fires, the lesioned one is silent.
  let last = currents.length - 1;
  while (last > 0 && fNormal.rate[last] === 0) last--;
  assert.equal(fDravet.rate[last], 0, `silent at ${currents[last]} µA/cm²`);
});

test("SCN2A GoF lowers the COBAHH pyramidal rheobase and raises its rate at a fixed current", (t) => {
  const cell = cobahhPyramidal();
  const gof = applyVariants(cell, "excitatory", ["SCN2A"]);
  // The Traub–Miles cell has no INaP: the variant inserts one at 1% of ḡNa, then scales it.
  assert.ok(Math.abs(channel(gof, "nap").conductance - 3) < 1e-12);
  const r0 = rheobase(cell, -2, 5, { ...clamp, tolerance: 5e-3 }).current;
  const r1 = rheobase(gof, -2, 5, { ...clamp, tolerance: 5e-3 }).current;
  const f = fICurve(cell, [2], clamp).rate[0];
  const g = fICurve(gof, [2], clamp).rate[0];
  t.diagnostic(`rheobase ${r0.toFixed(3)} -> ${r1.toFixed(3)} µA/cm²; f(2 µA/cm²) ${f} -> ${g} Hz`);
  assert.ok(r1 < r0 - 0.1, `rheobase falls: ${r0} -> ${r1}`);
  assert.ok(g > f, `rate at 2 µA/cm² rises: ${f} -> ${g}`);
});

test("SCN8A and SCN2A GoF and KCNQ2 loss lower the Golomb pyramidal rheobase and raise its rate", (t) => {
  const cell = golombPyramidal();
  const r0 = rheobase(cell, 0, 3, { ...clamp, tolerance: 5e-3 }).current;
  const f0 = fICurve(cell, [2], clamp).rate[0];
  const lines = [`control: rheobase ${r0.toFixed(3)}, f(2) ${f0} Hz`];
  const results = new Map<string, number>();
  for (const id of ["SCN8A-GoF", "SCN2A-GoF", "KCNQ2-BFNS", "KCNQ2-DEE"]) {
    const m = applyVariants(cell, "excitatory", [id]);
    const r = rheobase(m, 0, 3, { ...clamp, tolerance: 5e-3 }).current;
    const f = fICurve(m, [2], clamp).rate[0];
    lines.push(`${id}: rheobase ${r.toFixed(3)}, f(2) ${f} Hz`);
    results.set(id, r);
    assert.ok(r < r0 - 0.05, `${id}: rheobase ${r0} -> ${r}`);
    assert.ok(f > f0, `${id}: f(2 µA/cm²) ${f0} -> ${f}`);
  }
  t.diagnostic(lines.join("; "));
  // The dominant-negative loss removes more M current than BFNS and should excite more.
  assert.ok(results.get("KCNQ2-DEE")! < results.get("KCNQ2-BFNS")!);
});

/** A passive cell with a T current, enough for a low-threshold rebound (no Na/K spikes). */
function thalamicTestCell(): NeuronModel {
  return {
    name: "passiveT",
    description: "leak + T-type Ca (test cell)",
    capacitance: 1,
    area: 100,
    channels: [leakChannel({ gbar: 0.05, E: -70 }), tCurrent()],
    threshold: 0,
    refractory: 5,
    celsius: 36,
    initialPotential: -70,
    citation: "test",
  };
}

test("CACNA1H GoF raises the T-type window current and the rebound after hyperpolarisation", (t) => {
  const cell = thalamicTestCell();
  const gof = applyVariants(cell, "thalamocortical", ["CACNA1H"]);
  const window = (c: ChannelSpec, v: number) =>
    c.conductance * gateSteadyState(c.gates[0], v) ** 2 * gateSteadyState(c.gates[1], v) * (v - c.reversal);
  for (let v = -90; v <= -40; v += 5) {
    const a = window(channel(cell, "cat"), v);
    const b = window(channel(gof, "cat"), v);
    assert.ok(b < a, `more inward window current at ${v} mV: ${a} -> ${b} µA/cm²`);
  }
  // Hyperpolarise for 300 ms (de-inactivating h), release, and measure the rebound peak.
  const protocol = (time: number) => (time >= 100 && time < 400 ? -1.5 : 0);
  const peak = (m: NeuronModel) => {
    const tr = currentClamp(m, protocol, { dt: 0.025, duration: 700, settle: 0 });
    return max(tr.v.subarray(Math.round(400 / 0.025)));
  };
  const p0 = peak(cell);
  const p1 = peak(gof);
  t.diagnostic(
    `window current at -65 mV ${window(channel(cell, "cat"), -65).toFixed(4)} -> ` +
      `${window(channel(gof, "cat"), -65).toFixed(4)} µA/cm²; rebound peak ${p0.toFixed(2)} -> ${p1.toFixed(2)} mV`,
  );
  assert.ok(p1 > p0 + 1, `rebound peak rises: ${p0} -> ${p1} mV`);
});

test("variants leave the cell types they do not affect unchanged", () => {
  const wb = wangBuzsakiInterneuron();
  const golomb = golombPyramidal();
  const tc = thalamicTestCell();
  assert.deepEqual(applyVariants(golomb, "excitatory", ["SCN1A"]), golomb);
  assert.deepEqual(applyVariants(wb, "inhibitory", ["SCN8A", "SCN2A"]), wb);
  assert.deepEqual(applyVariants(golomb, "excitatory", ["CACNA1H"]), golomb);
  assert.deepEqual(applyVariants(tc, "thalamocortical", ["SCN1A", "SCN8A"]), tc);
  // A model without the edited channel is unchanged in its channels (WB has no M current).
  assert.deepEqual(applyVariants(wb, "inhibitory", ["KCNQ2-DEE"]).channels, wb.channels);
  // Synaptic variants do not change neuron models; they give receptor scales instead.
  assert.deepEqual(applyVariants(golomb, "excitatory", ["GABRG2", "GABRA1"]).channels, golomb.channels);
  assert.deepEqual(synapticScales("excitatory", ["SCN1A", "KCNQ2-BFNS"]), {});
  // KCNQ2 acts on every class, so the thalamocortical cell's M current would be cut too.
  assert.ok(findVariant("KCNQ2-BFNS").affects.includes("all"));
});

test("GABA-A subunit variants give a synaptic scale that composes multiplicatively", () => {
  const g2 = synapticScales("inhibitory", ["GABRG2"]);
  const both = synapticScales("excitatory", ["GABRA1", "GABRG2"]);
  assert.deepEqual(Object.keys(g2), ["gabaA"]);
  assert.ok(g2.gabaA >= 0.5 && g2.gabaA <= 0.8);
  assert.equal(both.gabaA, findVariant("GABRA1").edits[0].value * findVariant("GABRG2").edits[0].value);
  assert.deepEqual(synapticScales("excitatory", ["GABRG2", "GABRA1"]), both);
});

test("composition: order-independent, scales multiply, shifts add, inputs untouched", () => {
  const golomb = golombPyramidal();
  const before = structuredClone(golomb);
  const ids = ["SCN8A-GoF", "KCNQ2-DEE", "SCN2A-GoF"];
  const a = applyVariants(golomb, "excitatory", ids);
  assert.deepEqual(applyVariants(golomb, "excitatory", [...ids].reverse()), a);
  assert.deepEqual(applyVariants(golomb, "excitatory", [ids[1], ids[0], ids[2]]), a);
  assert.deepEqual(golomb, before, "input model not mutated");

  const nap0 = channel(golomb, "nap").conductance;
  assert.ok(Math.abs(channel(a, "nap").conductance - nap0 * 5 * 3) < 1e-12, "INaP scales multiply");
  assert.ok(Math.abs(channel(a, "km").conductance - 0.375) < 1e-12);
  // Golomb's h∞ = Γ(V, -45, -7): both variants shift it by +5 mV, together +10.
  const h = channel(a, "na").gates.find((g) => g.name === "h")!;
  assert.ok(h.kinetics.kind === "steadyState" && h.kinetics.inf.kind === "sigmoid");
  assert.equal(h.kinetics.inf.midpoint, -35);

  // A user-defined variant composes with a catalogue one, on the same channel, in either order.
  const custom: Variant = {
    id: "test-na-cut",
    gene: "TEST",
    protein: "test",
    variantClass: "test",
    phenotype: "test",
    affects: ["inhibitory"],
    edits: [
      {
        kind: "scaleConductance",
        target: "na",
        value: 0.7,
        unit: "factor",
        source: "test",
        evidence: { status: "UNVERIFIED", note: "test" },
      },
    ],
    references: [],
  };
  const wb = wangBuzsakiInterneuron();
  const x = applyVariants(wb, "inhibitory", [custom, "SCN1A"]);
  assert.deepEqual(applyVariants(wb, "inhibitory", ["SCN1A", custom]), x);
  assert.ok(Math.abs(channel(x, "na").conductance - 35 * 0.5 * 0.7) < 1e-12);
});

test("names: unknown genes list the catalogue; ambiguous genes list their entries; repeats rejected", () => {
  const wb = wangBuzsakiInterneuron();
  assert.throws(
    () => applyVariants(wb, "inhibitory", ["SCN9Z"]),
    (e: Error) =>
      e instanceof RangeError &&
      /unknown variant 'SCN9Z'/.test(e.message) &&
      VARIANTS.every((v) => e.message.includes(v.id)),
  );
  assert.throws(() => findVariant("KCNQ2"), /ambiguous.*KCNQ2-BFNS.*KCNQ2-DEE/);
  assert.equal(findVariant("scn1a").id, "SCN1A-LoF");
  assert.equal(findVariant("kcnq2-dee").id, "KCNQ2-DEE");
  assert.throws(() => applyVariants(wb, "inhibitory", ["SCN1A", "SCN1A-LoF"]), /listed twice/);
});
