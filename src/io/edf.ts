/**
 * EDF+ writer and reader, pure functions on bytes (the caller does the file I/O).
 *
 * Sources:
 * - Kemp B, Värri A, Rosa AC, Nielsen KD, Gade J. "A simple format for exchange of digitized
 *   polygraphic recordings." Electroencephalogr Clin Neurophysiol 1992;82:391–393 (EDF: the
 *   256-byte fixed header, the 256-byte-per-signal header, 16-bit little-endian two's-complement
 *   samples, the linear digital↔physical mapping, the dd.mm.yy / hh.mm.ss start fields).
 * - Kemp B, Olivan J. "European data format 'plus' (EDF+), an EDF alike standard format for the
 *   exchange of physiological data." Clin Neurophysiol 2003;114:1755–1761, and the EDF+
 *   specification text at edfplus.info (the "EDF+C" reserved field, the structured patient and
 *   recording identification subfields, the "EDF Annotations" signal, Time-stamped Annotation
 *   Lists (TALs) with the time-keeping TAL first in every data record, the 1985 Y2K clipping
 *   rule, sub-second start times carried by the first time-keeping TAL).
 */

/** One data signal to write. */
export interface EdfSignalInput {
  label: string;
  /** Physical unit, e.g. "uV" (EDF+ asks for ASCII, so "µV" is written as "uV"). */
  physicalDimension: string;
  samplesPerSecond: number;
  data: Float64Array | Float32Array;
  transducer?: string;
  prefiltering?: string;
  /** Defaults to the data range, padded so that min < max; values outside are clipped. */
  physicalMin?: number;
  physicalMax?: number;
}

export interface EdfAnnotation {
  /** Seconds from the start of the data (the first sample). */
  onsetSeconds: number;
  durationSeconds?: number;
  text: string;
}

export interface EdfInput {
  patient: { code?: string; sex?: "M" | "F" | "X"; birthdate?: string; name?: string };
  recording: { startDate: Date; administrationCode?: string; technician?: string; equipment?: string };
  signals: EdfSignalInput[];
  annotations: EdfAnnotation[];
  /** Duration of one data record in seconds; default 1. */
  dataRecordSeconds?: number;
}

/** Per-signal header fields as stored in the file. */
export interface EdfSignalHeader {
  label: string;
  transducer: string;
  physicalDimension: string;
  physicalMin: number;
  physicalMax: number;
  digitalMin: number;
  digitalMax: number;
  prefiltering: string;
  samplesPerRecord: number;
  reserved: string;
}

/** The header as stored in the file (fields trimmed, numbers parsed). */
export interface EdfHeader {
  version: string;
  patientIdentification: string;
  recordingIdentification: string;
  startDateField: string;
  startTimeField: string;
  headerBytes: number;
  reserved: string;
  recordCount: number;
  dataRecordSeconds: number;
  signalCount: number;
  signals: EdfSignalHeader[];
}

export interface EdfSignal extends EdfSignalHeader {
  samplesPerSecond: number;
  /** Physical values, all data records concatenated. */
  data: Float64Array;
}

export interface EdfFile {
  header: EdfHeader;
  format: "EDF" | "EDF+C" | "EDF+D";
  /** EDF+ patient subfields ("X" where unknown); null for plain EDF. */
  patient: { code: string; sex: string; birthdate: string; name: string } | null;
  /** Start of the first data record: header date/time plus the first time-keeping TAL's offset. */
  startDate: Date;
  dataRecordSeconds: number;
  /** Start of every data record in seconds after `startDate` (from the time-keeping TALs in EDF+). */
  recordStartSeconds: Float64Array;
  /** Data signals only; "EDF Annotations" signals are decoded into `annotations`. */
  signals: EdfSignal[];
  /** Annotations (time-keeping TALs excluded), onsets relative to `startDate`, sorted by onset. */
  annotations: EdfAnnotation[];
}

const DIGITAL_MIN = -32768;
const DIGITAL_MAX = 32767;
const ANNOTATION_LABEL = "EDF Annotations";
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
/** TAL separators defined by EDF+: 0x14 ends an annotation, 0x15 precedes a duration, 0x00 ends a TAL. */
const TAL_END_TEXT = 0x14;
const TAL_DURATION = 0x15;
const TAL_END = 0x00;
/**
 * Onsets and durations are written with nanosecond resolution: TAL numbers may not use an exponent,
 * and a fixed resolution keeps record onsets like 3 × 0.005 from printing float noise.
 */
const TIME_DECIMALS = 9;
/**
 * The annotation signal's size per record is set by the fullest record. Annotations stay in the
 * record that contains their onset unless that would make the annotation channel larger than this
 * many bytes per record (or a quarter of the data bytes per record, whichever is larger); then the
 * overflow moves to the nearest records with room, which EDF+ allows (onsets are absolute).
 */
const ANNOTATION_BYTES_FLOOR = 256;

const PADDING_ANNOTATION = "end of data (last value held to fill the data record)";

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

/** Characters whose NFKD decomposition is not a sensible ASCII stand-in. */
const TRANSLITERATIONS: Record<string, string> = {
  "\u00b4": "'", // acute accent (´): NFKD turns it into a space plus a combining mark
  "\u2018": "'",
  "\u2019": "'",
  "\u201a": "'",
  "\u2032": "'",
  "`": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u201e": '"',
  "\u2033": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2212": "-",
  "\u00b5": "u", // micro sign: EDF+ spells microvolt "uV"
  "\u03bc": "u",
  "\u00b0": "deg",
  "\u00df": "ss",
  "\u00e6": "ae",
  "\u00c6": "AE",
  "\u0153": "oe",
  "\u0152": "OE",
  "\u00f8": "o",
  "\u00d8": "O",
  "\u0142": "l",
  "\u0141": "L",
  "\u0111": "d",
  "\u0110": "D",
  "\u00f0": "d",
  "\u00d0": "D",
  "\u00fe": "th",
  "\u00de": "Th",
  "\u00b2": "2",
  "\u00b3": "3",
  "\u00a0": " ",
};

/**
 * Reduce text to printable ASCII (32..126), as EDF requires in every header field: known
 * characters are transliterated, accented letters lose their accents, anything else becomes "_".
 */
export function toEdfAscii(text: string): string {
  let out = "";
  for (const ch of text) {
    const mapped = TRANSLITERATIONS[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 32 && code <= 126) {
      out += ch;
      continue;
    }
    if (code < 32 || code === 127) {
      out += " ";
      continue;
    }
    const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    out += /^[\x20-\x7e]+$/.test(base) ? base : "_";
  }
  return out;
}

/** An EDF+ identification subfield: ASCII, no spaces (EDF+ uses "_" instead), "X" when unknown. */
function subfield(value: string | undefined): string {
  if (value === undefined) return "X";
  const s = toEdfAscii(value).trim().replace(/\s+/g, "_");
  return s === "" ? "X" : s;
}

/** Shortest decimal for `value` at `decimals` places, without trailing zeros or exponent. */
function fixedTrimmed(value: number, decimals: number): string {
  let s = value.toFixed(decimals);
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  if (s === "-0") s = "0";
  return s;
}

/** A TAL time: explicit sign, decimal point allowed, no exponent (EDF+ TAL grammar). */
function formatTalSeconds(seconds: number, signed: boolean): string {
  const body = fixedTrimmed(Math.abs(seconds), TIME_DECIMALS);
  if (!signed) return body;
  return (seconds < 0 && body !== "0" ? "-" : "+") + body;
}

/**
 * Format a number into at most `width` characters, rounding in `direction` so that a physical
 * minimum never rises above the data and a maximum never falls below it (no silent clipping).
 */
function formatBounded(value: number, width: number, direction: "down" | "up" | "nearest"): string | null {
  for (let d = width - 1; d >= 0; d--) {
    const scale = 10 ** d;
    let rounded: number;
    if (direction === "down") rounded = Math.floor(value * scale) / scale;
    else if (direction === "up") rounded = Math.ceil(value * scale) / scale;
    else rounded = Math.round(value * scale) / scale;
    let s = fixedTrimmed(rounded, d);
    // Float noise in value*scale can leave the printed number on the wrong side; step one unit.
    if (direction === "down" && Number(s) > value) s = fixedTrimmed(rounded - 1 / scale, d);
    if (direction === "up" && Number(s) < value) s = fixedTrimmed(rounded + 1 / scale, d);
    if (s.length <= width) return s;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------------

/** Validated header text for a field of fixed width; throws naming the field if it cannot fit. */
function headerText(value: string, width: number, field: string): string {
  const ascii = toEdfAscii(value).trim();
  if (ascii.length > width) {
    throw new RangeError(
      `${field} is ${ascii.length} characters after conversion to ASCII ("${ascii}"); EDF allows at most ${width}`,
    );
  }
  return ascii;
}

function checkFinite(value: number, field: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`${field} must be a finite number, got ${String(value)}`);
  }
}

interface PreparedSignal {
  label: string;
  transducer: string;
  dimension: string;
  prefiltering: string;
  physMinText: string;
  physMaxText: string;
  physMin: number;
  physMax: number;
  samplesPerRecord: number;
  data: Float64Array | Float32Array;
}

function monthDate(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, "0");
  return `${day}-${MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()}`;
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

function validateBirthdate(birthdate: string | undefined): string {
  if (birthdate === undefined || birthdate.trim() === "" || birthdate.trim().toUpperCase() === "X")
    return "X";
  const m = /^(\d{2})-([A-Za-z]{3})-(\d{4})$/.exec(birthdate.trim());
  const month = m === null ? -1 : MONTHS.indexOf(m[2].toUpperCase());
  if (m === null || month < 0 || Number(m[1]) < 1 || Number(m[1]) > 31) {
    throw new RangeError(`patient.birthdate must be dd-MMM-yyyy (e.g. 02-AUG-1951) or X, got "${birthdate}"`);
  }
  return `${m[1]}-${MONTHS[month]}-${m[3]}`;
}

/** Samples per data record for one signal; throws unless it is a positive whole number. */
function samplesPerRecordOf(rate: number, recordSeconds: number, field: string): number {
  const exact = rate * recordSeconds;
  const n = Math.round(exact);
  // Rates derived from a time step (1 / (dt * scale)) carry float noise; accept a relative 1e-6.
  if (n < 1 || Math.abs(exact - n) > 1e-6 * Math.max(1, exact)) {
    throw new RangeError(
      `${field} (${rate}) × dataRecordSeconds (${recordSeconds}) = ${exact} samples per data record; ` +
        `it must be a whole number ≥ 1 — choose dataRecordSeconds so every signal has a whole number of samples per record`,
    );
  }
  if (n > 99999999)
    throw new RangeError(`${field}: ${n} samples per data record exceed the 8-character EDF field`);
  return n;
}

function prepareSignal(signal: EdfSignalInput, index: number, recordSeconds: number): PreparedSignal {
  const at = `signals[${index}]`;
  if (signal === null || typeof signal !== "object") throw new RangeError(`${at} must be an object`);
  const label = headerText(String(signal.label ?? ""), 16, `${at}.label`);
  if (label === "") throw new RangeError(`${at}.label must be 1..16 ASCII characters, got an empty label`);
  if (label === ANNOTATION_LABEL) {
    throw new RangeError(`${at}.label "${ANNOTATION_LABEL}" is reserved by EDF+ for the annotation signal`);
  }
  const dimension = headerText(String(signal.physicalDimension ?? ""), 8, `${at}.physicalDimension`);
  const transducer = headerText(signal.transducer ?? "", 80, `${at}.transducer`);
  const prefiltering = headerText(signal.prefiltering ?? "", 80, `${at}.prefiltering`);
  checkFinite(signal.samplesPerSecond, `${at}.samplesPerSecond`);
  if (signal.samplesPerSecond <= 0) {
    throw new RangeError(`${at}.samplesPerSecond must be > 0, got ${signal.samplesPerSecond}`);
  }
  const samplesPerRecord = samplesPerRecordOf(
    signal.samplesPerSecond,
    recordSeconds,
    `${at}.samplesPerSecond`,
  );
  const data = signal.data;
  if (!(data instanceof Float64Array || data instanceof Float32Array)) {
    throw new RangeError(`${at}.data must be a Float64Array or Float32Array`);
  }
  if (data.length === 0) throw new RangeError(`${at}.data ("${label}") must hold at least 1 sample, got 0`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (!Number.isFinite(v)) {
      throw new RangeError(
        `${at}.data ("${label}") has a non-finite value (${v}) at sample index ${k}; all samples must be finite`,
      );
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  let physMin: number;
  let physMax: number;
  if (signal.physicalMin !== undefined || signal.physicalMax !== undefined) {
    if (signal.physicalMin === undefined || signal.physicalMax === undefined) {
      throw new RangeError(
        `${at}: give both physicalMin and physicalMax, or neither (defaults to the data range)`,
      );
    }
    checkFinite(signal.physicalMin, `${at}.physicalMin`);
    checkFinite(signal.physicalMax, `${at}.physicalMax`);
    if (!(signal.physicalMin < signal.physicalMax)) {
      throw new RangeError(
        `${at}.physicalMin (${signal.physicalMin}) must be < physicalMax (${signal.physicalMax})`,
      );
    }
    physMin = signal.physicalMin;
    physMax = signal.physicalMax;
  } else if (lo < hi) {
    physMin = lo;
    physMax = hi;
  } else {
    // A constant signal still needs min < max; pad by its own magnitude (or 1 around zero).
    const pad = lo === 0 ? 1 : Math.abs(lo);
    physMin = lo - pad;
    physMax = lo + pad;
  }
  const physMinText = formatBounded(physMin, 8, "down");
  const physMaxText = formatBounded(physMax, 8, "up");
  if (physMinText === null || physMaxText === null) {
    throw new RangeError(
      `${at} ("${label}") physical range [${physMin}, ${physMax}] does not fit the 8-character EDF fields ` +
        `(allowed about -9999999..99999999); rescale the signal or change its physicalDimension`,
    );
  }
  return {
    label,
    transducer,
    dimension,
    prefiltering,
    physMinText,
    physMaxText,
    physMin: Number(physMinText),
    physMax: Number(physMaxText),
    samplesPerRecord,
    data,
  };
}

/** Encode an annotation TAL: +onset[\x15duration]\x14text\x14\x00. */
function annotationTal(onset: number, duration: number | undefined, text: Uint8Array): Uint8Array {
  const head =
    formatTalSeconds(onset, true) +
    (duration === undefined ? "" : "\x15" + formatTalSeconds(duration, false)) +
    "\x14";
  const out = new Uint8Array(head.length + text.length + 2);
  for (let i = 0; i < head.length; i++) out[i] = head.charCodeAt(i);
  out.set(text, head.length);
  out[head.length + text.length] = TAL_END_TEXT;
  out[head.length + text.length + 1] = TAL_END;
  return out;
}

/** The time-keeping TAL that opens every data record: +onset\x14\x14\x00. */
function timeKeepingTal(onset: number): Uint8Array {
  const s = formatTalSeconds(onset, true) + "\x14\x14\x00";
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/**
 * Assign annotation TALs to data records. Each goes to the record containing its onset, unless
 * that record would exceed `capacity` bytes; then it goes to the nearest record with room.
 */
function placeAnnotations(homes: number[], sizes: number[], baseLoad: number[], capacity: number): number[] {
  const load = baseLoad.slice();
  const n = load.length;
  return homes.map((home, i) => {
    for (let d = 0; d < n; d++) {
      for (const r of d === 0 ? [home] : [home + d, home - d]) {
        if (r >= 0 && r < n && load[r] + sizes[i] <= capacity) {
          load[r] += sizes[i];
          return r;
        }
      }
    }
    // Unreachable when capacity ≥ mean load + largest TAL (see the caller); kept as a hard error.
    throw new Error("EDF annotation placement failed: annotation capacity too small");
  });
}

/** Write an EDF+C file (continuous recording) with an "EDF Annotations" signal as the last signal. */
export function writeEdfPlus(input: EdfInput): Uint8Array {
  if (input === null || typeof input !== "object") throw new RangeError("input must be an object");
  const recordSeconds = input.dataRecordSeconds ?? 1;
  checkFinite(recordSeconds, "dataRecordSeconds");
  if (recordSeconds <= 0) throw new RangeError(`dataRecordSeconds must be > 0, got ${recordSeconds}`);
  const recordSecondsText = formatBounded(recordSeconds, 8, "nearest");
  if (
    recordSecondsText === null ||
    Math.abs(Number(recordSecondsText) - recordSeconds) > 1e-9 * recordSeconds
  ) {
    throw new RangeError(
      `dataRecordSeconds (${recordSeconds}) cannot be written exactly in the 8-character EDF field ` +
        `(closest: ${recordSecondsText ?? "none"}); use a duration with at most 8 characters, e.g. 1, 2 or 0.005`,
    );
  }

  // Identification fields (EDF+ section 2.1.3).
  const patient = input.patient ?? {};
  const sex = patient.sex ?? "X";
  if (sex !== "M" && sex !== "F" && sex !== "X") {
    throw new RangeError(`patient.sex must be "M", "F" or "X", got "${String(sex)}"`);
  }
  const patientId = [
    subfield(patient.code),
    sex,
    validateBirthdate(patient.birthdate),
    subfield(patient.name),
  ].join(" ");
  if (patientId.length > 80) {
    throw new RangeError(
      `patient identification "${patientId}" is ${patientId.length} characters; EDF allows at most 80 (shorten patient.code or patient.name)`,
    );
  }
  const recording = input.recording;
  if (
    recording === undefined ||
    !(recording.startDate instanceof Date) ||
    Number.isNaN(recording.startDate.getTime())
  ) {
    throw new RangeError("recording.startDate must be a valid Date");
  }
  // EDF stores whole seconds in the header; the sub-second part goes into the first
  // time-keeping TAL (EDF+), so the header time is the start truncated to the second.
  const startMs = recording.startDate.getTime();
  const headerStart = new Date(Math.floor(startMs / 1000) * 1000);
  const subSecond = (startMs - headerStart.getTime()) / 1000;
  const year = headerStart.getUTCFullYear();
  if (year < 1985) {
    throw new RangeError(
      `recording.startDate year must be 1985 or later (EDF's Y2K clipping year), got ${year}`,
    );
  }
  const recordingId = [
    "Startdate",
    monthDate(headerStart),
    subfield(recording.administrationCode),
    subfield(recording.technician),
    subfield(recording.equipment),
  ].join(" ");
  if (recordingId.length > 80) {
    throw new RangeError(
      `recording identification "${recordingId}" is ${recordingId.length} characters; EDF allows at most 80`,
    );
  }
  // EDF+: years after 2084 are written as "yy" and only the recording identification holds the year.
  const yy = year <= 2084 ? two(year % 100) : "yy";
  const dateField = `${two(headerStart.getUTCDate())}.${two(headerStart.getUTCMonth() + 1)}.${yy}`;
  const timeField = `${two(headerStart.getUTCHours())}.${two(headerStart.getUTCMinutes())}.${two(headerStart.getUTCSeconds())}`;

  // Signals.
  if (!Array.isArray(input.signals) || input.signals.length < 1) {
    throw new RangeError(
      `signals must hold 1..9998 data signals, got ${Array.isArray(input.signals) ? input.signals.length : "none"}`,
    );
  }
  if (input.signals.length > 9998) {
    throw new RangeError(
      `signals must hold 1..9998 data signals (the 4-character count includes the annotation signal), got ${input.signals.length}`,
    );
  }
  const signals = input.signals.map((s, i) => prepareSignal(s, i, recordSeconds));

  // Duration: all signals must cover the same span (within the coarsest sample period).
  const durations = input.signals.map((s) => s.data.length / s.samplesPerSecond);
  const longest = Math.max(...durations);
  const tolerance = Math.max(...input.signals.map((s) => 1 / s.samplesPerSecond)) + 1e-9;
  durations.forEach((d, i) => {
    if (longest - d > tolerance) {
      const j = durations.indexOf(longest);
      throw new RangeError(
        `signals[${i}] ("${signals[i].label}") spans ${d} s but signals[${j}] ("${signals[j].label}") spans ${longest} s; ` +
          `all signals must span the same duration (within one sample period, ${tolerance - 1e-9} s)`,
      );
    }
  });
  const recordCount = Math.max(1, Math.ceil(longest / recordSeconds - 1e-9));
  if (recordCount > 99999999)
    throw new RangeError(`${recordCount} data records exceed the 8-character EDF field`);
  const paddedSeconds = recordCount * recordSeconds;

  // Annotations, plus a note where the last record is padded so readers know where real data ends.
  if (!Array.isArray(input.annotations))
    throw new RangeError("annotations must be an array (possibly empty)");
  const annotations: EdfAnnotation[] = input.annotations.map((a, i) => {
    const at = `annotations[${i}]`;
    checkFinite(a.onsetSeconds, `${at}.onsetSeconds`);
    if (a.durationSeconds !== undefined) {
      checkFinite(a.durationSeconds, `${at}.durationSeconds`);
      if (a.durationSeconds < 0)
        throw new RangeError(`${at}.durationSeconds must be ≥ 0, got ${a.durationSeconds}`);
    }
    if (typeof a.text !== "string" || a.text.length === 0) {
      throw new RangeError(`${at}.text must be a non-empty string`);
    }
    return a;
  });
  if (paddedSeconds - longest > 1e-9) {
    annotations.push({
      onsetSeconds: longest,
      durationSeconds: paddedSeconds - longest,
      text: PADDING_ANNOTATION,
    });
  }
  const encoder = new TextEncoder();
  const tals = annotations.map((a) => {
    // UTF-8 is allowed in TAL text, but the separator bytes 0x00, 0x14, 0x15 (and other C0
    // controls) would break TAL framing, so they become spaces.
    const clean = Array.from(a.text, (ch) => (ch.charCodeAt(0) < 0x20 || ch === "\x7f" ? " " : ch)).join("");
    return annotationTal(a.onsetSeconds + subSecond, a.durationSeconds, encoder.encode(clean));
  });
  const keepers = Array.from({ length: recordCount }, (_, r) =>
    timeKeepingTal(subSecond + r * recordSeconds),
  );
  const baseLoad = keepers.map((k) => k.length);
  const homes = annotations.map((a) =>
    Math.min(recordCount - 1, Math.max(0, Math.floor(a.onsetSeconds / recordSeconds))),
  );
  const sizes = tals.map((t) => t.length);
  const natural = baseLoad.slice();
  homes.forEach((r, i) => (natural[r] += sizes[i]));
  const naturalMax = Math.max(...natural);
  const total = natural.reduce((a, b) => a + b, 0);
  const largest = sizes.length === 0 ? 0 : Math.max(...sizes);
  // Greedy nearest-fit always succeeds with capacity ≥ mean load + largest TAL (some record is at or below the mean).
  const feasible = Math.max(Math.max(...baseLoad) + largest, Math.ceil(total / recordCount) + largest);
  const dataBytesPerRecord = signals.reduce((acc, s) => acc + 2 * s.samplesPerRecord, 0);
  const budget = Math.max(feasible, ANNOTATION_BYTES_FLOOR, Math.ceil(dataBytesPerRecord / 4));
  const capacity = Math.min(naturalMax, budget);
  const placement = placeAnnotations(homes, sizes, baseLoad, capacity);
  const recordTals: Uint8Array[][] = keepers.map((k) => [k]);
  placement.forEach((r, i) => recordTals[r].push(tals[i]));
  const maxBytes = Math.max(...recordTals.map((list) => list.reduce((acc, t) => acc + t.length, 0)));
  const annotationSamples = Math.ceil(maxBytes / 2);

  // Header.
  const ns = signals.length + 1;
  const headerBytes = 256 * (ns + 1);
  const recordSamples = signals.reduce((acc, s) => acc + s.samplesPerRecord, 0) + annotationSamples;
  const recordBytes = 2 * recordSamples;
  const out = new Uint8Array(headerBytes + recordCount * recordBytes);
  let offset = 0;
  const put = (text: string, width: number) => {
    if (text.length > width || !/^[\x20-\x7e]*$/.test(text)) {
      throw new Error(`internal: EDF header field "${text}" does not fit ${width} ASCII characters`);
    }
    for (let i = 0; i < width; i++) out[offset + i] = i < text.length ? text.charCodeAt(i) : 0x20;
    offset += width;
  };
  put("0", 8);
  put(patientId, 80);
  put(recordingId, 80);
  put(dateField, 8);
  put(timeField, 8);
  put(String(headerBytes), 8);
  put("EDF+C", 44);
  put(String(recordCount), 8);
  put(recordSecondsText, 8);
  put(String(ns), 4);
  const perSignal = <T>(f: (s: PreparedSignal) => T, annotation: T, width: number) => {
    for (const s of signals) put(String(f(s)), width);
    put(String(annotation), width);
  };
  perSignal((s) => s.label, ANNOTATION_LABEL, 16);
  perSignal((s) => s.transducer, "", 80);
  perSignal((s) => s.dimension, "", 8);
  perSignal((s) => s.physMinText, "-1", 8);
  perSignal((s) => s.physMaxText, "1", 8);
  perSignal(() => DIGITAL_MIN, DIGITAL_MIN, 8);
  perSignal(() => DIGITAL_MAX, DIGITAL_MAX, 8);
  perSignal((s) => s.prefiltering, "", 80);
  perSignal((s) => s.samplesPerRecord, annotationSamples, 8);
  perSignal(() => "", "", 32);

  // Data records: signals in header order, 16-bit little-endian two's complement.
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const digitalSpan = DIGITAL_MAX - DIGITAL_MIN;
  for (let r = 0; r < recordCount; r++) {
    for (const s of signals) {
      // Quantise against the values as written in the header, so any reader inverts it exactly.
      const gain = digitalSpan / (s.physMax - s.physMin);
      const last = s.data.length - 1;
      for (let k = 0; k < s.samplesPerRecord; k++) {
        const idx = r * s.samplesPerRecord + k;
        const v = s.data[idx <= last ? idx : last];
        let d = Math.round((v - s.physMin) * gain + DIGITAL_MIN);
        if (d < DIGITAL_MIN) d = DIGITAL_MIN;
        else if (d > DIGITAL_MAX) d = DIGITAL_MAX;
        view.setInt16(offset, d, true);
        offset += 2;
      }
    }
    // The annotation signal: TAL bytes, then zeros (already zero in the fresh buffer).
    let at = offset;
    for (const t of recordTals[r]) {
      out.set(t, at);
      at += t.length;
    }
    offset += 2 * annotationSamples;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reader
// ---------------------------------------------------------------------------------------------

function ascii(bytes: Uint8Array, start: number, width: number): string {
  let s = "";
  for (let i = start; i < start + width; i++) s += String.fromCharCode(bytes[i]);
  return s.trim();
}

function parseNumberField(text: string, field: string): number {
  const v = Number(text);
  if (text === "" || !Number.isFinite(v))
    throw new RangeError(`EDF header field ${field} is not a number: "${text}"`);
  return v;
}

function parseTalNumber(text: string, what: string): number {
  if (!/^[+-]?\d+(\.\d*)?$/.test(text)) throw new RangeError(`EDF+ TAL ${what} is malformed: "${text}"`);
  return Number(text);
}

interface ParsedTal {
  onset: number;
  duration?: number;
  texts: string[];
}

/** Split one record's annotation bytes into TALs (each ends with 0x14 0x00; the rest is 0x00 fill). */
function parseTals(bytes: Uint8Array): ParsedTal[] {
  const decoder = new TextDecoder("utf-8");
  const tals: ParsedTal[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = start;
    while (end < bytes.length && bytes[end] !== TAL_END) end++;
    if (end > start) {
      const tal = bytes.subarray(start, end);
      const firstSep = tal.indexOf(TAL_END_TEXT);
      if (firstSep < 0) throw new RangeError("EDF+ TAL without a 0x14 separator");
      const timing = decoder.decode(tal.subarray(0, firstSep));
      const durAt = timing.indexOf(String.fromCharCode(TAL_DURATION));
      const onset = parseTalNumber(durAt < 0 ? timing : timing.slice(0, durAt), "onset");
      if (!/^[+-]/.test(timing)) throw new RangeError(`EDF+ TAL onset must start with + or -: "${timing}"`);
      const parsed: ParsedTal = { onset, texts: [] };
      if (durAt >= 0) parsed.duration = parseTalNumber(timing.slice(durAt + 1), "duration");
      // Texts are the fields between 0x14 separators; the last separator closes the list.
      const body = tal.subarray(firstSep + 1);
      let from = 0;
      for (let i = 0; i < body.length; i++) {
        if (body[i] === TAL_END_TEXT) {
          parsed.texts.push(decoder.decode(body.subarray(from, i)));
          from = i + 1;
        }
      }
      tals.push(parsed);
    }
    start = end + 1;
  }
  return tals;
}

function roundTime(seconds: number): number {
  return Math.round(seconds * 10 ** TIME_DECIMALS) / 10 ** TIME_DECIMALS;
}

/** Header start date (UTC), using the EDF+ recording identification for years after 2084. */
function headerDate(dateField: string, timeField: string, recordingId: string): Date {
  const d = /^(\d{2})\.(\d{2})\.(\d{2}|yy)$/.exec(dateField);
  const t = /^(\d{2})\.(\d{2})\.(\d{2})$/.exec(timeField);
  if (d === null) throw new RangeError(`EDF startdate field must be dd.mm.yy, got "${dateField}"`);
  if (t === null) throw new RangeError(`EDF starttime field must be hh.mm.ss, got "${timeField}"`);
  let year: number;
  const plus = /^Startdate (\d{2})-([A-Z]{3})-(\d{4})/.exec(recordingId);
  if (plus !== null) year = Number(plus[3]);
  else if (d[3] === "yy")
    throw new RangeError(
      'EDF startdate year "yy" needs an EDF+ "Startdate dd-MMM-yyyy" recording identification',
    );
  else year = Number(d[3]) >= 85 ? 1900 + Number(d[3]) : 2000 + Number(d[3]);
  return new Date(Date.UTC(year, Number(d[2]) - 1, Number(d[1]), Number(t[1]), Number(t[2]), Number(t[3])));
}

/** Read an EDF or EDF+ file: header, physical values, annotations and record start times. */
export function readEdf(bytes: Uint8Array): EdfFile {
  if (!(bytes instanceof Uint8Array)) throw new RangeError("readEdf expects a Uint8Array");
  if (bytes.length < 256)
    throw new RangeError(`EDF file too short: ${bytes.length} bytes, the fixed header alone is 256`);
  const version = ascii(bytes, 0, 8);
  const patientIdentification = ascii(bytes, 8, 80);
  const recordingIdentification = ascii(bytes, 88, 80);
  const startDateField = ascii(bytes, 168, 8);
  const startTimeField = ascii(bytes, 176, 8);
  const headerBytes = parseNumberField(ascii(bytes, 184, 8), "number of header bytes");
  const reserved = ascii(bytes, 192, 44);
  let recordCount = parseNumberField(ascii(bytes, 236, 8), "number of data records");
  const dataRecordSeconds = parseNumberField(ascii(bytes, 244, 8), "duration of a data record");
  const signalCount = parseNumberField(ascii(bytes, 252, 4), "number of signals");
  if (version !== "0") throw new RangeError(`EDF version field must be "0", got "${version}"`);
  if (!Number.isInteger(signalCount) || signalCount < 1)
    throw new RangeError(`EDF number of signals must be ≥ 1, got ${signalCount}`);
  if (headerBytes !== 256 * (signalCount + 1)) {
    throw new RangeError(`EDF header size ${headerBytes} does not match 256 × (${signalCount} signals + 1)`);
  }
  if (bytes.length < headerBytes)
    throw new RangeError(`EDF file truncated inside the header (${bytes.length} < ${headerBytes} bytes)`);

  let offset = 256;
  const column = (width: number) => {
    const values: string[] = [];
    for (let i = 0; i < signalCount; i++) {
      values.push(ascii(bytes, offset, width));
      offset += width;
    }
    return values;
  };
  const labels = column(16);
  const transducers = column(80);
  const dimensions = column(8);
  const physMins = column(8);
  const physMaxs = column(8);
  const digMins = column(8);
  const digMaxs = column(8);
  const prefilterings = column(80);
  const sampleCounts = column(8);
  const reserveds = column(32);
  const signalHeaders: EdfSignalHeader[] = labels.map((label, i) => ({
    label,
    transducer: transducers[i],
    physicalDimension: dimensions[i],
    physicalMin: parseNumberField(physMins[i], `physical minimum of signal ${i}`),
    physicalMax: parseNumberField(physMaxs[i], `physical maximum of signal ${i}`),
    digitalMin: parseNumberField(digMins[i], `digital minimum of signal ${i}`),
    digitalMax: parseNumberField(digMaxs[i], `digital maximum of signal ${i}`),
    prefiltering: prefilterings[i],
    samplesPerRecord: parseNumberField(sampleCounts[i], `samples per record of signal ${i}`),
    reserved: reserveds[i],
  }));
  const recordSamples = signalHeaders.reduce((acc, s) => acc + s.samplesPerRecord, 0);
  const recordBytes = 2 * recordSamples;
  // -1 means "unknown" (file still being written); derive it from the file size then.
  if (recordCount === -1) recordCount = Math.floor((bytes.length - headerBytes) / recordBytes);
  if (bytes.length < headerBytes + recordCount * recordBytes) {
    throw new RangeError(
      `EDF file truncated: ${recordCount} records of ${recordBytes} bytes need ${headerBytes + recordCount * recordBytes} bytes, got ${bytes.length}`,
    );
  }

  const format: EdfFile["format"] = reserved.startsWith("EDF+C")
    ? "EDF+C"
    : reserved.startsWith("EDF+D")
      ? "EDF+D"
      : "EDF";
  const isAnnotation = signalHeaders.map((s) => format !== "EDF" && s.label === ANNOTATION_LABEL);
  const outputs = signalHeaders.map((s, i) =>
    isAnnotation[i] ? null : new Float64Array(recordCount * s.samplesPerRecord),
  );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawStarts = new Float64Array(recordCount);
  const found: { onset: number; duration?: number; text: string; order: number }[] = [];
  let at = headerBytes;
  for (let r = 0; r < recordCount; r++) {
    let keptTime = false;
    signalHeaders.forEach((s, i) => {
      const n = s.samplesPerRecord;
      const target = outputs[i];
      if (target === null) {
        const tals = parseTals(bytes.subarray(at, at + 2 * n));
        tals.forEach((tal, k) => {
          let texts = tal.texts;
          // The first TAL of a record's first annotation signal keeps time: its first text is empty.
          if (!keptTime && k === 0 && texts.length > 0 && texts[0] === "") {
            rawStarts[r] = tal.onset;
            keptTime = true;
            texts = texts.slice(1);
          }
          for (const text of texts) {
            const a: { onset: number; duration?: number; text: string; order: number } = {
              onset: tal.onset,
              text,
              order: found.length,
            };
            if (tal.duration !== undefined) a.duration = tal.duration;
            found.push(a);
          }
        });
      } else {
        const gain = (s.physicalMax - s.physicalMin) / (s.digitalMax - s.digitalMin);
        const base = r * n;
        for (let k = 0; k < n; k++) {
          target[base + k] = (view.getInt16(at + 2 * k, true) - s.digitalMin) * gain + s.physicalMin;
        }
      }
      at += 2 * n;
    });
    if (!keptTime) {
      if (format !== "EDF") throw new RangeError(`EDF+ data record ${r} has no time-keeping TAL`);
      rawStarts[r] = r * dataRecordSeconds;
    }
  }

  // Report times relative to the first record (EDF+ puts a sub-second start offset there).
  const origin = recordCount > 0 ? rawStarts[0] : 0;
  const recordStartSeconds = rawStarts.map((t) => roundTime(t - origin));
  const startDate = new Date(
    headerDate(startDateField, startTimeField, recordingIdentification).getTime() + origin * 1000,
  );
  found.sort((a, b) => a.onset - b.onset || a.order - b.order);
  // The duration key is present only when the TAL had one, as in the writer's input.
  const annotations: EdfAnnotation[] = found.map((a) =>
    a.duration === undefined
      ? { onsetSeconds: roundTime(a.onset - origin), text: a.text }
      : { onsetSeconds: roundTime(a.onset - origin), durationSeconds: a.duration, text: a.text },
  );

  let patient: EdfFile["patient"] = null;
  if (format !== "EDF") {
    const parts = patientIdentification.split(" ");
    patient = {
      code: parts[0] ?? "X",
      sex: parts[1] ?? "X",
      birthdate: parts[2] ?? "X",
      name: parts[3] ?? "X",
    };
  }
  const signals: EdfSignal[] = [];
  signalHeaders.forEach((s, i) => {
    const data = outputs[i];
    if (data !== null) signals.push({ ...s, samplesPerSecond: s.samplesPerRecord / dataRecordSeconds, data });
  });
  return {
    header: {
      version,
      patientIdentification,
      recordingIdentification,
      startDateField,
      startTimeField,
      headerBytes,
      reserved,
      recordCount,
      dataRecordSeconds,
      signalCount,
      signals: signalHeaders,
    },
    format,
    patient,
    startDate,
    dataRecordSeconds,
    recordStartSeconds,
    signals,
    annotations,
  };
}
