/**
 * The scenario format's version and its error type, in a module of their own so that every
 * scenario kind's schema file (network, microcircuit, cohort, trial) can use them without an
 * import cycle through scenario.ts, which assembles the kinds into one union.
 */

/** Version of the scenario format this code reads (field `schemaVersion`). */
export const SCENARIO_SCHEMA_VERSION = 1;

/** A scenario that failed validation: every problem names the field, the value and what is allowed. */
export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: invalid scenario\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ScenarioError";
  }
}
