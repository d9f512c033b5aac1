import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/data";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor-type";
import { NotFoundError } from "@/lib/errors";

// User administration. Admins manage every organisation's users; managers only their own.
// A user outside the actor's reach answers exactly like a user that does not exist.

async function loadManagedUser(actor: Actor, userId: string) {
  const scope = can(actor, "admin:users-all")
    ? {}
    : can(actor, "admin:users-own-organisation")
      ? { organisationId: actor.organisationId }
      : null;
  if (scope === null) throw new NotFoundError("user");
  const user = await db.user.findFirst({ where: { id: userId, ...scope }, select: { id: true, organisationId: true, active: true } });
  if (!user) throw new NotFoundError("user");
  return user;
}

/** Disables a user and ends every session they have, effective on their next request. */
export async function disableUser(actor: Actor, userId: string): Promise<void> {
  const user = await loadManagedUser(actor, userId);
  if (user.id === actor.userId) throw new NotFoundError("user");
  await db.$transaction(async (tx) => {
    const now = new Date();
    await tx.user.update({ where: { id: user.id }, data: { active: false, disabledAt: now, sessionVersion: { increment: 1 }, version: { increment: 1 } } });
    await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, { action: "UPDATE", userId: actor.userId, organisationId: actor.organisationId, entityType: "User", entityId: user.id, detail: { change: "disabled" } });
  });
}

/** Ends all of a user's sessions (a lost device, a suspected compromise). */
export async function endAllSessions(actor: Actor, userId: string): Promise<void> {
  const user = await loadManagedUser(actor, userId);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { action: "UPDATE", userId: actor.userId, organisationId: actor.organisationId, entityType: "User", entityId: user.id, detail: { change: "sessions ended" } });
  });
}
