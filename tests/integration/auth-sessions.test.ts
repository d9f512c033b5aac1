import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resolveSession, signInWithPassword, endSession } from "@/lib/auth/data";
import { disableUser, endAllSessions } from "@/lib/users/data";
import { verifyAuditChain } from "@/lib/audit/data";
import { NotFoundError } from "@/lib/errors";
import { actorFor, makeOrganisation, makeUser, TEST_PASSWORD } from "@/tests/support/fixtures";

const MINUTE = 60_000;

async function signedIn(options: Parameters<typeof makeUser>[0]) {
  const user = await makeUser(options);
  const result = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: null, userAgent: "test" });
  if (!result.ok) throw new Error("sign-in failed in test setup");
  return { user, session: result };
}

describe("sign-in", () => {
  it("a partner officer signs in and the session carries their organisation, role and panels", async () => {
    const org = await makeOrganisation("LOCAL_AUTHORITY");
    const { user, session } = await signedIn({ organisationId: org.id, role: "CHAIR", panels: ["CCM"] });
    const actor = await resolveSession(session.sessionId, session.sessionVersion);
    expect(actor).toMatchObject({ userId: user.id, organisationId: org.id, organisationName: org.name, role: "CHAIR", panels: ["CCM"] });
  });

  it("accepts the e-mail address in any case and with surrounding spaces", async () => {
    const org = await makeOrganisation();
    const user = await makeUser({ organisationId: org.id });
    const result = await signInWithPassword({ email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD, ip: null, userAgent: null });
    expect(result.ok).toBe(true);
  });

  it("a wrong password and an unknown account get the same answer, and both are audited", async () => {
    const org = await makeOrganisation();
    const user = await makeUser({ organisationId: org.id });
    const wrong = await signInWithPassword({ email: user.email, password: "not the password", ip: null, userAgent: null });
    const unknown = await signInWithPassword({ email: "nobody@test.example", password: "whatever-it-is", ip: null, userAgent: null });
    expect(wrong).toEqual({ ok: false, reason: "INVALID" });
    expect(unknown).toEqual({ ok: false, reason: "INVALID" });
    const failures = await db.auditEvent.count({ where: { action: "SIGN_IN_FAILURE", detail: { path: ["email"], equals: user.email } } });
    expect(failures).toBe(1);
  });

  it("a disabled user cannot sign in even with the right password", async () => {
    const org = await makeOrganisation();
    const user = await makeUser({ organisationId: org.id, active: false });
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: null, userAgent: null })).toEqual({ ok: false, reason: "INVALID" });
  });

  it("after 10 failures the account is locked for 15 minutes, even for the right password, then opens again", async () => {
    const org = await makeOrganisation();
    const user = await makeUser({ organisationId: org.id });
    const start = new Date();
    for (let i = 0; i < 10; i++) {
      const r = await signInWithPassword({ email: user.email, password: `guess-${i}-wrong`, ip: null, userAgent: null }, start);
      expect(r).toEqual({ ok: false, reason: "INVALID" });
    }
    const eleventh = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: null, userAgent: null }, start);
    expect(eleventh).toEqual({ ok: false, reason: "LOCKED" });

    const later = new Date(start.getTime() + 16 * MINUTE);
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: null, userAgent: null }, later)).ok).toBe(true);
  });

  it("an attacker locking one account does not lock another", async () => {
    const org = await makeOrganisation();
    const victim = await makeUser({ organisationId: org.id });
    const colleague = await makeUser({ organisationId: org.id });
    for (let i = 0; i < 10; i++) await signInWithPassword({ email: victim.email, password: "wrong-password-x", ip: null, userAgent: null });
    expect((await signInWithPassword({ email: colleague.email, password: TEST_PASSWORD, ip: null, userAgent: null })).ok).toBe(true);
  });

  it("too many failures from one client address lock that address across accounts", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < 100; i++) {
      await signInWithPassword({ email: `spray-${i}@test.example`, password: "Summer2026!!x", ip, userAgent: null });
    }
    const org = await makeOrganisation();
    const user = await makeUser({ organisationId: org.id });
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip, userAgent: null })).toEqual({ ok: false, reason: "LOCKED" });
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: "198.51.100.1", userAgent: null })).ok).toBe(true);
  }, 120_000);
});

describe("sessions end on the next request", () => {
  it("disabling a user through the admin function ends their open session", async () => {
    const org = await makeOrganisation();
    const { user, session } = await signedIn({ organisationId: org.id });
    const admin = await actorFor((await makeUser({ organisationId: (await makeOrganisation("OTHER")).id, role: "ADMIN" })).id);
    expect(await resolveSession(session.sessionId, session.sessionVersion)).not.toBeNull();

    await disableUser(admin, user.id);

    expect(await resolveSession(session.sessionId, session.sessionVersion)).toBeNull();
  });

  it("disabling a user directly in the database ends their open session", async () => {
    const org = await makeOrganisation();
    const { user, session } = await signedIn({ organisationId: org.id });
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await resolveSession(session.sessionId, session.sessionVersion)).toBeNull();
  });

  it("a role change (session version bump) ends the session carrying the old role", async () => {
    const org = await makeOrganisation();
    const { user, session } = await signedIn({ organisationId: org.id, role: "MANAGER" });
    await db.user.update({ where: { id: user.id }, data: { role: "VIEWER", sessionVersion: { increment: 1 } } });
    expect(await resolveSession(session.sessionId, session.sessionVersion)).toBeNull();
  });

  it("signing out ends the session, so a copied cookie stops working", async () => {
    const org = await makeOrganisation();
    const { session } = await signedIn({ organisationId: org.id });
    const actor = await resolveSession(session.sessionId, session.sessionVersion);
    await endSession(actor!);
    expect(await resolveSession(session.sessionId, session.sessionVersion)).toBeNull();
  });

  it("a session idle for more than 30 minutes ends; activity within 30 minutes keeps it alive", async () => {
    const org = await makeOrganisation();
    const { session } = await signedIn({ organisationId: org.id });
    const t0 = Date.now();
    expect(await resolveSession(session.sessionId, session.sessionVersion, new Date(t0 + 25 * MINUTE))).not.toBeNull();
    expect(await resolveSession(session.sessionId, session.sessionVersion, new Date(t0 + 50 * MINUTE))).not.toBeNull();
    expect(await resolveSession(session.sessionId, session.sessionVersion, new Date(t0 + 85 * MINUTE))).toBeNull();
  });

  it("a session ends 12 hours after sign-in however active the user is", async () => {
    const org = await makeOrganisation();
    const { session } = await signedIn({ organisationId: org.id });
    const t0 = Date.now();
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      expect(await resolveSession(session.sessionId, session.sessionVersion, new Date(t0 + minutes * MINUTE))).not.toBeNull();
    }
    expect(await resolveSession(session.sessionId, session.sessionVersion, new Date(t0 + 12 * 60 * MINUTE + 10 * MINUTE))).toBeNull();
  });

  it("a guessed session id with a valid-looking version resolves to nobody", async () => {
    expect(await resolveSession("0196f0a4-0000-7000-8000-000000000000", 1)).toBeNull();
  });

  it("ending all of a user's sessions ends every device", async () => {
    const org = await makeOrganisation();
    const manager = await actorFor((await makeUser({ organisationId: org.id, role: "MANAGER" })).id);
    const { user, session: first } = await signedIn({ organisationId: org.id });
    const second = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: null, userAgent: "tablet" });
    if (!second.ok) throw new Error("setup");
    await endAllSessions(manager, user.id);
    expect(await resolveSession(first.sessionId, first.sessionVersion)).toBeNull();
    expect(await resolveSession(second.sessionId, second.sessionVersion)).toBeNull();
  });
});

describe("user administration is limited to the manager's own organisation", () => {
  it("a manager cannot disable a user of another organisation, and learns nothing about them", async () => {
    const police = await makeOrganisation("POLICE");
    const housing = await makeOrganisation("HOUSING_PROVIDER");
    const manager = await actorFor((await makeUser({ organisationId: housing.id, role: "MANAGER" })).id);
    const officer = await makeUser({ organisationId: police.id });
    await expect(disableUser(manager, officer.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.user.findUniqueOrThrow({ where: { id: officer.id } })).active).toBe(true);
  });

  it("an officer cannot disable anyone, even in their own organisation", async () => {
    const org = await makeOrganisation();
    const officer = await actorFor((await makeUser({ organisationId: org.id })).id);
    const colleague = await makeUser({ organisationId: org.id });
    await expect(disableUser(officer, colleague.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("audit trail", () => {
  it("every sign-in, failure and sign-out above is on an intact hash chain", async () => {
    const org = await makeOrganisation();
    const { session } = await signedIn({ organisationId: org.id });
    await endSession((await resolveSession(session.sessionId, session.sessionVersion))!);
    const report = await verifyAuditChain();
    expect(report.ok).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "SIGN_OUT" } })).toBeGreaterThan(0);
  });
});
