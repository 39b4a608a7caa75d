/**
 * Report section for a medication timeline: per drug, the plasma concentration of its reported
 * species over the days of the timeline (min/max envelope per pixel column, report.ts
 * downsampleMinMax), the catalogue's therapeutic (reference) range as a shaded band, the
 * adverse-effect threshold as a dashed line and the day the network simulation represents as a
 * vertical marker. Inline SVG, no script (report.ts conventions).
 */
import { downsampleMinMax, escapeHtml, niceStep, px } from "./report.js";

export interface ConcentrationChartInput {
  /** Hours from the start of the timeline, one per sample. */
  readonly timesHours: ArrayLike<number>;
  readonly evaluatedDay: number;
  readonly series: readonly {
    readonly drug: string;
    readonly species: string;
    readonly unit: string;
    readonly values: ArrayLike<number>;
    readonly therapeuticRange: { readonly low: number; readonly high: number } | null;
    readonly adverseThreshold: number;
  }[];
}

const WIDTH = 900;
const HEIGHT = 170;
const LEFT = 60;
const RIGHT = 16;
const TOP = 10;
const AXIS = 36;
const LINE = "#1b5e20";
const BAND = "#c8e6c9";
const ADVERSE = "#c62828";
const MARK = "#1565c0";

const label = (v: number, step: number) => v.toFixed(Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));

function chart(input: ConcentrationChartInput, s: ConcentrationChartInput["series"][number]): string {
  const t = input.timesHours;
  const n = t.length;
  const days = t[n - 1] / 24;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - AXIS;
  let yMax = s.adverseThreshold;
  for (let k = 0; k < n; k++) if (Number.isFinite(s.values[k])) yMax = Math.max(yMax, s.values[k]);
  if (s.therapeuticRange) yMax = Math.max(yMax, s.therapeuticRange.high);
  yMax = yMax > 0 ? yMax * 1.08 : 1;
  const x = (hours: number) => LEFT + (hours / 24 / days) * plotW;
  const y = (c: number) => TOP + plotH - (Math.min(c, yMax) / yMax) * plotH;
  const parts: string[] = [];
  if (s.therapeuticRange) {
    const { low, high } = s.therapeuticRange;
    parts.push(
      `<rect x="${px(LEFT)}" y="${px(y(high))}" width="${px(plotW)}" height="${px(y(low) - y(high))}" fill="${BAND}"><title>therapeutic range ${low}–${high} ${escapeHtml(s.unit)}</title></rect>`,
    );
  }
  parts.push(
    `<line x1="${px(LEFT)}" y1="${px(y(s.adverseThreshold))}" x2="${px(LEFT + plotW)}" y2="${px(y(s.adverseThreshold))}" stroke="${ADVERSE}" stroke-dasharray="6 4" stroke-width="1.2"><title>adverse-effect threshold ${s.adverseThreshold} ${escapeHtml(s.unit)}</title></line>`,
  );
  const ex = x((input.evaluatedDay + 0.5) * 24);
  parts.push(
    `<line x1="${px(ex)}" y1="${px(TOP)}" x2="${px(ex)}" y2="${px(TOP + plotH)}" stroke="${MARK}" stroke-width="1.2"><title>day ${input.evaluatedDay}: levels used for the network</title></line>`,
  );
  const d = downsampleMinMax(s.values, 0, n, plotW);
  const points = d.indices.map((k, i) => `${px(x(t[k]))},${px(y(d.values[i]))}`).join(" ");
  parts.push(`<polyline points="${points}" style="stroke:${LINE};stroke-width:1"/>`);
  // Axes: days below, concentration on the left.
  parts.push(
    `<line x1="${px(LEFT)}" y1="${px(TOP + plotH)}" x2="${px(LEFT + plotW)}" y2="${px(TOP + plotH)}" class="axis"/>`,
    `<line x1="${px(LEFT)}" y1="${px(TOP)}" x2="${px(LEFT)}" y2="${px(TOP + plotH)}" class="axis"/>`,
  );
  const dx = niceStep(days, 10);
  for (let i = 0; i * dx <= days + 1e-9; i++) {
    const xi = LEFT + ((i * dx) / days) * plotW;
    parts.push(
      `<line x1="${px(xi)}" y1="${px(TOP + plotH)}" x2="${px(xi)}" y2="${px(TOP + plotH + 5)}" class="axis"/>`,
      `<text x="${px(xi)}" y="${px(TOP + plotH + 17)}" text-anchor="middle">${label(i * dx, dx)}</text>`,
    );
  }
  parts.push(`<text x="${px(LEFT + plotW)}" y="${px(HEIGHT - 4)}" text-anchor="end">day</text>`);
  const dy = niceStep(yMax, 4);
  for (let i = 0; i * dy <= yMax + 1e-12; i++) {
    const yi = y(i * dy);
    parts.push(
      `<line x1="${px(LEFT - 5)}" y1="${px(yi)}" x2="${px(LEFT)}" y2="${px(yi)}" class="axis"/>`,
      `<text x="${px(LEFT - 8)}" y="${px(yi + 4)}" text-anchor="end">${label(i * dy, dy)}</text>`,
    );
  }
  const title = `${s.drug}${s.species === "metabolite" ? " (active metabolite)" : ""}: plasma ${s.unit}`;
  return (
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img">` +
    `<title>${escapeHtml(title)}</title>${parts.join("")}` +
    `<text x="${px(LEFT + 6)}" y="${px(TOP + 12)}">${escapeHtml(title)}</text></svg>`
  );
}

/** The HTML section (heading, legend, one chart per drug). */
export function concentrationSection(input: ConcentrationChartInput): string {
  if (input.series.length === 0 || input.timesHours.length < 2) return "";
  for (const s of input.series) {
    if (s.values.length !== input.timesHours.length)
      throw new RangeError(
        `concentration series ${s.drug}: ${s.values.length} values for ${input.timesHours.length} times`,
      );
  }
  return [
    `<h2>Medication</h2>`,
    `<p class="legend"><span><i class="swatch" style="background:${LINE}"></i>plasma concentration (total)</span>` +
      `<span><i class="swatch" style="background:${BAND};height:9px"></i>therapeutic range</span>` +
      `<span><i class="swatch" style="background:${ADVERSE}"></i>adverse-effect threshold</span>` +
      `<span><i class="swatch" style="background:${MARK}"></i>day used for the network (${input.evaluatedDay})</span></p>`,
    ...input.series.map((s) => chart(input, s)),
  ].join("\n");
}
