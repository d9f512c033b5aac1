import "server-only";
import { db, type Tx } from "@/lib/db";
import type { AuditAction } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { auditHash, GENESIS_HASH } from "@/lib/audit/chain";

export type AuditInput = {
  action: AuditAction;
  userId?: string | null;
  organisationId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  detail?: Record<string, unknown> | null;
  ip?: string | null;
};

// One constant advisory-lock key: appends to the chain are serialised so that each entry's
// prevHash is the hash of the entry committed just before it.
const AUDIT_CHAIN_LOCK = 7_271_001;

/** Appends an audit event inside the caller's transaction (commits or rolls back with it). */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content = {
    at: new Date(),
    action: input.action,
    userId: input.userId ?? null,
    organisationId: input.organisationId ?? null,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    detail: input.detail ?? null,
    ip: input.ip ?? null,
  };
  await tx.auditEvent.create({
    data: {
      ...content,
      detail: content.detail === null ? Prisma.DbNull : (content.detail as Prisma.InputJsonValue),
      prevHash,
      hash: auditHash(prevHash, content),
    },
  });
}

/** Appends an audit event in its own transaction (sign-ins, views, refusals). */
export async function audit(input: AuditInput): Promise<void> {
  await db.$transaction((tx) => recordAudit(tx, input));
}

export type ChainReport = { ok: true; checked: number } | { ok: false; checked: number; brokenAtId: bigint; reason: string };

/** Walks the chain in order and reports the first entry whose hash or link does not hold. */
export async function verifyAuditChain(batchSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let afterId = BigInt(0);
  let checked = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: batchSize });
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return { ok: false, checked, brokenAtId: row.id, reason: "does not follow the entry before it" };
      }
      const expected = auditHash(prevHash, { ...row, detail: row.detail });
      if (expected !== row.hash) {
        return { ok: false, checked, brokenAtId: row.id, reason: "content does not match its hash" };
      }
      prevHash = row.hash;
      afterId = row.id;
      checked += 1;
    }
  }
}

type ActorRef = { userId: string; organisationId: string };

/** Records that the actor opened a record (people, incidents, cases: "who has seen this victim?"). */
export function auditView(actor: ActorRef, entityType: string, entityId: string): Promise<void> {
  return audit({ action: "VIEW", userId: actor.userId, organisationId: actor.organisationId, entityType, entityId });
}

/**
 * Records a refused access to a record that exists but is not the actor's to see. The caller then
 * answers exactly as for a missing record (404), so nothing but the audit trail knows the difference.
 */
export function auditRefusal(actor: ActorRef, entityType: string, entityId: string): Promise<void> {
  return audit({ action: "ACCESS_REFUSED", userId: actor.userId, organisationId: actor.organisationId, entityType, entityId });
}
