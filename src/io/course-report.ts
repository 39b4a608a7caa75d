/**
 * Self-contained HTML reports (inline SVG, no scripts, no network) for cohorts and trials:
 * Kaplan–Meier curve of time to 12-month remission, the course-pattern and seizure-freedom
 * fractions against their published targets, responder bars per trial arm, example diaries.
 */
import { escapeHtml } from "./report.js";
import {
  cohortModels,
  runCohortPatient,
  type CohortSpec,
  type CohortSummary,
  type PatientRow,
} from "../course/cohort.js";
import type { TrialResult } from "../course/trial.js";

const W = 640;
const H = 260;
const M = { left: 50, right: 16, top: 16, bottom: 36 };

/** Kaplan–Meier estimate of the probability of NOT yet having reached the event. */
export function kaplanMeier(
  times: readonly number[],
  events: readonly boolean[],
): { t: number; s: number }[] {
  const order = times
    .map((t, i) => i)
    .sort((a, b) => times[a] - times[b] || Number(events[b]) - Number(events[a]));
  let atRisk = times.length;
  let s = 1;
  const out = [{ t: 0, s: 1 }];
  let i = 0;
  while (i < order.length) {
    const t = times[order[i]];
    let deaths = 0;
    let leaving = 0;
    while (i < order.length && times[order[i]] === t) {
      if (events[order[i]]) deaths++;
      leaving++;
      i++;
    }
    if (deaths > 0) {
      s *= 1 - deaths / atRisk;
      out.push({ t, s });
    }
    atRisk -= leaving;
  }
  return out;
}

function axes(
  xLabel: string,
  yLabel: string,
  xMax: number,
  yMax: number,
  xTicks: number[],
  yTicks: number[],
): string {
  const x = (v: number) => M.left + (v / xMax) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);
  const parts = [
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="#444"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="#444"/>`,
    ...xTicks.map(
      (v) =>
        `<text x="${x(v).toFixed(1)}" y="${H - M.bottom + 14}" font-size="10" text-anchor="middle">${v}</text>`,
    ),
    ...yTicks.map(
      (v) =>
        `<text x="${M.left - 6}" y="${(y(v) + 3).toFixed(1)}" font-size="10" text-anchor="end">${v}</text>`,
    ),
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 4}" font-size="11" text-anchor="middle">${escapeHtml(xLabel)}</text>`,
    `<text x="12" y="${(M.top + H - M.bottom) / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${(M.top + H - M.bottom) / 2})">${escapeHtml(yLabel)}</text>`,
  ];
  return parts.join("");
}

function kmSvg(rows: readonly PatientRow[]): string {
  const years = Math.max(1, ...rows.map((r) => r.followUpDays / 365));
  const km = kaplanMeier(
    rows.map((r) => (r.remission12Day ?? r.followUpDays) / 365),
    rows.map((r) => r.remission12Day !== null),
  );
  const x = (v: number) => M.left + (v / years) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - v * (H - M.top - M.bottom);
  let d = `M${x(0).toFixed(1)},${y(0).toFixed(1)}`;
  let prev = 0;
  for (const p of km) {
    const reached = 1 - p.s;
    d += ` H${x(p.t).toFixed(1)} V${y(reached).toFixed(1)}`;
    prev = reached;
  }
  d += ` H${x(years).toFixed(1)}`;
  void prev;
  const ticks = Array.from({ length: Math.floor(years) + 1 }, (_, i) => i);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img" aria-label="Kaplan-Meier time to 12-month remission">${axes("years since the first drug", "fraction in 12-month remission", years, 1, ticks, [0, 0.25, 0.5, 0.75, 1])}<path d="${d}" fill="none" stroke="#1f77b4" stroke-width="2"/></svg>`;
}

function barsSvg(
  items: { label: string; value: number; target?: number }[],
  yLabel: string,
  yMax = 1,
): string {
  const n = items.length;
  const slot = (W - M.left - M.right) / n;
  const y = (v: number) => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);
  const parts = items.map((it, i) => {
    const x0 = M.left + i * slot + slot * 0.2;
    const bw = slot * 0.6;
    const bar = `<rect x="${x0.toFixed(1)}" y="${y(it.value).toFixed(1)}" width="${bw.toFixed(1)}" height="${(H - M.bottom - y(it.value)).toFixed(1)}" fill="#1f77b4"/>`;
    const tgt =
      it.target === undefined
        ? ""
        : `<line x1="${x0.toFixed(1)}" x2="${(x0 + bw).toFixed(1)}" y1="${y(it.target).toFixed(1)}" y2="${y(it.target).toFixed(1)}" stroke="#d62728" stroke-width="3"/>`;
    const label = `<text x="${(x0 + bw / 2).toFixed(1)}" y="${H - M.bottom + 14}" font-size="10" text-anchor="middle">${escapeHtml(it.label)}</text>`;
    const value = `<text x="${(x0 + bw / 2).toFixed(1)}" y="${(y(it.value) - 3).toFixed(1)}" font-size="10" text-anchor="middle">${(it.value * 100).toFixed(1)}%</text>`;
    return bar + tgt + label + value;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img">${axes("", yLabel, 1, yMax, [], [0, yMax / 2, yMax])}${parts.join("")}</svg>`;
}

/** One diary as daily bars (counts per day), with optional shaded periods. */
function diarySvg(
  title: string,
  days: number[],
  counts: number[],
  from: number,
  to: number,
  marks: { day: number; label: string }[] = [],
): string {
  const h = 130;
  const maxCount = Math.max(1, ...counts);
  const x = (d: number) => M.left + ((d - from) / (to - from)) * (W - M.left - M.right);
  const y = (c: number) => h - 20 - (c / maxCount) * (h - 40);
  const bars = days
    .map((d, i) =>
      d < from || d >= to
        ? ""
        : `<line x1="${x(d).toFixed(1)}" x2="${x(d).toFixed(1)}" y1="${h - 20}" y2="${y(counts[i]).toFixed(1)}" stroke="#333"/>`,
    )
    .join("");
  const ms = marks
    .filter((m) => m.day >= from && m.day < to)
    .map(
      // Labels on three staggered rows so that close schedule changes stay readable.
      (m, i) =>
        `<line x1="${x(m.day).toFixed(1)}" x2="${x(m.day).toFixed(1)}" y1="${4 + (i % 3) * 9}" y2="${h - 20}" stroke="#d62728" stroke-dasharray="3,2"/><text x="${(x(m.day) + 2).toFixed(1)}" y="${10 + (i % 3) * 9}" font-size="9" fill="#d62728">${escapeHtml(m.label)}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" role="img"><text x="${M.left}" y="${h - 4}" font-size="10">${escapeHtml(title)} (days ${from} to ${to}; max ${maxCount}/day)</text><line x1="${M.left}" y1="${h - 20}" x2="${W - M.right}" y2="${h - 20}" stroke="#444"/>${bars}${ms}</svg>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{font-family:sans-serif;max-width:720px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}</style></head><body>${body}</body></html>\n`;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function renderCohortReport(
  name: string,
  spec: CohortSpec,
  s: CohortSummary,
  rows: readonly PatientRow[],
): string {
  const models = cohortModels(spec);
  const examples = rows.slice(0, 4).map((r) => {
    const { history } = runCohortPatient(spec, models, r.patient);
    const days = Array.from(history.seizureDays);
    const counts = Array.from(history.reportedCounts);
    const marks = history.schedules.map((sc) => ({ day: sc.startDay, label: sc.drugs.join("+") }));
    return diarySvg(
      `patient ${r.patient}: ${r.etiology}, ${r.pattern}, ILAE ${r.ilae}`,
      days,
      counts,
      -Math.min(365, history.preTreatmentDays),
      history.followUpDays,
      marks,
    );
  });
  const body = [
    `<h1>Cohort ${escapeHtml(name)}</h1>`,
    `<p>${s.patients} patients, seed ${spec.seed}, follow-up ${(spec.settings.followUpDays / 365).toFixed(1)} years. Course model: ${spec.model === "mechanistic" ? "mechanistic (src/course/mechanistic-model.ts)" : "parametric, interim drug response (src/course/treatment-effect.ts)"}.</p>`,
    `<h2>Seizure freedom at last follow-up (red: Kwan &amp; Brodie 2000)</h2>`,
    barsSvg(
      [
        { label: "first drug", value: s.seizureFree.firstDrug, target: 0.47 },
        { label: "2nd or 3rd drug", value: s.seizureFree.secondOrThirdDrug, target: 0.14 },
        { label: "combination", value: s.seizureFree.combination, target: 0.03 },
        { label: "not seizure-free", value: s.seizureFree.never, target: 0.36 },
      ],
      "fraction of patients",
    ),
    `<p>ILAE 2010 drug-resistant: ${pct(s.drugResistant)}. Not seizure-free with &gt; 20 pre-treatment seizures: ${pct(s.uncontrolledByPretreatmentSeizures.moreThan20)} (published 51%), with ≤ 20: ${pct(s.uncontrolledByPretreatmentSeizures.atMost20)} (29%).</p>`,
    `<h2>Course patterns (red: Brodie et al. 2012)</h2>`,
    barsSvg(
      [
        { label: "early sustained", value: s.patterns.earlySustained, target: 0.37 },
        { label: "delayed sustained", value: s.patterns.delayedSustained, target: 0.22 },
        { label: "fluctuating", value: s.patterns.fluctuating, target: 0.16 },
        { label: "never", value: s.patterns.neverSeizureFree, target: 0.25 },
      ],
      "fraction of patients",
    ),
    `<h2>Time to 12-month remission (Kaplan–Meier)</h2>`,
    kmSvg(rows),
    `<h2>Example diaries (reported seizures per day; red: schedule starts)</h2>`,
    ...examples,
  ];
  return page(`ictal cohort ${name}`, body.join("\n"));
}

export function renderTrialReport(name: string, result: TrialResult): string {
  // Two example diaries per arm (the first participants randomised to it).
  const marks = [
    { day: result.baselineDays, label: "randomised" },
    { day: result.baselineDays + result.titrationDays, label: "maintenance" },
  ];
  const examples = result.arms.flatMap((arm) =>
    result.participants
      .filter((p) => p.arm === arm.name)
      .slice(0, 2)
      .map((p) =>
        diarySvg(
          `${p.arm}: ${p.etiology}, change ${p.percentChange.toFixed(0)}%`,
          Array.from(p.diary.keys()),
          Array.from(p.diary),
          0,
          p.diary.length,
          marks,
        ),
      ),
  );
  const rows = result.arms
    .map(
      (a) =>
        `<tr><td style="text-align:left">${escapeHtml(a.name)}</td><td>${a.n}</td><td>${pct(a.responderRate50)}</td><td>${a.medianPercentChange.toFixed(1)}%</td><td>${pct(a.seizureFree)}</td></tr>`,
    )
    .join("");
  const body = [
    `<h1>Trial ${escapeHtml(name)}</h1>`,
    `<p>${result.screened} candidates screened. Placebo response from the course model's natural variability, regression to the mean and inclusion (no placebo constant).</p>`,
    `<table><tr><th>arm</th><th>n</th><th>≥ 50% responders</th><th>median change</th><th>seizure-free</th></tr>${rows}</table>`,
    `<h2>≥ 50% responder rate per arm</h2>`,
    barsSvg(
      result.arms.map((a) => ({ label: a.name, value: a.responderRate50 })),
      "responder rate",
    ),
    `<h2>Example diaries (baseline, titration, maintenance)</h2>`,
    ...examples,
  ];
  return page(`ictal trial ${name}`, body.join("\n"));
}
