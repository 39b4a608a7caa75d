/** Shared helpers of the test suite. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CohortSummary } from "../src/course/cohort.js";
import { leakChannel } from "../src/engines/cell/channels.js";
import type { NeuronModel } from "../src/engines/cell/population.js";
import { PACKAGE_ROOT } from "../src/io/paths.js";
import {
  parseScenario,
  type MicrocircuitScenario,
  type NetworkScenario,
  type SweepScenario,
} from "../src/io/scenario.js";
import {
  runMicrocircuitScenario,
  summariseMicrocircuitRun,
  type MicrocircuitSummary,
} from "../src/pipeline/run-microcircuit.js";

export const ROOT = PACKAGE_ROOT;

export function exampleText(name: string): string {
  return readFileSync(join(ROOT, "examples", name), "utf8");
}

export function networkExample(name: string, edit?: (raw: Record<string, unknown>) => void): NetworkScenario {
  const scenario = parseScenario(exampleText(name), name);
  if (scenario.kind !== "network") throw new Error(`${name} is not a network scenario`);
  if (edit) edit(scenario as unknown as Record<string, unknown>);
  return scenario;
}

export function sweepExample(name: string): SweepScenario {
  const scenario = parseScenario(exampleText(name), name);
  if (scenario.kind !== "sweep") throw new Error(`${name} is not a sweep scenario`);
  return scenario;
}

/** A microcircuit scenario: `text` (YAML lines) on a run of `duration` ms with a 200 ms transient. */
export function microcircuitScenario(text: string, seed: number, duration = 1000): MicrocircuitScenario {
  const s = parseScenario(
    `schemaVersion: 1\nkind: microcircuit\nseed: ${seed}\nsimulation: { duration: ${duration}, transient: 200 }\n${text}`,
    "test.yaml",
  );
  if (s.kind !== "microcircuit") throw new Error("not a microcircuit");
  return s;
}

/** Summaries of 1 s microcircuit runs of `prefix + text` per seed, each run once per test file. */
export function cachedMicrocircuitRuns(prefix = ""): (text: string, seed: number) => MicrocircuitSummary {
  const cache = new Map<string, MicrocircuitSummary>();
  return (text, seed) => {
    const key = `${seed}\n${text}`;
    let s = cache.get(key);
    if (!s) {
      s = summariseMicrocircuitRun(runMicrocircuitScenario(microcircuitScenario(prefix + text, seed)));
      cache.set(key, s);
    }
    return s;
  };
}

/**
 * A passive test cell: leak only (g_L in mS/cm², E_L = initial potential), no spike-generating
 * channels; `threshold` decides whether crossing it counts as a spike.
 */
export function passiveCell(o: {
  name: string;
  leak: number;
  restingPotential: number;
  threshold: number;
  refractory: number;
  area?: number;
}): NeuronModel {
  return {
    name: o.name,
    description: "passive test cell",
    capacitance: 1,
    area: o.area ?? 100,
    channels: [leakChannel({ gbar: o.leak, E: o.restingPotential })],
    threshold: o.threshold,
    refractory: o.refractory,
    celsius: 36,
    initialPotential: o.restingPotential,
    citation: "test",
  };
}

/** A float32 little-endian file as a Float32Array. */
export function readF32(path: string): Float32Array {
  const buf = readFileSync(path);
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** Asserts |value - target| <= tolerance, naming the quantity in the message. */
export function assertNear(value: number, target: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(value - target) <= tolerance, `${what} = ${value}, expected ${target} ± ${tolerance}`);
}

/**
 * Published outcomes of a newly diagnosed cohort (shared/science/clinical_outcomes.md §1 ✓):
 * seizure freedom by schedule and uncontrolled epilepsy by pre-treatment seizures, Kwan & Brodie
 * 2000 (N Engl J Med 342:314); drug resistance about a third.
 */
export const KWAN_BRODIE_2000 = Object.freeze({
  firstDrug: 0.47,
  secondOrThirdDrug: 0.14,
  combination: 0.03,
  never: 0.36,
  drugResistant: 0.33,
  moreThan20: 0.51,
  atMost20: 0.29,
});

/** Tolerances per quantity of KWAN_BRODIE_2000 (about 3 binomial SE at the cohort's size). */
export type KwanBrodieTolerances = { readonly [K in keyof typeof KWAN_BRODIE_2000]: number };

/** Asserts every KWAN_BRODIE_2000 quantity of a cohort summary within its tolerance. */
export function assertKwanBrodie(s: CohortSummary, tolerance: KwanBrodieTolerances): void {
  const t = KWAN_BRODIE_2000;
  assertNear(s.seizureFree.firstDrug, t.firstDrug, tolerance.firstDrug, "seizure-free on the first drug");
  assertNear(
    s.seizureFree.secondOrThirdDrug,
    t.secondOrThirdDrug,
    tolerance.secondOrThirdDrug,
    "on a second or third drug",
  );
  assertNear(s.seizureFree.combination, t.combination, tolerance.combination, "only on a combination");
  assertNear(s.seizureFree.never, t.never, tolerance.never, "never seizure-free");
  assertNear(s.drugResistant, t.drugResistant, tolerance.drugResistant, "ILAE drug-resistant");
  const u = s.uncontrolledByPretreatmentSeizures;
  assertNear(
    u.moreThan20,
    t.moreThan20,
    tolerance.moreThan20,
    "uncontrolled with > 20 pre-treatment seizures",
  );
  assertNear(u.atMost20, t.atMost20, tolerance.atMost20, "uncontrolled with <= 20 pre-treatment seizures");
}
