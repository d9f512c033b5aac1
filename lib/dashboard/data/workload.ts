import "server-only";
import { db } from "@/lib/db";
import type { CaseStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { visibleActionsWhere, visibleCasesWhere } from "@/lib/cases/access";
import { OPEN_ACTION_STATUSES } from "@/lib/case-actions/labels";
import { londonToday } from "@/lib/format/dates";

// The manager's view of their organisation's workload: the open and overdue actions assigned to
// the organisation, by officer, and the cases it leads, by status. Counted through the rules the
// lists use (visibleActionsWhere, as the organisation's action list; visibleCasesWhere, as the
// case list's "cases we lead"), so an action or a case on a restricted MARAC case is counted only
// for a manager on the MARAC panel, and each figure matches the list it links to.

/** Officers listed, most overdue first; the rest are in the organisation's action list. */
export const WORKLOAD_OFFICERS_LISTED = 15;

export type OfficerWorkload = {
  /** Null: assigned to the organisation but to nobody in it by name. */
  officer: { id: string; name: string } | null;
  open: number;
  overdue: number;
};

export type Workload = {
  actions: { open: number; overdue: number; byOfficer: OfficerWorkload[]; officersWithActions: number };
  /** The not-closed cases the organisation leads, by status (every not-closed status, in the order a case moves through them). */
  casesByStatus: { status: Exclude<CaseStatus, "CLOSED">; count: number }[];
};

const NOT_CLOSED = ["OPEN", "UNDER_REVIEW", "MONITORING"] as const satisfies readonly CaseStatus[];

export async function organisationWorkload(actor: Actor, now: Date): Promise<Workload> {
  const open = {
    AND: [visibleActionsWhere(actor), { assignedOrganisationId: actor.organisationId, status: { in: [...OPEN_ACTION_STATUSES] } }],
  };
  const overdue = { AND: [open, { dueDate: { lt: londonToday(now) } }] };
  const [openByUser, overdueByUser, cases] = await Promise.all([
    db.caseAction.groupBy({ by: ["assignedUserId"], where: open, _count: { _all: true } }),
    db.caseAction.groupBy({ by: ["assignedUserId"], where: overdue, _count: { _all: true } }),
    db.case.groupBy({
      by: ["status"],
      where: { AND: [visibleCasesWhere(actor), { leadOrganisationId: actor.organisationId, status: { in: [...NOT_CLOSED] } }] },
      _count: { _all: true },
    }),
  ]);
  const overdueOf = new Map(overdueByUser.map((r) => [r.assignedUserId, r._count._all]));
  const userIds = openByUser.flatMap((r) => (r.assignedUserId ? [r.assignedUserId] : []));
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  const byOfficer = openByUser
    .map((r) => ({
      officer: r.assignedUserId ? { id: r.assignedUserId, name: names.get(r.assignedUserId) ?? "Unknown" } : null,
      open: r._count._all,
      overdue: overdueOf.get(r.assignedUserId) ?? 0,
    }))
    .sort(
      (a, b) =>
        b.overdue - a.overdue || b.open - a.open || (a.officer?.name ?? "\uffff").localeCompare(b.officer?.name ?? "\uffff", "en-GB"),
    );
  return {
    actions: {
      open: byOfficer.reduce((n, r) => n + r.open, 0),
      overdue: byOfficer.reduce((n, r) => n + r.overdue, 0),
      byOfficer: byOfficer.slice(0, WORKLOAD_OFFICERS_LISTED),
      officersWithActions: byOfficer.length,
    },
    casesByStatus: NOT_CLOSED.map((status) => ({ status, count: cases.find((c) => c.status === status)?._count._all ?? 0 })),
  };
}
