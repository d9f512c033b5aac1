import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";
import { visiblePowersWhere } from "@/lib/powers/access";

// Who may find a person. A person who appears only in records the actor may not see (another
// agency's unshared incident, a restricted MARAC case) is not found: not in search, not by id,
// not as a duplicate suggestion. Merged-away profiles are never listed; their id leads to the
// surviving profile.
//
// - Anyone who may see a record the person is in (an incident, a case they are still in, a power
//   issued to them) may find them: the record already shows their name.
// - The user who made the profile always may (they typed it; hiding it from them hides nothing).
// - The organisation that made it may, unless the person is known only through restricted (MARAC)
//   records: a profile made for a MARAC case names the victim or the alleged perpetrator, and is
//   as secret as the case. One link outside restricted records (an ordinary incident, a case
//   that is not restricted, a Community Trigger application) makes the person known there too,
//   so the creating organisation keeps them. A profile with no links yet stays with its
//   organisation. Adding an otherwise unlinked person to a MARAC case therefore hides them from
//   the rest of the organisation from that moment.
// A case the person was taken out of still counts as a link (its timeline names them), whichever
// kind it is.

/** A case that is restricted, or one that is not. */
const restricted = (yes: boolean): Prisma.CaseWhereInput => ({ restricted: yes });

/** The person is linked to a record of a restricted case (restricted: true), or of no case or an unrestricted one (false). */
function linkedThrough(yes: boolean): Prisma.PersonWhereInput[] {
  const inCase = { case: restricted(yes) };
  // A record in no case is outside every restricted case.
  const inCaseOrNone = yes ? inCase : { OR: [{ caseId: null }, inCase] };
  return [
    { incidents: { some: { incident: inCaseOrNone } } },
    { cases: { some: inCase } },
    { powers: { some: inCaseOrNone } },
    { referralsAsVictim: { some: inCase } },
    { referralsAsPerpetrator: { some: inCase } },
    { riskAssessments: { some: inCase } },
    { triggerApplications: { some: inCase } },
  ];
}

/** Known only through restricted records: every one of the person's links is to a restricted case. */
const KNOWN_ONLY_THROUGH_RESTRICTED: Prisma.PersonWhereInput = {
  AND: [{ OR: linkedThrough(true) }, { NOT: { OR: linkedThrough(false) } }],
};

export function visiblePeopleWhere(actor: Actor): Prisma.PersonWhereInput {
  if (!can(actor, "person:read")) return { id: { in: [] } };
  // PostgreSQL tries these in order, row by row, and builds a hashed set for a test only when a
  // row first needs it. The creating organisation's test comes last: most people are found by an
  // earlier test, so a short search (the picker's) never builds the sets of people linked to
  // restricted cases (measured at a million incidents: as cheap as the rule before it).
  return {
    mergedIntoId: null,
    OR: [
      { createdById: actor.userId },
      { incidents: { some: { incident: visibleIncidentsWhere(actor) } } },
      { cases: { some: { removedAt: null, case: visibleCasesWhere(actor) } } },
      { powers: { some: visiblePowersWhere(actor) } },
      { createdByOrgId: actor.organisationId, NOT: KNOWN_ONLY_THROUGH_RESTRICTED },
    ],
  };
}
