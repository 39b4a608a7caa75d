/**
 * Dosing regimens: entries (drug, dose, interval, start/stop for adding and withdrawing,
 * titration steps, missed doses), their validation, and their expansion into dose events.
 *
 * An entry covers one drug over one period [start, stop). Two entries of the same drug whose
 * periods overlap contradict each other (which dose applies?) and are refused; a dose change is a
 * titration step inside one entry, a pause is two entries with a gap. Doses whose daily amount
 * exceeds twice the catalogue's maximal daily dose are refused as absurd (twice, not once: the
 * catalogue's maxima are label values that clinicians do exceed).
 */
import { findDrug, type Drug } from "./catalogue.js";

export interface TitrationStep {
  /** Time (h from the simulation start) from which `dose` applies. */
  readonly at: number;
  /** mg per administration. */
  readonly dose: number;
}

export interface RegimenEntry {
  /** Catalogue id or alias. */
  readonly drug: string;
  /** mg per administration from `start` (until the first titration step that changes it). */
  readonly dose: number;
  /** Hours between administrations. */
  readonly every: number;
  /** First administration (h); default 0. */
  readonly start?: number;
  /** Withdrawal: no administration at or after this time (h); default: none. */
  readonly stop?: number;
  readonly titration?: readonly TitrationStep[];
  /** 0-based indices of administrations that are skipped (missed doses). */
  readonly missed?: readonly number[];
}

export interface DoseEvent {
  readonly drug: string;
  readonly time: number;
  readonly mg: number;
  /** Index of the entry in the regimen. */
  readonly entry: number;
}

/** Largest allowed daily amount (mg/day) for a drug at a body weight. */
export function maximalDailyMg(drug: Drug, weightKg: number): number {
  const max = drug.dosing.perKg ? drug.dosing.maximalDaily.value * weightKg : drug.dosing.maximalDaily.value;
  return drug.dosing.capMgPerDay ? Math.min(max, drug.dosing.capMgPerDay.value) : max;
}

const MAX_INTERVAL_HOURS = 168;
const MIN_INTERVAL_HOURS = 1;

function checkDose(where: string, drug: Drug, dose: number, every: number, weightKg: number): void {
  const limit = 2 * maximalDailyMg(drug, weightKg);
  if (typeof dose !== "number" || !Number.isFinite(dose) || dose <= 0) {
    throw new RangeError(`${where} = ${String(dose)} mg: a dose must be a number > 0 mg`);
  }
  const daily = (dose * 24) / every;
  if (daily > limit) {
    throw new RangeError(
      `${where} = ${dose} mg every ${every} h is ${daily.toFixed(1)} mg/day, above twice the maximal ` +
        `daily dose of ${drug.id} (allowed (0, ${limit.toFixed(1)}] mg/day at ${weightKg} kg)`,
    );
  }
}

/** Validated entries with resolved drug ids; throws a RangeError naming the entry and field. */
export function validateRegimen(
  entries: readonly RegimenEntry[],
  weightKg: number,
): (RegimenEntry & { drugId: string; start: number; stop: number })[] {
  if (!(weightKg >= 2 && weightKg <= 300))
    throw new RangeError(`weight = ${weightKg} kg outside [2, 300] kg`);
  if (entries.length === 0) throw new RangeError("regimen: at least one entry");
  const out = entries.map((e, i) => {
    const w = `regimen[${i}]`;
    let drug: Drug;
    try {
      drug = findDrug(String(e.drug));
    } catch (err) {
      throw new RangeError(`${w}.drug: ${(err as Error).message}`);
    }
    const wd = `${w} (${drug.id})`;
    if (!(e.every >= MIN_INTERVAL_HOURS && e.every <= MAX_INTERVAL_HOURS)) {
      throw new RangeError(
        `${wd}.every = ${String(e.every)} h is outside the allowed range [${MIN_INTERVAL_HOURS}, ${MAX_INTERVAL_HOURS}] h`,
      );
    }
    checkDose(`${wd}.dose`, drug, e.dose, e.every, weightKg);
    const start = e.start ?? 0;
    const stop = e.stop ?? Infinity;
    if (!(start >= 0 && Number.isFinite(start)))
      throw new RangeError(`${wd}.start = ${String(start)} h must be >= 0`);
    if (!(stop > start))
      throw new RangeError(`${wd}.stop = ${String(stop)} h must be after start = ${start} h`);
    let previous = start;
    (e.titration ?? []).forEach((s, k) => {
      const ws = `${wd}.titration[${k}]`;
      if (!(s.at > previous || (k === 0 && s.at >= start)) || !(s.at < stop))
        throw new RangeError(
          `${ws}.at = ${s.at} h must increase and lie in [start, stop) = [${start}, ${stop}) h`,
        );
      checkDose(`${ws}.dose`, drug, s.dose, e.every, weightKg);
      previous = s.at;
    });
    for (const m of e.missed ?? []) {
      if (!Number.isInteger(m) || m < 0)
        throw new RangeError(`${wd}.missed: '${m}' is not a dose index >= 0`);
    }
    return { ...e, drugId: drug.id, start, stop };
  });
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = out[j];
      const b = out[i];
      if (a.drugId !== b.drugId) continue;
      const from = Math.max(a.start, b.start);
      const to = Math.min(a.stop, b.stop);
      if (from < to) {
        throw new RangeError(
          `regimen[${i}] (${b.drugId}) overlaps regimen[${j}] (${a.drugId}) from ${from} h to ${to === Infinity ? "the end" : `${to} h`}: ` +
            `one entry per drug and period (dose changes are titration steps)`,
        );
      }
    }
  }
  return out;
}

/** Dose events up to `horizon` (h, exclusive), in time order (ties by entry index). */
export function expandRegimen(
  entries: readonly RegimenEntry[],
  weightKg: number,
  horizon: number,
): DoseEvent[] {
  const valid = validateRegimen(entries, weightKg);
  const events: DoseEvent[] = [];
  valid.forEach((e, entry) => {
    const missed = new Set(e.missed ?? []);
    const steps = e.titration ?? [];
    const end = Math.min(e.stop, horizon);
    for (let k = 0; ; k++) {
      const time = e.start + k * e.every;
      if (time >= end) break;
      if (missed.has(k)) continue;
      let mg = e.dose;
      for (const s of steps) if (s.at <= time) mg = s.dose;
      events.push({ drug: e.drugId, time, mg, entry });
    }
  });
  return events.sort((a, b) => a.time - b.time || a.entry - b.entry);
}

/**
 * A regimen entry following the catalogue's titration from its starting daily amount up to
 * `targetDaily` (mg/day, or mg/kg/day for per-kg drugs), given `every` h. Without a catalogue
 * titration the target is given from the start.
 */
export function titratedEntry(
  drugName: string,
  targetDaily: number,
  every: number,
  weightKg: number,
  start = 0,
): RegimenEntry {
  const drug = findDrug(drugName);
  const perDay = 24 / every;
  const toMg = (daily: number) => {
    const mg = drug.dosing.perKg ? daily * weightKg : daily;
    const capped = drug.dosing.capMgPerDay ? Math.min(mg, drug.dosing.capMgPerDay.value) : mg;
    return capped / perDay;
  };
  const t = drug.dosing.titration;
  if (!t || t.start >= targetDaily) return { drug: drug.id, dose: toMg(targetDaily), every, start };
  const titration: TitrationStep[] = [];
  let daily = t.start;
  for (let k = 1; daily < targetDaily; k++) {
    daily = Math.min(targetDaily, daily + t.step);
    titration.push({ at: start + k * t.stepDays * 24, dose: toMg(daily) });
    if (t.step === 0) break;
  }
  return { drug: drug.id, dose: toMg(t.start), every, start, titration };
}
