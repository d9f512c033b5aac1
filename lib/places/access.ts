import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";
import { visiblePowersWhere } from "@/lib/powers/access";

// Who may find a place: the same rule as people (lib/people/access.ts). A victim's home address
// that appears only in a restricted MARAC case must not be findable by someone outside the panel.
//
// - Anyone who may see a record at the place (an incident there, a case it is still in, a power
//   used there) may find it; so may the user who recorded it.
// - PSPO areas are public orders: their places are no secret to anyone.
// - The organisation that recorded it may, unless the place is known only through restricted
//   (MARAC) records: incidents there, cases it was in (taken out or not) and powers used there,
//   all in restricted cases. One such record outside them keeps it with its organisation; a place
//   with no records yet stays with its organisation.
// - Being someone's address (Person.addressId) neither shows nor hides a place: it is a detail of
//   the person, and the person's own visibility decides who reads it on the profile.

/** A case that is restricted, or one that is not. */
const restricted = (yes: boolean): Prisma.CaseWhereInput => ({ restricted: yes });

/** The place has a record in a restricted case (restricted: true), or in no case or an unrestricted one (false). */
function linkedThrough(yes: boolean): Prisma.LocationWhereInput[] {
  const inCase = { case: restricted(yes) };
  const inCaseOrNone = yes ? inCase : { OR: [{ caseId: null }, inCase] };
  return [{ incidents: { some: inCaseOrNone } }, { cases: { some: inCase } }, { powers: { some: inCaseOrNone } }];
}

/** Known only through restricted records: every one of the place's records is in a restricted case. */
const KNOWN_ONLY_THROUGH_RESTRICTED: Prisma.LocationWhereInput = {
  AND: [{ OR: linkedThrough(true) }, { NOT: { OR: linkedThrough(false) } }],
};

export function visiblePlacesWhere(actor: Actor): Prisma.LocationWhereInput {
  if (!can(actor, "place:read")) return { id: { in: [] } };
  // The creating organisation's test last, for the reason given in lib/people/access.ts.
  return {
    OR: [
      { createdById: actor.userId },
      { incidents: { some: visibleIncidentsWhere(actor) } },
      { cases: { some: { removedAt: null, case: visibleCasesWhere(actor) } } },
      { powers: { some: visiblePowersWhere(actor) } },
      // PSPOs are public orders: their areas are no secret.
      { pspos: { some: {} } },
      { createdByOrgId: actor.organisationId, NOT: KNOWN_ONLY_THROUGH_RESTRICTED },
    ],
  };
}
