import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OrganisationKind } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, isPanelMember } from "@/lib/auth/permissions";
import { visibleCaseIdsSql } from "@/lib/cases/access-sql";
import { audit, auditRefusal } from "@/lib/audit/data";
import { NotFoundError } from "@/lib/errors";
import { formatDate, londonToday } from "@/lib/format/dates";
import { COUNT_CAP, pageOf, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { EXPIRING_STATUSES } from "@/lib/powers/lifecycle";
import { visiblePowerCondition } from "@/lib/powers/access-sql";
import { asOfInstant, type ReturnPeriod } from "./period";
import {
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  organisationKindsOfType,
  organisationTypeOf,
  plural,
  pluralName,
  RETURN_TITLES,
  type Figure,
  type FigureFilter,
  type OrganisationType,
  type ReturnKey,
  type ReturnReport,
  type ReturnRow,
  type ReturnTable,
} from "./tables";

// The statutory and partnership returns (issue 5 item 4, issue 6 item 6).
//
// WHO: `return:read`. Managers (`return:read-partnership`) get the whole partnership's figures;
// everyone else with return:read gets their own organisation's. The MARAC data return belongs to
// the MARAC panel: only MARAC panel members with return:read see it (anyone else: not found).
// Everything else answers NotFoundError, like a page that does not exist.
//
// WHAT IS COUNTED: every record in scope, restricted MARAC cases included, because a return must be
// complete. The figures are SQL aggregates (GROUP BY over the period's events), never rows loaded
// and counted here. Each figure is a count of "events" of one measure; the drill-down behind a
// figure selects the same events (the same SQL), keeps those the viewer may see
// (lib/powers/access, lib/cases/access, in SQL: visibleEventPower and visibleCaseCondition
// below, on lib/cases/access-sql) and says how many it holds back.
//
// Definitions (also in the README "Returns" section and on each return's page):
// Tools and powers, grouped by the power's kind and issuing organisation (whenever it was issued):
//   issued              powers whose issue date falls in the period;
//   breaches            breaches dated in the period (a power breached twice counts 2);
//   powers breached     distinct powers with at least one breach dated in the period;
//   breach outcomes     the breaches in the period by the action taken (FPN, prosecution, warning, none);
//   appealed            powers with a change to "under appeal" dated in the period;
//   discharged/expired  powers discharged in the period, plus powers that expired in it. A power
//                       expires on its expiry date, as lib/powers effectiveStatus shows it, whether
//                       or not the expiry job has run yet (the job's history row is dated when it
//                       ran, so the earlier of that and the expiry date is used);
//   withdrawn           powers withdrawn in the period.
// Community Trigger, grouped by the case's lead organisation:
//   applications received   application date in the period;
//   threshold not met       of those, the applications whose computed threshold was not met;
//   case reviews carried out  reviews recorded as carried out, dated in the period;
//   with recommendations    of those, the reviews that made recommendations.
// CCM activity, per CCM meeting held in the period (cancelled meetings left out):
//   cases heard         agenda items marked reviewed or with a discussion or decision recorded;
//   actions agreed      actions recorded against the meeting;
//   completed           of those, done before the "as at" moment;
//   overdue             of those, not cancelled, not done by the "as at" moment, and due before
//                       that day. "As at" is the end of the period or now, whichever is earlier.

const RETURN_ENTITY = "Return";

export type ReturnScope = { partnership: true; label: string } | { partnership: false; organisationId: string; label: string };

/** Whose figures the actor sees; NotFoundError when they may see no return at all. */
export function returnScopeOf(actor: Actor): ReturnScope {
  // Pages reach this after requirePermission("return:read"), which audits a refusal.
  if (!can(actor, "return:read")) throw new NotFoundError("return");
  return can(actor, "return:read-partnership")
    ? { partnership: true, label: "Whole partnership" }
    : { partnership: false, organisationId: actor.organisationId, label: actor.organisationName };
}

/** The returns the actor may open, in the order the index lists them. */
export function availableReturns(actor: Actor): ReturnKey[] {
  if (!can(actor, "return:read")) return [];
  const keys: ReturnKey[] = ["tools-and-powers", "community-trigger", "ccm-activity"];
  if (isPanelMember(actor, "MARAC")) keys.push("marac");
  return keys;
}

export function assertMayRead(actor: Actor, key: ReturnKey): ReturnScope {
  const scope = returnScopeOf(actor);
  if (!availableReturns(actor).includes(key)) throw new NotFoundError("return");
  return scope;
}

/** A return that exists but is not the actor's (the MARAC return to a non-member): refusal audited, then not found. */
async function refuseUnlessAvailable(actor: Actor, key: ReturnKey): Promise<void> {
  if (can(actor, "return:read") && !availableReturns(actor).includes(key)) {
    await auditRefusal(actor, RETURN_ENTITY, key);
    throw new NotFoundError("return");
  }
}

export const uuid = (id: string) => Prisma.sql`${id}::uuid`;

// ───────────────────────────── Tools and powers ─────────────────────────────

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

const POWER_MEASURE_HEADERS: Record<PowerMeasure, string> = {
  issued: "Issued",
  breaches: "Breaches",
  "powers-breached": "Powers breached",
  appealed: "Appealed",
  "discharged-expired": "Discharged or expired",
  withdrawn: "Withdrawn",
  "breaches-fpn": "Breaches: FPN",
  "breaches-prosecution": "Breaches: prosecution",
  "breaches-warning": "Breaches: warning",
  "breaches-none": "Breaches: no action",
};

const BREACH_OUTCOME_WORDS: Record<string, string> = {
  "breaches-fpn": "dealt with by fixed penalty notice",
  "breaches-prosecution": "prosecuted",
  "breaches-warning": "dealt with by warning",
  "breaches-none": "with no action taken",
};

type PowerCounts = Record<PowerMeasure, number>;

const EXPIRING = Prisma.join(EXPIRING_STATUSES.map((s) => Prisma.sql`${s}::"PowerStatus"`));

/**
 * Every event the tools and powers return counts, one row each:
 * (power_id, kind_id, org_id, measure, at, detail, case_id, officer_id). `measure` is issued |
 * breach | appealed | discharged | expired | withdrawn; `detail` is the breach's action taken.
 * case_id and officer_id are the power's, for the drill-downs' visibility rule (visibleEventPower).
 */
function powerEventsSql(period: ReturnPeriod, now: Date, scope: ReturnScope): Prisma.Sql {
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
function powerMeasureCondition(measure: PowerMeasure): Prisma.Sql {
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
 * Benchmarked (issue 5 item 6): keep this name and signature stable.
 */
export async function computeToolsAndPowersReturn(actor: Actor, period: ReturnPeriod, now: Date = new Date()): Promise<ToolsAndPowersReturn> {
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

function powerFigureName(measure: PowerMeasure, n: number, kindName: string | null, byWhom: string): string {
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
  return POWER_MEASURES.map((measure) => ({ value: counts[measure], measure, filter, name: powerFigureName(measure, counts[measure], kindName, byWhom) }));
}

const TYPE_WORDS: Record<OrganisationType, string> = {
  police: "police forces",
  "local-authority": "local authorities",
  "housing-provider": "housing providers",
  other: "other organisations",
};

export function toolsAndPowersReport(result: ToolsAndPowersReturn): ReturnReport {
  const everyone = result.scope.partnership ? "every organisation" : result.scope.label;
  const totalRow: ReturnRow = { key: "total", labels: ["Total", "All kinds"], figures: powerFigures(result.total, {}, null, everyone), total: true };
  const figureHeaders = POWER_MEASURES.map((m) => POWER_MEASURE_HEADERS[m]);
  const byOrganisation: ReturnTable = {
    id: "by-organisation",
    caption: "By issuing organisation",
    labelHeaders: ["Issuing organisation", "Power"],
    figureHeaders,
    rows: [
      ...result.byOrganisation.map((g) => ({
        key: `${g.organisation.id}:${g.kind.id}`,
        labels: [g.organisation.name, g.kind.name],
        figures: powerFigures(g.counts, { org: g.organisation.id, kind: g.kind.id }, g.kind.name, g.organisation.name),
      })),
      totalRow,
    ],
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
        figures: powerFigures(g.counts, { orgType: g.type, kind: g.kind.id }, g.kind.name, TYPE_WORDS[g.type]),
      })),
      { ...totalRow, key: "total-by-type" },
    ],
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

// ───────────────────────────── Community Trigger ─────────────────────────────

export const TRIGGER_MEASURES = ["received", "threshold-not-met", "reviews", "reviews-recommendations"] as const;
export type TriggerMeasure = (typeof TRIGGER_MEASURES)[number];

const TRIGGER_HEADERS: Record<TriggerMeasure, string> = {
  received: "Applications received",
  "threshold-not-met": "Threshold not met",
  reviews: "Case reviews carried out",
  "reviews-recommendations": "Reviews resulting in recommendations",
};

/** (case_id, org_id, measure, at) for every Community Trigger event in the period. */
function triggerEventsSql(period: ReturnPeriod, scope: ReturnScope): Prisma.Sql {
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
  const organisations = await db.organisation.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.org_id))] } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
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

function triggerFigureName(measure: TriggerMeasure, n: number, who: string): string {
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
    TRIGGER_MEASURES.map((measure) => ({ value: counts[measure], measure, filter, name: triggerFigureName(measure, counts[measure], who) }));
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
          ...result.byOrganisation.map((g) => ({ key: g.organisation.id, labels: [g.organisation.name], figures: figures(g.counts, { org: g.organisation.id }, g.organisation.name) })),
          { key: "total", labels: ["Total"], figures: figures(result.total, {}, result.scope.partnership ? "the partnership" : result.scope.label), total: true },
        ],
      },
    ],
  };
}

// ───────────────────────────── CCM activity ─────────────────────────────

export const CCM_MEASURES = ["cases-heard", "actions-agreed", "actions-completed", "actions-overdue"] as const;
export type CcmMeasure = (typeof CCM_MEASURES)[number];

const CCM_HEADERS: Record<CcmMeasure, string> = {
  "cases-heard": "Cases heard",
  "actions-agreed": "Actions agreed",
  "actions-completed": "Actions completed",
  "actions-overdue": "Actions overdue",
};

export const HEARD = Prisma.sql`(a."reviewedAt" IS NOT NULL OR a.decision IS NOT NULL OR a."discussionSummary" IS NOT NULL)`;

/** The panel's meetings held in the period (cancelled ones left out). */
export function meetingsSql(panel: "CCM" | "MARAC", period: ReturnPeriod): Prisma.Sql {
  return Prisma.sql`SELECT m.id, m.reference, m."startsAt" FROM "Meeting" m
    WHERE m.panel = ${panel}::"Panel" AND m.status <> 'CANCELLED' AND m."startsAt" >= ${period.start} AND m."startsAt" < ${period.end}`;
}

/**
 * (record_id, case_id, meeting_id, measure, at) for every CCM event: a case heard (record = the
 * agenda item) or an action agreed (record = the action) and whether it was completed or overdue
 * at `asOf`.
 */
function ccmEventsSql(period: ReturnPeriod, scope: ReturnScope, asOf: Date): Prisma.Sql {
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
    db.$queryRaw<{ id: string; reference: string; startsAt: Date }[]>`SELECT * FROM (${meetingsSql("CCM", period)}) mt ORDER BY mt."startsAt", mt.reference`,
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

function ccmFigureName(measure: CcmMeasure, n: number, at: string): string {
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
  const who = result.scope.partnership ? "" : ` Counted for ${result.scope.label}: cases it leads or that are shared with it, and actions assigned to it.`;
  return {
    key: "ccm-activity",
    title: RETURN_TITLES["ccm-activity"],
    period: result.period,
    scope: result.scope.label,
    notes: [
      `Completed and overdue are judged as at ${asAt} (the end of the period or today, whichever is earlier).${who}`,
      "Per CCM meeting held in the period (cancelled meetings are left out). Cases heard: cases on the agenda marked reviewed or with a discussion or decision recorded.",
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
            figures: figures(g.counts, { meeting: g.meeting.id }, `the CCM meeting ${g.meeting.reference} on ${formatDate(g.meeting.startsAt)}`),
          })),
          { key: "total", labels: ["Total", ""], figures: figures(result.total, {}, "CCM meetings in the period"), total: true },
        ],
      },
    ],
  };
}

// ───────────────────────────── MARAC data return ─────────────────────────────

export const MARAC_MEASURES = [
  "cases-discussed",
  "repeat-cases",
  "children",
  "victims-racially-minoritised",
  "victims-lgbt",
  "victims-disability",
  "victims-male",
  "victims-aged-16-17",
  "perpetrators-17-or-under",
] as const;
export type MaracMeasure = (typeof MARAC_MEASURES)[number];

const MARAC_HEADERS: Record<MaracMeasure, string> = {
  "cases-discussed": "Cases discussed",
  "repeat-cases": "Repeat cases",
  children: "Children in the households",
  "victims-racially-minoritised": "Victims: Black, Asian or racially minoritised",
  "victims-lgbt": "Victims: LGBT+",
  "victims-disability": "Victims: disability",
  "victims-male": "Victims: male",
  "victims-aged-16-17": "Victims: aged 16–17",
  "perpetrators-17-or-under": "Perpetrators aged 17 or under",
};

/** Age in whole years on the London calendar day of `at`. */
const ageAt = (dob: Prisma.Sql, at: Prisma.Sql) => Prisma.sql`date_part('year', age((${at} AT TIME ZONE 'Europe/London')::date, ${dob}))`;

/**
 * (record_id, case_id, meeting_id, agency_id, measure, weight) for the MARAC data return: one row
 * per case discussed at a MARAC meeting held in the period, and per profile measure it meets.
 * The referral behind a case discussed is the agenda item's, or else the case's latest MARAC
 * referral made before the meeting. `weight` is 1, except for children (the number recorded).
 */
function maracEventsSql(period: ReturnPeriod): Prisma.Sql {
  const victimAge = ageAt(Prisma.sql`v."dateOfBirth"`, Prisma.sql`r."referredAt"`);
  const perpetratorAge = ageAt(Prisma.sql`pp."dateOfBirth"`, Prisma.sql`r."referredAt"`);
  return Prisma.sql`
    WITH mt AS (${meetingsSql("MARAC", period)}),
    heard AS (
      SELECT a.id AS record_id, a."caseId" AS case_id, mt.id AS meeting_id, r.id AS referral_id
      FROM "AgendaItem" a JOIN mt ON mt.id = a."meetingId"
      LEFT JOIN LATERAL (
        SELECT rr.id FROM "Referral" rr
        WHERE (a."referralId" IS NOT NULL AND rr.id = a."referralId")
           OR (a."referralId" IS NULL AND rr."caseId" = a."caseId" AND rr.panel = 'MARAC' AND rr."referredAt" <= mt."startsAt")
        ORDER BY rr."referredAt" DESC LIMIT 1
      ) r ON true
      WHERE ${HEARD}
    )
    SELECT h.record_id, h.case_id, h.meeting_id, r."referringOrganisationId" AS agency_id, m.measure,
      CASE WHEN m.measure = 'children' THEN COALESCE(r."childrenInHousehold", 0) ELSE 1 END AS weight
    FROM heard h
    LEFT JOIN "Referral" r ON r.id = h.referral_id
    LEFT JOIN "Person" v ON v.id = r."victimPersonId"
    LEFT JOIN "Person" pp ON pp.id = r."perpetratorPersonId"
    CROSS JOIN (VALUES ('cases-discussed'), ('repeat-cases'), ('children'), ('victims-racially-minoritised'), ('victims-lgbt'),
      ('victims-disability'), ('victims-male'), ('victims-aged-16-17'), ('perpetrators-17-or-under')) AS m(measure)
    WHERE CASE m.measure
      WHEN 'cases-discussed' THEN true
      WHEN 'repeat-cases' THEN COALESCE(r."isRepeat", false)
      WHEN 'children' THEN COALESCE(r."childrenInHousehold", 0) > 0
      WHEN 'victims-racially-minoritised' THEN COALESCE(v."isRaciallyMinoritised", false)
      WHEN 'victims-lgbt' THEN COALESCE(v."isLgbt", false)
      WHEN 'victims-disability' THEN COALESCE(v."hasDisability", false)
      WHEN 'victims-male' THEN COALESCE(v.gender = 'MALE', false)
      WHEN 'victims-aged-16-17' THEN COALESCE(${victimAge} BETWEEN 16 AND 17, false)
      ELSE COALESCE(${perpetratorAge} <= 17, false)
    END`;
}

export type MaracReturn = {
  period: ReturnPeriod;
  meetings: { meeting: { id: string; reference: string; startsAt: Date }; counts: Record<MaracMeasure, number> }[];
  total: Record<MaracMeasure, number>;
  byAgency: { meeting: { id: string; reference: string; startsAt: Date } | null; agency: { id: string; name: string }; referrals: number }[];
};

/** The MARAC data return (SafeLives dataset), per MARAC meeting held in the period. MARAC panel members only. */
export async function computeMaracReturn(actor: Actor, period: ReturnPeriod): Promise<MaracReturn> {
  assertMayRead(actor, "marac");
  const [meetings, rows, agencyRows] = await Promise.all([
    db.$queryRaw<{ id: string; reference: string; startsAt: Date }[]>`SELECT * FROM (${meetingsSql("MARAC", period)}) mt ORDER BY mt."startsAt", mt.reference`,
    db.$queryRaw<{ meeting_id: string; measure: MaracMeasure; n: number }[]>`
      SELECT e.meeting_id, e.measure, sum(e.weight)::int AS n FROM (${maracEventsSql(period)}) e GROUP BY e.meeting_id, e.measure`,
    db.$queryRaw<{ meeting_id: string; agency_id: string; n: number }[]>`
      SELECT e.meeting_id, e.agency_id, count(*)::int AS n FROM (${maracEventsSql(period)}) e
      WHERE e.measure = 'cases-discussed' AND e.agency_id IS NOT NULL GROUP BY e.meeting_id, e.agency_id`,
  ]);
  const agencies = await db.organisation.findMany({ where: { id: { in: [...new Set(agencyRows.map((r) => r.agency_id))] } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const zero = () => Object.fromEntries(MARAC_MEASURES.map((m) => [m, 0])) as Record<MaracMeasure, number>;
  const total = zero();
  const meetingRows = meetings.map((meeting) => {
    const counts = zero();
    for (const r of rows) if (r.meeting_id === meeting.id) counts[r.measure] = r.n;
    MARAC_MEASURES.forEach((m) => (total[m] += counts[m]));
    return { meeting, counts };
  });
  const byAgency: MaracReturn["byAgency"] = [];
  for (const meeting of meetings) {
    for (const agency of agencies) {
      const n = agencyRows.find((r) => r.meeting_id === meeting.id && r.agency_id === agency.id)?.n ?? 0;
      if (n > 0) byAgency.push({ meeting, agency, referrals: n });
    }
  }
  for (const agency of agencies) byAgency.push({ meeting: null, agency, referrals: agencyRows.filter((r) => r.agency_id === agency.id).reduce((sum, r) => sum + r.n, 0) });
  return { period, meetings: meetingRows, total, byAgency };
}

function maracFigureName(measure: MaracMeasure, n: number, at: string): string {
  switch (measure) {
    case "cases-discussed":
      return `${n} ${plural(n, "case")} discussed at ${at}`;
    case "repeat-cases":
      return `${n} repeat ${plural(n, "case")} discussed at ${at}`;
    case "children":
      return `${n} ${plural(n, "child", "children")} in the households of cases discussed at ${at}`;
    case "victims-racially-minoritised":
      return `${n} Black, Asian or racially minoritised ${plural(n, "victim")} in cases discussed at ${at}`;
    case "victims-lgbt":
      return `${n} LGBT+ ${plural(n, "victim")} in cases discussed at ${at}`;
    case "victims-disability":
      return `${n} ${plural(n, "victim")} with a disability in cases discussed at ${at}`;
    case "victims-male":
      return `${n} male ${plural(n, "victim")} in cases discussed at ${at}`;
    case "victims-aged-16-17":
      return `${n} ${plural(n, "victim")} aged 16 or 17 in cases discussed at ${at}`;
    case "perpetrators-17-or-under":
      return `${n} ${plural(n, "perpetrator")} aged 17 or under in cases discussed at ${at}`;
  }
}

const maracMeetingWords = (m: { reference: string; startsAt: Date }) => `the MARAC meeting ${m.reference} on ${formatDate(m.startsAt)}`;

export function maracReport(result: MaracReturn): ReturnReport {
  const figures = (counts: Record<MaracMeasure, number>, filter: FigureFilter, at: string): Figure[] =>
    MARAC_MEASURES.map((measure) => ({ value: counts[measure], measure, filter, name: maracFigureName(measure, counts[measure], at) }));
  return {
    key: "marac",
    title: RETURN_TITLES.marac,
    period: result.period,
    scope: "MARAC panel",
    notes: [
      "Counted per MARAC meeting held in the period, as the SafeLives dataset is: a case discussed at two meetings counts at each.",
      "Cases discussed: cases on the agenda marked reviewed or with a discussion or decision recorded. Repeat cases, children, the referring agency and the victim's and perpetrator's details come from the referral that brought the case (or its latest MARAC referral before the meeting).",
      "Ages are at the date of the referral. Children in the households is the number recorded on each referral, added up.",
    ],
    tables: [
      {
        id: "marac-meetings",
        caption: "MARAC meetings",
        labelHeaders: ["Meeting", "Date"],
        figureHeaders: MARAC_MEASURES.map((m) => MARAC_HEADERS[m]),
        rows: [
          ...result.meetings.map((g) => ({ key: g.meeting.id, labels: [g.meeting.reference, formatDate(g.meeting.startsAt)], figures: figures(g.counts, { meeting: g.meeting.id }, maracMeetingWords(g.meeting)) })),
          { key: "total", labels: ["Total", ""], figures: figures(result.total, {}, "MARAC meetings in the period"), total: true },
        ],
      },
      {
        id: "marac-referring-agencies",
        caption: "Cases discussed by referring agency",
        labelHeaders: ["Meeting", "Date", "Referring agency"],
        figureHeaders: ["Cases discussed"],
        rows: result.byAgency.map((g) => {
          const at = g.meeting ? maracMeetingWords(g.meeting) : "MARAC meetings in the period";
          return {
            key: `${g.meeting?.id ?? "all"}:${g.agency.id}`,
            labels: g.meeting ? [g.meeting.reference, formatDate(g.meeting.startsAt), g.agency.name] : ["All meetings", "", g.agency.name],
            figures: [{ value: g.referrals, measure: "cases-discussed", filter: { ...(g.meeting ? { meeting: g.meeting.id } : {}), agency: g.agency.id }, name: `${g.referrals} ${plural(g.referrals, "case")} referred by ${g.agency.name} discussed at ${at}` }],
            total: g.meeting === null,
          };
        }),
      },
    ],
  };
}

async function maracRecords(actor: Actor, request: FigureRequest, filter: FigureFilter, query: PageQuery) {
  if (!(MARAC_MEASURES as readonly string[]).includes(request.measure)) throw new NotFoundError("figure");
  const measure = request.measure as MaracMeasure;
  const conditions: Prisma.Sql[] = [Prisma.sql`e.measure = ${measure}`];
  if (filter.meeting) conditions.push(Prisma.sql`e.meeting_id = ${uuid(filter.meeting)}`);
  if (filter.agency) conditions.push(Prisma.sql`e.agency_id = ${uuid(filter.agency)}`);
  const events = Prisma.sql`SELECT e.* FROM (${maracEventsSql(request.period)}) e WHERE ${Prisma.join(conditions, " AND ")}`;
  const visible = visibleCaseCondition(actor);
  const [counts, [sum], rows, meeting, agency] = await Promise.all([
    countEvents(events, visible),
    db.$queryRaw<{ n: number }[]>`SELECT COALESCE(sum(f.weight), 0)::int AS n FROM (${events}) f`,
    db.$queryRaw<{ record_id: string; case_id: string; reference: string; title: string; agency: string | null; meeting: string; starts: Date; weight: number }[]>`
      SELECT f.record_id, f.case_id, c.reference, c.title, o."shortName" AS agency, m.reference AS meeting, m."startsAt" AS starts, f.weight
      FROM (${events}) f JOIN "Case" c ON c.id = f.case_id JOIN "Meeting" m ON m.id = f.meeting_id LEFT JOIN "Organisation" o ON o.id = f.agency_id
      WHERE ${visible} ORDER BY m."startsAt" DESC, c.reference LIMIT ${query.pageSize} OFFSET ${query.skip}`,
    filter.meeting ? db.meeting.findFirst({ where: { id: filter.meeting, panel: "MARAC" }, select: { reference: true, startsAt: true } }) : null,
    filter.agency ? db.organisation.findUnique({ where: { id: filter.agency }, select: { name: true } }) : null,
  ]);
  const at = meeting ? maracMeetingWords(meeting) : "MARAC meetings in the period";
  const figure = sum?.n ?? 0;
  return {
    total: counts.total,
    heldBack: counts.total - counts.visible,
    nameParts: { name: () => (agency ? `${figure} ${plural(figure, "case")} referred by ${agency.name} discussed at ${at}` : maracFigureName(measure, figure, at)) },
    page: pageOf(
      rows.map((r) => ({
        key: r.record_id,
        reference: r.reference,
        href: `/cases/${r.case_id}`,
        record: r.title,
        organisation: r.agency ?? "Referral not found",
        date: r.starts,
        detail: measure === "children" ? `${r.weight} ${plural(r.weight, "child", "children")}; discussed at ${r.meeting}` : `Discussed at ${r.meeting}`,
      })),
      Math.min(counts.visible, COUNT_CAP + 1),
      query,
    ),
  };
}

// ───────────────────────────── Previews and drill-downs ─────────────────────────────

/** A return as the actor may see it, for the preview and the exports (audited as a view or an export). */
export async function buildReturnReport(actor: Actor, key: ReturnKey, period: ReturnPeriod, options: { now?: Date; auditAs?: "VIEW" | "EXPORT"; format?: string } = {}): Promise<ReturnReport> {
  await refuseUnlessAvailable(actor, key);
  const now = options.now ?? new Date();
  let report: ReturnReport;
  switch (key) {
    case "tools-and-powers":
      report = toolsAndPowersReport(await computeToolsAndPowersReturn(actor, period, now));
      break;
    case "community-trigger":
      report = communityTriggerReport(await computeCommunityTriggerReturn(actor, period));
      break;
    case "ccm-activity":
      report = ccmActivityReport(await computeCcmActivityReturn(actor, period, now));
      break;
    case "marac":
      report = maracReport(await computeMaracReturn(actor, period));
      break;
  }
  await audit({
    action: options.auditAs ?? "VIEW",
    userId: actor.userId,
    organisationId: actor.organisationId,
    entityType: RETURN_ENTITY,
    entityId: `${key}:${period.key}`,
    detail: { return: key, period: period.key, scope: report.scope, ...(options.format ? { format: options.format } : {}) },
  });
  return report;
}

export type DrillRow = {
  key: string;
  reference: string;
  href: string;
  record: string;
  organisation: string;
  date: Date | null;
  detail: string;
};

export type FigureRecords = {
  /** The figure in words: "3 Community Protection Notices issued by Kingsmere Police". */
  name: string;
  total: number;
  /** Records counted in the figure that the actor may not see. */
  heldBack: number;
  page: Page<DrillRow>;
};

export type FigureRequest = { key: ReturnKey; period: ReturnPeriod; measure: string; filter: FigureFilter; page: number; pageSize?: number };

const DRILL_PAGE_SIZE = 25;

/** The records behind one figure that the actor may see, a page at a time, and how many are held back. Audited. */
export async function listFigureRecords(actor: Actor, request: FigureRequest, now: Date = new Date()): Promise<FigureRecords> {
  await refuseUnlessAvailable(actor, request.key);
  const scope = assertMayRead(actor, request.key);
  const filter = cleanFilter(request.filter);
  const pageSize = request.pageSize ?? DRILL_PAGE_SIZE;
  const page = Math.max(1, Math.min(request.page, 1000));
  const query = { page, pageSize, skip: (page - 1) * pageSize };
  let result: Omit<FigureRecords, "name"> & { nameParts: NameParts };
  switch (request.key) {
    case "tools-and-powers":
      result = await powerRecords(actor, scope, request, filter, query, now);
      break;
    case "community-trigger":
      result = await triggerRecords(actor, scope, request, filter, query);
      break;
    case "ccm-activity":
      result = await ccmRecords(actor, scope, request, filter, query, now);
      break;
    case "marac":
      result = await maracRecords(actor, request, filter, query);
      break;
  }
  await audit({
    action: "VIEW",
    userId: actor.userId,
    organisationId: actor.organisationId,
    entityType: RETURN_ENTITY,
    entityId: `${request.key}:${request.period.key}`,
    detail: { return: request.key, period: request.period.key, measure: request.measure, filter, shown: result.page.rows.length, heldBack: result.heldBack },
  });
  return { name: result.nameParts.name(result.total), total: result.total, heldBack: result.heldBack, page: result.page };
}

export type NameParts = { name: (n: number) => string };
export type PageQuery = { page: number; pageSize: number; skip: number };

/** Only well-formed filters reach SQL; anything else names no records. */
function cleanFilter(filter: FigureFilter): FigureFilter {
  const out: FigureFilter = {};
  for (const k of ["kind", "org", "meeting"] as const) {
    const v = filter[k];
    if (v !== undefined) {
      if (!isUuid(v)) throw new NotFoundError("figure");
      out[k] = v;
    }
  }
  if (filter.agency !== undefined) {
    if (!isUuid(filter.agency)) throw new NotFoundError("figure");
    out.agency = filter.agency;
  }
  if (filter.orgType !== undefined) {
    if (!(ORGANISATION_TYPES as readonly string[]).includes(filter.orgType)) throw new NotFoundError("figure");
    out.orgType = filter.orgType;
  }
  return out;
}

const orgTypeCondition = (column: Prisma.Sql, type: OrganisationType) =>
  Prisma.sql`${column} IN (SELECT o.id FROM "Organisation" o WHERE o.kind::text IN (${Prisma.join(organisationKindsOfType(type))}))`;

async function nameOf(model: "kind" | "org", id: string | undefined): Promise<string | null> {
  if (!id) return null;
  const row = model === "kind" ? await db.powerKind.findUnique({ where: { id }, select: { name: true } }) : await db.organisation.findUnique({ where: { id }, select: { name: true } });
  return row?.name ?? null;
}

// Which of a figure's records the actor may see, as conditions on the drill-down's row `f`: the
// rules of lib/powers/access.ts (visiblePowersWhere) and lib/cases/access.ts (visibleCasesWhere,
// visibleActionsWhere) in SQL, clause for clause. tests/integration/returns-visibility-parity.test.ts
// holds every drill-down to the Prisma rules' answer, for every kind of actor. Change one, change
// the other.

/**
 * visiblePowersWhere on the event's power (lib/powers/access-sql.ts), from the power's own columns
 * carried on the event: issued by the actor's organisation (on a restricted case, only by the
 * actor), or used in a case they may see.
 */
function visibleEventPower(actor: Actor): Prisma.Sql {
  return visiblePowerCondition(actor, EVENT_POWER_COLUMNS, Prisma.sql`(${visibleCaseIdsSql(actor)}) vc`);
}

const EVENT_POWER_COLUMNS = { organisation: Prisma.raw("f.org_id"), officer: Prisma.raw("f.officer_id"), case: Prisma.raw("f.case_id") };

/** visibleCasesWhere on `f.case_id`: the Community Trigger, the CCM and MARAC agenda items, and the actions (visibleActionsWhere) are seen with their case. */
function visibleCaseCondition(actor: Actor): Prisma.Sql {
  return Prisma.sql`f.case_id IN (SELECT id FROM (${visibleCaseIdsSql(actor)}) vc)`;
}

/** Counts of the events behind a figure, and of those the actor may see. */
export async function countEvents(events: Prisma.Sql, visible: Prisma.Sql): Promise<{ total: number; visible: number }> {
  const [row] = await db.$queryRaw<{ total: number; visible: number }[]>`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE ${visible})::int AS visible FROM (${events}) f`;
  return { total: row?.total ?? 0, visible: row?.visible ?? 0 };
}

async function powerRecords(actor: Actor, scope: ReturnScope, request: FigureRequest, filter: FigureFilter, query: PageQuery, now: Date) {
  if (!(POWER_MEASURES as readonly string[]).includes(request.measure)) throw new NotFoundError("figure");
  const measure = request.measure as PowerMeasure;
  const conditions: Prisma.Sql[] = [powerMeasureCondition(measure)];
  if (filter.kind) conditions.push(Prisma.sql`e.kind_id = ${uuid(filter.kind)}`);
  if (filter.org) conditions.push(Prisma.sql`e.org_id = ${uuid(filter.org)}`);
  if (filter.orgType) conditions.push(orgTypeCondition(Prisma.sql`e.org_id`, filter.orgType));
  const where = Prisma.join(conditions, " AND ");
  const all = powerEventsSql(request.period, now, scope);
  // "Powers breached" lists each power once, at its latest breach in the period.
  const events =
    measure === "powers-breached"
      ? Prisma.sql`SELECT DISTINCT ON (e.power_id) e.* FROM (${all}) e WHERE ${where} ORDER BY e.power_id, e.at DESC`
      : Prisma.sql`SELECT e.* FROM (${all}) e WHERE ${where}`;
  const visible = visibleEventPower(actor);
  const [counts, rows, kindName, orgName] = await Promise.all([
    countEvents(events, visible),
    db.$queryRaw<{ power_id: string; at: Date; measure: string; detail: string | null; reference: string; kind: string; first: string | null; last: string | null; business: string | null; org: string }[]>`
      SELECT f.power_id, f.at, f.measure, f.detail, p.reference, k.name AS kind, sp."firstName" AS first, sp."lastName" AS last, p."subjectBusinessName" AS business, o."shortName" AS org
      FROM (${events}) f JOIN "PowerUse" p ON p.id = f.power_id JOIN "PowerKind" k ON k.id = p."kindId" JOIN "Organisation" o ON o.id = p."issuingOrganisationId"
        LEFT JOIN "Person" sp ON sp.id = p."subjectPersonId"
      WHERE ${visible}
      ORDER BY f.at DESC, p.reference DESC
      LIMIT ${query.pageSize} OFFSET ${query.skip}`,
    nameOf("kind", filter.kind),
    nameOf("org", filter.org),
  ]);
  const byWhom = orgName ?? (filter.orgType ? TYPE_WORDS[filter.orgType] : scope.partnership ? "every organisation" : scope.label);
  const detailOf = (r: (typeof rows)[number]) => {
    if (r.measure === "breach") return `Breached: ${({ FPN: "fixed penalty notice", PROSECUTION: "prosecution", WARNING: "warning", NONE: "no action" } as Record<string, string>)[r.detail ?? ""] ?? "action not recorded"}`;
    return { issued: "Issued", appealed: "Appealed", discharged: "Discharged", expired: "Expired", withdrawn: "Withdrawn" }[r.measure] ?? r.measure;
  };
  return {
    total: counts.total,
    heldBack: counts.total - counts.visible,
    nameParts: { name: (n: number) => powerFigureName(measure, n, kindName, byWhom) },
    page: pageOf(
      rows.map((r, i) => ({
        key: `${r.power_id}:${i}`,
        reference: r.reference,
        href: `/powers/${r.power_id}`,
        record: `${r.kind}: ${r.first !== null ? `${r.first} ${r.last ?? ""}`.trim() : (r.business ?? "subject not recorded")}`,
        organisation: r.org,
        date: r.at,
        detail: detailOf(r),
      })),
      Math.min(counts.visible, COUNT_CAP + 1),
      query,
    ),
  };
}

async function triggerRecords(actor: Actor, scope: ReturnScope, request: FigureRequest, filter: FigureFilter, query: PageQuery) {
  if (!(TRIGGER_MEASURES as readonly string[]).includes(request.measure)) throw new NotFoundError("figure");
  const measure = request.measure as TriggerMeasure;
  const conditions: Prisma.Sql[] = [Prisma.sql`e.measure = ${measure}`];
  if (filter.org) conditions.push(Prisma.sql`e.org_id = ${uuid(filter.org)}`);
  const events = Prisma.sql`SELECT e.* FROM (${triggerEventsSql(request.period, scope)}) e WHERE ${Prisma.join(conditions, " AND ")}`;
  const visible = visibleCaseCondition(actor);
  const [counts, rows, orgName] = await Promise.all([
    countEvents(events, visible),
    db.$queryRaw<{ case_id: string; at: Date; reference: string; title: string; org: string; threshold: boolean; recommendations: string | null }[]>`
      SELECT f.case_id, f.at, c.reference, c.title, o."shortName" AS org, t."thresholdMet" AS threshold, t.recommendations
      FROM (${events}) f JOIN "Case" c ON c.id = f.case_id JOIN "CommunityTrigger" t ON t."caseId" = c.id JOIN "Organisation" o ON o.id = c."leadOrganisationId"
      WHERE ${visible}
      ORDER BY f.at DESC, c.reference DESC
      LIMIT ${query.pageSize} OFFSET ${query.skip}`,
    nameOf("org", filter.org),
  ]);
  const who = orgName ?? (scope.partnership ? "the partnership" : scope.label);
  return {
    total: counts.total,
    heldBack: counts.total - counts.visible,
    nameParts: { name: (n: number) => triggerFigureName(measure, n, who) },
    page: pageOf(
      rows.map((r) => ({
        key: r.case_id,
        reference: r.reference,
        href: `/cases/${r.case_id}/community-trigger`,
        record: r.title,
        organisation: r.org,
        date: r.at,
        detail: measure.startsWith("review") ? (r.recommendations?.trim() ? "Review made recommendations" : "Review carried out") : r.threshold ? "Threshold met" : "Threshold not met",
      })),
      Math.min(counts.visible, COUNT_CAP + 1),
      query,
    ),
  };
}

const ACTION_STATUS_WORDS: Record<string, string> = { OPEN: "Open", IN_PROGRESS: "In progress", DONE: "Done", CANCELLED: "Cancelled" };

async function ccmRecords(actor: Actor, scope: ReturnScope, request: FigureRequest, filter: FigureFilter, query: PageQuery, now: Date) {
  if (!(CCM_MEASURES as readonly string[]).includes(request.measure)) throw new NotFoundError("figure");
  const measure = request.measure as CcmMeasure;
  const asOf = asOfInstant(request.period, now);
  const conditions: Prisma.Sql[] = [Prisma.sql`e.measure = ${measure}`];
  if (filter.meeting) conditions.push(Prisma.sql`e.meeting_id = ${uuid(filter.meeting)}`);
  const events = Prisma.sql`SELECT e.* FROM (${ccmEventsSql(request.period, scope, asOf)}) e WHERE ${Prisma.join(conditions, " AND ")}`;
  const visible = visibleCaseCondition(actor);
  const meeting = filter.meeting ? await db.meeting.findFirst({ where: { id: filter.meeting, panel: "CCM" }, select: { reference: true, startsAt: true } }) : null;
  const at = meeting ? `the CCM meeting ${meeting.reference} on ${formatDate(meeting.startsAt)}` : "CCM meetings in the period";
  const counts = await countEvents(events, visible);
  const rows =
    measure === "cases-heard"
      ? (
          await db.$queryRaw<{ record_id: string; case_id: string; reference: string; title: string; org: string; meeting: string; starts: Date; decision: string | null }[]>`
            SELECT f.record_id, f.case_id, c.reference, c.title, o."shortName" AS org, m.reference AS meeting, m."startsAt" AS starts, a.decision
            FROM (${events}) f JOIN "AgendaItem" a ON a.id = f.record_id JOIN "Case" c ON c.id = f.case_id JOIN "Organisation" o ON o.id = c."leadOrganisationId" JOIN "Meeting" m ON m.id = f.meeting_id
            WHERE ${visible} ORDER BY m."startsAt" DESC, c.reference LIMIT ${query.pageSize} OFFSET ${query.skip}`
        ).map((r) => ({ key: r.record_id, reference: r.reference, href: `/cases/${r.case_id}`, record: r.title, organisation: r.org, date: r.starts, detail: `Heard at ${r.meeting}${r.decision ? `: ${r.decision}` : ""}` }))
      : (
          await db.$queryRaw<{ record_id: string; case_id: string; reference: string; title: string; org: string; due: Date; status: string }[]>`
            SELECT f.record_id, f.case_id, c.reference, x.title, o."shortName" AS org, x."dueDate" AS due, x.status::text AS status
            FROM (${events}) f JOIN "CaseAction" x ON x.id = f.record_id JOIN "Case" c ON c.id = f.case_id JOIN "Organisation" o ON o.id = x."assignedOrganisationId"
            WHERE ${visible} ORDER BY x."dueDate", x.id LIMIT ${query.pageSize} OFFSET ${query.skip}`
        ).map((r) => ({ key: r.record_id, reference: r.reference, href: `/cases/${r.case_id}/actions/${r.record_id}`, record: r.title, organisation: r.org, date: r.due, detail: `Due ${formatDate(r.due)}; now ${ACTION_STATUS_WORDS[r.status]?.toLowerCase() ?? r.status}` }));
  return {
    total: counts.total,
    heldBack: counts.total - counts.visible,
    nameParts: { name: (n: number) => ccmFigureName(measure, n, at) },
    page: pageOf(rows, Math.min(counts.visible, COUNT_CAP + 1), query),
  };
}

