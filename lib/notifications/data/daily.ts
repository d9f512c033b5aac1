import "server-only";
import { db } from "@/lib/db";
import { calendarDate, fromLondonLocal, londonDateParts, londonToday } from "@/lib/format/dates";
import { OPEN_ACTION_STATUSES } from "@/lib/case-actions/labels";
import { EXPIRING_STATUSES } from "@/lib/powers/lifecycle";
import { notify } from "./outbox";

// The morning's notifications (the worker runs them at 07:00 London time): actions due tomorrow,
// each person's overdue actions (one message a day, not one per action), and powers expiring
// within 14 days (once per power). Running twice in a day sends nothing twice.

const DAY_MS = 86_400_000;

/** Whether `userId` was already told `kind` about `subjectId` (since `since`). */
async function alreadyTold(
  kind: "ACTION_DUE_TOMORROW" | "ACTIONS_OVERDUE" | "POWER_EXPIRING",
  userId: string,
  subjectId: string,
  since: Date,
) {
  return (await db.notification.count({ where: { kind, userId, subjectId, createdAt: { gte: since } } })) > 0;
}

export async function dailyNotifications(now = new Date()): Promise<{ dueTomorrow: number; overdue: number; expiring: number }> {
  const today = londonToday(now);
  const tomorrow = new Date(today.getTime() + DAY_MS);
  const { year, month, day } = londonDateParts(now);
  // Midnight London time today (not UTC midnight): "already told today" is a London day.
  const startOfToday = fromLondonLocal(year, month, day);
  const counts = { dueTomorrow: 0, overdue: 0, expiring: 0 };

  // Actions due tomorrow, to the officer named on them.
  const due = await db.caseAction.findMany({
    where: { status: { in: [...OPEN_ACTION_STATUSES] }, dueDate: tomorrow, assignedUserId: { not: null } },
    select: { id: true, caseId: true, assignedUserId: true, case: { select: { reference: true } } },
  });
  for (const a of due) {
    if (await alreadyTold("ACTION_DUE_TOMORROW", a.assignedUserId!, a.id, startOfToday)) continue;
    await db.$transaction((tx) =>
      notify(tx, {
        kind: "ACTION_DUE_TOMORROW",
        userIds: [a.assignedUserId!],
        reference: a.case.reference,
        link: `/cases/${a.caseId}/actions/${a.id}`,
        subjectType: "CaseAction",
        subjectId: a.id,
      }),
    );
    counts.dueTomorrow += 1;
  }

  // Each officer's overdue actions: one message with how many.
  const overdue = await db.caseAction.groupBy({
    by: ["assignedUserId"],
    where: { status: { in: [...OPEN_ACTION_STATUSES] }, dueDate: { lt: today }, assignedUserId: { not: null } },
    _count: { _all: true },
  });
  const dayKey = calendarDate(year, month, day).toISOString().slice(0, 10);
  for (const row of overdue) {
    const userId = row.assignedUserId!;
    if (await alreadyTold("ACTIONS_OVERDUE", userId, dayKey, startOfToday)) continue;
    await db.$transaction((tx) =>
      notify(tx, {
        kind: "ACTIONS_OVERDUE",
        userIds: [userId],
        reference: String(row._count._all),
        link: "/actions?scope=mine&overdue=yes",
        subjectType: "Day",
        subjectId: dayKey,
      }),
    );
    counts.overdue += 1;
  }

  // Powers expiring within 14 days, to the officer who issued them, once per power.
  const expiring = await db.powerUse.findMany({
    where: { status: { in: [...EXPIRING_STATUSES] }, expiresAt: { gte: now, lte: new Date(now.getTime() + 14 * DAY_MS) } },
    select: { id: true, reference: true, issuingOfficerId: true },
  });
  for (const p of expiring) {
    if (await alreadyTold("POWER_EXPIRING", p.issuingOfficerId, p.id, new Date(0))) continue;
    await db.$transaction((tx) =>
      notify(tx, {
        kind: "POWER_EXPIRING",
        userIds: [p.issuingOfficerId],
        reference: p.reference,
        link: `/powers/${p.id}`,
        subjectType: "PowerUse",
        subjectId: p.id,
      }),
    );
    counts.expiring += 1;
  }
  return counts;
}
