import "server-only";
import { db, type Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/unique-violation";
import { auditChange, auditPermissionRefusal, auditRefusal } from "@/lib/audit/data";
import { isUuid } from "@/lib/not-found";
import { can, grantableRoles, roleHas } from "@/lib/auth/permissions";
import { emailPasswordLink } from "@/lib/auth/account";
import type { Actor } from "@/lib/auth/actor-type";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { pageOf, COUNT_CAP, type ListQuery, type Page } from "@/lib/list";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Panel, PanelRequestKind, PanelRequestStatus, Role } from "@/lib/generated/prisma/enums";
import { requestPanelChange } from "@/lib/panels/data";
import { isRestrictedPanel, restrictedAmong } from "@/lib/panels/rules";
import { emailInDomains } from "@/lib/organisations/domains";
import type { InviteUserInput, UserAccessInput, UserFilters, UserSort } from "@/lib/users/schema";

// User administration. Admins manage every organisation's users; managers only their own
// organisation's, and never an administrator. A user outside the actor's reach answers exactly
// like a user that does not exist (404). Every change is audited in the same transaction.
//
// Role, organisation and panels are read from the database on every request (lib/auth/data.ts
// resolveSession), so a change takes effect on the user's next request.
//
// Restricted panels (MARAC): an administrator or manager never grants them, makes someone their
// chair, or recovers a member's account (a reset link, removing two-factor). Each becomes a
// request that a chair of the panel approves (lib/panels), so nobody reaches MARAC content
// through user administration alone.

/** The users the actor may manage, as a where clause; null when they may manage none. */
export function managedUsersWhere(actor: Actor): Prisma.UserWhereInput | null {
  // An API client's service account is managed as its client (lib/api/clients), never as a user.
  if (can(actor, "admin:users-all")) return { isApiClient: false };
  if (can(actor, "admin:users-own-organisation"))
    return { isApiClient: false, organisationId: actor.organisationId, role: { in: grantableRoles(actor) } };
  return null;
}

/** A user outside the actor's reach (or no user at all): audited as a refusal, then answered as missing. */
async function refuse(actor: Actor, userId: string): Promise<never> {
  if (isUuid(userId)) await auditRefusal(actor, "User", userId);
  throw new NotFoundError("user");
}

async function loadManagedUser(actor: Actor, userId: string) {
  const scope = managedUsersWhere(actor);
  if (scope === null || !isUuid(userId)) return refuse(actor, userId);
  const user = await db.user.findFirst({
    where: { AND: [{ id: userId }, scope] },
    select: { id: true, organisationId: true, active: true, role: true, version: true, email: true, panels: { select: { panel: true } } },
  });
  if (!user) return refuse(actor, userId);
  return user;
}

function auditUserChange(tx: Tx, actor: Actor, userId: string, change: string, detail: Record<string, unknown> = {}) {
  return auditChange(tx, actor, "UPDATE", "User", userId, { change, ...detail });
}

/** Refuses roles and organisations the actor may not hand out (audited: it is a refusal, not a typo). */
async function checkGrant(actor: Actor, input: { role: Role; organisationId: string }) {
  if (can(actor, "admin:users-all")) return;
  const errors: Record<string, string[]> = {};
  if (!grantableRoles(actor).includes(input.role)) errors.role = ["Only an administrator can make someone an administrator"];
  if (input.organisationId !== actor.organisationId) errors.organisationId = ["You can only manage users in your own organisation"];
  if (Object.keys(errors).length === 0) return;
  await auditPermissionRefusal(
    actor,
    "admin:users-all",
    errors.role ? "making someone an administrator" : "moving a user to another organisation",
  );
  throw new ValidationError(errors);
}

/** The organisation must be active, and the account's address in one of its e-mail domains. */
async function checkOrganisationUsable(organisationId: string, email: string, emailField: "email" | "organisationId") {
  const organisation = await db.organisation.findUnique({
    where: { id: organisationId },
    select: { active: true, name: true, emailDomains: true },
  });
  if (!organisation) throw new ValidationError({ organisationId: ["Choose an organisation"] });
  if (!organisation.active) throw new ValidationError({ organisationId: ["This organisation has been deactivated. Choose another one"] });
  if (organisation.emailDomains.length === 0) {
    throw new ValidationError({
      [emailField]: [`${organisation.name} has no email domains yet. An administrator adds them on the organisation's page`],
    });
  }
  if (!emailInDomains(email, organisation.emailDomains)) {
    throw new ValidationError({
      [emailField]: [
        `The email address must end in ${organisation.emailDomains.map((d) => `@${d}`).join(" or ")}, the domains of ${organisation.name}`,
      ],
    });
  }
}

/** A panel change an administrator or manager asked for that waits for a chair of the panel. */
export type RequestedChange = { panel: Panel; kind: PanelRequestKind };

export type UserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  panels: Panel[];
  organisationName: string;
  active: boolean;
  twoFactor: boolean;
  lastLoginAt: Date | null;
  passwordSet: boolean;
};

function orderOf(query: ListQuery<UserSort>): Prisma.UserOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "email":
      return [{ email: dir }];
    case "organisation":
      return [{ organisation: { name: dir } }, { name: "asc" }];
    case "lastLogin":
      return [{ lastLoginAt: { sort: dir, nulls: "last" } }, { name: "asc" }];
    default:
      return [{ name: dir }, { id: "asc" }];
  }
}

/** The users the actor manages, filtered, sorted and paged on the server. */
export async function listUsers(actor: Actor, filters: UserFilters, query: ListQuery<UserSort>): Promise<Page<UserRow>> {
  const scope = managedUsersWhere(actor);
  if (scope === null) throw new NotFoundError("user");
  const where: Prisma.UserWhereInput = {
    AND: [
      scope,
      filters.organisationId ? { organisationId: filters.organisationId } : {},
      filters.role ? { role: filters.role } : {},
      filters.panel ? { panels: { some: { panel: filters.panel } } } : {},
      filters.active === undefined ? {} : { active: filters.active },
      filters.text
        ? { OR: [{ name: { contains: filters.text, mode: "insensitive" } }, { email: { contains: filters.text, mode: "insensitive" } }] }
        : {},
    ],
  };
  const [rows, counted] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: orderOf(query),
      skip: query.skip,
      take: query.pageSize,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        active: true,
        totpEnabledAt: true,
        lastLoginAt: true,
        passwordSetAt: true,
        organisation: { select: { name: true } },
        panels: { select: { panel: true } },
      },
    }),
    db.user.count({ where, take: COUNT_CAP + 1 }),
  ]);
  return pageOf(
    rows.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      panels: u.panels.map((p) => p.panel).sort(),
      organisationName: u.organisation.name,
      active: u.active,
      twoFactor: u.totpEnabledAt !== null,
      lastLoginAt: u.lastLoginAt,
      passwordSet: u.passwordSetAt !== null,
    })),
    counted,
    query,
  );
}

export type UserDetail = UserRow & {
  version: number;
  jobTitle: string | null;
  organisationId: string;
  disabledAt: Date | null;
  openSessions: number;
  pendingLink: { purpose: "INVITE" | "RESET"; expiresAt: Date } | null;
  isSelf: boolean;
};

export async function getManagedUser(actor: Actor, userId: string, now = new Date()): Promise<UserDetail> {
  const scope = managedUsersWhere(actor);
  if (scope === null || !isUuid(userId)) return refuse(actor, userId);
  const u = await db.user.findFirst({
    where: { AND: [{ id: userId }, scope] },
    include: {
      organisation: { select: { name: true } },
      panels: { select: { panel: true } },
      passwordTokens: { where: { usedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" }, take: 1 },
      _count: { select: { sessions: { where: { revokedAt: null, expiresAt: { gt: now } } } } },
    },
  });
  if (!u) return refuse(actor, userId);
  const link = u.passwordTokens[0];
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    panels: u.panels.map((p) => p.panel).sort(),
    organisationId: u.organisationId,
    organisationName: u.organisation.name,
    active: u.active,
    twoFactor: u.totpEnabledAt !== null,
    lastLoginAt: u.lastLoginAt,
    passwordSet: u.passwordSetAt !== null,
    version: u.version,
    jobTitle: u.jobTitle,
    disabledAt: u.disabledAt,
    openSessions: u._count.sessions,
    pendingLink: link ? { purpose: link.purpose, expiresAt: link.expiresAt } : null,
    isSelf: u.id === actor.userId,
  };
}

/** Organisations the actor may put users in: every active one for admins, their own for managers. */
export async function assignableOrganisations(actor: Actor): Promise<{ id: string; name: string }[]> {
  if (managedUsersWhere(actor) === null) return [];
  return db.organisation.findMany({
    where: can(actor, "admin:users-all") ? { active: true } : { id: actor.organisationId },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/**
 * Creates a user with no password and e-mails a one-time set-password link to their own address
 * (returned masked, for the person inviting them). A restricted panel asked for is not granted: it
 * becomes a request to that panel's chairs.
 */
export async function inviteUser(
  actor: Actor,
  input: InviteUserInput,
  now = new Date(),
): Promise<{ userId: string; sentTo: string; requested: RequestedChange[] }> {
  if (managedUsersWhere(actor) === null) {
    await auditPermissionRefusal(actor, "admin:users-own-organisation", "inviting a user");
    throw new NotFoundError("user");
  }
  await checkGrant(actor, input);
  await checkOrganisationUsable(input.organisationId, input.email, "email");
  const emailTaken = () => new ValidationError({ email: ["A user with this email address already exists"] });
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw emailTaken();
  const granted = input.panels.filter((panel) => !isRestrictedPanel(panel));
  const requested = restrictedAmong(input.panels).map((panel) => ({ panel, kind: "MEMBERSHIP" as const }));
  return db.$transaction(async (tx) => {
    const data = {
      name: input.name,
      email: input.email,
      jobTitle: input.jobTitle,
      organisationId: input.organisationId,
      role: input.role,
      panels: { create: granted.map((panel) => ({ panel, addedById: actor.userId })) },
    };
    // Two invitations for the same address at once: the second meets the unique index.
    const user = await tx.user.create({ data }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    });
    // The invitation is e-mailed to the new account's own address: nobody else sees the link.
    const sentTo = await emailPasswordLink(tx, user.id, "INVITE", now);
    await auditChange(tx, actor, "CREATE", "User", user.id, {
      change: "user invited",
      organisationId: input.organisationId,
      role: input.role,
      panels: granted,
    });
    for (const change of requested) await requestPanelChange(tx, actor, { userId: user.id, ...change });
    return { userId: user.id, sentTo, requested };
  });
}

/**
 * Changes a user's organisation, role and panels. A move to another organisation also ends their
 * sessions; a role or panel change applies from their next request without signing them out.
 * Adding a restricted panel, or making one of its members a chair, becomes a request to the
 * panel's chairs; everything else in the form is saved at once. Taking someone off a panel is not
 * restricted: it only ever narrows what they see.
 */
export async function changeUserAccess(
  actor: Actor,
  userId: string,
  version: number,
  input: UserAccessInput,
): Promise<{ requested: RequestedChange[] }> {
  const user = await loadManagedUser(actor, userId);
  if (user.id === actor.userId)
    throw new ForbiddenError("You cannot change your own role, organisation or panels. Ask another administrator");
  await checkGrant(actor, input);
  if (input.organisationId !== user.organisationId) await checkOrganisationUsable(input.organisationId, user.email, "organisationId");
  const before = { organisationId: user.organisationId, role: user.role, panels: user.panels.map((p) => p.panel).sort() };
  const moved = input.organisationId !== user.organisationId;

  const requested: RequestedChange[] = [];
  const panels = input.panels.filter((panel) => {
    if (before.panels.includes(panel) || !isRestrictedPanel(panel)) return true;
    requested.push({ panel, kind: "MEMBERSHIP" });
    return false;
  });
  let role = input.role;
  const chairedRestricted = before.panels.filter((panel) => isRestrictedPanel(panel) && panels.includes(panel));
  if (roleHas(role, "meeting:run") && !roleHas(before.role, "meeting:run") && chairedRestricted.length > 0) {
    for (const panel of chairedRestricted) requested.push({ panel, kind: "CHAIR" });
    role = before.role;
  }

  await db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: user.id, version },
      data: {
        organisationId: input.organisationId,
        role,
        version: { increment: 1 },
        ...(moved ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    if (updated.count !== 1)
      throw new ConflictError("Someone else changed this user while you were editing. Check the details and try again");
    const removed = before.panels.filter((p) => !panels.includes(p));
    const added = panels.filter((p) => !before.panels.includes(p));
    if (removed.length > 0) await tx.panelMembership.deleteMany({ where: { userId: user.id, panel: { in: removed } } });
    if (added.length > 0)
      await tx.panelMembership.createMany({ data: added.map((panel) => ({ userId: user.id, panel, addedById: actor.userId })) });
    if (moved) await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await auditUserChange(tx, actor, user.id, "access changed", { before, after: { organisationId: input.organisationId, role, panels } });
    for (const change of requested) await requestPanelChange(tx, actor, { userId: user.id, ...change });
  });
  return { requested };
}

/** Disables a user and ends every session they have, effective on their next request. */
export async function disableUser(actor: Actor, userId: string): Promise<void> {
  const user = await loadManagedUser(actor, userId);
  if (user.id === actor.userId) throw new NotFoundError("user");
  await db.$transaction(async (tx) => {
    const now = new Date();
    await tx.user.update({
      where: { id: user.id },
      data: { active: false, disabledAt: now, sessionVersion: { increment: 1 }, version: { increment: 1 } },
    });
    await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await auditUserChange(tx, actor, user.id, "disabled");
  });
}

export async function enableUser(actor: Actor, userId: string): Promise<void> {
  const user = await loadManagedUser(actor, userId);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { active: true, disabledAt: null, version: { increment: 1 } } });
    await auditUserChange(tx, actor, user.id, "re-enabled");
  });
}

/** The restricted panel whose chairs must approve recovering this account, if any. */
function recoveryPanel(user: { panels: { panel: Panel }[] }): Panel | undefined {
  return user.panels.map((p) => p.panel).find(isRestrictedPanel);
}

/** What an account-recovery step did: a link e-mailed to the account (its address, masked), or a request sent to a panel's chairs. */
export type RecoveryOutcome =
  | { sentTo: string; requested?: undefined }
  | { sentTo?: undefined; requested: RequestedChange }
  | { sentTo?: undefined; requested?: undefined };

async function askChairs(actor: Actor, userId: string, change: RequestedChange): Promise<RecoveryOutcome> {
  await db.$transaction((tx) => requestPanelChange(tx, actor, { userId, ...change }));
  return { requested: change };
}

/**
 * E-mails a one-time reset link to the user's own address and ends their sessions. Their password
 * keeps working until the link is used; two-factor sign-in is untouched (a reset never bypasses
 * it). For a member of a restricted panel it is a request to that panel's chairs first.
 */
export async function resetPassword(actor: Actor, userId: string, now = new Date()): Promise<RecoveryOutcome> {
  const user = await loadManagedUser(actor, userId);
  if (user.id === actor.userId) throw new ForbiddenError("Change your own password from Your account");
  const panel = recoveryPanel(user);
  if (panel) return askChairs(actor, user.id, { panel, kind: "PASSWORD_RESET" });
  return db.$transaction(async (tx) => {
    const sentTo = await emailPasswordLink(tx, user.id, "RESET", now);
    await tx.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await auditUserChange(tx, actor, user.id, "password reset link e-mailed");
    return { sentTo };
  });
}

/** The invitation e-mailed again to a user who has not set a password yet (the old link stops working). */
export async function reissueInvitation(actor: Actor, userId: string, now = new Date()): Promise<RecoveryOutcome> {
  const user = await loadManagedUser(actor, userId);
  const full = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordSetAt: true } });
  if (full.passwordSetAt) throw new ConflictError("This user has already set a password. Reset it instead");
  const panel = recoveryPanel(user);
  if (panel) return askChairs(actor, user.id, { panel, kind: "PASSWORD_RESET" });
  return db.$transaction(async (tx) => {
    const sentTo = await emailPasswordLink(tx, user.id, "INVITE", now);
    await auditUserChange(tx, actor, user.id, "invitation e-mailed again");
    return { sentTo };
  });
}

/**
 * Removes a user's two-factor sign-in when they have lost their phone and their recovery codes.
 * A deliberate, audited step of its own (a password reset never does this); their sessions end,
 * and where two-factor is required they must set it up again at their next sign-in. For a member
 * of a restricted panel it is a request to that panel's chairs.
 */
export async function removeTwoFactor(actor: Actor, userId: string): Promise<RecoveryOutcome> {
  const user = await loadManagedUser(actor, userId);
  if (user.id === actor.userId) throw new ForbiddenError("Turn off your own two-factor sign-in from Your account");
  const panel = recoveryPanel(user);
  if (panel) return askChairs(actor, user.id, { panel, kind: "REMOVE_TWO_FACTOR" });
  await db.$transaction(async (tx) => {
    const now = new Date();
    await tx.user.update({
      where: { id: user.id },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 }, version: { increment: 1 } },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await auditUserChange(tx, actor, user.id, "two-factor sign-in removed");
  });
  return {};
}

export type UserPanelRequest = {
  id: string;
  panel: Panel;
  kind: PanelRequestKind;
  status: PanelRequestStatus;
  requestedAt: Date;
  requestedBy: string;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionNote: string | null;
};

/** The requests to panel chairs about a user the actor manages, newest first (the user's page). */
export async function panelRequestsForUser(actor: Actor, userId: string): Promise<UserPanelRequest[]> {
  const user = await loadManagedUser(actor, userId);
  const rows = await db.panelRequest.findMany({
    where: { userId: user.id },
    orderBy: { requestedAt: "desc" },
    take: 50,
    include: { requestedBy: { select: { name: true } }, decidedBy: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    panel: r.panel,
    kind: r.kind,
    status: r.status,
    requestedAt: r.requestedAt,
    requestedBy: r.requestedBy.name,
    decidedAt: r.decidedAt,
    decidedBy: r.decidedBy?.name ?? null,
    decisionNote: r.decisionNote,
  }));
}

/** Ends all of a user's sessions (a lost device, a suspected compromise). */
export async function endAllSessions(actor: Actor, userId: string): Promise<void> {
  const user = await loadManagedUser(actor, userId);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await auditUserChange(tx, actor, user.id, "sessions ended");
  });
}
