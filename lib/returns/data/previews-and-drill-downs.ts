import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActionStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { audit } from "@/lib/audit/data";
import { ACTION_STATUS_LABELS } from "@/lib/case-actions/labels";
import { NotFoundError } from "@/lib/errors";
import { formatDate } from "@/lib/format/dates";
import { COUNT_CAP, pageOf, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { asOfInstant, type ReturnPeriod } from "@/lib/returns/period";
import { BREACH_ACTION_WORDS, ORGANISATION_TYPE_WORDS, POWER_EVENT_WORDS } from "@/lib/returns/labels";
import {
  organisationKindsOfType,
  ORGANISATION_TYPES,
  type FigureFilter,
  type OrganisationType,
  type ReturnKey,
  type ReturnReport,
} from "@/lib/returns/tables";
import { ccmActivityReport, ccmEventsSql, ccmFigureName, CCM_MEASURES, computeCcmActivityReturn, type CcmMeasure } from "./ccm-activity";
import {
  communityTriggerReport,
  computeCommunityTriggerReturn,
  triggerEventsSql,
  triggerFigureName,
  TRIGGER_MEASURES,
  type TriggerMeasure,
} from "./community-trigger";
import { computeMaracReturn, maracRecords, maracReport } from "./marac";
import {
  assertMayRead,
  countEvents,
  RETURN_ENTITY,
  refuseUnlessAvailable,
  uuid,
  visibleCaseCondition,
  visibleEventPower,
  type FigureRequest,
  type NameParts,
  type PageQuery,
  type ReturnScope,
} from "./shared";
import {
  computeToolsAndPowersReturn,
  powerEventsSql,
  powerFigureName,
  powerMeasureCondition,
  POWER_MEASURES,
  toolsAndPowersReport,
  type PowerMeasure,
} from "./tools-and-powers";

// A return as the actor may see it (the preview and the downloads), and the records behind each
// figure (the drill-downs), both audited.

/** A return as the actor may see it, for the preview and the exports (audited as a view or an export). */
export async function buildReturnReport(
  actor: Actor,
  key: ReturnKey,
  period: ReturnPeriod,
  options: { now?: Date; auditAs?: "VIEW" | "EXPORT"; format?: string } = {},
): Promise<ReturnReport> {
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
    detail: {
      return: request.key,
      period: request.period.key,
      measure: request.measure,
      filter,
      shown: result.page.rows.length,
      heldBack: result.heldBack,
    },
  });
  return { name: result.nameParts.name(result.total), total: result.total, heldBack: result.heldBack, page: result.page };
}

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
  const row =
    model === "kind"
      ? await db.powerKind.findUnique({ where: { id }, select: { name: true } })
      : await db.organisation.findUnique({ where: { id }, select: { name: true } });
  return row?.name ?? null;
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
    db.$queryRaw<
      {
        power_id: string;
        at: Date;
        measure: string;
        detail: string | null;
        reference: string;
        kind: string;
        first: string | null;
        last: string | null;
        business: string | null;
        org: string;
      }[]
    >`
      SELECT f.power_id, f.at, f.measure, f.detail, p.reference, k.name AS kind, sp."firstName" AS first, sp."lastName" AS last, p."subjectBusinessName" AS business, o."shortName" AS org
      FROM (${events}) f JOIN "PowerUse" p ON p.id = f.power_id JOIN "PowerKind" k ON k.id = p."kindId" JOIN "Organisation" o ON o.id = p."issuingOrganisationId"
        LEFT JOIN "Person" sp ON sp.id = p."subjectPersonId"
      WHERE ${visible}
      ORDER BY f.at DESC, p.reference DESC
      LIMIT ${query.pageSize} OFFSET ${query.skip}`,
    nameOf("kind", filter.kind),
    nameOf("org", filter.org),
  ]);
  const byWhom =
    orgName ?? (filter.orgType ? ORGANISATION_TYPE_WORDS[filter.orgType] : scope.partnership ? "every organisation" : scope.label);
  const detailOf = (r: (typeof rows)[number]) => {
    if (r.measure === "breach") return `Breached: ${BREACH_ACTION_WORDS[r.detail ?? ""] ?? "action not recorded"}`;
    return POWER_EVENT_WORDS[r.measure] ?? r.measure;
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
    db.$queryRaw<
      { case_id: string; at: Date; reference: string; title: string; org: string; threshold: boolean; recommendations: string | null }[]
    >`
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
        detail: measure.startsWith("review")
          ? r.recommendations?.trim()
            ? "Review made recommendations"
            : "Review carried out"
          : r.threshold
            ? "Threshold met"
            : "Threshold not met",
      })),
      Math.min(counts.visible, COUNT_CAP + 1),
      query,
    ),
  };
}

async function ccmRecords(actor: Actor, scope: ReturnScope, request: FigureRequest, filter: FigureFilter, query: PageQuery, now: Date) {
  if (!(CCM_MEASURES as readonly string[]).includes(request.measure)) throw new NotFoundError("figure");
  const measure = request.measure as CcmMeasure;
  const asOf = asOfInstant(request.period, now);
  const conditions: Prisma.Sql[] = [Prisma.sql`e.measure = ${measure}`];
  if (filter.meeting) conditions.push(Prisma.sql`e.meeting_id = ${uuid(filter.meeting)}`);
  const events = Prisma.sql`SELECT e.* FROM (${ccmEventsSql(request.period, scope, asOf)}) e WHERE ${Prisma.join(conditions, " AND ")}`;
  const visible = visibleCaseCondition(actor);
  const meeting = filter.meeting
    ? await db.meeting.findFirst({ where: { id: filter.meeting, panel: "CCM" }, select: { reference: true, startsAt: true } })
    : null;
  const at = meeting ? `the CCM meeting ${meeting.reference} on ${formatDate(meeting.startsAt)}` : "CCM meetings in the period";
  const counts = await countEvents(events, visible);
  const rows =
    measure === "cases-heard"
      ? (
          await db.$queryRaw<
            {
              record_id: string;
              case_id: string;
              reference: string;
              title: string;
              org: string;
              meeting: string;
              starts: Date;
              decision: string | null;
            }[]
          >`
            SELECT f.record_id, f.case_id, c.reference, c.title, o."shortName" AS org, m.reference AS meeting, m."startsAt" AS starts, a.decision
            FROM (${events}) f JOIN "AgendaItem" a ON a.id = f.record_id JOIN "Case" c ON c.id = f.case_id JOIN "Organisation" o ON o.id = c."leadOrganisationId" JOIN "Meeting" m ON m.id = f.meeting_id
            WHERE ${visible} ORDER BY m."startsAt" DESC, c.reference LIMIT ${query.pageSize} OFFSET ${query.skip}`
        ).map((r) => ({
          key: r.record_id,
          reference: r.reference,
          href: `/cases/${r.case_id}`,
          record: r.title,
          organisation: r.org,
          date: r.starts,
          detail: `Heard at ${r.meeting}${r.decision ? `: ${r.decision}` : ""}`,
        }))
      : (
          await db.$queryRaw<
            { record_id: string; case_id: string; reference: string; title: string; org: string; due: Date; status: string }[]
          >`
            SELECT f.record_id, f.case_id, c.reference, x.title, o."shortName" AS org, x."dueDate" AS due, x.status::text AS status
            FROM (${events}) f JOIN "CaseAction" x ON x.id = f.record_id JOIN "Case" c ON c.id = f.case_id JOIN "Organisation" o ON o.id = x."assignedOrganisationId"
            WHERE ${visible} ORDER BY x."dueDate", x.id LIMIT ${query.pageSize} OFFSET ${query.skip}`
        ).map((r) => ({
          key: r.record_id,
          reference: r.reference,
          href: `/cases/${r.case_id}/actions/${r.record_id}`,
          record: r.title,
          organisation: r.org,
          date: r.due,
          detail: `Due ${formatDate(r.due)}; now ${ACTION_STATUS_LABELS[r.status as ActionStatus]?.toLowerCase() ?? r.status}`,
        }));
  return {
    total: counts.total,
    heldBack: counts.total - counts.visible,
    nameParts: { name: (n: number) => ccmFigureName(measure, n, at) },
    page: pageOf(rows, Math.min(counts.visible, COUNT_CAP + 1), query),
  };
}
