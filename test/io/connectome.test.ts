/**
 * Connectome loading: the bundled TVB 76-region set, a user's TVB folder and zip (the layout of
 * TVB's connectivity_*.zip), and clear errors for malformed files.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync, strToU8 } from "fflate";
import { loadConnectome } from "../../src/io/connectome.js";
import { parseTvbConnectivity, regionIndex } from "../../src/connectome/connectome.js";
import { ROOT } from "../helpers.js";

const folder = join(ROOT, "data/connectome/tvb76");

test("bundled tvb76: 76 regions, row = target weights as shipped, mesial temporal regions present", () => {
  const c = loadConnectome("tvb76");
  assert.equal(c.labels.length, 76);
  assert.equal(c.weights.length, 76 * 76);
  assert.equal(c.labels[0], "rA1");
  assert.equal(c.labels[75], "lCC");
  for (const label of ["lHC", "lAMYG", "lPHC", "lTCI", "lTCV"]) assert.ok(regionIndex(c, label) >= 0);
  // First row of weights.txt, parsed without the loader.
  const firstRow = readFileSync(join(folder, "weights.txt"), "utf8")
    .split("\n")[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  assert.deepEqual(Array.from(c.weights.subarray(0, 76)), firstRow);
  // Frame check from the data's provenance: +y left (lA1 has y > 0, rA1 y < 0).
  assert.ok(c.centres[3 * regionIndex(c, "lA1") + 1] > 0 && c.centres[1] < 0);
});

test("a TVB folder and a TVB zip give the same connectome as the bundled one", () => {
  const bundled = loadConnectome("tvb76");
  const dir = mkdtempSync(join(tmpdir(), "ictal-conn-"));
  const files = ["weights.txt", "tract_lengths.txt", "centres.txt", "cortical.txt"];
  const zipPath = join(dir, "connectivity_76.zip");
  writeFileSync(
    zipPath,
    zipSync(Object.fromEntries(files.map((f) => [f, new Uint8Array(readFileSync(join(folder, f)))]))),
  );
  const fromZip = loadConnectome(zipPath);
  assert.equal(fromZip.name, "connectivity_76");
  const copy = join(dir, "mine");
  mkdirSync(copy);
  for (const f of files) writeFileSync(join(copy, f), readFileSync(join(folder, f)));
  const fromFolder = loadConnectome(copy);
  for (const c of [fromZip, fromFolder]) {
    assert.deepEqual(c.labels, bundled.labels);
    assert.deepEqual(c.weights, bundled.weights);
    assert.deepEqual(c.tractLengths, bundled.tractLengths);
    assert.deepEqual(c.centres, bundled.centres);
  }
});

test("malformed connectomes are rejected with the file and the problem", () => {
  const centres = "A 0 0 0\nB 1 0 0\n";
  assert.throws(
    () => parseTvbConnectivity("x", { centres, weights: "0 1\n1 0 3\n", tractLengths: "0 1\n1 0\n" }),
    /weights\.txt: row 2 has 3 values, expected 2/,
  );
  assert.throws(
    () => parseTvbConnectivity("x", { centres, weights: "0 1\n", tractLengths: "0 1\n1 0\n" }),
    /weights\.txt: 1 rows, expected 2/,
  );
  assert.throws(
    () => parseTvbConnectivity("x", { centres, weights: "0 -1\n1 0\n", tractLengths: "0 1\n1 0\n" }),
    /must be >= 0/,
  );
  assert.throws(
    () => parseTvbConnectivity("x", { centres: "A 0 0\n", weights: "0\n", tractLengths: "0\n" }),
    /centres\.txt line 1/,
  );
  assert.throws(
    () =>
      parseTvbConnectivity("x", {
        centres: "A 0 0 0\nA 1 1 1\n",
        weights: "0 0\n0 0\n",
        tractLengths: "0 0\n0 0\n",
      }),
    /duplicate region labels A/,
  );
  const dir = mkdtempSync(join(tmpdir(), "ictal-conn-bad-"));
  writeFileSync(join(dir, "bad.zip"), zipSync({ "weights.txt": strToU8("0\n") }));
  assert.throws(() => loadConnectome(join(dir, "bad.zip")), /has no tract_lengths\.txt/);
  assert.throws(
    () => loadConnectome("no-such-connectome"),
    /neither a bundled connectome \(tvb76\) nor an existing folder or \.zip/,
  );
});
