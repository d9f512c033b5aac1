import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can, isPanelMember } from "@/lib/auth/permissions";

// Who may see a case, as a `where` clause built from the actor. Every read of cases, and of
// anything that hangs off a case (actions, timeline, documents, referrals), goes through these,
// so a list, a search, a dashboard count and an export cannot disagree.

const NOTHING: Prisma.CaseWhereInput = { id: { in: [] } };

export function visibleCasesWhere(actor: Actor): Prisma.CaseWhereInput {
  if (!can(actor, "case:read")) return NOTHING;
  const sharedWithMyOrganisation: Prisma.CaseWhereInput = {
    OR: [
      { leadOrganisationId: actor.organisationId },
      { shares: { some: { organisationId: actor.organisationId, withdrawnAt: null } } },
    ],
  };
  // Restricted (MARAC) cases: MARAC panel members, and the user who referred (or opened) the case.
  const restrictedVisible: Prisma.CaseWhereInput = isPanelMember(actor, "MARAC")
    ? { restricted: true }
    : { restricted: true, OR: [{ createdById: actor.userId }, { referrals: { some: { referringUserId: actor.userId } } }] };
  return { OR: [{ restricted: false, ...sharedWithMyOrganisation }, restrictedVisible] };
}

/** Actions the actor may see: those on cases they may see. */
export function visibleActionsWhere(actor: Actor): Prisma.CaseActionWhereInput {
  return { case: visibleCasesWhere(actor) };
}

/** Incidents logged by the actor's organisation, and those in cases they may see. */
export function visibleIncidentsWhere(actor: Actor): Prisma.IncidentWhereInput {
  if (!can(actor, "incident:read")) return { id: { in: [] } };
  return { OR: [{ reportingOrganisationId: actor.organisationId }, { case: visibleCasesWhere(actor) }] };
}
