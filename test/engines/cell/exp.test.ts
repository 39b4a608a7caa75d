/**
 * The table-driven exponential against Math.exp: at most one unit in the last place everywhere in
 * the fast range, exact where exactness is required, and Math.exp's answers outside it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { exp } from "../../../src/engines/cell/exp.js";
import { RandomStream } from "../../../src/numerics/random.js";

const bits = new BigInt64Array(2);
const view = new Float64Array(bits.buffer);

/** Distance in units in the last place between two positive finite doubles. */
function ulps(a: number, b: number): number {
  view[0] = a;
  view[1] = b;
  const d = bits[0] - bits[1];
  return Number(d < 0n ? -d : d);
}

test("exp is within 1 ulp of Math.exp over the fast range", () => {
  const rng = RandomStream.for(7, "test/exp");
  let worst = 0;
  let identical = 0;
  const n = 400_000;
  for (let i = 0; i < n; i++) {
    // Half the points where the cell kernels evaluate (|x| < 40), half over the whole range.
    const x = i % 2 === 0 ? (rng.uniform() * 2 - 1) * 40 : -708 + rng.uniform() * 1417;
    const d = ulps(exp(x), Math.exp(x));
    if (d > worst) worst = d;
    if (d === 0) identical++;
  }
  assert.ok(worst <= 1, `worst error ${worst} ulp`);
  assert.ok(identical > 0.8 * n, `only ${identical} of ${n} identical to Math.exp`);
});

test("exp is exact or Math.exp's at special and boundary arguments", () => {
  assert.equal(exp(0), 1);
  assert.equal(exp(-0), 1);
  assert.equal(exp(1), Math.E);
  assert.ok(Number.isNaN(exp(NaN)));
  assert.equal(exp(Infinity), Infinity);
  assert.equal(exp(-Infinity), 0);
  assert.equal(exp(710), Infinity);
  assert.equal(exp(-746), 0);
  for (const x of [-720, -708, -707.999, 708.999, 709, 709.7]) {
    assert.ok(ulps(exp(x), Math.exp(x)) <= 1, `x = ${x}: ${exp(x)} vs ${Math.exp(x)}`);
  }
  // Table boundaries: multiples of ln2/256 and halfway between them.
  for (let j = -3000; j <= 3000; j++) {
    for (const x of [(j * Math.LN2) / 256, ((j + 0.5) * Math.LN2) / 256]) {
      assert.ok(ulps(exp(x), Math.exp(x)) <= 1, `x = ${x}`);
    }
  }
});
