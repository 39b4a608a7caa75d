/**
 * Connection rules and the compressed-sparse-row (CSR) store of a projection.
 *
 * Storage is by presynaptic neuron, as spike propagation reads it: the targets of source i are
 * target[rowStart[i] .. rowStart[i+1]), with optional per-connection weights (nS) and delays
 * (whole steps). Within a row, targets are in the order the rule produced them (ascending for the
 * probability and in-degree rules).
 *
 * Rules (each draws from its own seeded stream, RandomStream.for(seed, path)):
 *
 *   probability   every (source, target) pair independently with probability p, as Brian2's
 *                 `connect(p=...)`: autapses allowed unless `autapses: false` (only meaningful when
 *                 source and target are the same population), no multapses. Drawn row by row with
 *                 geometric skips: the gap to the next target is 1 + floor(ln U / ln(1 - p)),
 *                 U uniform in (0, 1), which costs one draw per connection instead of one per pair.
 *   inDegree      each target receives exactly k distinct sources chosen uniformly (Floyd's
 *                 sampling without replacement; Bentley & Floyd 1987, Commun ACM 30:754), excluding
 *                 itself when autapses are off.
 *   explicit      given (source, target) lists, optionally with per-connection weights and delays.
 */
import type { RandomStream } from "../../numerics/random.js";

export type ConnectionRule =
  | { readonly kind: "probability"; readonly p: number; readonly autapses?: boolean }
  | { readonly kind: "inDegree"; readonly k: number; readonly autapses?: boolean }
  | {
      readonly kind: "explicit";
      readonly sources: ArrayLike<number>;
      readonly targets: ArrayLike<number>;
      /** Per-connection weights (nS), overriding the projection's weight. */
      readonly weights?: ArrayLike<number>;
      /** Per-connection delays (ms), overriding the projection's delay. */
      readonly delays?: ArrayLike<number>;
    };

export interface ConnectionStore {
  readonly sourceSize: number;
  readonly targetSize: number;
  /** Length sourceSize + 1. */
  readonly rowStart: Int32Array;
  readonly target: Int32Array;
  /** Per-connection weights (nS) or null when every connection has `uniformWeight`. */
  readonly weight: Float64Array | null;
  readonly uniformWeight: number;
  /** Per-connection delays in steps, or null when every connection has `uniformDelay`. */
  readonly delay: Int32Array | null;
  readonly uniformDelay: number;
  readonly count: number;
}

/** Growable Int32 buffer for rule output. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

const MAX_CONNECTIONS = 2 ** 31 - 1;

export interface ConnectOptions {
  /** Whether source and target are the same population (autapses are then meaningful). */
  readonly samePopulation: boolean;
  /** Weight of every connection not given one by an explicit rule (nS). */
  readonly weight: number | ArrayLike<number>;
  /** Delay of every connection not given one by an explicit rule (ms). */
  readonly delay: number;
  readonly dt: number;
}

/** Build a projection's connections by `rule`, drawing from `rng`. */
export function connect(
  rule: ConnectionRule,
  sourceSize: number,
  targetSize: number,
  rng: RandomStream,
  options: ConnectOptions,
): ConnectionStore {
  checkSize(sourceSize, "source");
  checkSize(targetSize, "target");
  let rowStart: Int32Array;
  let target: Int32Array;
  let explicitWeight: Float64Array | null = null;
  let explicitDelayMs: Float64Array | null = null;
  switch (rule.kind) {
    case "probability":
      [rowStart, target] = byProbability(rule.p, rule.autapses ?? true, sourceSize, targetSize, rng, options);
      break;
    case "inDegree":
      [rowStart, target] = byInDegree(rule.k, rule.autapses ?? true, sourceSize, targetSize, rng, options);
      break;
    case "explicit":
      ({
        rowStart,
        target,
        weight: explicitWeight,
        delayMs: explicitDelayMs,
      } = fromLists(rule, sourceSize, targetSize));
      break;
  }
  const count = target.length;
  let weight: Float64Array | null = explicitWeight;
  let uniformWeight = 0;
  if (weight === null) {
    if (typeof options.weight === "number") {
      if (!Number.isFinite(options.weight)) throw new RangeError("connection weight must be finite");
      uniformWeight = options.weight;
    } else {
      if (options.weight.length !== count) {
        throw new RangeError(
          `per-connection weights: ${options.weight.length} given for ${count} connections`,
        );
      }
      weight = Float64Array.from(options.weight);
    }
  }
  if (weight && !weight.every(Number.isFinite)) throw new RangeError("connection weights must be finite");
  let delay: Int32Array | null = null;
  let uniformDelay = 0;
  if (explicitDelayMs) {
    delay = new Int32Array(count);
    for (let q = 0; q < count; q++) delay[q] = delaySteps(explicitDelayMs[q], options.dt);
  } else {
    uniformDelay = delaySteps(options.delay, options.dt);
  }
  return { sourceSize, targetSize, rowStart, target, weight, uniformWeight, delay, uniformDelay, count };
}

/** Delay in whole steps: round(delay/dt), at most 65535. */
export function delaySteps(delayMs: number, dt: number): number {
  if (!(delayMs >= 0) || !Number.isFinite(delayMs))
    throw new RangeError(`delay must be finite and >= 0 ms, got ${delayMs}`);
  const steps = Math.round(delayMs / dt);
  if (steps > 65535) throw new RangeError(`delay ${delayMs} ms is more than 65535 steps`);
  return steps;
}

function checkSize(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`${what} size must be a positive integer, got ${n}`);
}

function byProbability(
  p: number,
  autapses: boolean,
  sourceSize: number,
  targetSize: number,
  rng: RandomStream,
  options: ConnectOptions,
): [Int32Array, Int32Array] {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`connection probability must be in [0, 1], got ${p}`);
  const rowStart = new Int32Array(sourceSize + 1);
  const out = new IntList(Math.ceil(sourceSize * targetSize * p * 1.1) + 16);
  const skipAutapse = options.samePopulation && !autapses;
  const logQ = Math.log1p(-p);
  for (let i = 0; i < sourceSize; i++) {
    rowStart[i] = out.length;
    if (p === 0) continue;
    if (p === 1) {
      for (let j = 0; j < targetSize; j++) if (!(skipAutapse && j === i)) out.push(j);
      continue;
    }
    let j = -1;
    for (;;) {
      j += 1 + Math.floor(Math.log(rng.uniformOpen()) / logQ);
      if (j >= targetSize) break;
      if (skipAutapse && j === i) continue;
      if (out.length === MAX_CONNECTIONS) throw new RangeError("more than 2^31 - 1 connections");
      out.push(j);
    }
  }
  rowStart[sourceSize] = out.length;
  return [rowStart, out.toArray()];
}

function byInDegree(
  k: number,
  autapses: boolean,
  sourceSize: number,
  targetSize: number,
  rng: RandomStream,
  options: ConnectOptions,
): [Int32Array, Int32Array] {
  const excludeSelf = options.samePopulation && !autapses;
  const pool = excludeSelf ? sourceSize - 1 : sourceSize;
  if (!Number.isInteger(k) || k < 0 || k > pool) {
    throw new RangeError(`in-degree must be an integer in [0, ${pool}], got ${k}`);
  }
  if (targetSize * k > MAX_CONNECTIONS) throw new RangeError("more than 2^31 - 1 connections");
  // Choose sources per target (Floyd), then transpose to rows by source.
  const sources = new Int32Array(targetSize * k);
  const chosen = new Set<number>();
  for (let j = 0; j < targetSize; j++) {
    chosen.clear();
    for (let t = pool - k; t < pool; t++) {
      const r = Math.floor(rng.uniform() * (t + 1));
      chosen.add(chosen.has(r) ? t : r);
    }
    let q = j * k;
    for (const r of chosen) sources[q++] = excludeSelf && r >= j ? r + 1 : r;
  }
  const rowStart = new Int32Array(sourceSize + 1);
  for (let q = 0; q < sources.length; q++) rowStart[sources[q] + 1]++;
  for (let i = 0; i < sourceSize; i++) rowStart[i + 1] += rowStart[i];
  const fill = rowStart.slice(0, sourceSize);
  const target = new Int32Array(sources.length);
  for (let j = 0; j < targetSize; j++) {
    for (let q = j * k; q < (j + 1) * k; q++) target[fill[sources[q]]++] = j;
  }
  return [rowStart, target];
}

function fromLists(
  rule: Extract<ConnectionRule, { kind: "explicit" }>,
  sourceSize: number,
  targetSize: number,
): { rowStart: Int32Array; target: Int32Array; weight: Float64Array | null; delayMs: Float64Array | null } {
  const n = rule.sources.length;
  if (rule.targets.length !== n)
    throw new RangeError(`explicit connections: ${n} sources but ${rule.targets.length} targets`);
  if (rule.weights && rule.weights.length !== n)
    throw new RangeError("explicit connections: weights length differs");
  if (rule.delays && rule.delays.length !== n)
    throw new RangeError("explicit connections: delays length differs");
  const rowStart = new Int32Array(sourceSize + 1);
  for (let q = 0; q < n; q++) {
    const i = rule.sources[q];
    const j = rule.targets[q];
    if (!Number.isInteger(i) || i < 0 || i >= sourceSize)
      throw new RangeError(`explicit connection ${q}: source ${i} out of range`);
    if (!Number.isInteger(j) || j < 0 || j >= targetSize)
      throw new RangeError(`explicit connection ${q}: target ${j} out of range`);
    rowStart[i + 1]++;
  }
  for (let i = 0; i < sourceSize; i++) rowStart[i + 1] += rowStart[i];
  const fill = rowStart.slice(0, sourceSize);
  const target = new Int32Array(n);
  const weight = rule.weights ? new Float64Array(n) : null;
  const delayMs = rule.delays ? new Float64Array(n) : null;
  // Stable counting sort by source: connections of one source keep their given order.
  for (let q = 0; q < n; q++) {
    const slot = fill[rule.sources[q]]++;
    target[slot] = rule.targets[q];
    if (weight) weight[slot] = (rule.weights as ArrayLike<number>)[q];
    if (delayMs) delayMs[slot] = (rule.delays as ArrayLike<number>)[q];
  }
  return { rowStart, target, weight, delayMs };
}

/** Out-degree of every source. */
export function outDegrees(store: ConnectionStore): Int32Array {
  const d = new Int32Array(store.sourceSize);
  for (let i = 0; i < store.sourceSize; i++) d[i] = store.rowStart[i + 1] - store.rowStart[i];
  return d;
}

/** In-degree of every target. */
export function inDegrees(store: ConnectionStore): Int32Array {
  const d = new Int32Array(store.targetSize);
  for (let q = 0; q < store.count; q++) d[store.target[q]]++;
  return d;
}
