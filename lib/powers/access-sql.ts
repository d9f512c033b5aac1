import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { ownOrganisationRecordCondition, type OwnRecordColumns } from "@/lib/cases/access-sql";

// lib/powers/access.ts (visiblePowersWhere) in SQL, for the register export and the returns'
// drill-downs, which read powers in raw SQL. Same rule, clause for clause: tests/integration/
// register-export.test.ts and returns-visibility-parity.test.ts hold both to the same rows.
// Change one, change the other.

/**
 * visiblePowersWhere on a power given by its columns (a row of "PowerUse", or of an event built
 * from one): issued by the actor's organisation (on a restricted case, only by the actor), or used
 * in a case they may see. `visibleCases` names a CTE (or aliased subquery) of visibleCaseIdsSql.
 */
export function visiblePowerCondition(actor: Actor, columns: OwnRecordColumns, visibleCases: Prisma.Sql): Prisma.Sql {
  if (!can(actor, "power:read")) return Prisma.sql`false`;
  return Prisma.sql`(${ownOrganisationRecordCondition(actor, columns)} OR ${columns.case} IN (SELECT id FROM ${visibleCases}))`;
}

/** The columns of a power aliased `p`. */
export const POWER_COLUMNS: OwnRecordColumns = {
  organisation: Prisma.raw(`p."issuingOrganisationId"`),
  officer: Prisma.raw(`p."issuingOfficerId"`),
  case: Prisma.raw(`p."caseId"`),
};
