import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import type { AuditAction } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  auditChainKey,
  CHAIN_BATCH_SQL,
  CHAIN_COVERAGE_SQL,
  chainLink,
  entryMac,
  keyedSeal,
  UNSEALED_SQL,
  verifyChain,
  type ChainCoverage,
  type ChainReport,
  type MacRow,
} from "@/lib/audit/chain";
import type { AuditFilters, AuditCursor } from "@/lib/audit/filters";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { visibleCasesWhere } from "@/lib/cases/access";
import { NotFoundError } from "@/lib/errors";
import { CSV_BOM, csvLine } from "@/lib/export/cells";
import { isUuid } from "@/lib/not-found";
import { bulkInsert, type BulkColumn } from "@/lib/bulk-insert";

export type { ChainReport } from "@/lib/audit/chain";

export type AuditInput = {
  action: AuditAction;
  userId?: string | null;
  organisationId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  detail?: Record<string, unknown> | null;
  ip?: string | null;
};

/** Appends an audit event inside the caller's transaction (commits or rolls back with it). */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await recordAudits(tx, [input]);
}

/**
 * Appends events inside the caller's transaction, each with its MAC, and no lock: the sealer
 * (lib/audit/data/seal.ts) chains them once they have committed, so audited views and writes do
 * not queue behind one another. A bulk import audits each record it makes in one insert.
 */
export async function recordAudits(tx: Tx | Db, inputs: readonly AuditInput[]): Promise<void> {
  // Read on every write, so a missing key fails the first audited action with a clear message.
  const mac = entryMac(auditChainKey(process.env));
  if (inputs.length === 0) return;
  const at = new Date();
  const rows = inputs.map((input) => {
    const content = {
      at,
      action: input.action,
      userId: input.userId ?? null,
      organisationId: input.organisationId ?? null,
      entityType: input.entityType ?? null,
      entityId: input.entityId ?? null,
      detail: input.detail ?? null,
      ip: input.ip ?? null,
    };
    return { ...content, mac: mac(content) };
  });
  if (rows.length === 1) {
    const [row] = rows;
    await tx.auditEvent.create({
      data: { ...row!, detail: row!.detail === null ? Prisma.DbNull : (row!.detail as Prisma.InputJsonValue) },
    });
  } else await bulkInsert(tx, "AuditEvent", AUDIT_COLUMNS, rows);
}

/** The trail's columns for many events at once. */
const AUDIT_COLUMNS: BulkColumn<{
  at: Date;
  action: AuditAction;
  userId: string | null;
  organisationId: string | null;
  entityType: string | null;
  entityId: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
  mac: string;
}>[] = [
  { name: "at", type: "timestamptz", value: (r) => r.at },
  { name: "action", type: '"AuditAction"', value: (r) => r.action },
  { name: "userId", type: "uuid", value: (r) => r.userId },
  { name: "organisationId", type: "uuid", value: (r) => r.organisationId },
  { name: "entityType", type: "text", value: (r) => r.entityType },
  { name: "entityId", type: "text", value: (r) => r.entityId },
  { name: "detail", type: "jsonb", value: (r) => r.detail },
  { name: "ip", type: "text", value: (r) => r.ip },
  { name: "mac", type: "text", value: (r) => r.mac },
];

/**
 * Appends an audit event on its own (sign-ins, views, refusals): one INSERT, committed by itself,
 * so an audited view costs one round trip, not a transaction's three.
 */
export async function audit(input: AuditInput): Promise<void> {
  await recordAudits(db, [input]);
}

/**
 * Walks the whole chain in order and reports the first entry whose link, seal or MAC does not
 * hold, and how many entries wait for the sealer.
 */
export function verifyAuditChain(batchSize = 5000): Promise<ChainReport> {
  const key = auditChainKey(process.env);
  return verifyChain(
    {
      links: async (afterSeq) => (await db.$queryRawUnsafe<Record<string, unknown>[]>(CHAIN_BATCH_SQL, afterSeq, batchSize)).map(chainLink),
      unsealed: (afterId) => db.$queryRawUnsafe<MacRow[]>(UNSEALED_SQL, afterId, batchSize),
      coverage: async () => (await db.$queryRawUnsafe<ChainCoverage[]>(CHAIN_COVERAGE_SQL))[0]!,
    },
    keyedSeal(key),
    entryMac(key),
  );
}

type ActorRef = { userId: string; organisationId: string };

/**
 * Records what the actor did to one record (created, changed, deleted, exported it) inside that
 * write's own transaction, so the record and its audit entry commit together or not at all.
 */
export function auditChange(
  tx: Tx,
  actor: ActorRef,
  action: AuditAction,
  entityType: string,
  entityId: string | null,
  detail?: Record<string, unknown>,
): Promise<void> {
  return recordAudit(tx, { action, userId: actor.userId, organisationId: actor.organisationId, entityType, entityId, detail });
}

/**
 * Records a list's download (the incident, case and actions lists): its format, the names of the
 * filters used (never their values: a typed name stays out of the trail), the order and the rows.
 */
export function auditListExport(
  actor: ActorRef,
  entityType: "IncidentList" | "CaseList" | "ActionList",
  detail: { format: string; filters: string[]; sort: string; dir: string; rows: number; scope?: string },
): Promise<void> {
  const { sort, dir, ...rest } = detail;
  return db.$transaction((tx) => auditChange(tx, actor, "EXPORT", entityType, null, { ...rest, sort: `${sort} ${dir}` }));
}

/** Records that the actor opened a record (people, incidents, cases: "who has seen this victim?"). */
export function auditView(actor: ActorRef, entityType: string, entityId: string): Promise<void> {
  return audit({ action: "VIEW", userId: actor.userId, organisationId: actor.organisationId, entityType, entityId });
}

/**
 * Records a refused access to a record by id: one the actor may not see, or one that does not
 * exist, alike. The caller then answers exactly as for a missing record (404). Written either way,
 * so a hidden record's id costs no more work, and takes no longer, than a random one.
 */
export function auditRefusal(actor: ActorRef, entityType: string, entityId: string): Promise<void> {
  return audit({ action: "ACCESS_REFUSED", userId: actor.userId, organisationId: actor.organisationId, entityType, entityId });
}

/**
 * Records a refusal decided by the actor's role alone, before any record is looked at: the
 * permission they lack and where they tried (a page's path, a form, a download).
 */
export function auditPermissionRefusal(actor: ActorRef, permission: string, where: string): Promise<void> {
  return audit({
    action: "ACCESS_REFUSED",
    userId: actor.userId,
    organisationId: actor.organisationId,
    entityType: "Permission",
    entityId: permission,
    detail: { where: where.slice(0, 200) },
  });
}

// ───────────────────────────── The audit viewer ─────────────────────────────
// Administrators search the trail; "who has seen this record" is also open to the manager of the
// lead organisation of the case (or of a case the person is in). Nothing here returns case
// content: a row names who did what to which record id, and when.

export type AuditRow = {
  id: bigint;
  at: Date;
  action: AuditAction;
  entityType: string | null;
  entityId: string | null;
  detail: unknown;
  ip: string | null;
  user: { id: string; name: string; email: string } | null;
  organisation: { id: string; shortName: string; name: string } | null;
};

export type AuditPage = { rows: AuditRow[]; next?: AuditCursor; unknownRecord: boolean };

export const AUDIT_PAGE_SIZE = 50;
/** An export past this many rows stops, and its last line says so. */
export const AUDIT_EXPORT_CAP = 100_000;

async function requireAuditReader(actor: Actor): Promise<void> {
  if (can(actor, "audit:read")) return;
  await auditPermissionRefusal(actor, "audit:read", "the audit trail");
  throw new NotFoundError();
}

const REFERENCED: Record<string, (reference: string) => Promise<{ id: string } | null>> = {
  Case: (reference) => db.case.findUnique({ where: { reference }, select: { id: true } }),
  Incident: (reference) => db.incident.findUnique({ where: { reference }, select: { id: true } }),
  PowerUse: (reference) => db.powerUse.findUnique({ where: { reference }, select: { id: true } }),
  Pspo: (reference) => db.pspo.findUnique({ where: { reference }, select: { id: true } }),
  Referral: (reference) => db.referral.findUnique({ where: { reference }, select: { id: true } }),
  Meeting: (reference) => db.meeting.findUnique({ where: { reference }, select: { id: true } }),
};

/** The record filter as ids: a reference (CASE-2026-000001) is looked up; an id is taken as is. */
async function recordIds(entityType: string, record: string): Promise<string[]> {
  const byReference = REFERENCED[entityType];
  if (!isUuid(record) && byReference) {
    // References are written in capitals; accept them typed in lower case too.
    const found = (await byReference(record)) ?? (await byReference(record.toUpperCase()));
    return found ? [found.id] : [];
  }
  if (!isUuid(record)) return [record];
  // A person's views before a merge were recorded against the profile merged into it.
  if (entityType === "Person") {
    const merged = await db.person.findMany({ where: { mergedIntoId: record }, select: { id: true } });
    return [record, ...merged.map((p) => p.id)];
  }
  return [record];
}

async function auditWhere(filters: AuditFilters): Promise<Prisma.AuditEventWhereInput | null> {
  const where: Prisma.AuditEventWhereInput[] = [];
  if (filters.userId) {
    // A failed sign-in names no user (the account may not exist): it is found by the email typed.
    const user = await db.user.findUnique({ where: { id: filters.userId }, select: { email: true } });
    where.push(
      user
        ? { OR: [{ userId: filters.userId }, { action: "SIGN_IN_FAILURE", detail: { path: ["email"], equals: user.email } }] }
        : { userId: filters.userId },
    );
  }
  if (filters.organisationId) where.push({ organisationId: filters.organisationId });
  if (filters.action) where.push({ action: filters.action });
  if (filters.entityType) where.push({ entityType: filters.entityType });
  if (filters.entityType && filters.record) {
    const ids = await recordIds(filters.entityType, filters.record);
    if (ids.length === 0) return null;
    where.push({ entityId: { in: ids } });
  }
  if (filters.from) where.push({ at: { gte: filters.from } });
  if (filters.before) where.push({ at: { lt: filters.before } });
  return { AND: where };
}

function afterCursor(cursor: AuditCursor | undefined): Prisma.AuditEventWhereInput {
  if (!cursor) return {};
  return { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] };
}

// Newest first, on (at, id): every filter has an index ending in "at" DESC (see the schema).
const NEWEST_FIRST: Prisma.AuditEventOrderByWithRelationInput[] = [{ at: "desc" }, { id: "desc" }];

async function withNames(events: Awaited<ReturnType<typeof db.auditEvent.findMany>>): Promise<AuditRow[]> {
  const userIds = [...new Set(events.map((e) => e.userId).filter((id): id is string => Boolean(id)))];
  const organisationIds = [...new Set(events.map((e) => e.organisationId).filter((id): id is string => Boolean(id)))];
  const [users, organisations] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : [],
    organisationIds.length
      ? db.organisation.findMany({ where: { id: { in: organisationIds } }, select: { id: true, shortName: true, name: true } })
      : [],
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const organisationById = new Map(organisations.map((o) => [o.id, o]));
  return events.map((e) => ({
    id: e.id,
    at: e.at,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    detail: e.detail,
    ip: e.ip,
    user: e.userId ? (userById.get(e.userId) ?? { id: e.userId, name: "Unknown user", email: "" }) : null,
    organisation: e.organisationId
      ? (organisationById.get(e.organisationId) ?? { id: e.organisationId, shortName: "?", name: "Unknown organisation" })
      : null,
  }));
}

/** One page of the trail, newest first, for an administrator. */
export async function searchAuditTrail(
  actor: Actor,
  filters: AuditFilters,
  cursor?: AuditCursor,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<AuditPage> {
  await requireAuditReader(actor);
  const where = await auditWhere(filters);
  if (!where) return { rows: [], unknownRecord: true };
  const events = await db.auditEvent.findMany({ where: { AND: [where, afterCursor(cursor)] }, orderBy: NEWEST_FIRST, take: pageSize + 1 });
  const page = events.slice(0, pageSize);
  const last = page.at(-1);
  return {
    rows: await withNames(page),
    next: events.length > pageSize && last ? { at: last.at, id: last.id } : undefined,
    unknownRecord: false,
  };
}

/** Who and what an administrator can pick in the search form (ids go in the address, not names). */
export async function auditSearchChoices(actor: Actor) {
  await requireAuditReader(actor);
  const [users, organisations] = await Promise.all([
    db.user.findMany({ select: { id: true, name: true, organisation: { select: { shortName: true } } }, orderBy: [{ name: "asc" }] }),
    db.organisation.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    users: users.map((u) => ({ id: u.id, label: `${u.name} (${u.organisation.shortName})` })),
    organisations: organisations.map((o) => ({ id: o.id, label: o.name })),
  };
}

export const AUDIT_CSV_HEADER = [
  "Event id",
  "When (UTC)",
  "Action",
  "User",
  "User email",
  "Organisation",
  "Record type",
  "Record id",
  "Detail",
  "IP address",
];

/**
 * The search as CSV, streamed in pages so a large result never sits in memory; the export itself
 * is audited (with the search it repeated) before the first byte leaves.
 */
export async function exportAuditTrail(actor: Actor, filters: AuditFilters): Promise<ReadableStream<Uint8Array>> {
  await requireAuditReader(actor);
  await audit({
    action: "EXPORT",
    userId: actor.userId,
    organisationId: actor.organisationId,
    entityType: "AuditTrail",
    detail: { search: JSON.parse(JSON.stringify(filters)) as Record<string, unknown> },
  });
  const encoder = new TextEncoder();
  let cursor: AuditCursor | undefined;
  let written = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(AUDIT_CSV_HEADER)));
        return;
      }
      const page = await searchAuditTrail(actor, filters, cursor, 2_000);
      const rows = page.rows.slice(0, AUDIT_EXPORT_CAP - written);
      const text = rows
        .map((r) =>
          csvLine([
            String(r.id),
            r.at,
            r.action,
            r.user?.name,
            r.user?.email,
            r.organisation?.shortName,
            r.entityType,
            r.entityId,
            r.detail === null ? "" : JSON.stringify(r.detail),
            r.ip,
          ]),
        )
        .join("");
      written += rows.length;
      if (text) controller.enqueue(encoder.encode(text));
      if (written >= AUDIT_EXPORT_CAP && page.next) {
        controller.enqueue(
          encoder.encode(
            csvLine([
              `Export stopped at ${AUDIT_EXPORT_CAP.toLocaleString("en-GB")} rows: narrow the search (dates, user or action) to export the rest.`,
            ]),
          ),
        );
        controller.close();
      } else if (!page.next) controller.close();
      else cursor = page.next;
    },
  });
}

// ── Who has seen this record ──

export const SEEN_RECORD_TYPES = { case: "Case", person: "Person" } as const;
export type SeenRecordType = keyof typeof SEEN_RECORD_TYPES;

/**
 * Whether the actor may see who has viewed this case or person: administrators always; a manager
 * when the record belongs to their organisation's work (the case's lead organisation, or for a
 * person, a case they are in that the manager's organisation leads) and they can see it.
 * The record decides: it is loaded and checked, never trusted from the request.
 */
export async function maySeeWhoHasSeen(actor: Actor, type: SeenRecordType, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  if (can(actor, "audit:read")) return true;
  if (!can(actor, "audit:seen-organisation")) return false;
  const ledByMe: Prisma.CaseWhereInput = { AND: [visibleCasesWhere(actor), { leadOrganisationId: actor.organisationId }] };
  if (type === "case") return (await db.case.count({ where: { id, ...ledByMe } })) > 0;
  return (await db.casePerson.count({ where: { personId: id, removedAt: null, case: ledByMe } })) > 0;
}

export type SeenRecord = { type: SeenRecordType; id: string; label: string };

/** The VIEW events of one case or person, newest first, with who (user and organisation) and when. */
export async function whoHasSeen(
  actor: Actor,
  type: SeenRecordType,
  id: string,
  cursor?: AuditCursor,
): Promise<{ record: SeenRecord; page: AuditPage }> {
  if (!(await maySeeWhoHasSeen(actor, type, id))) {
    if (isUuid(id)) await auditRefusal(actor, SEEN_RECORD_TYPES[type], id);
    throw new NotFoundError();
  }
  // A reference only, never a name: the page title and heading carry no personal data.
  const label =
    type === "case"
      ? ((await db.case.findUnique({ where: { id }, select: { reference: true } }))?.reference ?? null)
      : (await db.person.count({ where: { id } })) > 0
        ? "this person"
        : null;
  if (!label) throw new NotFoundError();
  const entityType = SEEN_RECORD_TYPES[type];
  const ids = await recordIds(entityType, id);
  const events = await db.auditEvent.findMany({
    where: { AND: [{ entityType, entityId: { in: ids }, action: "VIEW" }, afterCursor(cursor)] },
    orderBy: NEWEST_FIRST,
    take: AUDIT_PAGE_SIZE + 1,
  });
  const page = events.slice(0, AUDIT_PAGE_SIZE);
  const last = page.at(-1);
  return {
    record: { type, id, label },
    page: {
      rows: await withNames(page),
      next: events.length > AUDIT_PAGE_SIZE && last ? { at: last.at, id: last.id } : undefined,
      unknownRecord: false,
    },
  };
}

/** The chain check, for administrators (the admin page; `npm run audit:verify` runs the same walk). */
export async function verifyAuditTrail(actor: Actor): Promise<ChainReport> {
  await requireAuditReader(actor);
  return verifyAuditChain();
}
