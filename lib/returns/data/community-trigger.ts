import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import type { ReturnPeriod } from "@/lib/returns/period";
import { TRIGGER_HEADERS } from "@/lib/returns/labels";
import { plural, RETURN_TITLES, type Figure, type FigureFilter, type ReturnReport } from "@/lib/returns/tables";
import { assertMayRead, uuid, type ReturnScope } from "./shared";

// The Community Trigger publication: applications received and case reviews carried out, by the
// case's lead organisation.

export const TRIGGER_MEASURES = ["received", "threshold-not-met", "reviews", "reviews-recommendations"] as const;
export type TriggerMeasure = (typeof TRIGGER_MEASURES)[number];

/** (case_id, org_id, measure, at) for every Community Trigger event in the period. */
export function triggerEventsSql(period: ReturnPeriod, scope: ReturnScope): Prisma.Sql {
  const inScope = scope.partnership ? Prisma.empty : Prisma.sql`AND c."leadOrganisationId" = ${uuid(scope.organisationId)}`;
  const { firstDay, endDay } = period;
  const reviewDay = Prisma.sql`COALESCE(t."reviewDate", t."applicationDate")`;
  return Prisma.sql`
    SELECT t."caseId" AS case_id, c."leadOrganisationId" AS org_id, m.measure, CASE WHEN m.measure LIKE 'review%' THEN ${reviewDay} ELSE t."applicationDate" END AS at
    FROM "CommunityTrigger" t JOIN "Case" c ON c.id = t."caseId"
    CROSS JOIN (VALUES ('received'), ('threshold-not-met'), ('reviews'), ('reviews-recommendations')) AS m(measure)
    WHERE CASE m.measure
      WHEN 'received' THEN t."applicationDate" >= ${firstDay} AND t."applicationDate" < ${endDay}
      WHEN 'threshold-not-met' THEN t."applicationDate" >= ${firstDay} AND t."applicationDate" < ${endDay} AND NOT t."thresholdMet"
      WHEN 'reviews' THEN t."reviewCarriedOut" AND ${reviewDay} >= ${firstDay} AND ${reviewDay} < ${endDay}
      ELSE t."reviewCarriedOut" AND ${reviewDay} >= ${firstDay} AND ${reviewDay} < ${endDay} AND btrim(COALESCE(t.recommendations, '')) <> ''
    END ${inScope}`;
}

export type CommunityTriggerReturn = {
  scope: ReturnScope;
  period: ReturnPeriod;
  byOrganisation: { organisation: { id: string; name: string }; counts: Record<TriggerMeasure, number> }[];
  total: Record<TriggerMeasure, number>;
};

export async function computeCommunityTriggerReturn(actor: Actor, period: ReturnPeriod): Promise<CommunityTriggerReturn> {
  const scope = assertMayRead(actor, "community-trigger");
  const rows = await db.$queryRaw<{ org_id: string; measure: TriggerMeasure; n: number }[]>`
    SELECT e.org_id, e.measure, count(*)::int AS n FROM (${triggerEventsSql(period, scope)}) e GROUP BY e.org_id, e.measure`;
  const organisations = await db.organisation.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.org_id))] } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const zero = () => Object.fromEntries(TRIGGER_MEASURES.map((m) => [m, 0])) as Record<TriggerMeasure, number>;
  const total = zero();
  const byOrganisation = organisations.map((organisation) => {
    const counts = zero();
    for (const r of rows) if (r.org_id === organisation.id) counts[r.measure] = r.n;
    TRIGGER_MEASURES.forEach((m) => (total[m] += counts[m]));
    return { organisation, counts };
  });
  return { scope, period, byOrganisation, total };
}

export function triggerFigureName(measure: TriggerMeasure, n: number, who: string): string {
  switch (measure) {
    case "received":
      return `${n} Community Trigger ${plural(n, "application")} received by ${who}`;
    case "threshold-not-met":
      return `${n} Community Trigger ${plural(n, "application")} to ${who} that did not meet the threshold`;
    case "reviews":
      return `${n} ASB case ${plural(n, "review")} carried out by ${who}`;
    case "reviews-recommendations":
      return `${n} ASB case ${plural(n, "review")} by ${who} resulting in recommendations`;
  }
}

export function communityTriggerReport(result: CommunityTriggerReturn): ReturnReport {
  const figures = (counts: Record<TriggerMeasure, number>, filter: FigureFilter, who: string): Figure[] =>
    TRIGGER_MEASURES.map((measure) => ({
      value: counts[measure],
      measure,
      filter,
      name: triggerFigureName(measure, counts[measure], who),
    }));
  return {
    key: "community-trigger",
    title: RETURN_TITLES["community-trigger"],
    period: result.period,
    scope: result.scope.label,
    notes: [
      "Counted by the organisation leading each Community Trigger case.",
      "Applications received: application date in the period. Threshold not met: of those, the applications whose threshold (computed from the qualifying complaints) was not met.",
      "Case reviews carried out: reviews recorded as carried out, with the review date in the period. Resulting in recommendations: of those, the reviews with recommendations recorded.",
    ],
    tables: [
      {
        id: "community-trigger",
        caption: "Community Trigger applications and case reviews",
        labelHeaders: ["Lead organisation"],
        figureHeaders: TRIGGER_MEASURES.map((m) => TRIGGER_HEADERS[m]),
        rows: [
          ...result.byOrganisation.map((g) => ({
            key: g.organisation.id,
            labels: [g.organisation.name],
            figures: figures(g.counts, { org: g.organisation.id }, g.organisation.name),
          })),
          {
            key: "total",
            labels: ["Total"],
            figures: figures(result.total, {}, result.scope.partnership ? "the partnership" : result.scope.label),
            total: true,
          },
        ],
      },
    ],
  };
}
