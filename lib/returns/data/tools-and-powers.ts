import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OrganisationKind } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { EXPIRING_STATUSES } from "@/lib/powers/lifecycle";
import type { ReturnPeriod } from "@/lib/returns/period";
import { groupReturnRows } from "@/lib/returns/grouping";
import { BREACH_OUTCOME_WORDS, ORGANISATION_TYPE_WORDS, POWER_MEASURE_HEADERS } from "@/lib/returns/labels";
import {
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  organisationTypeOf,
  plural,
  pluralName,
  RETURN_TITLES,
  type Figure,
  type FigureFilter,
  type OrganisationType,
  type ReturnReport,
  type ReturnRow,
  type ReturnTable,
} from "@/lib/returns/tables";
import { assertMayRead, uuid, type ReturnScope } from "./shared";

// The tools and powers return: powers issued, breached, appealed, discharged or expired and
// withdrawn, by kind and issuing organisation and by kind and organisation type.

export const POWER_MEASURES = [
  "issued",
  "breaches",
  "powers-breached",
  "appealed",
  "discharged-expired",
  "withdrawn",
  "breaches-fpn",
  "breaches-prosecution",
  "breaches-warning",
  "breaches-none",
] as const;
export type PowerMeasure = (typeof POWER_MEASURES)[number];

type PowerCounts = Record<PowerMeasure, number>;

const EXPIRING = Prisma.join(EXPIRING_STATUSES.map((s) => Prisma.sql`${s}::"PowerStatus"`));

/**
 * Every event the tools and powers return counts, one row each:
 * (power_id, kind_id, org_id, measure, at, detail, case_id, officer_id). `measure` is issued |
 * breach | appealed | discharged | expired | withdrawn; `detail` is the breach's action taken.
 * case_id and officer_id are the power's, for the drill-downs' visibility rule (visibleEventPower).
 */
export function powerEventsSql(period: ReturnPeriod, now: Date, scope: ReturnScope): Prisma.Sql {
  const inScope = scope.partnership ? Prisma.empty : Prisma.sql`AND p."issuingOrganisationId" = ${uuid(scope.organisationId)}`;
  const { start, end } = period;
  return Prisma.sql`
    SELECT p.id AS power_id, p."kindId" AS kind_id, p."issuingOrganisationId" AS org_id, 'issued'::text AS measure, p."issuedAt" AS at, NULL::text AS detail,
           p."caseId" AS case_id, p."issuingOfficerId" AS officer_id
      FROM "PowerUse" p WHERE p."issuedAt" >= ${start} AND p."issuedAt" < ${end} ${inScope}
    UNION ALL
    SELECT p.id, p."kindId", p."issuingOrganisationId", 'breach', b."breachedAt", b."actionTaken"::text, p."caseId", p."issuingOfficerId"
      FROM "PowerBreach" b JOIN "PowerUse" p ON p.id = b."powerId"
      WHERE b."breachedAt" >= ${start} AND b."breachedAt" < ${end} ${inScope}
    UNION ALL
    SELECT p.id, p."kindId", p."issuingOrganisationId", lower(c."toStatus"::text), min(c."changedAt"), NULL, p."caseId", p."issuingOfficerId"
      FROM "PowerStatusChange" c JOIN "PowerUse" p ON p.id = c."powerId"
      WHERE c."toStatus" IN ('APPEALED', 'DISCHARGED', 'WITHDRAWN') AND c."changedAt" >= ${start} AND c."changedAt" < ${end} ${inScope}
      GROUP BY p.id, c."toStatus"
    UNION ALL
    SELECT p.id, p."kindId", p."issuingOrganisationId", 'expired', LEAST(c."changedAt", COALESCE(p."expiresAt", c."changedAt")), NULL, p."caseId", p."issuingOfficerId"
      FROM "PowerStatusChange" c JOIN "PowerUse" p ON p.id = c."powerId"
      WHERE c."toStatus" = 'EXPIRED' AND c."changedAt" >= ${start} AND COALESCE(p."expiresAt", c."changedAt") >= ${start}
        AND LEAST(c."changedAt", COALESCE(p."expiresAt", c."changedAt")) < ${end}
        AND LEAST(c."changedAt", COALESCE(p."expiresAt", c."changedAt")) <= ${now} ${inScope}
    UNION ALL
    SELECT p.id, p."kindId", p."issuingOrganisationId", 'expired', p."expiresAt", NULL, p."caseId", p."issuingOfficerId"
      FROM "PowerUse" p
      WHERE p.status IN (${EXPIRING}) AND p."expiresAt" <= ${now} AND p."expiresAt" >= ${start} AND p."expiresAt" < ${end} ${inScope}`;
}

/** The events behind one figure of the tools and powers return. */
export function powerMeasureCondition(measure: PowerMeasure): Prisma.Sql {
  switch (measure) {
    case "issued":
    case "appealed":
    case "withdrawn":
      return Prisma.sql`e.measure = ${measure}`;
    case "breaches":
    case "powers-breached":
      return Prisma.sql`e.measure = 'breach'`;
    case "discharged-expired":
      return Prisma.sql`e.measure IN ('discharged', 'expired')`;
    default:
      return Prisma.sql`e.measure = 'breach' AND e.detail = ${measure.slice("breaches-".length).toUpperCase()}`;
  }
}

type PowerAggregateRow = { kind_id: string; org_id: string } & Record<string, number>;

export type ToolsAndPowersGroup = { kind: { id: string; name: string }; counts: PowerCounts };
export type ToolsAndPowersReturn = {
  scope: ReturnScope;
  period: ReturnPeriod;
  byOrganisation: (ToolsAndPowersGroup & { organisation: { id: string; name: string; type: OrganisationType } })[];
  byOrganisationType: (ToolsAndPowersGroup & { type: OrganisationType })[];
  total: PowerCounts;
};

const zeroPowerCounts = (): PowerCounts => Object.fromEntries(POWER_MEASURES.map((m) => [m, 0])) as PowerCounts;
const addCounts = (into: PowerCounts, from: PowerCounts) => POWER_MEASURES.forEach((m) => (into[m] += from[m]));

/**
 * The tools and powers return for the period, computed with one GROUP BY over the period's events.
 * Benchmarked (tests/bench/powers.bench.ts): keep this name and signature stable.
 */
export async function computeToolsAndPowersReturn(
  actor: Actor,
  period: ReturnPeriod,
  now: Date = new Date(),
): Promise<ToolsAndPowersReturn> {
  const scope = assertMayRead(actor, "tools-and-powers");
  // The breaches and status changes in the period are a few tens of thousands; each needs its
  // power's kind and organisation. Costing random reads as on spinning disks, the planner would
  // hash-join them against a sequential scan of every power ever issued (measured at 1.1 million
  // powers: 930-980 ms in PostgreSQL alone); for this transaction only it is told reads are cheap,
  // as on SSDs, and looks each power up by its key instead (420-550 ms). As lib/dashboard/data.ts.
  const [, rows] = await db.$transaction([
    db.$queryRaw`SELECT set_config('random_page_cost', '1.1', true)`,
    db.$queryRaw<PowerAggregateRow[]>`
    SELECT e.kind_id, e.org_id,
      count(*) FILTER (WHERE e.measure = 'issued')::int AS "issued",
      count(*) FILTER (WHERE e.measure = 'breach')::int AS "breaches",
      count(DISTINCT e.power_id) FILTER (WHERE e.measure = 'breach')::int AS "powers-breached",
      count(*) FILTER (WHERE e.measure = 'appealed')::int AS "appealed",
      count(*) FILTER (WHERE e.measure IN ('discharged', 'expired'))::int AS "discharged-expired",
      count(*) FILTER (WHERE e.measure = 'withdrawn')::int AS "withdrawn",
      count(*) FILTER (WHERE e.measure = 'breach' AND e.detail = 'FPN')::int AS "breaches-fpn",
      count(*) FILTER (WHERE e.measure = 'breach' AND e.detail = 'PROSECUTION')::int AS "breaches-prosecution",
      count(*) FILTER (WHERE e.measure = 'breach' AND e.detail = 'WARNING')::int AS "breaches-warning",
      count(*) FILTER (WHERE e.measure = 'breach' AND e.detail = 'NONE')::int AS "breaches-none"
    FROM (${powerEventsSql(period, now, scope)}) e
    GROUP BY e.kind_id, e.org_id`,
  ]);
  const kindIds = [...new Set(rows.map((r) => r.kind_id))];
  const orgIds = [...new Set(rows.map((r) => r.org_id))];
  const [kinds, organisations] = await Promise.all([
    db.powerKind.findMany({ where: { id: { in: kindIds } }, select: { id: true, name: true, sortOrder: true } }),
    db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true, kind: true } }),
  ]);
  const kindById = new Map(kinds.map((k) => [k.id, k]));
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const kindOrder = (id: string) => [kindById.get(id)?.sortOrder ?? 0, kindById.get(id)?.name ?? ""] as const;
  const compareKinds = (a: string, b: string) => {
    const [sa, na] = kindOrder(a);
    const [sb, nb] = kindOrder(b);
    return sa - sb || na.localeCompare(nb);
  };

  const total = zeroPowerCounts();
  const byType = new Map<string, ToolsAndPowersGroup & { type: OrganisationType }>();
  const byOrganisation = rows.map((r) => {
    const counts = Object.fromEntries(POWER_MEASURES.map((m) => [m, Number(r[m] ?? 0)])) as PowerCounts;
    const org = orgById.get(r.org_id)!;
    const kind = { id: r.kind_id, name: kindById.get(r.kind_id)?.name ?? "Unknown kind" };
    const type = organisationTypeOf(org.kind as OrganisationKind);
    addCounts(total, counts);
    const typeKey = `${type}:${kind.id}`;
    const group = byType.get(typeKey) ?? { type, kind, counts: zeroPowerCounts() };
    addCounts(group.counts, counts);
    byType.set(typeKey, group);
    return { organisation: { id: org.id, name: org.name, type }, kind, counts };
  });
  byOrganisation.sort((a, b) => a.organisation.name.localeCompare(b.organisation.name) || compareKinds(a.kind.id, b.kind.id));
  const byOrganisationType = [...byType.values()].sort(
    (a, b) => ORGANISATION_TYPES.indexOf(a.type) - ORGANISATION_TYPES.indexOf(b.type) || compareKinds(a.kind.id, b.kind.id),
  );
  return { scope, period, byOrganisation, byOrganisationType, total };
}

export function powerFigureName(measure: PowerMeasure, n: number, kindName: string | null, byWhom: string): string {
  const powers = kindName ? pluralName(n, kindName) : plural(n, "power");
  const ofPowers = kindName ? pluralName(2, kindName) : "powers";
  switch (measure) {
    case "issued":
      return `${n} ${powers} issued by ${byWhom}`;
    case "breaches":
      return `${n} ${plural(n, "breach", "breaches")} of ${ofPowers} issued by ${byWhom}`;
    case "powers-breached":
      return `${n} ${powers} issued by ${byWhom} breached`;
    case "appealed":
      return `${n} ${powers} issued by ${byWhom} appealed`;
    case "discharged-expired":
      return `${n} ${powers} issued by ${byWhom} discharged or expired`;
    case "withdrawn":
      return `${n} ${powers} issued by ${byWhom} withdrawn`;
    default:
      return `${n} ${plural(n, "breach", "breaches")} of ${ofPowers} issued by ${byWhom} ${BREACH_OUTCOME_WORDS[measure]}`;
  }
}

function powerFigures(counts: PowerCounts, filter: FigureFilter, kindName: string | null, byWhom: string): Figure[] {
  return POWER_MEASURES.map((measure) => ({
    value: counts[measure],
    measure,
    filter,
    name: powerFigureName(measure, counts[measure], kindName, byWhom),
  }));
}

export function toolsAndPowersReport(result: ToolsAndPowersReturn): ReturnReport {
  const everyone = result.scope.partnership ? "every organisation" : result.scope.label;
  const totalRow: ReturnRow = {
    key: "total",
    labels: ["Total", "All kinds"],
    figures: powerFigures(result.total, {}, null, everyone),
    total: true,
  };
  const figureHeaders = POWER_MEASURES.map((m) => POWER_MEASURE_HEADERS[m]);
  const organisationRows: ReturnRow[] = result.byOrganisation.map((g) => ({
    key: `${g.organisation.id}:${g.kind.id}`,
    labels: [g.organisation.name, g.kind.name],
    figures: powerFigures(g.counts, { org: g.organisation.id, kind: g.kind.id }, g.kind.name, g.organisation.name),
    group: g.organisation.type,
  }));
  const byOrganisation: ReturnTable = {
    id: "by-organisation",
    caption: "By issuing organisation",
    labelHeaders: ["Issuing organisation", "Power"],
    figureHeaders,
    rows: [...organisationRows, totalRow],
    nested: true,
    // On screen, the organisations come under their type, each type with a subtotal.
    groups: groupReturnRows<OrganisationType>(organisationRows, {
      order: ORGANISATION_TYPES,
      label: (type) => ORGANISATION_TYPE_LABELS[type],
      memberNoun: "organisation",
      subtotalLabels: (type) => [ORGANISATION_TYPE_LABELS[type], "All powers"],
      subtotalFigure: (type, column, value) => ({
        value,
        measure: column.measure,
        filter: { orgType: type },
        name: powerFigureName(column.measure as PowerMeasure, value, null, ORGANISATION_TYPE_WORDS[type]),
      }),
    }),
  };
  const byType: ReturnTable = {
    id: "by-organisation-type",
    caption: "By organisation type",
    labelHeaders: ["Organisation type", "Power"],
    figureHeaders,
    rows: [
      ...result.byOrganisationType.map((g) => ({
        key: `${g.type}:${g.kind.id}`,
        labels: [ORGANISATION_TYPE_LABELS[g.type], g.kind.name],
        figures: powerFigures(g.counts, { orgType: g.type, kind: g.kind.id }, g.kind.name, ORGANISATION_TYPE_WORDS[g.type]),
      })),
      { ...totalRow, key: "total-by-type" },
    ],
    nested: true,
  };
  return {
    key: "tools-and-powers",
    title: RETURN_TITLES["tools-and-powers"],
    period: result.period,
    scope: result.scope.label,
    notes: [
      "Powers are counted by kind and issuing organisation, whenever they were issued: a breach in this period of a power issued earlier counts here.",
      "Issued: issue date in the period. Breaches: breaches dated in the period (a power breached twice counts two breaches, and one power breached). Breach outcomes split the breaches by the action taken.",
      "Appealed, discharged and withdrawn: the change of status is dated in the period. Expired: the expiry date falls in the period (counted from the expiry date even before the power was marked expired).",
      "Every power in scope is counted, including those on restricted cases; the records behind a figure list only those you may see.",
    ],
    tables: [byOrganisation, byType],
  };
}
