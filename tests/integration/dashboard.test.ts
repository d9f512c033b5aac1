import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { getDashboard } from "@/lib/dashboard/data";
import { addCaseNote, changeCaseStatus, shareCase } from "@/lib/cases/data";
import { actorFor, makeOrganisation, makeUser } from "@/tests/support/fixtures";
import { addAction, agency, colleague, dayFromToday, open } from "./actions-support";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-11-23T12:00:00Z");

async function makeCase(options: { leadOrganisationId: string; createdById: string; restricted?: boolean; sharedWith?: string[] }) {
  return db.case.create({
    data: {
      reference: `CASE-T-${randomUUID().slice(0, 8)}`,
      kind: options.restricted ? "MARAC" : "ASB",
      title: "Test case",
      leadOrganisationId: options.leadOrganisationId,
      createdById: options.createdById,
      restricted: options.restricted ?? false,
      shares: { create: (options.sharedWith ?? []).map((organisationId) => ({ organisationId, sharedById: options.createdById })) },
    },
  });
}

async function makeAction(caseId: string, organisationId: string, createdById: string, dueDate: Date, assignedUserId?: string) {
  return db.caseAction.create({
    data: { caseId, title: "Visit the victim", assignedOrganisationId: organisationId, assignedUserId, dueDate, createdById },
  });
}

async function makeIncidentWithVictim(organisationId: string, officerId: string, personId: string | null, occurredAt: Date) {
  return db.incident.create({
    data: {
      reference: `INC-T-${randomUUID().slice(0, 8)}`,
      occurredAt,
      reportedAt: occurredAt,
      reportMethod: "PHONE",
      category: "PERSONAL",
      type: "INTIMIDATION_HARASSMENT",
      description: "Test",
      reportingOrganisationId: organisationId,
      reportingOfficerId: officerId,
      people: { create: personId ? [{ personId, role: "VICTIM" }] : [] },
    },
  });
}

describe("dashboard", () => {
  it("counts my and my organisation's open and overdue actions, by the London calendar day", async () => {
    const org = await makeOrganisation("LOCAL_AUTHORITY");
    const me = await makeUser({ organisationId: org.id });
    const colleague = await makeUser({ organisationId: org.id });
    const c = await makeCase({ leadOrganisationId: org.id, createdById: me.id });
    await makeAction(c.id, org.id, me.id, new Date("2026-11-22"), me.id); // overdue yesterday
    await makeAction(c.id, org.id, me.id, new Date("2026-11-23"), me.id); // due today: not overdue
    await makeAction(c.id, org.id, me.id, new Date("2026-11-01"), colleague.id); // colleague's, overdue
    const done = await makeAction(c.id, org.id, me.id, new Date("2026-10-01"), me.id);
    await db.caseAction.update({ where: { id: done.id }, data: { status: "DONE" } });

    const dashboard = await getDashboard(await actorFor(me.id), NOW);
    expect(dashboard.actions?.mine).toMatchObject({ open: 2, overdue: 1 });
    expect(dashboard.actions?.organisation).toEqual({ open: 3, overdue: 2 });
  });

  it("never counts actions on a restricted MARAC case for someone outside the MARAC panel", async () => {
    const police = await makeOrganisation("POLICE");
    const officer = await makeUser({ organisationId: police.id });
    const maracMember = await makeUser({ organisationId: police.id, panels: ["MARAC"] });
    const marac = await makeCase({ leadOrganisationId: police.id, createdById: maracMember.id, restricted: true });
    await makeAction(marac.id, police.id, maracMember.id, new Date("2026-11-01"));

    expect((await getDashboard(await actorFor(officer.id), NOW)).actions?.organisation).toEqual({ open: 0, overdue: 0 });
    expect((await getDashboard(await actorFor(maracMember.id), NOW)).actions?.organisation).toEqual({ open: 1, overdue: 1 });
  });

  it("an administrator's dashboard holds no case content", async () => {
    const org = await makeOrganisation("OTHER");
    const admin = await makeUser({ organisationId: org.id, role: "ADMIN" });
    const dashboard = await getDashboard(await actorFor(admin.id), NOW);
    expect(dashboard.actions).toBeNull();
    expect(dashboard.powersExpiring).toBeNull();
    expect(dashboard.trends).toBeNull();
    expect(dashboard.workload).toBeNull();
    expect(dashboard.cases).toBeNull();
    expect(dashboard.myIncidents).toBeNull();
    expect(dashboard.safeguarding).toBeNull();
  });

  it("flags a repeat victim of incidents across agencies on the dashboard of each organisation that logged one", async () => {
    const police = await makeOrganisation("POLICE");
    const housing = await makeOrganisation("HOUSING_PROVIDER");
    const fire = await makeOrganisation("FIRE");
    const pc = await makeUser({ organisationId: police.id });
    const housingOfficer = await makeUser({ organisationId: housing.id });
    const fireOfficer = await makeUser({ organisationId: fire.id });
    const victim = await db.person.create({
      data: { firstName: "Iris", lastName: "Pell", searchText: "iris pell", createdByOrgId: police.id },
    });
    await makeIncidentWithVictim(police.id, pc.id, victim.id, new Date(NOW.getTime() - 200 * DAY));
    await makeIncidentWithVictim(housing.id, housingOfficer.id, victim.id, new Date(NOW.getTime() - 100 * DAY));
    await makeIncidentWithVictim(housing.id, housingOfficer.id, victim.id, new Date(NOW.getTime() - 10 * DAY));

    const forPolice = await getDashboard(await actorFor(pc.id), NOW);
    expect(forPolice.safeguarding?.people).toEqual([
      expect.objectContaining({ personId: victim.id, repeatVictim: true, victimIncidentsInWindow: 3 }),
    ]);
    const forHousing = await getDashboard(await actorFor(housingOfficer.id), NOW);
    expect(forHousing.safeguarding?.people.map((p) => p.personId)).toEqual([victim.id]);
    // The fire brigade logged none of them: the victim is not theirs to be told about.
    const forFire = await getDashboard(await actorFor(fireOfficer.id), NOW);
    expect(forFire.safeguarding?.people).toEqual([]);
  });

  it("does not flag three incidents spread over more than the 12-month window", async () => {
    const police = await makeOrganisation("POLICE");
    const pc = await makeUser({ organisationId: police.id });
    const victim = await db.person.create({
      data: { firstName: "Ned", lastName: "Rowe", searchText: "ned rowe", createdByOrgId: police.id },
    });
    for (const monthsAgo of [26, 13, 0]) {
      await makeIncidentWithVictim(police.id, pc.id, victim.id, new Date(NOW.getTime() - monthsAgo * 30.5 * DAY - DAY));
    }
    const dashboard = await getDashboard(await actorFor(pc.id), NOW);
    expect(dashboard.safeguarding?.people).toEqual([]);
  });

  it("shows the not-closed cases my organisation leads and those shared with it, most recently changed first, as the case list counts them", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const ledOld = await open(housing.actor, { title: "Led, older" });
    const ledNew = await open(housing.actor, { title: "Led, newer" });
    const ledClosed = await open(housing.actor, { title: "Led, closed" });
    await changeCaseStatus(housing.actor, ledClosed.id, 1, { status: "CLOSED", closureReason: "RESOLVED", note: null });
    const shared = await open(police.actor, { title: "Police case shared with housing" });
    await shareCase(police.actor, shared.id, housing.organisation.id);
    const notShared = await open(police.actor, { title: "Police case of their own" });
    // A note on the older case makes it the most recently active.
    await addCaseNote(housing.actor, ledOld.id, "Spoke to the neighbours", randomUUID());

    const { cases } = await getDashboard(housing.actor, NOW);
    expect(cases?.lead).toMatchObject({ total: 2, totalCapped: false });
    expect(cases?.lead.recent.map((c) => c.id)).toEqual([ledOld.id, ledNew.id]);
    expect(cases?.shared.total).toBe(1);
    expect(cases?.shared.recent.map((c) => c.id)).toEqual([shared.id]);
    const everyId = [...cases!.lead.recent, ...cases!.shared.recent].map((c) => c.id);
    expect(everyId).not.toContain(notShared.id);
    expect(everyId).not.toContain(ledClosed.id);
  });

  it("shows the latest timeline entries from the cases I may see, newest first, and nothing from a case I may not", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const mine = await open(housing.actor, { title: "Housing case" });
    const sharedWithMe = await open(police.actor, { title: "Shared police case" });
    await shareCase(police.actor, sharedWithMe.id, housing.organisation.id);
    const notMine = await open(police.actor, { title: "Police case of their own" });
    await addCaseNote(housing.actor, mine.id, "Housing note", randomUUID());
    await addCaseNote(police.actor, sharedWithMe.id, "Police note on the shared case", randomUUID());
    await addCaseNote(police.actor, notMine.id, "Private police note", randomUUID());

    const { recentActivity } = await getDashboard(housing.actor, NOW);
    expect(recentActivity?.map((e) => [e.caseReference, e.kind])).toEqual([
      [sharedWithMe.reference, "NOTE"],
      [mine.reference, "NOTE"],
      [sharedWithMe.reference, "SHARED"],
      [sharedWithMe.reference, "CASE_OPENED"],
      [mine.reference, "CASE_OPENED"],
    ]);
    expect(recentActivity?.[0]).toMatchObject({
      summary: "Police note on the shared case",
      actorName: police.user.name,
      organisation: { shortName: police.organisation.shortName },
    });
    expect(recentActivity?.some((e) => e.caseId === notMine.id)).toBe(false);
  });

  it("never counts, lists or shows activity from a restricted MARAC case to an officer outside the MARAC panel", async () => {
    const police = await agency({ kind: "POLICE", panels: ["MARAC"] });
    const notOnPanel = await colleague(police.organisation.id);
    const marac = await open(police.actor, { kind: "MARAC", title: "Domestic abuse" });
    await addCaseNote(police.actor, marac.id, "Safety plan agreed", randomUUID());
    await addAction(police.actor, marac.id, police.organisation.id, { dueDate: dayFromToday(3) });

    const outsider = await getDashboard(notOnPanel.actor);
    expect(outsider.cases?.lead.total).toBe(0);
    expect(outsider.recentActivity).toEqual([]);
    expect(outsider.actions?.organisation.open).toBe(0);

    const member = await getDashboard(police.actor);
    expect(member.cases?.lead.recent.map((c) => c.id)).toEqual([marac.id]);
    expect(member.recentActivity?.[0]).toMatchObject({ caseId: marac.id, kind: "ACTION_CREATED", restricted: true });
    expect(member.actions?.organisation.open).toBe(1);
  });

  it("lists my open actions soonest due first, each with its case, and marks the overdue ones", async () => {
    const police = await agency({ kind: "POLICE" });
    const opened = await open(police.actor);
    const later = await addAction(police.actor, opened.id, police.organisation.id, {
      title: "Later",
      assignedUserId: police.user.id,
      dueDate: dayFromToday(9),
    });
    const sooner = await addAction(police.actor, opened.id, police.organisation.id, {
      title: "Sooner",
      assignedUserId: police.user.id,
      dueDate: dayFromToday(1),
    });
    await addAction(police.actor, opened.id, police.organisation.id, { title: "Nobody named" });

    const { actions } = await getDashboard(police.actor);
    expect(actions?.mine.items.map((a) => [a.id, a.case.reference, a.overdue])).toEqual([
      [sooner.id, opened.reference, false],
      [later.id, opened.reference, false],
    ]);
    // Two days after the first was due, in London.
    const { actions: afterwards } = await getDashboard(police.actor, new Date(dayFromToday(3).getTime() + 12 * 60 * 60 * 1000));
    expect(afterwards?.mine).toMatchObject({ open: 2, overdue: 1 });
    expect(afterwards?.mine.items[0]).toMatchObject({ id: sooner.id, overdue: true });
  });

  it("counts the organisation's incidents per London calendar month, for the last six months", async () => {
    const police = await agency({ kind: "POLICE" });
    const at = (iso: string) => makeIncidentWithVictim(police.organisation.id, police.user.id, null, new Date(iso));
    await at("2026-09-30T23:30:00Z"); // 00:30 on 1 October in London (BST): October
    await at("2026-10-31T23:30:00Z"); // 23:30 on 31 October (GMT again): October
    await at("2026-11-01T00:30:00Z"); // November
    await at("2026-05-31T22:59:00Z"); // 23:59 on 31 May in London: before the six months
    const { trends } = await getDashboard(police.actor, NOW);
    expect(trends?.months.map(({ month, count }) => ({ month, count }))).toEqual([
      { month: "2026-06", count: 0 },
      { month: "2026-07", count: 0 },
      { month: "2026-08", count: 0 },
      { month: "2026-09", count: 0 },
      { month: "2026-10", count: 2 },
      { month: "2026-11", count: 1 },
    ]);
  });
});
