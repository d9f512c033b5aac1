import type { Panel, Role } from "@/lib/generated/prisma/enums";

// The one map from roles to permissions. A role or permission not listed here is refused.
// Panel membership (CCM, MARAC) is separate from role: it is checked where panel data is read.

export const PERMISSIONS = [
  "incident:read",
  "incident:write",
  "person:read",
  "person:write",
  "person:merge",
  "place:read",
  "place:write",
  "case:read",
  "case:write",
  "power:read",
  "power:write",
  "power-kind:manage",
  "referral:create",
  "referral:triage",
  "referral:withdraw-organisation",
  "meeting:run",
  "return:read",
  "return:read-partnership",
  "admin:access",
  "admin:users-own-organisation",
  "admin:users-all",
  "admin:organisations",
  "audit:read",
  "audit:seen-organisation",
  "import:run",
  "api-client:manage",
  "api-client:oversee",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ_CASEWORK: Permission[] = ["incident:read", "person:read", "place:read", "case:read", "power:read"];
const WRITE_CASEWORK: Permission[] = ["incident:write", "person:write", "place:write", "case:write", "power:write", "referral:create"];

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  // Being an admin alone grants no case content.
  // An administrator sees every organisation's API clients and can revoke one, but cannot make one:
  // a client reads case content, which being an admin never grants.
  ADMIN: new Set<Permission>([
    "admin:access",
    "admin:users-all",
    "admin:organisations",
    "audit:read",
    "power-kind:manage",
    "api-client:oversee",
  ]),
  MANAGER: new Set<Permission>([
    ...READ_CASEWORK,
    ...WRITE_CASEWORK,
    "person:merge",
    "return:read",
    "return:read-partnership",
    "admin:access",
    "admin:users-own-organisation",
    // Managers oversee their organisation's work: they withdraw its referrals (the officer may be
    // away, or have left) and see who has viewed the cases it leads.
    "referral:withdraw-organisation",
    "audit:seen-organisation",
    // Bringing in a partner system's records: upload, check, review likely duplicates, import.
    "import:run",
    // A partner system's API client for their organisation: it can do no more than they can.
    "api-client:manage",
  ]),
  CHAIR: new Set<Permission>([...READ_CASEWORK, ...WRITE_CASEWORK, "referral:triage", "meeting:run", "return:read"]),
  OFFICER: new Set<Permission>([...READ_CASEWORK, ...WRITE_CASEWORK, "return:read"]),
  VIEWER: new Set<Permission>([...READ_CASEWORK]),
};

export function roleHas(role: Role | string, permission: Permission | string): boolean {
  const granted = (ROLE_PERMISSIONS as Record<string, ReadonlySet<string> | undefined>)[role];
  return granted?.has(permission) ?? false;
}

/** The roles granted `permission`, for queries over users (who can be given an action, who chairs). */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => ROLE_PERMISSIONS[role].has(permission));
}

/**
 * The roles the actor may give a user: every role, for those who manage all users; otherwise none
 * that would let the user manage all users (a manager cannot make an administrator).
 */
export function grantableRoles(actor: ActorLike): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter(
    (role) => can(actor, "admin:users-all") || !ROLE_PERMISSIONS[role].has("admin:users-all"),
  );
}

export type ActorLike = { role: Role; panels: readonly Panel[] };

export function can(actor: ActorLike | null | undefined, permission: Permission): boolean {
  return actor ? roleHas(actor.role, permission) : false;
}

export function isPanelMember(actor: ActorLike | null | undefined, panel: Panel): boolean {
  return actor ? actor.panels.includes(panel) : false;
}

/** Chairs triage referrals and run meetings for their own panel only. */
export function chairsPanel(actor: ActorLike | null | undefined, panel: Panel): boolean {
  return can(actor, "meeting:run") && isPanelMember(actor, panel);
}

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Administrator",
  MANAGER: "Manager",
  CHAIR: "Chair",
  OFFICER: "Officer",
  VIEWER: "Viewer",
};
