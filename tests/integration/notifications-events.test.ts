import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { changeActionStatus } from "@/lib/case-actions/data";
import { changePassword } from "@/lib/auth/account";
import { shareCase } from "@/lib/cases/data";
import { scheduleMeeting } from "@/lib/meetings/data";
import { createReferral, triageReferral } from "@/lib/referrals/data";
import { createIncident } from "@/lib/incidents/data";
import { recordVulnerabilityMarker } from "@/lib/people/data";
import { TEST_PASSWORD } from "@/tests/support/fixtures";
import { makeCase, makeIncident, makePerson, makePower } from "@/tests/support/people-fixtures";
import { dailyNotifications } from "@/lib/notifications/data/daily";
import { recordBreach } from "@/lib/powers/data";
import { signInWithPassword } from "@/lib/auth/data";
import { withdrawReferral } from "@/lib/referrals/data";
import { addAction, agency, colleague, dayFromToday, open, sharedCase } from "./actions-support";

// The events that notify people, each in the transaction of the event, and only people who may
// open the record (the same access rules as the pages): actions assigned and finished.

async function notificationsOf(userId: string) {
  return db.notification.findMany({
    where: { userId },
    select: { kind: true, reference: true, organisation: true, link: true, emailState: true },
  });
}

describe("actions", () => {
  it("the named officer is told an action is theirs; the officer who set it is not told of their own doing", async () => {
    const { police, housing, caseId, reference } = await sharedCase();
    const action = await addAction(police.actor, caseId, housing.organisation.id, { assignedUserId: housing.user.id });
    expect(await notificationsOf(housing.user.id)).toEqual([
      {
        kind: "ACTION_ASSIGNED_TO_ME",
        reference,
        organisation: null,
        link: `/cases/${caseId}/actions/${action.id}`,
        emailState: "PENDING",
      },
    ]);
    expect(await notificationsOf(police.user.id)).toEqual([]);
  });

  it("officers of the organisation who opted in hear of its actions; the others, and the rest of the partnership, do not", async () => {
    const { police, housing, caseId } = await sharedCase();
    const keen = await colleague(housing.organisation.id);
    const quiet = await colleague(housing.organisation.id);
    await db.notificationPreference.create({
      data: { userId: keen.user.id, kind: "ACTION_ASSIGNED_TO_ORGANISATION", delivery: "DAILY_DIGEST" },
    });
    await addAction(police.actor, caseId, housing.organisation.id);
    expect((await notificationsOf(keen.user.id)).map((n) => [n.kind, n.organisation, n.emailState])).toEqual([
      ["ACTION_ASSIGNED_TO_ORGANISATION", housing.organisation.name, "IN_DIGEST"],
    ]);
    expect(await notificationsOf(quiet.user.id)).toEqual([]);
  });

  it("on a MARAC case, an officer who opted in but is not on the panel is told nothing", async () => {
    const police = await agency({ kind: "POLICE", panels: ["MARAC"] });
    const offPanel = await colleague(police.organisation.id);
    await db.notificationPreference.create({
      data: { userId: offPanel.user.id, kind: "ACTION_ASSIGNED_TO_ORGANISATION", delivery: "IMMEDIATELY" },
    });
    const onPanel = await colleague(police.organisation.id, { panels: ["MARAC"] });
    await db.notificationPreference.create({
      data: { userId: onPanel.user.id, kind: "ACTION_ASSIGNED_TO_ORGANISATION", delivery: "IMMEDIATELY" },
    });
    const marac = await open(police.actor, { kind: "MARAC", title: "Restricted" });
    await addAction(police.actor, marac.id, police.organisation.id);
    expect(await notificationsOf(offPanel.user.id)).toEqual([]);
    expect((await notificationsOf(onPanel.user.id)).map((n) => n.kind)).toEqual(["ACTION_ASSIGNED_TO_ORGANISATION"]);
  });

  it("whoever set an action hears when it is done or cancelled", async () => {
    const { police, housing, caseId } = await sharedCase();
    const done = await addAction(police.actor, caseId, housing.organisation.id, { title: "Visit" });
    const dropped = await addAction(police.actor, caseId, housing.organisation.id, { title: "Letter" });
    await changeActionStatus(housing.actor, caseId, done.id, done.version, { status: "DONE", outcome: "Visited", cancelReason: null });
    await changeActionStatus(housing.actor, caseId, dropped.id, dropped.version, {
      status: "CANCELLED",
      outcome: null,
      cancelReason: "Moved away",
    });
    expect((await notificationsOf(police.user.id)).map((n) => n.kind).sort()).toEqual(["ACTION_CANCELLED", "ACTION_COMPLETED"]);
  });

  it("an action that fails to save notifies nobody", async () => {
    const { police, housing, caseId } = await sharedCase();
    await expect(
      addAction(police.actor, caseId, housing.organisation.id, { assignedUserId: housing.user.id, dueDate: new Date("2001-01-01") }),
    ).rejects.toThrow();
    expect(await notificationsOf(housing.user.id)).toEqual([]);
  });
});

describe("referrals, meetings, shares and the account", () => {
  it("a MARAC referral tells the MARAC's chairs only; asking for more information tells the referrer", async () => {
    const police = await agency({ kind: "POLICE", panels: ["MARAC"] });
    const maracChair = await agency({ kind: "LOCAL_AUTHORITY", role: "CHAIR", panels: ["MARAC"] });
    const ccmChair = await agency({ kind: "LOCAL_AUTHORITY", role: "CHAIR", panels: ["CCM"] });
    const member = await colleague(maracChair.organisation.id, { panels: ["MARAC"] });
    const c = await open(police.actor, { kind: "MARAC", title: "Referred" });
    const { id } = await createReferral(
      police.actor,
      {
        caseId: c.id,
        panel: "MARAC",
        reason: "Professional judgement",
        grounds: ["PROFESSIONAL_JUDGEMENT"],
        victimPersonId: null,
        perpetratorPersonId: null,
        childrenInHousehold: null,
        transferDirection: "NONE",
        transferArea: null,
      },
      randomUUID(),
    );
    const referral = await db.referral.findUniqueOrThrow({ where: { id } });
    expect(await notificationsOf(maracChair.user.id)).toEqual([
      {
        kind: "REFERRAL_AWAITING_TRIAGE",
        reference: referral.reference,
        organisation: null,
        link: `/referrals/${id}`,
        emailState: "PENDING",
      },
    ]);
    expect(await notificationsOf(ccmChair.user.id)).toEqual([]);
    expect(await notificationsOf(member.user.id)).toEqual([]);

    await triageReferral(maracChair.actor, id, referral.version, {
      outcome: "MORE_INFO_REQUESTED",
      note: "Which address?",
      meetingId: null,
    });
    expect((await notificationsOf(police.user.id)).map((n) => n.kind)).toEqual(["REFERRAL_MORE_INFORMATION"]);
  });

  it("a meeting scheduled tells the invited organisations' members of the panel; one recorded after it was held tells nobody", async () => {
    const chair = await agency({ kind: "LOCAL_AUTHORITY", role: "CHAIR", panels: ["CCM"] });
    const housing = await agency({ kind: "HOUSING_PROVIDER", panels: ["CCM"] });
    const housingOffPanel = await colleague(housing.organisation.id);
    const fire = await agency({ kind: "FIRE", panels: ["CCM"] });
    const input = (startsAt: Date) => ({
      panel: "CCM" as const,
      startsAt,
      venue: null,
      chairId: chair.user.id,
      organisationIds: [chair.organisation.id, housing.organisation.id],
    });
    const { id } = await scheduleMeeting(chair.actor, input(new Date(Date.now() + 7 * 86_400_000)), randomUUID());
    expect((await notificationsOf(housing.user.id)).map((n) => [n.kind, n.link])).toEqual([["MEETING_SCHEDULED", `/meetings/${id}`]]);
    expect(await notificationsOf(housingOffPanel.user.id)).toEqual([]);
    expect(await notificationsOf(fire.user.id)).toEqual([]);
    expect(await notificationsOf(chair.user.id)).toEqual([]);
    await scheduleMeeting(chair.actor, input(new Date("2020-04-20T09:00:00Z")), randomUUID());
    expect(await notificationsOf(housing.user.id)).toHaveLength(1);
  });

  it("a case shared with an organisation tells its managers", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER", role: "MANAGER" });
    const housingOfficer = await colleague(housing.organisation.id);
    const c = await open(police.actor);
    await shareCase(police.actor, c.id, housing.organisation.id);
    expect((await notificationsOf(housing.user.id)).map((n) => [n.kind, n.reference, n.organisation])).toEqual([
      ["CASE_SHARED", c.reference, housing.organisation.name],
    ]);
    expect(await notificationsOf(housingOfficer.user.id)).toEqual([]);
  });

  it("a password change tells its owner, whatever they chose", async () => {
    const someone = await agency({});
    await db.notificationPreference.create({ data: { userId: someone.user.id, kind: "PASSWORD_CHANGED", delivery: "OFF" } });
    await changePassword(someone.actor, TEST_PASSWORD, "A much longer new passphrase 2026!");
    expect((await notificationsOf(someone.user.id)).map((n) => [n.kind, n.emailState])).toEqual([["PASSWORD_CHANGED", "PENDING"]]);
  });
});

describe("victim flags", () => {
  // A police case with a victim: its lead officer and the police managers lead it.
  async function caseWithVictim(kind: "ASB" | "MARAC" = "ASB") {
    const police = await agency({ kind: "POLICE", panels: kind === "MARAC" ? ["MARAC"] : [] });
    const lead = await colleague(police.organisation.id, { panels: kind === "MARAC" ? ["MARAC"] : [] });
    const manager = await colleague(police.organisation.id, { role: "MANAGER" });
    const housing = await agency({ kind: "HOUSING_PROVIDER", role: "MANAGER" });
    const victim = await makePerson({
      createdByOrgId: police.organisation.id,
      firstName: "Flag",
      lastName: `Victim ${randomUUID().slice(0, 6)}`,
    });
    const c = await makeCase({
      leadOrganisationId: police.organisation.id,
      createdById: police.user.id,
      kind,
      people: [[victim.id, "VICTIM"]],
    });
    await db.case.update({ where: { id: c.id }, data: { leadOfficerId: lead.user.id } });
    return { police, lead, manager, housing, victim, c };
  }
  const flagsOf = async (userId: string) =>
    (await notificationsOf(userId)).filter((n) => n.kind === "VICTIM_FLAG_RAISED").map((n) => [n.reference, n.link]);

  it("a victim recorded as vulnerable tells the case's lead officer and its organisation's managers, once; nobody else", async () => {
    const { police, lead, manager, housing, victim, c } = await caseWithVictim();
    await recordVulnerabilityMarker(police.actor, victim.id, { kind: "MENTAL_HEALTH", note: null });
    expect(await flagsOf(lead.user.id)).toEqual([[c.reference, `/cases/${c.id}`]]);
    expect(await flagsOf(manager.user.id)).toEqual([[c.reference, `/cases/${c.id}`]]);
    expect(await flagsOf(housing.user.id)).toEqual([]);
    expect(await flagsOf(police.user.id)).toEqual([]);
    // A second marker does not raise the flag again: it was already up.
    await recordVulnerabilityMarker(police.actor, victim.id, { kind: "ISOLATION", note: null });
    expect(await flagsOf(lead.user.id)).toHaveLength(1);
  });

  it("on a MARAC case, a manager who is not on the panel is not told", async () => {
    const { police, lead, manager, victim } = await caseWithVictim("MARAC");
    await recordVulnerabilityMarker(police.actor, victim.id, { kind: "MENTAL_HEALTH", note: null });
    expect(await flagsOf(lead.user.id)).toHaveLength(1);
    expect(await flagsOf(manager.user.id)).toEqual([]);
  });

  it("the incident that makes someone a repeat victim raises the flag; later ones and one from years ago do not", async () => {
    const { police, lead, victim, c } = await caseWithVictim();
    const earlier = (days: number) => new Date(Date.now() - days * 86_400_000);
    for (const days of [60, 30])
      await makeIncident({
        organisationId: police.organisation.id,
        officerId: police.user.id,
        people: [[victim.id, "VICTIM"]],
        occurredAt: earlier(days),
      });
    const log = (occurredAt: Date) =>
      createIncident(
        police.actor,
        {
          occurredAt,
          reportedAt: occurredAt,
          reportMethod: "PHONE",
          category: "PERSONAL",
          type: "INTIMIDATION_HARASSMENT",
          description: "Threatened again on the stairs.",
          riskLevel: "STANDARD",
          location: null,
          people: [{ person: { id: victim.id }, role: "VICTIM", row: 0 }],
          caseId: null,
        },
        randomUUID(),
      );
    await log(new Date(2018, 3, 20));
    expect(await flagsOf(lead.user.id)).toEqual([]);
    await log(earlier(1));
    expect(await flagsOf(lead.user.id)).toEqual([[c.reference, `/cases/${c.id}`]]);
    await log(earlier(0.5));
    expect(await flagsOf(lead.user.id)).toHaveLength(1);
  });
});

describe("the morning's notifications", () => {
  it("due tomorrow to the named officer; overdue as one message per person, not one per action; a power expiring to its issuer; never twice", async () => {
    const { police, housing, caseId } = await sharedCase();
    const tomorrow = await addAction(police.actor, caseId, housing.organisation.id, {
      assignedUserId: housing.user.id,
      dueDate: dayFromToday(1),
    });
    for (const title of ["Letter", "Visit"]) {
      const late = await addAction(police.actor, caseId, housing.organisation.id, { title, assignedUserId: housing.user.id });
      await db.caseAction.update({ where: { id: late.id }, data: { dueDate: dayFromToday(-3) } });
    }
    const victim = await makePerson({
      createdByOrgId: police.organisation.id,
      firstName: "Morning",
      lastName: `Run ${randomUUID().slice(0, 6)}`,
    });
    const power = await makePower({
      subjectPersonId: victim.id,
      issuingOrganisationId: police.organisation.id,
      issuingOfficerId: police.user.id,
    });
    await db.powerUse.update({ where: { id: power.id }, data: { expiresAt: new Date(Date.now() + 10 * 86_400_000) } });

    await dailyNotifications();
    await dailyNotifications();
    const housingKinds = (await notificationsOf(housing.user.id)).filter(
      (n) => n.kind === "ACTION_DUE_TOMORROW" || n.kind === "ACTIONS_OVERDUE",
    );
    expect(housingKinds.map((n) => [n.kind, n.reference, n.link]).sort()).toEqual(
      [
        ["ACTION_DUE_TOMORROW", expect.any(String), `/cases/${caseId}/actions/${tomorrow.id}`],
        ["ACTIONS_OVERDUE", "2", "/actions?scope=mine&overdue=yes"],
      ].sort(),
    );
    expect((await notificationsOf(police.user.id)).filter((n) => n.kind === "POWER_EXPIRING").map((n) => n.reference)).toEqual([
      power.reference,
    ]);
  });
});

describe("powers", () => {
  it("a breach recorded by a colleague tells the officer who issued the power", async () => {
    const police = await agency({ kind: "POLICE" });
    const colleagueOfficer = await colleague(police.organisation.id);
    const subject = await makePerson({
      createdByOrgId: police.organisation.id,
      firstName: "Breach",
      lastName: `Subject ${randomUUID().slice(0, 6)}`,
    });
    const power = await makePower({
      subjectPersonId: subject.id,
      issuingOrganisationId: police.organisation.id,
      issuingOfficerId: police.user.id,
    });
    await db.powerUse.update({ where: { id: power.id }, data: { issuedAt: new Date(Date.now() - 10 * 86_400_000) } });
    await recordBreach(colleagueOfficer.actor, power.id, power.version, {
      breachedAt: new Date(Date.now() - 2 * 86_400_000),
      actionTaken: "FPN",
      notes: null,
    });
    expect((await notificationsOf(police.user.id)).map((n) => [n.kind, n.reference, n.link])).toEqual([
      ["POWER_BREACHED", power.reference, `/powers/${power.id}`],
    ]);
    expect(await notificationsOf(colleagueOfficer.user.id)).toEqual([]);
  });
});

describe("the account's security", () => {
  it("a sign-in from a new browser tells its owner (not the first ever); repeated failures tell them once", async () => {
    const someone = await agency({});
    const signIn = (password: string, userAgent: string) =>
      signInWithPassword({ email: someone.user.email, password, ip: "198.51.100.7", userAgent });
    await signIn(TEST_PASSWORD, "Firefox on the office PC");
    await signIn(TEST_PASSWORD, "Firefox on the office PC");
    expect(await notificationsOf(someone.user.id)).toEqual([]);
    await signIn(TEST_PASSWORD, "Safari on an unknown phone");
    expect((await notificationsOf(someone.user.id)).map((n) => [n.kind, n.emailState])).toEqual([["SIGN_IN_NEW_DEVICE", "PENDING"]]);
    for (let i = 0; i < 12; i++) await signIn("wrong password", "a script");
    expect((await notificationsOf(someone.user.id)).filter((n) => n.kind === "SIGN_IN_THROTTLED")).toHaveLength(1);
  });
});

describe("referrals withdrawn", () => {
  it("a referral withdrawn before triage tells the panel's chairs", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY", panels: ["CCM"] });
    // The chair is told as the pages would show it: one who may open the case (here, of the same council).
    const chair = await colleague(council.organisation.id, { role: "CHAIR", panels: ["CCM"] });
    const c = await open(council.actor);
    const { id } = await createReferral(
      council.actor,
      {
        caseId: c.id,
        panel: "CCM",
        reason: "Repeated noise and threats",
        grounds: [],
        victimPersonId: null,
        perpetratorPersonId: null,
        childrenInHousehold: null,
        transferDirection: "NONE",
        transferArea: null,
      },
      randomUUID(),
    );
    const { version } = await db.referral.findUniqueOrThrow({ where: { id } });
    await withdrawReferral(council.actor, id, version, "Resolved by mediation");
    expect((await notificationsOf(chair.user.id)).map((n) => n.kind).sort()).toEqual(["REFERRAL_AWAITING_TRIAGE", "REFERRAL_WITHDRAWN"]);
  });
});
