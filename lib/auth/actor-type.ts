import type { OrganisationKind, Panel, Role } from "@/lib/generated/prisma/enums";

/** The signed-in user as every data-access function sees them, resolved once per request. */
export type Actor = {
  userId: string;
  sessionId: string;
  name: string;
  email: string;
  role: Role;
  panels: Panel[];
  organisationId: string;
  organisationName: string;
  organisationShortName: string;
  organisationKind: OrganisationKind;
};
