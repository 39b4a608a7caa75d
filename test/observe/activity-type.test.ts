/**
 * Activity types: the six published (A, B, G) points of Wendling et al. (2002) simulated and
 * classified for seeds 1–3 (every point must get its published type), and the classifier's
 * rules on constructed signals whose answer is known by construction.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ACTIVITY_THRESHOLDS,
  ACTIVITY_TYPES,
  classifyActivity,
  PUBLISHED_ACTIVITY_POINTS,
} from "../../src/observe/activity-type.js";
import { classifyWendlingPoints } from "../../src/pipeline/wendling-activity.js";
import { RandomStream } from "../../src/numerics/random.js";

test("the six published (A, B, G) points give their six activity types (seeds 1–3)", () => {
  assert.deepEqual(
    PUBLISHED_ACTIVITY_POINTS.map((p) => p.activityType),
    [...ACTIVITY_TYPES],
  );
  const wrong: string[] = [];
  for (const seed of [1, 2, 3]) {
    // 1 s transient, then 10 s analysed (sporadic spikes come about once every 1–3 s).
    const result = classifyWendlingPoints(PUBLISHED_ACTIVITY_POINTS, {
      seed,
      durationMs: 11000,
      transientMs: 1000,
    });
    result.forEach((c, i) => {
      const expected = PUBLISHED_ACTIVITY_POINTS[i].activityType;
      if (c.activityType !== expected)
        wrong.push(
          `seed ${seed}: ${expected} classified ${c.activityType} (sd ${c.sd.toFixed(2)} mV, peak ${c.dominantFrequencyHz.toFixed(1)} Hz, spikes ${c.spikes})`,
        );
    });
    // The published character of the types, measured: spike-and-wave discharge at 3–6 Hz,
    // quasi-sinusoid and slow rhythm near 10 Hz, fast activity mostly above 13 Hz.
    const byType = Object.fromEntries(result.map((c, i) => [PUBLISHED_ACTIVITY_POINTS[i].activityType, c]));
    const sustained = byType["sustained-spikes"];
    assert.ok(
      sustained.spikeRateHz >= 3 && sustained.spikeRateHz <= 6,
      `spike rate ${sustained.spikeRateHz}`,
    );
    const sinus = byType["quasi-sinusoidal"];
    assert.ok(sinus.dominantFrequencyHz >= 8 && sinus.dominantFrequencyHz <= 13);
    assert.ok(
      byType["low-voltage-rapid"].sd < byType.normal.sd,
      "fast activity is lower in voltage than background",
    );
  }
  assert.deepEqual(wrong, []);
});

const FS = 500;

function signal(seconds: number, f: (t: number, k: number) => number): Float64Array {
  const x = new Float64Array(seconds * FS);
  for (let k = 0; k < x.length; k++) x[k] = f(k / FS, k);
  return x;
}

/** A spike of height h (mV) lasting about 40 ms, centred at time c (s). */
const spike = (t: number, c: number, h: number) => h * Math.exp(-(((t - c) / 0.012) ** 2));

test("classifier rules on constructed signals", () => {
  // Background: white noise through a first-order low-pass at 4 Hz (most power below 8 Hz, as
  // the model's background); white noise itself would count as fast activity.
  const white = new Float64Array(10 * FS);
  RandomStream.for(5, "test/activity").fillNormal(white);
  const noise = new Float64Array(white.length);
  const alpha = 1 - Math.exp((-2 * Math.PI * 4) / FS);
  for (let k = 1; k < noise.length; k++) noise[k] = noise[k - 1] + alpha * (white[k] - noise[k - 1]);
  const rms = Math.sqrt(noise.reduce((s, v) => s + v * v, 0) / noise.length);
  for (let k = 0; k < noise.length; k++) noise[k] *= 0.3 / rms;
  // A 10 Hz sinusoid of 5 mV: quasi-sinusoidal; the same at 0.4 mV over weak noise: slow rhythm.
  assert.equal(
    classifyActivity(
      signal(10, (t) => 5 * Math.sin(2 * Math.PI * 10 * t)),
      FS,
    ).activityType,
    "quasi-sinusoidal",
  );
  assert.equal(
    classifyActivity(
      signal(10, (t, k) => 0.5 * Math.sin(2 * Math.PI * 10 * t) + 0.3 * noise[k]),
      FS,
    ).activityType,
    "slow-rhythmic",
  );
  // 20 Hz at low voltage: low-voltage rapid.
  assert.equal(
    classifyActivity(
      signal(10, (t, k) => 0.4 * Math.sin(2 * Math.PI * 20 * t) + 0.3 * noise[k]),
      FS,
    ).activityType,
    "low-voltage-rapid",
  );
  // Regular spikes at 4 Hz: sustained; three spikes in 10 s: sporadic; noise alone: normal.
  const h = ACTIVITY_THRESHOLDS.spikeThresholdMv + 4;
  assert.equal(
    classifyActivity(
      signal(10, (t, k) => spike(t % 0.25, 0.125, h) + noise[k]),
      FS,
    ).activityType,
    "sustained-spikes",
  );
  const sporadic = classifyActivity(
    signal(10, (t, k) => spike(t, 1.3, h) + spike(t, 4.1, h) + spike(t, 8.7, h) + noise[k]),
    FS,
  );
  assert.equal(sporadic.activityType, "sporadic-spikes");
  assert.equal(sporadic.spikes, 3);
  assert.equal(classifyActivity(noise, FS).activityType, "normal");
  // Spikes below the threshold are not spikes.
  assert.equal(
    classifyActivity(
      signal(10, (t, k) => spike(t % 0.25, 0.125, ACTIVITY_THRESHOLDS.spikeThresholdMv - 1) + noise[k]),
      FS,
    ).spikes,
    0,
  );
  assert.throws(() => classifyActivity(new Float64Array(100), FS), /at least 2 s/);
});
