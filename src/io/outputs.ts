/**
 * Writing a run's outputs: every file is rendered in memory first, then written under a
 * temporary name and renamed into place, so an interrupted or failed run never leaves a file
 * that looks complete.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { NetworkRunResult, NetworkSummary } from "../pipeline/run-network.js";
import { writeEdfPlus } from "./edf.js";
import { renderReport } from "./report.js";

/** A synthetic recording has no real start; a fixed date keeps outputs byte-identical per seed. */
const SYNTHETIC_RECORDING_START = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

export interface RenderedFile {
  name: string;
  bytes: Uint8Array | string;
}

/** Write all files atomically (temp name + rename); returns their paths. */
export function writeFilesAtomically(outDir: string, files: RenderedFile[]): string[] {
  mkdirSync(outDir, { recursive: true });
  const temps: [string, string][] = [];
  try {
    for (const file of files) {
      const finalPath = join(outDir, file.name);
      const tempPath = `${finalPath}.partial-${process.pid}`;
      writeFileSync(tempPath, file.bytes);
      temps.push([tempPath, finalPath]);
    }
  } catch (err) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw err;
  }
  return temps.map(([temp, finalPath]) => {
    renameSync(temp, finalPath);
    return finalPath;
  });
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_") || "scenario";
}

/** Render the files of a network run (EDF+, report, states, summary) in memory. */
export function renderNetworkOutputs(
  run: NetworkRunResult,
  summary: NetworkSummary,
  scenarioText: string,
  outDir: string,
): { files: RenderedFile[]; summary: NetworkSummary & { files: Record<string, string> } } {
  const base = safeName(run.scenario.name);
  const outputs = run.scenario.outputs;
  const files: RenderedFile[] = [];
  const fileIndex: Record<string, string> = {};
  const add = (key: string, name: string, bytes: Uint8Array | string) => {
    files.push({ name, bytes });
    fileIndex[key] = join(outDir, name);
  };
  const s = run.secondsPerUnit;

  if (outputs.edf && run.seeg !== null) {
    const seeg = run.seeg;
    const channels = seeg.labels.length;
    const signals = seeg.labels.map((label, c) => {
      const data = new Float64Array(seeg.samples);
      for (let k = 0; k < seeg.samples; k++) data[k] = seeg.data[k * channels + c];
      return {
        label,
        physicalDimension: "a.u.",
        samplesPerSecond: seeg.sampleRateHz,
        data,
        transducer: "simulated SEEG contact",
      };
    });
    const annotations = run.seizures.flatMap((e) => [
      {
        onsetSeconds: e.onset * s,
        durationSeconds: (e.offset - e.onset) * s,
        text: `seizure onset ${e.region}`,
      },
      { onsetSeconds: e.offset * s, text: `seizure offset ${e.region}` },
    ]);
    annotations.sort((a, b) => a.onsetSeconds - b.onsetSeconds);
    const recordSeconds = dataRecordSeconds(seeg.sampleRateHz);
    const edf = writeEdfPlus({
      patient: {
        code: safeName(run.scenario.name).slice(0, 20),
        sex: "X",
        birthdate: "X",
        name: "virtual_patient",
      },
      recording: {
        startDate: SYNTHETIC_RECORDING_START,
        equipment: "ictal",
        technician: "X",
        administrationCode: "X",
      },
      signals,
      annotations,
      dataRecordSeconds: recordSeconds,
    });
    add("edf", `${base}.edf`, edf);
  }

  if (outputs.states) {
    const sim = run.simulation;
    const names = Object.keys(sim.recorded);
    const samples = sim.times.length;
    const n = sim.nodes;
    const buffer = new Float32Array(samples + names.length * samples * n);
    buffer.set(sim.times, 0);
    names.forEach((v, k) => buffer.set(sim.recorded[v], samples + k * samples * n));
    add("states", `${base}.states.f32`, new Uint8Array(buffer.buffer));
    const layout = {
      dtype: "float32 little-endian",
      samples,
      nodes: n,
      samplePeriod: sim.samplePeriod,
      timeUnit: "model time unit",
      secondsPerUnit: s,
      order: ["t", ...names],
      layout: `t[samples] then ${names.map((v) => `${v}[samples][nodes]`).join(", ")} (sample-major)`,
      labels: run.connectome.labels,
      // x0 is the Epileptor excitability; a Wendling run is described by its regional A, B, G.
      x0: run.activity === null ? Array.from(run.x0) : undefined,
      regional:
        run.activity === null
          ? undefined
          : Object.fromEntries(run.activity.map((a) => [a.region, a.parameters])),
      zones: run.zones,
    };
    add("statesIndex", `${base}.states.json`, `${JSON.stringify(layout, null, 1)}\n`);
  }

  const withFiles = { ...summary, files: { ...fileIndex } };
  if (outputs.report && run.seeg !== null) {
    const seeg = run.seeg;
    const margin = 10;
    const windows = run.seizures.length === 0 ? undefined : episodeWindows(run, margin);
    const html = renderReport({
      title: `ictal — ${run.scenario.name}`,
      summary: withFiles as unknown as Record<string, unknown>,
      scenarioText,
      traces: {
        channelLabels: seeg.labels,
        sampleRateHz: seeg.sampleRateHz,
        startSeconds: 0,
        data: seeg.data,
      },
      seizures: run.seizures.map((e) => ({
        region: e.region,
        onsetSeconds: e.onset * s,
        offsetSeconds: e.offset * s,
      })),
      onsets: summary.recruitment.map((r) => ({
        region: r.region,
        onsetSeconds: r.firstOnsetSeconds,
        rank: r.rank,
        x0: r.x0,
        zone: r.zone,
      })),
      windows,
      activity: summary.activity,
      mechanisms: { seizuresPerDay: summary.propensity.seizuresPerDay, breakdown: summary.breakdown },
      medication:
        run.medication === null
          ? undefined
          : {
              timesHours: run.medication.timesHours,
              evaluatedDay: run.medication.evaluatedDay,
              series: run.medication.series,
            },
    });
    add("report", `${base}.report.html`, html);
    withFiles.files.report = fileIndex.report;
  }
  withFiles.files.summary = join(outDir, "summary.json");
  files.push({ name: "summary.json", bytes: `${JSON.stringify(withFiles, null, 2)}\n` });
  return { files, summary: withFiles };
}

/** EDF data records must hold a whole number of samples: the shortest whole number of seconds
 *  (up to 10) that does, else one sample per record. */
function dataRecordSeconds(rateHz: number): number {
  for (let k = 1; k <= 10; k++) {
    const samples = rateHz * k;
    if (Math.abs(samples - Math.round(samples)) <= 1e-9 * samples) return k;
  }
  return 1 / rateHz;
}

/** Windows (seconds) around each network-level seizure: first onset - margin .. last offset + margin. */
function episodeWindows(
  run: NetworkRunResult,
  marginSeconds: number,
): { startSeconds: number; endSeconds: number }[] {
  const s = run.secondsPerUnit;
  const end = run.scenario.simulation.duration * s;
  const events = [...run.seizures].sort((a, b) => a.onset - b.onset);
  const windows: { startSeconds: number; endSeconds: number }[] = [];
  for (const e of events) {
    const start = Math.max(0, e.onset * s - marginSeconds);
    const stop = Math.min(end, e.offset * s + marginSeconds);
    const last = windows[windows.length - 1];
    if (last !== undefined && start <= last.endSeconds) last.endSeconds = Math.max(last.endSeconds, stop);
    else windows.push({ startSeconds: start, endSeconds: stop });
  }
  return windows;
}
