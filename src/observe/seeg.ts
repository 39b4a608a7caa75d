/**
 * SEEG forward model: contact sets, a point-source lead field from region centres to contacts,
 * the bipolar montage, projection of region activity to contacts, and measurement noise.
 *
 * Sources:
 * - Jirsa VK, Proix T, Perdikis D, et al. (2017) "The Virtual Epileptic Patient: individualized
 *   whole-brain models of epilepsy spread." NeuroImage 145:377–388. Region activity (-x1 + x2)
 *   is projected to SEEG contacts with a gain matrix whose entries fall off as 1/r^2 with the
 *   distance r between a region and a contact (the convention The Virtual Brain also uses for
 *   its region-level SEEG monitor; Sanz Leon et al. 2013, Front Neuroinform 7:10).
 * - Bipolar montage between adjacent contacts of one depth electrode: the usual clinical SEEG
 *   reading (e.g. Bartolomei, Chauvel & Wendling 2008, Brain 131:1818–1830), which removes the
 *   volume-conducted common mode that dominates monopolar region-level projections.
 *
 * Choices and deviations (the exact normalisation of the VEP gain is UNVERIFIED in
 * shared/science/epileptor.md §3, so the following are ours):
 * - Each region is a single point source at its centre; TVB and the VEP can instead sum 1/r^2
 *   over the cortical vertices of a region (weighted by area). With region centres only, the
 *   surface sum is not available.
 * - Gain g_ki = 1 / max(|r_k - c_i|, d_min)^2 in mm^-2, with no conductivity factor and no
 *   normalisation: the absolute scale of simulated SEEG is arbitrary (the neural-mass source is
 *   dimensionless), and leaving the matrix unnormalised keeps amplitude ratios between contacts
 *   and between scenarios comparable. Callers that want physical-looking units multiply.
 * - d_min (default 5 mm) caps the gain of a contact lying on or next to a region centre. A
 *   region centre stands for an extended patch of grey matter (tens of mm across in a 76-region
 *   parcellation), whose field does not diverge at its centroid; 5 mm is about one SEEG contact
 *   spacing plus a contact length (3.5 mm pitch, 2 mm contacts in the bundled sets), so the cap
 *   only affects contacts that are effectively inside the source.
 */
import type { RandomStream } from "../numerics/random.js";

/** A set of SEEG contacts in the head frame of the connectome's region centres. */
export interface SensorSet {
  name: string;
  labels: string[];
  /** m*3 contact positions (mm), x y z per contact. */
  positions: Float64Array;
}

/** Bipolar channels: channel j = contact pairs[2j] minus contact pairs[2j+1]. */
export interface Montage {
  labels: string[];
  pairs: Int32Array;
}

/** Default minimum source–contact distance (mm) of the lead field; see the file comment. */
export const DEFAULT_MIN_DISTANCE_MM = 5;

/**
 * Parse a contact file: one contact per line, `label x y z` (mm) separated by tabs and/or
 * spaces. Blank lines, trailing whitespace, a UTF-8 byte-order mark and lines starting with '#'
 * are tolerated; any other malformed line is an error naming its line number.
 */
export function parseSensors(name: string, text: string): SensorSet {
  const labels: string[] = [];
  const values: number[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((line, row) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const cells = trimmed.split(/\s+/);
    const where = `${name}: line ${row + 1}`;
    if (cells.length !== 4) {
      throw new RangeError(
        `${where} must be 'label x y z' (4 fields), got ${cells.length} fields: '${trimmed}'`,
      );
    }
    const label = cells[0];
    const previous = seen.get(label);
    if (previous !== undefined)
      throw new RangeError(`${where}: contact label '${label}' already used on line ${previous}`);
    seen.set(label, row + 1);
    labels.push(label);
    for (let k = 1; k <= 3; k++) {
      const v = Number(cells[k]);
      if (!Number.isFinite(v))
        throw new RangeError(
          `${where}: coordinate '${cells[k]}' of contact '${label}' is not a finite number`,
        );
      values.push(v);
    }
  });
  if (labels.length === 0) throw new RangeError(`${name}: no contacts (expected lines 'label x y z')`);
  return { name, labels, positions: Float64Array.from(values) };
}

/** A contact set from explicit coordinates (mm), e.g. a scenario's own implantation. */
export function sensorsFromCoordinates(
  contacts: readonly { label: string; position: readonly [number, number, number] }[],
  name = "custom",
): SensorSet {
  if (contacts.length === 0) throw new RangeError(`${name}: no contacts given`);
  const positions = new Float64Array(contacts.length * 3);
  const seen = new Set<string>();
  contacts.forEach((c, k) => {
    if (c.label.trim() === "" || /\s/.test(c.label))
      throw new RangeError(
        `${name}: contact ${k + 1} has an empty label or one containing whitespace: '${c.label}'`,
      );
    if (seen.has(c.label)) throw new RangeError(`${name}: contact label '${c.label}' is used twice`);
    seen.add(c.label);
    for (let d = 0; d < 3; d++) {
      const v = c.position[d];
      if (!Number.isFinite(v))
        throw new RangeError(
          `${name}: contact '${c.label}' coordinate ${"xyz"[d]} = ${v} is not a finite number`,
        );
      positions[3 * k + d] = v;
    }
  });
  return { name, labels: contacts.map((c) => c.label), positions };
}

/**
 * Lead field (m x n, row-major, row = contact): g_ki = 1 / max(|r_k - c_i|, d_min)^2 (mm^-2).
 * `centres` is the connectome's n*3 region centres in the same head frame as the contacts.
 */
export function gainMatrix(
  sensors: SensorSet,
  centres: Float64Array,
  options: { minDistanceMm?: number } = {},
): Float64Array {
  const dMin = options.minDistanceMm ?? DEFAULT_MIN_DISTANCE_MM;
  if (!(dMin > 0) || !Number.isFinite(dMin))
    throw new RangeError(`gainMatrix: minDistanceMm must be a positive finite number, got ${dMin}`);
  const m = sensors.labels.length;
  if (sensors.positions.length !== 3 * m)
    throw new RangeError(
      `gainMatrix: sensor set '${sensors.name}' has ${m} labels but ${sensors.positions.length / 3} positions`,
    );
  if (centres.length % 3 !== 0)
    throw new RangeError(`gainMatrix: centres length ${centres.length} is not a multiple of 3`);
  const n = centres.length / 3;
  const d2Min = dMin * dMin;
  const p = sensors.positions;
  const gain = new Float64Array(m * n);
  for (let k = 0; k < m; k++) {
    const px = p[3 * k];
    const py = p[3 * k + 1];
    const pz = p[3 * k + 2];
    const row = k * n;
    for (let i = 0; i < n; i++) {
      const dx = px - centres[3 * i];
      const dy = py - centres[3 * i + 1];
      const dz = pz - centres[3 * i + 2];
      const d2 = dx * dx + dy * dy + dz * dz;
      gain[row + i] = 1 / (d2 > d2Min ? d2 : d2Min);
    }
  }
  return gain;
}

/**
 * Split a contact label into electrode name and contact number ("TP12" → ["TP", 12];
 * "G´1" → ["G´", 1]); null when the label does not end in a number.
 */
export function splitContactLabel(label: string): { electrode: string; contact: number } | null {
  const match = /^(.*\D)(\d+)$/u.exec(label);
  if (match === null) return null;
  return { electrode: match[1], contact: Number(match[2]) };
}

/**
 * Bipolar montage between adjacent contacts of each electrode: contacts k and k+1 of the same
 * electrode (both present) form channel "Ek-E(k+1)" = contact k minus contact k+1, the clinical
 * SEEG convention (the lower number is the deeper contact). Channels follow the order in which
 * electrodes first appear in `labels`, then contact number. Labels without a trailing contact
 * number, and contacts with no numbered neighbour, yield no channel.
 */
export function bipolarMontage(labels: readonly string[]): Montage {
  const byElectrode = new Map<string, Map<number, number>>();
  labels.forEach((label, index) => {
    const parsed = splitContactLabel(label);
    if (parsed === null) return;
    let contacts = byElectrode.get(parsed.electrode);
    if (contacts === undefined) byElectrode.set(parsed.electrode, (contacts = new Map()));
    contacts.set(parsed.contact, index);
  });
  const outLabels: string[] = [];
  const pairs: number[] = [];
  for (const contacts of byElectrode.values()) {
    const numbers = [...contacts.keys()].sort((a, b) => a - b);
    for (const c of numbers) {
      const next = contacts.get(c + 1);
      if (next === undefined) continue;
      const plus = contacts.get(c)!;
      pairs.push(plus, next);
      outLabels.push(`${labels[plus]}-${labels[next]}`);
    }
  }
  return { labels: outLabels, pairs: Int32Array.from(pairs) };
}

/**
 * Project region signals to contacts: out[s, k] = sum_i gain[k, i] * source[s, i].
 * `source` is samples x n (sample-major), `gain` m x n (row-major); the result is samples x m.
 * `out` may be supplied to avoid allocating (it must not alias `source`).
 */
export function projectToSensors(
  source: Float64Array,
  samples: number,
  n: number,
  gain: Float64Array,
  m: number,
  out?: Float64Array,
): Float64Array {
  if (source.length < samples * n)
    throw new RangeError(
      `projectToSensors: source has ${source.length} values, expected samples*n = ${samples * n}`,
    );
  if (gain.length !== m * n)
    throw new RangeError(`projectToSensors: gain has ${gain.length} values, expected m*n = ${m * n}`);
  const result = out ?? new Float64Array(samples * m);
  if (result.length < samples * m)
    throw new RangeError(
      `projectToSensors: out has ${result.length} values, expected samples*m = ${samples * m}`,
    );
  for (let s = 0; s < samples; s++) {
    const src = s * n;
    const dst = s * m;
    for (let k = 0; k < m; k++) {
      const row = k * n;
      let acc = 0;
      for (let i = 0; i < n; i++) acc += gain[row + i] * source[src + i];
      result[dst + k] = acc;
    }
  }
  return result;
}

/** Apply a montage to monopolar data (samples x m) → samples x channels. */
export function applyMontage(
  monopolar: Float64Array,
  samples: number,
  m: number,
  montage: Montage,
): Float64Array {
  if (monopolar.length < samples * m)
    throw new RangeError(
      `applyMontage: data has ${monopolar.length} values, expected samples*m = ${samples * m}`,
    );
  const pairs = montage.pairs;
  const channels = pairs.length / 2;
  for (let j = 0; j < pairs.length; j++) {
    if (pairs[j] < 0 || pairs[j] >= m)
      throw new RangeError(
        `applyMontage: montage channel ${montage.labels[j >> 1]} refers to contact ${pairs[j]}, but there are ${m} contacts`,
      );
  }
  const out = new Float64Array(samples * channels);
  for (let s = 0; s < samples; s++) {
    const src = s * m;
    const dst = s * channels;
    for (let j = 0; j < channels; j++)
      out[dst + j] = monopolar[src + pairs[2 * j]] - monopolar[src + pairs[2 * j + 1]];
  }
  return out;
}

/**
 * Add independent Gaussian measurement noise of standard deviation `sd` to every value, in
 * place (the signal is usually large, so no copy is made); returns the same array. Amplifier
 * and contact noise is independent across channels and samples to a first approximation.
 */
export function addMeasurementNoise(signal: Float64Array, sd: number, stream: RandomStream): Float64Array {
  if (!(sd >= 0) || !Number.isFinite(sd))
    throw new RangeError(`addMeasurementNoise: sd must be a finite number >= 0, got ${sd}`);
  if (sd === 0) return signal;
  for (let k = 0; k < signal.length; k++) signal[k] += sd * stream.normal();
  return signal;
}

export interface ContactSelectionOptions {
  /** Region indices (into the centres) the implantation should sample. */
  regions: readonly number[];
  /** An electrode is kept when one of its contacts lies within this distance (mm) of a chosen
   *  region centre. Default 20 mm: the median contact-to-nearest-centre distance of the bundled
   *  sets is about 15 mm, so tighter radii often find nothing. */
  withinMm?: number;
  /** Keep whole electrodes (default true), so that bipolar pairs stay complete; false keeps
   *  only the contacts within range. */
  wholeElectrodes?: boolean;
  /** Keep at most this many electrodes, the ones passing closest to a chosen region first. */
  maxElectrodes?: number;
}

/** A subset of a contact set, with the indices of the kept contacts in the original set. */
export interface ContactSelection extends SensorSet {
  indices: Int32Array;
  /** Kept electrodes, closest to a chosen region first. */
  electrodes: string[];
}

/**
 * A virtual implantation: the electrodes passing near chosen regions (for example the
 * hypothesised epileptogenic and propagation zones, as clinical SEEG plans do). The electrode of
 * a contact is its label without the trailing contact number. The kept contacts keep their
 * original order. Throws, naming the closest contact, when nothing lies within range.
 */
export function selectContacts(
  sensors: SensorSet,
  centres: Float64Array,
  options: ContactSelectionOptions,
): ContactSelection {
  const within = options.withinMm ?? 20;
  const whole = options.wholeElectrodes ?? true;
  const n = centres.length / 3;
  if (options.regions.length === 0) throw new RangeError("selectContacts: no regions given");
  for (const i of options.regions) {
    if (!Number.isInteger(i) || i < 0 || i >= n)
      throw new RangeError(`selectContacts: region index ${i} is out of range (0..${n - 1})`);
  }
  if (!(within > 0)) throw new RangeError(`selectContacts: withinMm must be > 0, got ${within}`);
  const m = sensors.labels.length;
  const p = sensors.positions;
  // Distance from each contact to the nearest chosen region centre.
  const nearest = new Float64Array(m);
  let closest = 0;
  for (let k = 0; k < m; k++) {
    let best = Infinity;
    for (const i of options.regions) {
      const dx = p[3 * k] - centres[3 * i];
      const dy = p[3 * k + 1] - centres[3 * i + 1];
      const dz = p[3 * k + 2] - centres[3 * i + 2];
      best = Math.min(best, Math.sqrt(dx * dx + dy * dy + dz * dz));
    }
    nearest[k] = best;
    if (best < nearest[closest]) closest = k;
  }
  const electrodeOf = (label: string) => splitContactLabel(label)?.electrode ?? label;
  const electrodeDistance = new Map<string, number>();
  sensors.labels.forEach((label, k) => {
    if (nearest[k] > within) return;
    const e = electrodeOf(label);
    electrodeDistance.set(e, Math.min(electrodeDistance.get(e) ?? Infinity, nearest[k]));
  });
  if (electrodeDistance.size === 0) {
    throw new RangeError(
      `selectContacts: no contact of '${sensors.name}' lies within ${within} mm of the chosen regions; the closest is '${sensors.labels[closest]}' at ${nearest[closest].toFixed(1)} mm`,
    );
  }
  let electrodes = [...electrodeDistance.entries()].sort((a, b) => a[1] - b[1]).map(([e]) => e);
  if (options.maxElectrodes !== undefined)
    electrodes = electrodes.slice(0, Math.max(0, Math.floor(options.maxElectrodes)));
  const keep = new Set(electrodes);
  const indices: number[] = [];
  sensors.labels.forEach((label, k) => {
    if (keep.has(electrodeOf(label)) && (whole || nearest[k] <= within)) indices.push(k);
  });
  const positions = new Float64Array(indices.length * 3);
  indices.forEach((k, j) => positions.set(p.subarray(3 * k, 3 * k + 3), 3 * j));
  return {
    name: `${sensors.name}/selected`,
    labels: indices.map((k) => sensors.labels[k]),
    positions,
    indices: Int32Array.from(indices),
    electrodes,
  };
}
