/**
 * Files of a microcircuit run, rendered in memory: summary.json, spikes.csv (one spike a line:
 * time in ms, population, index within the population) and report.html (key facts, a spike
 * raster, population rates with the detected events, the scenario). Plots are inline SVG drawn
 * with the helpers of report.ts, so the report is one self-contained file.
 */
import { join } from "node:path";
import type { RenderedFile } from "./outputs.js";
import {
  downsampleMinMax,
  escapeHtml,
  factsTable,
  htmlDocument,
  px,
  summaryJson,
  timeAxis,
} from "./report.js";
import type { MicrocircuitRun, MicrocircuitSummary } from "../pipeline/run-microcircuit.js";

const WIDTH = 900;
const LEFT = 60;
const RIGHT = 16;
const RASTER_HEIGHT = 300;
const RATE_HEIGHT = 160;
const AXIS = 42;
const E_COLOUR = "#c62828";
const I_COLOUR = "#1565c0";
const EVENT_FILL = "#fde0dc";

/** spikes.csv: time (ms), population (E or I), neuron index within the population. */
export function spikesCsv(run: MicrocircuitRun): string {
  const r = run.result;
  const lines = ["time_ms,population,neuron"];
  const neurons = r.spikeNeurons;
  const steps = r.spikeSteps;
  for (let q = 0; q < neurons.length; q++) {
    const n = neurons[q];
    const time = Number((steps[q] * r.dt).toFixed(6));
    lines.push(n < r.excitatory ? `${time},E,${n}` : `${time},I,${n - r.excitatory}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Raster: one row per neuron (E below, I above), time on x. Spikes falling in the same pixel
 * column of a row are drawn once and neighbouring columns are joined into one bar, so the SVG
 * stays bounded by rows × columns whatever the number of spikes.
 */
function raster(run: MicrocircuitRun): string {
  const r = run.result;
  const rows = r.excitatory + r.inhibitory;
  const plotW = WIDTH - LEFT - RIGHT;
  const tEnd = r.steps * r.dt;
  const occupied = new Uint8Array(rows * plotW);
  for (let q = 0; q < r.spikeNeurons.length; q++) {
    const column = Math.min(plotW - 1, Math.floor(((r.spikeSteps[q] * r.dt) / tEnd) * plotW));
    occupied[r.spikeNeurons[q] * plotW + column] = 1;
  }
  const rowH = RASTER_HEIGHT / rows;
  const parts: string[] = [];
  for (let n = 0; n < rows; n++) {
    // Inhibitory cells on top: row 0 of the plot is the last neuron.
    const y = (rows - 1 - n) * rowH;
    const colour = n < r.excitatory ? E_COLOUR : I_COLOUR;
    for (let c = 0; c < plotW; c++) {
      if (!occupied[n * plotW + c]) continue;
      let end = c;
      while (end + 1 < plotW && occupied[n * plotW + end + 1]) end++;
      parts.push(
        `<rect x="${px(LEFT + c)}" y="${px(y)}" width="${end - c + 1}" height="${px(Math.max(rowH, 0.6))}" fill="${colour}"/>`,
      );
      c = end;
    }
  }
  const split = (rows - r.excitatory) * rowH;
  const labels =
    `<text x="${LEFT - 6}" y="${px(split / 2 + 4)}" text-anchor="end">I</text>` +
    `<text x="${LEFT - 6}" y="${px(split + (RASTER_HEIGHT - split) / 2 + 4)}" text-anchor="end">E</text>` +
    `<line x1="${LEFT}" y1="${px(split)}" x2="${WIDTH - RIGHT}" y2="${px(split)}" class="axis"/>`;
  return (
    `<svg viewBox="0 0 ${WIDTH} ${RASTER_HEIGHT + AXIS}" width="${WIDTH}" height="${RASTER_HEIGHT + AXIS}" role="img">` +
    `<title>spike raster</title>${parts.join("")}${labels}${timeAxis(LEFT, plotW, 0, tEnd / 1000, RASTER_HEIGHT)}</svg>`
  );
}

/** Population rates of E and I (min/max per pixel column) with event bands and the threshold. */
function ratePlot(run: MicrocircuitRun): string {
  const r = run.result;
  const plotW = WIDTH - LEFT - RIGHT;
  const tEnd = r.steps * r.dt;
  const series = [
    { values: r.populationRateE, colour: E_COLOUR },
    { values: r.populationRateI, colour: I_COLOUR },
  ];
  let top = Math.max(1, run.eventThreshold);
  for (const s of series) for (let k = 0; k < s.values.length; k++) top = Math.max(top, s.values[k]);
  const y = (hz: number) => RATE_HEIGHT - (hz / top) * (RATE_HEIGHT - 4);
  const x = (ms: number) => LEFT + (ms / tEnd) * plotW;
  const bands = run.events
    .map(
      (e) =>
        `<rect x="${px(x(e.onsetMs))}" y="0" width="${px(Math.max(1, x(e.offsetMs) - x(e.onsetMs)))}" height="${RATE_HEIGHT}" fill="${EVENT_FILL}"/>`,
    )
    .join("");
  const lines = series.map((s) => {
    const d = downsampleMinMax(s.values, 0, s.values.length, plotW);
    const points = d.indices.map((k, j) => `${px(x((k + 0.5) * r.binMs))},${px(y(d.values[j]))}`).join(" ");
    return `<polyline points="${points}" style="stroke:${s.colour}"/>`;
  });
  const threshold = Number.isFinite(run.eventThreshold)
    ? `<line x1="${LEFT}" y1="${px(y(run.eventThreshold))}" x2="${WIDTH - RIGHT}" y2="${px(y(run.eventThreshold))}" stroke="#888" stroke-dasharray="4 3"/>`
    : "";
  const yAxis =
    `<line x1="${LEFT}" y1="0" x2="${LEFT}" y2="${RATE_HEIGHT}" class="axis"/>` +
    `<text x="${LEFT - 6}" y="10" text-anchor="end">${top.toFixed(0)}</text>` +
    `<text x="${LEFT - 6}" y="${RATE_HEIGHT}" text-anchor="end">0</text>` +
    `<text x="${LEFT - 6}" y="${RATE_HEIGHT / 2}" text-anchor="end">Hz</text>`;
  return (
    `<svg viewBox="0 0 ${WIDTH} ${RATE_HEIGHT + AXIS}" width="${WIDTH}" height="${RATE_HEIGHT + AXIS}" role="img">` +
    `<title>population rates</title>${bands}${threshold}${lines.join("")}${yAxis}` +
    `${timeAxis(LEFT, plotW, 0, tEnd / 1000, RATE_HEIGHT)}</svg>`
  );
}

/** Mean synaptic conductance and current per receptor onto each population (summary.synapticInput). */
function balanceTable(summary: MicrocircuitSummary): string {
  const fmt = (x: number | null) => (x === null ? "—" : x.toPrecision(3));
  const rows: string[] = [];
  for (const [label, b] of [
    ["pyramidal cells (E)", summary.synapticInput.excitatory],
    ["interneurons (I)", summary.synapticInput.inhibitory],
  ] as const) {
    for (const [receptor, x] of Object.entries(b.receptors))
      rows.push(
        `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(receptor)}</td><td>${fmt(x.conductance)}</td><td>${fmt(x.current)}</td></tr>`,
      );
    rows.push(
      `<tr><td>${escapeHtml(label)}</td><td><b>GABA / glutamate</b></td><td><b>${fmt(b.inhibitionToExcitation.conductance)}</b></td>` +
        `<td><b>${fmt(b.inhibitionToExcitation.current)}</b></td></tr>`,
    );
  }
  return (
    `<p>Means over cells and time after the transient (external drive included in AMPA); current positive = depolarising; ` +
    `ratio rows: GABAergic over glutamatergic conductance, and minus GABAergic over glutamatergic current. ` +
    `Mean membrane potential: E ${fmt(summary.synapticInput.excitatory.meanPotentialMv)} mV, ` +
    `I ${fmt(summary.synapticInput.inhibitory.meanPotentialMv)} mV.</p>` +
    `<table><tr><th>onto</th><th>receptor</th><th>conductance (mS/cm²)</th><th>current (µA/cm²)</th></tr>${rows.join("")}</table>`
  );
}

export function microcircuitReport(
  run: MicrocircuitRun,
  summary: MicrocircuitSummary,
  scenarioText: string,
): string {
  const facts = summary as unknown as Record<string, unknown>;
  // Known defects of the circuit for this run's drugs (run-microcircuit.ts MICROCIRCUIT_DRUG_CAVEATS),
  // shown above the results so that they are read before the raster.
  const caveats = summary.medication?.caveats ?? [];
  const body = [
    `<h1>${escapeHtml(`ictal microcircuit: ${run.scenario.name}`)}</h1>`,
    caveats.length === 0
      ? ""
      : `<h2>Caveats: known defects of this circuit for these drugs</h2><ul>${caveats
          .map((c) => `<li>${escapeHtml(c)}</li>`)
          .join("")}</ul>`,
    factsTable(facts),
    `<details><summary>Run summary (JSON)</summary><pre>${escapeHtml(summaryJson(facts))}</pre></details>`,
    `<h2>Spike raster</h2>`,
    `<p class="legend"><span><i class="swatch" style="background:${E_COLOUR}"></i>pyramidal cells (E)</span>` +
      `<span><i class="swatch" style="background:${I_COLOUR}"></i>interneurons (I)</span></p>`,
    raster(run),
    `<h2>Population rates</h2>`,
    `<p>Rates in ${run.result.binMs} ms bins (min/max per pixel column). Shaded: ${run.events.length} detected event(s) ` +
      `on the pyramidal rate; dashed: the detection threshold (${Number.isFinite(run.eventThreshold) ? run.eventThreshold.toFixed(1) : "—"} Hz, smoothed rate).</p>`,
    ratePlot(run),
    `<h2>Excitation and inhibition</h2>`,
    balanceTable(summary),
    `<h2>Scenario</h2>`,
    `<details open><summary>Scenario file</summary><pre>${escapeHtml(scenarioText)}</pre></details>`,
  ].join("\n");
  return htmlDocument(`ictal microcircuit: ${run.scenario.name}`, body);
}

/** All files of a run, and the summary with their paths. */
export function renderMicrocircuitOutputs(
  run: MicrocircuitRun,
  summary: MicrocircuitSummary,
  scenarioText: string,
  outDir: string,
): { files: RenderedFile[]; summary: MicrocircuitSummary & { files: Record<string, string> } } {
  const files: RenderedFile[] = [];
  const index: Record<string, string> = {};
  if (run.scenario.outputs.spikes) {
    files.push({ name: "spikes.csv", bytes: spikesCsv(run) });
    index.spikes = join(outDir, "spikes.csv");
  }
  if (run.scenario.outputs.report) {
    files.push({ name: "report.html", bytes: microcircuitReport(run, summary, scenarioText) });
    index.report = join(outDir, "report.html");
  }
  index.summary = join(outDir, "summary.json");
  const withFiles = { ...summary, files: index };
  files.push({ name: "summary.json", bytes: `${JSON.stringify(withFiles, null, 2)}\n` });
  return { files, summary: withFiles };
}
