import "server-only";
import { db } from "@/lib/db";
import type { AsbType, InvolvementRole } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, roleHas } from "@/lib/auth/permissions";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";
import { isUuid } from "@/lib/not-found";
import { MAX_INCIDENTS_AT_ONCE } from "@/lib/cases/schema";
import { loadVisibleSummary, ROLE_ORDER } from "./read-one";
import { placeLabel } from "./form-checks";

// Choices for the forms: what the new-case, edit and sharing forms offer (form-checks.ts checks
// what comes back).

export type LeadOrganisationChoice = {
  id: string;
  name: string;
  shortName: string;
  officers: { id: string; name: string; jobTitle: string | null }[];
};

/** Active organisations and, for each, the active users who can lead a case (case:write). */
export async function leadChoices(
  actor: Actor,
  keep?: { organisationId: string; officerId: string | null },
): Promise<LeadOrganisationChoice[]> {
  if (!can(actor, "case:write")) return [];
  const organisations = await db.organisation.findMany({
    where: { OR: [{ active: true }, ...(keep ? [{ id: keep.organisationId }] : [])] },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      shortName: true,
      users: {
        where: { isApiClient: false, OR: [{ active: true }, ...(keep?.officerId ? [{ id: keep.officerId }] : [])] },
        orderBy: { name: "asc" },
        select: { id: true, name: true, jobTitle: true, role: true },
      },
    },
  });
  return organisations.map((o) => ({
    ...o,
    officers: o.users.filter((u) => roleHas(u.role, "case:write") || u.id === keep?.officerId).map(({ role: _role, ...u }) => u),
  }));
}

/** Active organisations the case can still be shared with (not the lead, not shared already). */
export async function shareChoices(actor: Actor, caseId: string): Promise<{ id: string; name: string }[]> {
  const c = await loadVisibleSummary(actor, caseId);
  if (!c.rights.manage) return [];
  return db.organisation.findMany({
    where: { active: true, id: { not: c.leadOrganisation.id }, caseShares: { none: { caseId: c.id, withdrawnAt: null } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export type IncidentForNewCase = {
  id: string;
  reference: string;
  occurredAt: Date;
  type: AsbType;
  place: { id: string; label: string } | null;
  reportingOrganisation: string;
  people: { personId: string; name: string; role: InvolvementRole }[];
};

export type NewCaseIncidents = {
  /** Incidents the case can be opened from. */
  available: IncidentForNewCase[];
  /** Incidents already in a case: named only when the actor may see that case. */
  alreadyInCase: { reference: string; caseReference: string | null }[];
  /** Ids that name no incident the actor may see. */
  notFound: number;
};

/** The incidents a new case is being opened from (`/cases/new?incident=…`), as the actor may see them. */
export async function incidentsForNewCase(actor: Actor, ids: string[]): Promise<NewCaseIncidents> {
  const requested = [...new Set(ids)];
  const wanted = requested.filter(isUuid).slice(0, MAX_INCIDENTS_AT_ONCE);
  if (wanted.length === 0 || !can(actor, "case:write")) return { available: [], alreadyInCase: [], notFound: requested.length };
  const incidents = await db.incident.findMany({
    where: { AND: [{ id: { in: wanted } }, visibleIncidentsWhere(actor)] },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      reference: true,
      occurredAt: true,
      type: true,
      caseId: true,
      reportingOrganisation: { select: { shortName: true } },
      location: { select: { id: true, addressLine1: true, postcode: true } },
      people: { select: { role: true, person: { select: { id: true, firstName: true, lastName: true, mergedIntoId: true } } } },
    },
  });
  const caseIds = [...new Set(incidents.flatMap((i) => (i.caseId ? [i.caseId] : [])))];
  const visibleCases =
    caseIds.length > 0
      ? await db.case.findMany({
          where: { AND: [{ id: { in: caseIds } }, visibleCasesWhere(actor)] },
          select: { id: true, reference: true },
        })
      : [];
  const caseReference = new Map(visibleCases.map((c) => [c.id, c.reference]));
  return {
    available: incidents
      .filter((i) => !i.caseId)
      .map((i) => ({
        id: i.id,
        reference: i.reference,
        occurredAt: i.occurredAt,
        type: i.type,
        place: i.location ? { id: i.location.id, label: placeLabel(i.location) } : null,
        reportingOrganisation: i.reportingOrganisation.shortName,
        people: i.people
          .filter((p) => !p.person.mergedIntoId)
          .map((p) => ({ personId: p.person.id, name: `${p.person.firstName} ${p.person.lastName}`, role: p.role }))
          .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, "en-GB")),
      })),
    alreadyInCase: incidents
      .filter((i) => i.caseId)
      .map((i) => ({ reference: i.reference, caseReference: caseReference.get(i.caseId!) ?? null })),
    notFound: requested.length - incidents.length,
  };
}
