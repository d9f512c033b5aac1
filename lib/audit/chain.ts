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

/**
 * The MAC each writer puts on its entry (keyed by the same AUDIT_CHAIN_KEY, no chain, no lock): an
 * entry inserted by someone without the key does not carry a valid one, even before it is sealed.
 */
export function entryMac(key: Buffer): (content: AuditContent) => string {
  return (content) => createHmac("sha256", key).update("entry\n").update(canonicalBody(content)).digest("hex");
}

/** A link of the chain (an AuditSeal row) with the entry it seals, or null when that entry is gone. */
export type ChainLink = {
  seq: bigint | string | number;
  entryId: bigint | string | number;
  prevHash: string;
  hash: string;
  entry: (AuditContent & { mac: string | null; xact: bigint | string | number }) | null;
};

/** How far sealing has got: entries not yet chained, and any the sealer should have passed. */
export type ChainCoverage = {
  /** An entry older than the last sealed one (in the sealer's order) that has no link: inserted behind the sealer's back. */
  unsealedBehind: string | null;
  /** Entries waiting for the sealer, and when the oldest was written. */
  pending: number;
  oldestPendingAt: Date | null;
};

/** An entry with its MAC, as the walk checks it. */
export type MacRow = AuditContent & { id: bigint | string | number; mac: string | null; xact: bigint | string | number };

export type ChainReport =
  | { ok: true; checked: number; pending: number; oldestPendingAt: Date | null }
  | { ok: false; checked: number; brokenAtId: string; reason: string };

/** How the walk reads the trail (the app with Prisma, the commands with plain pg; both run the SQL below). */
export type ChainReader = {
  /** The links after `afterSeq`, ascending, or none at the end. */
  links: (afterSeq: string) => Promise<readonly ChainLink[]>;
  /** Entries not sealed yet, after `afterId`, ascending, or none at the end. */
  unsealed: (afterId: string) => Promise<readonly MacRow[]>;
  coverage: () => Promise<ChainCoverage>;
};

const NO_MAC = "its content does not match its MAC (it was written or changed without the audit chain key)";

/**
 * Whether a sealed entry's MAC holds. Entries chained before the sealer (xact 0, linked by the
 * migration) have none and need none; the sealer never links an xact-0 entry, and an unsealed
 * entry always needs a MAC.
 */
function macHolds(mac: (content: AuditContent) => string, row: AuditContent & { mac: string | null; xact: bigint | string | number }) {
  return String(row.xact) === "0" || row.mac === mac(row);
}

/**
 * Walks the chain in link order and reports the first entry whose link, seal or MAC does not
 * hold, one removed, or one slipped in behind the sealer; then checks the MACs of the entries
 * still waiting to be sealed. `mac` is null only when recognising a trail from before the key.
 */
export async function verifyChain(
  read: ChainReader,
  seal: ChainSeal,
  mac: ((content: AuditContent) => string) | null,
): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let afterSeq = "0";
  let checked = 0;
  for (let links = await read.links(afterSeq); links.length > 0; links = await read.links(afterSeq)) {
    for (const link of links) {
      const broken = (reason: string): ChainReport => ({ ok: false, checked, brokenAtId: String(link.entryId), reason });
      if (link.prevHash !== prevHash)
        return broken("its link does not match the hash of the entry before it (an entry was removed, inserted or changed before it)");
      if (!link.entry) return broken("the entry was removed (its link in the chain is still there)");
      if (seal(prevHash, link.entry) !== link.hash)
        return broken(
          "its content does not match its hash (the entry was changed after it was written, or sealed without the audit chain key)",
        );
      if (mac && !macHolds(mac, link.entry)) return broken(NO_MAC);
      prevHash = link.hash;
      afterSeq = String(link.seq);
      checked += 1;
    }
  }
  const cover = await read.coverage();
  if (cover.unsealedBehind)
    return {
      ok: false,
      checked,
      brokenAtId: cover.unsealedBehind,
      reason: "it was added behind the sealer (it is older than sealed entries but has no link in the chain)",
    };
  if (mac) {
    let afterId = "0";
    for (let rows = await read.unsealed(afterId); rows.length > 0; rows = await read.unsealed(afterId)) {
      for (const row of rows) {
        if (row.mac !== mac(row)) return { ok: false, checked, brokenAtId: String(row.id), reason: NO_MAC };
        afterId = String(row.id);
      }
    }
  }
  return { ok: true, checked, pending: cover.pending, oldestPendingAt: cover.oldestPendingAt };
}

/** The links after $1 (a seq), $2 at a time, each with its entry's content (null columns when the entry is gone). */
export const CHAIN_BATCH_SQL = `
  SELECT s.seq::text AS seq, s."entryId"::text AS "entryId", s."prevHash", s.hash,
         e.id IS NOT NULL AS found, e."at", e."action"::text AS "action", e."userId"::text AS "userId",
         e."organisationId"::text AS "organisationId", e."entityType", e."entityId", e.detail, e.ip, e.mac, e.xact::text AS xact
    FROM "AuditSeal" s LEFT JOIN "AuditEvent" e ON e.id = s."entryId"
   WHERE s.seq > $1::bigint ORDER BY s.seq LIMIT $2::int`;

/** A CHAIN_BATCH_SQL row as a link. */
export function chainLink(row: Record<string, unknown>): ChainLink {
  return {
    seq: row.seq as string,
    entryId: row.entryId as string,
    prevHash: row.prevHash as string,
    hash: row.hash as string,
    entry: row.found
      ? {
          at: row.at as Date,
          action: row.action as string,
          userId: row.userId as string | null,
          organisationId: row.organisationId as string | null,
          entityType: row.entityType as string | null,
          entityId: row.entityId as string | null,
          detail: row.detail,
          ip: row.ip as string | null,
          mac: row.mac as string | null,
          xact: row.xact as string,
        }
      : null,
  };
}

/**
 * Unsealed entries behind the last link (the sealer never skips one, so any is an insertion), and
 * how many after it are waiting to be sealed.
 */
export const CHAIN_COVERAGE_SQL = `
  WITH last AS (
    SELECT coalesce((SELECT xact FROM "AuditSeal" ORDER BY seq DESC LIMIT 1), -1) AS xact,
           coalesce((SELECT "entryId" FROM "AuditSeal" ORDER BY seq DESC LIMIT 1), -1) AS id)
  SELECT (SELECT min(e.id)::text FROM "AuditEvent" e, last
           WHERE (e.xact, e.id) < (last.xact, last.id)
             AND NOT EXISTS (SELECT 1 FROM "AuditSeal" s WHERE s."entryId" = e.id)) AS "unsealedBehind",
         (SELECT count(*)::int FROM "AuditEvent" e, last WHERE (e.xact, e.id) > (last.xact, last.id)) AS pending,
         (SELECT min(e."at") FROM "AuditEvent" e, last WHERE (e.xact, e.id) > (last.xact, last.id)) AS "oldestPendingAt"`;

/** Entries not yet sealed, with their MACs, after $1 (an id), $2 at a time. */
export const UNSEALED_SQL = `
  SELECT e.id::text AS id, e."at", e."action"::text AS "action", e."userId"::text AS "userId",
         e."organisationId"::text AS "organisationId", e."entityType", e."entityId", e.detail, e.ip, e.mac, e.xact::text AS xact
    FROM "AuditEvent" e
   WHERE e.id > $1::bigint AND NOT EXISTS (SELECT 1 FROM "AuditSeal" s WHERE s."entryId" = e.id)
   ORDER BY e.id LIMIT $2::int`;
