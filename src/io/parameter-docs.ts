/**
 * The model parameter tables rendered as Markdown (docs/parameters.md). The documentation reads
 * the same tables as the schema and the engines; a test fails when the committed file is stale.
 */
import { EPILEPTOR_PARAMETERS, EPILEPTOR_REGIONAL } from "../engines/network/epileptor.js";
import { EPILEPTOR2D_PARAMETERS, EPILEPTOR2D_REGIONAL } from "../engines/network/epileptor2d.js";
import { WENDLING_PARAMETERS, WENDLING_REGIONAL } from "../engines/network/wendling.js";
import type { ParameterTable } from "../engines/parameters.js";
import { PROPENSITY_PARAMETERS } from "../course/propensity.js";
import { TREATMENT_PARAMETERS } from "../course/treatment-effect.js";
import { MECHANISTIC_PARAMETERS } from "../course/mechanistic-model.js";
import { MICROCIRCUIT_PARAMETERS } from "../engines/cell/microcircuit.js";
import { SLOW_INACTIVATION_PARAMETERS } from "../engines/cell/channels.js";
import {
  COBAHH_NEURON_PARAMETERS,
  GOLOMB_FAST_SPIKING_PARAMETERS,
  GOLOMB_PYRAMIDAL_PARAMETERS,
  WANG_BUZSAKI_NEURON_PARAMETERS,
} from "../engines/cell/models.js";

export const PARAMETER_TABLES: {
  model: string;
  title: string;
  table: ParameterTable<string>;
  regional: readonly string[];
  /** Where the parameters are set in a scenario, when not under `model.name`. */
  where?: string;
}[] = [
  {
    model: "epileptor",
    title: "6-D Epileptor (TVB form)",
    table: EPILEPTOR_PARAMETERS,
    regional: EPILEPTOR_REGIONAL,
  },
  {
    model: "epileptor2d",
    title: "2-D Epileptor",
    table: EPILEPTOR2D_PARAMETERS,
    regional: EPILEPTOR2D_REGIONAL,
  },
  {
    model: "wendling",
    title: "Wendling et al. (2002) hippocampal neural mass (time unit ms)",
    table: WENDLING_PARAMETERS,
    regional: WENDLING_REGIONAL,
  },
  {
    model: "course-propensity",
    title: "Clinical course: seizure propensity",
    table: PROPENSITY_PARAMETERS,
    regional: [],
    where: "`propensity:` of cohort and trial scenarios",
  },
  {
    model: "course-treatment",
    title: "Clinical course: interim drug response",
    table: TREATMENT_PARAMETERS,
    regional: [],
    where: "`treatment:` of cohort and trial scenarios",
  },
  {
    model: "course-mechanistic",
    title: "Clinical course: mechanistic model (`model: mechanistic`)",
    table: MECHANISTIC_PARAMETERS,
    regional: [],
    where: "`mechanistic:` of cohort and trial scenarios",
  },
  {
    model: "microcircuit",
    title: "E/I microcircuit (cell engine)",
    table: MICROCIRCUIT_PARAMETERS,
    regional: [],
    where: "`runMicrocircuit({ parameters })`; the `microcircuit` scenario sets sizes, drive rates and dt",
  },
  {
    model: "golombPyramidal",
    title: "Golomb CA1 pyramidal cell (densities)",
    table: GOLOMB_PYRAMIDAL_PARAMETERS,
    regional: [],
    where: "`golombPyramidal(overrides)`, the microcircuit's pyramidal cells",
  },
  {
    model: "wangBuzsakiInterneuron",
    title: "Wang–Buzsáki interneuron (densities)",
    table: WANG_BUZSAKI_NEURON_PARAMETERS,
    regional: [],
    where: "`wangBuzsakiInterneuron(overrides)`, the microcircuit's interneurons",
  },
  {
    model: "golombFastSpiking",
    title: "Golomb et al. 2007 fast-spiking interneuron (densities; not the default interneuron)",
    table: GOLOMB_FAST_SPIKING_PARAMETERS,
    regional: [],
    where:
      "`golombFastSpiking(overrides)`; exploration model, not used by any pipeline (docs/experiments/fs-golomb.md)",
  },
  {
    model: "withSlowInactivation",
    title: "Slow Na inactivation gate (option, default off)",
    table: SLOW_INACTIVATION_PARAMETERS,
    regional: [],
    where:
      "`wangBuzsakiInterneuron(overrides, { slowInactivation })`; exploration option (docs/experiments/fs-interneuron.md)",
  },
  {
    model: "cobahhPyramidal",
    title: "COBAHH Traub–Miles cell",
    table: COBAHH_NEURON_PARAMETERS,
    regional: [],
    where: "`cobahhPyramidal(overrides)`, the cells of `ictal bench cobahh`",
  },
];

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function renderParameterMarkdown(): string {
  const parts = [
    "# Model parameters",
    "",
    "Generated from the engines' parameter tables by `npm run docs`; do not edit by hand.",
    "Regional parameters can differ between regions (set per region by the patient's pathophysiology);",
    "the others are shared by the whole network. Ranges are inclusive and enforced by the scenario schema.",
    "",
  ];
  for (const { model, title, table, regional, where } of PARAMETER_TABLES) {
    parts.push(
      `## ${title} — ${where ?? `\`model.name: ${model}\``}`,
      "",
      "| name | default | unit | allowed range | regional | meaning | source |",
      "|---|---|---|---|---|---|---|",
    );
    for (const spec of Object.values(table)) {
      parts.push(
        `| \`${spec.name}\` | ${spec.default} | ${cell(spec.unit)} | [${spec.min}, ${spec.max}] | ${regional.includes(spec.name) ? "yes" : ""} | ${cell(spec.description)} | ${cell(spec.citation)} |`,
      );
    }
    parts.push("");
  }
  return parts.join("\n");
}
