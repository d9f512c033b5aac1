// The audit trail over a plain pg connection, for the commands that run outside the app:
// `npm run audit:verify` (verify-audit.ts) and `npm run audit:reseal` (reseal-audit.ts), and the
// demo launcher (with-database.ts). The chain itself is lib/audit/chain.ts, shared with the app.

import type pg from "pg";
import { GENESIS_HASH, keyedSeal, unkeyedSeal, verifyChain, type ChainReport, type ChainRow, type ChainSeal } from "../../lib/audit/chain";
import { withClient } from "./postgres-admin";

// The app's own lock for appends (lib/audit/data.ts): held while re-sealing, so nothing is
// appended to the chain half-way through.
const AUDIT_CHAIN_LOCK = 7_271_001;
const BATCH = 5_000;

function nextBatch(client: pg.Client) {
  return async (afterId: string): Promise<ChainRow[]> =>
    (
      await client.query<ChainRow & { id: string }>(
        `SELECT id::text AS id, "at", "action"::text AS "action", "userId"::text AS "userId", "organisationId"::text AS "organisationId",
                "entityType", "entityId", "detail", "ip", "prevHash", "hash"
           FROM "AuditEvent" e WHERE e.id > $1::bigint ORDER BY e.id LIMIT ${BATCH}`,
        [afterId],
      )
    ).rows;
}

/** Walks the whole chain with `seal` and reports the first entry that does not hold. */
export function verifyTrail(client: pg.Client, seal: ChainSeal): Promise<ChainReport> {
  return verifyChain(nextBatch(client), seal);
}

export type ResealOutcome =
  | { kind: "already-keyed"; entries: number }
  | { kind: "resealed"; entries: number }
  | { kind: "refused"; brokenAtId: string; reason: string; checked: number };

/**
 * Re-seals, once, a trail written before the chain was keyed: the whole trail must first hold
 * under the old unkeyed hash (otherwise it is refused, naming the first broken entry), and is
 * then re-sealed with `key` in one transaction, as the owner with the append-only trigger lifted
 * for that transaction only. A trail that already holds under the key is left alone.
 *
 * A trail whose first entries hold under the key was keyed already: it is refused, since an
 * unkeyed entry after them was written by someone without the key. Re-sealing a wholly unkeyed
 * trail cannot tell an old trail from one an attacker rewrote throughout, so this runs only when
 * asked (the command, or the demo launcher on its own embedded database), never by itself.
 */
export async function resealUnkeyedTrail(ownerUrl: string, key: Buffer): Promise<ResealOutcome> {
  return withClient(ownerUrl, async (client) => {
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [AUDIT_CHAIN_LOCK]);
      const seal = keyedSeal(key);
      const keyed = await verifyTrail(client, seal);
      if (keyed.ok) {
        await client.query("ROLLBACK");
        return { kind: "already-keyed", entries: keyed.checked };
      }
      if (keyed.checked > 0) {
        await client.query("ROLLBACK");
        return {
          kind: "refused",
          brokenAtId: keyed.brokenAtId,
          checked: keyed.checked,
          reason: `the ${keyed.checked} entries before it are sealed with the key, so the trail was keyed and this entry was changed or sealed without the key since: ${keyed.reason}`,
        };
      }
      const unkeyed = await verifyTrail(client, unkeyedSeal);
      if (!unkeyed.ok) {
        await client.query("ROLLBACK");
        return { kind: "refused", brokenAtId: unkeyed.brokenAtId, reason: unkeyed.reason, checked: unkeyed.checked };
      }
      await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
      let prevHash = GENESIS_HASH;
      let entries = 0;
      const read = nextBatch(client);
      for (let rows = await read("0"); rows.length > 0; rows = await read(String(rows.at(-1)!.id))) {
        for (const row of rows) {
          const hash = seal(prevHash, row);
          await client.query(`UPDATE "AuditEvent" SET "prevHash" = $2, "hash" = $3 WHERE id = $1::bigint`, [
            String(row.id),
            prevHash,
            hash,
          ]);
          prevHash = hash;
          entries += 1;
        }
      }
      await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
      const check = await verifyTrail(client, seal);
      if (!check.ok) throw new Error(`Re-sealing the audit trail failed its own check at entry ${check.brokenAtId}; nothing was changed.`);
      await client.query("COMMIT");
      return { kind: "resealed", entries };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });
}
