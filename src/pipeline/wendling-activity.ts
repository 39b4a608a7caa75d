/**
 * Isolated Wendling populations at given (A, B, G), simulated side by side (one uncoupled node
 * each, one run) and classified into activity types: the map of Wendling et al. (2002) measured
 * on the model. Used by the activity-type test and scripts/wendling-activity-table.mjs.
 */
import { buildCouplingGraph } from "../engines/network/coupling.js";
import { simulateNetwork } from "../engines/network/simulate.js";
import {
  WENDLING_PARAMETERS,
  WENDLING_REGIONAL,
  WendlingNetwork,
  wendlingLfp,
  wendlingNoiseSigma,
  type WendlingParameterName,
  type WendlingRegionalName,
} from "../engines/network/wendling.js";
import { resolveParameters } from "../engines/parameters.js";
import { classifyActivity, type ActivityClassification } from "../observe/activity-type.js";

export interface WendlingPointRunOptions {
  seed: number;
  /** Model time (ms) simulated, including the transient. */
  durationMs: number;
  /** Model time (ms) discarded before classifying. */
  transientMs: number;
  /** Integration step (ms); default 0.5. */
  dt?: number;
  /** Recording period (ms); default 2 (500 Hz). */
  samplePeriod?: number;
  /** Shared parameter overrides. */
  parameters?: Partial<Record<WendlingParameterName, number>>;
}

/** Classify the LFP of one isolated node per (A, B, G) point. */
export function classifyWendlingPoints(
  points: readonly { A: number; B: number; G: number }[],
  options: WendlingPointRunOptions,
): ActivityClassification[] {
  const n = points.length;
  const dt = options.dt ?? 0.5;
  const samplePeriod = options.samplePeriod ?? 2;
  const shared = resolveParameters(WENDLING_PARAMETERS, options.parameters, "parameters");
  const regional = {} as Record<WendlingRegionalName, Float64Array>;
  for (const name of WENDLING_REGIONAL) regional[name] = new Float64Array(n).fill(shared[name]);
  points.forEach((p, i) => {
    regional.A[i] = p.A;
    regional.B[i] = p.B;
    regional.G[i] = p.G;
  });
  const graph = buildCouplingGraph(new Float64Array(n * n), n, { speed: Infinity, dt });
  const model = new WendlingNetwork({ graph, shared, regional, couplingScale: 0 });
  const result = simulateNetwork(model, {
    dt,
    steps: Math.round(options.durationMs / dt),
    scheme: "heun",
    initialState: new Float64Array(model.dimension),
    noiseSigma: wendlingNoiseSigma(shared, regional),
    seed: options.seed,
    streamPath: "wendling/points",
    sampleEvery: Math.round(samplePeriod / dt),
    record: ["y1", "y2", "y3"],
  });
  const lfp = wendlingLfp(result.recorded.y1, result.recorded.y2, result.recorded.y3);
  const samples = result.times.length;
  const skip = Math.round(options.transientMs / samplePeriod);
  const rate = 1000 / samplePeriod;
  return points.map((_, i) => classifyActivity(lfp, rate, samples - skip, n, skip * n + i));
}
