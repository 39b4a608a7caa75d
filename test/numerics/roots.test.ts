/**
 * Real cubic roots against polynomials built from known factors: one real root (Cardano branch),
 * three distinct real roots (trigonometric branch), and repeated roots whose coefficients are
 * exact binary fractions. Residuals are measured against the rounding-error bound of Horner's
 * rule, eps * sum_k |c_k| |x|^k, so "tiny" means "as small as the arithmetic allows".
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { realCubicRoots, smallestRealCubicRoot } from "../../src/numerics/roots.js";
import { RandomStream } from "../../src/numerics/random.js";

type Cubic = [number, number, number, number];

function horner(c: Cubic, x: number): number {
  return ((c[0] * x + c[1]) * x + c[2]) * x + c[3];
}

/** Scale of the rounding error of Horner's rule at x. */
function residualScale(c: Cubic, x: number): number {
  const ax = Math.abs(x);
  return ((Math.abs(c[0]) * ax + Math.abs(c[1])) * ax + Math.abs(c[2])) * ax + Math.abs(c[3]);
}

function assertTinyResiduals(c: Cubic, roots: number[]): void {
  for (const r of roots) {
    const bound = 16 * Number.EPSILON * residualScale(c, r);
    assert.ok(
      Math.abs(horner(c, r)) <= bound,
      `residual ${horner(c, r)} at root ${r} of ${c} exceeds ${bound}`,
    );
  }
}

/** Leading coefficient `lead` times (x - r0)(x - r1)(x - r2), expanded in floating point. */
function fromRoots(lead: number, r: [number, number, number]): Cubic {
  const [a, b, c] = r;
  return [lead, -lead * (a + b + c), lead * (a * b + a * c + b * c), -lead * a * b * c];
}

function assertAscending(roots: number[]): void {
  for (let i = 1; i < roots.length; i++) assert.ok(roots[i - 1] <= roots[i], `roots not ascending: ${roots}`);
}

test("one real root: Cardano branch", () => {
  const cases: { c: Cubic; root: number }[] = [
    { c: [1, -2, 1, -2], root: 2 }, // (x - 2)(x^2 + 1)
    { c: [-3, 6, -3, 6], root: 2 }, // -3 (x - 2)(x^2 + 1)
    { c: [1, 1.5, 1.5, 0.5], root: -0.5 }, // (x + 1/2)(x^2 + x + 1)
    { c: [2, 0, 0, 16], root: -2 }, // 2 (x^3 + 8)
    { c: [1, -10, 26, -40], root: 7.144466890057008 }, // local maximum -19.8 < 0: one real root (bisection below)
  ];
  for (const { c, root } of cases) {
    const roots = realCubicRoots(...c);
    assert.equal(roots.length, 1, `${c}: ${roots}`);
    assertTinyResiduals(c, roots);
    assert.ok(
      Math.abs(roots[0] - root) < 1e-12 * Math.max(1, Math.abs(root)),
      `${c}: ${roots[0]} vs ${root}`,
    );
  }
  // The last root above is not a nice number: confirm it by bisection on a sign change.
  const c: Cubic = [1, -10, 26, -40];
  let lo = 7;
  let hi = 7.5;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (horner(c, mid) > 0) hi = mid;
    else lo = mid;
  }
  assert.ok(Math.abs(realCubicRoots(...c)[0] - lo) < 1e-13);
});

test("one real root next to cancellation: x^3 + 1e6 x + 1", () => {
  // Cardano sums two terms of size ~577 to get ~-1e-6; the Newton polish must restore the digits.
  // Root: x = -1e-6 - x^3/1e6, i.e. -1e-6 to about 1e-18 relative.
  const roots = realCubicRoots(1, 0, 1e6, 1);
  assert.equal(roots.length, 1);
  assert.ok(Math.abs(roots[0] / -1e-6 - 1) < 1e-14, `root ${roots[0]}`);
  assertTinyResiduals([1, 0, 1e6, 1], roots);
});

test("three distinct real roots: trigonometric branch", () => {
  const cases: { c: Cubic; roots: number[] }[] = [
    { c: [1, 0, -7, 6], roots: [-3, 1, 2] },
    { c: [1, -6, 11, -6], roots: [1, 2, 3] },
    { c: [-2, 12, -22, 12], roots: [1, 2, 3] },
    { c: [1, -1, -0.25, 0.25], roots: [-0.5, 0.5, 1] },
    { c: [1e-3, 0, -7e-3, 6e-3], roots: [-3, 1, 2] },
  ];
  for (const { c, roots: want } of cases) {
    const got = realCubicRoots(...c);
    assert.equal(got.length, 3, `${c}: ${got}`);
    assertAscending(got);
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(got[i] - want[i]) < 1e-13, `${c}: ${got} vs ${want}`);
    assertTinyResiduals(c, got);
  }
  // Widely spread magnitudes: 1e-3, 1, 1e3.
  const spread = fromRoots(1, [1e-3, 1, 1e3]);
  const got = realCubicRoots(...spread);
  assert.equal(got.length, 3);
  [1e-3, 1, 1e3].forEach((r, i) => assert.ok(Math.abs(got[i] / r - 1) < 1e-10, `spread roots ${got}`));
  assertTinyResiduals(spread, got);
});

test("random well-separated triples of real roots are recovered", () => {
  const rng = RandomStream.for(8, "test/roots/random");
  let checked = 0;
  while (checked < 2000) {
    const r = [0, 1, 2].map(() => -5 + 10 * rng.uniform()).sort((x, y) => x - y) as [number, number, number];
    if (r[1] - r[0] < 0.05 || r[2] - r[1] < 0.05) continue;
    const lead = (rng.uniform() < 0.5 ? -1 : 1) * (0.1 + 10 * rng.uniform());
    const c = fromRoots(lead, r);
    const got = realCubicRoots(...c);
    assert.equal(got.length, 3, `roots ${r}: got ${got}`);
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(got[i] - r[i]) < 1e-9, `roots ${r}: got ${got}`);
    assertTinyResiduals(c, got);
    assert.equal(smallestRealCubicRoot(...c), got[0]);
    checked++;
  }
});

test("repeated roots with exactly representable coefficients", () => {
  // A double root is ill-conditioned (a perturbation eps of the coefficients moves it by
  // ~sqrt(eps)), so it is compared to 1e-7; the simple root must stay accurate.
  const cases: { c: Cubic; double: number; simple: number }[] = [
    { c: [1, 0, -3, 2], double: 1, simple: -2 }, // (x - 1)^2 (x + 2)
    { c: [1, -3, 0, 4], double: 2, simple: -1 }, // (x - 2)^2 (x + 1)
    { c: [1, 3, 0, -4], double: -2, simple: 1 }, // (x + 2)^2 (x - 1)
    { c: [1, 0, -0.75, 0.25], double: 0.5, simple: -1 }, // (x - 1/2)^2 (x + 1)
    { c: [4, 0, -3, 1], double: 0.5, simple: -1 }, // 4 (x - 1/2)^2 (x + 1)
    { c: [8, 0, -6, -2], double: -0.5, simple: 1 }, // 2 (2x + 1)^2 (x - 1)
    { c: [1, -1, -1, 1], double: 1, simple: -1 }, // (x - 1)^2 (x + 1)
  ];
  for (const { c, double, simple } of cases) {
    const got = realCubicRoots(...c);
    assertAscending(got);
    assertTinyResiduals(c, got);
    // Every returned value is one of the two roots, and both roots are returned.
    for (const x of got) {
      assert.ok(Math.abs(x - double) < 1e-7 || Math.abs(x - simple) < 1e-13, `${c}: ${got}`);
    }
    assert.ok(
      got.some((x) => Math.abs(x - simple) < 1e-13),
      `${c}: simple root ${simple} missing from ${got}`,
    );
    assert.ok(
      got.some((x) => Math.abs(x - double) < 1e-7),
      `${c}: double root ${double} missing from ${got}`,
    );
  }
  // Cases that broke an earlier version: a double root lost to a discriminant rounded positive,
  // and unguarded Newton steps jumping away from a double root.
  for (const { c, double, simple } of [
    { c: [1, -5, 8, -4] as Cubic, double: 2, simple: 1 }, // (x - 1)(x - 2)^2
    { c: fromRoots(1, [-0.7, 0.3, 0.3]), double: 0.3, simple: -0.7 },
    { c: fromRoots(1, [1 / 3, 1 / 3, 3]), double: 1 / 3, simple: 3 },
  ]) {
    const got = realCubicRoots(...c);
    assert.equal(got.length, 3, `${c}: ${got}`);
    assert.equal(
      got.filter((x) => Math.abs(x - double) < 1e-6).length,
      2,
      `${c}: double root ${double} not twice in ${got}`,
    );
    assert.ok(
      got.some((x) => Math.abs(x - simple) < 1e-12),
      `${c}: simple root ${simple} missing from ${got}`,
    );
    assertTinyResiduals(c, got);
  }
  // Triple root: p = q = 0 exactly.
  for (const [c, root] of [
    [[1, -6, 12, -8], 2],
    [[1, 0, 0, 0], 0],
    [[2, 6, 6, 2], -1],
  ] as [Cubic, number][]) {
    const got = realCubicRoots(...c);
    assert.ok(got.length >= 1);
    for (const x of got) assert.ok(Math.abs(x - root) < 1e-5, `${c}: ${got}`);
  }
});

test("smallestRealCubicRoot is the first of the ascending roots; bad leading coefficients throw", () => {
  assert.equal(smallestRealCubicRoot(1, 0, -7, 6), -3);
  assert.equal(smallestRealCubicRoot(-1, 0, 7, -6), -3);
  assert.equal(smallestRealCubicRoot(1, -2, 1, -2), 2);
  assert.throws(() => realCubicRoots(0, 1, 1, 1), /leading coefficient must be finite and non-zero/);
  assert.throws(() => realCubicRoots(Number.NaN, 1, 1, 1), /leading coefficient/);
  assert.throws(() => realCubicRoots(Number.POSITIVE_INFINITY, 1, 1, 1), /leading coefficient/);
});
