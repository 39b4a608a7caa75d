/**
 * Population event detection on synthetic rates with known events: onsets, offsets and peaks are
 * recovered to within the smoothing width, noise alone produces no event, short blips and
 * gaps follow the duration and merge rules.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { RandomStream } from "../../src/numerics/random.js";
import { detectPopulationEvents, movingAverage } from "../../src/observe/population-events.js";

/** 2 s of Poisson-like noise around `base` Hz in 1 ms bins, with boxes of `height` Hz added. */
function synthetic(base: number, boxes: [number, number, number][], seed = 1): Float64Array {
  const rng = RandomStream.for(seed, "population-events");
  const rate = new Float64Array(2000);
  for (let i = 0; i < rate.length; i++) rate[i] = Math.max(0, base + 0.5 * base * rng.normal());
  for (const [start, end, height] of boxes) for (let i = start; i < end; i++) rate[i] += height;
  return rate;
}

test("moving average of a constant is the constant, of a step is a ramp", () => {
  assert.deepEqual(Array.from(movingAverage([2, 2, 2, 2], 3)), [2, 2, 2, 2]);
  const ramp = movingAverage([0, 0, 3, 3], 3);
  assert.deepEqual(Array.from(ramp), [0, 1, 2, 3]);
});

test("asynchronous noise alone gives no event", () => {
  for (const seed of [1, 2, 3]) {
    const r = detectPopulationEvents(synthetic(8, [], seed), 1);
    assert.equal(r.events.length, 0, `seed ${seed}: threshold ${r.threshold}`);
    assert.ok(Math.abs(r.baseline - 8) < 1, `baseline ${r.baseline}`);
  }
});

test("bursts are found with onset, offset and peak", () => {
  const boxes: [number, number, number][] = [
    [300, 340, 150],
    [900, 960, 200],
    [1500, 1530, 120],
  ];
  const r = detectPopulationEvents(synthetic(5, boxes), 1);
  assert.equal(r.events.length, 3);
  r.events.forEach((e, k) => {
    const [start, end, height] = boxes[k];
    // The 10 ms moving average spreads each edge over ±5 ms.
    assert.ok(Math.abs(e.onsetMs - start) <= 6, `onset ${e.onsetMs} vs ${start}`);
    assert.ok(Math.abs(e.offsetMs - end) <= 6, `offset ${e.offsetMs} vs ${end}`);
    assert.ok(e.peakMs >= start && e.peakMs < end, `peak at ${e.peakMs}`);
    assert.ok(Math.abs(e.peakRate - (5 + height)) < 0.2 * height, `peak rate ${e.peakRate}`);
    assert.ok(e.meanRate > 0.7 * height, `mean rate ${e.meanRate}`);
  });
});

test("events shorter than the minimum duration are dropped; close runs are merged", () => {
  const short = detectPopulationEvents(synthetic(5, [[500, 504, 400]]), 1, { minDurationMs: 20 });
  assert.equal(short.events.length, 0);
  const pair: [number, number, number][] = [
    [500, 540, 200],
    [560, 600, 200],
  ];
  assert.equal(detectPopulationEvents(synthetic(5, pair), 1, { mergeGapMs: 5 }).events.length, 2);
  const merged = detectPopulationEvents(synthetic(5, pair), 1, { mergeGapMs: 30 }).events;
  assert.equal(merged.length, 1);
  assert.ok(merged[0].onsetMs < 510 && merged[0].offsetMs > 590);
});

test("a silent baseline uses the absolute floor; bad input is refused", () => {
  const rate = new Float64Array(1000);
  for (let i = 400; i < 450; i++) rate[i] = 30;
  const r = detectPopulationEvents(rate, 1, { minRate: 20 });
  assert.equal(r.baseline, 0);
  assert.equal(r.threshold, 20);
  assert.equal(r.events.length, 1);
  assert.equal(detectPopulationEvents(rate, 1, { minRate: 40 }).events.length, 0);
  assert.throws(() => detectPopulationEvents([1, NaN], 1), /rate\[1\]/);
  assert.throws(() => detectPopulationEvents([1, 2], 0), /bin width/);
  assert.throws(() => detectPopulationEvents([1, 2], 1, { ratio: -1 }), /ratio/);
});
