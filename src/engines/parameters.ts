/**
 * Parameter tables: one place where each model parameter's default, unit, allowed range and
 * source live. The scenario schema, the documentation generator and the CLI read these tables;
 * engines read only the resolved numbers.
 */

export interface ParameterSpec {
  /** Name as used in scenario files and in code. */
  readonly name: string;
  /** Short meaning. */
  readonly description: string;
  readonly default: number;
  /** Physical unit, or "dimensionless". */
  readonly unit: string;
  /** Inclusive allowed range. */
  readonly min: number;
  readonly max: number;
  /** Where the default comes from. */
  readonly citation: string;
}

export type ParameterTable<K extends string> = { readonly [P in K]: ParameterSpec };

/** Defaults of a table as a plain record. */
export function defaultsOf<K extends string>(table: ParameterTable<K>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(table) as K[]) out[key] = table[key].default;
  return out;
}

/**
 * Resolve overrides against a table: unknown names and out-of-range values throw with the
 * parameter's name, the value and the allowed range. `where` prefixes the name in messages
 * (e.g. "model.parameters").
 */
export function resolveParameters<K extends string>(
  table: ParameterTable<K>,
  overrides: Partial<Record<string, number>> | undefined,
  where: string,
): Record<K, number> {
  const out = defaultsOf(table);
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (!(name in table)) {
      const allowed = Object.keys(table).join(", ");
      throw new RangeError(`${where}.${name}: unknown parameter; allowed: ${allowed}`);
    }
    checkInRange(table[name as K], value as number, `${where}.${name}`);
    out[name as K] = value as number;
  }
  return out;
}

/** Throw a RangeError naming `field`, the value and the allowed range when out of range. */
export function checkInRange(spec: ParameterSpec, value: number, field: string): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < spec.min || value > spec.max) {
    throw new RangeError(
      `${field} = ${String(value)} is outside the allowed range [${spec.min}, ${spec.max}] (${spec.unit})`,
    );
  }
}

/** One row of a parameter table, in the order the tables read. */
export function parameter(
  name: string,
  description: string,
  defaultValue: number,
  unit: string,
  min: number,
  max: number,
  citation: string,
): ParameterSpec {
  return { name, description, default: defaultValue, unit, min, max, citation };
}

/** Values overriding some of a table's defaults. */
export type ParameterOverrides<K extends string> = Partial<Record<K, number>>;
