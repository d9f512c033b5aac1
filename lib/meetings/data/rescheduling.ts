import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { auditChange } from "@/lib/audit/data";
import { ValidationError } from "@/lib/errors";
import { formatDateTime, londonToday } from "@/lib/format/dates";
import type { RescheduleInput } from "@/lib/meetings/schema";
import { MEETING_STATUS_LABELS } from "@/lib/meetings/labels";
import { ENTITY, loadMeetingToRun, lockedMeetingAt, notifyMeeting } from "./shared";

// Moving a scheduled meeting: a chair of the panel changes its date, start time or venue before it
// starts. The invited organisations' members of the panel are told, with a calendar file for the
// same event (its sequence goes up, so their calendars move it rather than add another). A meeting
// already started or held is not moved: a closed one's record is corrected (corrections.ts).

const NOT_MOVABLE = (status: keyof typeof MEETING_STATUS_LABELS) =>
  `This meeting is ${MEETING_STATUS_LABELS[status].toLowerCase()}: only a scheduled meeting can be moved. A closed meeting's record is corrected from its page.`;

/** What the form starts from, for the panel's chairs only (anyone else: not found); `refusal` when it cannot be moved. */
export async function meetingToReschedule(actor: Actor, meetingId: string) {
  const m = await loadMeetingToRun(db, actor, meetingId, {
    id: true,
    reference: true,
    panel: true,
    status: true,
    startsAt: true,
    venue: true,
    version: true,
  });
  return { ...m, refusal: m.status === "SCHEDULED" ? null : NOT_MOVABLE(m.status) };
}

/** Moves a scheduled meeting to another date, time or venue, at `version`; tells who was invited. */
export async function rescheduleMeeting(
  actor: Actor,
  meetingId: string,
  version: number,
  input: RescheduleInput,
  now = new Date(),
): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await lockedMeetingAt(tx, actor, meetingId, version, "SCHEDULED", NOT_MOVABLE, { startsAt: true, venue: true });
    const { id } = current;
    if (londonToday(input.startsAt) < londonToday(now))
      throw new ValidationError({ date: ["A meeting can be moved to today or a later date"] });
    const changes: Record<string, { from: string; to: string }> = {};
    if (input.startsAt.getTime() !== current.startsAt.getTime())
      changes.startsAt = { from: formatDateTime(current.startsAt), to: formatDateTime(input.startsAt) };
    if ((input.venue ?? "") !== (current.venue ?? "")) changes.venue = { from: current.venue ?? "", to: input.venue ?? "" };
    if (Object.keys(changes).length === 0)
      throw new ValidationError({ date: ["Change the date, the time or the venue: nothing here differs from the meeting"] });

    await tx.meeting.update({ where: { id }, data: { startsAt: input.startsAt, venue: input.venue, version: { increment: 1 } } });
    await auditChange(tx, actor, "UPDATE", ENTITY, id, { moved: changes });
    await notifyMeeting(tx, actor, id, "MEETING_CHANGED");
  });
}
