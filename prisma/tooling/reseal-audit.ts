// npm run audit:reseal — once, when upgrading a database whose audit trail was written before the
// chain was keyed: checks the whole trail under the old unkeyed SHA-256 and refuses (exit 1) if it
// does not hold; otherwise re-seals every entry with AUDIT_CHAIN_KEY in one transaction. A trail
// that already holds under the key is left alone (exit 0). Runs as the owner role
// (DATABASE_OWNER_URL, else DATABASE_URL): it lifts the append-only trigger for its transaction.
//
// `npm run serve` does this by itself for its embedded demo database only: anywhere else a trail
// that holds only unkeyed may also be one rewritten by someone without the key, and a person
// should decide (see resealUnkeyedTrail).

import { auditChainKey, AuditChainKeyError } from "../../lib/audit/chain";
import { resealUnkeyedTrail } from "./audit-trail";
import { fail } from "./engine";
import { redactUrl } from "./postgres-admin";

const ownerUrl = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
if (!ownerUrl) fail("Set DATABASE_OWNER_URL (or DATABASE_URL) to the database whose audit trail to re-seal, and AUDIT_CHAIN_KEY.", 2);
let key: Buffer;
try {
  key = auditChainKey(process.env);
} catch (error) {
  if (!(error instanceof AuditChainKeyError)) throw error;
  fail(`Cannot re-seal the audit trail: ${error.message}`, 2);
}

try {
  const outcome = await resealUnkeyedTrail(ownerUrl, key);
  if (outcome.kind === "already-keyed")
    console.log(`The audit trail of ${redactUrl(ownerUrl)} is already sealed with this key (${outcome.entries} entries); nothing to do.`);
  else if (outcome.kind === "resealed")
    console.log(`Re-sealed ${outcome.entries} audit entries of ${redactUrl(ownerUrl)} with AUDIT_CHAIN_KEY.`);
  else {
    fail(
      `Refusing to re-seal: audit entry ${outcome.brokenAtId} does not hold (${outcome.reason}). ` +
        "The trail was changed, or AUDIT_CHAIN_KEY is not the key it was sealed with; nothing was changed.",
    );
  }
} catch (error) {
  fail(`Could not re-seal the audit trail: ${error instanceof Error ? error.message : String(error)}`, 2);
}
