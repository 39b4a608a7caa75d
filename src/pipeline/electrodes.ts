/**
 * Which SEEG electrodes a virtual implantation keeps, from the scenario's `outputs.seeg.electrodes`:
 * "all", "near-zones" (the electrodes passing within 20 mm of an epileptogenic- or
 * propagation-zone region, as clinical SEEG plans sample the hypothesised zones; see
 * observe/seeg.ts `selectContacts`), or a list of electrode names.
 */
import type { Connectome } from "../connectome/connectome.js";
import { selectContacts, splitContactLabel, type SensorSet } from "../observe/seeg.js";
import type { Zone } from "../pathophysiology/epileptogenic-zones.js";

export function selectElectrodes(
  sensors: SensorSet,
  connectome: Connectome,
  zones: readonly Zone[],
  choice: "all" | "near-zones" | readonly string[],
): SensorSet {
  if (choice === "all") return sensors;
  if (choice === "near-zones") {
    const regions = zones.flatMap((z, i) => (z === "other" ? [] : [i]));
    return regions.length === 0 ? sensors : selectContacts(sensors, connectome.centres, { regions });
  }
  const electrodeOf = (label: string) => splitContactLabel(label)?.electrode ?? label;
  const available = [...new Set(sensors.labels.map(electrodeOf))];
  choice.forEach((name, k) => {
    if (!available.includes(name)) {
      throw new RangeError(
        `outputs.seeg.electrodes[${k}]: '${name}' is not an electrode of '${sensors.name}' (electrodes: ${available.slice(0, 12).join(", ")}, ...)`,
      );
    }
  });
  const keep = new Set(choice);
  const indices = sensors.labels.flatMap((label, k) => (keep.has(electrodeOf(label)) ? [k] : []));
  const positions = new Float64Array(indices.length * 3);
  indices.forEach((k, j) => positions.set(sensors.positions.subarray(3 * k, 3 * k + 3), 3 * j));
  return { name: sensors.name, labels: indices.map((k) => sensors.labels[k]), positions };
}
