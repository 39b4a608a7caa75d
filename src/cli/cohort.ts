/**
 * `ictal cohort FILE --patients N --workers K --out DIR [--json]`.
 *
 * Patients are split into batches of BATCH_SIZE; batches run on a pool of K worker threads (in
 * this thread when K = 1) and each finished batch is written atomically to DIR/batches/, so an
 * interrupted run resumes by computing only the missing batches: no patient is lost or
 * repeated. DIR/batches/manifest.json pins the run (scenario hash, seed, size, code version); a
 * different run in the same folder is refused. When all batches exist, the outputs are
 * assembled in patient order — the same bytes for any K.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  runCohortRange,
  summariseCohort,
  type CohortSpec,
  type CohortSummary,
  type PatientResult,
} from "../course/cohort.js";
import { cohortSpecOf, parseCohortScenario } from "../io/cohort-scenario.js";
import { ScenarioError } from "../io/scenario.js";
import { writeFilesAtomically } from "../io/outputs.js";
import { renderCohortDatabase, toCsv } from "../io/store.js";
import { renderCohortReport } from "../io/course-report.js";
import { PACKAGE_ROOT } from "../io/paths.js";

export const BATCH_SIZE = 25;

export function codeVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string })
    .version;
}

export interface CohortCommandOptions {
  readonly patients: number;
  readonly workers: number;
  readonly out: string;
  readonly seed?: number;
  readonly onProgress?: (fraction: number) => void;
}

const batchName = (b: number) => `batch-${String(b).padStart(6, "0")}.json`;

function runPool(
  spec: CohortSpec,
  jobs: { batch: number; from: number; to: number }[],
  workers: number,
  onBatch: (batch: number, results: PatientResult[]) => void,
): Promise<void> {
  if (workers <= 1 || jobs.length <= 1) {
    for (const job of jobs) onBatch(job.batch, runCohortRange(spec, job.from, job.to));
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const queue = [...jobs];
    let running = 0;
    let failed = false;
    const pool: Worker[] = [];
    const finish = (err?: Error) => {
      if (failed) return;
      if (err) failed = true;
      for (const w of pool) void w.terminate();
      if (err) reject(err);
      else resolve();
    };
    const feed = (w: Worker) => {
      const job = queue.shift();
      if (job === undefined) {
        if (running === 0) finish();
        return;
      }
      running++;
      w.postMessage(job);
    };
    const count = Math.min(workers, jobs.length);
    for (let i = 0; i < count; i++) {
      const w = new Worker(new URL("./cohort-worker.js", import.meta.url), { workerData: spec });
      pool.push(w);
      w.on("message", (msg: { batch: number; results?: PatientResult[]; error?: string }) => {
        running--;
        if (msg.error !== undefined)
          return finish(new Error(`worker failed on batch ${msg.batch}: ${msg.error}`));
        try {
          onBatch(msg.batch, msg.results as PatientResult[]);
        } catch (err) {
          return finish(err as Error);
        }
        feed(w);
      });
      w.on("error", (err) => finish(err));
    }
    for (const w of pool) feed(w);
  });
}

export async function runCohortCommand(
  file: string,
  opts: CohortCommandOptions,
): Promise<{
  summary: CohortSummary & {
    files: Record<string, string>;
    seed: number;
    scenario: string;
    resumedBatches: number;
  };
  seconds: number;
}> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ScenarioError(file, [`cannot read file: ${(err as Error).message}`]);
  }
  const scenario = parseCohortScenario(text, file);
  const spec = cohortSpecOf(scenario, opts.seed ?? scenario.seed);
  const started = performance.now();
  const batchDir = join(opts.out, "batches");
  const manifest = {
    scenarioSha256: createHash("sha256").update(text).digest("hex"),
    seed: spec.seed,
    patients: opts.patients,
    batchSize: BATCH_SIZE,
    codeVersion: codeVersion(),
  };
  const manifestPath = join(batchDir, "manifest.json");
  if (existsSync(manifestPath)) {
    const old = JSON.parse(readFileSync(manifestPath, "utf8")) as typeof manifest;
    if (JSON.stringify(old) !== JSON.stringify(manifest))
      throw new RangeError(
        `--out ${opts.out} holds batches of a different run (${JSON.stringify(old)}); use another folder`,
      );
  } else {
    mkdirSync(batchDir, { recursive: true });
    writeFilesAtomically(batchDir, [
      { name: "manifest.json", bytes: `${JSON.stringify(manifest, null, 2)}\n` },
    ]);
  }
  // Temporary files of a run killed while writing a batch: never complete, safe to drop.
  for (const name of readdirSync(batchDir)) if (/\.partial-\d+$/.test(name)) rmSync(join(batchDir, name));
  const batches = Math.ceil(opts.patients / BATCH_SIZE);
  const done = new Set(readdirSync(batchDir).filter((n) => /^batch-\d{6}\.json$/.test(n)));
  const jobs = [];
  for (let b = 0; b < batches; b++)
    if (!done.has(batchName(b)))
      jobs.push({ batch: b, from: b * BATCH_SIZE, to: Math.min(opts.patients, (b + 1) * BATCH_SIZE) });
  const resumedBatches = batches - jobs.length;
  let finished = resumedBatches;
  opts.onProgress?.(finished / batches);
  await runPool(spec, jobs, opts.workers, (batch, results) => {
    writeFilesAtomically(batchDir, [{ name: batchName(batch), bytes: JSON.stringify(results) }]);
    finished++;
    opts.onProgress?.(finished / batches);
  });

  const results: PatientResult[] = [];
  for (let b = 0; b < batches; b++)
    results.push(...(JSON.parse(readFileSync(join(batchDir, batchName(b)), "utf8")) as PatientResult[]));
  const patients = results.map((r) => r.patient);
  const periods = results.flatMap((r) => r.periods);
  const summary = summariseCohort(patients);
  const database = await renderCohortDatabase(
    {
      scenario: text,
      scenarioName: scenario.name,
      seed: spec.seed,
      patients: opts.patients,
      codeVersion: manifest.codeVersion,
      scenarioSha256: manifest.scenarioSha256,
    },
    patients,
    periods,
  );
  const fileNames = {
    database: "cohort.sqlite",
    patients: "patients.csv",
    periods: "periods.csv",
    report: "report.html",
    summary: "summary.json",
  };
  const files = Object.fromEntries(Object.entries(fileNames).map(([k, v]) => [k, join(opts.out, v)]));
  const full = { scenario: scenario.name, seed: spec.seed, ...summary, files, resumedBatches };
  writeFilesAtomically(opts.out, [
    { name: fileNames.database, bytes: database },
    { name: fileNames.patients, bytes: toCsv(patients as never) },
    { name: fileNames.periods, bytes: toCsv(periods as never) },
    { name: fileNames.report, bytes: renderCohortReport(scenario.name, spec, summary, patients) },
    {
      name: fileNames.summary,
      bytes: `${JSON.stringify({ ...full, resumedBatches: undefined }, null, 2)}\n`,
    },
  ]);
  return { summary: full, seconds: (performance.now() - started) / 1000 };
}
