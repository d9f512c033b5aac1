import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { auditChange } from "@/lib/audit/data";
import { ValidationError } from "@/lib/errors";
import { formatDateTime, londonToday } from "@/lib/format/dates";
import { appendTimeline } from "@/lib/timeline/data";
import type { CorrectMeetingInput } from "@/lib/meetings/schema";
import { PANEL_NAMES } from "@/lib/panels/labels";
import { ENTITY, loadMeetingToRun, lockedMeetingAt } from "./shared";

// Correcting a closed meeting: its record was wrong (the date, who attended). A chair of the panel
// corrects it with a reason; nothing is overwritten silently. The correction is kept on the meeting
// (MeetingCorrection, listed on its page), each case it heard gets a CORRECTION entry pointing at
// what the meeting recorded on its timeline, and the audit trail keeps the change. The meeting keeps
// its reference; the returns count it by its corrected date.

const NOT_CORRECTABLE =
  "Only a closed meeting's record is corrected here. A meeting still scheduled or in progress is changed on its agenda or in meeting mode.";

export type MeetingCorrectionView = {
  id: string;
  at: Date;
  by: string;
  reason: string;
  changes: { field: string; from: string; to: string }[];
};

/**
 * What the correction form starts from: the meeting as it stands, for its chair only (anyone else:
 * not found). `refusal` says why a meeting that is not closed cannot be corrected here.
 */
export async function meetingToCorrect(actor: Actor, meetingId: string) {
  const m = await loadMeetingToRun(db, actor, meetingId, {
    id: true,
    reference: true,
    panel: true,
    status: true,
    startsAt: true,
    version: true,
    attendees: { select: { organisationId: true } },
  });
  const refusal = m.status === "CLOSED" ? null : NOT_CORRECTABLE;
  const organisations = await db.organisation.findMany({
    where: { OR: [{ active: true }, { id: { in: m.attendees.map((a) => a.organisationId) } }] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, shortName: true },
  });
  return { ...m, refusal, attendeeIds: m.attendees.map((a) => a.organisationId), organisations };
}

/**
 * Corrects a closed meeting's date and time and who attended, with a reason, in one transaction:
 * the meeting at `version`, its attendees, the correction, each heard case's timeline and the audit.
 */
export async function correctMeeting(
  actor: Actor,
  meetingId: string,
  version: number,
  input: CorrectMeetingInput,
  now = new Date(),
): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await lockedMeetingAt(tx, actor, meetingId, version, "CLOSED", () => NOT_CORRECTABLE, {
      reference: true,
      panel: true,
      startsAt: true,
      attendees: { select: { organisation: { select: { id: true, name: true } } } },
    });
    const m = current;
    if (londonToday(input.startsAt) > londonToday(now))
      throw new ValidationError({ date: ["A closed meeting has been held: its date must be today or in the past"] });

    const before = new Map(current.attendees.map((a) => [a.organisation.id, a.organisation.name]));
    const chosen = await tx.organisation.findMany({
      where: { id: { in: input.organisationIds } },
      select: { id: true, name: true, active: true },
    });
    // An organisation no longer active can stay on the record, but not be added to it.
    if (chosen.length !== input.organisationIds.length || chosen.some((o) => !o.active && !before.has(o.id))) {
      throw new ValidationError({ organisationIds: ["Select organisations from the list"] });
    }
    const added = chosen.filter((o) => !before.has(o.id));
    const removed = [...before].filter(([id]) => !input.organisationIds.includes(id)).map(([id, name]) => ({ id, name }));
    const changes: MeetingCorrectionView["changes"] = [];
    if (input.startsAt.getTime() !== current.startsAt.getTime()) {
      changes.push({ field: "Date and time", from: formatDateTime(current.startsAt), to: formatDateTime(input.startsAt) });
    }
    if (added.length > 0) changes.push({ field: "Attended", from: "", to: added.map((o) => o.name).join(", ") });
    if (removed.length > 0) changes.push({ field: "Did not attend", from: removed.map((o) => o.name).join(", "), to: "" });
    if (changes.length === 0)
      throw new ValidationError({ date: ["Change the date, the time or who attended: nothing here differs from the meeting's record"] });

    await tx.meeting.update({ where: { id: m.id }, data: { startsAt: input.startsAt, version: { increment: 1 } } });
    if (added.length > 0) await tx.meetingAttendee.createMany({ data: added.map((o) => ({ meetingId: m.id, organisationId: o.id })) });
    if (removed.length > 0)
      await tx.meetingAttendee.deleteMany({ where: { meetingId: m.id, organisationId: { in: removed.map((o) => o.id) } } });
    const correction = await tx.meetingCorrection.create({
      data: { meetingId: m.id, reason: input.reason, changes: changes as unknown as Prisma.InputJsonValue, correctedById: actor.userId },
      select: { id: true },
    });

    // What the meeting recorded on each case's timeline is corrected there, with the reason.
    const words = changes.map((c) =>
      c.from && c.to ? `${c.field}: ${c.from}, now ${c.to}` : c.to ? `${c.field}: ${c.to}` : `${c.field}: ${c.from}`,
    );
    const heard = await tx.timelineEntry.findMany({
      where: { kind: "DISCUSSED_AT_MEETING", subjectType: ENTITY, subjectId: m.id, correctsEntryId: null },
      orderBy: { id: "asc" },
      select: { id: true, caseId: true },
    });
    for (const entry of heard) {
      await appendTimeline(tx, actor, {
        caseId: entry.caseId,
        kind: "CORRECTION",
        summary: `The record of ${PANEL_NAMES[m.panel]} meeting ${m.reference} was corrected. ${words.join(". ")}. Reason: ${input.reason}`,
        correctsEntryId: entry.id,
        subjectType: ENTITY,
        subjectId: m.id,
        detail: { meetingCorrectionId: correction.id },
      });
    }
    await auditChange(tx, actor, "UPDATE", ENTITY, m.id, { correction: correction.id, changes, reason: input.reason });
  });
}

/** The corrections made to a meeting, oldest first (its page lists them). */
export async function correctionsOf(meetingId: string): Promise<MeetingCorrectionView[]> {
  const rows = await db.meetingCorrection.findMany({
    where: { meetingId },
    orderBy: { correctedAt: "asc" },
    select: {
      id: true,
      correctedAt: true,
      reason: true,
      changes: true,
      correctedBy: { select: { name: true, organisation: { select: { shortName: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.correctedAt,
    by: `${r.correctedBy.name} (${r.correctedBy.organisation.shortName})`,
    reason: r.reason,
    changes: r.changes as MeetingCorrectionView["changes"],
  }));
}
