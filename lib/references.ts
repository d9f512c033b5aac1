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
