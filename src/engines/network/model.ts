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
