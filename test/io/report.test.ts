/**
 * Tests for the self-contained HTML report (src/io/report.ts): structure, escaping (HTML Living
 * Standard text/attribute escaping), no external resources, a size bound for a 76-region × 60 s
 * run, and min/max decimation (per-pixel-column envelope, cf. Jugel et al., PVLDB 2014) keeping
 * the extremes of a trace.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderReport, downsampleMinMax, escapeHtml, type ReportInput } from "../../src/io/report.js";

/** Deterministic pseudo-random numbers (LCG) so sizes and plots are reproducible. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function makeInput(
  channels: number,
  seconds: number,
  rate: number,
  extra: Partial<ReportInput> = {},
): ReportInput {
  const samples = Math.round(seconds * rate);
  const data = new Float32Array(samples * channels);
  const rnd = lcg(7);
  for (let k = 0; k < samples; k++) {
    for (let c = 0; c < channels; c++) {
      const seizing = c % 5 === 0 && k / rate > 20 && k / rate < 40;
      data[k * channels + c] =
        (seizing ? 8 : 1) * Math.sin((2 * Math.PI * (3 + c / 10) * k) / rate) + 0.3 * (rnd() - 0.5);
    }
  }
  const labels = Array.from({ length: channels }, (_, c) => `SEEG R${c}-R${c + 1}`);
  const seizures = Array.from({ length: Math.ceil(channels / 5) }, (_, i) => ({
    region: `ctx-rh-region${i * 5}`,
    onsetSeconds: 20 + i * 0.2,
    offsetSeconds: 40 - i * 0.1,
  }));
  return {
    title: "ictal — test run",
    summary: {
      scenario: "unit",
      seed: 42,
      regions: channels,
      durationSeconds: seconds,
      seeg: { channels, sampleRateHz: rate },
      recruitment: [1, 2, 3],
    },
    scenarioText: "name: unit\nseed: 42\n",
    traces: { channelLabels: labels, sampleRateHz: rate, startSeconds: 0, data },
    seizures,
    onsets: seizures.map((s, i) => ({
      region: s.region,
      onsetSeconds: s.onsetSeconds,
      rank: i + 1,
      x0: -1.6 + i * 0.01,
      zone: i === 0 ? "EZ" : "PZ",
    })),
    ...extra,
  };
}

/** Per channel lane: label and the (x, y) points of its polyline (y relative to the lane centre). */
function lanes(html: string): { label: string; xs: number[]; ys: number[] }[] {
  const out: { label: string; xs: number[]; ys: number[] }[] = [];
  const re =
    /<g class="ch" transform="translate\(0,[-\d.]+\)"><text[^>]*>([^<]*)<\/text><polyline points="([^"]*)"\/><\/g>/g;
  for (const m of html.matchAll(re)) {
    const pts = m[2]
      .split(" ")
      .filter((p) => p !== "")
      .map((p) => p.split(",").map(Number));
    out.push({ label: m[1], xs: pts.map((p) => p[0]), ys: pts.map((p) => p[1]) });
  }
  return out;
}

test("structure: svg plots, seizure regions, onset table, escaped scenario text", () => {
  const scenario = 'name: "a<b>"\nnote: <script>alert("x")</script> & more\n';
  const html = renderReport(makeInput(12, 60, 256, { scenarioText: scenario }));
  assert.ok(html.startsWith("<!DOCTYPE html>"));
  assert.match(html, /<html lang="en">[\s\S]*<\/html>\s*$/);
  assert.equal((html.match(/<svg/g) ?? []).length, 2, "one onset chart and one trace window");
  for (const region of ["ctx-rh-region0", "ctx-rh-region5", "ctx-rh-region10"])
    assert.ok(html.includes(region), region);
  assert.ok(html.includes(escapeHtml(scenario)));
  assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"));
  assert.ok(!/<script/i.test(html), "no <script> element anywhere");
  // Onset table: header and rows in rank order with offsets matched by region.
  assert.match(
    html,
    /<th>rank<\/th><th>region<\/th><th>onset \(s\)<\/th><th>offset \(s\)<\/th><th>x0<\/th><th>zone<\/th>/,
  );
  assert.match(
    html,
    /<tr><td>1<\/td><td>ctx-rh-region0<\/td><td>20\.000<\/td><td>40\.000<\/td><td>-1\.600<\/td><td>EZ<\/td><\/tr>/,
  );
  assert.match(
    html,
    /<tr><td>2<\/td><td>ctx-rh-region5<\/td><td>20\.200<\/td><td>39\.900<\/td><td>-1\.590<\/td><td>PZ<\/td><\/tr>/,
  );
  // Summary: key facts table (nested scalars flattened) and JSON in a collapsible block.
  assert.match(html, /<tr><th>seed<\/th><td>42<\/td><\/tr>/);
  assert.match(html, /<tr><th>seeg\.sampleRateHz<\/th><td>256<\/td><\/tr>/);
  assert.match(
    html,
    /<details><summary>Run summary \(JSON\)<\/summary><pre>\{\n {2}&quot;scenario&quot;: &quot;unit&quot;/,
  );
  // Onset chart: one bar per seizure and tick labels in seconds on the time axis.
  assert.equal((html.match(/class="bar"/g) ?? []).length, 3);
  for (const tick of ["0", "10", "20", "30", "40", "50", "60"]) {
    assert.ok(html.includes(`text-anchor="middle">${tick}</text>`), `tick ${tick}`);
  }
  // Onset (red) and offset (blue) lines in the trace window.
  assert.equal((html.match(/stroke="#c62828" class="mark"><title>onset/g) ?? []).length, 3);
  assert.equal((html.match(/stroke="#1565c0" class="mark"><title>offset/g) ?? []).length, 3);
});

test("user text is escaped everywhere (title, labels, regions, zones, summary)", () => {
  const input = makeInput(4, 5, 100);
  input.title = "run <b>&</b>";
  input.traces.channelLabels[0] = `"><img src=x onerror=alert(1)>`;
  input.seizures[0].region = "A<B&C";
  input.onsets[0].region = "A<B&C";
  input.onsets[0].zone = "<i>EZ</i>";
  input.summary = { evil: "</pre><script>x</script>" };
  const html = renderReport(input);
  assert.ok(!html.includes("<b>&</b>") && html.includes("run &lt;b&gt;&amp;&lt;/b&gt;"));
  assert.ok(!html.includes("<img"));
  assert.ok(html.includes("A&lt;B&amp;C") && !html.includes("A<B&C"));
  assert.ok(html.includes("&lt;i&gt;EZ&lt;/i&gt;"));
  assert.ok(!/<script/i.test(html));
});

test("self-contained: no external URLs, scripts, stylesheets or fonts", () => {
  const html = renderReport(makeInput(8, 20, 200));
  assert.ok(!/\b(src|href)\s*=/i.test(html), "no src/href attributes");
  assert.ok(!/https?:/i.test(html), "no http(s) URL anywhere");
  assert.ok(!/<link|<script|@import|url\(/i.test(html));
  // A URL in user text stays inert text.
  const withUrl = renderReport(makeInput(2, 5, 100, { scenarioText: "see https://example.org/x" }));
  assert.ok(!/\b(src|href)\s*=\s*["']?https?:/i.test(withUrl));
});

test("size bound: 76 regions × 60 s stays under 2 MB, even with many windows and all channels", () => {
  const input = makeInput(76, 60, 512);
  const plain = renderReport(input);
  assert.ok(plain.length < 2_000_000, `default report is ${plain.length} bytes`);
  assert.equal(lanes(plain).length, 24, "default maxChannels is 24");
  const windows = Array.from({ length: 20 }, (_, i) => ({ startSeconds: i * 3, endSeconds: i * 3 + 5 }));
  const heavy = renderReport({ ...input, windows, maxChannels: 76 });
  assert.ok(
    Buffer.byteLength(heavy, "utf8") < 2_000_000,
    `heavy report is ${Buffer.byteLength(heavy, "utf8")} bytes`,
  );
  assert.ok(lanes(heavy).length >= 76, "at least one full window of 76 channels");
});

test("channel selection: the highest-variance channels in the window are plotted", () => {
  // Channels 0, 5, 10, ... seize between 20 and 40 s with 8× amplitude.
  const html = renderReport(
    makeInput(30, 60, 128, { maxChannels: 6, windows: [{ startSeconds: 22, endSeconds: 38 }] }),
  );
  assert.deepEqual(
    lanes(html).map((l) => l.label),
    [0, 5, 10, 15, 20, 25].map((c) => `SEEG R${c}-R${c + 1}`),
  );
});

test("downsampleMinMax keeps every column's min and max, in time order", () => {
  const rnd = lcg(3);
  const n = 100_003;
  const values = Float64Array.from({ length: n }, () => rnd() * 2 - 1);
  values[12_345] = 50; // isolated spikes must survive decimation
  values[77_777] = -60;
  const columns = 640;
  const { indices, values: kept } = downsampleMinMax(values, 0, n, columns);
  assert.ok(indices.length <= 2 * columns);
  assert.ok(kept.includes(50) && kept.includes(-60));
  for (let i = 1; i < indices.length; i++) assert.ok(indices[i] > indices[i - 1], "time order");
  for (let c = 0; c < columns; c++) {
    const a = Math.floor((c * n) / columns);
    const b = Math.floor(((c + 1) * n) / columns);
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = a; k < b; k++) {
      lo = Math.min(lo, values[k]);
      hi = Math.max(hi, values[k]);
    }
    const inColumn = kept.filter((_, i) => indices[i] >= a && indices[i] < b);
    assert.equal(Math.min(...inColumn), lo, `column ${c} min`);
    assert.equal(Math.max(...inColumn), hi, `column ${c} max`);
  }
  // Strided access (one channel of sample-major data) and short series (kept whole).
  const interleaved = Float64Array.from([0, 9, 1, -9, 2, 8, 3, 7]);
  assert.deepEqual(downsampleMinMax(interleaved, 0, 4, 10, 2, 1), {
    indices: [0, 1, 2, 3],
    values: [9, -9, 8, 7],
  });
});

test("rendered traces keep a one-sample spike: the lane spans its full height on both sides", () => {
  const rate = 1000;
  const samples = 60 * rate;
  const data = new Float64Array(samples);
  for (let k = 0; k < samples; k++) data[k] = Math.sin((2 * Math.PI * 2 * k) / rate);
  data[31_337] = 10; // one sample in 60 000, far above the ±1 sine
  const html = renderReport({
    title: "spike",
    summary: {},
    scenarioText: "",
    traces: { channelLabels: ["SEEG X1-X2"], sampleRateHz: rate, startSeconds: 0, data },
    seizures: [],
    onsets: [],
  });
  const [lane] = lanes(html);
  assert.ok(lane.xs.length <= 2 * 900, `plotted ${lane.xs.length} points for ${samples} samples`);
  const top = Math.min(...lane.ys);
  const bottom = Math.max(...lane.ys);
  // Mid-range scaling puts max at -h and min at +h; without the spike the sine max would sit at +0.64h.
  assert.ok(top < 0 && Math.abs(top + bottom) <= 0.1, `lane extremes ${top} and ${bottom}`);
  const spikeX = lane.xs[lane.ys.indexOf(top)];
  const expectedX = 120 + (31.337 / 59.999) * 900;
  assert.ok(Math.abs(spikeX - expectedX) < 1, `spike at x=${spikeX}, expected ≈ ${expectedX}`);
});

test("bad traces throw RangeError naming the field", () => {
  const input = makeInput(3, 2, 100);
  assert.throws(
    () => renderReport({ ...input, traces: { ...input.traces, data: new Float32Array(10) } }),
    (e: unknown) =>
      e instanceof RangeError && /traces\.data length 10 is not a multiple of the 3 channels/.test(e.message),
  );
  assert.throws(
    () => renderReport({ ...input, traces: { ...input.traces, sampleRateHz: 0 } }),
    (e: unknown) =>
      e instanceof RangeError && /traces\.sampleRateHz must be a finite number > 0/.test(e.message),
  );
  assert.throws(
    () => renderReport({ ...input, windows: [{ startSeconds: 5, endSeconds: 1 }] }),
    (e: unknown) =>
      e instanceof RangeError && /windows\[0\] must have finite startSeconds < endSeconds/.test(e.message),
  );
  assert.throws(() => renderReport({ ...input, maxChannels: 0 }), /maxChannels must be an integer ≥ 1/);
});
