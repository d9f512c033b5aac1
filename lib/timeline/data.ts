import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import type { TimelineKind } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleCasesWhere } from "@/lib/cases/access";
import { auditRefusal } from "@/lib/audit/data";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/not-found";
import { encodeCursor, type TimelineCursor } from "./cursor";
import { TIMELINE_KIND_LABELS } from "./labels";

// The case timeline: one chronological, append-only record of what every agency did. Entries are
// only ever added, inside the transaction of the change they describe (the database refuses
// UPDATE and DELETE on the table). Corrections are new entries of kind CORRECTION.

export type TimelineEvent = {
  caseId: string;
  kind: TimelineKind;
  summary: string;
  detail?: Record<string, unknown>;
  subjectType?: string;
  subjectId?: string;
  correctsEntryId?: bigint;
  /** When it happened, if not now (recording history: lib/history). The entry is recorded now either way. */
  occurredAt?: Date;
};

export async function appendTimeline(tx: Tx, actor: Pick<Actor, "userId" | "organisationId">, event: TimelineEvent): Promise<bigint> {
  const entry = await tx.timelineEntry.create({
    data: {
      caseId: event.caseId,
      kind: event.kind,
      summary: event.summary,
      detail: event.detail ? (event.detail as Prisma.InputJsonValue) : Prisma.DbNull,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      correctsEntryId: event.correctsEntryId ?? null,
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
    },
    select: { id: true },
  });
  return entry.id;
}

// ───────────────────────────── Reading a timeline ─────────────────────────────
// Reads check the case against the actor first (visibleCasesWhere, one row by primary key), then
// read its entries by caseId alone, so the index on ("caseId", "occurredAt" DESC, id DESC) serves
// every page however long the timeline is.

export type TimelineOrder = "newest" | "oldest";

export type TimelineQuery = {
  kind?: TimelineKind;
  organisationId?: string;
  order: TimelineOrder;
  /** The next page: entries after this one, in the chosen order. */
  after?: TimelineCursor;
  /** The previous page: entries before this one, in the chosen order. */
  before?: TimelineCursor;
  pageSize?: number;
};

export const TIMELINE_PAGE_SIZE = 25;

type EntryRef = { id: string; kind: TimelineKind; occurredAt: Date; actorName: string; organisationShortName: string };

export type TimelineEntryView = {
  /** The entry's id as a decimal string (ids are big integers). */
  id: string;
  kind: TimelineKind;
  summary: string;
  detail: unknown;
  occurredAt: Date;
  /** When it was typed in; a later day than occurredAt for history recorded after the fact. */
  recordedAt: Date;
  actor: { id: string; name: string };
  organisation: { id: string; name: string; shortName: string };
  subjectType: string | null;
  subjectId: string | null;
  /** For a CORRECTION: the entry it corrects. */
  corrects: EntryRef | null;
  /** Corrections made to this entry, oldest first. */
  corrections: (EntryRef & { summary: string })[];
};

export type TimelinePage = {
  entries: TimelineEntryView[];
  /** Cursors for the links to the previous and next pages (null: there is none). */
  previous: string | null;
  next: string | null;
};

const ENTRY_SELECT = {
  id: true,
  kind: true,
  summary: true,
  detail: true,
  occurredAt: true,
  recordedAt: true,
  subjectType: true,
  subjectId: true,
  correctsEntryId: true,
  actorUser: { select: { id: true, name: true } },
  actorOrganisation: { select: { id: true, name: true, shortName: true } },
} satisfies Prisma.TimelineEntrySelect;

type EntryRow = Prisma.TimelineEntryGetPayload<{ select: typeof ENTRY_SELECT }>;

async function requireVisibleCase(actor: Actor, caseId: string): Promise<void> {
  if (!isUuid(caseId)) throw new NotFoundError("case");
  const visible = await db.case.findFirst({ where: { AND: [{ id: caseId }, visibleCasesWhere(actor)] }, select: { id: true } });
  if (visible) return;
  await auditRefusal(actor, "Case", caseId);
  throw new NotFoundError("case");
}

/** Entries strictly after `cursor` when walking in `descending` order (before it when ascending). */
function beyond(cursor: TimelineCursor, descending: boolean): Prisma.TimelineEntryWhereInput {
  const past = descending ? { lt: cursor.at } : { gt: cursor.at };
  const id = descending ? { lt: cursor.id } : { gt: cursor.id };
  return { OR: [{ occurredAt: past }, { occurredAt: cursor.at, id }] };
}

const refOf = (row: Pick<EntryRow, "id" | "kind" | "occurredAt" | "actorUser" | "actorOrganisation">): EntryRef => ({
  id: row.id.toString(),
  kind: row.kind,
  occurredAt: row.occurredAt,
  actorName: row.actorUser.name,
  organisationShortName: row.actorOrganisation.shortName,
});

/** Adds to each row the entry it corrects and the corrections made to it. */
async function withCorrections(caseId: string, rows: EntryRow[]): Promise<TimelineEntryView[]> {
  const ids = rows.map((r) => r.id);
  const originalIds = rows.flatMap((r) => (r.correctsEntryId !== null ? [r.correctsEntryId] : []));
  const [corrections, originals] = await Promise.all([
    ids.length > 0
      ? db.timelineEntry.findMany({
          where: { caseId, correctsEntryId: { in: ids } },
          orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
          select: ENTRY_SELECT,
        })
      : [],
    originalIds.length > 0 ? db.timelineEntry.findMany({ where: { caseId, id: { in: originalIds } }, select: ENTRY_SELECT }) : [],
  ]);
  const original = new Map(originals.map((o) => [o.id, refOf(o)]));
  return rows.map((row) => ({
    id: row.id.toString(),
    kind: row.kind,
    summary: row.summary,
    detail: row.detail,
    occurredAt: row.occurredAt,
    recordedAt: row.recordedAt,
    actor: row.actorUser,
    organisation: row.actorOrganisation,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    corrects: row.correctsEntryId !== null ? (original.get(row.correctsEntryId) ?? null) : null,
    corrections: corrections.filter((c) => c.correctsEntryId === row.id).map((c) => ({ ...refOf(c), summary: c.summary })),
  }));
}

/** One page of a case's timeline, filtered by kind and organisation, newest or oldest first. */
export async function listTimeline(actor: Actor, caseId: string, query: TimelineQuery): Promise<TimelinePage> {
  await requireVisibleCase(actor, caseId);
  const size = query.pageSize ?? TIMELINE_PAGE_SIZE;
  const descending = query.order === "newest";
  const filters: Prisma.TimelineEntryWhereInput = {
    caseId,
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.organisationId && isUuid(query.organisationId) ? { actorOrganisationId: query.organisationId } : {}),
  };
  const sort = (desc: boolean): Prisma.TimelineEntryOrderByWithRelationInput[] => [
    { occurredAt: desc ? "desc" : "asc" },
    { id: desc ? "desc" : "asc" },
  ];

  let rows: EntryRow[];
  let hasPrevious: boolean;
  let hasNext: boolean;
  if (query.before) {
    // Walk backwards from the cursor, then put the page back in reading order.
    const found = await db.timelineEntry.findMany({
      where: { AND: [filters, beyond(query.before, !descending)] },
      orderBy: sort(!descending),
      take: size + 1,
      select: ENTRY_SELECT,
    });
    hasPrevious = found.length > size;
    rows = found.slice(0, size).reverse();
    hasNext = true;
  } else {
    const found = await db.timelineEntry.findMany({
      where: query.after ? { AND: [filters, beyond(query.after, descending)] } : filters,
      orderBy: sort(descending),
      take: size + 1,
      select: ENTRY_SELECT,
    });
    hasNext = found.length > size;
    rows = found.slice(0, size);
    hasPrevious = Boolean(query.after);
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    entries: await withCorrections(caseId, rows),
    previous: hasPrevious && first ? encodeCursor({ at: first.occurredAt, id: first.id }) : null,
    next: hasNext && last ? encodeCursor({ at: last.occurredAt, id: last.id }) : null,
  };
}

export type TimelineFilterChoices = { kinds: TimelineKind[]; organisations: { id: string; name: string; shortName: string }[] };

/** The kinds of entry and the organisations that appear on the case's timeline, for its filters. */
export async function timelineFilterChoices(actor: Actor, caseId: string): Promise<TimelineFilterChoices> {
  await requireVisibleCase(actor, caseId);
  const [kinds, organisations] = await Promise.all([
    db.timelineEntry.groupBy({ by: ["kind"], where: { caseId } }),
    db.timelineEntry.groupBy({ by: ["actorOrganisationId"], where: { caseId } }),
  ]);
  const names = await db.organisation.findMany({
    where: { id: { in: organisations.map((o) => o.actorOrganisationId) } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, shortName: true },
  });
  const present = new Set(kinds.map((k) => k.kind));
  return { kinds: (Object.keys(TIMELINE_KIND_LABELS) as TimelineKind[]).filter((k) => present.has(k)), organisations: names };
}

/** One entry of a case's timeline (for the correction page), or NotFoundError. */
export async function getTimelineEntry(actor: Actor, caseId: string, entryId: bigint): Promise<TimelineEntryView> {
  await requireVisibleCase(actor, caseId);
  const row = await db.timelineEntry.findFirst({ where: { id: entryId, caseId }, select: ENTRY_SELECT });
  if (!row) throw new NotFoundError("timeline entry");
  const [entry] = await withCorrections(caseId, [row]);
  return entry!;
}
