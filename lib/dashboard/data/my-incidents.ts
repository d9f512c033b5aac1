import "server-only";
import { db } from "@/lib/db";
import type { AsbCategory, AsbType } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { visibleIncidentsWhere } from "@/lib/cases/access";

// The officer's own recent incidents: those they logged, newest first, through the incident
// list's visibility rule (an officer always keeps the incidents they logged).

export const MY_INCIDENTS_LISTED = 5;

export type MyIncident = {
  id: string;
  reference: string;
  occurredAt: Date;
  category: AsbCategory;
  type: AsbType;
  place: string | null;
};

export async function recentIncidentsLoggedBy(actor: Actor): Promise<MyIncident[]> {
  const rows = await db.incident.findMany({
    where: { AND: [visibleIncidentsWhere(actor), { reportingOrganisationId: actor.organisationId, reportingOfficerId: actor.userId }] },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: MY_INCIDENTS_LISTED,
    select: {
      id: true,
      reference: true,
      occurredAt: true,
      category: true,
      type: true,
      location: { select: { addressLine1: true, postcode: true } },
    },
  });
  return rows.map(({ location, ...r }) => ({
    ...r,
    place: location ? [location.addressLine1, location.postcode].filter(Boolean).join(", ") : null,
  }));
}
