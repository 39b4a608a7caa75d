/**
 * `ictal drugs` (the catalogue with every parameter's source) and `ictal pk` (steady-state levels
 * of a regimen with co-medication). Kept out of main.ts so that the command file stays small.
 */
import { Command, InvalidArgumentError } from "commander";
import { DRUGS, findDrug, type Cited, type CitedRange } from "../pharmacology/catalogue.js";
import { INTERACTIONS } from "../pharmacology/interactions.js";
import { adverseThreshold, defaultHorizonDays, simulatePk, steadyState } from "../pharmacology/pk.js";
import { validateRegimen, type RegimenEntry } from "../pharmacology/regimen.js";

function numberIn(name: string, min: number, max: number) {
  return (text: string): number => {
    const v = Number(text);
    if (!Number.isFinite(v) || v < min || v > max)
      throw new InvalidArgumentError(`${name} must be a number in [${min}, ${max}], got '${text}'`);
    return v;
  };
}

/** "DRUG:MG:HOURS" → a regimen entry. */
export function parseCoMedication(spec: string): RegimenEntry {
  const parts = spec.split(":");
  const dose = Number(parts[1]);
  const every = Number(parts[2]);
  if (parts.length !== 3 || !parts[0] || !Number.isFinite(dose) || !Number.isFinite(every)) {
    throw new InvalidArgumentError(`--with expects DRUG:MG:HOURS (e.g. valproate:500:12), got '${spec}'`);
  }
  return { drug: parts[0], dose, every };
}

function flatten(prefix: string, x: unknown, rows: { field: string; value: string; source: string }[]): void {
  if (x === null || x === undefined || typeof x !== "object") return;
  const o = x as Record<string, unknown>;
  if (typeof o.source === "string" && (typeof o.value === "number" || typeof o.low === "number")) {
    const c = o as unknown as Cited & CitedRange;
    const value = typeof c.value === "number" ? `${c.value}` : `${c.low}–${c.high}`;
    rows.push({ field: prefix, value: `${value} ${c.unit}`, source: `${c.source} [${c.status}]` });
    return;
  }
  for (const [k, val] of Object.entries(o)) flatten(prefix ? `${prefix}.${k}` : k, val, rows);
}

function listCatalogue(json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ drugs: DRUGS, interactions: INTERACTIONS })}\n`);
    return;
  }
  const lines: string[] = [];
  for (const d of DRUGS) {
    lines.push(`${d.name} (${d.aliases.join(", ")}): ${d.mechanism}`);
    const rows: { field: string; value: string; source: string }[] = [];
    flatten("", { ...d, id: undefined, name: undefined }, rows);
    for (const r of rows) lines.push(`  ${r.field} = ${r.value} — ${r.source}`);
    if (d.dosing.titration) {
      const t = d.dosing.titration;
      const unit = d.dosing.perKg ? "mg/kg/day" : "mg/day";
      lines.push(
        `  titration: start ${t.start} ${unit}, +${t.step} every ${t.stepDays} days — ${t.source} [${t.status}]`,
      );
    }
  }
  lines.push("interactions:");
  for (const x of INTERACTIONS) {
    const size =
      x.kind === "induction"
        ? `max ×${x.maxFold.toFixed(2)}, onset ${x.onsetDays} d`
        : `max −${(100 * x.maxInhibition).toFixed(0)}%`;
    lines.push(
      `  ${x.perpetrator} → ${x.victim} (${x.victimSpecies}) ${x.kind}, ${size}, EC50 ${x.ec50} mg/L — ${x.source} [${x.status}]`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

interface PkOptions {
  dose: number;
  every: number;
  days?: number;
  weight: number;
  with?: string[];
  pgp: number;
  json?: boolean;
}

const round = (x: number) => Number(x.toPrecision(6));

/** The `ictal pk` result object (also used by tests through the CLI). */
export function pkSummary(drugName: string, o: PkOptions) {
  const entries: RegimenEntry[] = [
    { drug: drugName, dose: o.dose, every: o.every },
    ...(o.with ?? []).map(parseCoMedication),
  ];
  validateRegimen(entries, o.weight);
  const days = o.days ?? defaultHorizonDays(entries);
  const patient = { weightKg: o.weight, pgpExpression: o.pgp };
  const run = simulatePk(entries, patient, { horizonHours: days * 24 });
  const drugs: Record<string, unknown> = {};
  for (const series of run.drugs) {
    const drug = findDrug(series.drug);
    const ss = steadyState(run, drug.id);
    const range = ss.species === "metabolite" ? drug.pk.metabolite!.referenceRange : drug.referenceRange;
    const threshold = adverseThreshold(drug.id, o.weight);
    drugs[drug.id] = {
      species: ss.species === "metabolite" ? drug.pk.metabolite!.name : drug.name,
      steadyStateTrough: round(ss.trough),
      steadyStatePeak: round(ss.peak),
      steadyStateAverage: round(ss.average),
      unboundAverage: round(ss.unboundAverage),
      brainUnbound: round(ss.brainUnbound),
      halfLifeHours: round(ss.halfLifeHours),
      timeToSteadyStateDays: round(ss.timeToSteadyStateDays),
      clearanceMultiplier: round(ss.clearanceMultiplier),
      referenceRange: range ? [range.low, range.high] : null,
      adverseThreshold: round(threshold),
      tolerated: ss.peak < threshold,
      ...(ss.other
        ? {
            [ss.other.species === "metabolite" ? "metabolite" : "parent"]: {
              steadyStateTrough: round(ss.other.trough),
              steadyStatePeak: round(ss.other.peak),
              steadyStateAverage: round(ss.other.average),
              brainUnbound: round(ss.other.brainUnbound),
            },
          }
        : {}),
    };
  }
  return {
    units: { concentration: "mg/L", time: "h" },
    weightKg: o.weight,
    days,
    pgpExpression: o.pgp,
    drugs,
  };
}

export function registerDrugCommands(program: Command, fail: (err: unknown) => never): void {
  program
    .command("drugs")
    .description("list the antiseizure-drug catalogue, every parameter with its source")
    .option("--json", "print the catalogue and interactions as one JSON object")
    .action((opts: { json?: boolean }) => {
      try {
        listCatalogue(opts.json === true);
      } catch (err) {
        fail(err);
      }
    });

  program
    .command("pk")
    .description("steady-state plasma and brain levels of a regimen (with co-medication for interactions)")
    .argument("<drug>", "catalogue id or alias, e.g. carbamazepine or CBZ")
    .requiredOption("--dose <mg>", "mg per administration", numberIn("--dose", -1e9, 1e9))
    .requiredOption("--every <hours>", "hours between administrations", numberIn("--every", -1e9, 1e9))
    .option(
      "--days <d>",
      "simulated days (default: long enough for steady state)",
      numberIn("--days", 1, 3650),
    )
    .option("--weight <kg>", "body weight", numberIn("--weight", 2, 300), 70)
    .option("--with <spec...>", "co-medication DRUG:MG:HOURS (repeatable)")
    .option("--pgp <factor>", "relative P-glycoprotein expression at the BBB", numberIn("--pgp", 0.01, 20), 1)
    .option("--json", "print one JSON object")
    .action((drug: string, opts: PkOptions) => {
      try {
        const summary = pkSummary(drug, opts);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(summary)}\n`);
          return;
        }
        const lines = [
          `steady state after ${summary.days} days at ${summary.weightKg} kg (P-gp ×${summary.pgpExpression}):`,
        ];
        for (const [id, s] of Object.entries(summary.drugs) as [string, Record<string, number | null>][]) {
          lines.push(
            `  ${id}: trough ${s.steadyStateTrough} / average ${s.steadyStateAverage} / peak ${s.steadyStatePeak} mg/L, ` +
              `brain unbound ${s.brainUnbound} mg/L, t½ ${s.halfLifeHours} h, steady state after ${s.timeToSteadyStateDays} days`,
          );
        }
        process.stdout.write(`${lines.join("\n")}\n`);
      } catch (err) {
        fail(err);
      }
    });
}
