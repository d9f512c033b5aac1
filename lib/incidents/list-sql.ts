import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { visibleCaseIdsSql, visibleIncidentCondition } from "@/lib/cases/access-sql";
import type { ListQuery } from "@/lib/list";
import type { IncidentListRow } from "./data";
import type { IncidentFilters, IncidentSort } from "./filters";

// The incident list's SQL: the page and the capped count, built from the same visibility rule and
// the same filters. Only builds queries (lib/incidents/data.ts runs them). Every value is a bound
// parameter; the sort column and direction come from a fixed list.

/** The CTE every list query starts with: the cases the actor may see, worked out once. */
const VISIBLE_CASES = Prisma.raw("visible_cases");

function withVisibleCases(actor: Actor): Prisma.Sql {
  return Prisma.sql`WITH visible_cases AS MATERIALIZED (${visibleCaseIdsSql(actor)})`;
}

/**
 * The WHERE clause on incident `i`: visible to the actor, and matching every filter. Filters on
 * other tables are IN-subqueries, so the planner can start from the few matching rows there
 * (a person's incidents, the places with a postcode) instead of testing every incident.
 */
function whereClause(actor: Actor, f: IncidentFilters): Prisma.Sql {
  // An incident in a case the actor may see is visible to them: "part of a case you can see" needs no more.
  const conditions: Prisma.Sql[] = [
    f.hasCase === true ? Prisma.sql`i."caseId" IN (SELECT id FROM visible_cases)` : visibleIncidentCondition(actor, VISIBLE_CASES),
  ];
  if (f.occurredFrom) conditions.push(Prisma.sql`i."occurredAt" >= ${f.occurredFrom}`);
  if (f.occurredBefore) conditions.push(Prisma.sql`i."occurredAt" < ${f.occurredBefore}`);
  if (f.category) conditions.push(Prisma.sql`i.category = ${f.category}::"AsbCategory"`);
  if (f.type) conditions.push(Prisma.sql`i.type = ${f.type}::"AsbType"`);
  if (f.riskLevel) conditions.push(Prisma.sql`i."riskLevel" = ${f.riskLevel}::"RiskLevel"`);
  if (f.organisationId) conditions.push(Prisma.sql`i."reportingOrganisationId" = ${f.organisationId}::uuid`);
  // "Not part of a case you can see" (the filter's words) includes incidents in a case the actor
  // may not see: that case is not even hinted at, and the incident's page says the same.
  if (f.hasCase === false) conditions.push(Prisma.sql`(i."caseId" IS NULL OR i."caseId" NOT IN (SELECT id FROM visible_cases))`);
  if (f.placeId) conditions.push(Prisma.sql`i."locationId" = ${f.placeId}::uuid`);
  else if (f.postcodePrefix) {
    // The pattern holds only letters, digits and a space (lib/incidents/filters): no wildcards.
    conditions.push(
      Prisma.sql`i."locationId" IN (SELECT l.id FROM "Location" l WHERE l.postcode LIKE ${postcodePattern(f.postcodePrefix)})`,
    );
  }
  if (f.personId) {
    conditions.push(Prisma.sql`i.id IN (SELECT ip."incidentId" FROM "IncidentPerson" ip WHERE ip."personId" = ${f.personId}::uuid)`);
  } else if (f.personName) {
    // searchText() leaves only letters, digits and single spaces; the trigram index serves LIKE.
    conditions.push(
      Prisma.sql`i.id IN (SELECT ip."incidentId" FROM "IncidentPerson" ip JOIN "Person" p ON p.id = ip."personId"
        WHERE p."searchText" LIKE ${`%${f.personName}%`})`,
    );
  }
  return Prisma.join(conditions, " AND ");
}

/** A whole outward code ("SE1") means that district ("SE1 7PB", not "SE15 4QF"); anything else is a prefix. */
function postcodePattern(prefix: string): string {
  return /^[A-Z]{1,2}\d[A-Z\d]?$/.test(prefix) ? `${prefix} %` : `${prefix}%`;
}

const SORT_COLUMNS: Record<IncidentSort, Prisma.Sql> = {
  occurred: Prisma.raw(`i."occurredAt"`),
  reported: Prisma.raw(`i."reportedAt"`),
  reference: Prisma.raw(`i.reference`),
  risk: Prisma.raw(`i."riskLevel"`),
};

function orderClause(query: ListQuery<IncidentSort>, alias: "i" | "page"): Prisma.Sql {
  const dir = Prisma.raw(query.dir === "asc" ? "ASC" : "DESC");
  const column = (sort: IncidentSort) => (alias === "i" ? SORT_COLUMNS[sort] : Prisma.raw(SORT_COLUMNS[sort].sql.replace(/^i\./, "page.")));
  const id = Prisma.raw(`${alias}.id`);
  // Ties broken the same way every time, so paging never shows a row twice or skips one.
  if (query.sort === "risk") return Prisma.sql`${column("risk")} ${dir}, ${column("occurred")} DESC, ${id} DESC`;
  return Prisma.sql`${column(query.sort)} ${dir}, ${id} ${dir}`;
}

/** A row of the list (IncidentListRow) as the query returns it: the organisation and place not yet in words. */
export type IncidentPageRow = Omit<IncidentListRow, "id" | "reportingOrganisation" | "place"> & {
  /** How many incidents match, counted no further than the cap (on every row, and on the one
   * row with no incident when the page is past the end). */
  total: number;
  id: string | null;
  organisation: string;
  addressLine1: string | null;
  postcode: string | null;
};

/**
 * One page of incidents, with what the table shows of their organisation, place and case, and
 * the capped count of all that match: one query, so the visible cases are worked out once.
 */
export function incidentListSql(actor: Actor, filters: IncidentFilters, query: ListQuery<IncidentSort>, cap: number): Prisma.Sql {
  const where = whereClause(actor, filters);
  return Prisma.sql`${withVisibleCases(actor)},
    page AS (
      SELECT i.id, i.reference, i."occurredAt", i."reportedAt", i.category, i.type, i."riskLevel",
             i."reportingOrganisationId", i."locationId", i."caseId"
      FROM "Incident" i
      WHERE ${where}
      ORDER BY ${orderClause(query, "i")}
      LIMIT ${query.pageSize} OFFSET ${query.skip}
    ),
    total AS (
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "Incident" i WHERE ${where} LIMIT ${cap}) AS matching
    )
    SELECT total.n AS total, page.id, page.reference, page."occurredAt", page."reportedAt",
           page.category::text AS category, page.type::text AS type, page."riskLevel"::text AS "riskLevel",
           o."shortName" AS organisation, l."addressLine1", l.postcode,
           CASE WHEN page."caseId" IN (SELECT id FROM visible_cases) THEN c.reference END AS "caseReference"
    FROM total
    LEFT JOIN page ON true
    LEFT JOIN "Organisation" o ON o.id = page."reportingOrganisationId"
    LEFT JOIN "Location" l ON l.id = page."locationId"
    LEFT JOIN "Case" c ON c.id = page."caseId"
    ORDER BY ${orderClause(query, "page")}`;
}

/** How many incidents match, uncapped (the export's X-Total-Rows). */
export function incidentCountSql(actor: Actor, filters: IncidentFilters): Prisma.Sql {
  return Prisma.sql`${withVisibleCases(actor)}
    SELECT count(*)::int AS n FROM "Incident" i WHERE ${whereClause(actor, filters)}`;
}

const londonTime = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'Europe/London', 'DD/MM/YYYY HH24:MI')`);

/**
 * Every incident that matches, in the list's order, with the list's columns (rows as arrays, in
 * INCIDENT_EXPORT_COLUMNS order; times already in London words): the same rule and filters as the
 * page, so the export holds exactly the rows the list would page through.
 */
export function incidentExportSql(actor: Actor, filters: IncidentFilters, query: ListQuery<IncidentSort>): Prisma.Sql {
  return Prisma.sql`${withVisibleCases(actor)}
    SELECT i.reference, ${londonTime(`i."occurredAt"`)}, ${londonTime(`i."reportedAt"`)},
           i.category::text, i.type::text, i."riskLevel"::text, o.name,
           concat_ws(', ', l."addressLine1", l.postcode),
           CASE WHEN i."caseId" IN (SELECT id FROM visible_cases) THEN c.reference END
    FROM "Incident" i
    JOIN "Organisation" o ON o.id = i."reportingOrganisationId"
    LEFT JOIN "Location" l ON l.id = i."locationId"
    LEFT JOIN "Case" c ON c.id = i."caseId"
    WHERE ${whereClause(actor, filters)}
    ORDER BY ${orderClause(query, "i")}`;
}
