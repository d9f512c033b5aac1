import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";

// Who may find a place: the same rule as people. A victim's home address that appears only in
// a restricted MARAC case must not be findable by someone outside the panel.

export function visiblePlacesWhere(actor: Actor): Prisma.LocationWhereInput {
  if (!can(actor, "place:read")) return { id: { in: [] } };
  return {
    OR: [
      { createdByOrgId: actor.organisationId },
      { incidents: { some: visibleIncidentsWhere(actor) } },
      { cases: { some: { removedAt: null, case: visibleCasesWhere(actor) } } },
      { powers: { some: { issuingOrganisationId: actor.organisationId } } },
      // PSPOs are public orders: their areas are no secret.
      { pspos: { some: {} } },
    ],
  };
}
