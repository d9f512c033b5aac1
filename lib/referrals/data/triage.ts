import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Panel, ReferralStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, chairsPanel } from "@/lib/auth/permissions";
import { appendTimeline } from "@/lib/timeline/data";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { formatDate, formatDateTime, londonToday } from "@/lib/format/dates";
import { happenedAt } from "@/lib/history/happened";
import { isUuid } from "@/lib/not-found";
import { TRIAGE_OUTCOME_LABELS, UNDECIDED_STATUSES, type TriageOutcome } from "@/lib/referrals/labels";
import type { TriageInput } from "@/lib/referrals/schema";
import {
  changeReferral,
  ENTITY,
  ReferralChangedError,
  notifyReferral,
  recordReferralChange,
  referralToCheck,
  type ReferralForChange,
  type TriageReview,
} from "./shared";
import { PANEL_NAMES } from "@/lib/panels/labels";

// Triage: the chair's decision (accept onto a meeting, decline, ask for more information) and the
// referrer's answer to a request for more information.

function assertChair(actor: Actor, r: ReferralForChange) {
  if (!can(actor, "referral:triage") || !chairsPanel(actor, r.panel))
    throw new ForbiddenError(`Only the chair of the ${PANEL_NAMES[r.panel]} can triage this referral`);
}

function assertUndecided(r: ReferralForChange, version: number) {
  if (r.version !== version) throw new ReferralChangedError();
  if (!(UNDECIDED_STATUSES as readonly ReferralStatus[]).includes(r.status))
    throw new ReferralChangedError("This referral has already been decided. Check its status and history below.");
}

/**
 * When the decision was made: now, or the day given for one recorded afterwards (lib/history),
 * never in the future nor before the referral was made (or its latest step, such as the
 * referrer's answer to a request for more information).
 */
async function decidedAtFor(client: Tx | typeof db, r: ReferralForChange, input: TriageInput, now: Date): Promise<Date> {
  const last = await client.referralTriage.findFirst({
    where: { referralId: r.id },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    select: { decidedAt: true },
  });
  const notBefore =
    last && last.decidedAt > r.referredAt
      ? { at: last.decidedAt, what: "the referral was last updated" }
      : { at: r.referredAt, what: "the referral was made" };
  return happenedAt(input.happenedOn ?? null, { now, notBefore });
}

const decidedBeforeToday = (decidedAt: Date, now: Date) => londonToday(decidedAt) < londonToday(now);

/**
 * The meeting an accepted referral is listed at: a scheduled meeting of the panel, or one being
 * recorded after it was held (lib/meetings), held no earlier than the day of the decision.
 */
async function meetingToList(client: Tx | typeof db, panel: Panel, meetingId: string, decidedAt: Date) {
  const meeting = isUuid(meetingId)
    ? await client.meeting.findFirst({
        where: { id: meetingId, panel, OR: [{ status: "SCHEDULED" }, { status: "IN_PROGRESS", recordedAfterwards: true }] },
        select: { id: true, reference: true, startsAt: true, venue: true },
      })
    : null;
  if (!meeting) throw new ValidationError({ meetingId: [`Select a scheduled ${PANEL_NAMES[panel]} meeting from the list`] });
  if (londonToday(meeting.startsAt) < londonToday(decidedAt)) {
    throw new ValidationError({
      meetingId: [`Select a meeting held on or after ${formatDate(decidedAt)}, when the decision was made`],
    });
  }
  return meeting;
}

/** Accepting lists the case at a meeting, except a decision made before today may leave it for the meeting recorded after it. */
function assertMeetingChosen(input: TriageInput, decidedAt: Date, now: Date) {
  if (input.outcome === "ACCEPTED" && !input.meetingId && !decidedBeforeToday(decidedAt, now))
    throw new ValidationError({ meetingId: ["Select the meeting to list the case at"] });
}

/** For the check step: the decision in words, or the ValidationError the form shows. */
export async function checkTriage(
  actor: Actor,
  referralId: string,
  version: number,
  input: TriageInput,
  now = new Date(),
): Promise<TriageReview> {
  const r = await referralToCheck(actor, referralId);
  assertChair(actor, r);
  assertUndecided(r, version);
  const decidedAt = await decidedAtFor(db, r, input, now);
  assertMeetingChosen(input, decidedAt, now);
  const rows = [{ key: "Decision", value: TRIAGE_OUTCOME_LABELS[input.outcome] }];
  if (decidedBeforeToday(decidedAt, now)) rows.push({ key: "Decided on", value: formatDate(decidedAt) });
  if (input.outcome === "ACCEPTED") {
    const meeting = input.meetingId ? await meetingToList(db, r.panel, input.meetingId, decidedAt) : null;
    rows.push({
      key: "Meeting",
      value: meeting
        ? `${meeting.reference}, ${formatDateTime(meeting.startsAt)}${meeting.venue ? `, ${meeting.venue}` : ""}`
        : `None yet: the case joins the agenda of the ${PANEL_NAMES[r.panel]} meeting you record as held on or after ${formatDate(decidedAt)}`,
    });
  }
  rows.push({
    key: input.outcome === "DECLINED" ? "Reason for declining" : input.outcome === "MORE_INFO_REQUESTED" ? "Information needed" : "Note",
    value: input.note ?? "None",
  });
  const heading =
    input.outcome === "ACCEPTED"
      ? `You are about to accept referral ${r.reference} and add case ${r.case.reference} to the meeting's agenda`
      : input.outcome === "DECLINED"
        ? `You are about to decline referral ${r.reference}`
        : `You are about to send referral ${r.reference} back to the referrer for more information`;
  return { heading, rows };
}

/**
 * The chair's decision: accept onto a scheduled meeting of the panel (the case joins its agenda
 * as the last item), decline with a reason, or ask the referrer for more information. Refused
 * (ReferralChangedError) when the referral changed since the chair opened it.
 *
 * A decision made before today and recorded afterwards (lib/history) is made on the day given:
 * not in the future, not before the referral. Accepted then, the case joins a meeting held on or
 * after that day (one being recorded afterwards, or still to come), or no meeting yet: it then
 * joins the agenda of the meeting recorded as held after it (lib/meetings scheduleMeeting).
 */
export async function triageReferral(
  actor: Actor,
  referralId: string,
  version: number,
  input: TriageInput,
  now = new Date(),
): Promise<{ outcome: TriageOutcome; meetingId: string | null }> {
  if (input.outcome === "DECLINED" && !input.note) throw new ValidationError({ note: ["Enter the reason for declining the referral"] });
  if (input.outcome === "MORE_INFO_REQUESTED" && !input.note)
    throw new ValidationError({ note: ["Enter the information you need from the referrer"] });
  return changeReferral(actor, referralId, version, async (tx, r) => {
    assertChair(actor, r);
    assertUndecided(r, version);
    const decidedAt = await decidedAtFor(tx, r, input, now);
    assertMeetingChosen(input, decidedAt, now);
    const earlier = decidedBeforeToday(decidedAt, now);
    let meetingId: string | null = null;
    let onAgenda = "";
    if (input.outcome === "ACCEPTED" && !input.meetingId) {
      onAgenda = ` To be listed at the ${PANEL_NAMES[r.panel]} meeting recorded as held after it.`;
    } else if (input.outcome === "ACCEPTED" && input.meetingId) {
      if (!isUuid(input.meetingId)) throw new ValidationError({ meetingId: ["Select the meeting to list the case at"] });
      // The meeting row is locked so two acceptances onto one agenda take positions in turn.
      await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${input.meetingId}::uuid FOR UPDATE`;
      const meeting = await meetingToList(tx, r.panel, input.meetingId, decidedAt);
      meetingId = meeting.id;
      const existing = await tx.agendaItem.findUnique({
        where: { meetingId_caseId: { meetingId: meeting.id, caseId: r.caseId } },
        select: { id: true, referralId: true, position: true },
      });
      if (existing?.referralId) {
        throw new ValidationError({
          meetingId: [
            `Case ${r.case.reference} is already on the agenda of ${meeting.reference} for another referral. Choose another meeting.`,
          ],
        });
      }
      if (existing) {
        // Already listed for review: the referral is now why it is discussed; its place stays.
        await tx.agendaItem.update({
          where: { id: existing.id },
          data: { referralId: r.id, reason: "REFERRAL", version: { increment: 1 } },
          select: { id: true },
        });
        onAgenda = ` Already on the agenda of ${meeting.reference} (item ${existing.position}).`;
      } else {
        const last = await tx.agendaItem.aggregate({ where: { meetingId: meeting.id }, _max: { position: true } });
        const position = (last._max.position ?? 0) + 1;
        await tx.agendaItem.create({
          data: { meetingId: meeting.id, caseId: r.caseId, referralId: r.id, position, reason: "REFERRAL" },
          select: { id: true },
        });
        onAgenda = ` Listed for ${meeting.reference} on ${formatDate(meeting.startsAt)} (item ${position}).`;
      }
      await tx.meeting.update({ where: { id: meeting.id }, data: { version: { increment: 1 } }, select: { id: true } });
    }
    await tx.referral.update({
      where: { id: r.id },
      data: { status: input.outcome, triageNote: input.note, triagedById: actor.userId, triagedAt: decidedAt, version: { increment: 1 } },
      select: { id: true },
    });
    await tx.referralTriage.create({
      data: { referralId: r.id, outcome: input.outcome, note: input.note, decidedById: actor.userId, decidedAt },
    });
    const verb =
      input.outcome === "ACCEPTED"
        ? "accepted"
        : input.outcome === "DECLINED"
          ? "declined"
          : "returned to the referrer for more information";
    await appendTimeline(tx, actor, {
      caseId: r.caseId,
      kind: "TRIAGED",
      summary: `${PANEL_NAMES[r.panel]} referral ${r.reference} ${verb} by ${actor.name}.${onAgenda}${input.note ? ` ${input.note}` : ""}`,
      subjectType: ENTITY,
      subjectId: r.id,
      detail: { reference: r.reference, outcome: input.outcome, meetingId },
      occurredAt: decidedAt,
    });
    await recordReferralChange(tx, actor, r, "UPDATE", now, {
      triage: { from: r.status, to: input.outcome, meetingId },
      // The audit entry is dated when it was typed; a decision made earlier says when it was made.
      ...(earlier ? { happenedAt: decidedAt.toISOString() } : {}),
    });
    const asked = input.outcome === "MORE_INFO_REQUESTED";
    await notifyReferral(tx, actor, r, asked ? "REFERRAL_MORE_INFORMATION" : "REFERRAL_DECIDED", "referrer");
    return { outcome: input.outcome, meetingId };
  });
}

/** The referrer answers a request for more information: the referral goes back to the chair (PENDING). */
export async function addReferralInformation(
  actor: Actor,
  referralId: string,
  version: number,
  information: string,
  now = new Date(),
): Promise<void> {
  await changeReferral(actor, referralId, version, async (tx, r) => {
    if (!can(actor, "referral:create") || r.referringUserId !== actor.userId)
      throw new ForbiddenError("Only the officer who made this referral can add information to it");
    if (r.version !== version) throw new ReferralChangedError();
    if (r.status !== "MORE_INFO_REQUESTED")
      throw new ReferralChangedError("The chair is not waiting for information on this referral. Check its status below.");
    await tx.referral.update({ where: { id: r.id }, data: { status: "PENDING", version: { increment: 1 } }, select: { id: true } });
    // Kept in the triage history as the step that put it back in the queue.
    await tx.referralTriage.create({
      data: { referralId: r.id, outcome: "PENDING", note: information, decidedById: actor.userId, decidedAt: now },
    });
    await appendTimeline(tx, actor, {
      caseId: r.caseId,
      kind: "REFERRED",
      summary: `More information added to ${PANEL_NAMES[r.panel]} referral ${r.reference} by ${actor.name}: ${information}`,
      subjectType: ENTITY,
      subjectId: r.id,
      detail: { reference: r.reference, informationAdded: true },
    });
    await recordReferralChange(tx, actor, r, "UPDATE", now, { informationAdded: true, status: { from: r.status, to: "PENDING" } });
    await notifyReferral(tx, actor, r, "REFERRAL_AWAITING_TRIAGE", "chairs");
  });
}
