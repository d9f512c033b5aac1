// Bulk loading through PostgreSQL's COPY ... FROM STDIN (text format), fed from a generator of
// rows so that generating (Node) and loading (PostgreSQL) run side by side on two cores.

import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** NULL in COPY's text format. */
export const NULL = "\\N";

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A text value escaped for COPY's text format (backslash, tab, newline, carriage return). */
export function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

export function timestamp(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? NULL : new Date(ms).toISOString();
}

/** A `date` column from a UTC-midnight instant. */
export function date(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? NULL : new Date(ms).toISOString().slice(0, 10);
}

export function bool(value: boolean | null | undefined): string {
  return value === null || value === undefined ? NULL : value ? "t" : "f";
}

export type CopyResult = { table: string; rows: number; ms: number };

export type Progress = (table: string, rows: number, elapsedMs: number) => void;

const ROWS_PER_CHUNK = 2_000;

/**
 * COPYs the rows (each an array of already-formatted column values) into `table`. Returns the row
 * count and the time taken. `progressEvery` rows, `progress` is told how far it got.
 */
export async function copyRows(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly string[]>,
  options: { progress?: Progress; progressEvery?: number } = {},
): Promise<CopyResult> {
  const started = performance.now();
  let count = 0;
  const every = options.progressEvery ?? 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    let lines: string[] = [];
    for (const row of rows) {
      lines.push(row.join("\t"));
      count++;
      if (lines.length === ROWS_PER_CHUNK) {
        yield Buffer.from(lines.join("\n") + "\n");
        lines = [];
        if (every && options.progress && count % every === 0) options.progress(table, count, performance.now() - started);
      }
    }
    if (lines.length) yield Buffer.from(lines.join("\n") + "\n");
  }
  const sql = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`;
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
  return { table, rows: count, ms: performance.now() - started };
}
