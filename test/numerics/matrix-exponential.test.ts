/**
 * Matrix exponential against closed forms: diagonal, nilpotent, rotation, the one-compartment
 * oral-absorption (Bateman) solution and the two-compartment bi-exponential; exp(A)·exp(-A) = I.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { matrixExponential, matrixMultiply, matrixVector } from "../../src/numerics/matrix-exponential.js";

const close = (a: number, b: number, rel = 1e-12, abs = 1e-14) =>
  assert.ok(Math.abs(a - b) <= abs + rel * Math.abs(b), `${a} vs ${b}`);

test("diagonal, nilpotent and rotation matrices", () => {
  const d = matrixExponential(Float64Array.from([-3, 0, 0, 40]), 2);
  close(d[0], Math.exp(-3));
  close(d[3], Math.exp(40), 1e-13);
  close(d[1], 0);
  const n = matrixExponential(Float64Array.from([0, 5, 0, 0]), 2);
  assert.deepEqual(Array.from(n), [1, 5, 0, 1]);
  const t = 2.3;
  const rot = matrixExponential(Float64Array.from([0, -t, t, 0]), 2);
  close(rot[0], Math.cos(t));
  close(rot[1], -Math.sin(t));
  close(rot[2], Math.sin(t));
});

test("one-compartment oral absorption matches the Bateman function", () => {
  const ka = 1.3;
  const ke = 0.09;
  for (const t of [0.1, 1, 5, 24, 200]) {
    // state (gut, central), d/dt = K·state
    const e = matrixExponential(Float64Array.from([-ka * t, 0, ka * t, -ke * t]), 2);
    const central = matrixVector(e, [100, 0], 2)[1];
    const bateman = ((100 * ka) / (ka - ke)) * (Math.exp(-ke * t) - Math.exp(-ka * t));
    close(central, bateman, 1e-12, 1e-12);
  }
});

test("two-compartment IV bolus matches the bi-exponential closed form", () => {
  const [k10, k12, k21] = [0.1, 0.35, 0.15];
  const sum = k10 + k12 + k21;
  const disc = Math.sqrt(sum * sum - 4 * k10 * k21);
  const alpha = (sum + disc) / 2;
  const beta = (sum - disc) / 2;
  for (const t of [0.5, 3, 30, 120]) {
    const e = matrixExponential(Float64Array.from([-(k10 + k12) * t, k21 * t, k12 * t, -k21 * t]), 2);
    const a1 = matrixVector(e, [1, 0], 2)[0];
    const closed =
      ((alpha - k21) * Math.exp(-alpha * t) + (k21 - beta) * Math.exp(-beta * t)) / (alpha - beta);
    close(a1, closed, 1e-12, 1e-14);
  }
});

test("exp(A)·exp(-A) is the identity for a non-normal 4 × 4 matrix; bad input refused", () => {
  const a = Float64Array.from([-2, 0.5, 0, 0, 1.5, -0.8, 0.2, 0, 0, 0.3, -0.4, 0.1, 3, 0, 0.2, -7]);
  const p = matrixMultiply(
    matrixExponential(a, 4),
    matrixExponential(
      a.map((x) => -x),
      4,
    ),
    4,
  );
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) close(p[i * 4 + j], i === j ? 1 : 0, 1e-12, 1e-12);
  assert.throws(() => matrixExponential(Float64Array.from([1, 2, 3]), 2), /n × n/);
  assert.throws(() => matrixExponential(Float64Array.from([NaN]), 1), /not finite/);
});
