// npm run audit:verify — walks the audit trail's hash chain in DATABASE_URL and reports whether it
// holds. Exit 0 and "OK" with the number of entries checked, or exit 1 naming the id of the first
// entry whose link or content does not hold, and why. Exit 2 when it cannot check at all.
//
// The same walk as the admin page /admin/audit/verify (lib/audit/chain.ts, verifyChain), over a
// plain pg connection so it runs outside the app (e.g. from cron, or on a restored backup).

import pg from "pg";
import { verifyChain, type ChainRow } from "../../lib/audit/chain";
import { redactUrl } from "./postgres-admin";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set. Point it at the database whose audit trail to check.");
  process.exit(2);
}

const client = new pg.Client({ connectionString: databaseUrl });
try {
  await client.connect();
  const report = await verifyChain(async (afterId) => {
    const { rows } = await client.query<{ id: string; at: Date; action: string; userId: string | null; organisationId: string | null; entityType: string | null; entityId: string | null; detail: unknown; ip: string | null; prevHash: string; hash: string }>(
      `SELECT id::text AS id, "at", "action"::text AS "action", "userId"::text AS "userId", "organisationId"::text AS "organisationId",
              "entityType", "entityId", "detail", "ip", "prevHash", "hash"
         FROM "AuditEvent" e WHERE e.id > $1::bigint ORDER BY e.id LIMIT 5000`,
      [afterId],
    );
    return rows satisfies ChainRow[];
  });
  if (report.ok) {
    console.log(`OK: the audit trail of ${redactUrl(databaseUrl)} is intact (${report.checked} entries checked).`);
    process.exitCode = 0;
  } else {
    console.error(`BROKEN at audit entry ${report.brokenAtId}: ${report.reason}. The ${report.checked} entries before it are intact.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`Could not check the audit trail: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await client.end().catch(() => undefined);
}
