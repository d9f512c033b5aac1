import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/data";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { actorFrom, type Actor } from "@/lib/auth/actor-type";
import type { Tx } from "@/lib/db";
import { issueSecondStepTicket, readSecondStepTicket, ticketStillHolds } from "@/lib/auth/second-step";
import { checkTotp, decryptSecret, hashRecoveryCode, looksLikeTotpCode } from "@/lib/auth/totp";
import { notify } from "@/lib/notifications/data/outbox";
import {
  ADDRESS_BLOCK_MS,
  ADDRESS_FAILURE_LIMIT,
  ADDRESS_WINDOW_MS,
  MFA_REQUIRED_FOR_ALL_SETTING,
  PAIR_WINDOW_MS,
  pairDelayMs,
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_TOUCH_INTERVAL_MS,
} from "@/lib/auth/policy";

// Sign-in, throttling and server-side sessions. Everything here is kept in PostgreSQL, so it
// holds when several app instances run behind a load balancer.

/** `code`: the second step, a 6-digit TOTP code or a recovery code, for users who have enrolled. */
export type SignInAttempt = { email: string; password: string; code?: string | null; ip: string | null; userAgent: string | null };

export type SignInResult =
  | { ok: true; userId: string; sessionId: string; sessionVersion: number }
  | { ok: false; reason: "INVALID" | "TICKET_EXPIRED" }
  | { ok: false; reason: "CODE_REQUIRED" | "CODE_INVALID"; ticket: string }
  | { ok: false; reason: "LOCKED"; retryAt: Date };

/** The actor as a session gives it, and whether they must still set up two-factor sign-in. */
export type SessionActor = Actor & { twoFactorPending: boolean };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// ───────────────────────────── Throttling ─────────────────────────────
// Two counters (policy in lib/auth/policy.ts): the account at this address, with a back-off that
// doubles up to 15 minutes; and the address across all accounts, blocked at a high limit.

type ThrottleKey = { scope: "pair" | "address"; key: string };

/** The address part of a key when the app was not told one (e.g. started without lib/http/server). */
const UNKNOWN_ADDRESS = "unknown";

function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  // An address holds no space, so "email address" splits only one way.
  const keys: ThrottleKey[] = [{ scope: "pair", key: `${email} ${ip ?? UNKNOWN_ADDRESS}` }];
  if (ip) keys.push({ scope: "address", key: ip });
  return keys;
}

/** When the latest lock on any of the keys ends, or null when none holds now. */
async function lockedUntil(keys: ThrottleKey[], now: Date): Promise<Date | null> {
  const locks = await db.signInThrottle.findMany({
    where: { OR: keys.map((k) => ({ scope: k.scope, key: k.key })), lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const ends = locks.map((l) => l.lockedUntil!.getTime());
  return ends.length > 0 ? new Date(Math.max(...ends)) : null;
}

/**
 * Counts a failure atomically (one statement per key) and sets the key's lock from its count.
 * When the account's own count at this address starts being slowed, its owner is told (a security
 * message: it cannot be turned off), once per run of failures.
 */
async function recordFailure(keys: ThrottleKey[], now: Date, userId?: string): Promise<void> {
  for (const { scope, key } of keys) {
    if (scope === "pair") {
      const windowStart = new Date(now.getTime() - PAIR_WINDOW_MS);
      const rows = await db.$queryRaw<{ failures: number }[]>`
        INSERT INTO "SignInThrottle" (scope, key, failures, "firstFailureAt", "lockedUntil")
        VALUES (${scope}, ${key}, 1, ${now}, NULL)
        ON CONFLICT (scope, key) DO UPDATE SET
          failures = CASE WHEN "SignInThrottle"."firstFailureAt" < ${windowStart} THEN 1 ELSE "SignInThrottle".failures + 1 END,
          "firstFailureAt" = ${now}
        RETURNING failures`;
      const failures = rows[0]?.failures ?? 1;
      const delay = pairDelayMs(failures);
      if (delay > 0)
        await db.signInThrottle.update({ where: { scope_key: { scope, key } }, data: { lockedUntil: new Date(now.getTime() + delay) } });
      if (userId && delay > 0 && pairDelayMs(failures - 1) === 0) {
        await db.$transaction((tx) => notify(tx, { kind: "SIGN_IN_THROTTLED", userIds: [userId], link: "/account" }));
      }
    } else {
      const windowStart = new Date(now.getTime() - ADDRESS_WINDOW_MS);
      const blockUntil = new Date(now.getTime() + ADDRESS_BLOCK_MS);
      await db.$executeRaw`
        INSERT INTO "SignInThrottle" (scope, key, failures, "firstFailureAt", "lockedUntil")
        VALUES (${scope}, ${key}, 1, ${now}, NULL)
        ON CONFLICT (scope, key) DO UPDATE SET
          failures = CASE WHEN "SignInThrottle"."firstFailureAt" < ${windowStart} THEN 1 ELSE "SignInThrottle".failures + 1 END,
          "firstFailureAt" = CASE WHEN "SignInThrottle"."firstFailureAt" < ${windowStart} THEN ${now} ELSE "SignInThrottle"."firstFailureAt" END,
          "lockedUntil" = CASE
            WHEN "SignInThrottle"."firstFailureAt" >= ${windowStart} AND "SignInThrottle".failures + 1 >= ${ADDRESS_FAILURE_LIMIT} THEN ${blockUntil}::timestamptz
            ELSE "SignInThrottle"."lockedUntil" END`;
    }
  }
}

const SIGN_IN_USER = {
  id: true,
  email: true,
  organisationId: true,
  passwordHash: true,
  active: true,
  sessionVersion: true,
  totpSecret: true,
  totpEnabledAt: true,
  totpLastStep: true,
  organisation: { select: { active: true } },
} as const;

type SignInUser = {
  id: string;
  email: string;
  organisationId: string;
  passwordHash: string | null;
  sessionVersion: number;
  totpSecret: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: bigint | null;
};

type Client = { ip: string | null; userAgent: string | null };

function auditFailure(user: { id: string; organisationId: string } | null, email: string, reason: string, ip: string | null) {
  return audit({
    action: "SIGN_IN_FAILURE",
    userId: user?.id ?? null,
    organisationId: user?.organisationId ?? null,
    entityType: "User",
    entityId: user?.id ?? null,
    detail: { email, reason },
    ip,
  });
}

/** A throttled attempt is refused before any password or code is checked, and audited. */
async function refuseIfThrottled(keys: ThrottleKey[], email: string, ip: string | null, now: Date): Promise<SignInResult | null> {
  const retryAt = await lockedUntil(keys, now);
  if (!retryAt) return null;
  await auditFailure(null, email, "throttled", ip);
  return { ok: false, reason: "LOCKED", retryAt };
}

/**
 * Checks an e-mail and password (and, when given, the second factor in the same step). Every
 * outcome is audited with the client's address. Bad credentials and unknown accounts give the
 * same answer after the same work; a throttled attempt is refused before the password is checked.
 * For a user with two-factor sign-in and no code, the answer is CODE_REQUIRED with a short-lived
 * ticket (lib/auth/second-step.ts) that the form sends back with the code, instead of the password.
 */
export async function signInWithPassword(attempt: SignInAttempt, now = new Date()): Promise<SignInResult> {
  const email = normaliseEmail(attempt.email);
  const keys = throttleKeys(email, attempt.ip);
  const throttled = await refuseIfThrottled(keys, email, attempt.ip, now);
  if (throttled) return throttled;

  const user = await db.user.findUnique({ where: { email }, select: SIGN_IN_USER });
  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, attempt.password)
    : await verifyAgainstDummy(attempt.password);
  const allowed = user !== null && passwordOk && user.active && user.organisation.active;

  if (!allowed) {
    await recordFailure(keys, now, user?.id);
    await auditFailure(
      user,
      email,
      !user ? "unknown account" : !passwordOk ? "wrong password" : !user.active ? "account disabled" : "organisation deactivated",
      attempt.ip,
    );
    return { ok: false, reason: "INVALID" };
  }

  // The second step: a user who has enrolled must also give a code. Until both pass, no session
  // exists. A password alone only learns that a code is needed (the form then asks for it).
  const code = attempt.code?.trim() ?? "";
  if (hasTwoFactor(user) && code === "") return { ok: false, reason: "CODE_REQUIRED", ticket: issueSecondStepTicket(user, now) };
  return completeSignIn(user, keys, code, attempt, now);
}

/**
 * The second step on its own: the ticket from CODE_REQUIRED and the code. The ticket stands in for
 * the password for five minutes, and only while the account, its password and its session version
 * are unchanged; the code is checked and spent as in one step, and failures are throttled alike.
 */
export async function signInWithSecondStep(attempt: { ticket: string; code: string } & Client, now = new Date()): Promise<SignInResult> {
  const claim = readSecondStepTicket(attempt.ticket, now);
  const user = claim ? await db.user.findUnique({ where: { id: claim.userId }, select: SIGN_IN_USER }) : null;
  if (!claim || !user || !user.active || !user.organisation.active || !hasTwoFactor(user) || !ticketStillHolds(claim, user)) {
    return { ok: false, reason: "TICKET_EXPIRED" };
  }
  const keys = throttleKeys(user.email, attempt.ip);
  const throttled = await refuseIfThrottled(keys, user.email, attempt.ip, now);
  if (throttled) return throttled;
  const code = attempt.code.trim();
  if (code === "") return { ok: false, reason: "CODE_REQUIRED", ticket: attempt.ticket };
  return completeSignIn(user, keys, code, attempt, now);
}

function hasTwoFactor(user: SignInUser): boolean {
  return user.totpEnabledAt !== null && user.totpSecret !== null;
}

/** Spends the second factor (if the account has one) and creates the session, or counts a failure. */
async function completeSignIn(user: SignInUser, keys: ThrottleKey[], code: string, client: Client, now: Date): Promise<SignInResult> {
  const twoFactor = hasTwoFactor(user);
  const session = await db.$transaction(async (tx) => {
    if (twoFactor) {
      const second = await acceptSecondFactor(
        tx,
        { id: user.id, totpSecret: user.totpSecret!, totpLastStep: user.totpLastStep },
        code,
        now,
      );
      if (!second.ok) return second;
    }
    // The account's own count at this address starts again; the address's count does not.
    await tx.signInThrottle.deleteMany({ where: { scope: "pair", key: keys[0]!.key } });
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    // A sign-in from a browser and address this account has not used before tells its owner (not the very first one).
    const before = await tx.userSession.count({ where: { userId: user.id } });
    const seen = await tx.userSession.count({
      where: { userId: user.id, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null },
    });
    if (before > 0 && seen === 0) await notify(tx, { kind: "SIGN_IN_NEW_DEVICE", userIds: [user.id], link: "/account" });
    return tx.userSession.create({
      data: {
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_LIFETIME_MS),
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 300) ?? null,
      },
    });
  });
  if ("reason" in session) {
    await recordFailure(keys, now, user.id);
    await auditFailure(user, user.email, session.reason, client.ip);
    return { ok: false, reason: "CODE_INVALID", ticket: issueSecondStepTicket(user, now) };
  }
  await audit({
    action: "SIGN_IN",
    userId: user.id,
    organisationId: user.organisationId,
    entityType: "UserSession",
    entityId: session.id,
    detail: {
      method: twoFactor ? (looksLikeTotpCode(code) ? "password and authenticator code" : "password and recovery code") : "password",
    },
    ip: client.ip,
  });
  return { ok: true, userId: user.id, sessionId: session.id, sessionVersion: user.sessionVersion };
}

type SecondFactorOutcome = { ok: true } | { ok: false; reason: "wrong code" | "reused code" | "wrong recovery code" };

/**
 * Spends a TOTP code or a recovery code. Both are spent with a conditional update, so two
 * sign-ins racing with the same code cannot both succeed.
 */
async function acceptSecondFactor(
  tx: Tx,
  user: { id: string; totpSecret: string; totpLastStep: bigint | null },
  code: string,
  now: Date,
): Promise<SecondFactorOutcome> {
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
  const used = await tx.recoveryCode.updateMany({
    where: { userId: user.id, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: now },
  });
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
    ...actorFrom(
      user,
      session.id,
      user.panels.map((p) => p.panel),
    ),
  };
}

export async function endSession(actor: Pick<Actor, "sessionId" | "userId" | "organisationId">): Promise<void> {
  await db.userSession.updateMany({ where: { id: actor.sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  await audit({
    action: "SIGN_OUT",
    userId: actor.userId,
    organisationId: actor.organisationId,
    entityType: "UserSession",
    entityId: actor.sessionId,
  });
}

export async function endSessionById(sessionId: string, userId: string): Promise<void> {
  const ended = await db.userSession.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (ended.count > 0) await audit({ action: "SIGN_OUT", userId, entityType: "UserSession", entityId: sessionId });
}

/**
 * The user as an actor for work done on their behalf in the background (an import they started):
 * their role, organisation and panels as they are now, so a user disabled or moved since is no
 * longer acted for. Null when they may not act at all.
 */
export async function actorForBackgroundWork(userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { organisation: true, panels: { select: { panel: true } } },
  });
  if (!user || !user.active || !user.organisation.active) return null;
  return actorFrom(
    user,
    "background",
    user.panels.map((p) => p.panel),
  );
}
