/**
 * Self-contained HTML report of a run: one file with inline CSS and inline SVG plots, no scripts,
 * fonts or external resources, so it opens offline and can be archived beside the EDF.
 *
 * Sources:
 * - HTML Living Standard (WHATWG), "Serializing HTML fragments" / escaping of text and attribute
 *   values (&, <, >, ", '), and inline <svg> in HTML documents (no xmlns needed).
 * - SVG 1.1 (W3C), basic shapes: <polyline points>, <line>, <rect>, <text>, <title>.
 * - Min/max decimation for display: per pixel column keep the smallest and largest sample, the
 *   standard envelope technique of EEG/oscilloscope viewers, so spikes survive downsampling
 *   (e.g. Shneiderman-style overview plots; also the "M4"-like aggregation of Jugel et al.,
 *   "M4: A visualization-oriented time series data aggregation", PVLDB 7(10), 2014).
 */

export interface ReportInput {
  title: string;
  /** The run's JSON summary: key facts in a small table, the whole object as JSON in <details>. */
  summary: Record<string, unknown>;
  /** The scenario file used, shown verbatim. */
  scenarioText: string;
  /** SEEG bipolar traces, samples × channels, sample-major. */
  traces: {
    channelLabels: string[];
    sampleRateHz: number;
    startSeconds: number;
    data: Float32Array | Float64Array;
  };
  seizures: { region: string; onsetSeconds: number; offsetSeconds: number }[];
  /** Onset table in recruitment order. */
  onsets: { region: string; onsetSeconds: number; rank: number; x0?: number; zone?: string }[];
  /** Time windows to plot (around seizures); default: the whole record. */
  windows?: { startSeconds: number; endSeconds: number }[];
  /** Plot at most this many channels (highest variance in the window); default 24. */
  maxChannels?: number;
  /** Patient mechanisms: seizure propensity and each mechanism's share (bar chart). */
  mechanisms?: {
    seizuresPerDay: number;
    breakdown: { mechanism: string; seizuresPerDayWithout: number; deltaX0: number }[];
  };
  /** Per-region activity types (Wendling runs): a count chart and a table. */
  activity?: {
    region: string;
    zone?: string;
    activityType: string;
    dominantFrequencyHz: number;
    sdMillivolts: number;
    spikeRateHz: number;
    A?: number;
    B?: number;
    G?: number;
  }[];
}

/** Pixel columns of a trace plot; min/max per column gives at most two points per column. */
const PLOT_WIDTH = 900;
const MIN_PLOT_WIDTH = 200;
const LABEL_MARGIN = 120;
const RIGHT_MARGIN = 16;
const LANE_HEIGHT = 22;
const AXIS_HEIGHT = 42;
/**
 * Budget of plotted points over all trace plots. Each point costs ~12 bytes of SVG, so this keeps
 * the traces under ~1.3 MB and the whole report under 2 MB however many windows and channels.
 */
const POINT_BUDGET = 80_000;
/** More windows than this would each get too few pixel columns to be readable. */
const MAX_WINDOWS = 12;
const ONSET_COLOUR = "#c62828";
const OFFSET_COLOUR = "#1565c0";

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
  );
}

/**
 * Min/max decimation of samples [start, end) of a strided series (value k is
 * `values[k * stride + offset]`, which reads one channel of sample-major data in place).
 * Each of `columns` equal slices contributes its smallest and largest finite sample, in time
 * order, so the plotted envelope keeps every extreme. Returns sample indices and their values.
 * With no more than 2 samples per column there is nothing to drop and all samples are returned.
 */
export function downsampleMinMax(
  values: ArrayLike<number>,
  start: number,
  end: number,
  columns: number,
  stride = 1,
  offset = 0,
): { indices: number[]; values: number[] } {
  const indices: number[] = [];
  const out: number[] = [];
  const n = end - start;
  if (n <= 0 || columns < 1) return { indices, values: out };
  if (n <= 2 * columns) {
    for (let k = start; k < end; k++) {
      const v = values[k * stride + offset];
      if (Number.isFinite(v)) {
        indices.push(k);
        out.push(v);
      }
    }
    return { indices, values: out };
  }
  for (let c = 0; c < columns; c++) {
    const a = start + Math.floor((c * n) / columns);
    const b = start + Math.floor(((c + 1) * n) / columns);
    let iMin = -1;
    let iMax = -1;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = a; k < b; k++) {
      const v = values[k * stride + offset];
      if (v < lo) {
        lo = v;
        iMin = k;
      }
      if (v > hi) {
        hi = v;
        iMax = k;
      }
    }
    if (iMin < 0) continue; // column held only NaN: leave a gap in the envelope
    const first = Math.min(iMin, iMax);
    const second = Math.max(iMin, iMax);
    indices.push(first);
    out.push(values[first * stride + offset]);
    if (second !== first) {
      indices.push(second);
      out.push(values[second * stride + offset]);
    }
  }
  return { indices, values: out };
}

/** Tick step of 1, 2 or 5 × 10^k giving about `target` ticks over `span`. */
export function niceStep(span: number, target: number): number {
  if (!(span > 0)) return 1;
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/** Round for SVG coordinates: one decimal is below a pixel and keeps the file small. */
export function px(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? "0" : String(r);
}

function fmt(v: number | undefined, decimals: number): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return "—";
  return v.toFixed(decimals);
}

/** Seconds for tick labels: no float noise, no trailing zeros. */
function tickLabel(seconds: number, step: number): string {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return seconds.toFixed(decimals);
}

export function timeAxis(x0: number, width: number, t0: number, t1: number, y: number): string {
  const step = niceStep(t1 - t0, 8);
  const parts: string[] = [
    `<line x1="${px(x0)}" y1="${px(y)}" x2="${px(x0 + width)}" y2="${px(y)}" class="axis"/>`,
  ];
  // Integer tick indices: accumulating t += step would drift (0.1 + 0.2 ≠ 0.3).
  const last = Math.floor(t1 / step + 1e-9);
  for (let i = Math.ceil(t0 / step - 1e-9); i <= last; i++) {
    const t = i * step;
    const x = x0 + ((t - t0) / (t1 - t0)) * width;
    parts.push(
      `<line x1="${px(x)}" y1="${px(y)}" x2="${px(x)}" y2="${px(y + 5)}" class="axis"/>`,
      `<text x="${px(x)}" y="${px(y + 17)}" text-anchor="middle">${tickLabel(t, step)}</text>`,
    );
  }
  parts.push(`<text x="${px(x0 + width)}" y="${px(y + 31)}" text-anchor="end">time (s)</text>`);
  return parts.join("");
}

interface Traces {
  labels: string[];
  rate: number;
  start: number;
  data: Float32Array | Float64Array;
  samples: number;
}

function validateTraces(traces: ReportInput["traces"]): Traces {
  const labels = traces.channelLabels;
  if (!Array.isArray(labels) || labels.length < 1) {
    throw new RangeError(
      `traces.channelLabels must list 1.. channels, got ${Array.isArray(labels) ? 0 : "none"}`,
    );
  }
  if (!Number.isFinite(traces.sampleRateHz) || traces.sampleRateHz <= 0) {
    throw new RangeError(`traces.sampleRateHz must be a finite number > 0, got ${traces.sampleRateHz}`);
  }
  if (!Number.isFinite(traces.startSeconds)) {
    throw new RangeError(`traces.startSeconds must be finite, got ${traces.startSeconds}`);
  }
  if (traces.data.length % labels.length !== 0) {
    throw new RangeError(
      `traces.data length ${traces.data.length} is not a multiple of the ${labels.length} channels (samples × channels, sample-major)`,
    );
  }
  return {
    labels,
    rate: traces.sampleRateHz,
    start: traces.startSeconds,
    data: traces.data,
    samples: traces.data.length / labels.length,
  };
}

/** Channels with the highest variance over samples [a, b), returned in montage order. */
function pickChannels(t: Traces, a: number, b: number, max: number): number[] {
  const C = t.labels.length;
  const variance = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (let k = a; k < b; k++) {
      const v = t.data[k * C + c];
      if (!Number.isFinite(v)) continue;
      n++;
      const d = v - mean;
      mean += d / n;
      m2 += d * (v - mean);
    }
    variance[c] = n > 1 ? m2 / (n - 1) : 0;
  }
  const order = Array.from({ length: C }, (_, c) => c);
  order.sort((p, q) => variance[q] - variance[p] || p - q);
  // Montage order reads better than variance order, and keeps neighbouring contacts together.
  return order.slice(0, Math.min(max, C)).sort((p, q) => p - q);
}

function tracePlot(
  t: Traces,
  window: { startSeconds: number; endSeconds: number },
  channels: number[],
  seizures: ReportInput["seizures"],
  width: number,
): string {
  const C = t.labels.length;
  const a = Math.max(0, Math.floor((window.startSeconds - t.start) * t.rate));
  const b = Math.min(t.samples, Math.ceil((window.endSeconds - t.start) * t.rate) + 1);
  const t0 = t.start + a / t.rate;
  const t1 = t.start + Math.max(b - 1, a + 1) / t.rate;
  const top = 8;
  const height = top + channels.length * LANE_HEIGHT + AXIS_HEIGHT;
  const svgWidth = LABEL_MARGIN + width + RIGHT_MARGIN;
  const xOf = (seconds: number) => LABEL_MARGIN + ((seconds - t0) / (t1 - t0)) * width;
  const parts: string[] = [
    `<svg class="traces" width="${svgWidth}" height="${height}" viewBox="0 0 ${svgWidth} ${height}" role="img" aria-label="SEEG traces ${t0.toFixed(1)} to ${t1.toFixed(1)} s">`,
  ];
  const half = LANE_HEIGHT * 0.48;
  channels.forEach((c, row) => {
    const { indices, values } = downsampleMinMax(t.data, a, b, width, C, c);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    // Each channel fills its own lane (mid-range at the centre, extremes at ±half), so quiet and
    // seizing channels are both readable; the amplitude itself is in the EDF.
    const mid = Number.isFinite(lo) ? (lo + hi) / 2 : 0;
    const scale = Number.isFinite(lo) && hi > lo ? half / ((hi - lo) / 2) : 0;
    const yc = top + (row + 0.5) * LANE_HEIGHT;
    const points = indices.map(
      (k, i) => `${px(xOf(t.start + k / t.rate))},${px(-(values[i] - mid) * scale)}`,
    );
    parts.push(
      `<g class="ch" transform="translate(0,${px(yc)})">`,
      `<text x="${LABEL_MARGIN - 6}" y="4" text-anchor="end">${escapeHtml(t.labels[c])}</text>`,
      `<polyline points="${points.join(" ")}"/>`,
      `</g>`,
    );
  });
  const plotBottom = top + channels.length * LANE_HEIGHT;
  for (const s of seizures) {
    for (const [time, colour, kind] of [
      [s.onsetSeconds, ONSET_COLOUR, "onset"],
      [s.offsetSeconds, OFFSET_COLOUR, "offset"],
    ] as const) {
      if (!(time >= t0 && time <= t1)) continue;
      const x = px(xOf(time));
      parts.push(
        `<line x1="${x}" y1="${top}" x2="${x}" y2="${px(plotBottom)}" stroke="${colour}" class="mark"><title>${kind} ${escapeHtml(s.region)} ${time.toFixed(2)} s</title></line>`,
      );
    }
  }
  parts.push(timeAxis(LABEL_MARGIN, width, t0, t1, plotBottom + 4), `</svg>`);
  return parts.join("");
}

/** Match each onset row with the seizure of that region whose onset is closest (for the offset). */
function offsetFor(region: string, onset: number, seizures: ReportInput["seizures"]): number | undefined {
  let best: number | undefined;
  let bestGap = Infinity;
  for (const s of seizures) {
    if (s.region !== region) continue;
    const gap = Math.abs(s.onsetSeconds - onset);
    if (gap < bestGap) {
      bestGap = gap;
      best = s.offsetSeconds;
    }
  }
  return best;
}

function onsetTable(input: ReportInput): string {
  if (input.onsets.length === 0) return `<p>No seizure onsets were detected.</p>`;
  const rows = [...input.onsets]
    .sort((p, q) => p.rank - q.rank || p.onsetSeconds - q.onsetSeconds)
    .map(
      (o) =>
        `<tr><td>${escapeHtml(String(o.rank))}</td><td>${escapeHtml(o.region)}</td><td>${fmt(o.onsetSeconds, 3)}</td>` +
        `<td>${fmt(offsetFor(o.region, o.onsetSeconds, input.seizures), 3)}</td><td>${fmt(o.x0, 3)}</td>` +
        `<td>${escapeHtml(o.zone ?? "—")}</td></tr>`,
    );
  return (
    `<table class="onsets"><thead><tr><th>rank</th><th>region</th><th>onset (s)</th><th>offset (s)</th><th>x0</th><th>zone</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`
  );
}

/** Horizontal bars from onset to offset per region, rows in recruitment order. */
function onsetChart(input: ReportInput, recordStart: number, recordEnd: number): string {
  const regions: string[] = [];
  const seen = new Set<string>();
  const addRegion = (r: string) => {
    if (!seen.has(r)) {
      seen.add(r);
      regions.push(r);
    }
  };
  [...input.onsets]
    .sort((p, q) => p.rank - q.rank || p.onsetSeconds - q.onsetSeconds)
    .forEach((o) => addRegion(o.region));
  [...input.seizures].sort((p, q) => p.onsetSeconds - q.onsetSeconds).forEach((s) => addRegion(s.region));
  if (regions.length === 0) return "";
  let t0 = recordStart;
  let t1 = recordEnd;
  for (const s of input.seizures) {
    if (Number.isFinite(s.onsetSeconds)) t0 = Math.min(t0, s.onsetSeconds);
    if (Number.isFinite(s.offsetSeconds)) t1 = Math.max(t1, s.offsetSeconds);
  }
  if (!(t1 > t0)) t1 = t0 + 1;
  const rowHeight = 16;
  const labelWidth = 180;
  const width = PLOT_WIDTH;
  const top = 6;
  const height = top + regions.length * rowHeight + AXIS_HEIGHT;
  const svgWidth = labelWidth + width + RIGHT_MARGIN;
  const xOf = (s: number) => labelWidth + ((s - t0) / (t1 - t0)) * width;
  const rowOf = new Map(regions.map((r, i) => [r, i]));
  const parts: string[] = [
    `<svg class="chart" width="${svgWidth}" height="${height}" viewBox="0 0 ${svgWidth} ${height}" role="img" aria-label="seizure onset chart">`,
  ];
  regions.forEach((r, i) => {
    const y = top + i * rowHeight;
    if (i % 2 === 0)
      parts.push(`<rect x="${labelWidth}" y="${y}" width="${width}" height="${rowHeight}" class="band"/>`);
    parts.push(
      `<text x="${labelWidth - 6}" y="${px(y + rowHeight - 4)}" text-anchor="end">${escapeHtml(r)}</text>`,
    );
  });
  for (const s of input.seizures) {
    const row = rowOf.get(s.region);
    if (row === undefined || !Number.isFinite(s.onsetSeconds) || !Number.isFinite(s.offsetSeconds)) continue;
    const x = xOf(s.onsetSeconds);
    const w = Math.max(1, xOf(s.offsetSeconds) - x);
    parts.push(
      `<rect x="${px(x)}" y="${px(top + row * rowHeight + 3)}" width="${px(w)}" height="${rowHeight - 6}" class="bar">` +
        `<title>${escapeHtml(s.region)}: ${s.onsetSeconds.toFixed(2)}–${s.offsetSeconds.toFixed(2)} s</title></rect>`,
    );
  }
  // Onsets without a matching seizure interval still get a marker at the onset time.
  for (const o of input.onsets) {
    const row = rowOf.get(o.region);
    if (row === undefined || !Number.isFinite(o.onsetSeconds)) continue;
    const x = px(xOf(o.onsetSeconds));
    const y = top + row * rowHeight;
    parts.push(
      `<line x1="${x}" y1="${px(y + 1)}" x2="${x}" y2="${px(y + rowHeight - 1)}" stroke="${ONSET_COLOUR}" class="mark"/>`,
    );
  }
  parts.push(timeAxis(labelWidth, width, t0, t1, top + regions.length * rowHeight + 4), `</svg>`);
  return parts.join("");
}

/** Seizures per day as text with sensible precision. */
function perDay(v: number): string {
  return v >= 10 ? v.toFixed(0) : v >= 0.01 ? v.toPrecision(2) : v.toExponential(1);
}

/**
 * Horizontal bars of each mechanism's Δx0 (signed, one shared linear scale), labelled with the
 * seizure frequency the patient would have without that mechanism.
 */
function breakdownChart(m: NonNullable<ReportInput["mechanisms"]>): string {
  if (m.breakdown.length === 0) return "";
  const labelWidth = 320;
  const width = 420;
  const rowHeight = 20;
  const top = 6;
  const extent = Math.max(1e-9, ...m.breakdown.map((b) => Math.abs(b.deltaX0)));
  const hasNegative = m.breakdown.some((b) => b.deltaX0 < 0);
  const zero = labelWidth + (hasNegative ? width / 2 : 0);
  const scale = (hasNegative ? width / 2 : width) / extent;
  const height = top + m.breakdown.length * rowHeight + 24;
  const svgWidth = labelWidth + width + 220;
  const parts = [
    `<svg class="chart" width="${svgWidth}" height="${height}" viewBox="0 0 ${svgWidth} ${height}" role="img" aria-label="mechanism breakdown chart">`,
  ];
  m.breakdown.forEach((b, i) => {
    const y = top + i * rowHeight;
    const x = b.deltaX0 >= 0 ? zero : zero + b.deltaX0 * scale;
    parts.push(
      `<text x="${labelWidth - 6}" y="${px(y + rowHeight - 6)}" text-anchor="end">${escapeHtml(b.mechanism)}</text>`,
      `<rect x="${px(x)}" y="${px(y + 3)}" width="${px(Math.max(1, Math.abs(b.deltaX0) * scale))}" height="${rowHeight - 6}" class="bar">` +
        `<title>${escapeHtml(b.mechanism)}: Δx0 ${b.deltaX0.toFixed(3)}</title></rect>`,
      `<text x="${labelWidth + width + 8}" y="${px(y + rowHeight - 6)}">Δx0 ${b.deltaX0.toFixed(3)}; without: ${perDay(b.seizuresPerDayWithout)}/day</text>`,
    );
  });
  const axisY = top + m.breakdown.length * rowHeight + 4;
  parts.push(
    `<line x1="${px(zero)}" y1="${top}" x2="${px(zero)}" y2="${px(axisY)}" class="axis"/>`,
    `<text x="${px(zero)}" y="${px(axisY + 14)}" text-anchor="middle">Δx0 = 0</text>`,
    `</svg>`,
  );
  return parts.join("");
}

/** Colours of the activity types of Wendling et al. (2002), background first. */
const ACTIVITY_COLOURS: Record<string, string> = {
  normal: "#90a4ae",
  "sporadic-spikes": "#ffb74d",
  "sustained-spikes": "#e53935",
  "slow-rhythmic": "#4db6ac",
  "low-voltage-rapid": "#8e24aa",
  "quasi-sinusoidal": "#1e88e5",
};

/** Activity types: one bar per type (number of regions), then a table with abnormal regions first. */
function activitySection(activity: NonNullable<ReportInput["activity"]>): string {
  const types = Object.keys(ACTIVITY_COLOURS);
  for (const a of activity) if (!types.includes(a.activityType)) types.push(a.activityType);
  const counts = types.map((t) => activity.filter((a) => a.activityType === t).length);
  const rowHeight = 18;
  const labelWidth = 150;
  const width = 420;
  const height = types.length * rowHeight + 8;
  const most = Math.max(1, ...counts);
  const bars = types.map((t, i) => {
    const y = 4 + i * rowHeight;
    const w = (counts[i] / most) * width;
    return (
      `<text x="${labelWidth - 6}" y="${px(y + rowHeight - 5)}" text-anchor="end">${escapeHtml(t)}</text>` +
      `<rect x="${labelWidth}" y="${px(y + 2)}" width="${px(Math.max(w, counts[i] > 0 ? 1 : 0))}" height="${rowHeight - 4}" fill="${ACTIVITY_COLOURS[t] ?? "#555"}"><title>${escapeHtml(t)}: ${counts[i]}</title></rect>` +
      `<text x="${px(labelWidth + w + 4)}" y="${px(y + rowHeight - 5)}">${counts[i]}</text>`
    );
  });
  const chart =
    `<svg class="chart" width="${labelWidth + width + 40}" height="${height}" viewBox="0 0 ${labelWidth + width + 40} ${height}" role="img" aria-label="regions per activity type">` +
    `${bars.join("")}</svg>`;
  const row = (a: NonNullable<ReportInput["activity"]>[number]) =>
    `<tr><td>${escapeHtml(a.region)}</td><td>${escapeHtml(a.zone ?? "—")}</td>` +
    `<td><i class="dot" style="background:${ACTIVITY_COLOURS[a.activityType] ?? "#555"}"></i>${escapeHtml(a.activityType)}</td>` +
    `<td>${fmt(a.dominantFrequencyHz, 1)}</td><td>${fmt(a.sdMillivolts, 2)}</td><td>${fmt(a.spikeRateHz, 2)}</td>` +
    `<td>${fmt(a.A, 2)}</td><td>${fmt(a.B, 2)}</td><td>${fmt(a.G, 2)}</td></tr>`;
  const table = (rows: NonNullable<ReportInput["activity"]>) =>
    `<table class="activity"><thead><tr><th>region</th><th>zone</th><th>activity type</th><th>dominant (Hz)</th>` +
    `<th>SD (mV)</th><th>spikes/s</th><th>A (mV)</th><th>B (mV)</th><th>G (mV)</th></tr></thead><tbody>${rows.map(row).join("")}</tbody></table>`;
  const abnormal = activity.filter((a) => a.activityType !== "normal");
  return (
    `<h2>Activity types</h2>` +
    `<p>Each region's LFP classified into the six activity types of Wendling et al. (2002) by measured spectral and spike criteria.</p>` +
    chart +
    (abnormal.length > 0 ? table(abnormal) : `<p>Every region shows normal background activity.</p>`) +
    `<details><summary>All ${activity.length} regions</summary>${table(activity)}</details>`
  );
}

/** Top-level scalar facts of the summary, plus scalars one level down ("seeg.channels"). */
export function factsTable(summary: Record<string, unknown>): string {
  const rows: [string, string][] = [];
  const scalar = (v: unknown): string | null =>
    typeof v === "string"
      ? v
      : typeof v === "number"
        ? Number.isInteger(v)
          ? String(v)
          : String(Number(v.toPrecision(6)))
        : typeof v === "boolean" || typeof v === "bigint"
          ? String(v)
          : v === null
            ? "—"
            : null;
  for (const [key, value] of Object.entries(summary ?? {})) {
    const s = scalar(value);
    if (s !== null) rows.push([key, s]);
    else if (
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      !ArrayBuffer.isView(value)
    ) {
      for (const [k2, v2] of Object.entries(value as Record<string, unknown>)) {
        const s2 = scalar(v2);
        if (s2 !== null) rows.push([`${key}.${k2}`, s2]);
      }
    }
  }
  if (rows.length === 0) return "";
  const shown = rows.slice(0, 40);
  return `<table class="facts"><tbody>${shown
    .map(
      ([k, v]) =>
        `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v.length > 200 ? `${v.slice(0, 200)}…` : v)}</td></tr>`,
    )
    .join("")}</tbody></table>`;
}

/** JSON for display; typed arrays become arrays and bigints strings, so stringify cannot throw on them. */
export function summaryJson(summary: Record<string, unknown>): string {
  try {
    return JSON.stringify(
      summary,
      (_key, value: unknown) =>
        typeof value === "bigint"
          ? value.toString()
          : ArrayBuffer.isView(value) && !(value instanceof DataView)
            ? Array.from(value as unknown as ArrayLike<number>)
            : value,
      2,
    );
  } catch (err) {
    return `summary could not be serialised: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export const REPORT_STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1b1b1b;max-width:1200px}
h1{font-size:22px;margin:0 0 12px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}th,td{padding:2px 10px;border-bottom:1px solid #eee;text-align:left}
table.onsets td:nth-child(n+3):nth-child(-n+5){text-align:right}
table.activity td:nth-child(n+4){text-align:right}
pre{background:#f6f8fa;padding:10px;overflow:auto;max-height:480px;font-size:12px}
svg{display:block;margin:8px 0;font-size:11px;max-width:100%;height:auto}
svg text{fill:#333}svg .axis{stroke:#555;stroke-width:1}svg polyline{fill:none;stroke:#222;stroke-width:.7}
svg .mark{stroke-width:1.2;opacity:.85}svg .band{fill:#f3f5f7}svg .bar{fill:#e57373;stroke:${ONSET_COLOUR};stroke-width:.6}
.legend span{display:inline-block;margin-right:16px}.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px}.swatch{display:inline-block;width:14px;height:3px;vertical-align:middle;margin-right:4px}
details{margin:8px 0}summary{cursor:pointer}
`;

/** Render the report as one self-contained HTML document. */
export function renderReport(input: ReportInput): string {
  const traces = validateTraces(input.traces);
  const maxChannels = input.maxChannels ?? 24;
  if (!Number.isInteger(maxChannels) || maxChannels < 1) {
    throw new RangeError(`maxChannels must be an integer ≥ 1, got ${maxChannels}`);
  }
  const recordStart = traces.start;
  // The last sample covers [t, t + 1/rate), so the record ends at samples / rate.
  const recordEnd = traces.start + traces.samples / traces.rate;
  const requested = input.windows ?? [{ startSeconds: recordStart, endSeconds: recordEnd }];
  input.windows?.forEach((w, i) => {
    if (
      !Number.isFinite(w.startSeconds) ||
      !Number.isFinite(w.endSeconds) ||
      w.endSeconds <= w.startSeconds
    ) {
      throw new RangeError(
        `windows[${i}] must have finite startSeconds < endSeconds, got ${w.startSeconds}..${w.endSeconds}`,
      );
    }
  });
  // Clip windows to the record; windows entirely outside it have nothing to plot.
  const clipped = requested
    .map((w) => ({
      startSeconds: Math.max(w.startSeconds, recordStart),
      endSeconds: Math.min(w.endSeconds, recordEnd),
    }))
    .filter((w) => w.endSeconds > w.startSeconds);
  const shownChannels = Math.min(maxChannels, traces.labels.length);
  // Keep the point budget hard: drop trailing windows rather than squeezing plots below
  // MIN_PLOT_WIDTH columns (only a huge channel count goes narrower, with a single window).
  const affordable = Math.max(1, Math.floor(POINT_BUDGET / (2 * shownChannels * MIN_PLOT_WIDTH)));
  const windows = clipped.slice(0, Math.min(MAX_WINDOWS, affordable));
  const width = Math.max(
    10,
    Math.min(PLOT_WIDTH, Math.floor(POINT_BUDGET / (2 * Math.max(1, windows.length) * shownChannels))),
  );

  const tracesHtml = windows.map((w, i) => {
    const a = Math.max(0, Math.floor((w.startSeconds - traces.start) * traces.rate));
    const b = Math.min(traces.samples, Math.ceil((w.endSeconds - traces.start) * traces.rate) + 1);
    const channels = pickChannels(traces, a, b, maxChannels);
    return (
      `<h3>Window ${i + 1}: ${w.startSeconds.toFixed(1)}–${w.endSeconds.toFixed(1)} s ` +
      `(${channels.length} of ${traces.labels.length} channels, highest variance)</h3>` +
      tracePlot(traces, w, channels, input.seizures, width)
    );
  });
  const omitted = clipped.length - windows.length;
  const regions = new Set(input.seizures.map((s) => s.region));

  const body = [
    `<h1>${escapeHtml(input.title)}</h1>`,
    factsTable(input.summary),
    `<details><summary>Run summary (JSON)</summary><pre>${escapeHtml(summaryJson(input.summary))}</pre></details>`,
    input.mechanisms === undefined || input.mechanisms.breakdown.length === 0
      ? ""
      : `<h2>Mechanisms</h2><p>Seizure propensity ${perDay(input.mechanisms.seizuresPerDay)} per day. ` +
        `Each mechanism's shift of the epileptogenic zone's x0, and the frequency without it:</p>` +
        breakdownChart(input.mechanisms),
    input.activity !== undefined && input.activity.length > 0 ? activitySection(input.activity) : "",
    `<h2>Seizures</h2>`,
    `<p>${input.seizures.length} seizure interval(s) in ${regions.size} region(s).</p>`,
    onsetChart(input, recordStart, recordEnd),
    `<h2>Recruitment order</h2>`,
    onsetTable(input),
    `<h2>SEEG traces</h2>`,
    `<p class="legend"><span><i class="swatch" style="background:${ONSET_COLOUR}"></i>seizure onset</span>` +
      `<span><i class="swatch" style="background:${OFFSET_COLOUR}"></i>seizure offset</span>` +
      `Each channel is scaled to its own lane (min/max envelope per pixel column); amplitudes are in the EDF.</p>`,
    tracesHtml.length === 0 ? `<p>No samples fall inside the requested windows.</p>` : tracesHtml.join(""),
    omitted > 0 ? `<p>${omitted} further window(s) not plotted.</p>` : "",
    `<h2>Scenario</h2>`,
    `<details open><summary>Scenario file</summary><pre>${escapeHtml(input.scenarioText)}</pre></details>`,
  ].join("\n");

  return htmlDocument(input.title, body);
}

/** A self-contained HTML document with the report style around `body` (already HTML). */
export function htmlDocument(title: string, body: string): string {
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeHtml(title)}</title>\n<style>${REPORT_STYLE}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`
  );
}
