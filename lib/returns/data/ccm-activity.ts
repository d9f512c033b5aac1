import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { formatDate, londonToday } from "@/lib/format/dates";
import { asOfInstant, type ReturnPeriod } from "@/lib/returns/period";
import { CCM_HEADERS } from "@/lib/returns/labels";
import { plural, RETURN_TITLES, type Figure, type FigureFilter, type ReturnReport } from "@/lib/returns/tables";
import { assertMayRead, HEARD, meetingsSql, uuid, type ReturnScope } from "./shared";

// The CCM activity return: per CCM meeting held in the period, the cases heard and the actions
// agreed, completed and overdue.

export const CCM_MEASURES = ["cases-heard", "actions-agreed", "actions-completed", "actions-overdue"] as const;
export type CcmMeasure = (typeof CCM_MEASURES)[number];

/**
 * (record_id, case_id, meeting_id, measure, at) for every CCM event: a case heard (record = the
 * agenda item) or an action agreed (record = the action) and whether it was completed or overdue
 * at `asOf`.
 */
export function ccmEventsSql(period: ReturnPeriod, scope: ReturnScope, asOf: Date): Prisma.Sql {
  const caseInScope = scope.partnership
    ? Prisma.empty
    : Prisma.sql`AND (c."leadOrganisationId" = ${uuid(scope.organisationId)} OR EXISTS (SELECT 1 FROM "CaseShare" s WHERE s."caseId" = c.id AND s."organisationId" = ${uuid(scope.organisationId)} AND s."withdrawnAt" IS NULL))`;
  const actionInScope = scope.partnership ? Prisma.empty : Prisma.sql`AND x."assignedOrganisationId" = ${uuid(scope.organisationId)}`;
  const asOfDay = londonToday(asOf);
  const done = Prisma.sql`(x.status = 'DONE' AND COALESCE(x."completedAt", x."updatedAt") < ${asOf})`;
  return Prisma.sql`
    WITH mt AS (${meetingsSql("CCM", period)})
    SELECT a.id AS record_id, a."caseId" AS case_id, mt.id AS meeting_id, 'cases-heard'::text AS measure, mt."startsAt" AS at
      FROM "AgendaItem" a JOIN mt ON mt.id = a."meetingId" JOIN "Case" c ON c.id = a."caseId"
      WHERE ${HEARD} ${caseInScope}
    UNION ALL
    SELECT x.id, x."caseId", mt.id, m.measure, x."dueDate"::timestamptz
      FROM "CaseAction" x JOIN mt ON mt.id = x."meetingId"
      CROSS JOIN (VALUES ('actions-agreed'), ('actions-completed'), ('actions-overdue')) AS m(measure)
      WHERE CASE m.measure
        WHEN 'actions-agreed' THEN true
        WHEN 'actions-completed' THEN ${done}
        ELSE x.status <> 'CANCELLED' AND NOT ${done} AND x."dueDate" < ${asOfDay}
      END ${actionInScope}`;
}

export type CcmActivityReturn = {
  scope: ReturnScope;
  period: ReturnPeriod;
  asOf: Date;
  meetings: { meeting: { id: string; reference: string; startsAt: Date }; counts: Record<CcmMeasure, number> }[];
  total: Record<CcmMeasure, number>;
};

export async function computeCcmActivityReturn(actor: Actor, period: ReturnPeriod, now: Date = new Date()): Promise<CcmActivityReturn> {
  const scope = assertMayRead(actor, "ccm-activity");
  const asOf = asOfInstant(period, now);
  const [meetings, rows] = await Promise.all([
    db.$queryRaw<
      { id: string; reference: string; startsAt: Date }[]
    >`SELECT * FROM (${meetingsSql("CCM", period)}) mt ORDER BY mt."startsAt", mt.reference`,
    db.$queryRaw<{ meeting_id: string; measure: CcmMeasure; n: number }[]>`
      SELECT e.meeting_id, e.measure, count(*)::int AS n FROM (${ccmEventsSql(period, scope, asOf)}) e GROUP BY e.meeting_id, e.measure`,
  ]);
  const zero = () => Object.fromEntries(CCM_MEASURES.map((m) => [m, 0])) as Record<CcmMeasure, number>;
  const total = zero();
  return {
    scope,
    period,
    asOf,
    meetings: meetings.map((meeting) => {
      const counts = zero();
      for (const r of rows) if (r.meeting_id === meeting.id) counts[r.measure] = r.n;
      CCM_MEASURES.forEach((m) => (total[m] += counts[m]));
      return { meeting, counts };
    }),
    total,
  };
}

export function ccmFigureName(measure: CcmMeasure, n: number, at: string): string {
  switch (measure) {
    case "cases-heard":
      return `${n} ${plural(n, "case")} heard at ${at}`;
    case "actions-agreed":
      return `${n} ${plural(n, "action")} agreed at ${at}`;
    case "actions-completed":
      return `${n} ${plural(n, "action")} agreed at ${at} completed`;
    case "actions-overdue":
      return `${n} ${plural(n, "action")} agreed at ${at} overdue`;
  }
}

export function ccmActivityReport(result: CcmActivityReturn): ReturnReport {
  const figures = (counts: Record<CcmMeasure, number>, filter: FigureFilter, at: string): Figure[] =>
    CCM_MEASURES.map((measure) => ({ value: counts[measure], measure, filter, name: ccmFigureName(measure, counts[measure], at) }));
  const asAt = formatDate(result.asOf);
  const who = result.scope.partnership
    ? ""
    : ` Counted for ${result.scope.label}: cases it leads or that are shared with it, and actions assigned to it.`;
  return {
    key: "ccm-activity",
    title: RETURN_TITLES["ccm-activity"],
    period: result.period,
    scope: result.scope.label,
    notes: [
      `Completed and overdue are judged as at ${asAt} (the end of the period or today, whichever is earlier).${who}`,
      "Per CCM meeting held in the period (started or closed; meetings still scheduled, and cancelled ones, are left out). Cases heard: cases on the agenda marked reviewed or with a discussion or decision recorded.",
      "Actions agreed: actions recorded against the meeting. Completed: done by the date above. Overdue: not cancelled, not done by that date, and due before it.",
    ],
    tables: [
      {
        id: "ccm-meetings",
        caption: "CCM meetings",
        labelHeaders: ["Meeting", "Date"],
        figureHeaders: CCM_MEASURES.map((m) => CCM_HEADERS[m]),
        rows: [
          ...result.meetings.map((g) => ({
            key: g.meeting.id,
            labels: [g.meeting.reference, formatDate(g.meeting.startsAt)],
            figures: figures(
              g.counts,
              { meeting: g.meeting.id },
              `the CCM meeting ${g.meeting.reference} on ${formatDate(g.meeting.startsAt)}`,
            ),
          })),
          { key: "total", labels: ["Total", ""], figures: figures(result.total, {}, "CCM meetings in the period"), total: true },
        ],
      },
    ],
  };
}
