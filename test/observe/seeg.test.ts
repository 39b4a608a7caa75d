/**
 * Tests of the SEEG forward model (src/observe/seeg.ts) and contact loading (src/io/sensors.ts).
 * Sources: the 1/r^2 point-source lead field of the VEP / TVB SEEG monitor (Jirsa et al. 2017,
 * NeuroImage 145:377–388); bundled contact sets from TVB data (Sanz Leon et al. 2013).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSensors } from "../../src/io/sensors.js";
import { loadConnectome } from "../../src/io/connectome.js";
import { RandomStream } from "../../src/numerics/random.js";
import {
  addMeasurementNoise,
  applyMontage,
  bipolarMontage,
  DEFAULT_MIN_DISTANCE_MM,
  gainMatrix,
  parseSensors,
  projectToSensors,
  selectContacts,
  sensorsFromCoordinates,
  splitContactLabel,
} from "../../src/observe/seeg.js";

test("bundled contact sets parse: 588 tab-separated contacts and 103 UTF-8 labelled contacts", () => {
  const s588 = loadSensors("seeg_588");
  assert.equal(s588.labels.length, 588);
  assert.equal(s588.positions.length, 588 * 3);
  assert.equal(s588.labels[0], "TP1");
  assert.deepEqual([...s588.positions.subarray(0, 3)], [32.039555, -27.669507, -52.725906]);
  const s39 = loadSensors("seeg_39");
  assert.equal(s39.labels.length, 103);
  assert.equal(s39.labels[0], "G\u00b41");
  assert.deepEqual([...s39.positions.subarray(0, 3)], [-4.0, 32.0, 24.0]);
  assert.ok([...s39.positions].every(Number.isFinite));
});

test("parseSensors tolerates mixed separators, blank lines and trailing whitespace; errors name the line", () => {
  const s = parseSensors("t", "\uFEFFA1\t1 2\t3  \n\n  A2 4 5 6\t\r\n# comment\nA3 7 8 9\n\n");
  assert.deepEqual(s.labels, ["A1", "A2", "A3"]);
  assert.deepEqual([...s.positions], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.throws(() => parseSensors("t", "A1 1 2 3\nA2 1 2\n"), /line 2/);
  assert.throws(() => parseSensors("t", "A1 1 2 3\n\nA2 1 x 3\n"), /line 3.*'x'/);
  assert.throws(() => parseSensors("t", "A1 1 2 3\nA1 4 5 6\n"), /line 2.*already used on line 1/);
  assert.throws(() => parseSensors("t", "\n \n"), /no contacts/);
  assert.throws(() => loadSensors("/nonexistent/contacts.txt"), /neither a bundled contact set/);
});

test("sensorsFromCoordinates builds a set and rejects duplicates", () => {
  const s = sensorsFromCoordinates([
    { label: "X1", position: [1, 2, 3] },
    { label: "X2", position: [4, 5, 6] },
  ]);
  assert.deepEqual(s.labels, ["X1", "X2"]);
  assert.deepEqual([...s.positions], [1, 2, 3, 4, 5, 6]);
  assert.throws(
    () =>
      sensorsFromCoordinates([
        { label: "X1", position: [0, 0, 0] },
        { label: "X1", position: [1, 0, 0] },
      ]),
    /twice/,
  );
});

test("gain: a contact at a region centre sees that region most; inverse-square fall-off", () => {
  const centres = Float64Array.from([0, 0, 0, 40, 0, 0, 0, 40, 0]);
  const sensors = sensorsFromCoordinates([
    { label: "A1", position: [0, 0, 0] }, // on region 0
    { label: "A2", position: [10, 0, 0] }, // 10 mm from region 0
    { label: "A3", position: [20, 0, 0] }, // 20 mm from region 0, also 20 mm from region 1
    { label: "A4", position: [2, 0, 0] }, // inside d_min of region 0
  ]);
  const n = 3;
  const g = gainMatrix(sensors, centres);
  // On the centre the gain is capped at 1/d_min^2.
  assert.equal(g[0 * n + 0], 1 / (DEFAULT_MIN_DISTANCE_MM * DEFAULT_MIN_DISTANCE_MM));
  assert.equal(g[3 * n + 0], g[0 * n + 0]);
  // Column maximum for region 0 is the contact on its centre; row maximum of A1 is region 0.
  for (let k = 1; k < 4; k++) assert.ok(g[0] >= g[k * n]);
  assert.ok(g[0] > g[1] && g[0] > g[2]);
  // Doubling the distance beyond d_min divides the gain by exactly 4.
  assert.equal(g[1 * n + 0] / g[2 * n + 0], 4);
  assert.equal(g[1 * n + 0], 1 / 100);
  // Symmetric geometry, equal gains.
  assert.equal(g[2 * n + 0], g[2 * n + 1]);
  // A custom d_min changes the cap only.
  const g1 = gainMatrix(sensors, centres, { minDistanceMm: 1 });
  assert.equal(g1[0], 1);
  assert.equal(g1[3 * n], 1 / 4);
  assert.equal(g1[1 * n], g[1 * n]);
  assert.throws(() => gainMatrix(sensors, centres, { minDistanceMm: 0 }), /positive/);
});

test("gain on the bundled sets: every contact's largest gain is its nearest region", () => {
  const connectome = loadConnectome("tvb76");
  const sensors = loadSensors("seeg_588");
  const n = connectome.labels.length;
  const m = sensors.labels.length;
  const g = gainMatrix(sensors, connectome.centres);
  assert.equal(g.length, m * n);
  const c = connectome.centres;
  const p = sensors.positions;
  for (let k = 0; k < m; k++) {
    let nearest = 0;
    let best = Infinity;
    let argmax = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.hypot(p[3 * k] - c[3 * i], p[3 * k + 1] - c[3 * i + 1], p[3 * k + 2] - c[3 * i + 2]);
      if (d < best) {
        best = d;
        nearest = i;
      }
      if (g[k * n + i] > g[k * n + argmax]) argmax = i;
    }
    if (best >= DEFAULT_MIN_DISTANCE_MM) assert.equal(argmax, nearest, `contact ${sensors.labels[k]}`);
  }
});

test("bipolar montage: TP1..TP9 gives 8 channels of adjacent contacts", () => {
  const labels = Array.from({ length: 9 }, (_, k) => `TP${k + 1}`);
  const m = bipolarMontage(labels);
  assert.equal(m.labels.length, 8);
  assert.equal(m.labels[0], "TP1-TP2");
  assert.equal(m.labels[7], "TP8-TP9");
  assert.deepEqual([...m.pairs], [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8]);
});

test("bipolar montage: several electrodes, UTF-8 primes, two-digit contacts, gaps and shuffled order", () => {
  const labels = ["G\u00b41", "G\u00b42", "OR9", "OR10", "OR11", "G\u00b44", "A1", "REF", "G\u00b43"];
  const m = bipolarMontage(labels);
  assert.deepEqual(m.labels, [
    "G\u00b41-G\u00b42",
    "G\u00b42-G\u00b43",
    "G\u00b43-G\u00b44",
    "OR9-OR10",
    "OR10-OR11",
  ]);
  assert.deepEqual([...m.pairs], [0, 1, 1, 8, 8, 5, 2, 3, 3, 4]);
  assert.deepEqual(splitContactLabel("TP'12"), { electrode: "TP'", contact: 12 });
  assert.equal(splitContactLabel("REF"), null);
  // A missing contact breaks the chain instead of pairing non-neighbours.
  assert.deepEqual(bipolarMontage(["B1", "B2", "B4", "B5"]).labels, ["B1-B2", "B4-B5"]);
  // The bundled 588 set: 62 electrodes of 9 contacts (8 channels) and 2 of 15 (14 channels).
  assert.equal(bipolarMontage(loadSensors("seeg_588").labels).labels.length, 62 * 8 + 2 * 14);
  assert.equal(bipolarMontage(loadSensors("seeg_39").labels).labels.length, 103 - 10);
});

test("projection is linear and matches the matrix product; montage subtracts contacts", () => {
  const n = 3;
  const m = 2;
  const samples = 4;
  const gain = Float64Array.from([1, 2, 3, 0.5, -1, 0.25]);
  const a = Float64Array.from({ length: samples * n }, (_, k) => Math.sin(k + 1));
  const b = Float64Array.from({ length: samples * n }, (_, k) => Math.cos(3 * k));
  const pa = projectToSensors(a, samples, n, gain, m);
  const pb = projectToSensors(b, samples, n, gain, m);
  const combo = Float64Array.from(a, (v, k) => 2 * v - 3 * b[k]);
  const pc = projectToSensors(combo, samples, n, gain, m);
  for (let k = 0; k < samples * m; k++) assert.ok(Math.abs(pc[k] - (2 * pa[k] - 3 * pb[k])) < 1e-12);
  assert.ok(Math.abs(pa[1 * m + 1] - (0.5 * a[3] - a[4] + 0.25 * a[5])) < 1e-15);
  const out = new Float64Array(samples * m);
  assert.equal(projectToSensors(a, samples, n, gain, m, out), out);
  assert.deepEqual([...out], [...pa]);
  const montage = bipolarMontage(["E1", "E2"]);
  const bip = applyMontage(pa, samples, m, montage);
  assert.equal(bip.length, samples);
  for (let s = 0; s < samples; s++) assert.equal(bip[s], pa[s * m] - pa[s * m + 1]);
  assert.throws(() => projectToSensors(a, samples, n, gain.subarray(1), m), /gain/);
});

test("measurement noise is seeded, in place, and of the requested size", () => {
  const make = () => new Float64Array(20000).fill(1);
  const x = addMeasurementNoise(make(), 0.5, RandomStream.for(7, "seeg/measurement"));
  const y = addMeasurementNoise(make(), 0.5, RandomStream.for(7, "seeg/measurement"));
  const z = addMeasurementNoise(make(), 0.5, RandomStream.for(8, "seeg/measurement"));
  assert.deepEqual(x, y);
  assert.notDeepEqual(x, z);
  const mean = x.reduce((a, v) => a + v, 0) / x.length;
  const sd = Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / (x.length - 1));
  assert.ok(Math.abs(mean - 1) < 0.02, `mean ${mean}`);
  assert.ok(Math.abs(sd - 0.5) < 0.02, `sd ${sd}`);
  const same = make();
  assert.equal(addMeasurementNoise(same, 0, RandomStream.for(1, "x")), same);
  assert.ok(same.every((v) => v === 1));
});

test("selectContacts keeps whole electrodes passing near chosen regions", () => {
  const connectome = loadConnectome("tvb76");
  const sensors = loadSensors("seeg_588");
  const amyg = connectome.labels.indexOf("lAMYG");
  const sel = selectContacts(sensors, connectome.centres, { regions: [amyg], withinMm: 10 });
  // The closest contacts of the bundled set to lAMYG are T'1 (7.7 mm) and T'2 (9.4 mm).
  assert.equal(sel.electrodes[0], "T'");
  assert.ok(sel.labels.includes("T'9"), "whole electrode kept");
  assert.equal(sel.labels.length, sel.indices.length);
  sel.indices.forEach((k, j) => {
    assert.equal(sel.labels[j], sensors.labels[k]);
    assert.deepEqual(
      [...sel.positions.subarray(3 * j, 3 * j + 3)],
      [...sensors.positions.subarray(3 * k, 3 * k + 3)],
    );
  });
  const only = selectContacts(sensors, connectome.centres, {
    regions: [amyg],
    withinMm: 10,
    wholeElectrodes: false,
    maxElectrodes: 1,
  });
  assert.deepEqual(only.labels, ["T'1", "T'2"]);
  assert.throws(
    () => selectContacts(sensors, connectome.centres, { regions: [amyg], withinMm: 1 }),
    /closest is 'T'1' at 7\.7 mm/,
  );
  // The selection feeds the forward model directly.
  assert.equal(gainMatrix(sel, connectome.centres).length, sel.labels.length * connectome.labels.length);
});
