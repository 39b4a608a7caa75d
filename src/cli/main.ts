#!/usr/bin/env node
/**
 * The `ictal` command line: run and validate scenarios, export the scenario schema, benchmark
 * the engines. Human-readable text goes to stderr; with --json exactly one JSON object goes to
 * stdout. Exit codes: 0 success, 1 run failure (e.g. divergence), 2 invalid input.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import cliProgress from "cli-progress";
import { loadConnectome } from "../io/connectome.js";
import {
  parseScenario,
  scenarioJsonSchema,
  ScenarioError,
  type MicrocircuitScenario,
  type NetworkScenario,
  type SweepScenario,
} from "../io/scenario.js";
import { loadSensors, sensorsFromCoordinates } from "../io/sensors.js";
import { renderNetworkOutputs, writeFilesAtomically } from "../io/outputs.js";
import { runNetworkScenario, summariseNetworkRun } from "../pipeline/run-network.js";
import { runSweepScenario } from "../pipeline/run-sweep.js";
import { runMicrocircuitScenario, summariseMicrocircuitRun } from "../pipeline/run-microcircuit.js";
import { renderMicrocircuitOutputs } from "../io/microcircuit-outputs.js";
import { DivergenceError } from "../engines/network/simulate.js";
import { runEpileptorBenchmark } from "../perf/epileptor-bench.js";
import { runCobahh } from "../engines/cell/cobahh.js";
import { PARAMETER_TABLES, renderParameterMarkdown } from "../io/parameter-docs.js";
import { excitabilityMap } from "../pathophysiology/epileptogenic-zones.js";
import { registerDrugCommands } from "./drugs-commands.js";
import { wendlingRegionalValues } from "../pipeline/network-model.js";
import { WENDLING_PARAMETERS } from "../engines/network/wendling.js";
import { resolveParameters } from "../engines/parameters.js";
import { runCohortCommand } from "./cohort.js";
import { runTrialCommand } from "./trial.js";
import { courseScenarioJsonSchema } from "../io/cohort-scenario.js";

const VERSION = "0.1.0";

function integer(name: string, min: number, max: number) {
  return (text: string): number => {
    const v = Number(text);
    if (!Number.isInteger(v) || v < min || v > max)
      throw new InvalidArgumentError(`${name} must be an integer in [${min}, ${max}], got '${text}'`);
    return v;
  };
}

function positiveNumber(name: string) {
  return (text: string): number => {
    const v = Number(text);
    if (!Number.isFinite(v) || v <= 0)
      throw new InvalidArgumentError(`${name} must be a number > 0, got '${text}'`);
    return v;
  };
}

function progressReporter(enabled: boolean, label: string) {
  if (!enabled || !process.stderr.isTTY) return { update: undefined, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | ETA {eta}s`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0);
  return {
    update: (fraction: number) => bar.update(Math.round(fraction * 100)),
    stop: () => bar.stop(),
  };
}

function readScenario(file: string) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ScenarioError(file, [`cannot read file: ${(err as Error).message}`]);
  }
  return { text, scenario: parseScenario(text, file) };
}

function runNetwork(
  scenario: NetworkScenario,
  text: string,
  out: string,
  seed: number | undefined,
  json: boolean,
) {
  const connectome = loadConnectome(scenario.patient.connectome);
  const seegSpec = scenario.outputs.seeg;
  const wantSeeg = scenario.outputs.edf || scenario.outputs.report;
  const sensors = !wantSeeg
    ? null
    : seegSpec.contacts !== undefined
      ? sensorsFromCoordinates(seegSpec.contacts)
      : loadSensors(seegSpec.sensors);
  const progress = progressReporter(!json, scenario.name);
  const started = performance.now();
  let run;
  try {
    run = runNetworkScenario(scenario, { connectome, sensors, seed, onProgress: progress.update });
  } finally {
    progress.stop();
  }
  const summary = summariseNetworkRun(run);
  const rendered = renderNetworkOutputs(run, summary, text, out);
  writeFilesAtomically(out, rendered.files);
  const seconds = (performance.now() - started) / 1000;
  if (json) {
    process.stdout.write(`${JSON.stringify(rendered.summary)}\n`);
  } else {
    const s = rendered.summary;
    const lines = [
      `ictal: ${s.scenario} (seed ${s.seed}) — ${s.regions} regions, ${s.durationModelUnits} model units = ${s.durationSeconds} s, computed in ${seconds.toFixed(1)} s`,
      `  seizures: ${s.seizures.length}; first onset: ${s.firstOnsetRegion ?? "none"}; recruited: ${s.recruitedRegions.join(", ") || "none"}`,
      ...s.recruitment.map(
        (r) =>
          `  #${r.rank} ${r.region.padEnd(8)} zone ${r.zone.padEnd(13)} x0 ${r.x0.toFixed(2)}  first onset ${r.firstOnsetSeconds.toFixed(2)} s`,
      ),
      ...(s.activity ?? [])
        .filter((a) => a.activityType !== "normal")
        .map(
          (a) =>
            `  ${a.region.padEnd(8)} ${a.activityType.padEnd(18)} dominant ${a.dominantFrequencyHz.toFixed(1)} Hz, SD ${a.sdMillivolts.toFixed(2)} mV`,
        ),
      ...(s.activity === undefined
        ? []
        : [`  activity: ${s.activity.filter((a) => a.activityType === "normal").length} region(s) normal`]),
      `  files: ${Object.values(s.files).join(", ")}`,
    ];
    process.stderr.write(`${lines.join("\n")}\n`);
  }
}

function runSweep(scenario: SweepScenario, out: string, seed: number | undefined, json: boolean) {
  const progress = progressReporter(!json, scenario.name);
  let result;
  try {
    result = runSweepScenario(scenario, { seed, onProgress: progress.update });
  } finally {
    progress.stop();
  }
  const summary = {
    scenario: scenario.name,
    kind: "sweep",
    seed: seed ?? scenario.seed,
    model: scenario.model.name,
    durationModelUnits: scenario.simulation.duration,
    transient: scenario.transient,
    ...result,
  };
  const rows = [
    "value,seizures,meanDuration,meanPeriod,zMin,zMax",
    ...result.points.map((p) =>
      [p.value, p.seizures, p.meanDuration ?? "", p.meanPeriod ?? "", p.zMin, p.zMax].join(","),
    ),
  ];
  const files = writeFilesAtomically(out, [
    { name: "sweep.csv", bytes: `${rows.join("\n")}\n` },
    { name: "summary.json", bytes: `${JSON.stringify(summary, null, 2)}\n` },
  ]);
  if (json)
    process.stdout.write(`${JSON.stringify({ ...summary, files: { csv: files[0], summary: files[1] } })}\n`);
  else {
    process.stderr.write(`ictal: sweep of ${result.parameter} (${result.points.length} values)\n`);
    for (const p of result.points) {
      process.stderr.write(
        `  ${result.parameter} = ${p.value}: ${p.seizures} seizures${p.meanPeriod !== null ? `, period ${p.meanPeriod.toFixed(0)}` : ""}${p.meanDuration !== null ? `, duration ${p.meanDuration.toFixed(0)}` : ""}\n`,
      );
    }
  }
}

function runMicrocircuitFile(
  scenario: MicrocircuitScenario,
  text: string,
  out: string,
  seed: number | undefined,
  json: boolean,
) {
  const started = performance.now();
  const run = runMicrocircuitScenario(scenario, { seed });
  const rendered = renderMicrocircuitOutputs(run, summariseMicrocircuitRun(run), text, out);
  writeFilesAtomically(out, rendered.files);
  const s = rendered.summary;
  if (json) process.stdout.write(`${JSON.stringify(s)}\n`);
  else {
    process.stderr.write(
      `ictal: ${s.scenario} (seed ${s.seed}) — ${s.populations.excitatory} E + ${s.populations.inhibitory} I cells, ` +
        `${s.durationMs} ms, computed in ${((performance.now() - started) / 1000).toFixed(1)} s\n` +
        `  rates E ${s.rates.excitatory} Hz, I ${s.rates.inhibitory} Hz; synchrony χ E ${s.synchrony.excitatory}, I ${s.synchrony.inhibitory}; ` +
        `${s.events.length} population event(s); variants: ${s.variants.join(", ") || "none"}\n` +
        `  GABA/glutamate conductance onto E ${s.synapticInput.excitatory.inhibitionToExcitation.conductance ?? "—"}, ` +
        `onto I ${s.synapticInput.inhibitory.inhibitionToExcitation.conductance ?? "—"}\n` +
        `  files: ${Object.values(s.files).join(", ")}\n`,
    );
  }
}

function fail(err: unknown): never {
  if (err instanceof ScenarioError || err instanceof RangeError || err instanceof InvalidArgumentError) {
    process.stderr.write(`ictal: ${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof DivergenceError) {
    process.stderr.write(`ictal: ${err.message}; no results were written\n`);
    process.exit(1);
  }
  process.stderr.write(`ictal: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("ictal")
    .description("Simulator of refractory epilepsy: virtual patients from connectome to SEEG")
    .version(VERSION);

  program
    .command("run")
    .description("run a scenario file (YAML or JSON) and write its outputs")
    .argument("<file>", "scenario file")
    .requiredOption("--out <dir>", "output folder")
    .option("--seed <n>", "override the scenario's seed", integer("--seed", 0, Number.MAX_SAFE_INTEGER))
    .option("--json", "print exactly one JSON summary object on stdout")
    .action((file: string, opts: { out: string; seed?: number; json?: boolean }) => {
      try {
        const { text, scenario } = readScenario(file);
        if (scenario.kind === "network") runNetwork(scenario, text, opts.out, opts.seed, opts.json === true);
        else if (scenario.kind === "microcircuit")
          runMicrocircuitFile(scenario, text, opts.out, opts.seed, opts.json === true);
        else if (scenario.kind === "cohort" || scenario.kind === "trial")
          throw new InvalidArgumentError(
            `${file}: a ${scenario.kind} scenario runs with 'ictal ${scenario.kind} ${file} --out DIR'`,
          );
        else runSweep(scenario, opts.out, opts.seed, opts.json === true);
      } catch (err) {
        fail(err);
      }
    });

  program
    .command("validate")
    .description("check a scenario file without running it")
    .argument("<file>", "scenario file")
    .option("--json", "print the result as JSON")
    .action((file: string, opts: { json?: boolean }) => {
      try {
        const { scenario } = readScenario(file);
        if (scenario.kind === "network") {
          // Region labels and the connectome are part of validity.
          const connectome = loadConnectome(scenario.patient.connectome);
          const { zones } = excitabilityMap(connectome, scenario.patient);
          if (scenario.model.name === "wendling")
            wendlingRegionalValues(
              scenario.model,
              resolveParameters(WENDLING_PARAMETERS, scenario.model.parameters, "model.parameters"),
              connectome,
              zones,
            );
        }
        if (opts.json)
          process.stdout.write(
            `${JSON.stringify({ valid: true, file, kind: scenario.kind, name: scenario.name })}\n`,
          );
        else process.stderr.write(`${file}: valid ${scenario.kind} scenario '${scenario.name}'\n`);
      } catch (err) {
        if (opts.json && (err instanceof ScenarioError || err instanceof RangeError)) {
          const problems = err instanceof ScenarioError ? err.problems : [err.message];
          process.stdout.write(`${JSON.stringify({ valid: false, file, problems })}\n`);
          process.exit(2);
        }
        fail(err);
      }
    });

  program
    .command("schema")
    .description("print the scenario JSON Schema (or write it with --out)")
    .option("--out <file>", "write to this file")
    .option("--kind <kind>", "network (network and sweep scenarios), cohort or trial", "network")
    .action((opts: { out?: string; kind: string }) => {
      if (!["network", "cohort", "trial"].includes(opts.kind))
        fail(new InvalidArgumentError(`--kind must be network, cohort or trial, got '${opts.kind}'`));
      const schema =
        opts.kind === "network"
          ? scenarioJsonSchema()
          : courseScenarioJsonSchema(opts.kind as "cohort" | "trial");
      const text = `${JSON.stringify(schema, null, 2)}\n`;
      if (opts.out) {
        mkdirSync(dirname(opts.out), { recursive: true });
        writeFileSync(opts.out, text);
      } else process.stdout.write(text);
    });

  program
    .command("params")
    .description("print the model parameter tables (default, unit, range, source)")
    .option("--json", "as JSON")
    .option("--out <file>", "write the Markdown table to this file")
    .action((opts: { json?: boolean; out?: string }) => {
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify(Object.fromEntries(PARAMETER_TABLES.map((t) => [t.model, { parameters: t.table, regional: t.regional }])))}\n`,
        );
        return;
      }
      const text = renderParameterMarkdown();
      if (opts.out) writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });

  registerDrugCommands(program, fail);
  program
    .command("cohort")
    .description(
      "run a virtual cohort (kind: cohort) on worker threads; SQLite, CSV, report and summary in --out; resumes an interrupted run",
    )
    .argument("<file>", "cohort scenario file")
    .requiredOption("--out <dir>", "output folder")
    .option("--patients <n>", "number of patients", integer("--patients", 1, 10_000_000), 1000)
    .option("--workers <k>", "worker threads", integer("--workers", 1, 256), 1)
    .option("--seed <n>", "override the scenario's seed", integer("--seed", 0, Number.MAX_SAFE_INTEGER))
    .option("--json", "print exactly one JSON summary object on stdout")
    .action(
      async (
        file: string,
        opts: { out: string; patients: number; workers: number; seed?: number; json?: boolean },
      ) => {
        const progress = progressReporter(opts.json !== true, "cohort");
        try {
          const { summary, seconds } = await runCohortCommand(file, { ...opts, onProgress: progress.update });
          progress.stop();
          if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
          else {
            const f = (x: number) => `${(x * 100).toFixed(1)}%`;
            const s = summary;
            process.stderr.write(
              `ictal: cohort ${s.scenario} (seed ${s.seed}): ${s.patients} patients in ${seconds.toFixed(1)} s${s.resumedBatches > 0 ? ` (${s.resumedBatches} batches resumed)` : ""}\n` +
                `  seizure-free on first drug ${f(s.seizureFree.firstDrug)}, second/third ${f(s.seizureFree.secondOrThirdDrug)}, combination ${f(s.seizureFree.combination)}, not seizure-free ${f(s.seizureFree.never)}\n` +
                `  ILAE drug-resistant ${f(s.drugResistant)}; not seizure-free with > 20 / <= 20 pre-treatment seizures ${f(s.uncontrolledByPretreatmentSeizures.moreThan20)} / ${f(s.uncontrolledByPretreatmentSeizures.atMost20)}\n` +
                `  patterns: early ${f(s.patterns.earlySustained)}, delayed ${f(s.patterns.delayedSustained)}, fluctuating ${f(s.patterns.fluctuating)}, never ${f(s.patterns.neverSeizureFree)}\n` +
                `  files: ${Object.values(s.files).join(", ")}\n`,
            );
          }
        } catch (err) {
          progress.stop();
          fail(err);
        }
      },
    );

  program
    .command("trial")
    .description(
      "run a randomised add-on trial (kind: trial): responder rate, median percent change, seizure freedom per arm",
    )
    .argument("<file>", "trial scenario file")
    .requiredOption("--out <dir>", "output folder")
    .option("--seed <n>", "override the scenario's seed", integer("--seed", 0, Number.MAX_SAFE_INTEGER))
    .option("--json", "print exactly one JSON summary object on stdout")
    .action((file: string, opts: { out: string; seed?: number; json?: boolean }) => {
      try {
        const { summary, seconds } = runTrialCommand(file, opts.out, opts.seed);
        if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else {
          process.stderr.write(
            `ictal: trial ${summary.scenario} (seed ${summary.seed}): ${summary.screened} screened, ${seconds.toFixed(1)} s\n`,
          );
          for (const a of summary.arms)
            process.stderr.write(
              `  ${a.name.padEnd(16)} n ${String(a.n).padStart(4)}  responders ${(a.responderRate50 * 100).toFixed(1)}%  median change ${a.medianPercentChange.toFixed(1)}%  seizure-free ${(a.seizureFree * 100).toFixed(1)}%\n`,
            );
        }
      } catch (err) {
        fail(err);
      }
    });

  const bench = program.command("bench").description("benchmarks of the engines");
  bench
    .command("epileptor")
    .description(
      "time the 6-D Epileptor network engine alone (warm-up excluded); prints node-steps per second",
    )
    .option("--nodes <n>", "number of nodes", integer("--nodes", 1, 100000), 76)
    .option("--duration <t>", "model time units", positiveNumber("--duration"), 1000)
    .option("--scheme <name>", "heun or euler (Euler–Maruyama)", "heun")
    .option("--json", "print one JSON object")
    .action((opts: { nodes: number; duration: number; scheme: string; json?: boolean }) => {
      try {
        if (opts.scheme !== "heun" && opts.scheme !== "euler")
          throw new InvalidArgumentError(`--scheme must be heun or euler, got '${opts.scheme}'`);
        const result = runEpileptorBenchmark({
          nodes: opts.nodes,
          duration: opts.duration,
          scheme: opts.scheme,
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else {
          process.stdout.write(
            `epileptor ${result.scheme}: ${result.nodes} nodes, ${result.steps} steps in ${result.seconds.toFixed(3)} s — ` +
              `${Math.round(result.nodeStepsPerSecond).toLocaleString("en")} node-steps/s, ${result.microsecondsPerStep.toFixed(2)} µs/step\n`,
          );
        }
      } catch (err) {
        fail(err);
      }
    });
  bench
    .command("cobahh")
    .description(
      "the COBAHH benchmark (Brette et al. 2007, benchmark 3) exactly as Brian2's example; prints its statistics",
    )
    .option("--neurons <n>", "number of neurons (>= 80)", integer("--neurons", 80, 10_000_000), 4000)
    .option("--duration <s>", "simulated seconds", positiveNumber("--duration"), 1)
    .option(
      "--seed <k>",
      "seed of connectivity and initial state",
      integer("--seed", 0, Number.MAX_SAFE_INTEGER),
      1,
    )
    .option("--kernel <name>", "auto (fused Traub–Miles kernel) or generic", "auto")
    .option("--json", "print one JSON object")
    .action((opts: { neurons: number; duration: number; seed: number; kernel: string; json?: boolean }) => {
      try {
        if (opts.kernel !== "auto" && opts.kernel !== "generic")
          throw new InvalidArgumentError(`--kernel must be auto or generic, got '${opts.kernel}'`);
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { spikeNeurons, spikeSteps, ...result } = runCobahh({
          neurons: opts.neurons,
          durationSeconds: opts.duration,
          seed: opts.seed,
          kernel: opts.kernel,
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else {
          process.stdout.write(
            `cobahh N=${result.neurons} ${result.durationSeconds} s seed ${result.seed}: loop ${result.loopSeconds.toFixed(3)} s, ` +
              `${result.spikes} spikes, rate E ${result.rateE.toFixed(2)} Hz, rate I ${result.rateI.toFixed(2)} Hz, ` +
              `CV ISI ${result.cvIsi.toFixed(3)}, active ${result.fractionActive.toFixed(3)}\n`,
          );
        }
      } catch (err) {
        fail(err);
      }
    });
  return program;
}

await buildProgram().parseAsync(process.argv);
