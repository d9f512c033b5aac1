import { createHash, createHmac } from "node:crypto";

// The hash chain of the audit trail. Pure functions, shared by the writer and the verifier, so
// both canonicalise an entry the same way (jsonb does not keep key order, so keys are sorted).
//
// Each entry is sealed with an HMAC-SHA256 keyed by AUDIT_CHAIN_KEY over the previous entry's
// seal and its own content. The key is never in the database: whoever can rewrite the table
// (the owner role, someone editing a restored backup) can delete an entry, but cannot re-seal
// the entries after it so that the chain holds again.

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

/** The shortest AUDIT_CHAIN_KEY accepted: 32 characters (`openssl rand -base64 32` gives 44). */
export const MIN_CHAIN_KEY_LENGTH = 32;

export class AuditChainKeyError extends Error {
  override name = "AuditChainKeyError";
}

/** The chain key from the environment, or an error that says what to set. */
export function auditChainKey(env: Readonly<Record<string, string | undefined>>): Buffer {
  const key = env.AUDIT_CHAIN_KEY?.trim();
  if (!key) {
    throw new AuditChainKeyError(
      "AUDIT_CHAIN_KEY is not set. It keys the audit trail's hash chain: set it to at least 32 random bytes " +
        "(e.g. `openssl rand -base64 32`), the same on every app instance and for `npm run audit:verify`, and keep it " +
        "outside the database. Without it no audit entry can be written or checked.",
    );
  }
  if (key.length < MIN_CHAIN_KEY_LENGTH) {
    throw new AuditChainKeyError(
      `AUDIT_CHAIN_KEY is too short (${key.length} characters): use at least ${MIN_CHAIN_KEY_LENGTH}, e.g. \`openssl rand -base64 32\`.`,
    );
  }
  return Buffer.from(key, "utf8");
}

/** Computes an entry's hash from the previous entry's hash and the entry's content. */
export type ChainSeal = (prevHash: string, content: AuditContent) => string;

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

function canonicalBody(content: AuditContent): string {
  return JSON.stringify(
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
}

/** The seal every entry is written and checked with. */
export function keyedSeal(key: Buffer): ChainSeal {
  return (prevHash, content) => createHmac("sha256", key).update(prevHash).update("\n").update(canonicalBody(content)).digest("hex");
}

/**
 * The seal of versions before AUDIT_CHAIN_KEY: plain SHA-256, which anyone can recompute. Only
 * for recognising a trail written by such a version, to re-seal it once (`npm run audit:reseal`).
 */
export const unkeyedSeal: ChainSeal = (prevHash, content) =>
  createHash("sha256").update(prevHash).update("\n").update(canonicalBody(content)).digest("hex");

export type ChainRow = AuditContent & { id: bigint | string | number; prevHash: string; hash: string };

export type ChainReport = { ok: true; checked: number } | { ok: false; checked: number; brokenAtId: string; reason: string };

/**
 * Walks the chain in id order, one batch at a time (`nextBatch(afterId)` returns rows with a
 * greater id, ascending, or none at the end), and reports the first entry whose link or seal does
 * not hold. Shared by the admin page (Prisma) and `npm run audit:verify` (plain pg).
 */
export async function verifyChain(nextBatch: (afterId: string) => Promise<readonly ChainRow[]>, seal: ChainSeal): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let afterId = "0";
  let checked = 0;
  for (;;) {
    const rows = await nextBatch(afterId);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const id = String(row.id);
      if (row.prevHash !== prevHash)
        return {
          ok: false,
          checked,
          brokenAtId: id,
          reason: "its link does not match the hash of the entry before it (an entry was removed, inserted or changed before it)",
        };
      if (seal(prevHash, row) !== row.hash)
        return {
          ok: false,
          checked,
          brokenAtId: id,
          reason: "its content does not match its hash (the entry was changed after it was written, or sealed without the audit chain key)",
        };
      prevHash = row.hash;
      afterId = id;
      checked += 1;
    }
  }
}
