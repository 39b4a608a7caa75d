/**
 * `npm run bench`: the Epileptor network engine against the speed anchor
 * shared/reference/epileptor/anchor_em.py (numpy and numba), on the same problem and the same
 * number of steps (see src/perf/epileptor-bench.ts for the problem and its small differences).
 * Our rows: "ictal wasm" is the fused WebAssembly step (what runs by default), "ictal typescript"
 * the TypeScript path it falls back to; both give the same bits, hence the same onset counts.
 *
 *   node dist/bench/epileptor.js [--quick] [--json] [--repeat N]
 *
 * --repeat N runs N rounds, each ours then the anchor, and keeps the fastest run of each row:
 * on a machine shared with other work the fastest run is the one least slowed by it.
 *
 * The anchor runs only when /usr/bin/python3 can import numpy (and numba for its numba rows).
 * The shared directory is $ICTAL_SHARED, else ../shared beside the package root. The anchor
 * integrates with Euler–Maruyama only; the Heun rows' ratios therefore compare our Heun step
 * with the anchor's Euler–Maruyama step, i.e. the cost of the scheme we use by default against
 * the cheapest scheme the anchor offers.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { PACKAGE_ROOT } from "../src/io/paths.js";
import { runEpileptorBenchmark } from "../src/perf/epileptor-bench.js";

const PYTHON = "/usr/bin/python3";

interface Row {
  implementation: string;
  scheme: string;
  nodes: number;
  duration: number;
  steps: number;
  usPerStep: number;
  /** CPU time of the timed loop per step (user + system of the process). */
  cpuUsPerStep: number;
  nodeStepsPerSecond: number;
  seizureOnsets: number | null;
  finite: boolean;
  ratioVsNumba?: number | null;
  ratioVsNumpy?: number | null;
  cpuRatioVsNumba?: number | null;
}

/** Sizes and durations: each anchor run takes a few seconds here at full length. */
const CASES = [
  { nodes: 76, duration: 10000, quickDuration: 400 },
  { nodes: 1000, duration: 200, quickDuration: 40 },
];

interface Args {
  quick: boolean;
  json: boolean;
  repeat: number;
}

const USAGE = "usage: node dist/bench/epileptor.js [--quick] [--json] [--repeat N]";

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, json: false, repeat: 1 };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === "--quick") args.quick = true;
    else if (a === "--json") args.json = true;
    else if (a === "--repeat") {
      const n = Number(argv[++k]);
      if (!Number.isInteger(n) || n < 1 || n > 20) {
        process.stderr.write(`${USAGE}\n--repeat needs an integer from 1 to 20, got '${argv[k]}'\n`);
        process.exit(2);
      }
      args.repeat = n;
    } else {
      process.stderr.write(`${USAGE}\nunknown option '${a}'\n`);
      process.exit(2);
    }
  }
  return args;
}

function sharedDir(): string {
  return process.env.ICTAL_SHARED ? resolve(process.env.ICTAL_SHARED) : resolve(PACKAGE_ROOT, "..", "shared");
}

function pythonCan(module: string): boolean {
  if (!existsSync(PYTHON)) return false;
  const r = spawnSync(PYTHON, ["-c", `import ${module}`], { stdio: "ignore", timeout: 60_000 });
  return r.status === 0;
}

/**
 * Runs the anchor's own functions (network, initial_state, run_numpy, make_numba, seizure_stats,
 * its constants P) with the defaults of its command line (dt 0.05, K 5, seed 1, x1 and z recorded
 * every time unit), timing the loop as its main() does, with the wall clock and also with the
 * process's CPU time: on a machine shared with other work the CPU time is what the loop itself
 * cost. The module sets its single-thread BLAS environment before it imports numpy.
 */
const ANCHOR_DRIVER = String.raw`
import importlib.util, json, sys, time
spec = importlib.util.spec_from_file_location("anchor_em", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
import numpy as np
impl, n, t = sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
dt, K, seed, rec_dt = 0.05, 5.0, 1, 1.0
W, x0, nez = m.network(n)
steps = int(round(t / dt))
rec_every = int(round(rec_dt / dt))
nrec = steps // rec_every
out = {"numpy": np.__version__}
if impl == "numpy":
    w0, c0 = time.perf_counter(), time.process_time()
    st, rx1, rz = m.run_numpy(W, x0, K, steps, dt, seed, rec_every)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
else:
    import numba
    out["numba"] = numba.__version__
    kernel = m.make_numba()
    prm = np.array([m.P[k] for k in ("y0", "r", "tau2", "I1", "I2", "gamma", "s1", "s2")])
    rs = W.sum(axis=1)
    kernel(W, rs, x0, m.initial_state(n), K, 1, dt, seed, rec_every, np.empty((1, n)), np.empty((1, n)), prm)
    rx1, rz = np.empty((nrec, n)), np.empty((nrec, n))
    w0, c0 = time.perf_counter(), time.process_time()
    st = kernel(W, rs, x0, m.initial_state(n), K, steps, dt, seed, rec_every, rx1, rz, prm)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
stats = m.seizure_stats(rx1, nez, rec_dt)
out.update({"steps": steps, "us_per_step": wall / steps * 1e6, "cpu_us_per_step": cpu / steps * 1e6,
            "node_steps_per_s": n * steps / wall, "finite": bool(np.isfinite(st).all()),
            "onsets_total": stats["onsets_total"]})
print(json.dumps(out))
`;

/** One anchor run; its result is the last line of stdout that parses as a JSON object. */
function runAnchor(
  script: string,
  impl: "numpy" | "numba",
  nodes: number,
  duration: number,
): Record<string, unknown> {
  const r = spawnSync(PYTHON, ["-c", ANCHOR_DRIVER, script, impl, String(nodes), String(duration)], {
    encoding: "utf8",
    timeout: 1_800_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error) throw new Error(`anchor ${impl} n=${nodes}: ${r.error.message}`);
  if (r.status !== 0)
    throw new Error(
      `anchor ${impl} n=${nodes} exited with ${r.status}: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`,
    );
  const lines = r.stdout.trim().split("\n").reverse();
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    try {
      // Python's json writes NaN for undefined statistics, which JSON.parse rejects.
      return JSON.parse(line.replace(/\bNaN\b/g, "null")) as Record<string, unknown>;
    } catch {
      continue;
    }
  }
  throw new Error(`anchor ${impl} n=${nodes}: no JSON line in its output`);
}

function num(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new Error(`anchor output: ${what} is not a number (${String(v)})`);
  return v;
}

function formatRatio(r: number | null | undefined): string {
  return r === null || r === undefined ? "—" : `${r.toFixed(2)}×`;
}

function formatTable(rows: Row[]): string {
  const header = [
    "implementation",
    "scheme",
    "nodes",
    "steps",
    "µs/step",
    "CPU µs/step",
    "node-steps/s",
    "vs numba",
    "vs numba CPU",
    "vs numpy",
    "onsets",
  ];
  const micro = (v: number) => v.toFixed(v < 100 ? 2 : 1);
  const body = rows.map((r) => [
    r.implementation,
    r.scheme,
    String(r.nodes),
    String(r.steps),
    micro(r.usPerStep),
    micro(r.cpuUsPerStep),
    Math.round(r.nodeStepsPerSecond).toLocaleString("en"),
    formatRatio(r.ratioVsNumba),
    formatRatio(r.cpuRatioVsNumba),
    formatRatio(r.ratioVsNumpy),
    r.seizureOnsets === null ? "—" : String(r.seizureOnsets) + (r.finite ? "" : " (diverged)"),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const line = (cells: string[]) =>
    cells.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

/** Keep, per implementation, scheme and size, the fastest of the repeated runs (wall clock and
 *  CPU time each their own minimum). */
function keepFastest(rows: Row[], row: Row): void {
  const k = rows.findIndex(
    (r) => r.implementation === row.implementation && r.scheme === row.scheme && r.nodes === row.nodes,
  );
  if (k < 0) {
    rows.push(row);
    return;
  }
  const cpu = Math.min(row.cpuUsPerStep, rows[k].cpuUsPerStep);
  if (row.usPerStep < rows[k].usPerStep) rows[k] = row;
  rows[k].cpuUsPerStep = cpu;
}

function main(): void {
  const { quick, json, repeat } = parseArgs(process.argv.slice(2));
  const notes: string[] = [];
  const rows: Row[] = [];

  const script = join(sharedDir(), "reference", "epileptor", "anchor_em.py");
  const impls: ("numpy" | "numba")[] = [];
  if (!existsSync(script))
    notes.push(`anchor not run: ${script} not found (set ICTAL_SHARED to the shared directory)`);
  else if (!pythonCan("numpy")) notes.push(`anchor not run: ${PYTHON} cannot import numpy`);
  else {
    impls.push("numpy");
    if (pythonCan("numba")) impls.push("numba");
    else notes.push(`anchor numba rows skipped: ${PYTHON} cannot import numba`);
  }
  const versions = new Set<string>();
  const failed = new Set<string>();

  // Rounds interleave our runs with the anchor's, so that a load from other processes that comes
  // and goes hits both sides alike; each row keeps its fastest round.
  for (let round = 0; round < repeat; round++) {
    for (const c of CASES) {
      const duration = quick ? c.quickDuration : c.duration;
      for (const kernel of ["wasm", "typescript"] as const) {
        for (const scheme of ["heun", "euler"] as const) {
          const r = runEpileptorBenchmark({ nodes: c.nodes, duration, scheme, kernel });
          keepFastest(rows, {
            implementation: `ictal ${kernel}`,
            scheme: scheme === "euler" ? "euler-maruyama" : "heun",
            nodes: r.nodes,
            duration,
            steps: r.steps,
            usPerStep: r.microsecondsPerStep,
            cpuUsPerStep: r.cpuMicrosecondsPerStep,
            nodeStepsPerSecond: r.nodeStepsPerSecond,
            seizureOnsets: r.seizureOnsets ?? null,
            finite: r.finite,
          });
        }
      }
      for (const impl of impls) {
        const key = `${impl} ${c.nodes}`;
        if (failed.has(key)) continue;
        try {
          const out = runAnchor(script, impl, c.nodes, duration);
          if (typeof out.numpy === "string") versions.add(`numpy ${out.numpy}`);
          if (typeof out.numba === "string") versions.add(`numba ${out.numba}`);
          keepFastest(rows, {
            implementation: `anchor ${impl}`,
            scheme: "euler-maruyama",
            nodes: c.nodes,
            duration,
            steps: num(out.steps, "steps"),
            usPerStep: num(out.us_per_step, "us_per_step"),
            cpuUsPerStep: num(out.cpu_us_per_step, "cpu_us_per_step"),
            nodeStepsPerSecond: num(out.node_steps_per_s, "node_steps_per_s"),
            seizureOnsets: typeof out.onsets_total === "number" ? out.onsets_total : null,
            finite: out.finite === true,
          });
        } catch (err) {
          failed.add(key);
          notes.push(`anchor ${impl} n=${c.nodes} failed: ${(err as Error).message}`);
        }
      }
    }
  }

  // Ratios: reference time / this row's time at the same size, > 1 when this row is faster.
  for (const row of rows) {
    const ref = (impl: string) =>
      rows.find((r) => r.implementation === `anchor ${impl}` && r.nodes === row.nodes);
    const numba = ref("numba");
    const numpy = ref("numpy");
    row.ratioVsNumba = numba ? numba.usPerStep / row.usPerStep : null;
    row.ratioVsNumpy = numpy ? numpy.usPerStep / row.usPerStep : null;
    row.cpuRatioVsNumba = numba ? numba.cpuUsPerStep / row.cpuUsPerStep : null;
  }

  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const meta = {
    node: process.version,
    cpu,
    python: impls.length > 0 ? [...versions].join(", ") : null,
    quick,
    repeat,
    dt: 0.05,
    note: "ratio = anchor µs/step ÷ row µs/step (> 1: the row is faster), by wall clock and by the process's CPU time; anchor is Euler–Maruyama only; single thread",
  };
  if (json) {
    process.stdout.write(`${JSON.stringify({ bench: "epileptor", ...meta, notes, rows })}\n`);
    return;
  }
  process.stdout.write(
    `Epileptor network, dt = 0.05, ${quick ? "quick durations" : "full durations"} (76 nodes: ${quick ? 400 : 10000} tu, 1000 nodes: ${quick ? 40 : 200} tu)` +
      (repeat > 1 ? `, fastest of ${repeat} interleaved rounds` : "") +
      "\n",
  );
  process.stdout.write(`node ${meta.node} on ${cpu}${meta.python ? `; anchor with ${meta.python}` : ""}\n`);
  for (const n of notes) process.stdout.write(`NOTE: ${n}\n`);
  process.stdout.write(`${formatTable(rows)}\n`);
  process.stdout.write(
    `ratio = anchor µs/step ÷ row µs/step (> 1: the row is faster), by the wall clock and by the CPU time the\n` +
      `process spent in the timed loop (the fairer one when other work shares the machine). The anchor is\n` +
      `Euler–Maruyama only, so the heun rows compare our Heun step with its Euler–Maruyama step.\n` +
      `onsets = seizure episodes over all nodes.\n`,
  );
}

main();
