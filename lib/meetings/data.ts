import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActionStatus, AgendaReason, MeetingStatus, Panel, RiskAssessmentKind, RiskLevel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, chairsPanel, rolesWith } from "@/lib/auth/permissions";
import { visibleCasesWhere } from "@/lib/cases/access";
import { shareInTransaction } from "@/lib/cases/data";
import { checkDueDate, checkOfficer, writeNewAction } from "@/lib/case-actions/data";
import { appendTimeline } from "@/lib/timeline/data";
import { audit, auditRefusal, recordAudit } from "@/lib/audit/data";
import { nextReference } from "@/lib/references";
import { createOnce } from "@/lib/submissions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { formatDate, formatDateTime, londonToday } from "@/lib/format/dates";
import { COUNT_CAP, pageOf, type ListQuery, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { isActionOverdue, OPEN_ACTION_STATUSES } from "@/lib/case-actions/labels";
import { chairedPanelsOf, mayRunMeeting, minutesReadableWhere, partnerMinutesItemsWhere, visibleMeetingsWhere } from "./access";
import type { AgendaItemRecord, AgendaOnCancel, CancelInput, ScheduleInput } from "./schema";
import type { MeetingReview } from "./form-state";

// CCM and MARAC meetings: scheduling, the agenda, the pre-meeting pack, meeting mode and minutes.
// Who may see and run what is decided in ./access.ts; every function here starts from it.
//
// THE AGENDA is built from
// - accepted referrals to the panel (the referrals chair accepts a referral onto a scheduled
//   meeting, or, when none was scheduled, the next meeting scheduled picks it up), and
// - cases due for review (REVIEW_RULE below): a case that is not closed and still has an open
//   action agreed at an earlier, closed meeting of the same panel, and is not already on a
//   scheduled or running meeting of that panel. The panel agreed the work, so the panel checks it.
// The chair can add any other case they may see, and reorders the agenda item by item.
//
// CANCELLING: a chair of the panel cancels a scheduled meeting, with a reason; the cases on its
// agenda move to another scheduled meeting or their referrals go back to the triage queue
// (cancelMeeting below). Nothing of a cancelled meeting can be started, run or closed: every
// change goes through meetingForChange, which refuses a meeting that is not scheduled or running.
//
// MEETING MODE: per case, the chair records the discussion, the decision, marks it reviewed and
// agrees actions on the spot for organisations attending. Each save is one transaction: the item
// (version-checked), a DISCUSSED_AT_MEETING timeline entry, each action with its ACTION_CREATED
// timeline entry (and, on an unrestricted case, a share with the organisation given the action,
// so nobody gets work on a case they cannot open), and the audit entries. Any failure leaves nothing.

export const REVIEW_RULE =
  "A case is due for review when it is not closed and still has an open action agreed at an earlier meeting of this panel, and is not already on a scheduled meeting of the panel.";

export const PANEL_NAMES: Record<Panel, string> = { CCM: "CCM", MARAC: "MARAC" };
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  SCHEDULED: "Scheduled",
  IN_PROGRESS: "In progress",
  CLOSED: "Closed",
  CANCELLED: "Cancelled",
};

const ENTITY = "Meeting";
const RUNNING: MeetingStatus[] = ["SCHEDULED", "IN_PROGRESS"];

/** The meeting was changed by someone else first (started, closed, agenda item saved). */
export class MeetingChangedError extends ConflictError {
  constructor(message = "Someone else changed this meeting while you were working on it. Reload the page to see the latest.", public readonly currentVersion?: number) {
    super(message);
    this.name = "MeetingChangedError";
  }
}

// ───────────────────────────── Loading one meeting ─────────────────────────────

/**
 * The meeting if the actor may see it (`where`, default: their panels'); otherwise a refusal is
 * audited (whether or not it exists) and NotFoundError is thrown: a guessed id learns nothing.
 */
async function loadMeeting<S extends Prisma.MeetingSelect>(
  client: Tx | typeof db,
  actor: Actor,
  meetingId: string,
  select: S,
  where: Prisma.MeetingWhereInput = visibleMeetingsWhere(actor),
): Promise<Prisma.MeetingGetPayload<{ select: S }>> {
  if (!isUuid(meetingId)) throw new NotFoundError("meeting");
  const row = await client.meeting.findFirst({ where: { AND: [{ id: meetingId }, where] }, select });
  if (row) return row as Prisma.MeetingGetPayload<{ select: S }>;
  await auditRefusal(actor, ENTITY, meetingId);
  throw new NotFoundError("meeting");
}

/** For the chair's pages (meeting mode, close): a panel member who does not chair sees a 404 too. */
async function loadMeetingToRun<S extends Prisma.MeetingSelect>(client: Tx | typeof db, actor: Actor, meetingId: string, select: S) {
  const panels = chairedPanelsOf(actor);
  return loadMeeting(client, actor, meetingId, select, panels.length === 0 ? { id: { in: [] } } : { panel: { in: panels } });
}

/** Serialises changes to one meeting's agenda (reorder, add, save) behind a row lock. */
async function lockMeeting(tx: Tx, meetingId: string) {
  await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${meetingId}::uuid FOR UPDATE`;
}

// ───────────────────────────── Lists ─────────────────────────────

export type MeetingWhen = "upcoming" | "past";
export const MEETING_SORTS = ["date"] as const;
export type MeetingSort = (typeof MEETING_SORTS)[number];

export type MeetingListRow = {
  id: string;
  reference: string;
  panel: Panel;
  startsAt: Date;
  venue: string | null;
  status: MeetingStatus;
  chair: { name: string };
  agendaItems: number;
  /** A cancelled meeting's reason, who cancelled it and when. */
  cancellation: Cancellation | null;
};

const LIST_SELECT = {
  id: true,
  reference: true,
  panel: true,
  startsAt: true,
  venue: true,
  status: true,
  chair: { select: { name: true } },
  _count: { select: { agendaItems: true } },
} satisfies Prisma.MeetingSelect;

/** Upcoming (scheduled or running) or past (closed or cancelled) meetings of the actor's panels, paged on the server. */
export async function listMeetings(actor: Actor, when: MeetingWhen, query: ListQuery<MeetingSort>): Promise<Page<MeetingListRow>> {
  const where: Prisma.MeetingWhereInput = {
    AND: [visibleMeetingsWhere(actor), when === "upcoming" ? { status: { in: RUNNING } } : { status: { in: ["CLOSED", "CANCELLED"] } }],
  };
  const [rows, counted] = await Promise.all([
    db.meeting.findMany({ where, orderBy: [{ startsAt: query.dir }, { id: query.dir }], skip: query.skip, take: query.pageSize, select: LIST_SELECT }),
    db.meeting.count({ where, take: COUNT_CAP + 1 }),
  ]);
  const cancellations = await cancellationsOf(rows.filter((m) => m.status === "CANCELLED").map((m) => m.id));
  return pageOf(
    rows.map(({ _count, ...m }) => ({ ...m, agendaItems: _count.agendaItems, cancellation: cancellations.get(m.id) ?? null })),
    counted,
    query,
  );
}

/** The next meetings of the actor's panels (the dashboard). */
export async function nextMeetings(actor: Actor, now = new Date(), take = 5): Promise<MeetingListRow[]> {
  const rows = await db.meeting.findMany({
    where: { AND: [visibleMeetingsWhere(actor), { status: { in: RUNNING }, startsAt: { gte: londonToday(now) } }] },
    orderBy: { startsAt: "asc" },
    take,
    select: LIST_SELECT,
  });
  return rows.map(({ _count, ...m }) => ({ ...m, agendaItems: _count.agendaItems, cancellation: null }));
}

// ───────────────────────────── Scheduling ─────────────────────────────

export type ScheduleChoices = {
  panels: Panel[];
  chairs: { panel: Panel; users: { id: string; name: string; organisationShortName: string }[] }[];
  organisations: { id: string; name: string; shortName: string }[];
};

/** Chairs of a panel: active users who may run meetings and sit on it. */
const chairsOfPanelWhere = (panel: Panel): Prisma.UserWhereInput => ({ active: true, role: { in: rolesWith("meeting:run") }, panels: { some: { panel } } });

/** What the schedule form offers: the panels the actor chairs, their chairs, and active organisations. */
export async function scheduleChoices(actor: Actor): Promise<ScheduleChoices> {
  const panels = chairedPanelsOf(actor);
  if (panels.length === 0) return { panels, chairs: [], organisations: [] };
  const [chairs, organisations] = await Promise.all([
    Promise.all(
      panels.map(async (panel) => ({
        panel,
        users: (
          await db.user.findMany({ where: chairsOfPanelWhere(panel), orderBy: { name: "asc" }, select: { id: true, name: true, organisation: { select: { shortName: true } } } })
        ).map((u) => ({ id: u.id, name: u.name, organisationShortName: u.organisation.shortName })),
      })),
    ),
    db.organisation.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, shortName: true } }),
  ]);
  return { panels, chairs, organisations };
}

/** Cases due for review at the panel's next meeting (REVIEW_RULE). */
function dueForReviewWhere(panel: Panel): Prisma.CaseWhereInput {
  return {
    status: { not: "CLOSED" },
    ...(panel === "CCM" ? { restricted: false } : {}),
    actions: { some: { status: { in: [...OPEN_ACTION_STATUSES] }, meeting: { panel, status: "CLOSED" } } },
    agendaItems: { none: { meeting: { panel, status: { in: RUNNING } } } },
  };
}

/** Accepted referrals to the panel that are on no agenda yet (a cancelled meeting's agenda does not count). */
function acceptedUnlistedReferralsWhere(panel: Panel): Prisma.ReferralWhereInput {
  return { panel, status: "ACCEPTED", agendaItems: { none: { meeting: { status: { not: "CANCELLED" } } } }, ...(panel === "CCM" ? { case: { restricted: false } } : {}) };
}

/**
 * Schedules a meeting once per `submissionKey`, with its attending organisations, and builds its
 * agenda: accepted referrals not yet listed, then the cases due for review.
 */
export async function scheduleMeeting(actor: Actor, input: ScheduleInput, submissionKey: string, now = new Date()): Promise<{ id: string; duplicate: boolean }> {
  if (!chairsPanel(actor, input.panel)) throw new ForbiddenError(`Only a chair of the ${PANEL_NAMES[input.panel]} can schedule its meetings`);
  return createOnce(submissionKey, actor.userId, ENTITY, async (tx) => {
    if (input.startsAt < londonToday(now)) throw new ValidationError({ date: ["The date of the meeting must be today or in the future"] });
    const chair = await tx.user.findFirst({ where: { AND: [{ id: input.chairId }, chairsOfPanelWhere(input.panel)] }, select: { id: true } });
    if (!chair) throw new ValidationError({ chairId: [`Select a chair of the ${PANEL_NAMES[input.panel]} from the list`] });
    const organisations = await tx.organisation.findMany({ where: { id: { in: input.organisationIds }, active: true }, select: { id: true } });
    if (organisations.length !== input.organisationIds.length) throw new ValidationError({ organisationIds: ["Select organisations from the list"] });

    const reference = await nextReference(tx, "MTG", now);
    const meeting = await tx.meeting.create({
      data: {
        reference,
        panel: input.panel,
        startsAt: input.startsAt,
        venue: input.venue,
        chairId: chair.id,
        attendees: { create: organisations.map((o) => ({ organisationId: o.id })) },
      },
      select: { id: true },
    });

    // One after another: the transaction's one connection runs a query at a time.
    const referrals = await tx.referral.findMany({
      where: acceptedUnlistedReferralsWhere(input.panel),
      orderBy: { triagedAt: "asc" },
      select: { id: true, caseId: true },
    });
    const reviews = await tx.case.findMany({ where: dueForReviewWhere(input.panel), orderBy: { reference: "asc" }, select: { id: true } });
    const listed = new Set<string>();
    const items: Prisma.AgendaItemCreateManyInput[] = [];
    for (const r of referrals) {
      if (listed.has(r.caseId)) continue;
      listed.add(r.caseId);
      items.push({ meetingId: meeting.id, caseId: r.caseId, referralId: r.id, reason: "REFERRAL", position: items.length + 1 });
    }
    for (const c of reviews) {
      if (listed.has(c.id)) continue;
      listed.add(c.id);
      items.push({ meetingId: meeting.id, caseId: c.id, reason: "REVIEW", position: items.length + 1 });
    }
    if (items.length > 0) await tx.agendaItem.createMany({ data: items });

    await recordAudit(tx, {
      action: "CREATE",
      userId: actor.userId,
      organisationId: actor.organisationId,
      entityType: ENTITY,
      entityId: meeting.id,
      detail: { reference, panel: input.panel, startsAt: input.startsAt.toISOString(), agendaItems: items.length },
    });
    return meeting.id;
  });
}

// ───────────────────────────── The agenda ─────────────────────────────

export type AgendaItemView = {
  id: string;
  position: number;
  reason: AgendaReason;
  version: number;
  discussionSummary: string | null;
  decision: string | null;
  reviewedAt: Date | null;
  case: { id: string; reference: string; title: string; riskLevel: RiskLevel; restricted: boolean; status: string };
  referral: { id: string; reference: string } | null;
};

export type MeetingView = {
  id: string;
  reference: string;
  panel: Panel;
  startsAt: Date;
  venue: string | null;
  status: MeetingStatus;
  closedAt: Date | null;
  version: number;
  chair: { id: string; name: string; organisationShortName: string };
  attendees: { organisation: { id: string; name: string; shortName: string }; attendeeNames: string | null; present: boolean }[];
  items: AgendaItemView[];
  /** The actor chairs the panel: they change the agenda, run and close the meeting. */
  mayRun: boolean;
  /** The agenda can still change (scheduled or in progress). */
  open: boolean;
  /** Set for a cancelled meeting (loaded by getMeeting and getMeetingPack). */
  cancellation: Cancellation | null;
};

const ITEM_SELECT = {
  id: true,
  position: true,
  reason: true,
  version: true,
  discussionSummary: true,
  decision: true,
  reviewedAt: true,
  case: { select: { id: true, reference: true, title: true, riskLevel: true, restricted: true, status: true } },
  referral: { select: { id: true, reference: true } },
} satisfies Prisma.AgendaItemSelect;

const MEETING_SELECT = {
  id: true,
  reference: true,
  panel: true,
  startsAt: true,
  venue: true,
  status: true,
  closedAt: true,
  version: true,
  chair: { select: { id: true, name: true, organisation: { select: { shortName: true } } } },
  attendees: { orderBy: { organisation: { name: "asc" } }, select: { attendeeNames: true, present: true, organisation: { select: { id: true, name: true, shortName: true } } } },
  agendaItems: { orderBy: [{ position: "asc" }, { id: "asc" }], select: ITEM_SELECT },
} satisfies Prisma.MeetingSelect;

type MeetingRow = Prisma.MeetingGetPayload<{ select: typeof MEETING_SELECT }>;

function viewOfMeeting(actor: Actor, m: MeetingRow): MeetingView {
  const { agendaItems, chair, ...rest } = m;
  return {
    ...rest,
    chair: { id: chair.id, name: chair.name, organisationShortName: chair.organisation.shortName },
    items: agendaItems,
    mayRun: mayRunMeeting(actor, m),
    open: RUNNING.includes(m.status),
    cancellation: null,
  };
}

/** The view with its cancellation, when it was cancelled. */
async function withCancellation<V extends { id: string; status: MeetingStatus; cancellation: Cancellation | null }>(view: V): Promise<V> {
  if (view.status !== "CANCELLED") return view;
  return { ...view, cancellation: (await cancellationsOf([view.id])).get(view.id) ?? null };
}

/** One meeting and its agenda, for panel members; audited as a view. */
export async function getMeeting(actor: Actor, meetingId: string): Promise<MeetingView> {
  const m = await loadMeeting(db, actor, meetingId, MEETING_SELECT);
  await audit({ action: "VIEW", userId: actor.userId, organisationId: actor.organisationId, entityType: ENTITY, entityId: m.id });
  return withCancellation(viewOfMeeting(actor, m));
}

export type ReviewCandidate = { id: string; reference: string; title: string; riskLevel: RiskLevel; openMeetingActions: number };

/** Cases due for review that are not on this meeting's agenda yet (for its chair to add). */
export async function reviewCandidates(actor: Actor, meetingId: string): Promise<ReviewCandidate[]> {
  const m = await loadMeetingToRun(db, actor, meetingId, { id: true, panel: true, status: true });
  if (!RUNNING.includes(m.status)) return [];
  const rows = await db.case.findMany({
    where: dueForReviewWhere(m.panel),
    orderBy: { reference: "asc" },
    take: 50,
    select: {
      id: true,
      reference: true,
      title: true,
      riskLevel: true,
      _count: { select: { actions: { where: { status: { in: [...OPEN_ACTION_STATUSES] }, meeting: { panel: m.panel, status: "CLOSED" } } } } },
    },
  });
  return rows.map(({ _count, ...c }) => ({ ...c, openMeetingActions: _count.actions }));
}

/** The meeting for a change by its chair: locked, and still open to change. */
async function meetingForChange(tx: Tx, actor: Actor, meetingId: string) {
  const m = await loadMeetingToRun(tx, actor, meetingId, { id: true, panel: true, status: true, reference: true, startsAt: true, version: true });
  await lockMeeting(tx, m.id);
  const now = await tx.meeting.findUniqueOrThrow({ where: { id: m.id }, select: { status: true, version: true } });
  if (!RUNNING.includes(now.status)) throw new ConflictError(`Meeting ${m.reference} is ${MEETING_STATUS_LABELS[now.status].toLowerCase()}: its agenda can no longer change.`);
  return { ...m, ...now };
}

/**
 * Adds a case to the agenda, last. The case is named by reference (any case the chair may see) or
 * by id (a review candidate). A CCM agenda never takes a restricted MARAC case.
 */
export async function addCaseToAgenda(actor: Actor, meetingId: string, which: { reference: string } | { caseId: string }): Promise<{ itemId: string; caseReference: string }> {
  const field = "reference" in which ? "caseReference" : "caseId";
  return db.$transaction(async (tx) => {
    const m = await meetingForChange(tx, actor, meetingId);
    const byWhat: Prisma.CaseWhereInput = "reference" in which ? { reference: which.reference } : isUuid(which.caseId) ? { id: which.caseId } : { id: { in: [] } };
    // A review candidate is the panel's to hear even if the chair's organisation is not on it.
    const visible: Prisma.CaseWhereInput = "caseId" in which ? { OR: [visibleCasesWhere(actor), dueForReviewWhere(m.panel)] } : visibleCasesWhere(actor);
    const c = await tx.case.findFirst({ where: { AND: [byWhat, visible] }, select: { id: true, reference: true, restricted: true, status: true } });
    if (!c) throw new ValidationError({ [field]: ["There is no case with that reference that you can see. Check the reference, for example CASE-2026-000123."] });
    if (m.panel === "CCM" && c.restricted) throw new ValidationError({ [field]: ["A restricted MARAC case cannot go on a CCM agenda"] });
    if (c.status === "CLOSED") throw new ValidationError({ [field]: [`Case ${c.reference} is closed. Reopen it before listing it for a meeting.`] });
    if (await tx.agendaItem.findUnique({ where: { meetingId_caseId: { meetingId: m.id, caseId: c.id } }, select: { id: true } })) {
      throw new ValidationError({ [field]: [`Case ${c.reference} is already on this agenda`] });
    }
    const referral = await tx.referral.findFirst({ where: { caseId: c.id, ...acceptedUnlistedReferralsWhere(m.panel) }, orderBy: { triagedAt: "asc" }, select: { id: true } });
    const last = await tx.agendaItem.aggregate({ where: { meetingId: m.id }, _max: { position: true } });
    const item = await tx.agendaItem.create({
      data: { meetingId: m.id, caseId: c.id, referralId: referral?.id ?? null, reason: referral ? "REFERRAL" : "REVIEW", position: (last._max.position ?? 0) + 1 },
      select: { id: true },
    });
    await recordAudit(tx, { action: "CREATE", userId: actor.userId, organisationId: actor.organisationId, entityType: "AgendaItem", entityId: item.id, detail: { meetingId: m.id, caseId: c.id } });
    return { itemId: item.id, caseReference: c.reference };
  });
}

/** Moves one agenda item up or down by one place; the agenda is renumbered 1, 2, 3… */
export async function moveAgendaItem(actor: Actor, meetingId: string, itemId: string, direction: "up" | "down"): Promise<void> {
  await db.$transaction(async (tx) => {
    const m = await meetingForChange(tx, actor, meetingId);
    const items = await tx.agendaItem.findMany({ where: { meetingId: m.id }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, position: true } });
    const index = items.findIndex((i) => i.id === itemId);
    if (index < 0) throw new NotFoundError("agenda item");
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= items.length) return;
    const order = [...items];
    [order[index], order[target]] = [order[target]!, order[index]!];
    for (const [i, item] of order.entries()) {
      if (item.position !== i + 1) await tx.agendaItem.update({ where: { id: item.id }, data: { position: i + 1 } });
    }
    await recordAudit(tx, { action: "UPDATE", userId: actor.userId, organisationId: actor.organisationId, entityType: "AgendaItem", entityId: itemId, detail: { meetingId: m.id, moved: direction } });
  });
}

// ───────────────────────────── The pre-meeting pack ─────────────────────────────

export type PackAction = { id: string; title: string; status: ActionStatus; dueDate: Date; overdue: boolean; organisation: { id: string; name: string; shortName: string }; agreedHere: boolean };

export type PackItem = AgendaItemView & {
  case: AgendaItemView["case"] & { summary: string | null; leadOrganisation: { name: string; shortName: string } };
  latestRisk: { kind: RiskAssessmentKind; score: number; level: RiskLevel; assessedAt: Date } | null;
  openActions: PackAction[];
  /** Actions agreed for this case at this meeting (any status). */
  agreedActions: PackAction[];
  referralDetail: { reference: string; reason: string; grounds: string[]; isRepeat: boolean; referringOrganisation: string; referredAt: Date } | null;
};

export type MeetingPack = Omit<MeetingView, "items"> & { items: PackItem[] };

async function packItems(meeting: MeetingRow, now: Date): Promise<PackItem[]> {
  const caseIds = meeting.agendaItems.map((i) => i.case.id);
  const [cases, risks, actions, referrals] = await Promise.all([
    db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, summary: true, leadOrganisation: { select: { name: true, shortName: true } } } }),
    db.riskAssessment.findMany({
      where: { caseId: { in: caseIds } },
      orderBy: [{ assessedAt: "desc" }],
      distinct: ["caseId"],
      select: { caseId: true, kind: true, score: true, level: true, assessedAt: true },
    }),
    db.caseAction.findMany({
      where: { caseId: { in: caseIds }, OR: [{ status: { in: [...OPEN_ACTION_STATUSES] } }, { meetingId: meeting.id }] },
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
      select: { id: true, caseId: true, title: true, status: true, dueDate: true, meetingId: true, assignedOrganisation: { select: { id: true, name: true, shortName: true } } },
    }),
    db.referral.findMany({
      where: { id: { in: meeting.agendaItems.flatMap((i) => (i.referral ? [i.referral.id] : [])) } },
      select: { id: true, reference: true, reason: true, grounds: true, isRepeat: true, referredAt: true, referringOrganisation: { select: { name: true } } },
    }),
  ]);
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const riskByCase = new Map(risks.map((r) => [r.caseId, r]));
  const referralById = new Map(referrals.map((r) => [r.id, r]));
  return meeting.agendaItems.map((item) => {
    const c = caseById.get(item.case.id)!;
    const onCase = actions
      .filter((a) => a.caseId === item.case.id)
      .map((a) => ({ id: a.id, title: a.title, status: a.status, dueDate: a.dueDate, overdue: isActionOverdue(a, now), organisation: a.assignedOrganisation, agreedHere: a.meetingId === meeting.id }));
    const risk = riskByCase.get(item.case.id);
    const referral = item.referral ? referralById.get(item.referral.id) : undefined;
    return {
      ...item,
      case: { ...item.case, summary: c.summary, leadOrganisation: c.leadOrganisation },
      latestRisk: risk ? { kind: risk.kind, score: risk.score, level: risk.level, assessedAt: risk.assessedAt } : null,
      openActions: onCase.filter((a) => (OPEN_ACTION_STATUSES as readonly string[]).includes(a.status) && !a.agreedHere),
      agreedActions: onCase.filter((a) => a.agreedHere),
      referralDetail: referral
        ? { reference: referral.reference, reason: referral.reason, grounds: referral.grounds, isRepeat: referral.isRepeat, referringOrganisation: referral.referringOrganisation.name, referredAt: referral.referredAt }
        : null,
    };
  });
}

/** The pre-meeting pack: the agenda with each case's summary, latest risk and open actions. Panel members only; audited. */
export async function getMeetingPack(actor: Actor, meetingId: string, now = new Date()): Promise<MeetingPack> {
  const m = await loadMeeting(db, actor, meetingId, MEETING_SELECT);
  await audit({ action: "VIEW", userId: actor.userId, organisationId: actor.organisationId, entityType: "MeetingPack", entityId: m.id });
  return { ...(await withCancellation(viewOfMeeting(actor, m))), items: await packItems(m, now) };
}

/** An officer an action agreed at the meeting can be given to; `marac` officers can open restricted cases. */
export type MeetingOfficer = { id: string; name: string; organisationId: string; marac: boolean };

/** Meeting mode: the pack for the chair, with what is recorded so far. A panel member who does not chair gets NotFoundError. */
export async function getMeetingForRun(actor: Actor, meetingId: string, now = new Date()): Promise<MeetingPack & { officers: MeetingOfficer[] }> {
  const m = await loadMeetingToRun(db, actor, meetingId, MEETING_SELECT);
  await audit({ action: "VIEW", userId: actor.userId, organisationId: actor.organisationId, entityType: "MeetingPack", entityId: m.id, detail: { meetingMode: true } });
  const officers = await db.user.findMany({
    where: { active: true, role: { in: rolesWith("case:write") }, organisationId: { in: m.attendees.map((a) => a.organisation.id) } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, organisationId: true, panels: { where: { panel: "MARAC" }, select: { panel: true } } },
  });
  return {
    ...viewOfMeeting(actor, m),
    items: await packItems(m, now),
    officers: officers.map((o) => ({ id: o.id, name: o.name, organisationId: o.organisationId, marac: o.panels.length > 0 })),
  };
}

// ───────────────────────────── Running the meeting ─────────────────────────────

/** Starts the meeting (scheduled → in progress). */
export async function startMeeting(actor: Actor, meetingId: string, version: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const m = await meetingForChange(tx, actor, meetingId);
    if (m.status !== "SCHEDULED") throw new MeetingChangedError(`Meeting ${m.reference} has already started.`, m.version);
    if (m.version !== version) throw new MeetingChangedError(undefined, m.version);
    await tx.meeting.update({ where: { id: m.id }, data: { status: "IN_PROGRESS", version: { increment: 1 } } });
    await recordAudit(tx, { action: "UPDATE", userId: actor.userId, organisationId: actor.organisationId, entityType: ENTITY, entityId: m.id, detail: { status: { from: "SCHEDULED", to: "IN_PROGRESS" } } });
  });
}

/** Someone else saved this case's record first. */
export class AgendaItemChangedError extends ConflictError {
  constructor(public readonly currentVersion: number) {
    super("This case's record was saved by someone else while you were working on it. Reload the page to see what they saved; your text is kept on this device.");
    this.name = "AgendaItemChangedError";
  }
}

/**
 * Saves one case's record in meeting mode, in one transaction: the item at `version`, its timeline
 * entry, each agreed action (with its timeline entry, and a share of an unrestricted case with an
 * organisation given work on it) and the audit entries. Returns the item's new version.
 */
export async function saveAgendaItem(actor: Actor, meetingId: string, itemId: string, version: number, record: AgendaItemRecord, now = new Date()): Promise<{ version: number; actionIds: string[] }> {
  return db.$transaction(async (tx) => {
    const m = await meetingForChange(tx, actor, meetingId);
    if (m.status !== "IN_PROGRESS") throw new ConflictError("Start the meeting before recording decisions.");
    const item = isUuid(itemId)
      ? await tx.agendaItem.findFirst({
          where: { id: itemId, meetingId: m.id },
          select: {
            id: true,
            version: true,
            discussionSummary: true,
            decision: true,
            reviewedAt: true,
            case: { select: { id: true, reference: true, status: true, restricted: true, createdById: true, leadOrganisationId: true, shares: { select: { organisationId: true, withdrawnAt: true } } } },
          },
        })
      : null;
    if (!item) throw new NotFoundError("agenda item");
    if (item.version !== version) throw new AgendaItemChangedError(item.version);
    const c = item.case;
    const when = `${PANEL_NAMES[m.panel]} meeting ${m.reference} (${formatDate(m.startsAt)})`;

    const reviewedAt = record.reviewed ? (item.reviewedAt ?? now) : null;
    const changed =
      (record.discussionSummary ?? null) !== (item.discussionSummary ?? null) || (record.decision ?? null) !== (item.decision ?? null) || Boolean(reviewedAt) !== Boolean(item.reviewedAt);
    const updated = await tx.agendaItem.updateMany({
      where: { id: item.id, version },
      data: { discussionSummary: record.discussionSummary, decision: record.decision, reviewedAt, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new AgendaItemChangedError((await tx.agendaItem.findUniqueOrThrow({ where: { id: item.id }, select: { version: true } })).version);

    if (changed) {
      const parts = [`Discussed at the ${when}.`];
      if (record.decision) parts.push(`Decision: ${record.decision}`);
      if (reviewedAt && !item.reviewedAt) parts.push("Marked as reviewed.");
      await appendTimeline(tx, actor, {
        caseId: c.id,
        kind: "DISCUSSED_AT_MEETING",
        summary: parts.join(" "),
        subjectType: ENTITY,
        subjectId: m.id,
        detail: { meetingId: m.id, meetingReference: m.reference, agendaItemId: item.id, discussionSummary: record.discussionSummary, decision: record.decision, reviewed: Boolean(reviewedAt) },
      });
    }

    if (record.actions.length > 0 && c.status === "CLOSED") throw new ConflictError(`Case ${c.reference} is closed. Reopen it before agreeing actions on it.`);
    const attending = new Map(
      (await tx.meetingAttendee.findMany({ where: { meetingId: m.id }, select: { organisation: { select: { id: true, name: true, shortName: true, active: true } } } })).map((a) => [a.organisation.id, a.organisation]),
    );
    const sharedNow = new Set(c.shares.filter((s) => !s.withdrawnAt).map((s) => s.organisationId));
    const actionIds: string[] = [];
    // Each action is checked as it is written: a bad one rolls back everything saved before it.
    for (const [index, action] of record.actions.entries()) {
      const organisation = attending.get(action.organisationId);
      if (!organisation || !organisation.active) throw new ValidationError({ [`actions.${index}.organisationId`]: ["Select an organisation attending this meeting"] });
      checkDueDate(action.dueDate, now, `actions.${index}.dueDate`);
      if (!c.restricted && organisation.id !== c.leadOrganisationId && !sharedNow.has(organisation.id)) {
        await shareInTransaction(tx, actor, c.id, organisation, `Shared with ${organisation.name}, given an action at the ${when}.`, { meetingId: m.id });
        sharedNow.add(organisation.id);
      }
      const shares = [...sharedNow].map((organisationId) => ({ organisationId }));
      const officer = action.assignedUserId ? await checkOfficer(tx, { ...c, shares }, organisation, action.assignedUserId, `actions.${index}.assignedUserId`) : null;
      const lead = `Action agreed at the ${when} for ${officer ? `${organisation.shortName} (${officer.name})` : organisation.shortName}`;
      actionIds.push(await writeNewAction(tx, actor, c.id, { title: action.title, dueDate: action.dueDate, meetingId: m.id }, { organisation, officer }, lead));
    }

    await tx.case.update({ where: { id: c.id }, data: { updatedAt: now }, select: { id: true } });
    await recordAudit(tx, {
      action: "UPDATE",
      userId: actor.userId,
      organisationId: actor.organisationId,
      entityType: "AgendaItem",
      entityId: item.id,
      detail: { meetingId: m.id, caseId: c.id, reviewed: Boolean(reviewedAt), actionsAgreed: actionIds.length },
    });
    return { version: version + 1, actionIds };
  });
}

// ───────────────────────────── Closing and minutes ─────────────────────────────

export type CloseCheck = {
  id: string;
  reference: string;
  panel: Panel;
  startsAt: Date;
  version: number;
  status: MeetingStatus;
  items: number;
  reviewed: number;
  notReviewed: { reference: string; title: string }[];
  actionsAgreed: number;
};

/** What closing will do, for the chair's check page. */
export async function checkCloseMeeting(actor: Actor, meetingId: string): Promise<CloseCheck> {
  const m = await loadMeetingToRun(db, actor, meetingId, {
    id: true,
    reference: true,
    panel: true,
    startsAt: true,
    version: true,
    status: true,
    agendaItems: { orderBy: { position: "asc" }, select: { reviewedAt: true, case: { select: { reference: true, title: true } } } },
    _count: { select: { actions: true } },
  });
  return {
    id: m.id,
    reference: m.reference,
    panel: m.panel,
    startsAt: m.startsAt,
    version: m.version,
    status: m.status,
    items: m.agendaItems.length,
    reviewed: m.agendaItems.filter((i) => i.reviewedAt).length,
    notReviewed: m.agendaItems.filter((i) => !i.reviewedAt).map((i) => i.case),
    actionsAgreed: m._count.actions,
  };
}

/** Closes the meeting (in progress → closed): its minutes and action lists are then available. */
export async function closeMeeting(actor: Actor, meetingId: string, version: number, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const m = await meetingForChange(tx, actor, meetingId);
    if (m.status !== "IN_PROGRESS") throw new MeetingChangedError(`Start meeting ${m.reference} before closing it.`, m.version);
    if (m.version !== version) throw new MeetingChangedError(undefined, m.version);
    await tx.meeting.update({ where: { id: m.id }, data: { status: "CLOSED", closedAt: now, version: { increment: 1 } } });
    await recordAudit(tx, { action: "UPDATE", userId: actor.userId, organisationId: actor.organisationId, entityType: ENTITY, entityId: m.id, detail: { status: { from: "IN_PROGRESS", to: "CLOSED" } } });
  });
}

// ───────────────────────────── Cancelling ─────────────────────────────
//
// A chair of the panel cancels a SCHEDULED meeting (one in progress has started: it is closed, and
// cases not reviewed are minuted as such; a closed or cancelled one is history), with a reason.
// The cases on its agenda are not lost; the chair chooses, on the check page, to
//  - MOVE them to another scheduled meeting of the panel: each joins the end of its agenda in the
//    order it had, an accepted referral stays accepted (a history row says where it went), and a
//    case already on that agenda keeps its place there; or
//  - RETURN the referrals to the triage queue: PENDING again, for the chair to decide afresh (onto
//    a meeting not scheduled yet, for instance). Cases listed for review come off the agenda; those
//    still due for review are offered again when the next meeting is scheduled (REVIEW_RULE).
// The cancelled meeting keeps its agenda as it stood, read-only, as the record of what was listed.
// One transaction: the meeting (version-checked, locked with the meeting the cases move to, in id
// order so two cancellations moving cases between the same two meetings cannot deadlock), the
// agenda items and referrals, a history row per referral, a timeline entry per case and the audit
// entries. The reason, who and when are the meeting's own (cancelledAt, cancelledById,
// cancellationReason); the timeline entries and referral history rows repeat them where each
// case's readers will look, and the audit entry records the change.

export type Cancellation = { reason: string; at: Date; by: string };

/** The cancellation of each cancelled meeting named: its reason, who cancelled it and when. */
async function cancellationsOf(meetingIds: string[]): Promise<Map<string, Cancellation>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db.meeting.findMany({
    where: { id: { in: meetingIds }, status: "CANCELLED" },
    select: { id: true, cancelledAt: true, cancellationReason: true, cancelledBy: { select: { name: true } } },
  });
  const found = new Map<string, Cancellation>();
  for (const m of rows) {
    // A meeting marked cancelled outside cancelMeeting (none are; the columns would allow it) shows as cancelled, with no reason or canceller.
    if (!m.cancelledAt) continue;
    found.set(m.id, { reason: m.cancellationReason ?? "", at: m.cancelledAt, by: m.cancelledBy?.name ?? "Unknown user" });
  }
  return found;
}

const NOT_CANCELLABLE: Record<Exclude<MeetingStatus, "SCHEDULED">, string> = {
  IN_PROGRESS: "The meeting has started. Close it instead: cases not reviewed are minuted as not reviewed.",
  CLOSED: "The meeting is closed: its minutes are the record of what was decided.",
  CANCELLED: "The meeting has already been cancelled.",
};

export type CancellationPage = {
  id: string;
  reference: string;
  panel: Panel;
  startsAt: Date;
  venue: string | null;
  version: number;
  status: MeetingStatus;
  items: { id: string; position: number; reason: AgendaReason; case: { reference: string; title: string }; referral: { reference: string } | null }[];
  /** Other scheduled meetings of the panel the cases can move to. */
  otherMeetings: { id: string; reference: string; startsAt: Date; venue: string | null; agendaItems: number }[];
  /** Null when the meeting can be cancelled now; otherwise why not, in words. */
  refusal: string | null;
};

function otherScheduledMeetingsWhere(m: { id: string; panel: Panel }, now: Date): Prisma.MeetingWhereInput {
  return { panel: m.panel, status: "SCHEDULED", id: { not: m.id }, startsAt: { gte: londonToday(now) } };
}

/** The cancel page: the meeting, its agenda and where the cases could go. A chair of the panel only (NotFoundError, audited, for anyone else). */
export async function cancellationFor(actor: Actor, meetingId: string, now = new Date()): Promise<CancellationPage> {
  const m = await loadMeetingToRun(db, actor, meetingId, {
    id: true,
    reference: true,
    panel: true,
    startsAt: true,
    venue: true,
    version: true,
    status: true,
    agendaItems: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, position: true, reason: true, case: { select: { reference: true, title: true } }, referral: { select: { reference: true } } } },
  });
  const others = m.status === "SCHEDULED"
    ? await db.meeting.findMany({
        where: otherScheduledMeetingsWhere(m, now),
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take: 20,
        select: { id: true, reference: true, startsAt: true, venue: true, _count: { select: { agendaItems: true } } },
      })
    : [];
  const { agendaItems, ...meeting } = m;
  return {
    ...meeting,
    items: agendaItems,
    otherMeetings: others.map(({ _count, ...o }) => ({ ...o, agendaItems: _count.agendaItems })),
    refusal: m.status === "SCHEDULED" ? null : NOT_CANCELLABLE[m.status],
  };
}

type CancelPlan = {
  meeting: { id: string; reference: string; panel: Panel; startsAt: Date; venue: string | null; version: number };
  items: { id: string; position: number; reason: AgendaReason; caseId: string; caseReference: string; referral: { id: string; reference: string; status: string } | null }[];
  agenda: AgendaOnCancel | null;
  target: { id: string; reference: string; startsAt: Date; venue: string | null } | null;
};

/**
 * Checks a cancellation against the meeting as it is now (the caller has locked it, or only reads).
 * One query at a time: inside a transaction they share one connection.
 */
async function planCancellation(client: Tx | typeof db, meetingId: string, version: number, input: CancelInput, now: Date): Promise<CancelPlan> {
  const m = await client.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { id: true, reference: true, panel: true, startsAt: true, venue: true, version: true, status: true } });
  if (m.status !== "SCHEDULED") throw new MeetingChangedError(`Meeting ${m.reference} cannot be cancelled. ${NOT_CANCELLABLE[m.status]}`, m.version);
  if (m.version !== version) throw new MeetingChangedError(undefined, m.version);
  const rows = await client.agendaItem.findMany({ where: { meetingId: m.id }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, position: true, reason: true, caseId: true, referralId: true } });
  const cases = new Map((await client.case.findMany({ where: { id: { in: rows.map((i) => i.caseId) } }, select: { id: true, reference: true } })).map((c) => [c.id, c.reference]));
  const referralIds = rows.flatMap((i) => (i.referralId ? [i.referralId] : []));
  const referrals = new Map((await client.referral.findMany({ where: { id: { in: referralIds } }, select: { id: true, reference: true, status: true } })).map((r) => [r.id, r]));
  const items = rows.map((i) => ({ id: i.id, position: i.position, reason: i.reason, caseId: i.caseId, caseReference: cases.get(i.caseId) ?? "", referral: (i.referralId && referrals.get(i.referralId)) || null }));
  if (items.length > 0 && !input.agenda) throw new ValidationError({ agenda: ["Select what happens to the cases on the agenda"] });
  let target: CancelPlan["target"] = null;
  const agenda = items.length > 0 ? input.agenda : null;
  if (agenda === "MOVE") {
    target = input.moveToMeetingId && isUuid(input.moveToMeetingId)
      ? await client.meeting.findFirst({ where: { AND: [{ id: input.moveToMeetingId }, otherScheduledMeetingsWhere(m, now)] }, select: { id: true, reference: true, startsAt: true, venue: true } })
      : null;
    if (!target) throw new ValidationError({ moveToMeetingId: [`Select another scheduled ${PANEL_NAMES[m.panel]} meeting from the list`] });
  }
  const { status: _status, ...meeting } = m;
  return { meeting, items, agenda, target };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the agenda's cases will become, in words (the check step, and the tests). */
function describeAgendaOnCancel(plan: CancelPlan): string {
  const referrals = plan.items.filter((i) => i.referral?.status === "ACCEPTED").length;
  const reviews = plan.items.length - referrals;
  if (plan.items.length === 0) return "Nothing: no cases are on its agenda.";
  if (plan.agenda === "MOVE" && plan.target) {
    return `The ${plural(plan.items.length, "case", "cases")} on its agenda ${plan.items.length === 1 ? "moves" : "move"} to ${plan.target.reference} on ${formatDateTime(plan.target.startsAt)}, at the end of its agenda in the same order (a case already on it keeps its place). Accepted referrals stay accepted.`;
  }
  const parts: string[] = [];
  if (referrals > 0) parts.push(`The ${plural(referrals, "referral", "referrals")} on its agenda ${referrals === 1 ? "goes" : "go"} back to the ${PANEL_NAMES[plan.meeting.panel]} triage queue, to be decided on again.`);
  if (reviews > 0) parts.push(`The ${plural(reviews, "case", "cases")} listed for review ${reviews === 1 ? "comes" : "come"} off the agenda; a case still due for review is offered again when the next meeting is scheduled.`);
  return parts.join(" ");
}

/** For the check step: what cancelling will do, or the error the form shows. */
export async function checkCancelMeeting(actor: Actor, meetingId: string, version: number, input: CancelInput, now = new Date()): Promise<MeetingReview> {
  const m = await loadMeetingToRun(db, actor, meetingId, { id: true });
  const plan = await planCancellation(db, m.id, version, input, now);
  return {
    heading: `You are about to cancel the ${PANEL_NAMES[plan.meeting.panel]} meeting ${plan.meeting.reference}`,
    rows: [
      { key: "Meeting", value: describeMeeting(plan.meeting) },
      { key: "Reason", value: input.reason },
      { key: "The cases on the agenda", value: describeAgendaOnCancel(plan) },
    ],
  };
}

/** Cancels a scheduled meeting (see "Cancelling" above). Refused (MeetingChangedError) when it changed since the chair opened the form. */
export async function cancelMeeting(actor: Actor, meetingId: string, version: number, input: CancelInput, now = new Date()): Promise<{ movedTo: string | null; referralsReturned: number }> {
  if (!input.reason.trim()) throw new ValidationError({ reason: ["Enter why the meeting is cancelled"] });
  return db.$transaction(async (tx) => {
    const { id } = await loadMeetingToRun(tx, actor, meetingId, { id: true });
    const targetId = input.agenda === "MOVE" && input.moveToMeetingId && isUuid(input.moveToMeetingId) && input.moveToMeetingId !== id ? input.moveToMeetingId : null;
    const locked = [id, ...(targetId ? [targetId] : [])].sort();
    await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ANY(${locked}::uuid[]) ORDER BY id FOR UPDATE`;
    const plan = await planCancellation(tx, id, version, input, now);
    const m = plan.meeting;
    const cancelled = `The ${PANEL_NAMES[m.panel]} meeting ${m.reference} (${formatDate(m.startsAt)}) was cancelled by ${actor.name}: ${input.reason}`;
    const audited = (action: "CREATE" | "UPDATE", entityType: string, entityId: string, detail: Record<string, unknown>) =>
      recordAudit(tx, { action, userId: actor.userId, organisationId: actor.organisationId, entityType, entityId, detail });

    let referralsReturned = 0;
    let casesMoved = 0;
    let last = plan.target ? ((await tx.agendaItem.aggregate({ where: { meetingId: plan.target.id }, _max: { position: true } }))._max.position ?? 0) : 0;
    for (const item of plan.items) {
      const referral = item.referral?.status === "ACCEPTED" ? item.referral : null;
      let outcome: string;
      if (plan.target) {
        const t = plan.target;
        const existing = await tx.agendaItem.findUnique({ where: { meetingId_caseId: { meetingId: t.id, caseId: item.caseId } }, select: { id: true, position: true, referralId: true } });
        if (!existing) {
          const created = await tx.agendaItem.create({ data: { meetingId: t.id, caseId: item.caseId, referralId: referral?.id ?? null, reason: item.reason, position: ++last }, select: { id: true } });
          await audited("CREATE", "AgendaItem", created.id, { meetingId: t.id, caseId: item.caseId, movedFrom: m.id });
          outcome = `Moved to the agenda of ${t.reference} on ${formatDate(t.startsAt)} (item ${last}).`;
          casesMoved++;
        } else {
          if (referral && !existing.referralId) {
            // Listed there for review: the referral is now why it is discussed; its place stays.
            await tx.agendaItem.update({ where: { id: existing.id }, data: { referralId: referral.id, reason: "REFERRAL", version: { increment: 1 } }, select: { id: true } });
          }
          outcome = `Already on the agenda of ${t.reference} on ${formatDate(t.startsAt)} (item ${existing.position}).`;
        }
        if (referral) {
          await tx.referral.update({ where: { id: referral.id }, data: { version: { increment: 1 } }, select: { id: true } });
          await tx.referralTriage.create({ data: { referralId: referral.id, outcome: "ACCEPTED", note: `Moved to ${t.reference} on ${formatDate(t.startsAt)}: ${m.reference} was cancelled. ${input.reason}`, decidedById: actor.userId, decidedAt: now } });
          await audited("UPDATE", "Referral", referral.id, { meetingCancelled: m.id, movedTo: t.id });
        }
      } else if (referral) {
        await tx.referral.update({ where: { id: referral.id }, data: { status: "PENDING", version: { increment: 1 } }, select: { id: true } });
        await tx.referralTriage.create({ data: { referralId: referral.id, outcome: "PENDING", note: `Returned to the triage queue: ${m.reference} on ${formatDate(m.startsAt)} was cancelled. ${input.reason}`, decidedById: actor.userId, decidedAt: now } });
        await audited("UPDATE", "Referral", referral.id, { status: { from: "ACCEPTED", to: "PENDING" }, meetingCancelled: m.id });
        outcome = `Referral ${referral.reference} is back in the ${PANEL_NAMES[m.panel]} triage queue for a new decision.`;
        referralsReturned++;
      } else {
        outcome = "The case was listed there for review and is not on another agenda yet.";
      }
      await appendTimeline(tx, actor, {
        caseId: item.caseId,
        // A referral's listing changed (TRIAGED); a review case gets a plain entry (there is no meeting-cancelled kind).
        kind: referral ? "TRIAGED" : "NOTE",
        summary: `${cancelled} ${referral && plan.target ? `Referral ${referral.reference}: ` : ""}${outcome}`,
        subjectType: ENTITY,
        subjectId: m.id,
        detail: { meetingId: m.id, meetingReference: m.reference, cancelled: true, movedTo: plan.target?.id ?? null, referralId: referral?.id ?? null },
      });
      await tx.case.update({ where: { id: item.caseId }, data: { updatedAt: now }, select: { id: true } });
    }

    const updated = await tx.meeting.updateMany({
      where: { id: m.id, version, status: "SCHEDULED" },
      data: { status: "CANCELLED", cancelledAt: now, cancelledById: actor.userId, cancellationReason: input.reason, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new MeetingChangedError(undefined);
    if (plan.target && plan.items.length > 0) await tx.meeting.update({ where: { id: plan.target.id }, data: { version: { increment: 1 } }, select: { id: true } });
    await audited("UPDATE", ENTITY, m.id, {
      status: { from: "SCHEDULED", to: "CANCELLED" },
      reason: input.reason,
      agenda: plan.agenda,
      movedTo: plan.target?.id ?? null,
      casesMoved,
      referralsReturned,
    });
    return { movedTo: plan.target?.id ?? null, referralsReturned };
  });
}

export type MinutesAction = { caseReference: string; title: string; dueDate: Date; status: ActionStatus };

export type Minutes = {
  id: string;
  reference: string;
  panel: Panel;
  startsAt: Date;
  closedAt: Date | null;
  venue: string | null;
  chair: string;
  attendees: { organisation: string; names: string | null; present: boolean }[];
  items: { position: number; reason: AgendaReason; caseReference: string; caseTitle: string; discussionSummary: string | null; decision: string | null; reviewed: boolean; actions: (MinutesAction & { organisation: string })[] }[];
  actionsByOrganisation: { organisation: string; shortName: string; actions: MinutesAction[] }[];
  /** A partner off the CCM panel: only the items for their cases are included. */
  partial: boolean;
  /** MARAC minutes carry MINUTES_MARKING on every page. */
  marked: boolean;
};

export const MINUTES_MARKING = "OFFICIAL-SENSITIVE — MARAC: do not share beyond the panel";

/** The minutes of a closed meeting, for those allowed by ./access minutesReadableWhere. */
export async function getMinutes(actor: Actor, meetingId: string): Promise<Minutes> {
  const m = await loadMeeting(db, actor, meetingId, { id: true, panel: true, status: true }, minutesReadableWhere(actor));
  if (m.status !== "CLOSED") throw new NotFoundError("minutes");
  const member = await db.meeting.count({ where: { AND: [{ id: m.id }, visibleMeetingsWhere(actor)] } });
  const partial = member === 0;
  const itemsWhere: Prisma.AgendaItemWhereInput = partial ? partnerMinutesItemsWhere(actor) : {};
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: m.id },
    select: {
      id: true,
      reference: true,
      panel: true,
      startsAt: true,
      closedAt: true,
      venue: true,
      chair: { select: { name: true } },
      attendees: { orderBy: { organisation: { name: "asc" } }, select: { attendeeNames: true, present: true, organisation: { select: { name: true } } } },
      agendaItems: {
        where: itemsWhere,
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: { position: true, reason: true, discussionSummary: true, decision: true, reviewedAt: true, caseId: true, case: { select: { reference: true, title: true } } },
      },
    },
  });
  const caseIds = meeting.agendaItems.map((i) => i.caseId);
  const actions = await db.caseAction.findMany({
    where: { meetingId: m.id, caseId: { in: caseIds } },
    orderBy: [{ assignedOrganisation: { name: "asc" } }, { dueDate: "asc" }, { createdAt: "asc" }],
    select: { caseId: true, title: true, dueDate: true, status: true, case: { select: { reference: true } }, assignedOrganisation: { select: { name: true, shortName: true } } },
  });
  const byOrganisation = new Map<string, Minutes["actionsByOrganisation"][number]>();
  for (const a of actions) {
    const group = byOrganisation.get(a.assignedOrganisation.name) ?? { organisation: a.assignedOrganisation.name, shortName: a.assignedOrganisation.shortName, actions: [] };
    group.actions.push({ caseReference: a.case.reference, title: a.title, dueDate: a.dueDate, status: a.status });
    byOrganisation.set(a.assignedOrganisation.name, group);
  }
  await audit({ action: "VIEW", userId: actor.userId, organisationId: actor.organisationId, entityType: "MeetingMinutes", entityId: m.id, detail: partial ? { partial: true } : null });
  return {
    id: meeting.id,
    reference: meeting.reference,
    panel: meeting.panel,
    startsAt: meeting.startsAt,
    closedAt: meeting.closedAt,
    venue: meeting.venue,
    chair: meeting.chair.name,
    attendees: partial ? [] : meeting.attendees.map((a) => ({ organisation: a.organisation.name, names: a.attendeeNames, present: a.present })),
    items: meeting.agendaItems.map((i) => ({
      position: i.position,
      reason: i.reason,
      caseReference: i.case.reference,
      caseTitle: i.case.title,
      discussionSummary: i.discussionSummary,
      decision: i.decision,
      reviewed: Boolean(i.reviewedAt),
      actions: actions
        .filter((a) => a.caseId === i.caseId)
        .map((a) => ({ caseReference: a.case.reference, title: a.title, dueDate: a.dueDate, status: a.status, organisation: a.assignedOrganisation.shortName })),
    })),
    actionsByOrganisation: [...byOrganisation.values()],
    partial,
    marked: meeting.panel === "MARAC",
  };
}

/** Records the minutes' download in the audit trail (the route handler, before it answers). */
export async function auditMinutesExport(actor: Actor, minutes: Minutes): Promise<void> {
  await audit({
    action: "EXPORT",
    userId: actor.userId,
    organisationId: actor.organisationId,
    entityType: "MeetingMinutes",
    entityId: minutes.id,
    detail: { format: "pdf", partial: minutes.partial, items: minutes.items.length },
  });
}

/** For pages: a short line describing when and where. */
export function describeMeeting(m: { panel: Panel; startsAt: Date; venue: string | null }): string {
  return `${PANEL_NAMES[m.panel]} meeting, ${formatDateTime(m.startsAt)}${m.venue ? `, ${m.venue}` : ""}`;
}

/** Whether the actor may schedule meetings at all (the list's button). */
export function mayScheduleMeetings(actor: Actor): boolean {
  return can(actor, "meeting:run") && chairedPanelsOf(actor).length > 0;
}
