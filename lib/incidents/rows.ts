import type { Prisma } from "@/lib/generated/prisma/client";

// An incident as one row of a list on another record's page (a case's, a person's, a place's):
// what every such list shows of it, read with the same select. Apart from lib/incidents/data,
// which itself reads people and places, so that their data layers can use it.

export const INCIDENT_ROW_SELECT = {
  id: true,
  reference: true,
  occurredAt: true,
  type: true,
  reportingOrganisation: { select: { shortName: true } },
} satisfies Prisma.IncidentSelect;
