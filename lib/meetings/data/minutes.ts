import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActionStatus, AgendaReason, Panel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { audit } from "@/lib/audit/data";
import { NotFoundError } from "@/lib/errors";
import { minutesReadableWhere, partnerMinutesItemsWhere, visibleMeetingsWhere } from "@/lib/meetings/access";
import { loadMeeting } from "./shared";

// Minutes: what a closed meeting decided, for its panel and (CCM only) the partners on its cases,
// and the audit of their download.

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
  items: {
    position: number;
    reason: AgendaReason;
    caseReference: string;
    caseTitle: string;
    discussionSummary: string | null;
    decision: string | null;
    reviewed: boolean;
    actions: (MinutesAction & { organisation: string })[];
  }[];
  actionsByOrganisation: { organisation: string; shortName: string; actions: MinutesAction[] }[];
  /** A partner off the CCM panel: only the items for their cases are included. */
  partial: boolean;
  /** MARAC minutes carry MINUTES_MARKING on every page. */
  marked: boolean;
};

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
      attendees: {
        orderBy: { organisation: { name: "asc" } },
        select: { attendeeNames: true, present: true, organisation: { select: { name: true } } },
      },
      agendaItems: {
        where: itemsWhere,
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: {
          position: true,
          reason: true,
          discussionSummary: true,
          decision: true,
          reviewedAt: true,
          caseId: true,
          case: { select: { reference: true, title: true } },
        },
      },
    },
  });
  const caseIds = meeting.agendaItems.map((i) => i.caseId);
  const actions = await db.caseAction.findMany({
    where: { meetingId: m.id, caseId: { in: caseIds } },
    orderBy: [{ assignedOrganisation: { name: "asc" } }, { dueDate: "asc" }, { createdAt: "asc" }],
    select: {
      caseId: true,
      title: true,
      dueDate: true,
      status: true,
      case: { select: { reference: true } },
      assignedOrganisation: { select: { name: true, shortName: true } },
    },
  });
  const byOrganisation = new Map<string, Minutes["actionsByOrganisation"][number]>();
  for (const a of actions) {
    const group = byOrganisation.get(a.assignedOrganisation.name) ?? {
      organisation: a.assignedOrganisation.name,
      shortName: a.assignedOrganisation.shortName,
      actions: [],
    };
    group.actions.push({ caseReference: a.case.reference, title: a.title, dueDate: a.dueDate, status: a.status });
    byOrganisation.set(a.assignedOrganisation.name, group);
  }
  await audit({
    action: "VIEW",
    userId: actor.userId,
    organisationId: actor.organisationId,
    entityType: "MeetingMinutes",
    entityId: m.id,
    detail: partial ? { partial: true } : null,
  });
  return {
    id: meeting.id,
    reference: meeting.reference,
    panel: meeting.panel,
    startsAt: meeting.startsAt,
    closedAt: meeting.closedAt,
    venue: meeting.venue,
    chair: meeting.chair.name,
    attendees: partial
      ? []
      : meeting.attendees.map((a) => ({ organisation: a.organisation.name, names: a.attendeeNames, present: a.present })),
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
        .map((a) => ({
          caseReference: a.case.reference,
          title: a.title,
          dueDate: a.dueDate,
          status: a.status,
          organisation: a.assignedOrganisation.shortName,
        })),
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
