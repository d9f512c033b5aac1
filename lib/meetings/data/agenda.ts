import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AgendaReason, MeetingStatus, RiskLevel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { visibleCasesWhere } from "@/lib/cases/access";
import { audit, auditChange } from "@/lib/audit/data";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/not-found";
import { OPEN_ACTION_STATUSES } from "@/lib/case-actions/labels";
import { mayRunMeeting } from "@/lib/meetings/access";
import { cancellationsOf, type Cancellation } from "./cancelling";
import { acceptedUnlistedReferralsWhere, dueForReviewWhere } from "./scheduling";
import { ENTITY, loadMeeting, loadMeetingToRun, MEETING_HEADLINE_SELECT, meetingForChange, RUNNING, type MeetingHeadline } from "./shared";
import { correctionsOf, type MeetingCorrectionView } from "./corrections";

// The agenda: one meeting as its panel sees it, and the chair's changes to its agenda (adding a
// case, moving an item up or down).

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

export type MeetingView = MeetingHeadline & {
  closedAt: Date | null;
  version: number;
  /** Recorded after it was held (lib/history): what it decided happened on its date. */
  recordedAfterwards: boolean;
  chair: { id: string; name: string; organisationShortName: string };
  attendees: { organisation: { id: string; name: string; shortName: string }; attendeeNames: string | null; present: boolean }[];
  items: AgendaItemView[];
  /** The actor chairs the panel: they change the agenda, run and close the meeting. */
  mayRun: boolean;
  /** The agenda can still change (scheduled or in progress). */
  open: boolean;
  /** Set for a cancelled meeting (loaded by getMeeting and getMeetingPack). */
  cancellation: Cancellation | null;
  /** Corrections to a closed meeting's record, oldest first (loaded by getMeeting). */
  corrections: MeetingCorrectionView[];
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

export const MEETING_SELECT = {
  ...MEETING_HEADLINE_SELECT,
  closedAt: true,
  version: true,
  recordedAfterwards: true,
  chair: { select: { id: true, name: true, organisation: { select: { shortName: true } } } },
  attendees: {
    orderBy: { organisation: { name: "asc" } },
    select: { attendeeNames: true, present: true, organisation: { select: { id: true, name: true, shortName: true } } },
  },
  agendaItems: { orderBy: [{ position: "asc" }, { id: "asc" }], select: ITEM_SELECT },
} satisfies Prisma.MeetingSelect;

export type MeetingRow = Prisma.MeetingGetPayload<{ select: typeof MEETING_SELECT }>;

export function viewOfMeeting(actor: Actor, m: MeetingRow): MeetingView {
  const { agendaItems, chair, ...rest } = m;
  return {
    ...rest,
    chair: { id: chair.id, name: chair.name, organisationShortName: chair.organisation.shortName },
    items: agendaItems,
    mayRun: mayRunMeeting(actor, m),
    open: RUNNING.includes(m.status),
    cancellation: null,
    corrections: [],
  };
}

/** The view with its cancellation, when it was cancelled. */
export async function withCancellation<V extends { id: string; status: MeetingStatus; cancellation: Cancellation | null }>(
  view: V,
): Promise<V> {
  if (view.status !== "CANCELLED") return view;
  return { ...view, cancellation: (await cancellationsOf([view.id])).get(view.id) ?? null };
}

/** One meeting and its agenda, for panel members; audited as a view. */
export async function getMeeting(actor: Actor, meetingId: string): Promise<MeetingView> {
  const m = await loadMeeting(db, actor, meetingId, MEETING_SELECT);
  await audit({ action: "VIEW", userId: actor.userId, organisationId: actor.organisationId, entityType: ENTITY, entityId: m.id });
  const view = await withCancellation(viewOfMeeting(actor, m));
  return m.status === "CLOSED" ? { ...view, corrections: await correctionsOf(m.id) } : view;
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
      _count: {
        select: { actions: { where: { status: { in: [...OPEN_ACTION_STATUSES] }, meeting: { panel: m.panel, status: "CLOSED" } } } },
      },
    },
  });
  return rows.map(({ _count, ...c }) => ({ ...c, openMeetingActions: _count.actions }));
}

/**
 * Adds a case to the agenda, last. The case is named by reference (any case the chair may see) or
 * by id (a review candidate). A CCM agenda never takes a restricted MARAC case.
 */
export async function addCaseToAgenda(
  actor: Actor,
  meetingId: string,
  which: { reference: string } | { caseId: string },
): Promise<{ itemId: string; caseReference: string }> {
  const field = "reference" in which ? "caseReference" : "caseId";
  return db.$transaction(async (tx) => {
    const m = await meetingForChange(tx, actor, meetingId);
    const byWhat: Prisma.CaseWhereInput =
      "reference" in which ? { reference: which.reference } : isUuid(which.caseId) ? { id: which.caseId } : { id: { in: [] } };
    // A review candidate is the panel's to hear even if the chair's organisation is not on it.
    const visible: Prisma.CaseWhereInput =
      "caseId" in which ? { OR: [visibleCasesWhere(actor), dueForReviewWhere(m.panel)] } : visibleCasesWhere(actor);
    const c = await tx.case.findFirst({
      where: { AND: [byWhat, visible] },
      select: { id: true, reference: true, restricted: true, status: true },
    });
    if (!c)
      throw new ValidationError({
        [field]: ["There is no case with that reference that you can see. Check the reference, for example CASE-2026-000123."],
      });
    if (m.panel === "CCM" && c.restricted) throw new ValidationError({ [field]: ["A restricted MARAC case cannot go on a CCM agenda"] });
    if (c.status === "CLOSED")
      throw new ValidationError({ [field]: [`Case ${c.reference} is closed. Reopen it before listing it for a meeting.`] });
    if (await tx.agendaItem.findUnique({ where: { meetingId_caseId: { meetingId: m.id, caseId: c.id } }, select: { id: true } })) {
      throw new ValidationError({ [field]: [`Case ${c.reference} is already on this agenda`] });
    }
    const referral = await tx.referral.findFirst({
      where: { caseId: c.id, ...acceptedUnlistedReferralsWhere(m.panel) },
      orderBy: { triagedAt: "asc" },
      select: { id: true },
    });
    const last = await tx.agendaItem.aggregate({ where: { meetingId: m.id }, _max: { position: true } });
    const item = await tx.agendaItem.create({
      data: {
        meetingId: m.id,
        caseId: c.id,
        referralId: referral?.id ?? null,
        reason: referral ? "REFERRAL" : "REVIEW",
        position: (last._max.position ?? 0) + 1,
      },
      select: { id: true },
    });
    await auditChange(tx, actor, "CREATE", "AgendaItem", item.id, { meetingId: m.id, caseId: c.id });
    return { itemId: item.id, caseReference: c.reference };
  });
}

/** Moves one agenda item up or down by one place; the agenda is renumbered 1, 2, 3… */
export async function moveAgendaItem(actor: Actor, meetingId: string, itemId: string, direction: "up" | "down"): Promise<void> {
  await db.$transaction(async (tx) => {
    const m = await meetingForChange(tx, actor, meetingId);
    const items = await tx.agendaItem.findMany({
      where: { meetingId: m.id },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, position: true },
    });
    const index = items.findIndex((i) => i.id === itemId);
    if (index < 0) throw new NotFoundError("agenda item");
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= items.length) return;
    const order = [...items];
    [order[index], order[target]] = [order[target]!, order[index]!];
    for (const [i, item] of order.entries()) {
      if (item.position !== i + 1) await tx.agendaItem.update({ where: { id: item.id }, data: { position: i + 1 } });
    }
    await auditChange(tx, actor, "UPDATE", "AgendaItem", itemId, { meetingId: m.id, moved: direction });
  });
}
