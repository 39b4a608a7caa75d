/**
 * Scenario files: the versioned schema (zod, exported as JSON Schema for editors), parsing of
 * YAML or JSON, and error messages that name the field, the value and what is allowed.
 *
 * Model parameter bounds come from the engines' parameter tables (one place for each number).
 * Nothing in a scenario is ever evaluated as code.
 */
import { z } from "zod";
import { parse as parseYaml } from "yaml";
import { EPILEPTOR_PARAMETERS, EPILEPTOR_VARIABLES } from "../engines/network/epileptor.js";
import { EPILEPTOR2D_PARAMETERS, EPILEPTOR2D_VARIABLES } from "../engines/network/epileptor2d.js";
import { WENDLING_PARAMETERS, WENDLING_REGIONAL, WENDLING_VARIABLES } from "../engines/network/wendling.js";
import type { ParameterTable } from "../engines/parameters.js";
import { SCHEMES } from "../numerics/integrators.js";
import { LESION_IDS } from "../pathophysiology/lesions.js";
import { findVariant } from "../pathophysiology/variants.js";
import { microcircuitProblems, microcircuitScenarioSchema } from "./microcircuit-scenario.js";
import { courseScenarioProblems, cohortScenarioSchema, trialScenarioSchema } from "./cohort-scenario.js";
import { SCENARIO_SCHEMA_VERSION, ScenarioError } from "./scenario-error.js";

export { SCENARIO_SCHEMA_VERSION, ScenarioError };

function parameterObject(table: ParameterTable<string>, only?: readonly string[]) {
  const shape: Record<string, z.ZodOptional<z.ZodNumber>> = {};
  for (const spec of Object.values(table)) {
    if (only !== undefined && !only.includes(spec.name)) continue;
    shape[spec.name] = z
      .number()
      .min(spec.min)
      .max(spec.max)
      .describe(`${spec.description} [${spec.unit}; default ${spec.default}; ${spec.citation}]`)
      .optional();
  }
  return z.strictObject(shape);
}

const regionList = z.array(z.string().min(1)).describe("region labels of the connectome");
const label = z.string().min(1);

const fraction = z.number().min(0).max(1);

/** Patient mechanisms (src/pathophysiology/mechanisms.ts); each shifts regional x0 (Δx0 added). */
const mechanismsSchema = z
  .strictObject({
    lesions: z
      .array(
        z.strictObject({
          type: z.enum(LESION_IDS),
          regions: regionList.min(1),
          severity: fraction.default(1).describe("0 = no lesion, 1 = the catalogue's full alterations"),
        }),
      )
      .default([])
      .describe("structural lesions (src/pathophysiology/lesions.ts); several = multifocal"),
    inflammation: z
      .strictObject({
        regions: regionList.optional().describe("inflamed regions (default: EZ and lesioned regions)"),
        state: z
          .strictObject({
            I: z.number().min(0).max(2),
            B: z.number().min(0).max(2),
            D: fraction,
            R: z.number().min(0).max(2),
          })
          .optional()
          .describe("Batulin et al. 2022 state (inflammation, BBB damage, neuronal loss, remodelling)"),
        insult: z
          .strictObject({
            target: z.enum(["I", "B", "D", "R"]).default("B"),
            amplitude: z.number().min(0).max(5),
            days: z.number().min(0).max(3650).default(7),
          })
          .optional()
          .describe("an initial insult (e.g. BBB disruption 0.25 for 7 days), run for daysSinceOnset"),
        daysSinceOnset: z.number().min(0).max(36500).default(365).describe("days simulated from the insult"),
        treatment: z
          .strictObject({
            antiInflammatory: fraction.default(0).describe("IL-1 receptor blockade (anakinra), fraction"),
            barrierRepair: fraction.default(0).describe("BBB repair (e.g. losartan), fraction"),
            startDay: z.number().min(0).max(36500).default(0),
            days: z.number().min(0).max(36500).default(36500),
          })
          .optional(),
        seizureFeedback: z
          .enum(["intrinsic", "propensity"])
          .default("intrinsic")
          .describe("seizure burden from the model's S(I, R) or from the patient's propensity (closed loop)"),
      })
      .optional()
      .describe("neuroinflammation: give `state`, or an `insult` and/or lesions to run the model"),
    neuromodulators: z
      .strictObject({
        serotonin: z.number().min(0.1).max(5).default(1).describe("serotonergic tone, 1 = normal"),
        noradrenaline: z.number().min(0.1).max(5).default(1).describe("noradrenergic tone, 1 = normal"),
      })
      .optional(),
    variants: z
      .array(z.string().min(1))
      .default([])
      .describe("channel variants by catalogue id or gene (src/pathophysiology/variants.ts)"),
  })
  .describe("causes of the patient's epilepsy; each adds a shift to regional x0 (Δx0)");

const patientSchema = z
  .strictObject({
    connectome: z
      .string()
      .min(1)
      .default("tvb76")
      .describe("bundled connectome name (tvb76) or a path to a TVB connectivity folder or zip"),
    epileptogenicZone: regionList.default([]).describe("epileptogenic-zone regions (labels)"),
    propagationZone: regionList.default([]).describe("propagation-zone regions (labels)"),
    x0: z
      .strictObject({
        epileptogenic: z.number().min(-5).max(1).default(-1.6),
        propagation: z.number().min(-5).max(1).default(-1.8),
        other: z.number().min(-5).max(1).default(-2.4),
      })
      .prefault({})
      .describe("x0 of each zone (VEP tutorial values: -1.6, -1.8, -2.4; Jirsa et al. 2017)"),
    x0ByRegion: z
      .record(label, z.number().min(-5).max(1))
      .default({})
      .describe("x0 per region label, overriding the zone values"),
    mechanisms: mechanismsSchema.optional(),
  })
  .describe("the virtual patient");

const epileptorModelSchema = z.strictObject({
  name: z.literal("epileptor"),
  parameters: parameterObject(EPILEPTOR_PARAMETERS)
    .default({})
    .describe("6-D Epileptor parameters shared by all regions"),
});
const epileptor2dModelSchema = z.strictObject({
  name: z.literal("epileptor2d"),
  parameters: parameterObject(EPILEPTOR2D_PARAMETERS)
    .default({})
    .describe("2-D Epileptor parameters shared by all regions"),
});

/** Regional Wendling parameters (A, B, G, pMean, pSd) of a zone or a region. */
const wendlingRegional = () => parameterObject(WENDLING_PARAMETERS, WENDLING_REGIONAL);

const wendlingModelSchema = z.strictObject({
  name: z.literal("wendling"),
  parameters: parameterObject(WENDLING_PARAMETERS)
    .default({})
    .describe("Wendling et al. (2002) parameters of every region (time unit ms)"),
  zones: z
    .strictObject({
      epileptogenic: wendlingRegional().optional(),
      propagation: wendlingRegional().optional(),
      other: wendlingRegional().optional(),
    })
    .default({})
    .describe("regional parameters (A, B, G, pMean, pSd) of each zone of patient, over `parameters`"),
  regions: z
    .record(label, wendlingRegional())
    .default({})
    .describe("regional parameters per region label, over the zone values"),
  activityTransient: z
    .number()
    .min(0)
    .max(1e7)
    .default(1000)
    .describe("ms discarded before each region's activity type is measured (at least 2 s must remain)"),
});

/** Models of a network scenario; a sweep runs the Epileptor forms only. */
const modelSchema = z.discriminatedUnion("name", [
  epileptorModelSchema,
  epileptor2dModelSchema,
  wendlingModelSchema,
]);
const sweepModelSchema = z.discriminatedUnion("name", [epileptorModelSchema, epileptor2dModelSchema]);

const couplingSchema = z
  .strictObject({
    scale: z
      .number()
      .min(0)
      .max(100)
      .default(1)
      .describe("global factor a of the difference coupling (TVB Difference a)"),
    conductionSpeed: z
      .number()
      .positive()
      .max(1e9)
      .nullable()
      .default(null)
      .describe("mm per model time unit; delays = tract length / speed, rounded to steps; null = no delays"),
  })
  .prefault({});

const simulationSchema = z
  .strictObject({
    duration: z.number().positive().max(1e7).default(6000).describe("model time units"),
    dt: z.number().positive().max(1).default(0.05).describe("integration step, model time units (VEP: 0.05)"),
    integrator: z
      .enum(SCHEMES)
      .default("heun")
      .describe("euler (Euler–Maruyama with noise), heun (TVB stochastic Heun), rk4 (no noise)"),
    noise: z
      .record(z.string(), z.number().min(0).max(10))
      .default({})
      .describe("TVB additive noise nsig per state variable (sigma = sqrt(2 nsig)); VEP: x2 and y2 3e-4"),
    samplePeriod: z
      .number()
      .positive()
      .max(1000)
      .default(1)
      .describe("model time units between recorded samples"),
    secondsPerUnit: z
      .number()
      .positive()
      .max(10)
      .default(0.01)
      .describe("seconds per model time unit: the free time mapping of the phenomenological Epileptor"),
  })
  .prefault({});

const seegSchema = z
  .strictObject({
    sensors: z
      .string()
      .min(1)
      .default("seeg_588")
      .describe("bundled contact set (seeg_588, seeg_39) or a file 'label x y z' in the connectome's frame"),
    contacts: z
      .array(z.strictObject({ label: label, position: z.tuple([z.number(), z.number(), z.number()]) }))
      .optional()
      .describe("explicit contact coordinates (mm), used instead of `sensors`"),
    electrodes: z
      .union([z.literal("all"), z.literal("near-zones"), z.array(label)])
      .default("near-zones")
      .describe("which electrodes to keep: all, those passing near the EZ/PZ regions, or names"),
    montage: z.enum(["bipolar", "monopolar"]).default("bipolar"),
    measurementNoise: z
      .number()
      .min(0)
      .max(1e6)
      .default(0)
      .describe(
        "SD of white measurement noise added to each channel, in the SEEG signal units (gain 1/d² with d in mm: bipolar ictal amplitudes are of order 1e-3 to 1e-2)",
      ),
  })
  .prefault({});

const outputsSchema = z
  .strictObject({
    seeg: seegSchema,
    edf: z.boolean().default(true).describe("write the SEEG as EDF+ with seizure annotations"),
    report: z.boolean().default(true).describe("write the self-contained HTML report"),
    states: z
      .boolean()
      .default(true)
      .describe("write recorded states (x1, z, x2) as float32 binary with a JSON index"),
  })
  .prefault({});

const detectionSchema = z
  .strictObject({
    threshold: z.number().min(-5).max(5).default(0).describe("x1 above this value is ictal"),
    mergeGap: z
      .number()
      .min(0)
      .max(1e6)
      .default(100)
      .describe("ictal samples closer than this (model time units) form one seizure"),
  })
  .prefault({});

export const networkScenarioSchema = z.strictObject({
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION).describe("version of this schema"),
  kind: z.literal("network"),
  name: z.string().min(1).default("scenario"),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  patient: patientSchema.prefault({}),
  model: modelSchema.prefault({ name: "epileptor" }),
  coupling: couplingSchema,
  simulation: simulationSchema,
  detection: detectionSchema,
  outputs: outputsSchema,
});

export const sweepScenarioSchema = z.strictObject({
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
  kind: z.literal("sweep"),
  name: z.string().min(1).default("sweep"),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  model: sweepModelSchema.prefault({ name: "epileptor" }),
  simulation: simulationSchema,
  detection: detectionSchema,
  sweep: z
    .strictObject({
      parameter: z.string().min(1).describe("a model parameter name, e.g. x0"),
      values: z.array(z.number()).min(1).max(10000),
    })
    .describe("an isolated node run once per value"),
  transient: z
    .number()
    .min(0)
    .max(1e7)
    .default(1000)
    .describe("model time units discarded before counting seizures"),
});

export const scenarioSchema = z.discriminatedUnion("kind", [
  networkScenarioSchema,
  sweepScenarioSchema,
  microcircuitScenarioSchema,
  cohortScenarioSchema,
  trialScenarioSchema,
]);

export type NetworkScenario = z.output<typeof networkScenarioSchema>;
export type SweepScenario = z.output<typeof sweepScenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type { MicrocircuitScenario } from "./microcircuit-scenario.js";

/** Variables each model accepts noise on. */
export const MODEL_VARIABLES: Record<string, readonly string[]> = {
  epileptor: EPILEPTOR_VARIABLES,
  epileptor2d: EPILEPTOR2D_VARIABLES,
  wendling: WENDLING_VARIABLES,
};

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.length === 0
    ? "(top level)"
    : path
        .map((p) => (typeof p === "number" ? `[${p}]` : String(p)))
        .join(".")
        .replace(/\.\[/g, "[");
}

function issueText(issue: z.core.$ZodIssue): string {
  const field = fieldPath(issue.path);
  const got = "input" in issue ? describeValue(issue.input) : "";
  switch (issue.code) {
    case "too_big":
      return `${field} = ${got}: must be ${issue.inclusive ? "<=" : "<"} ${String(issue.maximum)}`;
    case "too_small":
      return `${field} = ${got}: must be ${issue.inclusive ? ">=" : ">"} ${String(issue.minimum)}`;
    case "unrecognized_keys":
      return `${field}: unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(", ")}`;
    case "invalid_value":
      return `${field} = ${got}: allowed values are ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union":
      if ("discriminator" in issue && issue.discriminator !== undefined) {
        return `${field}.${issue.discriminator} = ${describeValue((issue.input as Record<string, unknown> | undefined)?.[issue.discriminator])}: not an allowed value`;
      }
      return `${field} = ${got}: ${issue.message}`;
    default:
      return `${field} = ${got}: ${issue.message}`;
  }
}

/** Validate an already-parsed object; throws ScenarioError listing every problem. */
export function validateScenario(data: unknown, source = "scenario"): Scenario {
  if (data !== null && typeof data === "object" && !Array.isArray(data)) {
    const version = (data as Record<string, unknown>).schemaVersion;
    if (version !== undefined && version !== SCENARIO_SCHEMA_VERSION) {
      throw new ScenarioError(source, [
        `schemaVersion = ${describeValue(version)}: this version of ictal reads schemaVersion ${SCENARIO_SCHEMA_VERSION}`,
      ]);
    }
  }
  const result = scenarioSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ScenarioError(source, result.error.issues.map(issueText));
  const scenario = result.data;
  if (scenario.kind === "cohort" || scenario.kind === "trial") {
    const courseProblems = courseScenarioProblems(scenario);
    if (courseProblems.length > 0) throw new ScenarioError(source, courseProblems);
    return scenario;
  }
  if (scenario.kind === "microcircuit") {
    const cellProblems = microcircuitProblems(scenario);
    if (cellProblems.length > 0) throw new ScenarioError(source, cellProblems);
    return scenario;
  }
  const variables = MODEL_VARIABLES[scenario.model.name];
  const problems: string[] = [];
  for (const name of Object.keys(scenario.simulation.noise)) {
    if (!variables.includes(name)) {
      problems.push(
        `simulation.noise.${name}: not a state variable of ${scenario.model.name}; allowed: ${variables.join(", ")}`,
      );
    }
  }
  if (
    scenario.simulation.integrator === "rk4" &&
    Object.values(scenario.simulation.noise).some((v) => v > 0)
  ) {
    problems.push(
      'simulation.integrator = "rk4": rk4 is deterministic; use heun or euler when simulation.noise is set',
    );
  }
  if (scenario.simulation.samplePeriod < scenario.simulation.dt) {
    problems.push(
      `simulation.samplePeriod = ${scenario.simulation.samplePeriod}: must be >= simulation.dt (${scenario.simulation.dt})`,
    );
  }
  const ratio = scenario.simulation.samplePeriod / scenario.simulation.dt;
  if (Math.abs(ratio - Math.round(ratio)) > 1e-9 * ratio) {
    problems.push(
      `simulation.samplePeriod = ${scenario.simulation.samplePeriod}: must be a whole multiple of simulation.dt (${scenario.simulation.dt})`,
    );
  }
  if (scenario.kind === "network" && scenario.patient.mechanisms !== undefined) {
    const m = scenario.patient.mechanisms;
    m.variants.forEach((name, k) => {
      try {
        findVariant(name);
      } catch (err) {
        problems.push(`patient.mechanisms.variants[${k}] = "${name}": ${(err as Error).message}`);
      }
    });
    if (m.inflammation?.state !== undefined && m.inflammation.insult !== undefined) {
      problems.push("patient.mechanisms.inflammation: give either `state` or `insult`, not both");
    }
  }
  if (scenario.kind === "network" && scenario.model.name === "wendling") {
    problems.push(...wendlingProblems(scenario.model, scenario.simulation));
  }
  if (scenario.kind === "sweep") {
    const table = scenario.model.name === "epileptor" ? EPILEPTOR_PARAMETERS : EPILEPTOR2D_PARAMETERS;
    const spec = (table as ParameterTable<string>)[scenario.sweep.parameter];
    if (spec === undefined) {
      problems.push(
        `sweep.parameter = "${scenario.sweep.parameter}": not a parameter of ${scenario.model.name}; allowed: ${Object.keys(table).join(", ")}`,
      );
    } else {
      scenario.sweep.values.forEach((v, k) => {
        if (v < spec.min || v > spec.max)
          problems.push(`sweep.values[${k}] = ${v}: ${spec.name} must lie in [${spec.min}, ${spec.max}]`);
      });
    }
  }
  if (problems.length > 0) throw new ScenarioError(source, problems);
  return scenario;
}

/**
 * Rules of a Wendling scenario the schema cannot express: its time unit is the millisecond, its
 * input noise comes from the model (pSd), and each region's activity type needs 2 s of signal
 * sampled above 120 Hz after the transient.
 */
function wendlingProblems(
  model: Extract<NetworkScenario["model"], { name: "wendling" }>,
  simulation: NetworkScenario["simulation"],
): string[] {
  const problems: string[] = [];
  if (simulation.secondsPerUnit !== 0.001)
    problems.push(
      `simulation.secondsPerUnit = ${simulation.secondsPerUnit}: the Wendling model's time unit is the millisecond; set 0.001`,
    );
  if (Object.keys(simulation.noise).length > 0)
    problems.push(
      "simulation.noise: the Wendling model's input noise is set by model.parameters.pSd (and pSd per zone or region); leave simulation.noise empty",
    );
  if (simulation.samplePeriod >= 1000 / 120)
    problems.push(
      `simulation.samplePeriod = ${simulation.samplePeriod}: activity types need a sample rate above 120 Hz (a period below ${(1000 / 120).toFixed(3)} ms)`,
    );
  if (simulation.duration - model.activityTransient < 2000)
    problems.push(
      `simulation.duration = ${simulation.duration}: at least 2000 ms must follow model.activityTransient (${model.activityTransient} ms)`,
    );
  const noisy = [
    model.parameters.pSd ?? WENDLING_PARAMETERS.pSd.default,
    ...Object.values(model.zones).map((z) => z?.pSd ?? 0),
    ...Object.values(model.regions).map((r) => r.pSd ?? 0),
  ].some((v) => v > 0);
  if (simulation.integrator === "rk4" && noisy)
    problems.push(
      'simulation.integrator = "rk4": rk4 is deterministic; the Wendling input noise (pSd > 0) needs heun or euler',
    );
  return problems;
}

/** Parse scenario text (YAML, of which JSON is a subset) and validate it. */
export function parseScenario(text: string, source = "scenario"): Scenario {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new ScenarioError(source, [`not valid YAML or JSON: ${(err as Error).message.split("\n")[0]}`]);
  }
  return validateScenario(data, source);
}

/** The scenario schema as JSON Schema (draft 2020-12), for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    title: `ictal scenario, schema version ${SCENARIO_SCHEMA_VERSION}`,
  };
}
