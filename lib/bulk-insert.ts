import "server-only";
import type { Tx } from "@/lib/db";

// Many rows into one table in one statement whose text never changes with the number of rows:
// each column's values go as one array parameter and are unnested (INSERT … SELECT … FROM unnest).
// For a bulk import's batches: Prisma's createMany compiles a query plan sized to its rows, which
// cost more than the insert itself. Table and column names are the code's own constants; every
// value is a parameter.

/** A column, the PostgreSQL type its text is cast to, and how a row gives its value. */
export type BulkColumn<R> = { name: string; type: string; value: (row: R) => string | number | Date | object | null | undefined };

export async function bulkInsert<R>(tx: Tx, table: string, columns: readonly BulkColumn<R>[], rows: readonly R[]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const values = columns.map((c, i) => `v${i}::${c.type}`).join(", ");
  const arrays = columns.map((_, i) => `$${i + 1}::text[]`).join(", ");
  const aliases = columns.map((_, i) => `v${i}`).join(", ");
  // In the order given (WITH ORDINALITY): a serial id follows the rows' order.
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${values} FROM unnest(${arrays}) WITH ORDINALITY AS t(${aliases}, n) ORDER BY n`;
  await tx.$executeRawUnsafe(sql, ...columns.map((c) => rows.map((row) => asText(c.value(row)))));
}

function asText(value: string | number | Date | object | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
