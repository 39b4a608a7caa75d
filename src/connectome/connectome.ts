/**
 * A structural connectome: region labels and centres, coupling weights and tract lengths.
 * Matrices are row-major n*n with row = target and column = source (TVB convention: node i
 * receives sum_j w[i][j] x_j).
 */
export interface Connectome {
  readonly name: string;
  readonly labels: readonly string[];
  /** n*3 region centres (mm), x y z per region. */
  readonly centres: Float64Array;
  /** n*n weights (arbitrary units), row = target, column = source. */
  readonly weights: Float64Array;
  /** n*n tract lengths (mm). */
  readonly tractLengths: Float64Array;
}

export function regionCount(connectome: Connectome): number {
  return connectome.labels.length;
}

/** Index of a region label; throws naming the label and a few close matches when absent. */
export function regionIndex(connectome: Connectome, label: string, field = "region"): number {
  const i = connectome.labels.indexOf(label);
  if (i >= 0) return i;
  const lower = label.toLowerCase();
  const close = connectome.labels.filter(
    (l) => l.toLowerCase().includes(lower) || lower.includes(l.toLowerCase()),
  );
  const hint = close.length > 0 ? `; did you mean ${close.slice(0, 5).join(", ")}?` : "";
  throw new RangeError(
    `${field}: '${label}' is not a region of connectome '${connectome.name}' (${connectome.labels.length} regions: ${connectome.labels.slice(0, 6).join(", ")}, ...)${hint}`,
  );
}

/**
 * Parse TVB's connectivity text layout (weights.txt, tract_lengths.txt, centres.txt) into a
 * Connectome. Pure: takes the files' text, so it works in Node and in the browser.
 */
export function parseTvbConnectivity(
  name: string,
  files: { weights: string; tractLengths: string; centres: string },
): Connectome {
  const labels: string[] = [];
  const centreValues: number[] = [];
  files.centres.split(/\r?\n/).forEach((line, row) => {
    const cells = line.trim().split(/\s+/);
    if (cells.length === 1 && cells[0] === "") return;
    if (cells.length < 4)
      throw new RangeError(
        `${name}: centres.txt line ${row + 1} must be 'label x y z', got '${line.trim()}'`,
      );
    labels.push(cells[0]);
    for (let k = 1; k <= 3; k++)
      centreValues.push(parseNumber(cells[k], `${name}: centres.txt line ${row + 1}`));
  });
  const n = labels.length;
  if (n === 0) throw new RangeError(`${name}: centres.txt has no regions`);
  const weights = parseMatrix(files.weights, n, `${name}: weights.txt`);
  const tractLengths = parseMatrix(files.tractLengths, n, `${name}: tract_lengths.txt`);
  for (let k = 0; k < n * n; k++) {
    if (weights[k] < 0)
      throw new RangeError(
        `${name}: weights.txt entry [${Math.floor(k / n)}][${k % n}] = ${weights[k]} must be >= 0`,
      );
    if (tractLengths[k] < 0)
      throw new RangeError(
        `${name}: tract_lengths.txt entry [${Math.floor(k / n)}][${k % n}] = ${tractLengths[k]} must be >= 0`,
      );
  }
  const duplicates = labels.filter((l, i) => labels.indexOf(l) !== i);
  if (duplicates.length > 0)
    throw new RangeError(`${name}: duplicate region labels ${duplicates.join(", ")}`);
  return { name, labels, centres: Float64Array.from(centreValues), weights, tractLengths };
}

function parseNumber(text: string, where: string): number {
  const v = Number(text);
  if (!Number.isFinite(v)) throw new RangeError(`${where}: '${text}' is not a finite number`);
  return v;
}

function parseMatrix(text: string, n: number, where: string): Float64Array {
  const out = new Float64Array(n * n);
  let row = 0;
  for (const line of text.split(/\r?\n/)) {
    const cells = line.trim().split(/\s+/);
    if (cells.length === 1 && cells[0] === "") continue;
    if (row >= n) throw new RangeError(`${where}: more than ${n} rows (one per region in centres.txt)`);
    if (cells.length !== n)
      throw new RangeError(`${where}: row ${row + 1} has ${cells.length} values, expected ${n}`);
    for (let j = 0; j < n; j++) out[row * n + j] = parseNumber(cells[j], `${where} row ${row + 1}`);
    row++;
  }
  if (row !== n) throw new RangeError(`${where}: ${row} rows, expected ${n}`);
  return out;
}
