import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { BreachAction, OrganisationKind, PowerStatus } from "@/lib/generated/prisma/enums";
import type { CellValue } from "@/lib/export/cells";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { auditChange } from "@/lib/audit/data";
import { visibleCaseIdsSql } from "@/lib/cases/access-sql";
import { visiblePowersWhere } from "@/lib/powers/access";
import { POWER_COLUMNS, visiblePowerCondition } from "@/lib/powers/access-sql";
import { effectiveStatus, POWER_STATUS_LABELS } from "@/lib/powers/lifecycle";
import { BREACH_ACTION_LABELS } from "@/lib/powers/schema";
import { financialYearOf, LONDON_TIME_ZONE } from "@/lib/format/dates";
import { NotFoundError } from "@/lib/errors";
import { REGISTER_ORGANISATION_KINDS } from "./columns";
import { openSnapshot, type RowReader } from "@/lib/export/snapshot";
import { earliestPowerRecordAt, returnScopeOf } from "@/lib/returns/data";
import { periodChoices, type PeriodChoice, type ReturnPeriod } from "@/lib/returns/period";

// The full tools and powers register for a period, read through a server-side cursor in one
// read-only snapshot (lib/export/snapshot.ts), so that a period of a million powers never sits
// in memory and the count the export announces is the number of rows it sends
// (lib/export/stream.ts writes the rows out).
//
// WHICH ROWS: the powers issued in the period (Europe/London cut) that the viewer may see — the one
// powers rule, visiblePowersWhere — and, within that, managers (return:read-partnership) get every
// organisation's powers; other users with return:read get their own organisation's only. Without
// return:read the export does not exist for them (NotFoundError → 404).
// Unlike the returns' figures (which count every record), a register lists records, so it shows
// only what the viewer may see: a power on a restricted MARAC case is left out for anyone who may
// not see the case (its own organisation too, but for the officer who issued it), and a case
// reference is shown only to those who may see the case.

export type RegisterScope = "partnership" | "organisation";

/** What the viewer's register holds: the partnership (managers) or their organisation (the returns' scope). Null: no export. */
export function registerScopeOf(actor: Actor): RegisterScope | null {
  if (!can(actor, "return:read") || !can(actor, "power:read")) return null;
  return returnScopeOf(actor).partnership ? "partnership" : "organisation";
}

/**
 * The periods the register page offers: every financial year (and its quarters) from the one of
 * the earliest power in the viewer's scope (the tools and powers return's rule) to the current
 * one, with `shown` (the period the page names) among them even outside that range.
 */
export async function registerPeriodChoices(actor: Actor, shown: ReturnPeriod | null, now = new Date()): Promise<PeriodChoice[]> {
  if (!registerScopeOf(actor)) throw new NotFoundError("register export");
  const earliest = await earliestPowerRecordAt(returnScopeOf(actor));
  return periodChoices({ now, from: earliest ? financialYearOf(earliest).startYear : null, including: shown });
}

export type RegisterExport = {
  actor: Actor;
  period: ReturnPeriod;
  scope: RegisterScope;
  /** Rows created after this instant are left out; the status is the power's status at it. */
  asAt: Date;
  /** How many rows `rows` holds (counted in the same snapshot). */
  total: number;
  /**
   * The rows in order of issue (issuedAt, id), each as its cells in REGISTER_COLUMNS order. Holds
   * a database connection until read to the end, a read fails, or it is closed.
   */
  rows: RowReader<CellValue[]>;
};

type ExportQuery = Pick<RegisterExport, "actor" | "scope" | "period" | "asAt">;

/**
 * The rows of the register as a Prisma `where`: the one powers rule (visiblePowersWhere) within
 * the scope and period. The export reads through registerCondition, the same clauses in SQL;
 * tests/integration/register-export.test.ts checks that both select exactly the same powers.
 */
export function registerWhere(actor: Actor, scope: RegisterScope, period: ReturnPeriod, asAt: Date): Prisma.PowerUseWhereInput {
  return {
    AND: [
      visiblePowersWhere(actor),
      ...(scope === "organisation" ? [{ issuingOrganisationId: actor.organisationId }] : []),
      { issuedAt: { gte: period.start, lt: period.end } },
      { createdAt: { lte: asAt } },
    ],
  };
}

/**
 * registerWhere in SQL, on the power aliased `p`; `visibleCases` names a CTE of visibleCaseIdsSql.
 * visiblePowersWhere is lib/powers/access-sql.ts visiblePowerCondition.
 */
function registerCondition(exp: ExportQuery, visibleCases: Prisma.Sql): Prisma.Sql {
  const { actor, scope, period, asAt } = exp;
  if (!can(actor, "power:read")) return Prisma.sql`false`;
  const org = Prisma.sql`${actor.organisationId}::uuid`;
  return Prisma.sql`p."issuedAt" >= ${period.start} AND p."issuedAt" < ${period.end} AND p."createdAt" <= ${asAt}
    AND ${visiblePowerCondition(actor, POWER_COLUMNS, visibleCases)}
    ${scope === "organisation" ? Prisma.sql`AND p."issuingOrganisationId" = ${org}` : Prisma.empty}`;
}

function countSql(exp: ExportQuery): Prisma.Sql {
  return Prisma.sql`
    WITH visible_cases AS (${visibleCaseIdsSql(exp.actor)})
    SELECT count(*)::int AS n FROM "PowerUse" p WHERE ${registerCondition(exp, Prisma.sql`visible_cases`)}`;
}

/**
 * Starts an export: checks the viewer may export, opens the snapshot, counts the rows in it and
 * audits the export (EXPORT, with the period, format and row count) before any row leaves.
 * NotFoundError when they may not. The caller must read `rows` to the end or close it.
 */
export async function beginRegisterExport(
  actor: Actor,
  period: ReturnPeriod,
  format: "csv" | "xlsx",
  now = new Date(),
): Promise<RegisterExport> {
  const scope = registerScopeOf(actor);
  if (!scope) throw new NotFoundError("register export");
  const query: ExportQuery = { actor, scope, period, asAt: now };
  const snapshot = await openSnapshot();
  try {
    const [counted] = await snapshot.query<{ n: number }>(countSql(query));
    const total = counted?.n ?? 0;
    await db.$transaction((tx) =>
      auditChange(tx, actor, "EXPORT", "PowerRegister", null, {
        period: period.key,
        from: period.start.toISOString(),
        to: period.end.toISOString(),
        scope,
        format,
        rows: total,
      }),
    );
    const raw = snapshot.cursor(rowsSql(query));
    return {
      ...query,
      total,
      rows: {
        read: async (max) => (await raw.read(max)).map((row) => registerCellsOf(row as SqlRow, now)),
        close: raw.close,
      },
    };
  } catch (error) {
    snapshot.abandon();
    throw error;
  }
}

/** How many rows the viewer's register holds for the period (the page's "about N rows"). */
export async function countRegisterRows(actor: Actor, period: ReturnPeriod, now = new Date()): Promise<number> {
  const scope = registerScopeOf(actor);
  if (!scope) throw new NotFoundError("register export");
  const [row] = await db.$queryRaw<{ n: number }[]>(countSql({ actor, scope, period, asAt: now }));
  return row?.n ?? 0;
}

// One row of the cursor, in the SELECT's order. Dates arrive already in words (to_char in London
// time: the same calendar day as lib/format/dates formatDate, which the tests check): formatDate
// (Intl's formatToParts) took about 13 µs a date here, 13 s or more of CPU for a million rows.
type SqlRow = [
  reference: string,
  kindName: string,
  legalBasis: string,
  organisationName: string,
  organisationKind: OrganisationKind,
  officerName: string,
  issued: string,
  expiry: string | null,
  status: PowerStatus,
  expiresAt: Date | null,
  subjectBusinessName: string | null,
  firstName: string | null,
  lastName: string | null,
  addressLine1: string | null,
  town: string | null,
  postcode: string | null,
  caseReference: string | null,
  pspoReference: string | null,
  pspoName: string | null,
  conditions: string | null,
  breaches: number,
  lastBreachAction: BreachAction | null,
  courtName: string | null,
  hearing: string | null,
];

/** A row's cells, in REGISTER_COLUMNS order, in words. */
function registerCellsOf(row: SqlRow, now: Date): CellValue[] {
  const [
    reference,
    kindName,
    legalBasis,
    organisationName,
    organisationKind,
    officerName,
    issued,
    expiry,
    status,
    expiresAt,
    business,
    firstName,
    lastName,
    addressLine1,
    town,
    postcode,
    caseReference,
    pspoReference,
    pspoName,
    conditions,
    breaches,
    lastBreachAction,
    courtName,
    hearing,
  ] = row;
  return [
    reference,
    kindName,
    legalBasis,
    organisationName,
    REGISTER_ORGANISATION_KINDS[organisationKind],
    officerName,
    issued,
    expiry,
    POWER_STATUS_LABELS[effectiveStatus({ status, expiresAt }, now)],
    firstName !== null || lastName !== null ? `${firstName ?? ""} ${lastName ?? ""}`.trim() : (business ?? "Not recorded"),
    addressLine1 !== null ? [addressLine1, town, postcode].filter(Boolean).join(", ") : null,
    caseReference,
    pspoReference ? `${pspoReference} ${pspoName ?? ""}`.trim() : null,
    conditions,
    breaches,
    lastBreachAction ? BREACH_ACTION_LABELS[lastBreachAction] : null,
    courtName,
    hearing,
  ];
}

const londonDay = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE ${LONDON_TIME_ZONE}, 'DD/MM/YYYY')`;

/**
 * The register's rows in order of issue (issuedAt, id), in one statement for the cursor: the
 * register's joins, and each power's breach count and last breach in a lateral subquery. (Prisma's
 * nested reads took seconds a batch at a million rows.)
 */
function rowsSql(exp: ExportQuery): Prisma.Sql {
  return Prisma.sql`
    WITH visible_cases AS (${visibleCaseIdsSql(exp.actor)})
    SELECT p.reference, k.name, k."legalBasis", o.name, o.kind::text, u.name,
           ${londonDay(Prisma.sql`p."issuedAt"`)}, ${londonDay(Prisma.sql`p."expiresAt"`)}, p.status::text, p."expiresAt",
           p."subjectBusinessName", per."firstName", per."lastName", l."addressLine1", l.town, l.postcode,
           CASE WHEN p."caseId" IN (SELECT id FROM visible_cases) THEN c.reference END,
           ps.reference, ps.name, p.conditions,
           coalesce(b.breaches, 0), b.last_action, p."courtName", ${londonDay(Prisma.sql`p."hearingAt"`)}
    FROM "PowerUse" p
    JOIN "PowerKind" k ON k.id = p."kindId"
    JOIN "Organisation" o ON o.id = p."issuingOrganisationId"
    JOIN "User" u ON u.id = p."issuingOfficerId"
    LEFT JOIN "Person" per ON per.id = p."subjectPersonId"
    LEFT JOIN "Location" l ON l.id = p."locationId"
    LEFT JOIN "Case" c ON c.id = p."caseId"
    LEFT JOIN "Pspo" ps ON ps.id = p."pspoId"
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS breaches, (array_agg(br."actionTaken"::text ORDER BY br."breachedAt" DESC, br.id DESC))[1] AS last_action
      FROM "PowerBreach" br WHERE br."powerId" = p.id
    ) b ON true
    WHERE ${registerCondition(exp, Prisma.sql`visible_cases`)}
    ORDER BY p."issuedAt", p.id`;
}
