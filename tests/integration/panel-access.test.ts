import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resolveSession, signInWithPassword } from "@/lib/auth/data";
import { describePasswordLink, setPasswordWithLink } from "@/lib/auth/account";
import { hashPassword } from "@/lib/auth/password";
import { getCase } from "@/lib/cases/data";
import { changeUserAccess, inviteUser, panelRequestsForUser, removeTwoFactor, resetPassword } from "@/lib/users/data";
import { decidePanelRequest, grantPanelMembership, panelOverview, removePanelMember } from "@/lib/panels/data";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { actorFor, makeOrganisation, makeUser, TEST_PASSWORD } from "@/tests/support/fixtures";
import { makeCase } from "@/tests/support/people-fixtures";
import { emailedToken } from "@/tests/support/emailed-link";

// Separation of duties for the restricted panel (MARAC): an administrator or manager may ask, only
// a chair of the panel grants membership, makes a chair, or recovers a member's account; links
// from those approvals are shown to the chair alone. Each test replays an insider's path to MARAC
// content through user administration, as a security test found them, and checks it is closed.

const NEW_PASSWORD = "a long and private passphrase";

async function partnership() {
  const police = await makeOrganisation("POLICE");
  const council = await makeOrganisation("LOCAL_AUTHORITY");
  const manager = await actorFor((await makeUser({ organisationId: police.id, role: "MANAGER" })).id);
  const admin = await actorFor((await makeUser({ organisationId: council.id, role: "ADMIN" })).id);
  const chair = await actorFor((await makeUser({ organisationId: police.id, role: "CHAIR", panels: ["MARAC"] })).id);
  const secondChair = await actorFor((await makeUser({ organisationId: council.id, role: "CHAIR", panels: ["MARAC"] })).id);
  const ccmChair = await actorFor((await makeUser({ organisationId: council.id, role: "CHAIR", panels: ["CCM"] })).id);
  const idva = await makeUser({ organisationId: council.id, panels: ["MARAC"] });
  const maracCase = await makeCase({ leadOrganisationId: council.id, createdById: idva.id, kind: "MARAC" });
  return { police, council, manager, admin, chair, secondChair, ccmChair, idva, maracCase };
}

/** Signs in as the account (as its holder, or whoever knows its password) and tries to open the MARAC case. */
async function readsMarac(email: string, password: string, caseId: string): Promise<boolean> {
  const session = await signInWithPassword({ email, password, ip: "192.0.2.10", userAgent: null });
  if (!session.ok) return false;
  const actor = await resolveSession(session.sessionId, session.sessionVersion);
  if (!actor) return false;
  return getCase(actor, caseId).then(
    () => true,
    (error) => {
      if (error instanceof NotFoundError) return false;
      throw error;
    },
  );
}

const pending = (userId: string) => db.panelRequest.findMany({ where: { userId, status: "PENDING" }, orderBy: { requestedAt: "asc" } });

describe("an insider cannot reach MARAC content through user administration", () => {
  it("a manager who invites an officer onto the MARAC and gets hold of the e-mailed link reads no MARAC case: the panel waits for a chair", async () => {
    const p = await partnership();
    const { userId, sentTo, requested } = await inviteUser(p.manager, {
      name: "Sock Puppet",
      email: "sock.puppet@test.example",
      jobTitle: null,
      organisationId: p.police.id,
      role: "OFFICER",
      panels: ["MARAC"],
    });
    expect(requested).toEqual([{ panel: "MARAC", kind: "MEMBERSHIP" }]);
    expect(sentTo).toBe("s…@test.example");
    await setPasswordWithLink(await emailedToken(userId), NEW_PASSWORD);
    expect(await readsMarac("sock.puppet@test.example", NEW_PASSWORD, p.maracCase.id)).toBe(false);
    expect(await db.panelMembership.count({ where: { userId, panel: "MARAC" } })).toBe(0);
    expect((await pending(userId)).map((r) => [r.kind, r.requestedById])).toEqual([["MEMBERSHIP", p.manager.userId]]);
  });

  it("a manager adding MARAC to his officer only asks: the officer's open session still gets 'not found' on a MARAC case", async () => {
    const p = await partnership();
    const officer = await makeUser({ organisationId: p.police.id });
    const session = await signInWithPassword({ email: officer.email, password: TEST_PASSWORD, ip: null, userAgent: null });
    if (!session.ok) throw new Error("sign-in failed");
    const { requested } = await changeUserAccess(p.manager, officer.id, officer.version, {
      organisationId: p.police.id,
      role: "OFFICER",
      panels: ["MARAC"],
    });
    expect(requested).toEqual([{ panel: "MARAC", kind: "MEMBERSHIP" }]);
    const actor = await resolveSession(session.sessionId, session.sessionVersion);
    expect(actor?.panels).toEqual([]);
    await expect(getCase(actor!, p.maracCase.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a manager resetting a MARAC member's password only asks; on approval the link goes to her own address and nobody is shown it", async () => {
    const p = await partnership();
    const member = await makeUser({ organisationId: p.police.id, panels: ["MARAC"] });
    const outcome = await resetPassword(p.manager, member.id);
    expect(outcome).toEqual({ requested: { panel: "MARAC", kind: "PASSWORD_RESET" } });
    expect(await db.passwordToken.count({ where: { userId: member.id } })).toBe(0);
    // Her password still works: nothing has happened yet.
    expect(await readsMarac(member.email, TEST_PASSWORD, p.maracCase.id)).toBe(true);

    const [request] = await pending(member.id);
    const decision = await decidePanelRequest(p.chair, {
      requestId: request!.id,
      version: request!.version,
      decision: "approve",
      note: null,
    });
    expect(decision.link).toEqual({ purpose: "RESET", sentTo: `${member.email[0]}…@test.example` });
    const token = await db.passwordToken.findFirstOrThrow({ where: { userId: member.id, usedAt: null } });
    expect(token.shownToId).toBeNull();
    expect(await db.notification.count({ where: { kind: "PASSWORD_RESET", secretLink: { not: null }, userId: { not: member.id } } })).toBe(
      0,
    );
    expect(await describePasswordLink(await emailedToken(member.id))).toMatchObject({ email: member.email });
  });

  it("a manager cannot remove a MARAC member's two-factor sign-in: it is a request, and stays on until a chair approves", async () => {
    const p = await partnership();
    const member = await makeUser({ organisationId: p.police.id, panels: ["MARAC"] });
    await db.user.update({ where: { id: member.id }, data: { totpSecret: "encrypted", totpEnabledAt: new Date() } });
    expect(await removeTwoFactor(p.manager, member.id)).toEqual({ requested: { panel: "MARAC", kind: "REMOVE_TWO_FACTOR" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).totpEnabledAt).not.toBeNull();
    const [request] = await pending(member.id);
    await decidePanelRequest(p.chair, { requestId: request!.id, version: request!.version, decision: "approve", note: null });
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).totpEnabledAt).toBeNull();
  });

  it("an administrator who invites an officer on the MARAC for herself reads no MARAC case", async () => {
    const p = await partnership();
    const { userId } = await inviteUser(p.admin, {
      name: "Admin Alias",
      email: "admin.alias@test.example",
      jobTitle: null,
      organisationId: p.council.id,
      role: "OFFICER",
      panels: ["MARAC", "CCM"],
    });
    await setPasswordWithLink(await emailedToken(userId), NEW_PASSWORD);
    expect(await readsMarac("admin.alias@test.example", NEW_PASSWORD, p.maracCase.id)).toBe(false);
    // The CCM is not restricted: that part of the invitation was granted at once.
    expect(await db.panelMembership.count({ where: { user: { email: "admin.alias@test.example" }, panel: "CCM" } })).toBe(1);
  });

  it("approving the invitation's MARAC request kills the first link and e-mails a new one to the account", async () => {
    const p = await partnership();
    const { userId } = await inviteUser(p.manager, {
      name: "New Detective",
      email: "new.detective@test.example",
      jobTitle: null,
      organisationId: p.police.id,
      role: "OFFICER",
      panels: ["MARAC"],
    });
    const first = await emailedToken(userId);
    const [request] = await pending(userId);
    const decision = await decidePanelRequest(p.chair, {
      requestId: request!.id,
      version: request!.version,
      decision: "approve",
      note: null,
    });
    expect(await describePasswordLink(first)).toBeNull();
    expect(decision.link).toEqual({ purpose: "INVITE", sentTo: "n…@test.example" });
    await setPasswordWithLink(await emailedToken(userId), NEW_PASSWORD);
    expect(await readsMarac("new.detective@test.example", NEW_PASSWORD, p.maracCase.id)).toBe(true);
  });

  it("an officer who set her password from her own e-mailed link keeps it when a chair approves MARAC", async () => {
    const p = await partnership();
    const officer = await makeUser({ organisationId: p.police.id });
    await resetPassword(p.manager, officer.id);
    await setPasswordWithLink(await emailedToken(officer.id), NEW_PASSWORD);
    await changeUserAccess(p.manager, officer.id, (await db.user.findUniqueOrThrow({ where: { id: officer.id } })).version, {
      organisationId: p.police.id,
      role: "OFFICER",
      panels: ["MARAC"],
    });
    const [request] = await pending(officer.id);
    expect((await panelOverview(p.chair, "MARAC")).requests.find((r) => r.id === request!.id)?.replacesPassword).toBe(false);
    const decision = await decidePanelRequest(p.chair, {
      requestId: request!.id,
      version: request!.version,
      decision: "approve",
      note: null,
    });
    expect(decision.link).toBeUndefined();
    expect(await readsMarac(officer.email, NEW_PASSWORD, p.maracCase.id)).toBe(true);
  });

  it("a password set from a link someone else was shown (before links went by e-mail) is replaced when a chair approves MARAC", async () => {
    const p = await partnership();
    const officer = await makeUser({ organisationId: p.police.id });
    await db.user.update({
      where: { id: officer.id },
      data: {
        passwordHash: await hashPassword("the manager's chosen password"),
        passwordSetAt: new Date(),
        passwordLinkSeenById: p.manager.userId,
      },
    });
    await changeUserAccess(p.manager, officer.id, (await db.user.findUniqueOrThrow({ where: { id: officer.id } })).version, {
      organisationId: p.police.id,
      role: "OFFICER",
      panels: ["MARAC"],
    });
    const [request] = await pending(officer.id);
    expect((await panelOverview(p.chair, "MARAC")).requests.find((r) => r.id === request!.id)?.replacesPassword).toBe(true);
    const decision = await decidePanelRequest(p.chair, {
      requestId: request!.id,
      version: request!.version,
      decision: "approve",
      note: null,
    });
    expect(decision.link?.purpose).toBe("RESET");
    expect(await readsMarac(officer.email, "the manager's chosen password", p.maracCase.id)).toBe(false);
    await setPasswordWithLink(await emailedToken(officer.id), NEW_PASSWORD);
    expect(await readsMarac(officer.email, NEW_PASSWORD, p.maracCase.id)).toBe(true);
  });

  it("making a MARAC member a chair is a request; the rest of the form is saved", async () => {
    const p = await partnership();
    const member = await makeUser({ organisationId: p.police.id, panels: ["MARAC"] });
    const { requested } = await changeUserAccess(p.manager, member.id, member.version, {
      organisationId: p.police.id,
      role: "CHAIR",
      panels: ["MARAC"],
    });
    expect(requested).toEqual([{ panel: "MARAC", kind: "CHAIR" }]);
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).role).toBe("OFFICER");
    const [request] = await pending(member.id);
    await decidePanelRequest(p.chair, { requestId: request!.id, version: request!.version, decision: "approve", note: null });
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).role).toBe("CHAIR");
  });

  it("taking someone off the MARAC needs nobody's approval: it only narrows what they see", async () => {
    const p = await partnership();
    const member = await makeUser({ organisationId: p.police.id, panels: ["MARAC"] });
    expect(
      (await changeUserAccess(p.manager, member.id, member.version, { organisationId: p.police.id, role: "OFFICER", panels: [] }))
        .requested,
    ).toEqual([]);
    expect(await db.panelMembership.count({ where: { userId: member.id } })).toBe(0);
  });
});

describe("the legitimate path", () => {
  it("a manager asks, a MARAC chair approves, and the officer reads MARAC cases with her own password", async () => {
    const p = await partnership();
    const officer = await makeUser({ organisationId: p.police.id });
    expect(await readsMarac(officer.email, TEST_PASSWORD, p.maracCase.id)).toBe(false);
    await changeUserAccess(p.manager, officer.id, officer.version, { organisationId: p.police.id, role: "OFFICER", panels: ["MARAC"] });
    const [request] = await pending(officer.id);
    const decision = await decidePanelRequest(p.chair, {
      requestId: request!.id,
      version: request!.version,
      decision: "approve",
      note: null,
    });
    expect(decision.link).toBeUndefined();
    expect(await readsMarac(officer.email, TEST_PASSWORD, p.maracCase.id)).toBe(true);

    const membership = await db.panelMembership.findUniqueOrThrow({ where: { userId_panel: { userId: officer.id, panel: "MARAC" } } });
    expect([membership.addedById, membership.approvedById]).toEqual([p.manager.userId, p.chair.userId]);
    const history = await panelRequestsForUser(p.manager, officer.id);
    expect(history.map((r) => [r.kind, r.status, r.requestedBy, r.decidedBy])).toEqual([
      ["MEMBERSHIP", "APPROVED", p.manager.name, p.chair.name],
    ]);
    const audited = await db.auditEvent.findMany({ where: { entityType: "PanelRequest", entityId: request!.id }, orderBy: { id: "asc" } });
    expect(audited.map((a) => [a.action, a.userId, (a.detail as { change: string }).change])).toEqual([
      ["CREATE", p.manager.userId, "panel change requested"],
      ["UPDATE", p.chair.userId, "panel request approved"],
    ]);
  });

  it("a refusal needs a reason, is audited, and shows on the user's page; the officer never joins", async () => {
    const p = await partnership();
    const officer = await makeUser({ organisationId: p.police.id });
    await changeUserAccess(p.manager, officer.id, officer.version, { organisationId: p.police.id, role: "OFFICER", panels: ["MARAC"] });
    const [request] = await pending(officer.id);
    await expect(
      decidePanelRequest(p.chair, { requestId: request!.id, version: request!.version, decision: "refuse", note: null }),
    ).rejects.toBeInstanceOf(ValidationError);
    await decidePanelRequest(p.chair, {
      requestId: request!.id,
      version: request!.version,
      decision: "refuse",
      note: "Not a domestic abuse role",
    });
    expect(await db.panelMembership.count({ where: { userId: officer.id, panel: "MARAC" } })).toBe(0);
    expect((await panelRequestsForUser(p.manager, officer.id))[0]).toMatchObject({
      status: "REFUSED",
      decisionNote: "Not a domestic abuse role",
      decidedBy: p.chair.name,
    });
    expect(
      await db.auditEvent.count({
        where: { entityType: "PanelRequest", entityId: request!.id, detail: { path: ["change"], equals: "panel request refused" } },
      }),
    ).toBe(1);
  });
});

describe("who decides", () => {
  it("nobody but a chair of the panel decides: a manager, an administrator, a member and the CCM chair get 'not found', audited", async () => {
    const p = await partnership();
    const officer = await makeUser({ organisationId: p.police.id });
    await changeUserAccess(p.manager, officer.id, officer.version, { organisationId: p.police.id, role: "OFFICER", panels: ["MARAC"] });
    const [request] = await pending(officer.id);
    const member = await actorFor(p.idva.id);
    for (const actor of [p.manager, p.admin, member, p.ccmChair]) {
      await expect(
        decidePanelRequest(actor, { requestId: request!.id, version: request!.version, decision: "approve", note: null }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(panelOverview(actor, "MARAC")).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", entityType: "PanelRequest", entityId: request!.id } })).toBe(4);
    expect(await db.panelMembership.count({ where: { userId: officer.id, panel: "MARAC" } })).toBe(0);
  });

  it("a chair cannot decide a request about her own account: another chair must", async () => {
    const p = await partnership();
    await resetPassword(p.admin, p.chair.userId);
    const [request] = await pending(p.chair.userId);
    await expect(
      decidePanelRequest(p.chair, { requestId: request!.id, version: request!.version, decision: "approve", note: null }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await panelOverview(p.chair, "MARAC")).requests.find((r) => r.id === request!.id)?.ownRequest).toBe(true);
    const decision = await decidePanelRequest(p.secondChair, {
      requestId: request!.id,
      version: request!.version,
      decision: "approve",
      note: null,
    });
    expect(decision.link?.purpose).toBe("RESET");
  });

  it("two chairs deciding at once: one decision stands, the other is told", async () => {
    const p = await partnership();
    const officer = await makeUser({ organisationId: p.police.id });
    await changeUserAccess(p.manager, officer.id, officer.version, { organisationId: p.police.id, role: "OFFICER", panels: ["MARAC"] });
    const [request] = await pending(officer.id);
    const results = await Promise.allSettled([
      decidePanelRequest(p.chair, { requestId: request!.id, version: request!.version, decision: "approve", note: null }),
      decidePanelRequest(p.secondChair, { requestId: request!.id, version: request!.version, decision: "refuse", note: "No" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toBeInstanceOf(ConflictError);
  });

  it("asking twice while a request waits makes one request", async () => {
    const p = await partnership();
    const member = await makeUser({ organisationId: p.police.id, panels: ["MARAC"] });
    await Promise.all([resetPassword(p.manager, member.id), resetPassword(p.admin, member.id)]);
    expect(await pending(member.id)).toHaveLength(1);
  });
});

describe("the panel access review", () => {
  it("lists every member with who asked, who approved, last sign-in and two-factor; a chair takes one off", async () => {
    const p = await partnership();
    const { members } = await panelOverview(p.chair, "MARAC");
    // (Other tests in this file add members of their own to the one panel.)
    expect(members.map((m) => m.userId)).toEqual(expect.arrayContaining([p.chair.userId, p.secondChair.userId, p.idva.id]));
    const idva = members.find((m) => m.userId === p.idva.id)!;
    expect(idva).toMatchObject({ twoFactor: false, lastLoginAt: null, active: true });
    const member = await makeUser({ organisationId: p.police.id, panels: ["MARAC"] });
    expect(await readsMarac(member.email, TEST_PASSWORD, p.maracCase.id)).toBe(true);
    await removePanelMember(p.chair, "MARAC", member.id);
    expect(await readsMarac(member.email, TEST_PASSWORD, p.maracCase.id)).toBe(false);
    await expect(removePanelMember(p.chair, "MARAC", p.chair.userId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removePanelMember(p.ccmChair, "MARAC", p.secondChair.userId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a chair adds a member directly; an administrator cannot be added", async () => {
    const p = await partnership();
    const officer = await makeUser({ organisationId: p.police.id });
    expect((await grantPanelMembership(p.chair, "MARAC", officer.email)).link).toBeUndefined();
    expect(await readsMarac(officer.email, TEST_PASSWORD, p.maracCase.id)).toBe(true);
    await expect(grantPanelMembership(p.chair, "MARAC", p.admin.email)).rejects.toBeInstanceOf(ValidationError);
    await expect(grantPanelMembership(p.manager, "MARAC", officer.email)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("accounts live in their organisation's e-mail domains", () => {
  it("an invitation to an address outside the organisation's domains is refused at the address", async () => {
    const p = await partnership();
    await expect(
      inviteUser(p.manager, {
        name: "Outsider",
        email: "someone@gmail.example",
        jobTitle: null,
        organisationId: p.police.id,
        role: "OFFICER",
        panels: [],
      }),
    ).rejects.toMatchObject({ fieldErrors: { email: [expect.stringContaining("@test.example")] } });
  });

  it("a move to an organisation whose domains do not hold the address is refused", async () => {
    const p = await partnership();
    const elsewhere = await db.organisation.create({
      data: { name: "Elsewhere Trust", shortName: "ELS", kind: "HEALTH", emailDomains: ["elsewhere.example"] },
    });
    const officer = await makeUser({ organisationId: p.council.id });
    await expect(
      changeUserAccess(p.admin, officer.id, officer.version, { organisationId: elsewhere.id, role: "OFFICER", panels: [] }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
