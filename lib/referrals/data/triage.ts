import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Panel, ReferralStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, chairsPanel } from "@/lib/auth/permissions";
import { appendTimeline } from "@/lib/timeline/data";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { isUuid } from "@/lib/not-found";
import { TRIAGE_OUTCOME_LABELS, UNDECIDED_STATUSES, type TriageOutcome } from "@/lib/referrals/labels";
import type { TriageInput } from "@/lib/referrals/schema";
import {
  changeReferral,
  ENTITY,
  ReferralChangedError,
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

async function scheduledMeeting(tx: Tx | typeof db, panel: Panel, meetingId: string) {
  return tx.meeting.findFirst({
    where: { id: meetingId, panel, status: "SCHEDULED" },
    select: { id: true, reference: true, startsAt: true, venue: true },
  });
}

/** For the check step: the decision in words, or the ValidationError the form shows. */
export async function checkTriage(actor: Actor, referralId: string, version: number, input: TriageInput): Promise<TriageReview> {
  const r = await referralToCheck(actor, referralId);
  assertChair(actor, r);
  assertUndecided(r, version);
  const rows = [{ key: "Decision", value: TRIAGE_OUTCOME_LABELS[input.outcome] }];
  if (input.outcome === "ACCEPTED") {
    const meeting = input.meetingId ? await scheduledMeeting(db, r.panel, input.meetingId) : null;
    if (!meeting) throw new ValidationError({ meetingId: [`Select a scheduled ${PANEL_NAMES[r.panel]} meeting from the list`] });
    rows.push({
      key: "Meeting",
      value: `${meeting.reference}, ${formatDateTime(meeting.startsAt)}${meeting.venue ? `, ${meeting.venue}` : ""}`,
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
    let meetingId: string | null = null;
    let onAgenda = "";
    if (input.outcome === "ACCEPTED") {
      if (!input.meetingId || !isUuid(input.meetingId))
        throw new ValidationError({ meetingId: ["Select the meeting to list the case at"] });
      // The meeting row is locked so two acceptances onto one agenda take positions in turn.
      await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${input.meetingId}::uuid FOR UPDATE`;
      const meeting = await scheduledMeeting(tx, r.panel, input.meetingId);
      if (!meeting) throw new ValidationError({ meetingId: [`Select a scheduled ${PANEL_NAMES[r.panel]} meeting from the list`] });
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
      data: { status: input.outcome, triageNote: input.note, triagedById: actor.userId, triagedAt: now, version: { increment: 1 } },
      select: { id: true },
    });
    await tx.referralTriage.create({
      data: { referralId: r.id, outcome: input.outcome, note: input.note, decidedById: actor.userId, decidedAt: now },
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
    });
    await recordReferralChange(tx, actor, r, "UPDATE", now, { triage: { from: r.status, to: input.outcome, meetingId } });
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
  });
}
