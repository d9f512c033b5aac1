import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CaseKind, CaseStatus, RiskLevel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { visibleCasesWhere } from "@/lib/cases/access";
import { COUNT_CAP, pageOf, type ListQuery, type Page } from "@/lib/list";
import type { CaseFilterParam, CaseFilters, CaseSort } from "@/lib/cases/filters";
import { CASE_KIND_LABELS, CASE_LIST_RELATIONS, CASE_STATUS_LABELS } from "@/lib/cases/labels";
import { RISK_LEVEL_LABELS } from "@/lib/incidents/labels";
import { auditListExport } from "@/lib/audit/data";
import { requireCan } from "@/lib/auth/refuse";
import { ForbiddenError } from "@/lib/errors";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { pagedReader } from "@/lib/export/paged-reader";
import type { RowReader } from "@/lib/export/snapshot";
import type { CellValue } from "@/lib/export/cells";

// The list of cases, and finding one by its reference.

export type CaseListRow = {
  id: string;
  reference: string;
  title: string;
  kind: CaseKind;
  status: CaseStatus;
  riskLevel: RiskLevel;
  restricted: boolean;
  leadOrganisation: { id: string; shortName: string; name: string };
  openedAt: Date;
  updatedAt: Date;
  /** Why the actor sees it: their organisation leads it, it is shared with them, or (restricted) as a panel member or its referrer. */
  relation: "lead" | "shared" | "panel";
};

export type CaseList = Page<CaseListRow>;

/** What every list of cases shows of one (the cases list, and the cases on a person's or a place's profile). */
export const CASE_ROW_SELECT = {
  id: true,
  reference: true,
  title: true,
  kind: true,
  status: true,
  restricted: true,
  leadOrganisation: { select: { shortName: true } },
} satisfies Prisma.CaseSelect;

function caseFilterWhere(actor: Actor, f: CaseFilters): Prisma.CaseWhereInput[] {
  const where: Prisma.CaseWhereInput[] = [];
  if (f.text) {
    const upper = f.text.toUpperCase();
    where.push({ OR: [{ reference: { contains: upper } }, { title: { contains: f.text, mode: "insensitive" } }] });
  }
  if (f.kind) where.push({ kind: f.kind });
  if (f.status) where.push({ status: f.status });
  else if (f.active) where.push({ status: { not: "CLOSED" } });
  if (f.leadOrganisationId) where.push({ leadOrganisationId: f.leadOrganisationId });
  if (f.riskLevel) where.push({ riskLevel: f.riskLevel });
  if (f.relation === "lead") where.push({ leadOrganisationId: actor.organisationId });
  if (f.relation === "shared") {
    where.push({
      leadOrganisationId: { not: actor.organisationId },
      shares: { some: { organisationId: actor.organisationId, withdrawnAt: null } },
    });
  }
  return where;
}

function caseOrderBy(query: ListQuery<CaseSort>): Prisma.CaseOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "updated":
      return [{ updatedAt: dir }, { id: dir }];
    case "reference":
      return [{ reference: dir }];
    case "risk":
      return [{ riskLevel: dir }, { openedAt: "desc" }, { id: "desc" }];
    case "opened":
      // When it was opened in fact: a case recorded afterwards sorts among those of its day.
      return [{ openedAt: dir }, { id: dir }];
  }
}

/** One page of the cases the actor may see, filtered and sorted on the server. */
export async function listCases(actor: Actor, filters: CaseFilters, query: ListQuery<CaseSort>): Promise<CaseList> {
  const where: Prisma.CaseWhereInput = { AND: [visibleCasesWhere(actor), ...caseFilterWhere(actor, filters)] };
  const [rows, counted] = await Promise.all([
    db.case.findMany({
      where,
      orderBy: caseOrderBy(query),
      skip: query.skip,
      take: query.pageSize,
      select: {
        ...CASE_ROW_SELECT,
        riskLevel: true,
        openedAt: true,
        updatedAt: true,
        // The cases list names the lead organisation in full, and filters on it.
        leadOrganisation: { select: { id: true, shortName: true, name: true } },
        shares: { where: { organisationId: actor.organisationId, withdrawnAt: null }, select: { organisationId: true } },
      },
    }),
    // Counting stops one past the cap: "more than 10,000" needs no exact figure.
    db.case.count({ where, take: COUNT_CAP + 1 }),
  ]);
  const listRows: CaseListRow[] = rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    kind: r.kind,
    status: r.status,
    riskLevel: r.riskLevel,
    restricted: r.restricted,
    leadOrganisation: r.leadOrganisation,
    openedAt: r.openedAt,
    updatedAt: r.updatedAt,
    relation: r.leadOrganisation.id === actor.organisationId ? "lead" : r.shares.length > 0 ? "shared" : "panel",
  }));
  return pageOf(listRows, counted, query);
}

/** The id of the visible case with this reference, for "go to case CASE-2026-000012" searches. */
export async function findCaseIdByReference(actor: Actor, reference: string): Promise<string | null> {
  const row = await db.case.findFirst({ where: { AND: [{ reference }, visibleCasesWhere(actor)] }, select: { id: true } });
  return row?.id ?? null;
}

/** Organisations for the list's "lead organisation" filter. */
export async function organisationFilterChoices(actor: Actor): Promise<{ id: string; name: string }[]> {
  if (!can(actor, "case:read")) return [];
  return db.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/**
 * The case list as a download (CSV or XLSX: lib/cases/export-columns): every case the list would
 * page through for the same filters, in its order, read a page at a time. Audited as an export
 * with the filters' names (a typed search never goes in the trail).
 */
export async function beginCaseExport(
  actor: Actor,
  filters: CaseFilters,
  query: ListQuery<CaseSort>,
  used: { filters: CaseFilterParam[]; format: "csv" | "xlsx" },
): Promise<{ total: number; rows: RowReader<CellValue[]> }> {
  await requireCan(actor, "case:read", () => new ForbiddenError("You do not have permission to see cases"));
  const where: Prisma.CaseWhereInput = { AND: [visibleCasesWhere(actor), ...caseFilterWhere(actor, filters)] };
  const total = await db.case.count({ where });
  await auditListExport(actor, "CaseList", { ...used, sort: query.sort, dir: query.dir, rows: total });
  const rows = pagedReader(
    (skip, take) =>
      db.case.findMany({
        where,
        orderBy: caseOrderBy(query),
        skip,
        take,
        select: {
          reference: true,
          title: true,
          kind: true,
          status: true,
          riskLevel: true,
          openedAt: true,
          updatedAt: true,
          leadOrganisation: { select: { id: true, name: true } },
          shares: { where: { organisationId: actor.organisationId, withdrawnAt: null }, select: { organisationId: true } },
        },
      }),
    (c) => [
      c.reference,
      c.title,
      CASE_KIND_LABELS[c.kind],
      CASE_STATUS_LABELS[c.status],
      RISK_LEVEL_LABELS[c.riskLevel],
      c.leadOrganisation.name,
      CASE_LIST_RELATIONS[c.leadOrganisation.id === actor.organisationId ? "lead" : c.shares.length > 0 ? "shared" : "panel"],
      formatDate(c.openedAt),
      formatDateTime(c.updatedAt),
    ],
  );
  return { total, rows };
}
