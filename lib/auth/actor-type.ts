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

/** A user as read for an actor: their organisation and panels with them. */
export type ActorSource = {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisationId: string;
  organisation: { name: string; shortName: string; kind: OrganisationKind };
};

/**
 * The one way an actor is made from a user (a session, background work, an API client acting
 * through its service user): panels sorted, the organisation's names beside its id.
 */
export function actorFrom(user: ActorSource, sessionId: string, panels: readonly Panel[]): Actor {
  return {
    userId: user.id,
    sessionId,
    name: user.name,
    email: user.email,
    role: user.role,
    panels: [...panels].sort(),
    organisationId: user.organisationId,
    organisationName: user.organisation.name,
    organisationShortName: user.organisation.shortName,
    organisationKind: user.organisation.kind,
  };
}
