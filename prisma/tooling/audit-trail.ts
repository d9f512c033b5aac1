// The audit trail over a plain pg connection, for the commands that run outside the app:
// `npm run audit:verify` (verify-audit.ts) and `npm run audit:reseal` (reseal-audit.ts), and the
// demo launcher (with-database.ts). The chain itself is lib/audit/chain.ts, shared with the app.

import type pg from "pg";
import {
  CHAIN_BATCH_SQL,
  CHAIN_COVERAGE_SQL,
  chainLink,
  entryMac,
  GENESIS_HASH,
  keyedSeal,
  UNSEALED_SQL,
  unkeyedSeal,
  verifyChain,
  type AuditContent,
  type ChainCoverage,
  type ChainReport,
  type ChainSeal,
  type MacRow,
} from "../../lib/audit/chain";
import { withClient } from "./postgres-admin";

// The sealer's own lock (lib/audit/data/seal.ts): held while re-sealing, so nothing is chained
// half-way through.
const SEALER_LOCK = 7_271_002;
const BATCH = 5_000;

/** Walks the whole chain with `seal` (and each entry's MAC, unless null) and reports the first entry that does not hold. */
export function verifyTrail(client: pg.Client, seal: ChainSeal, mac: ((content: AuditContent) => string) | null): Promise<ChainReport> {
  return verifyChain(
    {
      links: async (afterSeq) => (await client.query(CHAIN_BATCH_SQL, [afterSeq, BATCH])).rows.map(chainLink),
      unsealed: async (afterId) => (await client.query<MacRow>(UNSEALED_SQL, [afterId, BATCH])).rows,
      coverage: async () => (await client.query<ChainCoverage>(CHAIN_COVERAGE_SQL)).rows[0]!,
    },
    seal,
    mac,
  );
}

/** The check `npm run audit:verify` and the admin page make: keyed seals and MACs. */
export function verifyKeyedTrail(client: pg.Client, key: Buffer): Promise<ChainReport> {
  return verifyTrail(client, keyedSeal(key), entryMac(key));
}

export type ResealOutcome =
  | { kind: "already-keyed"; entries: number }
  | { kind: "resealed"; entries: number }
  | { kind: "refused"; brokenAtId: string; reason: string; checked: number };

async function readLinks(client: pg.Client, afterSeq: string) {
  return (await client.query(CHAIN_BATCH_SQL, [afterSeq, BATCH])).rows.map(chainLink);
}

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
      await client.query("SELECT pg_advisory_xact_lock($1)", [SEALER_LOCK]);
      const seal = keyedSeal(key);
      const keyed = await verifyKeyedTrail(client, key);
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
      const unkeyed = await verifyTrail(client, unkeyedSeal, null);
      if (!unkeyed.ok) {
        await client.query("ROLLBACK");
        return { kind: "refused", brokenAtId: unkeyed.brokenAtId, reason: unkeyed.reason, checked: unkeyed.checked };
      }
      await client.query(`ALTER TABLE "AuditSeal" DISABLE TRIGGER "AuditSeal_append_only"`);
      let prevHash = GENESIS_HASH;
      let entries = 0;
      let afterSeq = "0";
      for (let links = await readLinks(client, afterSeq); links.length > 0; links = await readLinks(client, afterSeq)) {
        for (const link of links) {
          const hash = seal(prevHash, link.entry!);
          await client.query(`UPDATE "AuditSeal" SET "prevHash" = $2, "hash" = $3 WHERE seq = $1::bigint`, [
            String(link.seq),
            prevHash,
            hash,
          ]);
          prevHash = hash;
          afterSeq = String(link.seq);
          entries += 1;
        }
      }
      await client.query(`ALTER TABLE "AuditSeal" ENABLE TRIGGER "AuditSeal_append_only"`);
      const check = await verifyKeyedTrail(client, key);
      if (!check.ok) throw new Error(`Re-sealing the audit trail failed its own check at entry ${check.brokenAtId}; nothing was changed.`);
      await client.query("COMMIT");
      return { kind: "resealed", entries };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });
}
