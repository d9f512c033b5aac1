// npm run audit:verify — walks the audit trail's hash chain in DATABASE_URL and reports whether it
// holds. Needs AUDIT_CHAIN_KEY, the key the app seals entries with. Exit 0 and "OK" with the
// number of entries checked, or exit 1 naming the id of the first entry whose link or seal does
// not hold, and why. Exit 2 when it cannot check at all (no database, no key).
//
// The same walk as the admin page /admin/audit/verify (lib/audit/chain.ts, verifyChain), over a
// plain pg connection so it runs outside the app (e.g. from cron, or on a restored backup). The
// app's role is enough: it only reads.

import pg from "pg";
import { auditChainKey, AuditChainKeyError, unkeyedSeal } from "../../lib/audit/chain";
import { verifyKeyedTrail, verifyTrail } from "./audit-trail";
import { redactUrl } from "./postgres-admin";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set. Point it at the database whose audit trail to check.");
  process.exit(2);
}
let key: Buffer;
try {
  key = auditChainKey(process.env);
} catch (error) {
  if (!(error instanceof AuditChainKeyError)) throw error;
  console.error(`Cannot check the audit trail: ${error.message}`);
  process.exit(2);
}

const client = new pg.Client({ connectionString: databaseUrl });
try {
  await client.connect();
  const report = await verifyKeyedTrail(client, key);
  if (report.ok) {
    console.log(`OK: the audit trail of ${redactUrl(databaseUrl)} is intact (${report.checked} entries checked).`);
    // Entries are chained by the worker's sealer within seconds of committing; their MACs were checked.
    if (report.pending > 0)
      console.log(
        `${report.pending} newer ${report.pending === 1 ? "entry is" : "entries are"} waiting to be sealed (the oldest written ${report.oldestPendingAt?.toISOString() ?? "just now"}); is the worker running?`,
      );
    process.exitCode = 0;
  } else {
    console.error(`BROKEN at audit entry ${report.brokenAtId}: ${report.reason}. The ${report.checked} entries before it are intact.`);
    if (report.checked === 0 && (await verifyTrail(client, unkeyedSeal, null)).ok) {
      // Either a trail from before the key, or one rewritten throughout by someone without it.
      console.error(
        "The whole trail holds under the unkeyed SHA-256 of versions before AUDIT_CHAIN_KEY. If this database was last " +
          "written by such a version, re-seal it once with `npm run audit:reseal`; if not, it was rewritten by someone without the key.",
      );
    } else if (report.checked === 0) {
      console.error("Broken from the first entry: check that AUDIT_CHAIN_KEY is the key the app seals entries with.");
    }
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`Could not check the audit trail: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await client.end().catch(() => undefined);
}
