/**
 * Worker thread of `ictal cohort`: receives batches { batch, from, to } of patient indices and
 * answers with their result rows. The cohort spec arrives once in workerData.
 */
import { parentPort, workerData } from "node:worker_threads";
import { cohortModels, runCohortRange, type CohortSpec } from "../course/cohort.js";

const spec = workerData as CohortSpec;
const models = cohortModels(spec);
parentPort?.on("message", (job: { batch: number; from: number; to: number }) => {
  try {
    parentPort?.postMessage({ batch: job.batch, results: runCohortRange(spec, job.from, job.to, models) });
  } catch (err) {
    parentPort?.postMessage({ batch: job.batch, error: (err as Error).stack ?? String(err) });
  }
});
