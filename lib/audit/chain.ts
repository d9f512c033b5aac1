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
