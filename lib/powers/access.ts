import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { visibleCasesWhere } from "@/lib/cases/access";

// Who may see a power used: everyone who may see the case it was used in, and the issuing
// organisation, except for a power on a restricted (MARAC) case: its conditions name the victim
// and where she lives, so it is as secret as the case and, of the issuing organisation, only the
// officer who issued it keeps it. Its breaches and status history are read only through the power.
// The powers register, its export, the returns' drill-downs, the dashboard and people's and
// places' profiles all read through this (lib/powers/access-sql.ts is the same rule in SQL).

export function visiblePowersWhere(actor: Actor): Prisma.PowerUseWhereInput {
  if (!can(actor, "power:read")) return { id: { in: [] } };
  return {
    OR: [
      {
        issuingOrganisationId: actor.organisationId,
        OR: [{ caseId: null }, { case: { restricted: false } }, { issuingOfficerId: actor.userId }],
      },
      { case: visibleCasesWhere(actor) },
    ],
  };
}
