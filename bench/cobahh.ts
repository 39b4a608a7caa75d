/**
 * COBAHH (Brette et al. 2007, benchmark 3): our loop time against the references in
 * shared/reference/cobahh, on the same problem, on this machine, single thread.
 *
 *   node dist/bench/cobahh.js [--neurons 4000] [--duration 1] [--seed 1] [--repeats 3] [--json]
 *
 * Rows: ictal with the fused Traub–Miles kernel and with the generic kernel; the C reference
 * (`make` in a temporary directory: float64, float64 with fewer exponentials, -ffast-math and
 * float32 variants) when gcc is available; the plain JavaScript baseline; Brian2 (numpy, cython,
 * cpp_standalone) when /usr/bin/python3 can import brian2. Times are the median of `repeats` runs
 * of the step loop (each implementation reports its own loop time, excluding set-up). ratio =
 * the row's loop time ÷ ictal fused's, > 1 when ictal is faster. Every implementation draws its
 * own network (different generators), so spike counts differ; the statistics columns show that
 * each run is in the reference band.
 *
 * The shared directory is $ICTAL_SHARED, else ../shared beside the package root.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCobahh } from "../src/engines/cell/cobahh.js";
import { PACKAGE_ROOT } from "../src/io/paths.js";

const PYTHON = "/usr/bin/python3";

interface Options {
  neurons: number;
  duration: number;
  seed: number;
  repeats: number;
  json: boolean;
}

interface Row {
  implementation: string;
  loopSeconds: number;
  ratio?: number;
  nsPerNeuronStep: number;
  spikes: number;
  rateE: number;
  rateI: number;
  cvIsi: number;
  fractionActive: number;
}

const USAGE =
  "usage: node dist/bench/cobahh.js [--neurons N] [--duration S] [--seed K] [--repeats R] [--json]";

function parseArgs(argv: string[]): Options {
  const o: Options = { neurons: 4000, duration: 1, seed: 1, repeats: 3, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") {
      o.json = true;
      continue;
    }
    const value = Number(argv[i + 1]);
    const key = {
      "--neurons": "neurons",
      "--duration": "duration",
      "--seed": "seed",
      "--repeats": "repeats",
    }[a] as "neurons" | "duration" | "seed" | "repeats" | undefined;
    if (!key || !Number.isFinite(value) || value <= 0) {
      process.stderr.write(
        `${USAGE}\nbad option '${a}${argv[i + 1] === undefined ? "" : ` ${argv[i + 1]}`}'\n`,
      );
      process.exit(2);
    }
    o[key] = value;
    i++;
  }
  if (
    !Number.isInteger(o.neurons) ||
    o.neurons < 80 ||
    !Number.isInteger(o.repeats) ||
    !Number.isInteger(o.seed)
  ) {
    process.stderr.write(`${USAGE}\nneurons (>= 80), repeats and seed must be integers\n`);
    process.exit(2);
  }
  return o;
}

function sharedDir(): string {
  return process.env.ICTAL_SHARED ? resolve(process.env.ICTAL_SHARED) : resolve(PACKAGE_ROOT, "..", "shared");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The last stdout line that parses as a JSON object. */
function lastJson(stdout: string, what: string): Record<string, unknown> {
  for (const line of stdout.trim().split("\n").reverse()) {
    if (!line.startsWith("{")) continue;
    try {
      return JSON.parse(line.replace(/\bNaN\b/g, "null")) as Record<string, unknown>;
    } catch {
      continue;
    }
  }
  throw new Error(`${what}: no JSON line in its output`);
}

function run(command: string, args: string[], what: string, cwd?: string): Record<string, unknown> {
  const r = spawnSync(command, args, {
    encoding: "utf8",
    cwd,
    timeout: 3_600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`${what}: ${r.error.message}`);
  if (r.status !== 0)
    throw new Error(`${what} exited with ${r.status}: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  return lastJson(r.stdout, what);
}

function num(x: unknown): number {
  return typeof x === "number" ? x : NaN;
}

/** Median row over repeats of an external reference printing the shared JSON fields. */
function externalRow(name: string, o: Options, once: (seed: number) => Record<string, unknown>): Row {
  const outs: Record<string, unknown>[] = [];
  for (let r = 0; r < o.repeats; r++) outs.push(once(o.seed));
  const loops = outs.map((x) => num(x.loop_s));
  const first = outs[0];
  const loopSeconds = median(loops);
  return {
    implementation: name,
    loopSeconds,
    nsPerNeuronStep: (loopSeconds * 1e9) / (o.neurons * Math.round((o.duration * 1000) / 0.1)),
    spikes: num(first.spikes),
    rateE: num(first.rate_E),
    rateI: num(first.rate_I),
    cvIsi: num(first.cv_isi),
    fractionActive: num(first.frac_active),
  };
}

function ictalRow(o: Options, kernel: "auto" | "generic"): Row {
  const results = [];
  for (let r = 0; r < o.repeats; r++)
    results.push(runCobahh({ neurons: o.neurons, durationSeconds: o.duration, seed: o.seed, kernel }));
  const loopSeconds = median(results.map((x) => x.loopSeconds));
  const first = results[0];
  return {
    implementation: `ictal ${first.kernel}`,
    loopSeconds,
    nsPerNeuronStep: (loopSeconds * 1e9) / (o.neurons * first.steps),
    spikes: first.spikes,
    rateE: first.rateE,
    rateI: first.rateI,
    cvIsi: first.cvIsi,
    fractionActive: first.fractionActive,
  };
}

const C_VARIANTS: [string, string][] = [
  ["cobahh_f64", "C float64"],
  ["cobahh_f64_rx", "C float64, 4 exps"],
  ["cobahh_f64_fm", "C float64 -ffast-math"],
  ["cobahh_f64_rx_fm", "C float64 4 exps -ffast-math"],
  ["cobahh_f32", "C float32"],
  ["cobahh_f32_fm", "C float32 -ffast-math"],
  ["cobahh_f32_rx_fm", "C float32 4 exps -ffast-math"],
];

function formatTable(rows: Row[]): string {
  const header = [
    "implementation",
    "loop s",
    "ratio",
    "ns/neuron-step",
    "spikes",
    "rate E",
    "rate I",
    "CV ISI",
    "active",
  ];
  const body = rows.map((r) => [
    r.implementation,
    r.loopSeconds.toFixed(3),
    r.ratio === undefined ? "—" : `${r.ratio.toFixed(2)}×`,
    r.nsPerNeuronStep.toFixed(1),
    String(r.spikes),
    r.rateE.toFixed(2),
    r.rateI.toFixed(2),
    r.cvIsi.toFixed(3),
    r.fractionActive.toFixed(3),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const notes: string[] = [];
  const rows: Row[] = [ictalRow(o, "auto"), ictalRow(o, "generic")];
  const reference = join(sharedDir(), "reference", "cobahh");
  const args = (seed: number) => [
    "--n",
    String(o.neurons),
    "--t",
    String(o.duration),
    "--seed",
    String(seed),
  ];

  if (!existsSync(join(reference, "cobahh.c"))) {
    notes.push(
      `C and JS references not run: ${reference} not found (set ICTAL_SHARED to the shared directory)`,
    );
  } else {
    const gcc = spawnSync("gcc", ["--version"], { stdio: "ignore" });
    if (gcc.status !== 0) notes.push("C reference not run: gcc is not available");
    else {
      const dir = mkdtempSync(join(tmpdir(), "ictal-cobahh-c-"));
      try {
        copyFileSync(join(reference, "cobahh.c"), join(dir, "cobahh.c"));
        copyFileSync(join(reference, "Makefile"), join(dir, "Makefile"));
        const make = spawnSync("make", ["-C", dir], { encoding: "utf8" });
        if (make.status !== 0)
          notes.push(`C reference not built: ${make.stderr.trim().split("\n").slice(-2).join(" | ")}`);
        else {
          for (const [binary, name] of C_VARIANTS) {
            try {
              rows.push(externalRow(name, o, (seed) => run(join(dir, binary), args(seed), name)));
            } catch (err) {
              notes.push((err as Error).message);
            }
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    try {
      const script = join(reference, "plain_js_baseline.mjs");
      rows.push(
        externalRow(`plain JS (node ${process.version})`, o, (seed) =>
          run(process.execPath, [script, ...args(seed)], "plain JS"),
        ),
      );
    } catch (err) {
      notes.push((err as Error).message);
    }
    const brian =
      existsSync(PYTHON) &&
      spawnSync(PYTHON, ["-c", "import brian2"], { stdio: "ignore", timeout: 120_000 }).status === 0;
    if (!brian) {
      notes.push(
        `Brian2 rows skipped: ${PYTHON} cannot import brian2 (install python3-brian); README, same kind of machine: numpy 7.57 s, cython 3.26 s, cpp_standalone 2.32 s`,
      );
    } else {
      for (const target of ["numpy", "cython", "cpp_standalone"]) {
        try {
          const script = join(reference, "brian_cobahh.py");
          rows.push(
            externalRow(`Brian2 ${target}`, o, (seed) =>
              run(PYTHON, [script, ...args(seed), "--target", target], `Brian2 ${target}`, reference),
            ),
          );
        } catch (err) {
          notes.push((err as Error).message);
        }
      }
    }
  }

  const ours = rows[0].loopSeconds;
  for (const r of rows) r.ratio = r.loopSeconds / ours;
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const meta = {
    neurons: o.neurons,
    durationSeconds: o.duration,
    seed: o.seed,
    repeats: o.repeats,
    node: process.version,
    cpu,
    note: "loop seconds: median over repeats; ratio = row loop time / ictal fused loop time (> 1: ictal is faster)",
  };
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ bench: "cobahh", ...meta, notes, rows })}\n`);
    return;
  }
  process.stdout.write(
    `COBAHH N = ${o.neurons}, T = ${o.duration} s, dt = 0.1 ms, seed ${o.seed}, median of ${o.repeats}; node ${process.version} on ${cpu}\n`,
  );
  for (const n of notes) process.stdout.write(`NOTE: ${n}\n`);
  process.stdout.write(`${formatTable(rows)}\n`);
  process.stdout.write(
    "ratio = row loop time ÷ ictal fused loop time (> 1: ictal is faster). Single thread.\n",
  );
}

main();
