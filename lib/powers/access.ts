import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { visibleCasesWhere } from "@/lib/cases/access";

// Who may see a power used: the issuing organisation, and everyone who may see the case it was
// used in. The powers register, and people's and places' profiles, all read through this.

export function visiblePowersWhere(actor: Actor): Prisma.PowerUseWhereInput {
  if (!can(actor, "power:read")) return { id: { in: [] } };
  return { OR: [{ issuingOrganisationId: actor.organisationId }, { case: visibleCasesWhere(actor) }] };
}
