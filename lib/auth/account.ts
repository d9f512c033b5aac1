import "server-only";
import QRCode from "qrcode";
import { db, type Tx } from "@/lib/db";
import { auditChange, recordAudit } from "@/lib/audit/data";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { INVITE_LINK_LIFETIME_MS, RESET_LINK_LIFETIME_MS } from "@/lib/auth/policy";
import { mfaRequiredForAll } from "@/lib/auth/data";
import {
  checkTotp,
  decryptSecret,
  encryptSecret,
  hashLinkToken,
  hashRecoveryCode,
  newLinkToken,
  newRecoveryCodes,
  newTotpSecret,
  totpUri,
} from "@/lib/auth/totp";
import type { Actor } from "@/lib/auth/actor-type";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { PasswordTokenPurpose } from "@/lib/generated/prisma/enums";
import { notify } from "@/lib/notifications/data/outbox";
import { appUrl } from "@/lib/notifications/app-url";

// A user's own sign-in security: two-factor set-up, recovery codes, changing their password, and
// setting one from a one-time link. `actor` here is always the user themselves.

type Self = Pick<Actor, "userId" | "organisationId" | "sessionId">;

function auditSelf(tx: Tx, actor: Self, change: string, detail: Record<string, unknown> = {}) {
  return auditChange(tx, actor, "UPDATE", "User", actor.userId, { change, ...detail });
}

export type TwoFactorStatus = {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** Required for this user by their organisation or for everyone: they may not turn it off. */
  required: boolean;
  passwordSetAt: Date | null;
};

export async function twoFactorStatus(actor: Self): Promise<TwoFactorStatus> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: {
      totpEnabledAt: true,
      passwordSetAt: true,
      organisation: { select: { mfaRequired: true } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  return {
    enabled: user.totpEnabledAt !== null,
    enabledAt: user.totpEnabledAt,
    recoveryCodesLeft: user.totpEnabledAt ? user._count.recoveryCodes : 0,
    required: user.organisation.mfaRequired || (await mfaRequiredForAll()),
    passwordSetAt: user.passwordSetAt,
  };
}

export type TwoFactorEnrolment = { secret: string; qrSvg: string };

/**
 * The secret to scan, kept (encrypted) until the user confirms it with a code. Reloading the page
 * shows the same secret, so a code from an app that already scanned it still works.
 */
export async function startTwoFactorEnrolment(actor: Self & Pick<Actor, "email">): Promise<TwoFactorEnrolment> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new ConflictError("Two-factor sign-in is already set up");
  let secret: string;
  if (user.totpSecret) {
    secret = decryptSecret(user.totpSecret);
  } else {
    secret = newTotpSecret();
    await db.user.update({ where: { id: actor.userId }, data: { totpSecret: encryptSecret(secret), totpLastStep: null } });
  }
  const qrSvg = await QRCode.toString(totpUri(secret, actor.email), { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { secret, qrSvg };
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}

/** Turns two-factor sign-in on once the user proves their app makes valid codes; returns the recovery codes (shown once). */
export async function confirmTwoFactorEnrolment(actor: Self, code: string, now = new Date()): Promise<string[]> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true },
  });
  if (user.totpEnabledAt) throw new ConflictError("Two-factor sign-in is already set up");
  if (!user.totpSecret) throw new ConflictError("Start setting up two-factor sign-in again");
  const check = checkTotp(decryptSecret(user.totpSecret), code, now, user.totpLastStep === null ? null : Number(user.totpLastStep));
  if (!check.ok) throw new ValidationError({ code: ["The code is not right. Enter the 6-digit code your app shows now"] });
  return db.$transaction(async (tx) => {
    const enabled = await tx.user.updateMany({
      where: { id: actor.userId, totpEnabledAt: null, totpSecret: user.totpSecret },
      data: { totpEnabledAt: now, totpLastStep: BigInt(check.step), version: { increment: 1 } },
    });
    if (enabled.count !== 1) throw new ConflictError("Two-factor sign-in is already set up");
    const codes = await replaceRecoveryCodes(tx, actor.userId);
    await auditSelf(tx, actor, "two-factor sign-in turned on");
    await notify(tx, { kind: "TWO_FACTOR_CHANGED", userIds: [actor.userId], link: "/account" });
    return codes;
  });
}

async function requireCurrentPassword(userId: string, password: string, field = "currentPassword") {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, email: true, name: true } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
    throw new ValidationError({ [field]: ["Your current password is not right"] });
  }
  return user;
}

/** New recovery codes (the old ones stop working). Asks for the password: someone at an unlocked screen should not get them. */
export async function regenerateRecoveryCodes(actor: Self, currentPassword: string): Promise<string[]> {
  await requireCurrentPassword(actor.userId, currentPassword);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true } });
  if (!user.totpEnabledAt) throw new ConflictError("Set up two-factor sign-in first");
  return db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, actor.userId);
    await auditSelf(tx, actor, "recovery codes replaced");
    return codes;
  });
}

/** Turns two-factor sign-in off, unless it is required for this user. */
export async function disableTwoFactor(actor: Self, currentPassword: string): Promise<void> {
  await requireCurrentPassword(actor.userId, currentPassword);
  const status = await twoFactorStatus(actor);
  if (status.required) throw new ForbiddenError("Two-factor sign-in is required for your account, so it cannot be turned off");
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: actor.userId },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, version: { increment: 1 } },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    await auditSelf(tx, actor, "two-factor sign-in turned off");
    await notify(tx, { kind: "TWO_FACTOR_CHANGED", userIds: [actor.userId], link: "/account" });
  });
}

/** Changes the user's password and signs out their other sessions (not this one). */
export async function changePassword(actor: Self, currentPassword: string, newPassword: string): Promise<void> {
  const user = await requireCurrentPassword(actor.userId, currentPassword);
  const problem = passwordProblem(newPassword, user);
  if (problem) throw new ValidationError({ newPassword: [problem] });
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    const now = new Date();
    // A password the user chose behind their current one is known to nobody else.
    await tx.user.update({
      where: { id: actor.userId },
      data: { passwordHash, passwordSetAt: now, passwordLinkSeenById: null, version: { increment: 1 } },
    });
    await tx.userSession.updateMany({
      where: { userId: actor.userId, revokedAt: null, id: { not: actor.sessionId } },
      data: { revokedAt: now },
    });
    await auditSelf(tx, actor, "password changed");
    await notify(tx, { kind: "PASSWORD_CHANGED", userIds: [actor.userId], link: "/account" });
  });
}

// One-time set-password links. Only the SHA-256 of the token is stored; a new link replaces any
// earlier unused one for the same user.

/**
 * Issues a link token inside the caller's transaction; the caller shows the link once, to
 * `shownToId` (recorded: a password set from it is one that person could know).
 */
export async function issuePasswordLink(
  tx: Tx,
  userId: string,
  purpose: PasswordTokenPurpose,
  shownToId: string | null,
  now = new Date(),
): Promise<string> {
  const { token, tokenHash } = newLinkToken();
  await revokePasswordLinks(tx, userId, now);
  await tx.passwordToken.create({
    data: {
      userId,
      tokenHash,
      purpose,
      shownToId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + (purpose === "INVITE" ? INVITE_LINK_LIFETIME_MS : RESET_LINK_LIFETIME_MS)),
    },
  });
  return token;
}

/** Every unused link of the user stops working. */
export async function revokePasswordLinks(tx: Tx, userId: string, now = new Date()): Promise<void> {
  await tx.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
}

export function passwordLinkPath(token: string): string {
  return `/set-password/${token}`;
}

/** An address as it may be shown to someone else: "j…@met.kingsmere.example". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at <= 0 ? "…" : `${email[0]}…${email.slice(at)}`;
}

/**
 * Issues a one-time set-password link and e-mails it to the account's own address, in the
 * caller's transaction (lib/notifications): nobody else sees it, so a password set from it is
 * known to its owner alone. Returns the address, masked, for the person who asked for it.
 */
export async function emailPasswordLink(tx: Tx, userId: string, purpose: PasswordTokenPurpose, now = new Date()): Promise<string> {
  const token = await issuePasswordLink(tx, userId, purpose, null, now);
  const { email } = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  await notify(tx, {
    kind: purpose === "INVITE" ? "INVITATION" : "PASSWORD_RESET",
    userIds: [userId],
    link: "/sign-in",
    secretLink: `${appUrl()}${passwordLinkPath(token)}`,
  });
  return maskEmail(email);
}

export type PasswordLink = { purpose: PasswordTokenPurpose; email: string; name: string };

async function usableToken(token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.passwordToken.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: {
      id: true,
      purpose: true,
      usedAt: true,
      expiresAt: true,
      shownToId: true,
      user: {
        select: { id: true, email: true, name: true, organisationId: true, active: true, organisation: { select: { active: true } } },
      },
    },
  });
  if (!row || row.usedAt || row.expiresAt <= now || !row.user.active || !row.user.organisation.active) return null;
  return row;
}

/** What the set-password page shows for a link, or null when the link is unknown, used or expired. */
export async function describePasswordLink(token: string, now = new Date()): Promise<PasswordLink | null> {
  const row = await usableToken(token, now);
  return row ? { purpose: row.purpose, email: row.user.email, name: row.user.name } : null;
}

/**
 * Sets the password from a one-time link. The link is spent atomically (a second use fails), every
 * session the user had ends, and two-factor sign-in stays exactly as it was.
 */
export async function setPasswordWithLink(token: string, newPassword: string, now = new Date()): Promise<void> {
  const row = await usableToken(token, now);
  if (!row) throw new NotFoundError("link");
  const problem = passwordProblem(newPassword, row.user);
  if (problem) throw new ValidationError({ newPassword: [problem] });
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    const spent = await tx.passwordToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (spent.count !== 1) throw new NotFoundError("link");
    await tx.user.update({
      where: { id: row.user.id },
      data: {
        passwordHash,
        passwordSetAt: now,
        passwordLinkSeenById: row.shownToId,
        sessionVersion: { increment: 1 },
        version: { increment: 1 },
      },
    });
    await tx.userSession.updateMany({ where: { userId: row.user.id, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, {
      action: "UPDATE",
      userId: row.user.id,
      organisationId: row.user.organisationId,
      entityType: "User",
      entityId: row.user.id,
      detail: { change: row.purpose === "INVITE" ? "password set from invitation link" : "password set from reset link" },
    });
  });
}
