/** Shared helpers of the test suite. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../src/io/paths.js";
import { parseScenario, type NetworkScenario, type SweepScenario } from "../src/io/scenario.js";

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

/** A float32 little-endian file as a Float32Array. */
export function readF32(path: string): Float32Array {
  const buf = readFileSync(path);
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** Asserts |value - target| <= tolerance, naming the quantity in the message. */
export function assertNear(value: number, target: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(value - target) <= tolerance, `${what} = ${value}, expected ${target} ± ${tolerance}`);
}
