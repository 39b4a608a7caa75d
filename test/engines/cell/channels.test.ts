/**
 * Channels as data: every channel's steady-state and time-constant curves equal the formulas as
 * the papers print them, at many voltages and exactly at the removable singularities; and the
 * compiled kernel terms (shared exponentials, powers, signs, the linoid series) equal the
 * reference evaluation of the same data.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  aCurrent,
  evaluateFunction,
  gateSteadyState,
  gateTimeConstant,
  golombFsDCurrent,
  golombFsPotassium,
  golombFsSodium,
  golombPotassium,
  golombSodium,
  leakChannel,
  mCurrent,
  persistentSodium,
  scaleConductance,
  shiftChannel,
  tCurrent,
  temperatureFactor,
  traubMilesPotassium,
  traubMilesSodium,
  wangBuzsakiPotassium,
  wangBuzsakiSodium,
  type ChannelSpec,
  type VoltageFunction,
} from "../../../src/engines/cell/channels.js";
import { computeExpGroups, evaluateTerm } from "../../../src/engines/cell/kernel.js";
import { Population } from "../../../src/engines/cell/population.js";
import { golombPyramidal } from "../../../src/engines/cell/models.js";

/** -100 … +60 mV in steps of 0.37 mV (never exactly on a singular point by construction). */
const GRID: number[] = [];
for (let v = -100; v <= 60; v += 0.37) GRID.push(v);

function close(actual: number, expected: number, rel: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  assert.ok(
    Math.abs(actual - expected) <= rel * scale,
    `${what}: ${actual} vs ${expected} (relative error ${Math.abs(actual - expected) / scale})`,
  );
}

const exp = Math.exp;
const gamma = (v: number, theta: number, sigma: number) => 1 / (1 + exp(-(v - theta) / sigma));

interface Printed {
  inf: (v: number) => number;
  tau: (v: number) => number;
}

/** Compare gate `name` of `ch` with the printed formulas over the grid. */
function checkGate(ch: ChannelSpec, name: string, printed: Printed, celsius = 36): void {
  const gate = ch.gates.find((g) => g.name === name);
  assert.ok(gate, `${ch.name}.${name} exists`);
  const phi = temperatureFactor(ch, celsius);
  for (const v of GRID) {
    close(gateSteadyState(gate, v), printed.inf(v), 1e-12, `${ch.name}.${name} x∞(${v})`);
    close(gateTimeConstant(gate, v, phi), printed.tau(v), 1e-12, `${ch.name}.${name} τ(${v})`);
  }
}

/** α/β printed forms as x∞ and τ. */
function fromRates(alpha: (v: number) => number, beta: (v: number) => number, phi = 1): Printed {
  return {
    inf: (v) => alpha(v) / (alpha(v) + beta(v)),
    tau: (v) => 1 / (phi * (alpha(v) + beta(v))),
  };
}

// Traub–Miles with VT = -63 mV (u = V - VT), as Brette et al. 2007 / Brian2 COBAHH.
const VT = -63;
const tmAm = (v: number) => (0.32 * (13 - (v - VT))) / (exp((13 - (v - VT)) / 4) - 1);
const tmBm = (v: number) => (0.28 * (v - VT - 40)) / (exp((v - VT - 40) / 5) - 1);
const tmAh = (v: number) => 0.128 * exp((17 - (v - VT)) / 18);
const tmBh = (v: number) => 4 / (1 + exp((40 - (v - VT)) / 5));
const tmAn = (v: number) => (0.032 * (15 - (v - VT))) / (exp((15 - (v - VT)) / 5) - 1);
const tmBn = (v: number) => 0.5 * exp((10 - (v - VT)) / 40);

// Wang & Buzsáki 1996.
const wbAm = (v: number) => (-0.1 * (v + 35)) / (exp(-0.1 * (v + 35)) - 1);
const wbBm = (v: number) => 4 * exp(-(v + 60) / 18);
const wbAh = (v: number) => 0.07 * exp(-(v + 58) / 20);
const wbBh = (v: number) => 1 / (exp(-0.1 * (v + 28)) + 1);
const wbAn = (v: number) => (-0.01 * (v + 34)) / (exp(-0.1 * (v + 34)) - 1);
const wbBn = (v: number) => 0.125 * exp(-(v + 44) / 80);

test("Traub–Miles Na and K equal the COBAHH rate functions", () => {
  const na = traubMilesSodium();
  const k = traubMilesPotassium();
  checkGate(na, "m", fromRates(tmAm, tmBm));
  checkGate(na, "h", fromRates(tmAh, tmBh));
  checkGate(k, "n", fromRates(tmAn, tmBn));
  // Removable singularities: the limits of the README (αm → 1.28, βm → 1.4, αn → 0.16), exactly.
  const rates = (ch: ChannelSpec, g: string) => {
    const kin = ch.gates.find((x) => x.name === g)?.kinetics;
    assert.ok(kin && kin.kind === "rates");
    return kin;
  };
  assert.equal(evaluateFunction(rates(na, "m").alpha, VT + 13), 1.28);
  assert.equal(evaluateFunction(rates(na, "m").beta, VT + 40), 1.4);
  assert.equal(evaluateFunction(rates(k, "n").alpha, VT + 15), 0.16);
  // …and the printed formula's own limit next to it.
  close(evaluateFunction(rates(na, "m").alpha, VT + 13 + 1e-6), tmAm(VT + 13 + 1e-6), 1e-9, "αm near 13");
});

test("Traub–Miles VT shifts every rate function along V", () => {
  const shifted = traubMilesSodium({ VT: -55 });
  const base = traubMilesSodium();
  const g0 = base.gates[0];
  const g1 = shifted.gates[0];
  for (const v of GRID) close(gateSteadyState(g1, v + 8), gateSteadyState(g0, v), 1e-12, `m∞ shift at ${v}`);
});

test("Wang–Buzsáki Na (instantaneous m) and K equal the published rates with φ = 5", () => {
  const na = wangBuzsakiSodium();
  const k = wangBuzsakiPotassium();
  assert.equal(temperatureFactor(na, 36), 5);
  checkGate(na, "m", { inf: (v) => wbAm(v) / (wbAm(v) + wbBm(v)), tau: () => 0 });
  checkGate(na, "h", fromRates(wbAh, wbBh, 5));
  checkGate(k, "n", fromRates(wbAn, wbBn, 5));
  const m = na.gates[0].kinetics;
  const n = k.gates[0].kinetics;
  assert.ok(m.kind === "instantaneousRates" && n.kind === "rates");
  assert.equal(evaluateFunction(m.alpha, -35), 1);
  assert.equal(evaluateFunction(n.alpha, -34), 0.1);
});

test("Golomb 2006 Na, Kdr, NaP, A and M currents equal their Γ forms (Table 2)", () => {
  checkGate(golombSodium(), "m", { inf: (v) => gamma(v, -30, 9.5), tau: () => 0 });
  checkGate(golombSodium(), "h", {
    inf: (v) => gamma(v, -45, -7),
    tau: (v) => (1 + 7.5 * gamma(v, -40.5, -6)) / 10,
  });
  checkGate(golombPotassium(), "n", {
    inf: (v) => gamma(v, -35, 10),
    tau: (v) => (1 + 5 * gamma(v, -27, -15)) / 10,
  });
  checkGate(persistentSodium(), "p", { inf: (v) => gamma(v, -41, 3), tau: () => 0 });
  checkGate(persistentSodium({ thetaP: -47 }), "p", { inf: (v) => gamma(v, -47, 3), tau: () => 0 });
  checkGate(aCurrent(), "a", { inf: (v) => gamma(v, -50, 20), tau: () => 0 });
  checkGate(aCurrent(), "b", { inf: (v) => gamma(v, -80, -6), tau: () => 15 });
  checkGate(mCurrent(), "z", { inf: (v) => gamma(v, -39, 5), tau: () => 75 });
});

test("Golomb 2007 fast-spiking Na, Kv3 and d-type currents equal their printed forms", () => {
  // Models and Methods of Golomb et al. 2007 (PLoS Comput Biol 3:e156); τn as in ModelDB 97747.
  checkGate(golombFsSodium(), "m", { inf: (v) => gamma(v, -24, 11.5), tau: () => 0 });
  checkGate(golombFsSodium({ thetaM: -28 }), "m", { inf: (v) => gamma(v, -28, 11.5), tau: () => 0 });
  checkGate(golombFsSodium(), "h", {
    inf: (v) => 1 / (1 + exp((v + 58.3) / 6.7)),
    tau: (v) => 0.5 + 14 / (1 + exp((v + 60) / 12)),
  });
  checkGate(golombFsPotassium(), "n", {
    inf: (v) => 1 / (1 + exp(-(v + 12.4) / 6.8)),
    tau: (v) => (0.087 + 11.4 / (1 + exp((v + 14.6) / 8.6))) * (0.087 + 11.4 / (1 + exp(-(v - 1.3) / 18.7))),
  });
  checkGate(golombFsDCurrent(), "a", { inf: (v) => gamma(v, -50, 20), tau: () => 2 });
  checkGate(golombFsDCurrent(), "b", { inf: (v) => gamma(v, -70, -6), tau: () => 150 });
  assert.equal(golombFsPotassium().gates[0].power, 2);
  assert.deepEqual(
    golombFsDCurrent().gates.map((g) => g.power),
    [3, 1],
  );
  // A shift moves both factors of the product (τn(V − 5) after a +5 mV shift).
  const shifted = shiftChannel(golombFsPotassium(), 5);
  const tau = (c: ChannelSpec, v: number) => gateTimeConstant(c.gates[0], v, 1);
  for (const v of [-70, -20, 0, 30])
    close(tau(shifted, v), tau(golombFsPotassium(), v - 5), 1e-12, `τn shift at ${v}`);
});

test("T-type Ca equals Destexhe's IT.mod forms with Vx = 2 mV and Q10 = 3 from 24 °C", () => {
  const ch = tCurrent();
  const phi = Math.pow(3, (36 - 24) / 10);
  close(temperatureFactor(ch, 36), phi, 1e-15, "φh at 36 °C");
  const vx = 2;
  checkGate(ch, "m", { inf: (v) => 1 / (1 + exp(-(v + vx + 57) / 6.2)), tau: () => 0 });
  checkGate(ch, "h", {
    inf: (v) => 1 / (1 + exp((v + vx + 81) / 4)),
    tau: (v) => (30.8 + (211.4 + exp((v + vx + 113.2) / 5)) / (1 + exp((v + vx + 84) / 3.2))) / phi,
  });
});

test("leak, conductance scaling and shifts edit the data without touching the forms", () => {
  const leak = leakChannel({ gbar: 0.1, E: -65 });
  assert.equal(leak.gates.length, 0);
  assert.equal(leak.conductance, 0.1);
  assert.equal(scaleConductance(traubMilesSodium(), 0.5).conductance, 50);
  const shifted = shiftChannel(tCurrent(), -5, "h");
  for (const v of GRID) {
    close(
      gateSteadyState(shifted.gates[1], v - 5),
      gateSteadyState(tCurrent().gates[1], v),
      1e-12,
      "h∞ shift",
    );
    close(gateSteadyState(shifted.gates[0], v), gateSteadyState(tCurrent().gates[0], v), 0, "m untouched");
  }
  assert.throws(() => shiftChannel(tCurrent(), 1, "q"), /no gate 'q'/);
  assert.throws(() => traubMilesSodium({ VT: 50 }), /outside the allowed range/);
});

/**
 * Every voltage function of `channels`, evaluated by the compiled kernel passes at `voltages`,
 * paired with its data.
 */
function compiledTerms(
  channels: ChannelSpec[],
  voltages: number[],
): { f: VoltageFunction; out: Float64Array }[] {
  const pop = new Population(
    {
      name: "probe",
      size: voltages.length,
      model: {
        name: "probe",
        description: "",
        capacitance: 1,
        area: 100,
        // Unique names: several catalogue channels are called "na" or "kdr".
        channels: channels.map((ch, i) => ({ ...ch, name: `${ch.name}${i}` })),
        threshold: 0,
        refractory: 0,
        celsius: 36,
        initialPotential: -65,
        citation: "test",
      },
      receptors: [],
    },
    0.1,
    "generic",
  );
  pop.v.set(voltages);
  const c = pop.compiled;
  computeExpGroups(c.expGroups, pop.v, pop.size);
  for (const t of c.terms) evaluateTerm(t, pop.v, pop.size);
  const out: { f: VoltageFunction; out: Float64Array }[] = [];
  let g = 0;
  for (const ch of channels) {
    for (const spec of ch.gates) {
      const gate = c.gates[g++];
      const k = spec.kinetics;
      const fns =
        k.kind === "rates" || k.kind === "instantaneousRates"
          ? [k.alpha, k.beta]
          : k.kind === "steadyState"
            ? [k.inf, k.tau]
            : [k.inf];
      out.push({ f: fns[0], out: gate.first.out });
      if (gate.second) out.push({ f: fns[1], out: gate.second.out });
    }
  }
  return out;
}

test("compiled terms (shared exponentials, powers, linoid series) equal the reference evaluation", () => {
  const channels = [
    traubMilesSodium(),
    traubMilesPotassium(),
    wangBuzsakiSodium(),
    wangBuzsakiPotassium(),
    golombSodium(),
    golombPotassium(),
    persistentSodium(),
    aCurrent(),
    mCurrent(),
    tCurrent(),
    golombFsSodium(),
    golombFsPotassium(),
    golombFsDCurrent(),
  ];
  // The grid plus every linoid midpoint exactly, just beside it, and on both sides of the series
  // threshold |x| = 0.1.
  const voltages = [...GRID];
  for (const ch of channels) {
    for (const g of ch.gates) {
      const k = g.kinetics;
      for (const f of k.kind === "rates" || k.kind === "instantaneousRates" ? [k.alpha, k.beta] : []) {
        if (f.kind !== "expLinear") continue;
        const edge = 0.1 * Math.abs(f.slope);
        for (const d of [
          0,
          1e-12,
          -1e-9,
          1e-6,
          -1e-3,
          edge * (1 - 1e-12),
          edge * (1 + 1e-12),
          -edge,
          -edge * 1.0001,
        ]) {
          voltages.push(f.midpoint + d);
        }
      }
    }
  }
  for (const { f, out } of compiledTerms(channels, voltages)) {
    voltages.forEach((v, i) => close(out[i], evaluateFunction(f, v), 2e-13, `${f.kind} at ${v}`));
    if (f.kind === "expLinear") {
      const i = voltages.indexOf(f.midpoint);
      assert.equal(out[i], f.rate, `linoid at its singular point ${f.midpoint} is exactly r`);
    }
  }
});

test("Traub–Miles needs two exponentials per neuron and step, Wang–Buzsáki two", () => {
  const probe = (channels: ChannelSpec[]) =>
    new Population(
      {
        name: "p",
        size: 1,
        model: {
          name: "p",
          description: "",
          capacitance: 1,
          area: 100,
          channels,
          threshold: 0,
          refractory: 0,
          celsius: 36,
          initialPotential: -65,
          citation: "",
        },
        receptors: [],
      },
      0.1,
      "generic",
    ).compiled.expGroups;
  const tm = probe([traubMilesSodium(), traubMilesPotassium()]);
  assert.equal(tm.length, 2);
  assert.deepEqual(
    tm.map((g) => g.powers),
    [[1, 8, 10], [1]],
  );
  assert.equal(probe([wangBuzsakiSodium(), wangBuzsakiPotassium()]).length, 2);
});

test("golombPyramidal thetaH option moves only the steady-state midpoint of the Na h gate", () => {
  const h = (model: ReturnType<typeof golombPyramidal>) =>
    model.channels.find((c) => c.name === "na")!.gates.find((g) => g.name === "h")!;
  const published = h(golombPyramidal());
  const moved = h(golombPyramidal({ thetaH: -60 }));
  assert.ok(Math.abs(gateSteadyState(published, -45) - 0.5) < 1e-12, "default midpoint −45 mV (Golomb 2006)");
  assert.ok(Math.abs(gateSteadyState(moved, -60) - 0.5) < 1e-12);
  assert.ok(gateSteadyState(moved, -70) < gateSteadyState(published, -70));
  // τh keeps its published centre (−40.5 mV): only h∞ is an option.
  for (const v of [-80, -60, -40.5, -20])
    assert.equal(gateTimeConstant(moved, v, 10), gateTimeConstant(published, v, 10));
});
