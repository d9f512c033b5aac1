import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";

// Who may find a person. A person who appears only in records the actor may not see (another
// agency's unshared incident, a restricted MARAC case) is not found: not in search, not by id,
// not as a duplicate suggestion. Profiles the actor's own organisation created stay findable.
// Merged-away profiles are never listed; their id leads to the surviving profile.

export function visiblePeopleWhere(actor: Actor): Prisma.PersonWhereInput {
  if (!can(actor, "person:read")) return { id: { in: [] } };
  return {
    mergedIntoId: null,
    OR: [
      { createdByOrgId: actor.organisationId },
      { incidents: { some: { incident: visibleIncidentsWhere(actor) } } },
      { cases: { some: { removedAt: null, case: visibleCasesWhere(actor) } } },
      { powers: { some: { issuingOrganisationId: actor.organisationId } } },
    ],
  };
}
