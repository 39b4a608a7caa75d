/** `ictal trial FILE --out DIR [--json]`: a randomised add-on trial on the course model. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runTrial } from "../course/trial.js";
import { parseTrialScenario, trialSpecOf } from "../io/cohort-scenario.js";
import { ScenarioError } from "../io/scenario.js";
import { writeFilesAtomically } from "../io/outputs.js";
import { toCsv } from "../io/store.js";
import { renderTrialReport } from "../io/course-report.js";

export function runTrialCommand(file: string, out: string, seed?: number) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ScenarioError(file, [`cannot read file: ${(err as Error).message}`]);
  }
  const scenario = parseTrialScenario(text, file);
  const spec = trialSpecOf(scenario, seed ?? scenario.seed);
  const started = performance.now();
  const result = runTrial(spec);
  const files = {
    participants: join(out, "participants.csv"),
    report: join(out, "report.html"),
    summary: join(out, "summary.json"),
  };
  const summary = {
    scenario: scenario.name,
    seed: spec.seed,
    screened: result.screened,
    arms: result.arms,
    files,
  };
  writeFilesAtomically(out, [
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    { name: "participants.csv", bytes: toCsv(result.participants.map(({ diary, ...p }) => p)) },
    { name: "report.html", bytes: renderTrialReport(scenario.name, result) },
    { name: "summary.json", bytes: `${JSON.stringify(summary, null, 2)}\n` },
  ]);
  return { summary, seconds: (performance.now() - started) / 1000 };
}
