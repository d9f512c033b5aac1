import "server-only";
import { db } from "@/lib/db";
import { auditChainKey, GENESIS_HASH, keyedSeal, type AuditContent } from "@/lib/audit/chain";
import { bulkInsert, type BulkColumn } from "@/lib/bulk-insert";

// The sealer: chains committed audit entries, in order, after the fact. Writers append without
// any lock (lib/audit/data.ts); one sealer at a time (a transaction-level advisory lock that only
// sealers take) links each entry to the one before it.
//
// The order is (xact, id): the id of the transaction that wrote the entry, then its own id. The
// sealer takes only entries whose transaction began before the oldest one still running
// (pg_snapshot_xmin of the statement's snapshot), so every such transaction has committed or
// rolled back and no entry can later appear before one already sealed. It carries on from the last
// link's (xact, entryId). A long transaction holds sealing back until it ends; nothing is lost.

const SEALER_LOCK = 7_271_002;
const BATCH = 5_000;

/** An entry waiting to be chained: what the seal covers, and where it falls in the order. */
type Unsealed = AuditContent & { id: bigint; xact: bigint };

type Link = { seq: bigint; entryId: bigint; xact: bigint; prevHash: string; hash: string };

const SEAL_COLUMNS: BulkColumn<Link>[] = [
  { name: "seq", type: "bigint", value: (l) => String(l.seq) },
  { name: "entryId", type: "bigint", value: (l) => String(l.entryId) },
  { name: "xact", type: "bigint", value: (l) => String(l.xact) },
  { name: "prevHash", type: "text", value: (l) => l.prevHash },
  { name: "hash", type: "text", value: (l) => l.hash },
];

export type SealOutcome = { sealed: number; busy: boolean };

/**
 * Seals every entry that can be sealed now, `BATCH` per transaction. Returns how many it sealed,
 * or busy when another sealer holds the lock (it is doing the same work).
 */
export async function sealAuditTrail(): Promise<SealOutcome> {
  const seal = keyedSeal(auditChainKey(process.env));
  let sealed = 0;
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SEALER_LOCK}) AS locked`;
      if (!lock?.locked) return null;
      const last = await tx.auditSeal.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, xact: true, entryId: true, hash: true } });
      const rows = await tx.$queryRaw<Unsealed[]>`
        SELECT id, xact, "at", "action"::text AS "action", "userId"::text AS "userId", "organisationId"::text AS "organisationId",
               "entityType", "entityId", detail, ip
          FROM "AuditEvent"
         WHERE (xact, id) > (${last?.xact ?? -1n}, ${last?.entryId ?? -1n})
           AND xact > 0
           AND xact < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint
         ORDER BY xact, id
         LIMIT ${BATCH}`;
      let prevHash = last?.hash ?? GENESIS_HASH;
      let seq = last?.seq ?? 0n;
      const links = rows.map((row): Link => {
        const hash = seal(prevHash, row);
        seq += 1n;
        const link = { seq, entryId: row.id, xact: row.xact, prevHash, hash };
        prevHash = hash;
        return link;
      });
      await bulkInsert(tx, "AuditSeal", SEAL_COLUMNS, links);
      return links.length;
    });
    if (batch === null) return { sealed, busy: true };
    sealed += batch;
    if (batch < BATCH) return { sealed, busy: false };
  }
}

/** How many entries wait for the sealer (written after the last link). */
export async function unsealedCount(): Promise<number> {
  const last = await db.auditSeal.findFirst({ orderBy: { seq: "desc" }, select: { xact: true, entryId: true } });
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "AuditEvent" WHERE (xact, id) > (${last?.xact ?? -1n}, ${last?.entryId ?? -1n})`;
  return row?.n ?? 0;
}

/**
 * Seals every `intervalMs` until stopped (the worker runs one; several workers share the work
 * safely). `onError` hears of the first failure of a run of them (the database away), not of
 * every retry, and `onRecovered` when sealing works again.
 */
export function startSealer(
  intervalMs = 1_000,
  onError: (error: unknown) => void = () => undefined,
  onRecovered: () => void = () => undefined,
): () => Promise<void> {
  let stopped = false;
  let failing = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = sealAuditTrail()
      .then(() => {
        if (failing) onRecovered();
        failing = false;
      })
      .catch((error: unknown) => {
        if (!failing) onError(error);
        failing = true;
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
