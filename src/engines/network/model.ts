/**
 * What the network simulation loop needs from a neural-mass model on a connectome.
 */
import type { OdeSystem } from "../../numerics/integrators.js";

export interface NetworkModel extends OdeSystem {
  readonly nodes: number;
  /** State variable names; the state is variable-major: state[v * nodes + i]. */
  readonly variables: readonly string[];
  /** Prepare delay histories from the initial state and reset the step counter. */
  initialise(state: Float64Array): void;
}

/** Throw unless every regional parameter array has one value per node. */
export function checkRegionalLengths(
  regional: Readonly<Record<string, Float64Array>>,
  names: readonly string[],
  nodes: number,
): void {
  for (const name of names) {
    if (regional[name].length !== nodes) {
      throw new RangeError(
        `regional parameter ${name} must have one value per node (${nodes}), got ${regional[name].length}`,
      );
    }
  }
}

/** What a fused stepper is asked for: one run's scheme, step and noise. */
export interface FusedStepRequest {
  scheme: "euler" | "heun";
  dt: number;
  /** The run's noise, or null when it has none: the variables that draw (ascending) and the
   *  increment scale sigma_v sqrt(dt) of every variable. */
  noise: { variables: readonly number[]; scale: Float64Array } | null;
  /** The four words of the run's xoshiro128** state (RandomStream.for(seed, path)). */
  rngState: readonly number[];
  /** The initial state (already through `initialise`), variable-major. */
  initialState: Float64Array;
}

/**
 * Whole steps of a model in one call (a WebAssembly kernel), giving the same bits as the
 * TypeScript path: the same integrator, the same couplings and the same noise stream, and the
 * same divergence test (some entry of the state NaN or infinite after the step).
 */
export interface FusedNetworkStepper {
  /** Run `count` steps; -1 when all ended finite, else the index (within this call) of the
   *  first step that did not; the state is then left as that step made it. */
  run(count: number): number;
  /** Copy the n values of variable `v` into out[offset ..]. */
  readVariable(v: number, out: Float64Array, offset: number): void;
  /** Copy the whole state (variable-major, 6 n) into out. */
  readState(out: Float64Array): void;
}

export interface FusedNetworkModel extends NetworkModel {
  /** A fused stepper for this run, or null when it cannot run here (then the caller integrates
   *  with the TypeScript path); throws when `required` and it cannot. */
  fusedStepper(request: FusedStepRequest, required: boolean): FusedNetworkStepper | null;
}
