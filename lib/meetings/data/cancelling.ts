import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AgendaReason, MeetingStatus, Panel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { appendTimeline } from "@/lib/timeline/data";
import { auditChange } from "@/lib/audit/data";
import { ValidationError } from "@/lib/errors";
import { formatDate, formatDateTime, londonToday } from "@/lib/format/dates";
import { isUuid } from "@/lib/not-found";
import type { AgendaOnCancel, CancelInput } from "@/lib/meetings/schema";
import type { MeetingReview } from "@/lib/meetings/form-state";
import { NOT_CANCELLABLE } from "@/lib/meetings/labels";
import { describeMeeting, ENTITY, loadMeetingToRun, MeetingChangedError, notifyMeeting } from "./shared";
import { PANEL_NAMES } from "@/lib/panels/labels";

// Cancelling.
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
export async function cancellationsOf(meetingIds: string[]): Promise<Map<string, Cancellation>> {
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

export type CancellationPage = {
  id: string;
  reference: string;
  panel: Panel;
  startsAt: Date;
  venue: string | null;
  version: number;
  status: MeetingStatus;
  items: {
    id: string;
    position: number;
    reason: AgendaReason;
    case: { reference: string; title: string };
    referral: { reference: string } | null;
  }[];
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
    agendaItems: {
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: {
        id: true,
        position: true,
        reason: true,
        case: { select: { reference: true, title: true } },
        referral: { select: { reference: true } },
      },
    },
  });
  const others =
    m.status === "SCHEDULED"
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
  items: {
    id: string;
    position: number;
    reason: AgendaReason;
    caseId: string;
    caseReference: string;
    referral: { id: string; reference: string; status: string } | null;
  }[];
  agenda: AgendaOnCancel | null;
  target: { id: string; reference: string; startsAt: Date; venue: string | null } | null;
};

/**
 * Checks a cancellation against the meeting as it is now (the caller has locked it, or only reads).
 * One query at a time: inside a transaction they share one connection.
 */
async function planCancellation(
  client: Tx | typeof db,
  meetingId: string,
  version: number,
  input: CancelInput,
  now: Date,
): Promise<CancelPlan> {
  const m = await client.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: { id: true, reference: true, panel: true, startsAt: true, venue: true, version: true, status: true },
  });
  if (m.status !== "SCHEDULED")
    throw new MeetingChangedError(`Meeting ${m.reference} cannot be cancelled. ${NOT_CANCELLABLE[m.status]}`, m.version);
  if (m.version !== version) throw new MeetingChangedError(undefined, m.version);
  const rows = await client.agendaItem.findMany({
    where: { meetingId: m.id },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, position: true, reason: true, caseId: true, referralId: true },
  });
  const cases = new Map(
    (await client.case.findMany({ where: { id: { in: rows.map((i) => i.caseId) } }, select: { id: true, reference: true } })).map((c) => [
      c.id,
      c.reference,
    ]),
  );
  const referralIds = rows.flatMap((i) => (i.referralId ? [i.referralId] : []));
  const referrals = new Map(
    (await client.referral.findMany({ where: { id: { in: referralIds } }, select: { id: true, reference: true, status: true } })).map(
      (r) => [r.id, r],
    ),
  );
  const items = rows.map((i) => ({
    id: i.id,
    position: i.position,
    reason: i.reason,
    caseId: i.caseId,
    caseReference: cases.get(i.caseId) ?? "",
    referral: (i.referralId && referrals.get(i.referralId)) || null,
  }));
  if (items.length > 0 && !input.agenda) throw new ValidationError({ agenda: ["Select what happens to the cases on the agenda"] });
  let target: CancelPlan["target"] = null;
  const agenda = items.length > 0 ? input.agenda : null;
  if (agenda === "MOVE") {
    target =
      input.moveToMeetingId && isUuid(input.moveToMeetingId)
        ? await client.meeting.findFirst({
            where: { AND: [{ id: input.moveToMeetingId }, otherScheduledMeetingsWhere(m, now)] },
            select: { id: true, reference: true, startsAt: true, venue: true },
          })
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
  if (referrals > 0)
    parts.push(
      `The ${plural(referrals, "referral", "referrals")} on its agenda ${referrals === 1 ? "goes" : "go"} back to the ${PANEL_NAMES[plan.meeting.panel]} triage queue, to be decided on again.`,
    );
  if (reviews > 0)
    parts.push(
      `The ${plural(reviews, "case", "cases")} listed for review ${reviews === 1 ? "comes" : "come"} off the agenda; a case still due for review is offered again when the next meeting is scheduled.`,
    );
  return parts.join(" ");
}

/** For the check step: what cancelling will do, or the error the form shows. */
export async function checkCancelMeeting(
  actor: Actor,
  meetingId: string,
  version: number,
  input: CancelInput,
  now = new Date(),
): Promise<MeetingReview> {
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
export async function cancelMeeting(
  actor: Actor,
  meetingId: string,
  version: number,
  input: CancelInput,
  now = new Date(),
): Promise<{ movedTo: string | null; referralsReturned: number }> {
  if (!input.reason.trim()) throw new ValidationError({ reason: ["Enter why the meeting is cancelled"] });
  return db.$transaction(async (tx) => {
    const { id } = await loadMeetingToRun(tx, actor, meetingId, { id: true });
    const targetId =
      input.agenda === "MOVE" && input.moveToMeetingId && isUuid(input.moveToMeetingId) && input.moveToMeetingId !== id
        ? input.moveToMeetingId
        : null;
    const locked = [id, ...(targetId ? [targetId] : [])].sort();
    await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ANY(${locked}::uuid[]) ORDER BY id FOR UPDATE`;
    const plan = await planCancellation(tx, id, version, input, now);
    const m = plan.meeting;
    const cancelled = `The ${PANEL_NAMES[m.panel]} meeting ${m.reference} (${formatDate(m.startsAt)}) was cancelled by ${actor.name}: ${input.reason}`;
    const audited = (action: "CREATE" | "UPDATE", entityType: string, entityId: string, detail: Record<string, unknown>) =>
      auditChange(tx, actor, action, entityType, entityId, detail);

    let referralsReturned = 0;
    let casesMoved = 0;
    let last = plan.target
      ? ((await tx.agendaItem.aggregate({ where: { meetingId: plan.target.id }, _max: { position: true } }))._max.position ?? 0)
      : 0;
    for (const item of plan.items) {
      const referral = item.referral?.status === "ACCEPTED" ? item.referral : null;
      let outcome: string;
      if (plan.target) {
        const t = plan.target;
        const existing = await tx.agendaItem.findUnique({
          where: { meetingId_caseId: { meetingId: t.id, caseId: item.caseId } },
          select: { id: true, position: true, referralId: true },
        });
        if (!existing) {
          const created = await tx.agendaItem.create({
            data: { meetingId: t.id, caseId: item.caseId, referralId: referral?.id ?? null, reason: item.reason, position: ++last },
            select: { id: true },
          });
          await audited("CREATE", "AgendaItem", created.id, { meetingId: t.id, caseId: item.caseId, movedFrom: m.id });
          outcome = `Moved to the agenda of ${t.reference} on ${formatDate(t.startsAt)} (item ${last}).`;
          casesMoved++;
        } else {
          if (referral && !existing.referralId) {
            // Listed there for review: the referral is now why it is discussed; its place stays.
            await tx.agendaItem.update({
              where: { id: existing.id },
              data: { referralId: referral.id, reason: "REFERRAL", version: { increment: 1 } },
              select: { id: true },
            });
          }
          outcome = `Already on the agenda of ${t.reference} on ${formatDate(t.startsAt)} (item ${existing.position}).`;
        }
        if (referral) {
          await tx.referral.update({ where: { id: referral.id }, data: { version: { increment: 1 } }, select: { id: true } });
          await tx.referralTriage.create({
            data: {
              referralId: referral.id,
              outcome: "ACCEPTED",
              note: `Moved to ${t.reference} on ${formatDate(t.startsAt)}: ${m.reference} was cancelled. ${input.reason}`,
              decidedById: actor.userId,
              decidedAt: now,
            },
          });
          await audited("UPDATE", "Referral", referral.id, { meetingCancelled: m.id, movedTo: t.id });
        }
      } else if (referral) {
        await tx.referral.update({
          where: { id: referral.id },
          data: { status: "PENDING", version: { increment: 1 } },
          select: { id: true },
        });
        await tx.referralTriage.create({
          data: {
            referralId: referral.id,
            outcome: "PENDING",
            note: `Returned to the triage queue: ${m.reference} on ${formatDate(m.startsAt)} was cancelled. ${input.reason}`,
            decidedById: actor.userId,
            decidedAt: now,
          },
        });
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
        detail: {
          meetingId: m.id,
          meetingReference: m.reference,
          cancelled: true,
          movedTo: plan.target?.id ?? null,
          referralId: referral?.id ?? null,
        },
      });
      await tx.case.update({ where: { id: item.caseId }, data: { updatedAt: now }, select: { id: true } });
    }

    const updated = await tx.meeting.updateMany({
      where: { id: m.id, version, status: "SCHEDULED" },
      data: {
        status: "CANCELLED",
        cancelledAt: now,
        cancelledById: actor.userId,
        cancellationReason: input.reason,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw new MeetingChangedError(undefined);
    if (plan.target && plan.items.length > 0)
      await tx.meeting.update({ where: { id: plan.target.id }, data: { version: { increment: 1 } }, select: { id: true } });
    await audited("UPDATE", ENTITY, m.id, {
      status: { from: "SCHEDULED", to: "CANCELLED" },
      reason: input.reason,
      agenda: plan.agenda,
      movedTo: plan.target?.id ?? null,
      casesMoved,
      referralsReturned,
    });
    await notifyMeeting(tx, actor, m.id, "MEETING_CANCELLED");
    return { movedTo: plan.target?.id ?? null, referralsReturned };
  });
}
