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
