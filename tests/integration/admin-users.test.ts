import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resolveSession, signInWithPassword } from "@/lib/auth/data";
import { changePassword, describePasswordLink, setPasswordWithLink } from "@/lib/auth/account";
import {
  changeUserAccess,
  disableUser,
  enableUser,
  endAllSessions,
  getManagedUser,
  inviteUser,
  listUsers,
  removeTwoFactor,
  resetPassword,
} from "@/lib/users/data";
import { createOrganisation, setOrganisationActive, updateOrganisation } from "@/lib/organisations/data";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { actorFor, makeOrganisation, makeUser, TEST_PASSWORD } from "@/tests/support/fixtures";
import { emailedToken } from "@/tests/support/emailed-link";

// Administration from the attacker's side: a manager reaching past their organisation, a manager
// trying to make an administrator, a replayed or stale link.

const HOUR = 60 * 60 * 1000;
const NEW_PASSWORD = "kettle on the windowsill";

async function adminActor() {
  return actorFor((await makeUser({ organisationId: (await makeOrganisation("LOCAL_AUTHORITY")).id, role: "ADMIN" })).id);
}

async function signedIn(user: { email: string }, password = TEST_PASSWORD) {
  const result = await signInWithPassword({ email: user.email, password, ip: null, userAgent: "test" });
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  return result;
}

const query = { page: 1, pageSize: 25, sort: "name" as const, dir: "asc" as const, skip: 0 };

describe("inviting a user", () => {
  it("creates the user with no password and e-mails them a one-time link that sets it once", async () => {
    const admin = await adminActor();
    const org = await makeOrganisation();
    const { userId, sentTo } = await inviteUser(admin, {
      name: "New Officer",
      email: "new.officer@test.example",
      jobTitle: null,
      organisationId: org.id,
      role: "OFFICER",
      panels: ["CCM"],
    });
    expect(sentTo).toBe("n…@test.example");
    const token = await emailedToken(userId);
    const stored = await db.passwordToken.findFirstOrThrow({ where: { userId } });
    expect(stored.tokenHash).not.toBe(token);
    expect(stored.shownToId).toBeNull();
    expect(await db.notification.findFirstOrThrow({ where: { userId, kind: "INVITATION" } })).toMatchObject({ emailState: "PENDING" });
    expect(stored.purpose).toBe("INVITE");
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(72 * HOUR);
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBeNull();
    expect(
      await signInWithPassword({ email: "new.officer@test.example", password: "anything at all", ip: null, userAgent: null }),
    ).toMatchObject({ ok: false });

    expect(await describePasswordLink(token)).toMatchObject({ purpose: "INVITE", email: "new.officer@test.example" });
    await setPasswordWithLink(token, NEW_PASSWORD);
    expect(await describePasswordLink(token)).toBeNull();
    await expect(setPasswordWithLink(token, "another passphrase here")).rejects.toBeInstanceOf(NotFoundError);
    const session = await signedIn({ email: "new.officer@test.example" }, NEW_PASSWORD);
    expect(await resolveSession(session.sessionId, session.sessionVersion)).toMatchObject({
      role: "OFFICER",
      panels: ["CCM"],
      organisationId: org.id,
    });
    expect(await db.auditEvent.count({ where: { action: "CREATE", entityType: "User", entityId: userId, userId: admin.userId } })).toBe(1);
  });

  it("an expired link does nothing", async () => {
    const admin = await adminActor();
    const org = await makeOrganisation();
    const { userId } = await inviteUser(
      admin,
      { name: "Late Starter", email: "late@test.example", jobTitle: null, organisationId: org.id, role: "VIEWER", panels: [] },
      new Date(Date.now() - 73 * HOUR),
    );
    const token = await emailedToken(userId);
    expect(await describePasswordLink(token)).toBeNull();
    await expect(setPasswordWithLink(token, NEW_PASSWORD)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a guessed user id or a malformed one is simply not found", async () => {
    const admin = await adminActor();
    await expect(getManagedUser(admin, "0196f0a4-0000-7000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getManagedUser(admin, "1 OR 1=1")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a guessed link does nothing", async () => {
    expect(await describePasswordLink("x".repeat(43))).toBeNull();
    await expect(setPasswordWithLink("x".repeat(43), NEW_PASSWORD)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("the link refuses a weak password and stays usable", async () => {
    const admin = await adminActor();
    const org = await makeOrganisation();
    const { userId } = await inviteUser(admin, {
      name: "Careful User",
      email: "careful.user@test.example",
      jobTitle: null,
      organisationId: org.id,
      role: "OFFICER",
      panels: [],
    });
    const token = await emailedToken(userId);
    await expect(setPasswordWithLink(token, "short")).rejects.toBeInstanceOf(ValidationError);
    await expect(setPasswordWithLink(token, "qwerty123456")).rejects.toBeInstanceOf(ValidationError);
    await expect(setPasswordWithLink(token, "careful.user@test.example")).rejects.toBeInstanceOf(ValidationError);
    expect(await describePasswordLink(token)).not.toBeNull();
  });

  it("a manager invites only into their own organisation and never an administrator", async () => {
    const org = await makeOrganisation();
    const other = await makeOrganisation();
    const manager = await actorFor((await makeUser({ organisationId: org.id, role: "MANAGER" })).id);
    const base = { name: "Someone", jobTitle: null, panels: [] };
    await expect(
      inviteUser(manager, { ...base, email: "a@test.example", organisationId: other.id, role: "OFFICER" }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(inviteUser(manager, { ...base, email: "b@test.example", organisationId: org.id, role: "ADMIN" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const { userId } = await inviteUser(manager, { ...base, email: "c@test.example", organisationId: org.id, role: "OFFICER" });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).organisationId).toBe(org.id);
    expect(await db.user.count({ where: { email: { in: ["a@test.example", "b@test.example"] } } })).toBe(0);
  });

  it("an address already in use is refused, even when two invitations race", async () => {
    const admin = await adminActor();
    const org = await makeOrganisation();
    const input = {
      name: "Twice Invited",
      email: "twice@test.example",
      jobTitle: null,
      organisationId: org.id,
      role: "OFFICER" as const,
      panels: [],
    };
    const results = await Promise.allSettled([inviteUser(admin, input), inviteUser(admin, input)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(ValidationError);
    await expect(inviteUser(admin, input)).rejects.toBeInstanceOf(ValidationError);
  });

  it("an officer cannot invite anyone", async () => {
    const org = await makeOrganisation();
    const officer = await actorFor((await makeUser({ organisationId: org.id })).id);
    await expect(
      inviteUser(officer, { name: "X", email: "x@test.example", jobTitle: null, organisationId: org.id, role: "OFFICER", panels: [] }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("a manager's reach", () => {
  it("a manager cannot see or change a user of another organisation (404), and nothing changes", async () => {
    const police = await makeOrganisation("POLICE");
    const housing = await makeOrganisation("HOUSING_PROVIDER");
    const manager = await actorFor((await makeUser({ organisationId: housing.id, role: "MANAGER" })).id);
    const officer = await makeUser({ organisationId: police.id, panels: ["MARAC"] });
    await expect(getManagedUser(manager, officer.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      changeUserAccess(manager, officer.id, officer.version, { organisationId: housing.id, role: "VIEWER", panels: [] }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(resetPassword(manager, officer.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(endAllSessions(manager, officer.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(enableUser(manager, officer.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(disableUser(manager, officer.id)).rejects.toBeInstanceOf(NotFoundError);
    const after = await db.user.findUniqueOrThrow({ where: { id: officer.id }, include: { panels: true } });
    expect(after).toMatchObject({ role: "OFFICER", organisationId: police.id, active: true });
    expect(after.panels.map((p) => p.panel)).toEqual(["MARAC"]);
    const list = await listUsers(manager, {}, query);
    expect(list.rows.map((r) => r.id)).not.toContain(officer.id);
    expect(
      await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: manager.userId, entityType: "User", entityId: officer.id } }),
    ).toBeGreaterThan(0);
  });

  it("a manager cannot grant ADMIN, move a user out, or touch an administrator in their own organisation", async () => {
    const org = await makeOrganisation();
    const other = await makeOrganisation();
    const manager = await actorFor((await makeUser({ organisationId: org.id, role: "MANAGER" })).id);
    const officer = await makeUser({ organisationId: org.id });
    const admin = await makeUser({ organisationId: org.id, role: "ADMIN" });
    await expect(
      changeUserAccess(manager, officer.id, officer.version, { organisationId: org.id, role: "ADMIN", panels: [] }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      changeUserAccess(manager, officer.id, officer.version, { organisationId: other.id, role: "OFFICER", panels: [] }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(resetPassword(manager, admin.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(disableUser(manager, admin.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.user.findUniqueOrThrow({ where: { id: officer.id } })).role).toBe("OFFICER");
  });

  it("a manager can change their own organisation's officer: role and panels", async () => {
    const org = await makeOrganisation();
    const manager = await actorFor((await makeUser({ organisationId: org.id, role: "MANAGER" })).id);
    const officer = await makeUser({ organisationId: org.id });
    await changeUserAccess(manager, officer.id, officer.version, { organisationId: org.id, role: "CHAIR", panels: ["CCM"] });
    expect(await getManagedUser(manager, officer.id)).toMatchObject({ role: "CHAIR", panels: ["CCM"] });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "User", entityId: officer.id, action: "UPDATE" } });
    expect(audit.detail).toMatchObject({
      change: "access changed",
      before: { role: "OFFICER", panels: [] },
      after: { role: "CHAIR", panels: ["CCM"] },
    });
  });

  it("a stale form (someone else saved first) is refused", async () => {
    const admin = await adminActor();
    const org = await makeOrganisation();
    const officer = await makeUser({ organisationId: org.id });
    await changeUserAccess(admin, officer.id, officer.version, { organisationId: org.id, role: "VIEWER", panels: [] });
    await expect(
      changeUserAccess(admin, officer.id, officer.version, { organisationId: org.id, role: "MANAGER", panels: [] }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("changes take effect on the user's next request", () => {
  it("a role and panel change applies to the open session at once", async () => {
    const admin = await adminActor();
    const org = await makeOrganisation();
    const chair = await makeUser({ organisationId: org.id, role: "CHAIR", panels: ["MARAC"] });
    const session = await signedIn(chair);
    expect(await resolveSession(session.sessionId, session.sessionVersion)).toMatchObject({ role: "CHAIR", panels: ["MARAC"] });
    await changeUserAccess(admin, chair.id, chair.version, { organisationId: org.id, role: "VIEWER", panels: ["CCM"] });
    expect(await resolveSession(session.sessionId, session.sessionVersion)).toMatchObject({ role: "VIEWER", panels: ["CCM"] });
  });

  it("moving a user to another organisation ends their sessions", async () => {
    const admin = await adminActor();
    const org = await makeOrganisation();
    const other = await makeOrganisation();
    const officer = await makeUser({ organisationId: org.id });
    const session = await signedIn(officer);
    await changeUserAccess(admin, officer.id, officer.version, { organisationId: other.id, role: "OFFICER", panels: [] });
    expect(await resolveSession(session.sessionId, session.sessionVersion)).toBeNull();
  });

  it("a disabled user's open session stops working; re-enabled, they can sign in again", async () => {
    const org = await makeOrganisation();
    const manager = await actorFor((await makeUser({ organisationId: org.id, role: "MANAGER" })).id);
    const officer = await makeUser({ organisationId: org.id });
    const session = await signedIn(officer);
    await disableUser(manager, officer.id);
    expect(await resolveSession(session.sessionId, session.sessionVersion)).toBeNull();
    expect((await signInWithPassword({ email: officer.email, password: TEST_PASSWORD, ip: null, userAgent: null })).ok).toBe(false);
    await enableUser(manager, officer.id);
    expect((await signInWithPassword({ email: officer.email, password: TEST_PASSWORD, ip: null, userAgent: null })).ok).toBe(true);
  });

  it("a password reset ends the user's sessions; the old password works until the link is used", async () => {
    const admin = await adminActor();
    const org = await makeOrganisation();
    const officer = await makeUser({ organisationId: org.id });
    const session = await signedIn(officer);
    expect(await resetPassword(admin, officer.id)).toEqual({ sentTo: `${officer.email[0]}…@test.example` });
    const token = await emailedToken(officer.id);
    expect(await resolveSession(session.sessionId, session.sessionVersion)).toBeNull();
    expect(await describePasswordLink(token)).toMatchObject({ purpose: "RESET" });
    await setPasswordWithLink(token, NEW_PASSWORD);
    expect((await signInWithPassword({ email: officer.email, password: TEST_PASSWORD, ip: null, userAgent: null })).ok).toBe(false);
    expect((await signInWithPassword({ email: officer.email, password: NEW_PASSWORD, ip: null, userAgent: null })).ok).toBe(true);
  });
});

describe("changing your own password", () => {
  it("needs the current password, follows the policy, and signs out other devices but not this one", async () => {
    const org = await makeOrganisation();
    const user = await makeUser({ organisationId: org.id });
    const here = await signedIn(user);
    const elsewhere = await signedIn(user);
    const actor = (await resolveSession(here.sessionId, here.sessionVersion))!;
    await expect(changePassword(actor, "not my password", NEW_PASSWORD)).rejects.toBeInstanceOf(ValidationError);
    await expect(changePassword(actor, TEST_PASSWORD, "password1234")).rejects.toBeInstanceOf(ValidationError);
    await expect(changePassword(actor, TEST_PASSWORD, "too short")).rejects.toBeInstanceOf(ValidationError);
    await changePassword(actor, TEST_PASSWORD, NEW_PASSWORD);
    expect(await resolveSession(here.sessionId, here.sessionVersion)).not.toBeNull();
    expect(await resolveSession(elsewhere.sessionId, elsewhere.sessionVersion)).toBeNull();
    expect((await signInWithPassword({ email: user.email, password: NEW_PASSWORD, ip: null, userAgent: null })).ok).toBe(true);
  });
});

describe("organisations", () => {
  it("an admin creates, renames and changes the kind of an organisation; names stay unique", async () => {
    const admin = await adminActor();
    const emailDomains = ["kmind.example"];
    const { id } = await createOrganisation(admin, {
      name: "Kingsmere Mind",
      shortName: "KMIND",
      kind: "VOLUNTARY_SECTOR",
      mfaRequired: false,
      emailDomains,
    });
    await expect(
      createOrganisation(admin, { name: "kingsmere mind", shortName: "OTHER", kind: "HEALTH", mfaRequired: false, emailDomains }),
    ).rejects.toBeInstanceOf(ValidationError);
    await updateOrganisation(admin, id, 1, {
      name: "Kingsmere Mind Services",
      shortName: "KMIND",
      kind: "HEALTH",
      mfaRequired: true,
      emailDomains: ["kmind.example", "mind.nhs.example"],
    });
    expect(await db.organisation.findUniqueOrThrow({ where: { id } })).toMatchObject({
      name: "Kingsmere Mind Services",
      kind: "HEALTH",
      mfaRequired: true,
      emailDomains: ["kmind.example", "mind.nhs.example"],
      version: 2,
    });
    expect(await db.auditEvent.count({ where: { entityType: "Organisation", entityId: id } })).toBe(2);
  });

  it("a manager cannot manage organisations", async () => {
    const org = await makeOrganisation();
    const manager = await actorFor((await makeUser({ organisationId: org.id, role: "MANAGER" })).id);
    await expect(
      createOrganisation(manager, { name: "Rogue", shortName: "RGE", kind: "OTHER", mfaRequired: false, emailDomains: ["rogue.example"] }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(setOrganisationActive(manager, org.id, false)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("deactivating an organisation ends its users' sessions and stops them signing in, until reactivated", async () => {
    const admin = await adminActor();
    const org = await makeOrganisation();
    const officer = await makeUser({ organisationId: org.id });
    const session = await signedIn(officer);
    await setOrganisationActive(admin, org.id, false);
    expect(await resolveSession(session.sessionId, session.sessionVersion)).toBeNull();
    expect((await signInWithPassword({ email: officer.email, password: TEST_PASSWORD, ip: null, userAgent: null })).ok).toBe(false);
    const failure = await db.auditEvent.findFirstOrThrow({
      where: { action: "SIGN_IN_FAILURE", userId: officer.id },
      orderBy: { id: "desc" },
    });
    expect(failure.detail).toMatchObject({ reason: "organisation deactivated" });
    await setOrganisationActive(admin, org.id, true);
    expect((await signInWithPassword({ email: officer.email, password: TEST_PASSWORD, ip: null, userAgent: null })).ok).toBe(true);
  });
});

describe("the user list", () => {
  it("filters by organisation, role, panel and status on the server, and pages", async () => {
    const admin = await adminActor();
    const org = await makeOrganisation();
    const chair = await makeUser({ organisationId: org.id, role: "CHAIR", panels: ["MARAC"] });
    const viewer = await makeUser({ organisationId: org.id, role: "VIEWER" });
    const gone = await makeUser({ organisationId: org.id, active: false });
    const ids = async (filters: Parameters<typeof listUsers>[1]) =>
      (await listUsers(admin, { organisationId: org.id, ...filters }, query)).rows.map((r) => r.id).sort();
    expect(await ids({})).toEqual([chair.id, viewer.id, gone.id].sort());
    expect(await ids({ role: "CHAIR" })).toEqual([chair.id]);
    expect(await ids({ panel: "MARAC" })).toEqual([chair.id]);
    expect(await ids({ active: false })).toEqual([gone.id]);
    const paged = await listUsers(admin, { organisationId: org.id }, { ...query, pageSize: 2 });
    expect(paged).toMatchObject({ total: 3, totalPages: 2 });
    expect(paged.rows).toHaveLength(2);
  });
});

describe("removing a user's two-factor sign-in (lost phone and recovery codes)", () => {
  it("is a separate audited step, limited like the others, that ends their sessions", async () => {
    const org = await makeOrganisation();
    const other = await makeOrganisation();
    const manager = await actorFor((await makeUser({ organisationId: org.id, role: "MANAGER" })).id);
    const outsider = await actorFor((await makeUser({ organisationId: other.id, role: "MANAGER" })).id);
    const officer = await makeUser({ organisationId: org.id });
    await db.user.update({ where: { id: officer.id }, data: { totpSecret: "v1:not-used-here", totpEnabledAt: new Date() } });
    expect(await signInWithPassword({ email: officer.email, password: TEST_PASSWORD, ip: null, userAgent: null })).toMatchObject({
      ok: false,
      reason: "CODE_REQUIRED",
    });

    await expect(removeTwoFactor(outsider, officer.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.user.findUniqueOrThrow({ where: { id: officer.id } })).totpEnabledAt).not.toBeNull();

    await removeTwoFactor(manager, officer.id);
    expect((await signInWithPassword({ email: officer.email, password: TEST_PASSWORD, ip: null, userAgent: null })).ok).toBe(true);
    expect(
      await db.auditEvent.count({
        where: { entityId: officer.id, userId: manager.userId, detail: { path: ["change"], equals: "two-factor sign-in removed" } },
      }),
    ).toBe(1);
  });
});
