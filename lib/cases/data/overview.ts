import "server-only";
import { db } from "@/lib/db";
import type { Panel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { OPEN_ACTION_STATUSES } from "@/lib/case-actions/labels";
import { londonToday } from "@/lib/format/dates";
import { meetingPanelsOf, visibleMeetingsWhere } from "@/lib/meetings/access";
import { visiblePowersWhere } from "@/lib/powers/access";
import { loadVisibleSummary } from "./read-one";

// The figures at the top of the case page: what needs doing, how much the case holds and when it
// is next discussed, each read through the same rules as the section it links to.

export type CaseOverview = {
  openActions: number;
  /** Open or in progress, due before today in London (the one rule: lib/case-actions/labels). */
  overdueActions: number;
  /** The soonest due date of an open action. */
  nextActionDue: Date | null;
  finishedActions: number;
  incidents: number;
  /** Tools and powers used in the case that the actor may see (visiblePowersWhere). */
  powers: number;
  /** The next meeting with the case on its agenda, when the actor sits on its panel (visibleMeetingsWhere). */
  nextMeeting: { id: string; reference: string; panel: Panel; startsAt: Date } | null;
  /** The actor sits on a panel, so "no next meeting" is something they may be told. */
  seesMeetings: boolean;
};

/** The case page's summary figures; NotFoundError (audited) on a case the actor may not see. */
export async function caseOverview(actor: Actor, caseId: string, now = new Date()): Promise<CaseOverview> {
  const c = await loadVisibleSummary(actor, caseId);
  const open = { caseId: c.id, status: { in: [...OPEN_ACTION_STATUSES] } };
  const today = londonToday(now);
  const [openActions, overdueActions, nextAction, finishedActions, incidents, powers, agendaItem] = await Promise.all([
    db.caseAction.count({ where: open }),
    db.caseAction.count({ where: { ...open, dueDate: { lt: today } } }),
    db.caseAction.findFirst({ where: open, orderBy: { dueDate: "asc" }, select: { dueDate: true } }),
    db.caseAction.count({ where: { caseId: c.id, status: { notIn: [...OPEN_ACTION_STATUSES] } } }),
    db.incident.count({ where: { caseId: c.id } }),
    db.powerUse.count({ where: { AND: [{ caseId: c.id }, visiblePowersWhere(actor)] } }),
    db.agendaItem.findFirst({
      where: {
        caseId: c.id,
        meeting: { AND: [visibleMeetingsWhere(actor), { status: { in: ["SCHEDULED", "IN_PROGRESS"] }, startsAt: { gte: today } }] },
      },
      orderBy: { meeting: { startsAt: "asc" } },
      select: { meeting: { select: { id: true, reference: true, panel: true, startsAt: true } } },
    }),
  ]);
  return {
    openActions,
    overdueActions,
    nextActionDue: nextAction?.dueDate ?? null,
    finishedActions,
    incidents,
    powers,
    nextMeeting: agendaItem?.meeting ?? null,
    seesMeetings: meetingPanelsOf(actor).length > 0,
  };
}
