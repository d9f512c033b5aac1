import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { BreachAction, OrganisationKind, PowerStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/data";
import { visibleCaseIdsSql } from "@/lib/cases/access-sql";
import { visiblePowersWhere } from "@/lib/powers/access";
import { effectiveStatus, POWER_STATUS_LABELS } from "@/lib/powers/lifecycle";
import { BREACH_ACTION_LABELS } from "@/lib/powers/schema";
import { formatDate } from "@/lib/format/dates";
import { NotFoundError } from "@/lib/errors";
import { ORGANISATION_KIND_LABELS, type RegisterRow } from "./columns";
import { returnScopeOf } from "@/lib/returns/data";
import type { ReturnPeriod } from "@/lib/returns/period";

// The full tools and powers register for a period, read in keyset-paged batches so that a period
// of a million powers never sits in memory (lib/register/stream.ts writes the batches out).
//
// WHICH ROWS: the powers issued in the period (Europe/London cut) that the viewer may see — the one
// powers rule, visiblePowersWhere — and, within that, managers (return:read-partnership) get every
// organisation's powers; other users with return:read get their own organisation's only. Without
// return:read the export does not exist for them (NotFoundError → 404).
// Unlike the returns' figures (which count every record), a register lists records, so it shows
// only what the viewer may see: a power on a restricted MARAC case is left out for a non-member
// of another organisation, and a case reference is shown only to those who may see the case.

export const REGISTER_BATCH_SIZE = 2_000;

export type RegisterScope = "partnership" | "organisation";

/** What the viewer's register holds: the partnership (managers) or their organisation (the returns' scope). Null: no export. */
export function registerScopeOf(actor: Actor): RegisterScope | null {
  if (!can(actor, "return:read") || !can(actor, "power:read")) return null;
  return returnScopeOf(actor).partnership ? "partnership" : "organisation";
}

export type RegisterExport = {
  actor: Actor;
  period: ReturnPeriod;
  scope: RegisterScope;
  /** Rows created after this instant are left out, so the count and the rows agree. */
  asAt: Date;
  /** The rows, as counted when the export began. */
  total: number;
};

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
 * visiblePowersWhere: issued by the actor's organisation, or on a case the actor may see.
 */
function registerCondition(exp: Pick<RegisterExport, "actor" | "scope" | "period" | "asAt">, visibleCases: Prisma.Sql): Prisma.Sql {
  const { actor, scope, period, asAt } = exp;
  if (!can(actor, "power:read")) return Prisma.sql`false`;
  const org = Prisma.sql`${actor.organisationId}::uuid`;
  return Prisma.sql`p."issuedAt" >= ${period.start} AND p."issuedAt" < ${period.end} AND p."createdAt" <= ${asAt}
    AND (p."issuingOrganisationId" = ${org} OR p."caseId" IN (SELECT id FROM ${visibleCases}))
    ${scope === "organisation" ? Prisma.sql`AND p."issuingOrganisationId" = ${org}` : Prisma.empty}`;
}

async function countRows(exp: Pick<RegisterExport, "actor" | "scope" | "period" | "asAt">): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    WITH visible_cases AS (${visibleCaseIdsSql(exp.actor)})
    SELECT count(*)::int AS n FROM "PowerUse" p WHERE ${registerCondition(exp, Prisma.sql`visible_cases`)}`;
  return row?.n ?? 0;
}

/**
 * Starts an export: checks the viewer may export, counts the rows and audits the export (EXPORT,
 * with the period, format and row count) before any row leaves. NotFoundError when they may not.
 */
export async function beginRegisterExport(actor: Actor, period: ReturnPeriod, format: "csv" | "xlsx", now = new Date()): Promise<RegisterExport> {
  const scope = registerScopeOf(actor);
  if (!scope) throw new NotFoundError("register export");
  const total = await countRows({ actor, scope, period, asAt: now });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      action: "EXPORT",
      userId: actor.userId,
      organisationId: actor.organisationId,
      entityType: "PowerRegister",
      entityId: null,
      detail: { period: period.key, from: period.start.toISOString(), to: period.end.toISOString(), scope, format, rows: total },
    }),
  );
  return { actor, period, scope, asAt: now, total };
}

/** How many rows the viewer's register holds for the period (the page's "about N rows"). */
export async function countRegisterRows(actor: Actor, period: ReturnPeriod, now = new Date()): Promise<number> {
  const scope = registerScopeOf(actor);
  if (!scope) throw new NotFoundError("register export");
  return countRows({ actor, scope, period, asAt: now });
}

type SqlRow = {
  id: string;
  reference: string;
  issuedAt: Date;
  expiresAt: Date | null;
  status: PowerStatus;
  subjectBusinessName: string | null;
  conditions: string | null;
  courtName: string | null;
  hearingAt: Date | null;
  kindName: string;
  legalBasis: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  officerName: string;
  firstName: string | null;
  lastName: string | null;
  addressLine1: string | null;
  town: string | null;
  postcode: string | null;
  caseReference: string | null;
  pspoReference: string | null;
  pspoName: string | null;
  breaches: number;
  lastBreachAction: BreachAction | null;
};

function toRow(p: SqlRow, now: Date): RegisterRow {
  return {
    reference: p.reference,
    kind: p.kindName,
    legalBasis: p.legalBasis,
    issuingOrganisation: p.organisationName,
    organisationType: ORGANISATION_KIND_LABELS[p.organisationKind],
    officer: p.officerName,
    issued: formatDate(p.issuedAt),
    expiry: p.expiresAt ? formatDate(p.expiresAt) : null,
    status: POWER_STATUS_LABELS[effectiveStatus(p, now)],
    subject: p.firstName !== null || p.lastName !== null ? `${p.firstName ?? ""} ${p.lastName ?? ""}`.trim() : (p.subjectBusinessName ?? "Not recorded"),
    place: p.addressLine1 !== null ? [p.addressLine1, p.town, p.postcode].filter(Boolean).join(", ") : null,
    caseReference: p.caseReference,
    pspo: p.pspoReference ? `${p.pspoReference} ${p.pspoName ?? ""}`.trim() : null,
    conditions: p.conditions,
    breaches: p.breaches,
    lastBreachAction: p.lastBreachAction ? BREACH_ACTION_LABELS[p.lastBreachAction] : null,
    court: p.courtName,
    hearing: p.hearingAt ? formatDate(p.hearingAt) : null,
  };
}

/**
 * The export's rows in order of issue (issuedAt, id), one batch at a time: each batch is one
 * keyset query after the last row of the one before, so memory holds one batch whatever the period.
 * One SQL statement a batch (the register's joins, and each power's breach count and last breach
 * in a lateral subquery): Prisma's nested reads took seconds a batch at a million rows.
 */
export async function* registerBatches(exp: RegisterExport, batchSize = REGISTER_BATCH_SIZE): AsyncGenerator<RegisterRow[]> {
  let after: { issuedAt: Date; id: string } | null = null;
  for (;;) {
    const keyset: Prisma.Sql = after
      ? Prisma.sql`AND p."issuedAt" >= ${after.issuedAt} AND (p."issuedAt" > ${after.issuedAt} OR p.id > ${after.id}::uuid)`
      : Prisma.empty;
    const page: SqlRow[] = await db.$queryRaw<SqlRow[]>`
      WITH visible_cases AS (${visibleCaseIdsSql(exp.actor)}),
      -- The batch's powers first (the keyset on PowerUse alone), then their names: joining before
      -- the LIMIT would name every power of the last day touched.
      page AS (
        SELECT * FROM "PowerUse" p
        WHERE ${registerCondition(exp, Prisma.sql`visible_cases`)} ${keyset}
        ORDER BY p."issuedAt", p.id
        LIMIT ${batchSize}
      )
      SELECT p.id, p.reference, p."issuedAt", p."expiresAt", p.status::text AS status, p."subjectBusinessName", p.conditions, p."courtName", p."hearingAt",
             k.name AS "kindName", k."legalBasis", o.name AS "organisationName", o.kind::text AS "organisationKind", u.name AS "officerName",
             per."firstName", per."lastName", l."addressLine1", l.town, l.postcode,
             CASE WHEN p."caseId" IN (SELECT id FROM visible_cases) THEN c.reference END AS "caseReference",
             ps.reference AS "pspoReference", ps.name AS "pspoName",
             coalesce(b.breaches, 0) AS breaches, b.last_action AS "lastBreachAction"
      FROM page p
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
      ORDER BY p."issuedAt", p.id`;
    if (page.length === 0) return;
    yield page.map((p) => toRow(p, exp.asAt));
    if (page.length < batchSize) return;
    const last = page[page.length - 1]!;
    after = { issuedAt: last.issuedAt, id: last.id };
  }
}
