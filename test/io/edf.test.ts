/**
 * Tests for the EDF+ writer and reader (src/io/edf.ts).
 *
 * Checked against: Kemp et al. 1992 (EDF header layout, 16-bit samples, digital↔physical
 * mapping) and Kemp & Olivan 2003 / the EDF+ specification (EDF+C, identification subfields,
 * "EDF Annotations" signal, TALs with a time-keeping TAL first in every record). Independent
 * check: the npm package `edfdecoder` decodes the header and raw samples, and the TALs in the
 * annotation channel are parsed by a small parser written here, not the one in src/io/edf.ts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readEdf, writeEdfPlus, toEdfAscii, type EdfInput, type EdfAnnotation } from "../../src/io/edf.js";

/** The part of edfdecoder's API these tests use (see node_modules/edfdecoder/src/*.js). */
interface DecodedEdf {
  getNumberOfSignals(): number;
  getNumberOfRecords(): number;
  getRecordDuration(): number;
  getSignalLabel(i: number): string;
  getSignalSamplingFrequency(i: number): number;
  getSignalNumberOfSamplesPerRecord(i: number): number;
  getSignalPhysicalMin(i: number): number;
  getSignalPhysicalMax(i: number): number;
  getSignalDigitalMin(i: number): number;
  getSignalDigitalMax(i: number): number;
  getSignalPhysicalUnit(i: number): string;
  getReservedField(): string;
  getPatientID(): string;
  getRecordingID(): string;
  getPhysicalSignalConcatRecords(i: number): Float32Array;
  getRawSignal(i: number, record: number): Int16Array;
}
// edfdecoder ships CommonJS without type declarations; require() keeps the strict build clean.
const requireCjs = createRequire(import.meta.url);
const { EdfDecoder } = requireCjs("edfdecoder") as {
  EdfDecoder: new () => { setInput(b: ArrayBuffer): void; decode(): void; getOutput(): DecodedEdf | null };
};

function decodeWithEdfdecoder(bytes: Uint8Array): DecodedEdf {
  const decoder = new EdfDecoder();
  decoder.setInput(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  decoder.decode();
  const out = decoder.getOutput();
  assert.ok(out !== null, "edfdecoder failed to decode the file");
  return out;
}

/**
 * Minimal TAL parser, written from the EDF+ text independently of src/io/edf.ts:
 * TAL = [+-]onset [0x15 duration] 0x14 (text 0x14)* 0x00; records are zero-filled after the TALs.
 */
function parseTalsIndependently(
  bytes: Uint8Array,
): { onset: string; duration: string | null; texts: string[] }[] {
  const out: { onset: string; duration: string | null; texts: string[] }[] = [];
  const text = Buffer.from(bytes).toString("utf8");
  for (const tal of text.split("\u0000")) {
    if (tal === "") continue;
    const fields = tal.split("\u0014");
    assert.equal(fields[fields.length - 1], "", `TAL does not end with 0x14: ${JSON.stringify(tal)}`);
    const [timing, ...texts] = fields.slice(0, -1);
    const [onset, duration] = timing.split("\u0015");
    assert.match(onset, /^[+-]\d+(\.\d+)?$/);
    if (duration !== undefined) assert.match(duration, /^\d+(\.\d+)?$/);
    out.push({ onset, duration: duration ?? null, texts });
  }
  return out;
}

function sine(n: number, rate: number, freq: number, amp: number, offset = 0): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++)
    out[k] = offset + amp * Math.sin((2 * Math.PI * freq * k) / rate) + 0.1 * amp * Math.cos(k);
  return out;
}

function halfStep(min: number, max: number): number {
  return (max - min) / 65535 / 2;
}

const START = new Date(Date.UTC(2026, 10, 24, 13, 5, 9));
const SEIZURES: EdfAnnotation[] = [
  { onsetSeconds: 2.25, durationSeconds: 4.5, text: "seizure onset CTX-lh-insula" },
  { onsetSeconds: 3, durationSeconds: 3.125, text: "seizure onset Hippocampus – gauche é" },
  { onsetSeconds: 6.125, text: "seizure offset CTX-lh-insula" },
  { onsetSeconds: 6.75, durationSeconds: 0, text: "seizure offset Hippocampus" },
];

function sampleInput(): EdfInput {
  const f32 = new Float32Array(sine(8 * 128, 128, 3, 50, -20));
  return {
    patient: {},
    recording: { startDate: START },
    signals: [
      {
        label: "SEEG A1-A2",
        physicalDimension: "uV",
        samplesPerSecond: 256,
        data: sine(8 * 256, 256, 7, 300, 12),
      },
      {
        label: "SEEG B3-B4",
        physicalDimension: "uV",
        samplesPerSecond: 128,
        data: f32,
        transducer: "depth electrode",
      },
      {
        label: "SEEG C1-C2",
        physicalDimension: "mV",
        samplesPerSecond: 256,
        data: sine(8 * 256, 256, 1.5, 0.004),
        prefiltering: "HP:0.1Hz LP:100Hz",
      },
    ],
    annotations: SEIZURES,
  };
}

test("round trip: physical values within half a quantisation step, annotations identical", () => {
  const input = sampleInput();
  const file = readEdf(writeEdfPlus(input));
  assert.equal(file.format, "EDF+C");
  assert.equal(file.dataRecordSeconds, 1);
  assert.equal(file.header.recordCount, 8);
  assert.equal(file.startDate.getTime(), START.getTime());
  assert.deepEqual(Array.from(file.recordStartSeconds), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(file.signals.length, 3);
  input.signals.forEach((s, i) => {
    const got = file.signals[i];
    assert.equal(got.label, s.label);
    assert.equal(got.samplesPerSecond, s.samplesPerSecond);
    assert.equal(got.physicalDimension, s.physicalDimension);
    assert.equal(got.data.length, s.data.length);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of s.data) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    // Header bounds enclose the data (rounded outwards to fit 8 characters) — no clipping.
    assert.ok(got.physicalMin <= lo && got.physicalMax >= hi, `signal ${i} bounds do not enclose the data`);
    const tol = halfStep(got.physicalMin, got.physicalMax) * (1 + 1e-9);
    for (let k = 0; k < s.data.length; k++) {
      assert.ok(
        Math.abs(got.data[k] - s.data[k]) <= tol,
        `signal ${i} sample ${k}: ${got.data[k]} vs ${s.data[k]}`,
      );
    }
  });
  assert.equal(file.signals[1].transducer, "depth electrode");
  assert.equal(file.signals[2].prefiltering, "HP:0.1Hz LP:100Hz");
  assert.deepEqual(file.annotations, SEIZURES);
  assert.deepEqual(file.patient, { code: "X", sex: "X", birthdate: "X", name: "X" });
});

test("header: exact field widths, ASCII only, EDF+ identification subfields and byte count", () => {
  const input = sampleInput();
  const bytes = writeEdfPlus(input);
  const ns = input.signals.length + 1;
  const field = (start: number, width: number) =>
    Buffer.from(bytes.subarray(start, start + width)).toString("latin1");
  for (let i = 0; i < 256 * (ns + 1); i++) {
    assert.ok(bytes[i] >= 32 && bytes[i] <= 126, `header byte ${i} is not printable ASCII (${bytes[i]})`);
  }
  assert.equal(field(0, 8), "0       ");
  assert.equal(field(8, 80), "X X X X".padEnd(80));
  assert.equal(field(88, 80), "Startdate 24-NOV-2026 X X X".padEnd(80));
  assert.equal(field(168, 8), "24.11.26");
  assert.equal(field(176, 8), "13.05.09");
  assert.equal(field(184, 8), String(256 * (ns + 1)).padEnd(8));
  assert.equal(field(192, 44), "EDF+C".padEnd(44));
  assert.equal(field(236, 8), "8       ");
  assert.equal(field(244, 8), "1       ");
  assert.equal(field(252, 4), "4   ");
  // Per-signal fields, each column ns entries wide: 16, 80, 8, 8, 8, 8, 8, 80, 8, 32.
  const widths = [16, 80, 8, 8, 8, 8, 8, 80, 8, 32];
  const columnStart = (c: number) => 256 + ns * widths.slice(0, c).reduce((a, b) => a + b, 0);
  const cell = (c: number, i: number) => field(columnStart(c) + i * widths[c], widths[c]);
  assert.equal(columnStart(10), 256 * (ns + 1));
  assert.equal(cell(0, 0), "SEEG A1-A2      ");
  assert.equal(cell(0, 3), "EDF Annotations ");
  assert.equal(cell(1, 1), "depth electrode".padEnd(80));
  assert.equal(cell(2, 2), "mV      ");
  assert.equal(cell(5, 0), "-32768  ");
  assert.equal(cell(6, 3), "32767   ");
  assert.equal(cell(7, 2), "HP:0.1Hz LP:100Hz".padEnd(80));
  assert.equal(cell(8, 0), "256     ");
  assert.equal(cell(8, 1), "128     ");
  assert.equal(cell(9, 3), " ".repeat(32));
  const samples = [0, 1, 2, 3].map((i) => Number(cell(8, i)));
  const records = 8;
  assert.equal(bytes.length, 256 * (ns + 1) + records * samples.reduce((a, b) => a + b, 0) * 2);
});

test("patient and recording subfields: spaces become _, non-ASCII transliterated, birthdate normalised", () => {
  const bytes = writeEdfPlus({
    ...sampleInput(),
    patient: { code: "VP 007", sex: "F", birthdate: "02-aug-1951", name: "Zoë D´Arcy" },
    recording: {
      startDate: START,
      administrationCode: "PSG-1",
      technician: "Jürgen",
      equipment: "ictal sim",
    },
  });
  const text = Buffer.from(bytes.subarray(8, 168)).toString("latin1");
  assert.equal(text.slice(0, 80).trimEnd(), "VP_007 F 02-AUG-1951 Zoe_D'Arcy");
  assert.equal(text.slice(80).trimEnd(), "Startdate 24-NOV-2026 PSG-1 Jurgen ictal_sim");
  assert.equal(readEdf(bytes).patient?.name, "Zoe_D'Arcy");
  assert.equal(toEdfAscii("µV"), "uV");
  assert.equal(toEdfAscii("Fp1´"), "Fp1'");
});

test("edfdecoder (independent reader) agrees on header, sampling, records and physical values", () => {
  const input = sampleInput();
  const bytes = writeEdfPlus(input);
  const edf = decodeWithEdfdecoder(bytes);
  assert.equal(edf.getNumberOfSignals(), input.signals.length + 1);
  assert.equal(edf.getNumberOfRecords(), 8);
  assert.equal(edf.getRecordDuration(), 1);
  assert.ok(edf.getReservedField().startsWith("EDF+C"));
  assert.equal(edf.getPatientID(), "X X X X");
  assert.equal(edf.getRecordingID(), "Startdate 24-NOV-2026 X X X");
  input.signals.forEach((s, i) => {
    assert.equal(edf.getSignalLabel(i), s.label);
    assert.equal(edf.getSignalPhysicalUnit(i), s.physicalDimension);
    assert.equal(edf.getSignalSamplingFrequency(i), s.samplesPerSecond);
    assert.equal(edf.getSignalDigitalMin(i), -32768);
    assert.equal(edf.getSignalDigitalMax(i), 32767);
    const values = edf.getPhysicalSignalConcatRecords(i);
    assert.equal(values.length, s.data.length);
    const pmin = edf.getSignalPhysicalMin(i);
    const pmax = edf.getSignalPhysicalMax(i);
    for (let k = 0; k < s.data.length; k++) {
      // edfdecoder returns Float32, so allow its rounding on top of the quantisation step.
      const tol = halfStep(pmin, pmax) + 2 ** -23 * Math.max(Math.abs(pmin), Math.abs(pmax)) * 2;
      assert.ok(
        Math.abs(values[k] - s.data[k]) <= tol,
        `edfdecoder signal ${i} sample ${k}: ${values[k]} vs ${s.data[k]}`,
      );
    }
  });
  assert.equal(edf.getSignalLabel(3), "EDF Annotations");
});

test("edfdecoder's raw annotation channel parses (independent TAL parser) to the written annotations", () => {
  const input = sampleInput();
  const edf = decodeWithEdfdecoder(writeEdfPlus(input));
  const annotationIndex = edf.getNumberOfSignals() - 1;
  const found: { onset: number; duration?: number; text: string }[] = [];
  for (let r = 0; r < edf.getNumberOfRecords(); r++) {
    const raw = edf.getRawSignal(annotationIndex, r);
    // Back to the bytes on disk: each int16 sample is little-endian.
    const bytes = new Uint8Array(raw.length * 2);
    raw.forEach((v, k) => {
      bytes[2 * k] = v & 0xff;
      bytes[2 * k + 1] = (v >> 8) & 0xff;
    });
    const tals = parseTalsIndependently(bytes);
    // First TAL of every record keeps time: "+<record start>" with one empty annotation.
    assert.ok(tals.length >= 1, `record ${r} has no TAL`);
    assert.equal(Number(tals[0].onset), r);
    assert.equal(tals[0].duration, null);
    assert.deepEqual(tals[0].texts, [""]);
    for (const tal of tals.slice(1)) {
      for (const text of tal.texts) {
        found.push(
          tal.duration === null
            ? { onset: Number(tal.onset), text }
            : { onset: Number(tal.onset), duration: Number(tal.duration), text },
        );
      }
      // Kept near the onset: annotations sit in the record whose span contains their onset.
      assert.equal(Math.floor(Number(tal.onset)), r);
    }
  }
  assert.deepEqual(
    found,
    SEIZURES.map((a) =>
      a.durationSeconds === undefined
        ? { onset: a.onsetSeconds, text: a.text }
        : { onset: a.onsetSeconds, duration: a.durationSeconds, text: a.text },
    ),
  );
});

test("padding: a short last record holds the last value and an annotation marks the true end", () => {
  const data = Float64Array.from({ length: 250 }, (_, k) => k / 10);
  const bytes = writeEdfPlus({
    patient: {},
    recording: { startDate: START },
    signals: [{ label: "x", physicalDimension: "uV", samplesPerSecond: 100, data }],
    annotations: [],
  });
  const file = readEdf(bytes);
  assert.equal(file.header.recordCount, 3);
  const got = file.signals[0].data;
  assert.equal(got.length, 300);
  const tol = halfStep(file.signals[0].physicalMin, file.signals[0].physicalMax) * (1 + 1e-9);
  for (let k = 250; k < 300; k++) assert.ok(Math.abs(got[k] - 24.9) <= tol);
  assert.equal(file.annotations.length, 1);
  assert.equal(file.annotations[0].onsetSeconds, 2.5);
  assert.equal(file.annotations[0].durationSeconds, 0.5);
  assert.match(file.annotations[0].text, /end of data/);
});

test("quantisation: physical bounds map to digital extremes, values outside are clipped", () => {
  const data = Float64Array.from([-100, -50, 0, 50, 100, 150, -150, 0.0015]);
  const bytes = writeEdfPlus({
    patient: {},
    recording: { startDate: START },
    signals: [
      { label: "c", physicalDimension: "uV", samplesPerSecond: 8, data, physicalMin: -100, physicalMax: 100 },
    ],
    annotations: [],
  });
  const view = new DataView(bytes.buffer, bytes.byteOffset + 256 * 3);
  const digital = Array.from({ length: 8 }, (_, k) => view.getInt16(2 * k, true));
  // d = round((p - pmin) / (pmax - pmin) * 65535 - 32768): 50 -> round(16383.25), -50 -> round(-16384.25)
  assert.deepEqual(digital, [-32768, -16384, 0, 16383, 32767, 32767, -32768, 0]);
  const back = readEdf(bytes).signals[0].data;
  assert.equal(back[0], -100);
  assert.equal(back[4], 100);
  assert.equal(back[5], 100);
  assert.equal(back[6], -100);
});

test("constant signal and tiny ranges still get min < max in 8 characters", () => {
  const file = readEdf(
    writeEdfPlus({
      patient: {},
      recording: { startDate: START },
      signals: [
        { label: "flat", physicalDimension: "uV", samplesPerSecond: 4, data: new Float64Array(8).fill(3.25) },
        {
          label: "tiny",
          physicalDimension: "V",
          samplesPerSecond: 4,
          data: Float64Array.from([1e-9, 2e-9, 3e-9, 1e-9, 0, 0, 0, 0]),
        },
        {
          label: "huge",
          physicalDimension: "nV",
          samplesPerSecond: 4,
          data: Float64Array.from([-1234567.891, 9876543.21, 0, 0, 0, 0, 0, 0]),
        },
      ],
      annotations: [],
    }),
  );
  for (const s of file.signals) assert.ok(s.physicalMin < s.physicalMax, s.label);
  const flat = file.signals[0];
  for (const v of flat.data)
    assert.ok(Math.abs(v - 3.25) <= halfStep(flat.physicalMin, flat.physicalMax) * 1.000001);
  const huge = file.signals[2];
  assert.ok(huge.physicalMin <= -1234567.891 && huge.physicalMax >= 9876543.21);
});

test("many annotations in one record are spread to nearby records; annotation channel stays small", () => {
  const annotations: EdfAnnotation[] = Array.from({ length: 120 }, (_, i) => ({
    onsetSeconds: 5 + i / 128, // binary fractions: exact at the 1 ns TAL resolution
    durationSeconds: 1,
    text: `seizure onset region_${String(i).padStart(3, "0")}`,
  }));
  annotations.push({ onsetSeconds: 18.5, text: "isolated" });
  const input: EdfInput = {
    patient: {},
    recording: { startDate: START },
    signals: [{ label: "x", physicalDimension: "uV", samplesPerSecond: 10, data: sine(200, 10, 1, 1) }],
    annotations,
  };
  const bytes = writeEdfPlus(input);
  const file = readEdf(bytes);
  assert.deepEqual(file.annotations, annotations);
  const annotationSamples = file.header.signals[1].samplesPerRecord;
  const talBytes = annotations
    .slice(0, 120)
    .reduce((acc, a) => acc + `+${a.onsetSeconds}\x151\x14${a.text}\x14\x00`.length, 0);
  assert.ok(
    annotationSamples * 2 < talBytes / 2,
    `annotation channel ${annotationSamples * 2} B/record not spread (cluster ${talBytes} B)`,
  );
  // The isolated annotation still sits in the record containing its onset (record 18).
  const recordBytes = 2 * (10 + annotationSamples);
  const rec18 = bytes.subarray(256 * 3 + 18 * recordBytes + 20, 256 * 3 + 19 * recordBytes);
  assert.ok(Buffer.from(rec18).toString("utf8").includes("+18.5\x14isolated\x14\x00"));
});

test("sub-second start time goes into the first time-keeping TAL and round-trips", () => {
  const start = new Date(Date.UTC(2001, 2, 4, 5, 6, 7, 250));
  const bytes = writeEdfPlus({
    patient: {},
    recording: { startDate: start },
    signals: [{ label: "x", physicalDimension: "uV", samplesPerSecond: 2, data: sine(6, 2, 0.5, 1) }],
    annotations: [{ onsetSeconds: 1.5, text: "event" }],
  });
  assert.equal(Buffer.from(bytes.subarray(176, 184)).toString("latin1"), "05.06.07");
  const firstRecord = Buffer.from(bytes.subarray(256 * 3 + 4)).toString("latin1");
  assert.ok(firstRecord.startsWith("+0.25\x14\x14\x00"));
  const file = readEdf(bytes);
  assert.equal(file.startDate.getTime(), start.getTime());
  assert.deepEqual(Array.from(file.recordStartSeconds), [0, 1, 2]);
  assert.deepEqual(file.annotations, [{ onsetSeconds: 1.5, text: "event" }]);
});

test("dates: years after 2084 use 'yy'; years before 1985 are rejected", () => {
  const late = new Date(Date.UTC(2090, 0, 2, 3, 4, 5));
  const bytes = writeEdfPlus({ ...sampleInput(), recording: { startDate: late } });
  assert.equal(Buffer.from(bytes.subarray(168, 176)).toString("latin1"), "02.01.yy");
  assert.equal(readEdf(bytes).startDate.getTime(), late.getTime());
  assert.throws(
    () => writeEdfPlus({ ...sampleInput(), recording: { startDate: new Date(Date.UTC(1984, 0, 1)) } }),
    (e: unknown) =>
      e instanceof RangeError && /recording\.startDate year must be 1985 or later/.test(e.message),
  );
});

test("sub-millisecond record duration from a noisy sampling rate (1 sample per record)", () => {
  const rate = 1 / (0.5 * 0.01 + 1e-18); // a rate computed from a time step, not an exact integer
  const file = readEdf(
    writeEdfPlus({
      patient: {},
      recording: { startDate: START },
      signals: [{ label: "x", physicalDimension: "uV", samplesPerSecond: rate, data: sine(40, 200, 5, 1) }],
      annotations: [{ onsetSeconds: 0.1, text: "a" }],
      dataRecordSeconds: 1 / rate,
    }),
  );
  assert.equal(file.dataRecordSeconds, 0.005);
  assert.equal(file.header.recordCount, 40);
  assert.equal(file.recordStartSeconds[3], 0.015);
  assert.deepEqual(file.annotations, [{ onsetSeconds: 0.1, text: "a" }]);
});

test("bad input throws RangeError naming the field and the allowed range", () => {
  const base = sampleInput();
  const withSignal = (patch: Partial<EdfInput["signals"][number]>): EdfInput => ({
    ...base,
    signals: [{ ...base.signals[0], ...patch }, ...base.signals.slice(1)],
  });
  const cases: [EdfInput, RegExp][] = [
    [
      withSignal({ data: Float64Array.from([1, 2, NaN, ...new Array(8 * 256 - 3).fill(0)]) }),
      /signals\[0\]\.data \("SEEG A1-A2"\) has a non-finite value \(NaN\) at sample index 2/,
    ],
    [
      withSignal({ samplesPerSecond: 250.5 }),
      /signals\[0\]\.samplesPerSecond \(250\.5\) × dataRecordSeconds \(1\) = 250\.5 .*whole number/,
    ],
    [
      withSignal({ label: "a label that is far too long" }),
      /signals\[0\]\.label is 28 characters .* at most 16/,
    ],
    [withSignal({ label: "   " }), /signals\[0\]\.label must be 1\.\.16/],
    [withSignal({ label: "EDF Annotations" }), /reserved/],
    [withSignal({ physicalDimension: "microvolts" }), /signals\[0\]\.physicalDimension .* at most 8/],
    [
      withSignal({ physicalMin: 5, physicalMax: 5 }),
      /signals\[0\]\.physicalMin \(5\) must be < physicalMax \(5\)/,
    ],
    [withSignal({ physicalMin: -1 }), /give both physicalMin and physicalMax/],
    [withSignal({ samplesPerSecond: 0 }), /signals\[0\]\.samplesPerSecond must be > 0/],
    [withSignal({ data: new Float64Array(0) }), /must hold at least 1 sample/],
    [
      withSignal({ data: new Float64Array(5 * 256) }),
      /signals\[0\] \("SEEG A1-A2"\) spans 5 s .* same duration/,
    ],
    [
      withSignal({ data: Float64Array.from([1e12, ...new Array(8 * 256 - 1).fill(0)]) }),
      /physical range .* does not fit the 8-character/,
    ],
    [{ ...base, signals: [] }, /signals must hold 1\.\.9998 data signals, got 0/],
    [{ ...base, dataRecordSeconds: 0 }, /dataRecordSeconds must be > 0/],
    [
      { ...base, dataRecordSeconds: 1 / 3 },
      /dataRecordSeconds .* cannot be written exactly in the 8-character/,
    ],
    [{ ...base, patient: { sex: "Q" as "M" } }, /patient\.sex must be "M", "F" or "X"/],
    [{ ...base, patient: { birthdate: "1951-08-02" } }, /patient\.birthdate must be dd-MMM-yyyy/],
    [{ ...base, patient: { name: "n".repeat(80) } }, /patient identification .* at most 80/],
    [{ ...base, recording: { startDate: new Date(NaN) } }, /recording\.startDate must be a valid Date/],
    [
      { ...base, annotations: [{ onsetSeconds: Infinity, text: "x" }] },
      /annotations\[0\]\.onsetSeconds must be a finite number/,
    ],
    [
      { ...base, annotations: [{ onsetSeconds: 1, durationSeconds: -1, text: "x" }] },
      /annotations\[0\]\.durationSeconds must be ≥ 0/,
    ],
    [
      { ...base, annotations: [{ onsetSeconds: 1, text: "" }] },
      /annotations\[0\]\.text must be a non-empty string/,
    ],
  ];
  for (const [input, pattern] of cases) {
    assert.throws(
      () => writeEdfPlus(input),
      (e: unknown) => e instanceof RangeError && pattern.test(e.message),
      `expected RangeError matching ${pattern}`,
    );
  }
});

test("reader rejects truncated or malformed files", () => {
  const bytes = writeEdfPlus(sampleInput());
  assert.throws(() => readEdf(bytes.subarray(0, 100)), /too short/);
  assert.throws(() => readEdf(bytes.subarray(0, bytes.length - 2)), /truncated/);
  const bad = bytes.slice();
  bad[0] = "1".charCodeAt(0);
  assert.throws(() => readEdf(bad), /version/);
});

test("annotation text: UTF-8 kept, TAL separator bytes replaced so framing survives", () => {
  const file = readEdf(
    writeEdfPlus({
      ...sampleInput(),
      annotations: [{ onsetSeconds: 1, text: "Anfall – Beginn\x14\x00ü 発作" }],
    }),
  );
  assert.deepEqual(file.annotations, [{ onsetSeconds: 1, text: "Anfall – Beginn  ü 発作" }]);
});
