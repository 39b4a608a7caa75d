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
import {
  WENDLING_PARAMETERS,
  WENDLING_REGIONAL,
  WendlingNetwork,
  wendlingLfp,
  wendlingNoiseSigma,
  type WendlingParameterName,
  type WendlingRegionalName,
} from "../engines/network/wendling.js";
import { checkInRange, resolveParameters } from "../engines/parameters.js";
import { regionIndex, type Connectome } from "../connectome/connectome.js";
import type { NetworkScenario } from "../io/scenario.js";
import type { Zone } from "../pathophysiology/epileptogenic-zones.js";

export interface BuiltNetwork {
  model: NetworkModel;
  initialState: Float64Array;
  /** sigma per state variable (sqrt(2 nsig)), or null without noise. */
  noiseSigma: Float64Array | null;
  /** Variables to record: x1 and z always, x2 for the 6-D model; y1, y2, y3 for Wendling. */
  record: string[];
  /** Shared parameter values actually used. */
  parameters: Record<string, number>;
  /** Per-region values of the regional parameters, for models set per region (Wendling). */
  regional: Record<string, Float64Array> | null;
}

export interface NetworkStructure {
  nodes: number;
  weights: Float64Array;
  tractLengths: Float64Array | null;
  /** Region labels and zones, needed by models with per-zone or per-region parameters. */
  connectome?: Connectome;
  zones?: readonly Zone[];
  /**
   * Per-region factors of the Wendling gains A, B, G from the patient's mechanisms
   * (effects.wendlingGains), applied over the zone and region values; absent = 1.
   */
  wendlingScales?: { A: Float64Array; B: Float64Array; G: Float64Array };
}

type WendlingModelSpec = Extract<NetworkScenario["model"], { name: "wendling" }>;

/**
 * Per-region Wendling parameters: the shared value, then the zone's value (zones of the patient's
 * hypothesis), then the region's own value; labels are checked against the connectome.
 */
export function wendlingRegionalValues(
  spec: WendlingModelSpec,
  shared: Record<WendlingParameterName, number>,
  connectome: Connectome,
  zones: readonly Zone[],
): Record<WendlingRegionalName, Float64Array> {
  const n = connectome.labels.length;
  const regional = {} as Record<WendlingRegionalName, Float64Array>;
  for (const name of WENDLING_REGIONAL) regional[name] = new Float64Array(n).fill(shared[name]);
  const apply = (i: number, values: Partial<Record<string, number>> | undefined, where: string) => {
    for (const [name, value] of Object.entries(values ?? {})) {
      if (value === undefined) continue;
      checkInRange(WENDLING_PARAMETERS[name as WendlingRegionalName], value, `${where}.${name}`);
      regional[name as WendlingRegionalName][i] = value;
    }
  };
  for (let i = 0; i < n; i++) apply(i, spec.zones[zones[i]], `model.zones.${zones[i]}`);
  for (const [label, values] of Object.entries(spec.regions)) {
    apply(regionIndex(connectome, label, `model.regions.${label}`), values, `model.regions.${label}`);
  }
  return regional;
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
  if (spec.model.name === "wendling") {
    const shared = resolveParameters(WENDLING_PARAMETERS, spec.model.parameters, "model.parameters");
    if (structure.connectome === undefined || structure.zones === undefined)
      throw new RangeError("the Wendling model needs the connectome's labels and the regions' zones");
    const regional = wendlingRegionalValues(spec.model, shared, structure.connectome, structure.zones);
    const scales = structure.wendlingScales;
    if (scales !== undefined) {
      for (const name of ["A", "B", "G"] as const) {
        for (let i = 0; i < n; i++) {
          regional[name][i] *= scales[name][i];
          checkInRange(
            WENDLING_PARAMETERS[name],
            regional[name][i],
            `patient.mechanisms: ${name} of region ${structure.connectome.labels[i]} (x ${scales[name][i].toFixed(3)})`,
          );
        }
      }
    }
    model = new WendlingNetwork({ graph, shared, regional, couplingScale: spec.coupling.scale });
    // All populations at rest (zero potentials); the transient is discarded before measuring.
    return {
      model,
      initialState: new Float64Array(model.dimension),
      noiseSigma: wendlingNoiseSigma(shared, regional),
      record: ["y1", "y2", "y3"],
      parameters: shared,
      regional,
    };
  }
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
  return { model, initialState, noiseSigma, record, parameters, regional: null };
}

/**
 * Per-region source signal of the forward model, samples x nodes: x2 - x1 for the 6-D Epileptor
 * (TVB's variable of interest, Jirsa et al. 2014), -x1 for the 2-D form (no population 2), the
 * pyramidal membrane potential y1 - y2 - y3 (mV) for Wendling (Wendling et al. 2002).
 */
export function regionSignal(recorded: Record<string, Float64Array>): Float64Array {
  if (recorded.y1 !== undefined) return wendlingLfp(recorded.y1, recorded.y2, recorded.y3);
  const x1 = recorded.x1;
  const x2 = recorded.x2;
  const out = new Float64Array(x1.length);
  if (x2 !== undefined) for (let k = 0; k < x1.length; k++) out[k] = x2[k] - x1[k];
  else for (let k = 0; k < x1.length; k++) out[k] = -x1[k];
  return out;
}
