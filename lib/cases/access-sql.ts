import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can, isPanelMember } from "@/lib/auth/permissions";

// The rules of lib/cases/access.ts, written in SQL for the few queries that must stay fast at a
// million rows and that Prisma cannot shape well (the incident list and its capped count: Prisma
// turns the relation filter into a join over every case and orders the count by id, which makes
// it read the whole table). Same rules, clause for clause; tests/integration/
// incidents-visibility.test.ts checks that both select exactly the same rows for every kind of
// actor. Change one, change the other.

const NOTHING = Prisma.sql`SELECT NULL::uuid AS id WHERE false`;

/**
 * The ids of the cases the actor may see (visibleCasesWhere), as a subquery with one `id` column
 * (an id may appear twice; it is only ever used with IN): unrestricted cases the organisation
 * leads or that are shared with it, and the restricted (MARAC) cases open to panel members or to
 * the user who opened or referred them.
 */
export function visibleCaseIdsSql(actor: Actor): Prisma.Sql {
  if (!can(actor, "case:read")) return NOTHING;
  const org = actor.organisationId;
  const restricted = isPanelMember(actor, "MARAC")
    ? Prisma.sql`SELECT c.id FROM "Case" c WHERE c.restricted`
    : Prisma.sql`SELECT c.id FROM "Case" c WHERE c.restricted AND c."createdById" = ${actor.userId}::uuid
        UNION ALL
        SELECT r."caseId" FROM "Referral" r JOIN "Case" c ON c.id = r."caseId" WHERE c.restricted AND r."referringUserId" = ${actor.userId}::uuid`;
  // One pass over the cases (with the organisation's shares as a hashed set) is cheaper than
  // an index per branch: the planner would otherwise join the shares to every case.
  return Prisma.sql`SELECT c.id FROM "Case" c
      WHERE NOT c.restricted
        AND (c."leadOrganisationId" = ${org}::uuid
             OR c.id IN (SELECT s."caseId" FROM "CaseShare" s WHERE s."organisationId" = ${org}::uuid AND s."withdrawnAt" IS NULL))
    UNION ALL
    ${restricted}`;
}

/** Columns of a record an organisation makes (an incident, a power): who made it, and its case. */
export type OwnRecordColumns = { organisation: Prisma.Sql; officer: Prisma.Sql; case: Prisma.Sql };

/**
 * A record of the actor's organisation as that organisation sees it (visibleIncidentsWhere,
 * visiblePowersWhere): in no case, or in an unrestricted one, or made by the actor. The restricted
 * cases are a short list (MARAC cases only), hashed once per query: NOT IN over it is cheaper than
 * a look-up per row. Case ids are never null, so NOT IN means what it says.
 */
export function ownOrganisationRecordCondition(actor: Actor, columns: OwnRecordColumns): Prisma.Sql {
  return Prisma.sql`(${columns.organisation} = ${actor.organisationId}::uuid
      AND (${columns.case} IS NULL OR ${columns.officer} = ${actor.userId}::uuid
           OR ${columns.case} NOT IN (SELECT rc.id FROM "Case" rc WHERE rc.restricted)))`;
}

/**
 * visibleIncidentsWhere as a condition on the incident aliased `i`: logged by the actor's
 * organisation (in a restricted case, only by the actor), or in a case they may see.
 * `visibleCases` names a CTE (or subquery) of visibleCaseIdsSql, so a query can use it more than once.
 */
export function visibleIncidentCondition(actor: Actor, visibleCases: Prisma.Sql): Prisma.Sql {
  if (!can(actor, "incident:read")) return Prisma.sql`false`;
  const own = ownOrganisationRecordCondition(actor, {
    organisation: Prisma.raw(`i."reportingOrganisationId"`),
    officer: Prisma.raw(`i."reportingOfficerId"`),
    case: Prisma.raw(`i."caseId"`),
  });
  return Prisma.sql`(${own} OR i."caseId" IN (SELECT id FROM ${visibleCases}))`;
}
