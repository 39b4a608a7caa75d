/**
 * Benchmark of the clinical course: a 1000-patient newly diagnosed cohort followed for 2 years,
 * run in this thread and on a two-worker pool through the same code the CLI uses. Prints
 * patient-years per second and the wall time against the 30 s target of issue 6.
 *   npm run build && node dist/bench/cohort.js [--model mechanistic|parametric]   (default mechanistic)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCohortCommand } from "../src/cli/cohort.js";

const PATIENTS = 1000;
const YEARS = 2;
const TARGET_SECONDS = 30;
const flag = process.argv.indexOf("--model");
const model = flag >= 0 ? process.argv[flag + 1] : "mechanistic";
if (model !== "parametric" && model !== "mechanistic")
  throw new RangeError(`--model ${String(model)}: must be parametric or mechanistic`);

const dir = mkdtempSync(join(tmpdir(), "ictal-bench-cohort-"));
const scenario = join(dir, "cohort.yaml");
writeFileSync(
  scenario,
  `schemaVersion: 1\nkind: cohort\nname: bench\nseed: 1\nfollowUpYears: ${YEARS}\nmodel: ${model}\n`,
);
try {
  for (const workers of [1, 2]) {
    const started = performance.now();
    await runCohortCommand(scenario, { patients: PATIENTS, workers, out: join(dir, `k${workers}`) });
    const seconds = (performance.now() - started) / 1000;
    const patientYears = PATIENTS * YEARS;
    process.stdout.write(
      `cohort (${model}) ${PATIENTS} patients x ${YEARS} years, ${workers} worker(s): ${seconds.toFixed(2)} s wall ` +
        `(target < ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? "met" : "NOT met"}), ` +
        `${Math.round(patientYears / seconds).toLocaleString("en")} patient-years/s (outputs included)\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
