import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MeetingStatus, Panel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { auditRefusal } from "@/lib/audit/data";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format/dates";
import { isUuid } from "@/lib/not-found";
import { MEETING_STATUS_LABELS } from "@/lib/meetings/labels";
import { chairedPanelsOf, visibleMeetingsWhere } from "@/lib/meetings/access";
import { PANEL_NAMES } from "@/lib/panels/labels";
import { notify } from "@/lib/notifications/data/outbox";
import { panelMembersOf } from "@/lib/notifications/data/recipients";

// What the parts of the meetings data layer share: the audit trail's name for a meeting, the
// statuses in which it can still change, the error for a change someone else made first, and
// loading one meeting: as a panel member may see it, as its chair, or locked for a change.

export const ENTITY = "Meeting";
export const RUNNING: MeetingStatus[] = ["SCHEDULED", "IN_PROGRESS"];

/** The meeting was changed by someone else first (started, closed, agenda item saved). */
export class MeetingChangedError extends ConflictError {
  constructor(
    message = "Someone else changed this meeting while you were working on it. Reload the page to see the latest.",
    public readonly currentVersion?: number,
  ) {
    super(message);
    this.name = "MeetingChangedError";
  }
}

/** What every page that lists or opens a meeting shows of it (its list, its agenda). */
export const MEETING_HEADLINE_SELECT = {
  id: true,
  reference: true,
  panel: true,
  startsAt: true,
  venue: true,
  status: true,
} satisfies Prisma.MeetingSelect;

export type MeetingHeadline = Prisma.MeetingGetPayload<{ select: typeof MEETING_HEADLINE_SELECT }>;

// Loading one meeting.

/**
 * The meeting if the actor may see it (`where`, default: their panels'); otherwise a refusal is
 * audited (whether or not it exists) and NotFoundError is thrown: a guessed id learns nothing.
 */
export async function loadMeeting<S extends Prisma.MeetingSelect>(
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
export async function loadMeetingToRun<S extends Prisma.MeetingSelect>(client: Tx | typeof db, actor: Actor, meetingId: string, select: S) {
  const panels = chairedPanelsOf(actor);
  return loadMeeting(client, actor, meetingId, select, panels.length === 0 ? { id: { in: [] } } : { panel: { in: panels } });
}

/** Serialises changes to one meeting's agenda (reorder, add, save) behind a row lock. */
export async function lockMeeting(tx: Tx, meetingId: string) {
  await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${meetingId}::uuid FOR UPDATE`;
}

/** The meeting for a change by its chair: locked, and still open to change. */
export async function meetingForChange(tx: Tx, actor: Actor, meetingId: string) {
  const m = await loadMeetingToRun(tx, actor, meetingId, {
    id: true,
    panel: true,
    status: true,
    reference: true,
    startsAt: true,
    version: true,
    recordedAfterwards: true,
  });
  await lockMeeting(tx, m.id);
  const now = await tx.meeting.findUniqueOrThrow({ where: { id: m.id }, select: { status: true, version: true } });
  if (!RUNNING.includes(now.status))
    throw new ConflictError(
      `Meeting ${m.reference} is ${MEETING_STATUS_LABELS[now.status].toLowerCase()}: its agenda can no longer change.`,
    );
  return { ...m, ...now };
}

/**
 * The meeting for a change by a chair of its panel (anyone else: not found), locked, with `select`
 * read under the lock: refused (MeetingChangedError) unless it is `expected` and at `version`.
 */
export async function lockedMeetingAt<S extends Prisma.MeetingSelect>(
  tx: Tx,
  actor: Actor,
  meetingId: string,
  version: number,
  expected: MeetingStatus,
  refusal: (status: MeetingStatus) => string,
  select: S,
) {
  const { id } = await loadMeetingToRun(tx, actor, meetingId, { id: true });
  await lockMeeting(tx, id);
  const current = await tx.meeting.findUniqueOrThrow({ where: { id }, select: { ...select, status: true, version: true } });
  const { status, version: at } = current as unknown as { status: MeetingStatus; version: number };
  if (status !== expected) throw new MeetingChangedError(refusal(status), at);
  if (at !== version) throw new MeetingChangedError(undefined, at);
  return { id, ...(current as unknown as Prisma.MeetingGetPayload<{ select: S }>) };
}

/** For pages: a short line describing when and where. */
export function describeMeeting(m: { panel: Panel; startsAt: Date; venue: string | null }): string {
  return `${PANEL_NAMES[m.panel]} meeting, ${formatDateTime(m.startsAt)}${m.venue ? `, ${m.venue}` : ""}`;
}

/**
 * Tells the invited organisations' members of the panel that a meeting was scheduled, moved or cancelled,
 * in the change's transaction (lib/notifications). The e-mail carries the calendar file (the same
 * event each time, by the meeting's id), never the agenda.
 */
export async function notifyMeeting(
  tx: Tx,
  actor: Actor,
  meetingId: string,
  kind: "MEETING_SCHEDULED" | "MEETING_CHANGED" | "MEETING_CANCELLED",
): Promise<void> {
  const m = await tx.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: { id: true, reference: true, panel: true, attendees: { select: { organisationId: true } } },
  });
  const members = await tx.user.findMany({
    where: {
      AND: [
        panelMembersOf(
          m.panel,
          m.attendees.map((a) => a.organisationId),
        ),
        { id: { not: actor.userId } },
      ],
    },
    select: { id: true },
  });
  await notify(tx, {
    kind,
    userIds: members.map((u) => u.id),
    reference: m.reference,
    link: `/meetings/${m.id}`,
    subjectType: ENTITY,
    subjectId: m.id,
  });
}
