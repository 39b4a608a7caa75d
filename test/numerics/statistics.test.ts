/** Median and least-squares line: exact on small known cases, errors on degenerate input. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitLine, median } from "../../src/numerics/statistics.js";

test("median of odd and even counts, input untouched", () => {
  const xs = [5, 1, 3];
  assert.equal(median(xs), 3);
  assert.deepEqual(xs, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test("fitLine recovers an exact line and the least-squares slope of noisy points", () => {
  const exact = fitLine([0, 1, 2, 3], [1, 3, 5, 7]);
  assert.equal(exact.slope, 2);
  assert.equal(exact.intercept, 1);
  // Residuals +1, -1, -1, +1 around y = x are orthogonal to x - mean: slope 1, intercept 0.
  const noisy = fitLine([0, 1, 2, 3], [1, 0, 1, 4]);
  assert.ok(Math.abs(noisy.slope - 1) < 1e-12 && Math.abs(noisy.intercept) < 1e-12);
  assert.throws(() => fitLine([1, 1], [0, 2]), /distinct x/);
  assert.throws(() => fitLine([1], [1]), /at least 2 points/);
});
