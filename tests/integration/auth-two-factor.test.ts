import { describe, expect, it } from "vitest";
import { Secret, TOTP } from "otpauth";
import { db } from "@/lib/db";
import { resolveSession, signInWithPassword, signInWithSecondStep } from "@/lib/auth/data";
import {
  changePassword,
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  setPasswordWithLink,
  startTwoFactorEnrolment,
  twoFactorStatus,
} from "@/lib/auth/account";
import { resetPassword } from "@/lib/users/data";
import { setMfaRequiredForAll } from "@/lib/organisations/data";
import { ValidationError, ForbiddenError } from "@/lib/errors";
import { actorFor, makeOrganisation, makeUser, TEST_PASSWORD } from "@/tests/support/fixtures";
import { emailedToken } from "@/tests/support/emailed-link";

// Two-factor sign-in (TOTP, RFC 6238) from the user's side and from an attacker's who has the
// password but not the phone.

const T0 = new Date("2026-12-04T10:00:05Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function appFor(secret: string) {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
  return (when: Date) => totp.generate({ timestamp: when.getTime() });
}

/** A user who has scanned the QR code and confirmed it at T0; returns their app and recovery codes. */
async function enrolled(options: { organisationId?: string } = {}) {
  const organisationId = options.organisationId ?? (await makeOrganisation()).id;
  const user = await makeUser({ organisationId });
  const actor = await actorFor(user.id);
  const { secret } = await startTwoFactorEnrolment(actor);
  const code = appFor(secret);
  const recoveryCodes = await confirmTwoFactorEnrolment(actor, code(T0), T0);
  return { user, actor, code, recoveryCodes };
}

const attempt = (email: string, code?: string, password = TEST_PASSWORD) => ({ email, password, code, ip: null, userAgent: "test" });

describe("enrolment", () => {
  it("shows a QR code and the secret, keeps the secret encrypted, and turns on only after a valid code", async () => {
    const org = await makeOrganisation();
    const user = await makeUser({ organisationId: org.id });
    const actor = await actorFor(user.id);
    const { secret, qrSvg } = await startTwoFactorEnrolment(actor);
    expect(qrSvg).toContain("<svg");
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpSecret).not.toContain(secret);
    expect(stored.totpEnabledAt).toBeNull();
    // Reloading the page shows the same secret, so the app that already scanned it still works.
    expect((await startTwoFactorEnrolment(actor)).secret).toBe(secret);

    await expect(confirmTwoFactorEnrolment(actor, "000000", T0)).rejects.toBeInstanceOf(ValidationError);
    expect((await twoFactorStatus(actor)).enabled).toBe(false);
    // Until it is confirmed, sign-in needs no code.
    expect((await signInWithPassword(attempt(user.email), T0)).ok).toBe(true);

    const codes = await confirmTwoFactorEnrolment(actor, appFor(secret)(T0), T0);
    expect(codes).toHaveLength(10);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(10);
    expect(JSON.stringify(await db.recoveryCode.findMany({ where: { userId: user.id } }))).not.toContain(codes[0]);
    expect(await twoFactorStatus(actor)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(
      await db.auditEvent.count({ where: { entityId: user.id, detail: { path: ["change"], equals: "two-factor sign-in turned on" } } }),
    ).toBe(1);
    // Its owner is told (by e-mail too: a change they did not make is how a takeover shows).
    expect(await db.notification.findMany({ where: { userId: user.id }, select: { kind: true, emailState: true } })).toEqual([
      { kind: "TWO_FACTOR_CHANGED", emailState: "PENDING" },
    ]);
  });
});

describe("signing in with two-factor", () => {
  it("the password alone gives no session: the code is asked for, then the session starts", async () => {
    const { user, code } = await enrolled();
    const before = await db.userSession.count({ where: { userId: user.id } });
    expect(await signInWithPassword(attempt(user.email), at(30))).toMatchObject({ ok: false, reason: "CODE_REQUIRED" });
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(before);

    const result = await signInWithPassword(attempt(user.email, code(at(30))), at(30));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await resolveSession(result.sessionId, result.sessionVersion, at(31))).toMatchObject({
      userId: user.id,
      twoFactorPending: false,
    });
    const signIn = await db.auditEvent.findFirstOrThrow({ where: { action: "SIGN_IN", userId: user.id }, orderBy: { id: "desc" } });
    expect(signIn.detail).toMatchObject({ method: "password and authenticator code" });
  });

  it("a wrong password with a right code is still refused, and says nothing about the code", async () => {
    const { user, code } = await enrolled();
    expect(await signInWithPassword(attempt(user.email, code(at(30)), "not the password at all"), at(30))).toEqual({
      ok: false,
      reason: "INVALID",
    });
  });

  it("a code already used (even on another device) is refused as reused", async () => {
    const { user, code } = await enrolled();
    const first = await signInWithPassword(attempt(user.email, code(at(30))), at(30));
    expect(first.ok).toBe(true);
    const replay = await signInWithPassword(attempt(user.email, code(at(30))), at(40));
    expect(replay).toMatchObject({ ok: false, reason: "CODE_INVALID" });
    // The code used to confirm enrolment is spent too.
    const other = await enrolled();
    expect(await signInWithPassword(attempt(other.user.email, other.code(T0)), at(10))).toMatchObject({
      ok: false,
      reason: "CODE_INVALID",
    });
    const failure = await db.auditEvent.findFirstOrThrow({
      where: { action: "SIGN_IN_FAILURE", userId: user.id },
      orderBy: { id: "desc" },
    });
    expect(failure.detail).toMatchObject({ reason: "reused code" });
  });

  it("a wrong code is refused and audited; a code from one step either side is accepted", async () => {
    const { user, code } = await enrolled();
    const right = code(at(120));
    const wrong = String((Number(right) + 7) % 1_000_000).padStart(6, "0");
    expect(await signInWithPassword(attempt(user.email, wrong), at(120))).toMatchObject({ ok: false, reason: "CODE_INVALID" });
    const failure = await db.auditEvent.findFirstOrThrow({
      where: { action: "SIGN_IN_FAILURE", userId: user.id },
      orderBy: { id: "desc" },
    });
    expect(failure.detail).toMatchObject({ reason: "wrong code" });
    // A phone 30 seconds slow.
    expect((await signInWithPassword(attempt(user.email, code(at(90))), at(120))).ok).toBe(true);
    // A code from two minutes ago is too old.
    expect((await signInWithPassword(attempt(user.email, code(at(180))), at(300))).ok).toBe(false);
  });

  it("wrong codes count towards the lock-out, so the code cannot be guessed with the password in hand", async () => {
    const { user, code } = await enrolled();
    for (let i = 0; i < 10; i++) {
      expect((await signInWithPassword(attempt(user.email, String(100000 + i)), at(60))).ok).toBe(false);
    }
    expect(await signInWithPassword(attempt(user.email, code(at(60))), at(60))).toMatchObject({ ok: false, reason: "LOCKED" });
  });

  it("a recovery code signs in once and only once", async () => {
    const { user, recoveryCodes } = await enrolled();
    const used = recoveryCodes[3]!;
    const first = await signInWithPassword(attempt(user.email, used.toUpperCase()), at(60));
    expect(first.ok).toBe(true);
    expect(await signInWithPassword(attempt(user.email, used), at(90))).toMatchObject({ ok: false, reason: "CODE_INVALID" });
    expect((await signInWithPassword(attempt(user.email, recoveryCodes[4]!), at(90))).ok).toBe(true);
    expect(await signInWithPassword(attempt(user.email, "aaaa-bbbb-cccc"), at(90))).toMatchObject({ ok: false, reason: "CODE_INVALID" });
    expect(await twoFactorStatus(await actorFor(user.id))).toMatchObject({ recoveryCodesLeft: 8 });
  });

  it("a password reset never removes or bypasses two-factor sign-in", async () => {
    const org = await makeOrganisation();
    const { user, code } = await enrolled({ organisationId: org.id });
    const admin = await actorFor((await makeUser({ organisationId: (await makeOrganisation()).id, role: "ADMIN" })).id);
    await resetPassword(admin, user.id);
    const token = await emailedToken(user.id);
    await setPasswordWithLink(token, "a brand new passphrase");
    expect(await signInWithPassword(attempt(user.email, undefined, "a brand new passphrase"), at(60))).toMatchObject({
      ok: false,
      reason: "CODE_REQUIRED",
    });
    expect((await signInWithPassword(attempt(user.email, code(at(60)), "a brand new passphrase"), at(60))).ok).toBe(true);
  });
});

describe("the code step on its own (the form without JavaScript sends a ticket, never the password again)", () => {
  async function ticketFor(email: string, when: Date): Promise<string> {
    const first = await signInWithPassword(attempt(email), when);
    if (first.ok || first.reason !== "CODE_REQUIRED") throw new Error("expected the code step");
    return first.ticket;
  }

  it("the ticket and a fresh code sign in; the ticket alone, or with a wrong code, does not", async () => {
    const { user, code } = await enrolled();
    const ticket = await ticketFor(user.email, at(60));
    expect(ticket).not.toContain(TEST_PASSWORD);
    expect(await signInWithSecondStep({ ticket, code: "", ip: null, userAgent: null }, at(61))).toMatchObject({
      ok: false,
      reason: "CODE_REQUIRED",
    });
    expect(await signInWithSecondStep({ ticket, code: "123456", ip: null, userAgent: null }, at(61))).toMatchObject({
      ok: false,
      reason: "CODE_INVALID",
    });
    expect((await signInWithSecondStep({ ticket, code: code(at(61)), ip: null, userAgent: null }, at(61))).ok).toBe(true);
  });

  it("a forged, altered or expired ticket, or one issued before the password changed, is refused", async () => {
    const { user, code, actor } = await enrolled();
    const ticket = await ticketFor(user.email, at(60));
    const other = await enrolled();
    const forged = ticket.replace(user.id, other.user.id);
    expect(await signInWithSecondStep({ ticket: forged, code: other.code(at(61)), ip: null, userAgent: null }, at(61))).toEqual({
      ok: false,
      reason: "TICKET_EXPIRED",
    });
    expect(await signInWithSecondStep({ ticket: `${ticket}x`, code: code(at(61)), ip: null, userAgent: null }, at(61))).toEqual({
      ok: false,
      reason: "TICKET_EXPIRED",
    });
    expect(await signInWithSecondStep({ ticket, code: code(at(400)), ip: null, userAgent: null }, at(400))).toEqual({
      ok: false,
      reason: "TICKET_EXPIRED",
    });
    await changePassword(actor, TEST_PASSWORD, "another long passphrase");
    expect(await signInWithSecondStep({ ticket, code: code(at(90)), ip: null, userAgent: null }, at(90))).toEqual({
      ok: false,
      reason: "TICKET_EXPIRED",
    });
  });

  it("wrong codes sent with a ticket are throttled like wrong passwords", async () => {
    const { user, code } = await enrolled();
    const ticket = await ticketFor(user.email, at(60));
    for (let i = 0; i < 6; i++)
      await signInWithSecondStep({ ticket, code: String(200000 + i), ip: "203.0.113.70", userAgent: null }, at(60));
    expect(await signInWithSecondStep({ ticket, code: code(at(60)), ip: "203.0.113.70", userAgent: null }, at(60))).toMatchObject({
      ok: false,
      reason: "LOCKED",
    });
  });
});

describe("enforcement", () => {
  it("a user of an organisation that requires two-factor, not yet enrolled, gets a session only for setting it up", async () => {
    const org = await makeOrganisation();
    await db.organisation.update({ where: { id: org.id }, data: { mfaRequired: true } });
    const user = await makeUser({ organisationId: org.id });
    const result = await signInWithPassword(attempt(user.email));
    if (!result.ok) throw new Error("setup");
    expect(await resolveSession(result.sessionId, result.sessionVersion)).toMatchObject({ twoFactorPending: true });

    const actor = await actorFor(user.id);
    const { secret } = await startTwoFactorEnrolment(actor);
    await confirmTwoFactorEnrolment(actor, appFor(secret)(new Date()));
    expect(await resolveSession(result.sessionId, result.sessionVersion)).toMatchObject({ twoFactorPending: false });
    // Required: it cannot be turned off.
    await expect(disableTwoFactor(actor, TEST_PASSWORD)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("the partnership-wide setting requires it of everyone; an enrolled user can turn it off only when not required", async () => {
    const org = await makeOrganisation();
    const admin = await actorFor((await makeUser({ organisationId: org.id, role: "ADMIN" })).id);
    const user = await makeUser({ organisationId: org.id });
    const result = await signInWithPassword(attempt(user.email));
    if (!result.ok) throw new Error("setup");
    expect(await resolveSession(result.sessionId, result.sessionVersion)).toMatchObject({ twoFactorPending: false });
    await setMfaRequiredForAll(admin, true);
    try {
      expect(await resolveSession(result.sessionId, result.sessionVersion)).toMatchObject({ twoFactorPending: true });
    } finally {
      await setMfaRequiredForAll(admin, false);
    }
    const { actor } = await enrolled({ organisationId: org.id });
    await expect(disableTwoFactor(actor, "wrong password here")).rejects.toBeInstanceOf(ValidationError);
    await disableTwoFactor(actor, TEST_PASSWORD);
    expect(await twoFactorStatus(actor)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
  });
});
