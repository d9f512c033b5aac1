import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { Role } from "@/lib/generated/prisma/enums";
import { can, chairsPanel, isPanelMember, roleHas } from "@/lib/auth/permissions";

// Who may see a case, as a `where` clause built from the actor. Every read of cases, and of
// anything that hangs off a case (actions, timeline, documents, referrals), goes through these,
// so a list, a search, a dashboard count and an export cannot disagree.

const NOTHING: Prisma.CaseWhereInput = { id: { in: [] } };

export function visibleCasesWhere(actor: Actor): Prisma.CaseWhereInput {
  if (!can(actor, "case:read")) return NOTHING;
  const sharedWithMyOrganisation: Prisma.CaseWhereInput = {
    OR: [{ leadOrganisationId: actor.organisationId }, { shares: { some: { organisationId: actor.organisationId, withdrawnAt: null } } }],
  };
  // Restricted (MARAC) cases: MARAC panel members, and the user who referred (or opened) the case.
  const restrictedVisible: Prisma.CaseWhereInput = isPanelMember(actor, "MARAC")
    ? { restricted: true }
    : { restricted: true, OR: [{ createdById: actor.userId }, { referrals: { some: { referringUserId: actor.userId } } }] };
  return { OR: [{ restricted: false, ...sharedWithMyOrganisation }, restrictedVisible] };
}

/** What decides who may read one case (caseReadersWhere). */
export type CaseReaderFacts = {
  id: string;
  restricted: boolean;
  createdById: string;
  leadOrganisationId: string;
  sharedWithOrganisationIds: readonly string[];
};

const CASE_READER_ROLES = Object.values(Role).filter((role) => roleHas(role, "case:read"));

/**
 * The users who may see one case, as a `where` clause on users: visibleCasesWhere turned round
 * (change one, change the other). Used to offer, and to check, the officers an action on the case
 * can be assigned to: nobody is given work on a case they cannot open.
 */
export function caseReadersWhere(c: CaseReaderFacts): Prisma.UserWhereInput {
  const readers: Prisma.UserWhereInput = { active: true, isApiClient: false, role: { in: CASE_READER_ROLES } };
  if (!c.restricted) return { ...readers, organisationId: { in: [c.leadOrganisationId, ...c.sharedWithOrganisationIds] } };
  return {
    ...readers,
    OR: [{ panels: { some: { panel: "MARAC" } } }, { id: c.createdById }, { referralsMade: { some: { caseId: c.id } } }],
  };
}

/** Actions the actor may see: those on cases they may see. */
export function visibleActionsWhere(actor: Actor): Prisma.CaseActionWhereInput {
  return { case: visibleCasesWhere(actor) };
}

/**
 * Incidents the actor may see: those in cases they may see, and those their organisation logged,
 * except one in a restricted (MARAC) case: that is as secret as the case, so of its organisation
 * only the officer who logged it keeps it (they wrote it; hiding it from them hides nothing).
 * Linking an incident to a MARAC case therefore hides it from the rest of its organisation from
 * that moment. lib/cases/access-sql.ts visibleIncidentCondition is the same rule in SQL.
 */
export function visibleIncidentsWhere(actor: Actor): Prisma.IncidentWhereInput {
  if (!can(actor, "incident:read")) return { id: { in: [] } };
  return {
    OR: [
      {
        reportingOrganisationId: actor.organisationId,
        OR: [{ caseId: null }, { case: { restricted: false } }, { reportingOfficerId: actor.userId }],
      },
      { case: visibleCasesWhere(actor) },
    ],
  };
}

/** What decides what an actor may do on a case they can see (see lib/cases/data/index.ts for the rules). */
export type CaseAccessFacts = {
  leadOrganisationId: string;
  restricted: boolean;
  /** Organisations the case is shared with now (withdrawn shares excluded). */
  sharedWithOrganisationIds: readonly string[];
};

export type CaseRights = {
  /** Add to the case: notes, corrections, incidents, people, places (and, later, actions and documents). */
  contribute: boolean;
  /** Run the case: its details, lead, status (closing too), sharing, and taking things out of it. */
  manage: boolean;
};

/**
 * The actor's rights on a case they can already see (visibleCasesWhere). Writing needs case:write
 * and a stake in the case: the lead organisation manages it; organisations it is shared with add
 * to it. On a restricted MARAC case the MARAC chair also manages it: the panel, not one agency,
 * decides who is told about a MARAC case (the chair shares it with the agencies at the meeting).
 */
export function caseRightsOf(actor: Actor, facts: CaseAccessFacts): CaseRights {
  if (!can(actor, "case:write")) return { contribute: false, manage: false };
  const leads = facts.leadOrganisationId === actor.organisationId;
  const shared = facts.sharedWithOrganisationIds.includes(actor.organisationId);
  const panelChair = facts.restricted && chairsPanel(actor, "MARAC");
  const manage = leads || panelChair;
  return { manage, contribute: manage || shared };
}

/** Whether the actor may correct a timeline entry: its author's organisation or the case's managers; never a correction. */
export function mayCorrectEntry(
  actor: Pick<Actor, "organisationId">,
  rights: CaseRights,
  entry: { kind: string; organisation: { id: string } },
): boolean {
  if (!rights.contribute || entry.kind === "CORRECTION") return false;
  return rights.manage || entry.organisation.id === actor.organisationId;
}
