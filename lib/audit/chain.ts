import { createHash } from "node:crypto";

// The hash chain of the audit trail. Pure functions, shared by the writer and the verifier, so
// both canonicalise an entry the same way (jsonb does not keep key order, so keys are sorted).

export type AuditContent = {
  at: Date;
  action: string;
  userId: string | null;
  organisationId: string | null;
  entityType: string | null;
  entityId: string | null;
  detail: unknown;
  ip: string | null;
};

export const GENESIS_HASH = "0".repeat(64);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function auditHash(prevHash: string, content: AuditContent): string {
  const body = JSON.stringify(
    canonical({
      at: content.at.toISOString(),
      action: content.action,
      userId: content.userId,
      organisationId: content.organisationId,
      entityType: content.entityType,
      entityId: content.entityId,
      detail: content.detail ?? null,
      ip: content.ip,
    }),
  );
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

export type ChainRow = AuditContent & { id: bigint | string | number; prevHash: string; hash: string };

export type ChainReport =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAtId: string; reason: string };

/**
 * Walks the chain in id order, one batch at a time (`nextBatch(afterId)` returns rows with a
 * greater id, ascending, or none at the end), and reports the first entry whose link or hash does
 * not hold. Shared by the admin page (Prisma) and `npm run audit:verify` (plain pg).
 */
export async function verifyChain(nextBatch: (afterId: string) => Promise<readonly ChainRow[]>): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let afterId = "0";
  let checked = 0;
  for (;;) {
    const rows = await nextBatch(afterId);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const id = String(row.id);
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAtId: id, reason: "its link does not match the hash of the entry before it (an entry was removed, inserted or changed before it)" };
      if (auditHash(prevHash, row) !== row.hash) return { ok: false, checked, brokenAtId: id, reason: "its content does not match its hash (the entry was changed after it was written)" };
      prevHash = row.hash;
      afterId = id;
      checked += 1;
    }
  }
}
