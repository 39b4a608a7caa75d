/**
 * Epileptogenic-zone hypothesis → per-region excitability x0 of the Epileptor.
 *
 * The Virtual Epileptic Patient maps the clinical hypothesis onto x0: regions of the
 * epileptogenic zone (EZ) are set above the seizure threshold (x0 ≈ -2.06, see
 * shared/science/epileptor.md §1.3) so that they seize autonomously, regions of the propagation
 * zone (PZ) close below it so that they are recruited through coupling, and all other regions
 * far below it (Jirsa et al. 2017, NeuroImage 145:377; values -1.6 / -1.8 / -2.4 of the TVB
 * tutorial "Modeling Epilepsy"). Explicit per-region values override the zone values.
 */
import { regionIndex, type Connectome } from "../connectome/connectome.js";

export type Zone = "epileptogenic" | "propagation" | "other";

export interface ZoneHypothesis {
  epileptogenicZone: readonly string[];
  propagationZone: readonly string[];
  x0: { epileptogenic: number; propagation: number; other: number };
  x0ByRegion: Readonly<Record<string, number>>;
}

export interface ExcitabilityMap {
  x0: Float64Array;
  zones: Zone[];
}

export function excitabilityMap(connectome: Connectome, hypothesis: ZoneHypothesis): ExcitabilityMap {
  const n = connectome.labels.length;
  const zones: Zone[] = new Array<Zone>(n).fill("other");
  const x0 = new Float64Array(n).fill(hypothesis.x0.other);
  hypothesis.propagationZone.forEach((label, k) => {
    const i = regionIndex(connectome, label, `patient.propagationZone[${k}]`);
    zones[i] = "propagation";
    x0[i] = hypothesis.x0.propagation;
  });
  hypothesis.epileptogenicZone.forEach((label, k) => {
    const i = regionIndex(connectome, label, `patient.epileptogenicZone[${k}]`);
    if (zones[i] === "propagation") {
      throw new RangeError(
        `patient.epileptogenicZone[${k}]: '${label}' is also listed in patient.propagationZone; a region belongs to one zone`,
      );
    }
    zones[i] = "epileptogenic";
    x0[i] = hypothesis.x0.epileptogenic;
  });
  for (const [label, value] of Object.entries(hypothesis.x0ByRegion)) {
    x0[regionIndex(connectome, label, `patient.x0ByRegion.${label}`)] = value;
  }
  return { x0, zones };
}
