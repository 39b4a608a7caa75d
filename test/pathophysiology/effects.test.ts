/**
 * Circuit effects: composition is exact and order-free, the E/I index is zero at normal, invariant
 * to scaling excitation and inhibition together, additive over mechanisms, and signed as cited.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  cellSynapticScales,
  composeEffects,
  effects,
  logExcitationInhibition,
  NO_EFFECT,
  wendlingGains,
} from "../../src/pathophysiology/effects.js";

test("composition multiplies factors and does not depend on order", () => {
  const a = effects({ ampa: 1.2, gabaAFast: 0.7 });
  const b = effects({ ampa: 0.9, potassiumBuffering: 0.8 });
  const c = effects({ recurrentExcitation: 1.7, gabaAFast: 1.1 });
  assert.deepEqual(composeEffects(a, b, c), composeEffects(c, a, b));
  assert.ok(Math.abs(composeEffects(a, b).ampa - 1.08) < 1e-15);
  assert.deepEqual(composeEffects(), NO_EFFECT);
});

test("E/I index: zero at normal, balanced scaling leaves it unchanged, mechanisms add", () => {
  assert.equal(logExcitationInhibition(NO_EFFECT), 0);
  // Uniform neuronal loss removes excitatory and inhibitory cells alike.
  assert.ok(Math.abs(logExcitationInhibition(effects({ neuronalDensity: 0.5 }))) < 1e-15);
  // ampa, nmda and all GABA-A scaled by the same factor: balance kept.
  const same = effects({ ampa: 1.3, nmda: 1.3, gabaAFast: 1.3, gabaASlow: 1.3 });
  assert.ok(Math.abs(logExcitationInhibition(same)) < 1e-12);
  const a = effects({ gabaASlow: 0.5 });
  const b = effects({ potassiumBuffering: 0.6, recurrentExcitation: 1.4 });
  const sum = logExcitationInhibition(a) + logExcitationInhibition(b);
  assert.ok(Math.abs(logExcitationInhibition(composeEffects(a, b)) - sum) < 1e-12);
});

test("signs: excitation up or inhibition/clearance down raise the index", () => {
  const cases: [string, Parameters<typeof effects>[0]][] = [
    ["more AMPA", { ampa: 1.2 }],
    ["more NMDA", { nmda: 1.2 }],
    ["less fast GABA-A", { gabaAFast: 0.8 }],
    ["less slow GABA-A", { gabaASlow: 0.8 }],
    ["impaired K+ buffering", { potassiumBuffering: 0.7 }],
    ["impaired glutamate uptake", { glutamateUptake: 0.7 }],
    ["sprouting", { recurrentExcitation: 1.5 }],
    ["interneuron loss", { interneuronDensity: 0.6 }],
    ["excitable pyramids", { intrinsicExcitability: 1.2 }],
  ];
  for (const [name, e] of cases) assert.ok(logExcitationInhibition(effects(e)) > 0, name);
  assert.ok(logExcitationInhibition(effects({ pgp: 3 })) === 0, "P-gp acts on drugs only");
});

test("Wendling gains and cell synaptic scales follow the effects", () => {
  const g = wendlingGains(effects({ ampa: 1.21, gabaASlow: 0.5, gabaAFast: 0.8 }));
  assert.ok(Math.abs(g.A - 1.1) < 1e-12 && g.B === 0.5 && g.G === 0.8);
  const s = cellSynapticScales(effects({ nmda: 1.3, recurrentExcitation: 2, gabaAFast: 0.64, gabaASlow: 1 }));
  assert.ok(Math.abs(s.nmda - 2.6) < 1e-12 && Math.abs(s.gabaA - 0.8) < 1e-12 && s.ampa === 2);
});

test("bad effects are rejected with the field name", () => {
  assert.throws(() => effects({ ampa: 0 }), /effects\.ampa = 0/);
  assert.throws(() => effects({ gaba: 1 } as never, "lesion"), /lesion\.gaba: unknown effect/);
});
