/**
 * Single-node parameter sweep: an isolated Epileptor run once per value of one parameter, each
 * run its own unit of work (random stream "sweep/<index>"). Reports, per value, the number of
 * seizures after the transient, their mean duration and the mean onset-to-onset period, the
 * quantities of shared/science/epileptor.md §6 (regression table of the x0 sweep).
 * Each run starts from the initial state of Jirsa et al. (2014) (x1 = 0, y1 = -5, z = 3, ...),
 * not from the fixed point: above threshold the fixed point is an unstable equilibrium that a
 * noise-free isolated node would never leave.
 */
import { simulateNetwork } from "../engines/network/simulate.js";
import type { SweepScenario } from "../io/scenario.js";
import { detectSeizuresFromStates } from "../observe/seizures.js";
import { buildNetwork } from "./network-model.js";
import { EPILEPTOR_PAPER_INITIAL_STATE } from "../engines/network/epileptor.js";
import { EPILEPTOR2D_PAPER_INITIAL_STATE } from "../engines/network/epileptor2d.js";

export interface SweepPoint {
  value: number;
  seizures: number;
  meanDuration: number | null;
  meanPeriod: number | null;
  zMin: number;
  zMax: number;
}

export interface SweepResult {
  parameter: string;
  points: SweepPoint[];
}

const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

export function runSweepScenario(
  scenario: SweepScenario,
  options: { seed?: number; onProgress?: (fraction: number) => void } = {},
): SweepResult {
  const seed = options.seed ?? scenario.seed;
  const { parameter, values } = scenario.sweep;
  const sim = scenario.simulation;
  const steps = Math.round(sim.duration / sim.dt);
  const sampleEvery = Math.round(sim.samplePeriod / sim.dt);
  const structure = { nodes: 1, weights: new Float64Array(1), tractLengths: null };
  const points = values.map((value, k) => {
    const parameters = { ...scenario.model.parameters, [parameter]: value } as Record<string, number>;
    const x0 = new Float64Array([parameters.x0 ?? -1.6]);
    const model = { ...scenario.model, parameters } as SweepScenario["model"];
    const built = buildNetwork(
      { model, coupling: { scale: 1, conductionSpeed: null }, simulation: sim },
      structure,
      x0,
    );
    const result = simulateNetwork(built.model, {
      dt: sim.dt,
      steps,
      scheme: sim.integrator,
      initialState: Float64Array.from(
        scenario.model.name === "epileptor" ? EPILEPTOR_PAPER_INITIAL_STATE : EPILEPTOR2D_PAPER_INITIAL_STATE,
      ),
      noiseSigma: built.noiseSigma,
      seed,
      streamPath: `sweep/${k}`,
      sampleEvery,
      record: ["x1", "z"],
      onProgress:
        options.onProgress === undefined ? undefined : (f) => options.onProgress!((k + f) / values.length),
    });
    const events = detectSeizuresFromStates(result.times, result.recorded.x1, 1, ["node"], {
      threshold: scenario.detection.threshold,
      mergeGap: scenario.detection.mergeGap,
    }).filter((e) => e.onset >= scenario.transient);
    const onsets = events.map((e) => e.onset);
    const z = result.recorded.z;
    let zMin = Infinity;
    let zMax = -Infinity;
    result.times.forEach((t, s) => {
      if (t < scenario.transient) return;
      zMin = Math.min(zMin, z[s]);
      zMax = Math.max(zMax, z[s]);
    });
    return {
      value,
      seizures: events.length,
      meanDuration: mean(events.map((e) => e.offset - e.onset)),
      meanPeriod: mean(onsets.slice(1).map((t, i) => t - onsets[i])),
      zMin,
      zMax,
    };
  });
  return { parameter, points };
}
