import type { OrganisationKind } from "@/lib/generated/prisma/enums";

// The kinds of organisation in words: the admin pages and the register's export. Pure.

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  POLICE: "Police",
  LOCAL_AUTHORITY: "Local authority",
  HOUSING_PROVIDER: "Housing provider",
  FIRE: "Fire and rescue",
  HEALTH: "Health",
  PROBATION: "Probation",
  VOLUNTARY_SECTOR: "Voluntary sector",
  OTHER_AREA: "Partnership in another area",
  OTHER: "Other",
};
