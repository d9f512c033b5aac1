import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/data";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/actor-type";
import {
  ACCOUNT_FAILURE_LIMIT,
  IP_FAILURE_LIMIT,
  LOCKOUT_DURATION_MS,
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_TOUCH_INTERVAL_MS,
  THROTTLE_WINDOW_MS,
} from "@/lib/auth/policy";

// Sign-in, throttling and server-side sessions. Everything here is kept in PostgreSQL, so it
// holds when several app instances run behind a load balancer.

export type SignInAttempt = { email: string; password: string; ip: string | null; userAgent: string | null };

export type SignInResult =
  | { ok: true; userId: string; sessionId: string; sessionVersion: number }
  | { ok: false; reason: "INVALID" | "LOCKED" };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

type ThrottleKey = { scope: "account" | "ip"; key: string };

function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ scope: "account", key: email }];
  if (ip) keys.push({ scope: "ip", key: ip });
  return keys;
}

async function isLocked(keys: ThrottleKey[], now: Date): Promise<boolean> {
  const locked = await db.signInThrottle.findFirst({
    where: { OR: keys.map((k) => ({ scope: k.scope, key: k.key })), lockedUntil: { gt: now } },
    select: { key: true },
  });
  return locked !== null;
}

/** Counts a failure atomically (one statement per key) and locks the key when it reaches its limit. */
async function recordFailure(keys: ThrottleKey[], now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lockUntil = new Date(now.getTime() + LOCKOUT_DURATION_MS);
  for (const { scope, key } of keys) {
    const limit = scope === "account" ? ACCOUNT_FAILURE_LIMIT : IP_FAILURE_LIMIT;
    await db.$executeRaw`
      INSERT INTO "SignInThrottle" (scope, key, failures, "firstFailureAt", "lockedUntil")
      VALUES (${scope}, ${key}, 1, ${now}, NULL)
      ON CONFLICT (scope, key) DO UPDATE SET
        failures = CASE WHEN "SignInThrottle"."firstFailureAt" < ${windowStart} THEN 1 ELSE "SignInThrottle".failures + 1 END,
        "firstFailureAt" = CASE WHEN "SignInThrottle"."firstFailureAt" < ${windowStart} THEN ${now} ELSE "SignInThrottle"."firstFailureAt" END,
        "lockedUntil" = CASE
          WHEN "SignInThrottle"."firstFailureAt" >= ${windowStart} AND "SignInThrottle".failures + 1 >= ${limit} THEN ${lockUntil}::timestamptz
          ELSE "SignInThrottle"."lockedUntil" END`;
  }
}

/**
 * Checks an e-mail and password. Every outcome is audited. Bad credentials and unknown accounts
 * give the same answer after the same work; a locked key is refused before the password is checked.
 */
export async function signInWithPassword(attempt: SignInAttempt, now = new Date()): Promise<SignInResult> {
  const email = normaliseEmail(attempt.email);
  const keys = throttleKeys(email, attempt.ip);

  if (await isLocked(keys, now)) {
    await audit({ action: "SIGN_IN_FAILURE", entityType: "User", detail: { email, reason: "locked" }, ip: attempt.ip });
    return { ok: false, reason: "LOCKED" };
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, organisationId: true, passwordHash: true, active: true, sessionVersion: true, organisation: { select: { active: true } } },
  });

  const passwordOk = user?.passwordHash ? await verifyPassword(user.passwordHash, attempt.password) : await verifyAgainstDummy(attempt.password);
  const allowed = user !== null && passwordOk && user.active && user.organisation.active;

  if (!allowed) {
    await recordFailure(keys, now);
    await audit({
      action: "SIGN_IN_FAILURE",
      userId: user?.id ?? null,
      organisationId: user?.organisationId ?? null,
      entityType: "User",
      entityId: user?.id ?? null,
      detail: { email, reason: !user ? "unknown account" : !passwordOk ? "wrong password" : "account disabled" },
      ip: attempt.ip,
    });
    return { ok: false, reason: "INVALID" };
  }

  const session = await db.$transaction(async (tx) => {
    await tx.signInThrottle.deleteMany({ where: { scope: "account", key: email } });
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    return tx.userSession.create({
      data: {
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_LIFETIME_MS),
        ip: attempt.ip,
        userAgent: attempt.userAgent?.slice(0, 300) ?? null,
      },
    });
  });
  await audit({ action: "SIGN_IN", userId: user.id, organisationId: user.organisationId, entityType: "UserSession", entityId: session.id, ip: attempt.ip });
  return { ok: true, userId: user.id, sessionId: session.id, sessionVersion: user.sessionVersion };
}

/**
 * Resolves a session named by a cookie into the actor, or null when the session has ended for any
 * reason: signed out, idle for 30 minutes, older than 12 hours, user disabled or their role,
 * organisation or panels changed (sessionVersion), or their organisation deactivated.
 */
export async function resolveSession(sessionId: string, sessionVersion: number, now = new Date()): Promise<Actor | null> {
  const session = await db.userSession.findUnique({
    where: { id: sessionId },
    include: { user: { include: { organisation: true, panels: { select: { panel: true } } } } },
  });
  if (!session || session.revokedAt) return null;

  const { user } = session;
  const idleFor = now.getTime() - session.lastSeenAt.getTime();
  const ended =
    session.expiresAt <= now ||
    idleFor > SESSION_IDLE_TIMEOUT_MS ||
    !user.active ||
    !user.organisation.active ||
    user.sessionVersion !== sessionVersion;
  if (ended) {
    await db.userSession.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: now } });
    return null;
  }

  if (idleFor > SESSION_TOUCH_INTERVAL_MS) {
    await db.userSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }

  return {
    userId: user.id,
    sessionId: session.id,
    name: user.name,
    email: user.email,
    role: user.role,
    panels: user.panels.map((p) => p.panel).sort(),
    organisationId: user.organisationId,
    organisationName: user.organisation.name,
    organisationShortName: user.organisation.shortName,
    organisationKind: user.organisation.kind,
  };
}

export async function endSession(actor: Pick<Actor, "sessionId" | "userId" | "organisationId">): Promise<void> {
  await db.userSession.updateMany({ where: { id: actor.sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  await audit({ action: "SIGN_OUT", userId: actor.userId, organisationId: actor.organisationId, entityType: "UserSession", entityId: actor.sessionId });
}

export async function endSessionById(sessionId: string, userId: string): Promise<void> {
  const ended = await db.userSession.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (ended.count > 0) await audit({ action: "SIGN_OUT", userId, entityType: "UserSession", entityId: sessionId });
}
