import "server-only";
import { db } from "@/lib/db";
import type { MeetingStatus, Panel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { auditChange } from "@/lib/audit/data";
import { ENTITY, loadMeetingToRun, MeetingChangedError, meetingForChange } from "./shared";

// Closing: the chair's check of what closing will do, and closing the meeting (minutes.ts then
// reads its minutes).

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
    await auditChange(tx, actor, "UPDATE", ENTITY, m.id, { status: { from: "IN_PROGRESS", to: "CLOSED" } });
  });
}
