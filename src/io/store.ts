/**
 * Cohort results as a SQLite database (sql.js: SQLite compiled to WebAssembly, no native build)
 * and as CSV. Tables: `run` (key/value: scenario text, seed, code version, patients, created
 * from), `patients` (one row per patient), `periods` (one row per treatment period). Rows are
 * inserted in patient order, so the file depends only on the results.
 */
import initSqlJs from "sql.js";
import type { PatientRow, PeriodRow } from "../course/cohort.js";

type Row = Record<string, string | number | boolean | null>;

function sqlType(value: unknown): string {
  return typeof value === "number" ? "REAL" : typeof value === "boolean" ? "INTEGER" : "TEXT";
}

function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "1" : "0";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a header row from the keys of the first row (all rows share one shape). */
export function toCsv(rows: readonly Row[], columns?: readonly string[]): string {
  if (rows.length === 0 && columns === undefined) return "";
  const cols = columns ?? Object.keys(rows[0]);
  const lines = [cols.join(",")];
  for (const r of rows) lines.push(cols.map((c) => csvCell(r[c] ?? null)).join(","));
  return `${lines.join("\n")}\n`;
}

function createTable(db: import("sql.js").Database, name: string, rows: readonly Row[]): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  db.run(
    `CREATE TABLE ${name} (${cols.map((c) => `"${c}" ${sqlType(rows.find((r) => r[c] !== null)?.[c])}`).join(", ")})`,
  );
  const stmt = db.prepare(`INSERT INTO ${name} VALUES (${cols.map(() => "?").join(", ")})`);
  for (const r of rows)
    stmt.run(
      cols.map((c) => (typeof r[c] === "boolean" ? (r[c] ? 1 : 0) : r[c])) as (string | number | null)[],
    );
  stmt.free();
}

/** The cohort database as bytes. */
export async function renderCohortDatabase(
  run: Record<string, string | number>,
  patients: readonly PatientRow[],
  periods: readonly PeriodRow[],
): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.run("CREATE TABLE run (key TEXT PRIMARY KEY, value TEXT)");
    const stmt = db.prepare("INSERT INTO run VALUES (?, ?)");
    for (const [k, v] of Object.entries(run)) stmt.run([k, String(v)]);
    stmt.free();
    db.run("BEGIN");
    createTable(db, "patients", patients as unknown as Row[]);
    createTable(db, "periods", periods as unknown as Row[]);
    db.run("COMMIT");
    return db.export();
  } finally {
    db.close();
  }
}

/** Read back a table (for tests and tools). */
export async function readTable(
  bytes: Uint8Array,
  sql: string,
): Promise<{ columns: string[]; values: unknown[][] }> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  try {
    const [result] = db.exec(sql);
    return result ?? { columns: [], values: [] };
  } finally {
    db.close();
  }
}
