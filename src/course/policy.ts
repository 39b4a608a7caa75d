/**
 * A clinician-like treatment policy, driven only by what a clinician sees (the diary's reported
 * seizures and the patient's complaints of adverse effects).
 *
 * - First drug and the order of later drugs per syndrome (`drugs`), skipping drugs already
 *   tried and drugs restricted to another etiology (everolimus: TSC only).
 * - Titration: linear from the first dose to `initialDoseFraction` × the usual target dose over
 *   the days the catalogue's titration schedule takes to reach that dose (drugs.ts).
 * - Clinic reviews every `reviewIntervalDays`. A reported seizure after the newest drug reached
 *   its dose and `stabilisationDays` passed counts against the schedule: while the drug is below
 *   its maximal dose (and `escalate`), the dose goes up by `escalationStep` × target (over
 *   `escalationDays`), one step per review with seizures; a step that would leave less than half
 *   a step below the maximal dose goes to the maximal dose instead (no token last step: with the
 *   catalogue's usual ranges, lamotrigine and valproate reach 2.24 × target in three steps, not
 *   four); at the maximal (or highest tolerated)
 *   dose the schedule has failed for lack of efficacy. Stepwise dose increases in response to
 *   seizures, rather than an immediate jump to the maximum, are how the Glasgow clinic reached
 *   the modest doses at which most responders were controlled (Kwan & Brodie 2001, Lancet
 *   357:216; UNVERIFIED detail).
 * - Intolerable adverse effects: each (patient, drug) has a dose fraction at which they appear,
 *   P(threshold ≤ f) = p_d · f^1.5 with p_d the drug's withdrawal probability at the target dose
 *   (drugs.ts) times the patient's adverse-effect susceptibility. Below or at the target dose
 *   the drug is withdrawn (an intolerance failure, which the ILAE definition does not count); at
 *   escalation the dose returns to the highest tolerated one and the trial continues.
 * - After a failure: the next untried drug as monotherapy while fewer than `maxMonotherapies`
 *   monotherapies have been tried, then add-on combinations (the add-on replaced on failure).
 *   After intolerance: the offending drug is replaced. At most `maxSchedules` schedules.
 * - Referral to a surgical / device centre after `referralAfterFailures` failed schedules
 *   (recorded; the course does not simulate surgery).
 *
 * This follows the practice described by Kwan & Brodie 2000 (sequential monotherapies, then
 * combinations) and the ILAE advice to refer after two failed appropriate drugs (Kwan et al.
 * 2010, Epilepsia 51:1069 ✓).
 */
import { RandomStream } from "../numerics/random.js";
import { courseDrug, titrationDaysTo, type CourseDrug } from "./drugs.js";
import type { DrugExposure, PatientFacts, Syndrome } from "./types.js";

export interface TreatmentPolicy {
  readonly drugs: Readonly<Record<Syndrome, readonly string[]>>;
  readonly reviewIntervalDays: number;
  readonly stabilisationDays: number;
  readonly escalate: boolean;
  readonly escalationDays: number;
  /** Size of one dose increase, as a fraction of the target dose. */
  readonly escalationStep: number;
  /** First maintenance dose aimed at, as a fraction of the usual target dose ("start low"). */
  readonly initialDoseFraction: number;
  readonly maxMonotherapies: number;
  readonly maxSchedules: number;
  /** null: never refer. */
  readonly referralAfterFailures: number | null;
  /** Log-SD of the patient-level adverse-effect susceptibility (log-normal, median 1). */
  readonly adverseSusceptibilitySd: number;
}

export const DEFAULT_POLICY: TreatmentPolicy = {
  drugs: {
    focal: [
      "lamotrigine",
      "levetiracetam",
      "carbamazepine",
      "oxcarbazepine",
      "lacosamide",
      "zonisamide",
      "everolimus",
      "topiramate",
      "clobazam",
      "cenobamate",
      "perampanel",
      "brivaracetam",
      "phenytoin",
      "phenobarbital",
    ],
    generalised: [
      "valproate",
      "levetiracetam",
      "lamotrigine",
      "topiramate",
      "clobazam",
      "zonisamide",
      "perampanel",
      "ethosuximide",
      "phenobarbital",
    ],
    dravet: [
      "valproate",
      "clobazam",
      "stiripentol",
      "fenfluramine",
      "cannabidiol",
      "topiramate",
      "levetiracetam",
    ],
    kcnq2: ["carbamazepine", "phenytoin", "oxcarbazepine", "levetiracetam", "phenobarbital", "retigabine"],
  },
  reviewIntervalDays: 91,
  stabilisationDays: 14,
  escalate: true,
  escalationDays: 28,
  escalationStep: 0.5,
  initialDoseFraction: 0.5,
  maxMonotherapies: 3,
  maxSchedules: 6,
  referralAfterFailures: 2,
  adverseSusceptibilitySd: 0.7,
};

export type ScheduleEnd = "lack-of-efficacy" | "adverse-effects" | "ongoing";

/** One treatment period (a schedule): a fixed set of drugs. */
export interface Schedule {
  readonly index: number;
  readonly drugs: readonly string[];
  readonly startDay: number;
  /** Day the newest drug reached its target dose; null if it never did. */
  targetDay: number | null;
  /** Day of the first dose increase above the target; null if never. */
  escalationDay: number | null;
  /** Highest dose fraction of the newest drug (1 = target). */
  maxDoseFraction: number;
  endDay: number;
  endReason: ScheduleEnd;
  /** The drug whose adverse effects ended the schedule, if any. */
  intolerantDrug: string | null;
}

interface ActiveDrug {
  readonly spec: CourseDrug;
  readonly exposure: DrugExposure;
  /** Dose fraction at which intolerable adverse effects appear. */
  readonly intolerableAt: number;
  /** Current dose goal (1 = target, up to maxDoseFraction) and the day titration to it began. */
  goal: number;
  rampFrom: number;
  rampStartDay: number;
  rampDays: number;
  capped: boolean;
}

export class PolicyState {
  readonly schedules: Schedule[] = [];
  referralDay: number | null = null;
  /** Drugs as currently taken (read by the treatment effect each day). */
  readonly exposures: DrugExposure[] = [];
  private readonly active: ActiveDrug[] = [];
  private readonly tried = new Set<string>();
  private monotherapies = 0;
  private failures = 0;
  private countFromDay = Number.POSITIVE_INFINITY;
  /** The newest drug has reached the first dose the policy aims at. */
  private goalReached = false;
  private seizuresCounted = 0;
  private nextReview = 0;
  private readonly adverseStream: RandomStream;
  private readonly susceptibility: number;
  private exhausted = false;

  constructor(
    private readonly policy: TreatmentPolicy,
    private readonly facts: PatientFacts,
    seed: number,
    path: string,
  ) {
    this.adverseStream = RandomStream.for(seed, `${path}/patient/${facts.id}/adverse`);
    this.susceptibility = Math.exp(policy.adverseSusceptibilitySd * this.adverseStream.normal());
  }

  private current(): Schedule | undefined {
    return this.schedules[this.schedules.length - 1];
  }

  /** The next untried drug; for an add-on, one whose mechanism differs from `keep`'s if any is left (rational polytherapy). */
  private nextDrug(keep: readonly ActiveDrug[] = []): CourseDrug | null {
    let fallback: CourseDrug | null = null;
    for (const name of this.policy.drugs[this.facts.syndrome]) {
      if (this.tried.has(name)) continue;
      const spec = courseDrug(name);
      if (spec.onlyFor !== undefined && spec.onlyFor !== this.facts.etiology) continue;
      if (keep.every((a) => a.spec.mechanism !== spec.mechanism)) return spec;
      fallback ??= spec;
    }
    return fallback;
  }

  private addDrug(spec: CourseDrug, day: number): void {
    this.tried.add(spec.name);
    const p = Math.min(0.95, 1 - Math.pow(1 - spec.adverseWithdrawal, this.susceptibility));
    const u = this.adverseStream.uniformOpen();
    const exposure: DrugExposure = { drug: spec.name, doseFraction: 0, startDay: day };
    this.exposures.push(exposure);
    this.active.push({
      spec,
      exposure,
      intolerableAt: Math.pow(u / p, 1 / 1.5),
      goal: this.policy.initialDoseFraction,
      rampFrom: 0,
      rampStartDay: day,
      rampDays: titrationDaysTo(spec.name, this.policy.initialDoseFraction),
      capped: false,
    });
  }

  private removeDrug(name: string): void {
    const k = this.active.findIndex((a) => a.spec.name === name);
    if (k >= 0) {
      this.active.splice(k, 1);
      this.exposures.splice(k, 1);
    }
  }

  private openSchedule(day: number): void {
    if (this.active.length === 1) this.monotherapies++;
    this.schedules.push({
      index: this.schedules.length,
      drugs: this.active.map((a) => a.spec.name),
      startDay: day,
      targetDay: null,
      escalationDay: null,
      maxDoseFraction: 0,
      endDay: day,
      endReason: "ongoing",
      intolerantDrug: null,
    });
    this.countFromDay = Number.POSITIVE_INFINITY;
    this.goalReached = false;
    this.seizuresCounted = 0;
    this.nextReview = day + this.policy.reviewIntervalDays;
  }

  /** Start the first drug on `day`. */
  start(day: number): void {
    const first = this.nextDrug();
    if (first === null) {
      this.exhausted = true;
      return;
    }
    this.addDrug(first, day);
    this.openSchedule(day);
  }

  /** Change schedule after the current one ended; `replaceNewest` for intolerance. */
  private changeSchedule(day: number, reason: Exclude<ScheduleEnd, "ongoing">, culprit: string | null): void {
    const s = this.current();
    if (s === undefined) return;
    s.endDay = day;
    s.endReason = reason;
    s.intolerantDrug = culprit;
    if (reason === "lack-of-efficacy") {
      this.failures++;
      if (
        this.referralDay === null &&
        this.policy.referralAfterFailures !== null &&
        this.failures >= this.policy.referralAfterFailures
      )
        this.referralDay = day;
    }
    const canOpen = this.schedules.length < this.policy.maxSchedules;
    // Drugs that stay: all but the culprit, the failed monotherapy (switch) or the failed add-on.
    const switching =
      culprit === null && this.active.length === 1 && this.monotherapies < this.policy.maxMonotherapies;
    const stay = this.active.filter((a, i) =>
      culprit !== null
        ? a.spec.name !== culprit
        : switching
          ? false
          : this.active.length >= 2
            ? i < this.active.length - 1
            : true,
    );
    const next = canOpen ? this.nextDrug(stay) : null;
    if (next === null) {
      // No further option: the patient stays on what is left, in a new record if a drug was withdrawn.
      this.exhausted = true;
      if (culprit !== null) {
        this.removeDrug(culprit);
        if (this.active.length > 0) this.openSchedule(day);
      } else {
        s.endReason = "ongoing";
        s.endDay = day;
      }
      return;
    }
    for (const a of [...this.active]) if (!stay.includes(a)) this.removeDrug(a.spec.name);
    this.addDrug(next, day);
    this.openSchedule(day);
  }

  /** Update doses for `day` (before the day's seizures are drawn). */
  updateDoses(day: number): void {
    if (this.active.length === 0) return;
    const s = this.current();
    for (let i = 0; i < this.active.length; i++) {
      const a = this.active[i];
      const progress = a.rampDays <= 0 ? 1 : Math.min(1, (day - a.rampStartDay + 1) / a.rampDays);
      const dose = a.rampFrom + (a.goal - a.rampFrom) * progress;
      if (dose >= a.intolerableAt && !a.capped) {
        if (a.goal > 1 && a.intolerableAt > 1) {
          // Dose-limiting adverse effects during escalation: back to the highest tolerated dose.
          a.capped = true;
          a.goal = Math.max(1, a.intolerableAt * 0.9);
          a.rampFrom = a.goal;
          a.exposure.doseFraction = a.goal;
          continue;
        }
        this.changeSchedule(day, "adverse-effects", a.spec.name);
        this.updateDoses(day);
        return;
      }
      a.exposure.doseFraction = dose;
    }
    const newest = this.active[this.active.length - 1];
    if (s !== undefined) {
      s.maxDoseFraction = Math.max(s.maxDoseFraction, newest.exposure.doseFraction);
      if (s.targetDay === null && newest.exposure.doseFraction >= 1 - 1e-9) s.targetDay = day;
      if (!this.goalReached && newest.exposure.doseFraction >= newest.goal - 1e-9) {
        this.goalReached = true;
        this.countFromDay = day + this.policy.stabilisationDays;
      }
    }
  }

  /** Record the day's reported seizures and hold the clinic review when due. */
  afterDay(day: number, reported: number): void {
    if (this.active.length === 0) return;
    if (reported > 0 && day >= this.countFromDay) this.seizuresCounted += reported;
    if (day < this.nextReview) return;
    this.nextReview = day + this.policy.reviewIntervalDays;
    if (this.seizuresCounted === 0 || this.exhausted) {
      if (this.exhausted) this.seizuresCounted = 0;
      return;
    }
    const s = this.current();
    const newest = this.active[this.active.length - 1];
    if (
      this.policy.escalate &&
      s !== undefined &&
      !newest.capped &&
      newest.goal < newest.spec.maxDoseFraction
    ) {
      s.escalationDay ??= day;
      newest.rampFrom = newest.exposure.doseFraction;
      const max = newest.spec.maxDoseFraction;
      const next = newest.goal + this.policy.escalationStep;
      newest.goal = max - next < this.policy.escalationStep / 2 ? max : next;
      newest.rampStartDay = day;
      newest.rampDays = this.policy.escalationDays;
      this.countFromDay = day + this.policy.escalationDays + this.policy.stabilisationDays;
      this.seizuresCounted = 0;
      return;
    }
    this.changeSchedule(day, "lack-of-efficacy", null);
  }

  /** Close the record at the end of follow-up. */
  finish(endDay: number): void {
    const s = this.current();
    if (s !== undefined && s.endReason === "ongoing") s.endDay = endDay;
  }
}
