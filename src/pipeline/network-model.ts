/**
 * From a validated scenario's model section and a per-region x0 map to a network model ready to
 * integrate: resolves the parameter tables, builds the coupling graph, the initial state, the
 * noise amplitudes and the per-region signal used by the forward model.
 */
import { buildCouplingGraph } from "../engines/network/coupling.js";
import {
  EPILEPTOR_PARAMETERS,
  EPILEPTOR_REGIONAL,
  EpileptorNetwork,
  epileptorRestingState,
  type EpileptorParameterName,
  type EpileptorRegionalName,
} from "../engines/network/epileptor.js";
import {
  EPILEPTOR2D_PARAMETERS,
  EPILEPTOR2D_REGIONAL,
  Epileptor2DNetwork,
  epileptor2DRestingState,
  type Epileptor2DParameterName,
  type Epileptor2DRegionalName,
} from "../engines/network/epileptor2d.js";
import type { NetworkModel } from "../engines/network/model.js";
import { resolveParameters } from "../engines/parameters.js";
import type { NetworkScenario } from "../io/scenario.js";

export interface BuiltNetwork {
  model: NetworkModel;
  initialState: Float64Array;
  /** sigma per state variable (sqrt(2 nsig)), or null without noise. */
  noiseSigma: Float64Array | null;
  /** Variables to record: x1 and z always, x2 for the 6-D model. */
  record: string[];
  /** Shared parameter values actually used. */
  parameters: Record<string, number>;
}

export interface NetworkStructure {
  nodes: number;
  weights: Float64Array;
  tractLengths: Float64Array | null;
}

function regionalArrays<K extends string>(
  names: readonly K[],
  shared: Record<string, number>,
  n: number,
  x0: Float64Array,
) {
  const regional = {} as Record<K, Float64Array>;
  for (const name of names) regional[name] = new Float64Array(n).fill(shared[name]);
  (regional as Record<string, Float64Array>).x0 = Float64Array.from(x0);
  return regional;
}

export function buildNetwork(
  spec: Pick<NetworkScenario, "model" | "coupling" | "simulation">,
  structure: NetworkStructure,
  x0: Float64Array,
): BuiltNetwork {
  const n = structure.nodes;
  if (x0.length !== n) throw new RangeError(`x0 map must have one value per region (${n}), got ${x0.length}`);
  const speed = spec.coupling.conductionSpeed ?? Infinity;
  const graph = buildCouplingGraph(structure.weights, n, {
    tractLengths: structure.tractLengths,
    speed,
    dt: spec.simulation.dt,
  });
  let model: NetworkModel;
  let initialState: Float64Array;
  let parameters: Record<string, number>;
  let record: string[];
  if (spec.model.name === "epileptor") {
    const shared = resolveParameters(EPILEPTOR_PARAMETERS, spec.model.parameters, "model.parameters");
    const regional = regionalArrays<EpileptorRegionalName>(EPILEPTOR_REGIONAL, shared, n, x0);
    model = new EpileptorNetwork({
      graph,
      shared: shared as Record<EpileptorParameterName, number>,
      regional,
      couplingScale: spec.coupling.scale,
    });
    initialState = epileptorRestingState(shared, regional);
    parameters = shared;
    record = ["x1", "z", "x2"];
  } else {
    const shared = resolveParameters(EPILEPTOR2D_PARAMETERS, spec.model.parameters, "model.parameters");
    const regional = regionalArrays<Epileptor2DRegionalName>(EPILEPTOR2D_REGIONAL, shared, n, x0);
    model = new Epileptor2DNetwork({
      graph,
      shared: shared as Record<Epileptor2DParameterName, number>,
      regional,
      couplingScale: spec.coupling.scale,
    });
    initialState = epileptor2DRestingState(shared, regional);
    parameters = shared;
    record = ["x1", "z"];
  }
  const nsig = spec.simulation.noise;
  let noiseSigma: Float64Array | null = null;
  if (Object.values(nsig).some((v) => v > 0)) {
    noiseSigma = new Float64Array(model.variables.length);
    model.variables.forEach((v, k) => {
      noiseSigma![k] = Math.sqrt(2 * (nsig[v] ?? 0));
    });
  }
  return { model, initialState, noiseSigma, record, parameters };
}

/**
 * Per-region source signal of the forward model, samples x nodes: x2 - x1 for the 6-D Epileptor
 * (TVB's variable of interest, Jirsa et al. 2014), -x1 for the 2-D form (no population 2).
 */
export function regionSignal(recorded: Record<string, Float64Array>): Float64Array {
  const x1 = recorded.x1;
  const x2 = recorded.x2;
  const out = new Float64Array(x1.length);
  if (x2 !== undefined) for (let k = 0; k < x1.length; k++) out[k] = x2[k] - x1[k];
  else for (let k = 0; k < x1.length; k++) out[k] = -x1[k];
  return out;
}
