import "server-only";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Panel } from "@/lib/generated/prisma/enums";
import { rolesWith } from "@/lib/auth/permissions";
import { caseReadersWhere } from "@/lib/cases/access";

// Who is told: always decided by the same access rules as the pages (caseReadersWhere is
// visibleCasesWhere turned round), so a notification about a MARAC case reaches only people who
// may open it. The actor is never told about their own doing.

/** The case's facts caseReadersWhere needs, read inside the event's transaction. */
async function readerFacts(tx: Tx, caseId: string) {
  const c = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      id: true,
      reference: true,
      restricted: true,
      createdById: true,
      leadOrganisationId: true,
      shares: { where: { withdrawnAt: null }, select: { organisationId: true } },
    },
  });
  return { ...c, sharedWithOrganisationIds: c.shares.map((s) => s.organisationId) };
}

/** Users matching `who` who may see the case, but not `except` (the actor). With the case's reference. */
export async function caseRecipients(
  tx: Tx,
  caseId: string,
  who: Prisma.UserWhereInput,
  except: string | null,
): Promise<{ reference: string; userIds: string[] }> {
  const facts = await readerFacts(tx, caseId);
  const users = await tx.user.findMany({
    where: { AND: [who, caseReadersWhere(facts), ...(except ? [{ id: { not: except } }] : [])] },
    select: { id: true },
  });
  return { reference: facts.reference, userIds: users.map((u) => u.id) };
}

/** The chairs of a panel: active users who may run its meetings and sit on it. */
export const panelChairs = (panel: Panel): Prisma.UserWhereInput => ({
  role: { in: rolesWith("meeting:run") },
  panels: { some: { panel } },
});

/** The members of a panel from some organisations (a meeting's invited organisations). */
export const panelMembersOf = (panel: Panel, organisationIds: string[]): Prisma.UserWhereInput => ({
  organisationId: { in: organisationIds },
  panels: { some: { panel } },
});

/** An organisation's managers: those who manage its users. */
export const organisationManagers = (organisationId: string): Prisma.UserWhereInput => ({
  organisationId,
  role: { in: rolesWith("admin:users-own-organisation") },
});

/** Officers of an organisation who chose to hear about its actions (the default is off). */
export const optedInOfficers = (organisationId: string): Prisma.UserWhereInput => ({
  organisationId,
  notificationPreferences: { some: { kind: "ACTION_ASSIGNED_TO_ORGANISATION", delivery: { not: "OFF" } } },
});
