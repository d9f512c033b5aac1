import "server-only";
import type { Tx } from "@/lib/db";
import { londonDateParts } from "@/lib/format/dates";

// Human references (INC-2026-000123) with no gaps and no duplicates. The counter row is
// incremented inside the caller's transaction: concurrent writers queue on its row lock, and a
// rolled-back record takes its number back with it.

export type ReferencePrefix = "INC" | "CASE" | "PWR" | "PSPO" | "REF" | "MTG";

export async function nextReference(tx: Tx, prefix: ReferencePrefix, at: Date = new Date()): Promise<string> {
  const { year } = londonDateParts(at);
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "ReferenceCounter" (prefix, year, last) VALUES (${prefix}, ${year}, 1)
    ON CONFLICT (prefix, year) DO UPDATE SET last = "ReferenceCounter".last + 1
    RETURNING last`;
  if (!row) throw new Error("reference counter did not return a value");
  return `${prefix}-${year}-${String(row.last).padStart(6, "0")}`;
}

/**
 * `count` references of one year at once (a bulk import), in order: the counter moves on by
 * `count` under its row lock, exactly as `count` calls of nextReference would.
 */
export async function nextReferences(tx: Tx, prefix: ReferencePrefix, year: number, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "ReferenceCounter" (prefix, year, last) VALUES (${prefix}, ${year}, ${count})
    ON CONFLICT (prefix, year) DO UPDATE SET last = "ReferenceCounter".last + ${count}
    RETURNING last`;
  if (!row) throw new Error("reference counter did not return a value");
  const first = Number(row.last) - count + 1;
  return Array.from({ length: count }, (_, i) => `${prefix}-${year}-${String(first + i).padStart(6, "0")}`);
}
