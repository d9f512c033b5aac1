import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { getDashboard } from "@/lib/dashboard/data";
import { actorFor, makeOrganisation, makeUser } from "@/tests/support/fixtures";

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
  return db.caseAction.create({ data: { caseId, title: "Visit the victim", assignedOrganisationId: organisationId, assignedUserId, dueDate, createdById } });
}

async function makeIncidentWithVictim(organisationId: string, officerId: string, personId: string, occurredAt: Date) {
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
      people: { create: [{ personId, role: "VICTIM" }] },
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
    expect(dashboard.incidentTrend).toBeNull();
    expect(dashboard.safeguarding).toBeNull();
  });

  it("flags a repeat victim of incidents across agencies on the dashboard of each organisation that logged one", async () => {
    const police = await makeOrganisation("POLICE");
    const housing = await makeOrganisation("HOUSING_PROVIDER");
    const fire = await makeOrganisation("FIRE");
    const pc = await makeUser({ organisationId: police.id });
    const housingOfficer = await makeUser({ organisationId: housing.id });
    const fireOfficer = await makeUser({ organisationId: fire.id });
    const victim = await db.person.create({ data: { firstName: "Iris", lastName: "Pell", searchText: "iris pell", createdByOrgId: police.id } });
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
    const victim = await db.person.create({ data: { firstName: "Ned", lastName: "Rowe", searchText: "ned rowe", createdByOrgId: police.id } });
    for (const monthsAgo of [26, 13, 0]) {
      await makeIncidentWithVictim(police.id, pc.id, victim.id, new Date(NOW.getTime() - monthsAgo * 30.5 * DAY - DAY));
    }
    const dashboard = await getDashboard(await actorFor(pc.id), NOW);
    expect(dashboard.safeguarding?.people).toEqual([]);
  });
});
