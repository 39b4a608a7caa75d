/**
 * A network scenario end to end, in memory: patient → x0 map → Epileptor network → recorded
 * states → seizures (state-based, per region) → SEEG (forward model, montage, measurement
 * noise). No file is written here (see io/outputs.ts), so a failed or diverged run leaves
 * nothing behind.
 *
 * Patient mechanisms (lesions, inflammation, neuromodulators, variants) add a shift Δx0 to each
 * affected region's x0 and lesions scale the connectome's weights before the model is built
 * (src/pathophysiology/mechanisms.ts); the seizure propensity and its breakdown by mechanism come
 * from the calibrated bridges' tables.
 *
 * Random streams (one per unit of work, derived from the scenario seed):
 *   "network/noise"     the additive noise of the neural masses
 *   "seeg/measurement"  the sensors' measurement noise
 */
import type { Connectome } from "../connectome/connectome.js";
import { simulateNetwork, type NetworkSimulationResult } from "../engines/network/simulate.js";
import type { NetworkScenario } from "../io/scenario.js";
import { RandomStream } from "../numerics/random.js";
import {
  addMeasurementNoise,
  applyMontage,
  bipolarMontage,
  gainMatrix,
  projectToSensors,
  type SensorSet,
} from "../observe/seeg.js";
import {
  detectSeizuresFromSignals,
  detectSeizuresFromStates,
  recruitmentOrder,
  seizureEpisodes,
  type SeizureEvent,
  type SignalSeizureEvent,
} from "../observe/seizures.js";
import { CELL_TO_NETWORK_CALIBRATION } from "../bridges/generated/cell-to-network-calibration.js";
import { PROPENSITY_TABLE } from "../bridges/generated/propensity-table.js";
import { propensity } from "../bridges/propensity.js";
import { excitabilityMap, type Zone } from "../pathophysiology/epileptogenic-zones.js";
import { applyMechanisms, type MechanismResult } from "../pathophysiology/mechanisms.js";
import { classifyActivity, type ActivityClassification } from "../observe/activity-type.js";
import { buildNetwork, regionSignal } from "./network-model.js";
import { selectElectrodes } from "./electrodes.js";
import {
  applyPatientMedication,
  summariseNetworkMedication,
  type NetworkMedicationResult,
} from "./network-medication.js";

export interface SeegRecording {
  labels: string[];
  sampleRateHz: number;
  /** samples x channels, sample-major. */
  data: Float64Array;
  samples: number;
  /** Contacts used (monopolar labels) and montage. */
  contacts: string[];
  montage: "bipolar" | "monopolar";
  /** Seizures a line-length detector finds on the channels (seconds), as a clinician's
   *  detector on the electrodes would, to compare with the model's state-based seizures. */
  detections: SignalSeizureEvent[];
}

export interface NetworkRunResult {
  scenario: NetworkScenario;
  connectome: Connectome;
  x0: Float64Array;
  zones: Zone[];
  parameters: Record<string, number>;
  simulation: NetworkSimulationResult;
  seizures: SeizureEvent[];
  seeg: SeegRecording | null;
  secondsPerUnit: number;
  /** Derived regional parameters, propensity and breakdown of the patient's mechanisms. */
  mechanisms: MechanismResult;
  /** Wendling runs: each region's measured activity type (null for the Epileptor forms). */
  activity: RegionActivity[] | null;
  /** Medication levels and the x0 changes they made (null without patient.medication). */
  medication: NetworkMedicationResult | null;
}

export interface RegionActivity extends ActivityClassification {
  region: string;
  regionIndex: number;
  /** The region's regional model parameters (A, B, G, pMean, pSd for Wendling). */
  parameters: Record<string, number>;
}

export interface NetworkRunInputs {
  connectome: Connectome;
  /** Contact set for the SEEG forward model (null: no SEEG). */
  sensors: SensorSet | null;
  /** Seed overriding the scenario's (e.g. from --seed). */
  seed?: number;
  onProgress?: (fraction: number) => void;
}

export function runNetworkScenario(scenario: NetworkScenario, inputs: NetworkRunInputs): NetworkRunResult {
  const { connectome } = inputs;
  const seed = inputs.seed ?? scenario.seed;
  const n = connectome.labels.length;
  const zoneMap = excitabilityMap(connectome, scenario.patient);
  const zones = zoneMap.zones;
  const mechanisms = applyMechanisms(scenario.patient.mechanisms ?? { lesions: [], variants: [] }, {
    connectome,
    epileptogenicZone: scenario.patient.epileptogenicZone,
    x0: zoneMap.x0,
    zones,
    calibration: CELL_TO_NETWORK_CALIBRATION,
    table: PROPENSITY_TABLE,
  });
  // Drugs act on the patient as the mechanisms left it: the medication's Δx0 comes last.
  const medication =
    scenario.patient.medication === undefined
      ? null
      : applyPatientMedication(
          scenario.patient.medication,
          mechanisms.x0,
          seed,
          scenario.patient.mechanisms?.variants ?? [],
        );
  const x0 = medication === null ? mechanisms.x0 : medication.x0After;
  const built = buildNetwork(
    scenario,
    {
      nodes: n,
      weights: mechanisms.weights,
      tractLengths: connectome.tractLengths,
      connectome,
      zones,
      wendlingScales: mechanisms.wendlingScales,
    },
    x0,
  );
  const sim = scenario.simulation;
  const steps = Math.round(sim.duration / sim.dt);
  const sampleEvery = Math.round(sim.samplePeriod / sim.dt);
  const simulation = simulateNetwork(built.model, {
    dt: sim.dt,
    steps,
    scheme: sim.integrator,
    initialState: built.initialState,
    noiseSigma: built.noiseSigma,
    seed,
    streamPath: "network/noise",
    sampleEvery,
    record: built.record,
    onProgress: inputs.onProgress,
  });
  // State-based seizure detection reads the Epileptor's x1; a Wendling run is described by each
  // region's activity type instead.
  const wendling = scenario.model.name === "wendling";
  const seizures = wendling
    ? []
    : detectSeizuresFromStates(simulation.times, simulation.recorded.x1, n, connectome.labels, {
        threshold: scenario.detection.threshold,
        mergeGap: scenario.detection.mergeGap,
      });
  const signal = regionSignal(simulation.recorded);
  const activity =
    scenario.model.name === "wendling" && built.regional !== null
      ? regionActivity(
          signal,
          simulation,
          connectome.labels,
          scenario.model.activityTransient,
          built.regional,
        )
      : null;

  let seeg: SeegRecording | null = null;
  if (inputs.sensors !== null) {
    const seegSpec = scenario.outputs.seeg;
    const chosen = selectElectrodes(inputs.sensors, connectome, zones, seegSpec.electrodes);
    const m = chosen.labels.length;
    const samples = simulation.times.length;
    const gain = gainMatrix(chosen, connectome.centres);
    const monopolar = projectToSensors(signal, samples, n, gain, m);
    let labels = chosen.labels;
    let data = monopolar;
    if (seegSpec.montage === "bipolar") {
      const montage = bipolarMontage(chosen.labels);
      data = applyMontage(monopolar, samples, m, montage);
      labels = montage.labels;
    }
    if (seegSpec.measurementNoise > 0) {
      addMeasurementNoise(data, seegSpec.measurementNoise, RandomStream.for(seed, "seeg/measurement"));
    }
    const sampleRateHz = samplingRate(sim.samplePeriod * sim.secondsPerUnit);
    seeg = {
      labels,
      sampleRateHz,
      data,
      samples,
      contacts: chosen.labels,
      montage: seegSpec.montage,
      detections: detectSeizuresFromSignals(data, samples, labels.length, sampleRateHz, { labels }),
    };
  }
  return {
    scenario: { ...scenario, seed },
    connectome,
    x0,
    zones,
    parameters: built.parameters,
    simulation,
    seizures,
    seeg,
    secondsPerUnit: sim.secondsPerUnit,
    mechanisms,
    activity,
    medication,
  };
}

/** Activity type of each region's signal after `transient` model time units. */
function regionActivity(
  signal: Float64Array,
  simulation: NetworkSimulationResult,
  labels: readonly string[],
  transient: number,
  regional: Record<string, Float64Array>,
): RegionActivity[] {
  const n = simulation.nodes;
  const samples = simulation.times.length;
  const skip = Math.min(samples, Math.ceil(transient / simulation.samplePeriod - 1e-9));
  // Model time unit: the millisecond (the scenario checks secondsPerUnit = 0.001).
  const rate = 1000 / simulation.samplePeriod;
  return labels.map((region, i) => ({
    region,
    regionIndex: i,
    parameters: Object.fromEntries(Object.entries(regional).map(([name, values]) => [name, values[i]])),
    ...classifyActivity(signal, rate, samples - skip, n, skip * n + i),
  }));
}

/** 1 / period, snapped to the nearest integer when within floating-point noise of it
 *  (0.01 s gives 99.99999999999999 Hz otherwise). */
function samplingRate(periodSeconds: number): number {
  const rate = 1 / periodSeconds;
  const nearest = Math.round(rate);
  return Math.abs(rate - nearest) <= 1e-9 * rate ? nearest : rate;
}

/** Summary values to 1e-6 (model units, x0). */
const round = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Seizure propensity on treatment: the network → course bridge read at the medicated x0 of the
 * same two regions (EZ and its strongest neighbour) as the untreated `propensity`, so the two are
 * directly comparable; `seizuresPerDayWithout` is the untreated value.
 */
function medicatedPropensity(run: NetworkRunResult) {
  const p = run.mechanisms.propensity;
  const at = run.connectome.labels.indexOf(p.region);
  const nb = run.connectome.labels.indexOf(p.neighbour);
  const x0 = run.x0[at];
  const x0Neighbour = run.x0[nb];
  const treated = propensity(x0, x0Neighbour, PROPENSITY_TABLE);
  return {
    seizuresPerDay: treated.seizuresPerDay,
    seizuresPerDayWithout: p.seizuresPerDay,
    extrapolated: treated.extrapolated,
    region: p.region,
    x0: round(x0),
    x0Neighbour: round(x0Neighbour),
  };
}

/** The JSON summary of a run (without the file list, which the writer adds). */
export function summariseNetworkRun(run: NetworkRunResult) {
  const s = run.secondsPerUnit;
  const order = recruitmentOrder(run.seizures);
  const zoneOf = (regionIndex: number) => run.zones[regionIndex];
  return {
    scenario: run.scenario.name,
    kind: "network" as const,
    seed: run.scenario.seed,
    model: run.scenario.model.name,
    connectome: run.connectome.name,
    regions: run.connectome.labels.length,
    durationModelUnits: run.scenario.simulation.duration,
    secondsPerUnit: s,
    durationSeconds: round(run.scenario.simulation.duration * s),
    epileptogenicZone: run.scenario.patient.epileptogenicZone,
    propagationZone: run.scenario.patient.propagationZone,
    seizures: run.seizures.map((e) => ({
      region: e.region,
      zone: zoneOf(e.regionIndex),
      onset: round(e.onset),
      offset: round(e.offset),
      onsetSeconds: round(e.onset * s),
      offsetSeconds: round(e.offset * s),
    })),
    firstOnsetRegion: order.length > 0 ? order[0].region : null,
    /** Network-level seizures: region seizures that overlap in time, with the region that led. */
    episodes: seizureEpisodes(run.seizures).map((e) => ({
      onsetSeconds: round(e.onset * s),
      offsetSeconds: round(e.offset * s),
      firstRegion: e.firstRegion,
      regions: e.regions,
    })),
    recruitedRegions: order.map((r) => r.region),
    ...(run.activity === null
      ? {}
      : {
          /** Wendling runs: each region's activity type (Wendling et al. 2002) and its measures. */
          activity: run.activity.map((a) => ({
            region: a.region,
            zone: zoneOf(a.regionIndex),
            activityType: a.activityType,
            dominantFrequencyHz: round(a.dominantFrequencyHz),
            sdMillivolts: round(a.sd),
            spikeRateHz: round(a.spikeRateHz),
            spikeIntervalCv: a.spikeIntervalCv === null ? null : round(a.spikeIntervalCv),
            alphaFraction: round(a.alphaFraction),
            fastFraction: round(a.betaFraction + a.gammaFraction),
            peakConcentration: round(a.peakConcentration),
            A: round(a.parameters.A),
            B: round(a.parameters.B),
            G: round(a.parameters.G),
            pMean: round(a.parameters.pMean),
            pSd: round(a.parameters.pSd),
          })),
        }),
    ...(run.medication === null
      ? {}
      : {
          medication: {
            ...summariseNetworkMedication(run.medication, run.connectome.labels),
            propensity: medicatedPropensity(run),
          },
        }),
    recruitment: order.map((r) => ({
      rank: r.rank,
      region: r.region,
      zone: zoneOf(r.regionIndex),
      x0: run.x0[r.regionIndex],
      firstOnset: round(r.firstOnset),
      firstOnsetSeconds: round(r.firstOnset * s),
    })),
    /** Regions changed by the patient's mechanisms: x0 = x0Base + deltaX0 (sum of contributions). */
    derivedParameters: run.mechanisms.derived.map((d) => ({
      ...d,
      x0Base: round(d.x0Base),
      deltaX0: round(d.deltaX0),
      x0: round(d.x0),
    })),
    /** From the network → course bridge (tabulated stochastic EZ–PZ motif runs). */
    propensity: {
      seizuresPerDay: run.mechanisms.propensity.seizuresPerDay,
      meanSeizureSeconds: round(run.mechanisms.propensity.meanSeizureSeconds),
      generalisation: round(run.mechanisms.propensity.generalisation),
      extrapolated: run.mechanisms.propensity.extrapolated,
      region: run.mechanisms.propensity.region,
      neighbour: run.mechanisms.propensity.neighbour,
      x0: round(run.mechanisms.propensity.x0),
      x0Neighbour: round(run.mechanisms.propensity.x0Neighbour),
    },
    /** Each mechanism removed in turn; deltaX0 values sum to deltaX0Total. */
    breakdown: run.mechanisms.breakdown,
    deltaX0Total: run.mechanisms.deltaX0,
    inflammation: run.mechanisms.inflammation,
    seeg:
      run.seeg === null
        ? null
        : {
            channels: run.seeg.labels.length,
            montage: run.seeg.montage,
            sampleRateHz: round(run.seeg.sampleRateHz),
            detections: run.seeg.detections.map((d) => ({
              channel: d.label,
              onsetSeconds: round(d.onset),
              offsetSeconds: round(d.offset),
            })),
          },
  };
}

export type NetworkSummary = ReturnType<typeof summariseNetworkRun>;
