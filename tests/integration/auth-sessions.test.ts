import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resolveSession, signInWithPassword, endSession } from "@/lib/auth/data";
import { disableUser, endAllSessions } from "@/lib/users/data";
import { sealAndVerifyAuditChain } from "@/tests/support/audit-chain";
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
    const result = await signInWithPassword({
      email: `  ${user.email.toUpperCase()} `,
      password: TEST_PASSWORD,
      ip: null,
      userAgent: null,
    });
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
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: null, userAgent: null })).toEqual({
      ok: false,
      reason: "INVALID",
    });
  });

  it("an attacker's guesses from one address slow that account at that address, waiting longer each time up to 15 minutes", async () => {
    const org = await makeOrganisation();
    const user = await makeUser({ organisationId: org.id });
    const attacker = "203.0.113.50";
    let now = new Date();
    const waits: number[] = [];
    let failures = 0;
    while (waits.length < 10) {
      const result = await signInWithPassword(
        { email: user.email, password: `guess-${failures}-wrong`, ip: attacker, userAgent: null },
        now,
      );
      if (result.ok) throw new Error("a wrong password signed in");
      if (result.reason === "LOCKED") {
        // Even the right password is refused while the wait lasts.
        expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: attacker, userAgent: null }, now)).toMatchObject({
          reason: "LOCKED",
        });
        waits.push(result.retryAt.getTime() - now.getTime());
        now = new Date(result.retryAt.getTime() + 1);
      } else {
        failures += 1;
      }
    }
    // Four free failures, then 15 s, 30 s, 1, 2, 4, 8 minutes, and never more than 15.
    expect(failures).toBe(14);
    expect(waits).toEqual([15_000, 30_000, 60_000, 120_000, 240_000, 480_000, 15 * MINUTE, 15 * MINUTE, 15 * MINUTE, 15 * MINUTE]);
    // A throttled attempt is refused before the password is looked at, and audited with the address.
    const refused = await db.auditEvent.findFirst({
      where: { action: "SIGN_IN_FAILURE", detail: { path: ["reason"], equals: "throttled" } },
      orderBy: { id: "desc" },
    });
    expect(refused?.ip).toBe(attacker);
    // Once the wait is over, the right password works and the count starts again.
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: attacker, userAgent: null }, now)).ok).toBe(true);
  });

  it("the real user signs in from her own address while an attacker keeps her account throttled at his", async () => {
    const org = await makeOrganisation();
    const chair = await makeUser({ organisationId: org.id, role: "CHAIR", panels: ["MARAC"] });
    const attacker = "203.0.113.66";
    const now = new Date();
    // About 40 requests an hour used to keep any known account locked for good.
    for (let i = 0; i < 40; i++)
      await signInWithPassword({ email: chair.email, password: `guess-${i}-wrong`, ip: attacker, userAgent: null }, now);
    expect(await signInWithPassword({ email: chair.email, password: TEST_PASSWORD, ip: attacker, userAgent: null }, now)).toMatchObject({
      ok: false,
      reason: "LOCKED",
    });
    expect((await signInWithPassword({ email: chair.email, password: TEST_PASSWORD, ip: "198.51.100.20", userAgent: null }, now)).ok).toBe(
      true,
    );
  });

  it("every failed sign-in is audited with the client address", async () => {
    const org = await makeOrganisation();
    const user = await makeUser({ organisationId: org.id });
    await signInWithPassword({ email: user.email, password: "not the password", ip: "192.0.2.44", userAgent: null });
    await signInWithPassword({ email: "nobody-here@test.example", password: "not the password", ip: "192.0.2.45", userAgent: null });
    const failures = await db.auditEvent.findMany({
      where: { action: "SIGN_IN_FAILURE", ip: { in: ["192.0.2.44", "192.0.2.45"] } },
      orderBy: { id: "asc" },
    });
    expect(failures.map((f) => [f.ip, (f.detail as { reason: string }).reason])).toEqual([
      ["192.0.2.44", "wrong password"],
      ["192.0.2.45", "unknown account"],
    ]);
  });

  it("an attacker throttled on one account does not slow another", async () => {
    const org = await makeOrganisation();
    const victim = await makeUser({ organisationId: org.id });
    const colleague = await makeUser({ organisationId: org.id });
    for (let i = 0; i < 10; i++)
      await signInWithPassword({ email: victim.email, password: "wrong-password-x", ip: "203.0.113.9", userAgent: null });
    expect((await signInWithPassword({ email: colleague.email, password: TEST_PASSWORD, ip: "203.0.113.9", userAgent: null })).ok).toBe(
      true,
    );
  });

  it("too many failures from one client address lock that address across accounts", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < 100; i++) {
      await signInWithPassword({ email: `spray-${i}@test.example`, password: "Summer2026!!x", ip, userAgent: null });
    }
    const org = await makeOrganisation();
    const user = await makeUser({ organisationId: org.id });
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip, userAgent: null })).toMatchObject({
      ok: false,
      reason: "LOCKED",
    });
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
    const report = await sealAndVerifyAuditChain();
    expect(report.ok).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "SIGN_OUT" } })).toBeGreaterThan(0);
  });
});
