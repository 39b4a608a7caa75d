/**
 * The slow Na inactivation option (channels.ts withSlowInactivation, Migliore et al. 1999 form)
 * and its use on the Wang–Buzsáki interneuron (docs/experiments/fs-interneuron.md): off by
 * default and then the published model unchanged; with it, s∞ and τs equal na3.mod's formulas
 * (written out here from the paper's form, independently of the VoltageFunction encoding); and
 * the property the option is for: with half the Na conductance (the SCN1A variant's edit) the
 * cell's sustained firing at a strong current fails, while the full cell keeps firing.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fICurve } from "../../../src/engines/cell/analysis.js";
import {
  gateSteadyState,
  gateTimeConstant,
  temperatureFactor,
  wangBuzsakiSodium,
  withSlowInactivation,
} from "../../../src/engines/cell/channels.js";
import { wangBuzsakiInterneuron } from "../../../src/engines/cell/models.js";

test("slow inactivation is off by default: the channel and the WB model are unchanged", () => {
  const na = wangBuzsakiSodium();
  assert.equal(withSlowInactivation(na), na);
  assert.equal(withSlowInactivation(na, { floor: 1 }), na);
  assert.deepEqual(wangBuzsakiInterneuron(undefined, {}), wangBuzsakiInterneuron());
  assert.deepEqual(
    wangBuzsakiInterneuron(undefined, { slowInactivation: { floor: 1 } }),
    wangBuzsakiInterneuron(),
  );
});

test("s∞ and τs equal Migliore's na3.mod formulas (with τ = smax + …) at many voltages", () => {
  for (const [floor, shift, celsius] of [
    [0.85, 0, 36],
    [0.4, 7, 35],
  ]) {
    const ch = withSlowInactivation(wangBuzsakiSodium(), { floor, shift, celsius });
    const s = ch.gates.find((g) => g.name === "s");
    assert.ok(s, "gate s added");
    const phi = temperatureFactor(ch, celsius);
    const z = (1e-3 * 12 * 96480) / (8.315 * (273.16 + celsius));
    for (let v = -100; v <= 40; v += 2.5) {
      const alpv = 1 / (1 + Math.exp((v + 58 - shift) / 2));
      const sinf = alpv + floor * (1 - alpv);
      const alps = Math.exp(z * (v + 60 - shift));
      const bets = Math.exp(z * 0.2 * (v + 60 - shift));
      const taus = 10 + bets / (0.0003 * (1 + alps));
      assert.ok(Math.abs(gateSteadyState(s, v) - sinf) < 1e-12, `s∞ at ${v}`);
      assert.ok(Math.abs(gateTimeConstant(s, v, phi) - taus) < 1e-9 * taus, `τs at ${v}`);
    }
  }
});

test("with slow inactivation, halving gNa stops sustained firing at 2 µA/cm² while the full cell fires", () => {
  const opts = { slowInactivation: { floor: 0.85 } };
  const currents = [2];
  const clamp = { dt: 0.01, duration: 500, settle: 200 };
  const full = fICurve(wangBuzsakiInterneuron(undefined, opts), currents, clamp).rate[0];
  const half = fICurve(wangBuzsakiInterneuron({ gNa: 17.5 }, opts), currents, clamp).rate[0];
  const halfPublished = fICurve(wangBuzsakiInterneuron({ gNa: 17.5 }), currents, clamp).rate[0];
  assert.ok(full > 50, `full cell fires (${full} Hz)`);
  assert.ok(halfPublished > 0.7 * full, `without the option half gNa fires (${halfPublished} Hz)`);
  assert.ok(half < 0.7 * full, `with it half gNa fails (${half} Hz against ${full} Hz)`);
});
