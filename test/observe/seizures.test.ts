/**
 * Tests of seizure detection (src/observe/seizures.ts): the state-based definition of the
 * reference implementation (shared/reference/epileptor/vep_reference.py), recruitment and
 * episodes, line length (Esteller et al. 2001, IEEE EMBS) and the epileptogenicity index
 * (Bartolomei, Chauvel & Wendling 2008, Brain 131:1818), all on synthetic data.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { RandomStream } from "../../src/numerics/random.js";
import {
  detectSeizuresFromSignals,
  detectSeizuresFromStates,
  epileptogenicityIndex,
  lineLength,
  recruitmentOrder,
  seizureEpisodes,
  type SeizureEvent,
} from "../../src/observe/seizures.js";

/** x1 (samples x n) that is +1 inside the given [from, to] intervals of each region, -1 elsewhere. */
function synthetic(times: Float64Array, intervals: [number, number][][]): Float64Array {
  const n = intervals.length;
  const x1 = new Float64Array(times.length * n).fill(-1);
  times.forEach((t, s) => {
    intervals.forEach((list, i) => {
      if (list.some(([a, b]) => t >= a && t <= b)) x1[s * n + i] = 1;
    });
  });
  return x1;
}

const times = Float64Array.from({ length: 1000 }, (_, k) => k);

test("state-based seizures: merge within the gap, split beyond it, sort by onset then region", () => {
  const x1 = synthetic(times, [
    [
      [100, 200],
      [250, 300],
      [500, 520],
    ],
    [[150, 400]],
    [],
    [[150, 160]],
  ]);
  const events = detectSeizuresFromStates(times, x1, 4, ["a", "b", "c", "d"]);
  assert.deepEqual(events, [
    { regionIndex: 0, region: "a", onset: 100, offset: 300 },
    { regionIndex: 1, region: "b", onset: 150, offset: 400 },
    { regionIndex: 3, region: "d", onset: 150, offset: 160 },
    { regionIndex: 0, region: "a", onset: 500, offset: 520 },
  ]);
  // minDuration drops short events; a smaller merge gap splits the first seizure.
  assert.deepEqual(
    detectSeizuresFromStates(times, x1, 4, ["a", "b", "c", "d"], { minDuration: 50 }).map((e) => [
      e.region,
      e.onset,
    ]),
    [
      ["a", 100],
      ["b", 150],
    ],
  );
  assert.equal(
    detectSeizuresFromStates(times, x1, 4, ["a", "b", "c", "d"], { mergeGap: 49 }).filter(
      (e) => e.region === "a",
    ).length,
    3,
  );
  assert.equal(detectSeizuresFromStates(times, x1, 4, ["a", "b", "c", "d"], { threshold: 2 }).length, 0);
});

test("state-based seizures: a gap equal to mergeGap merges, one sample more splits (reference `tt - prev > gap`)", () => {
  const x1 = synthetic(times, [
    [
      [10, 10],
      [110, 110],
      [211, 215],
    ],
    [[999, 999]],
  ]);
  const events = detectSeizuresFromStates(times, x1, 2, ["a", "b"]);
  assert.deepEqual(
    events.map((e) => [e.region, e.onset, e.offset]),
    [
      ["a", 10, 110],
      ["a", 211, 215],
      ["b", 999, 999],
    ],
  );
  assert.throws(() => detectSeizuresFromStates(times, x1, 3, ["a", "b", "c"]), /expected samples\*n/);
});

test("recruitment order ranks first onsets, ties share a rank", () => {
  const events: SeizureEvent[] = [
    { regionIndex: 2, region: "c", onset: 10, offset: 50 },
    { regionIndex: 0, region: "a", onset: 20, offset: 40 },
    { regionIndex: 1, region: "b", onset: 20, offset: 60 },
    { regionIndex: 3, region: "d", onset: 30, offset: 35 },
    { regionIndex: 2, region: "c", onset: 500, offset: 550 },
  ];
  assert.deepEqual(recruitmentOrder(events), [
    { region: "c", regionIndex: 2, firstOnset: 10, rank: 1 },
    { region: "a", regionIndex: 0, firstOnset: 20, rank: 2 },
    { region: "b", regionIndex: 1, firstOnset: 20, rank: 2 },
    { region: "d", regionIndex: 3, firstOnset: 30, rank: 4 },
  ]);
  assert.deepEqual(recruitmentOrder([]), []);
});

test("episodes chain overlapping or nearby region events into network seizures", () => {
  // Mirrors the shape of the reference run: two network seizures, the second led by the same EZ.
  const events: SeizureEvent[] = [
    { regionIndex: 5, region: "lAMYG", onset: 1190, offset: 2394 },
    { regionIndex: 6, region: "lHC", onset: 1218, offset: 3008 },
    { regionIndex: 7, region: "lPHC", onset: 1351, offset: 1850 },
    { regionIndex: 5, region: "lAMYG", onset: 4438, offset: 5643 },
    { regionIndex: 7, region: "lPHC", onset: 4635, offset: 5114 },
    { regionIndex: 6, region: "lHC", onset: 5021, offset: 5999 },
  ];
  const episodes = seizureEpisodes(events);
  assert.equal(episodes.length, 2);
  assert.equal(episodes[0].firstRegion, "lAMYG");
  assert.deepEqual(episodes[0].regions, ["lAMYG", "lHC", "lPHC"]);
  assert.equal(episodes[0].onset, 1190);
  assert.equal(episodes[0].offset, 3008);
  assert.deepEqual(episodes[1].regions, ["lAMYG", "lPHC", "lHC"]);
  assert.deepEqual(episodes[1].regionIndices, [5, 7, 6]);
  assert.equal(episodes[1].events.length, 3);
  // A large enough gap merges everything; a gap bridges non-overlapping events.
  assert.equal(seizureEpisodes(events, 2000).length, 1);
  const apart: SeizureEvent[] = [
    { regionIndex: 0, region: "a", onset: 0, offset: 10 },
    { regionIndex: 1, region: "b", onset: 15, offset: 20 },
  ];
  assert.equal(seizureEpisodes(apart).length, 2);
  assert.equal(seizureEpisodes(apart, 5).length, 1);
});

const FS = 256;

/** White noise (sd 1) on every channel, plus optional bursts: [channel, from s, to s, Hz, amplitude]. */
function noiseWithBursts(
  seconds: number,
  channels: number,
  seed: number,
  bursts: [number, number, number, number, number][],
): Float64Array {
  const samples = seconds * FS;
  const stream = RandomStream.for(seed, "test/line-length");
  const data = new Float64Array(samples * channels);
  for (let k = 0; k < data.length; k++) data[k] = stream.normal();
  for (const [c, from, to, hz, amp] of bursts) {
    for (let s = Math.round(from * FS); s < Math.round(to * FS); s++)
      data[s * channels + c] += amp * Math.sin((2 * Math.PI * hz * s) / FS);
  }
  return data;
}

test("line length detects an injected fast high-amplitude burst at the right time, on its channel only", () => {
  const channels = 3;
  const data = noiseWithBursts(90, channels, 1, [[1, 40, 55, 20, 10]]);
  const events = detectSeizuresFromSignals(data, 90 * FS, channels, FS, {
    labels: ["A1-A2", "A2-A3", "B1-B2"],
  });
  assert.equal(events.length, 1, JSON.stringify(events));
  const [e] = events;
  assert.equal(e.channel, 1);
  assert.equal(e.label, "A2-A3");
  assert.ok(e.onset >= 40 && e.onset < 41, `onset ${e.onset}`);
  assert.ok(Math.abs(e.offset - 55) < 1, `offset ${e.offset}`);
  // A start time shifts the reported times.
  const shifted = detectSeizuresFromSignals(data, 90 * FS, channels, FS, { startTime: 100 });
  assert.ok(Math.abs(shifted[0].onset - (e.onset + 100)) < 1e-9);
});

test("line length: pure noise gives no detection; short bursts below minDuration are ignored", () => {
  const channels = 4;
  const noise = noiseWithBursts(300, channels, 2, []);
  assert.deepEqual(detectSeizuresFromSignals(noise, 300 * FS, channels, FS), []);
  const brief = noiseWithBursts(60, 1, 3, [[0, 30, 30.5, 20, 10]]);
  assert.deepEqual(detectSeizuresFromSignals(brief, 60 * FS, 1, FS), []);
  assert.equal(detectSeizuresFromSignals(brief, 60 * FS, 1, FS, { minDurationS: 0.2 }).length, 1);
  // Silence has no seizure even when the baseline is zero.
  assert.deepEqual(detectSeizuresFromSignals(new Float64Array(60 * FS), 60 * FS, 1, FS), []);
});

test("line-length feature equals the mean absolute difference over the window", () => {
  const data = Float64Array.from({ length: 1000 }, (_, k) => (k % 2 === 0 ? 0 : 3));
  const ll = lineLength(data, 1000, 1, 100, 1);
  assert.equal(ll[999], 3);
  const ramp = Float64Array.from({ length: 500 }, (_, k) => 0.5 * k);
  assert.ok(Math.abs(lineLength(ramp, 500, 1, 100, 0.5)[499] - 0.5) < 1e-12);
});

test("epileptogenicity index: the earlier, stronger fast-activity onset gets EI 1", () => {
  const channels = 3;
  const seconds = 50;
  const samples = seconds * FS;
  const stream = RandomStream.for(4, "test/ei");
  const data = new Float64Array(samples * channels);
  for (let s = 0; s < samples; s++) {
    const t = s / FS;
    for (let c = 0; c < channels; c++) {
      // Background dominated by an alpha rhythm (low energy ratio), plus white noise.
      let v = 3 * Math.sin(2 * Math.PI * 9 * t + c) + 0.5 * stream.normal();
      if (c === 0 && t >= 15) v += 4 * Math.sin(2 * Math.PI * 30 * t);
      if (c === 1 && t >= 22) v += 3 * Math.sin(2 * Math.PI * 35 * t);
      data[s * channels + c] = v;
    }
  }
  const r = epileptogenicityIndex(data, samples, channels, FS);
  assert.equal(r.ei[0], 1);
  assert.ok(r.ei[1] > 0 && r.ei[1] < 0.5, `EI of the later, weaker channel ${r.ei[1]}`);
  assert.equal(r.ei[2], 0);
  assert.ok(Math.abs(r.detectionTime[0] - 15) <= 1, `detection ${r.detectionTime[0]}`);
  assert.ok(Math.abs(r.detectionTime[1] - 22) <= 1.5, `detection ${r.detectionTime[1]}`);
  assert.ok(Number.isNaN(r.detectionTime[2]));
  assert.ok(r.alarmTime[0] >= r.detectionTime[0]);
  assert.equal(r.energyRatio.length, r.windowTimes.length * channels);
  assert.equal(r.windowTimes[0], 0.5);
});
