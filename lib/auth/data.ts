import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/data";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/actor-type";
import type { Tx } from "@/lib/db";
import { checkTotp, decryptSecret, hashRecoveryCode, looksLikeTotpCode } from "@/lib/auth/totp";
import {
  ACCOUNT_FAILURE_LIMIT,
  IP_FAILURE_LIMIT,
  LOCKOUT_DURATION_MS,
  MFA_REQUIRED_FOR_ALL_SETTING,
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_TOUCH_INTERVAL_MS,
  THROTTLE_WINDOW_MS,
} from "@/lib/auth/policy";

// Sign-in, throttling and server-side sessions. Everything here is kept in PostgreSQL, so it
// holds when several app instances run behind a load balancer.

/** `code`: the second step, a 6-digit TOTP code or a recovery code, for users who have enrolled. */
export type SignInAttempt = { email: string; password: string; code?: string | null; ip: string | null; userAgent: string | null };

export type SignInResult =
  | { ok: true; userId: string; sessionId: string; sessionVersion: number }
  | { ok: false; reason: "INVALID" | "LOCKED" | "CODE_REQUIRED" | "CODE_INVALID" };

/** The actor as a session gives it, and whether they must still set up two-factor sign-in. */
export type SessionActor = Actor & { twoFactorPending: boolean };

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
    select: {
      id: true,
      organisationId: true,
      passwordHash: true,
      active: true,
      sessionVersion: true,
      totpSecret: true,
      totpEnabledAt: true,
      totpLastStep: true,
      organisation: { select: { active: true } },
    },
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
      detail: { email, reason: !user ? "unknown account" : !passwordOk ? "wrong password" : !user.active ? "account disabled" : "organisation deactivated" },
      ip: attempt.ip,
    });
    return { ok: false, reason: "INVALID" };
  }

  // The second step: a user who has enrolled must also give a code. Until both pass, no session
  // exists. A password alone only learns that a code is needed (the form then asks for it).
  const twoFactor = user.totpEnabledAt !== null && user.totpSecret !== null;
  const code = attempt.code?.trim() ?? "";
  if (twoFactor && code === "") return { ok: false, reason: "CODE_REQUIRED" };

  const session = await db.$transaction(async (tx) => {
    if (twoFactor) {
      const second = await acceptSecondFactor(tx, { id: user.id, totpSecret: user.totpSecret!, totpLastStep: user.totpLastStep }, code, now);
      if (!second.ok) return second;
    }
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
  if ("reason" in session) {
    await recordFailure(keys, now);
    await audit({
      action: "SIGN_IN_FAILURE",
      userId: user.id,
      organisationId: user.organisationId,
      entityType: "User",
      entityId: user.id,
      detail: { email, reason: session.reason },
      ip: attempt.ip,
    });
    return { ok: false, reason: "CODE_INVALID" };
  }
  await audit({
    action: "SIGN_IN",
    userId: user.id,
    organisationId: user.organisationId,
    entityType: "UserSession",
    entityId: session.id,
    detail: { method: twoFactor ? (looksLikeTotpCode(code) ? "password and authenticator code" : "password and recovery code") : "password" },
    ip: attempt.ip,
  });
  return { ok: true, userId: user.id, sessionId: session.id, sessionVersion: user.sessionVersion };
}

type SecondFactorOutcome = { ok: true } | { ok: false; reason: "wrong code" | "reused code" | "wrong recovery code" };

/**
 * Spends a TOTP code or a recovery code. Both are spent with a conditional update, so two
 * sign-ins racing with the same code cannot both succeed.
 */
async function acceptSecondFactor(tx: Tx, user: { id: string; totpSecret: string; totpLastStep: bigint | null }, code: string, now: Date): Promise<SecondFactorOutcome> {
  if (looksLikeTotpCode(code)) {
    const lastStep = user.totpLastStep === null ? null : Number(user.totpLastStep);
    const check = checkTotp(decryptSecret(user.totpSecret), code, now, lastStep);
    if (!check.ok) return check;
    const spent = await tx.user.updateMany({
      where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: BigInt(check.step) } }] },
      data: { totpLastStep: BigInt(check.step) },
    });
    return spent.count === 1 ? { ok: true } : { ok: false, reason: "reused code" };
  }
  const used = await tx.recoveryCode.updateMany({ where: { userId: user.id, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: now } });
  return used.count === 1 ? { ok: true } : { ok: false, reason: "wrong recovery code" };
}

/** Whether an administrator has made two-factor sign-in compulsory for every user. */
export async function mfaRequiredForAll(): Promise<boolean> {
  const row = await db.setting.findUnique({ where: { key: MFA_REQUIRED_FOR_ALL_SETTING } });
  return row?.value === true;
}

/**
 * Resolves a session named by a cookie into the actor, or null when the session has ended for any
 * reason: signed out, idle for 30 minutes, older than 12 hours, user disabled or their role,
 * organisation or panels changed (sessionVersion), or their organisation deactivated.
 */
export async function resolveSession(sessionId: string, sessionVersion: number, now = new Date()): Promise<SessionActor | null> {
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

  // A user who must use two-factor sign-in but has not set it up yet gets only the set-up page.
  const twoFactorPending = user.totpEnabledAt === null && (user.organisation.mfaRequired || (await mfaRequiredForAll()));

  return {
    twoFactorPending,
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
