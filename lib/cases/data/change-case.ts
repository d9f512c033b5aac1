import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { caseRightsOf, visibleCasesWhere, type CaseRights } from "@/lib/cases/access";
import { auditChange, auditRefusal } from "@/lib/audit/data";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/not-found";
import { requireCan } from "@/lib/auth/refuse";

// Loading a case to change it: every change to a case, here and in the domains that hang off a
// case, goes through changeCase, so the case is always loaded as the actor may see it and the right
// the change needs is checked before anything is written.

export const ENTITY = "Case";

/** Read whenever one case is loaded, to show or to change it: its own fields, and what rightsOn decides from. */
export const CASE_CORE_SELECT = {
  id: true,
  reference: true,
  title: true,
  summary: true,
  kind: true,
  status: true,
  riskLevel: true,
  version: true,
  restricted: true,
  leadOrganisationId: true,
  shares: { where: { withdrawnAt: null }, select: { organisationId: true } },
} satisfies Prisma.CaseSelect;

const CHANGE_SELECT = {
  ...CASE_CORE_SELECT,
  openedAt: true,
  closedAt: true,
  leadOfficerId: true,
  leadOrganisation: { select: { name: true, shortName: true } },
  leadOfficer: { select: { name: true } },
} satisfies Prisma.CaseSelect;

export type CaseForChange = Prisma.CaseGetPayload<{ select: typeof CHANGE_SELECT }> & { rights: CaseRights };

/** The actor may not see the case (or it does not exist): audited, then answered as NotFoundError. */
class RefusedCase extends Error {}

export function rightsOn(
  actor: Actor,
  c: { leadOrganisationId: string; restricted: boolean; shares: { organisationId: string }[] },
): CaseRights {
  return caseRightsOf(actor, {
    leadOrganisationId: c.leadOrganisationId,
    restricted: c.restricted,
    sharedWithOrganisationIds: c.shares.map((s) => s.organisationId),
  });
}

async function loadForChange(tx: Tx, actor: Actor, caseId: string): Promise<CaseForChange> {
  const row = await tx.case.findFirst({ where: { AND: [{ id: caseId }, visibleCasesWhere(actor)] }, select: CHANGE_SELECT });
  if (row) return { ...row, rights: rightsOn(actor, row) };
  throw new RefusedCase();
}

type Need = keyof CaseRights;

/**
 * Runs one change to a case in one transaction: loads the case as the actor may see it, checks the
 * right the change needs, then `work` writes the change, its timeline entry and its audit entry.
 * The refusal of a case the actor may not see is audited after the transaction is rolled back.
 * Exported for the domains that hang off a case (documents, risk assessments, Community Trigger).
 */
export async function changeCase<T>(actor: Actor, caseId: string, need: Need, work: (tx: Tx, c: CaseForChange) => Promise<T>): Promise<T> {
  await requireCan(actor, "case:write", () => new ForbiddenError("You do not have permission to change cases"));
  if (!isUuid(caseId)) throw new NotFoundError("case");
  try {
    return await db.$transaction(async (tx) => {
      const c = await loadForChange(tx, actor, caseId);
      if (!c.rights[need]) {
        throw new ForbiddenError(
          need === "manage"
            ? `Only ${c.leadOrganisation.name} can do that, as the lead organisation of case ${c.reference}`
            : `Your organisation cannot add to case ${c.reference}. Ask ${c.leadOrganisation.name} to share it with you.`,
        );
      }
      return await work(tx, c);
    });
  } catch (error) {
    if (error instanceof RefusedCase) {
      await auditRefusal(actor, ENTITY, caseId);
      throw new NotFoundError("case");
    }
    throw error;
  }
}

export function refuseIfClosed(c: CaseForChange, field: string) {
  if (c.status === "CLOSED") throw new ValidationError({ [field]: [`Case ${c.reference} is closed. Reopen it before adding to it.`] });
}

/** Marks the case as changed (the list's "last changed" order) and records the change in the audit trail. */
export async function recordCaseChange(tx: Tx, actor: Actor, caseId: string, detail: Record<string, unknown>) {
  await tx.case.update({ where: { id: caseId }, data: { updatedAt: new Date() }, select: { id: true } });
  await auditChange(tx, actor, "UPDATE", ENTITY, caseId, detail);
}
