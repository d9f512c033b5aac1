import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { AsbCategory, Panel, ReferralStatus } from "@/lib/generated/prisma/enums";
import { getDashboard } from "@/lib/dashboard/data";
import { listActions } from "@/lib/case-actions/data";
import { nextMeetingReadiness } from "@/lib/meetings/data";
import { listIncidents } from "@/lib/incidents/data";
import { agency, colleague, makeCase } from "@/tests/support/people-fixtures";
import { OPEN_ONLY, listQuery } from "./actions-support";

// The dashboards per role (issue 17, point 4): each part counted through the rules of the list it
// links to. Another organisation's work is never counted, and MARAC content reaches only MARAC
// panel members.

const NOW = new Date("2026-11-23T12:00:00Z");
const unique = () => randomUUID().slice(0, 8);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function action(caseId: string, organisationId: string, createdById: string, dueDate: Date, assignedUserId: string | null = null) {
  return db.caseAction.create({
    data: { caseId, title: `Action ${unique()}`, assignedOrganisationId: organisationId, assignedUserId, dueDate, createdById },
  });
}

async function place(organisationId: string, addressLine1: string) {
  return db.location.create({
    data: {
      addressLine1,
      town: "Kingsmere",
      postcode: "SE15 4QF",
      kind: "PUBLIC_SPACE",
      searchText: addressLine1.toLowerCase(),
      createdByOrgId: organisationId,
    },
  });
}

async function incident(options: {
  organisationId: string;
  officerId: string;
  occurredAt: Date;
  category?: AsbCategory;
  locationId?: string;
  caseId?: string;
}) {
  return db.incident.create({
    data: {
      reference: `INC-T-${unique()}`,
      occurredAt: options.occurredAt,
      reportedAt: options.occurredAt,
      reportMethod: "PHONE",
      category: options.category ?? "NUISANCE",
      type: "NOISE",
      description: "Test",
      reportingOrganisationId: options.organisationId,
      reportingOfficerId: options.officerId,
      locationId: options.locationId ?? null,
      caseId: options.caseId ?? null,
    },
  });
}

async function referral(caseId: string, panel: Panel, by: { userId: string; organisationId: string }, status: ReferralStatus = "PENDING") {
  return db.referral.create({
    data: {
      reference: `REF-T-${unique()}`,
      caseId,
      panel,
      referringOrganisationId: by.organisationId,
      referringUserId: by.userId,
      reason: "Test",
      grounds: [],
      status,
    },
  });
}

describe("which dashboard each kind of user gets", () => {
  it("leads an officer with their actions, a chair with the triage queue, a manager with the workload, a viewer with cases and an administrator with administration", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const chair = await colleague(council.organisation.id, { role: "CHAIR", panels: ["CCM"] });
    const manager = await colleague(council.organisation.id, { role: "MANAGER", panels: ["CCM"] });
    const viewer = await colleague(council.organisation.id, { role: "VIEWER" });
    const admin = await colleague(council.organisation.id, { role: "ADMIN" });

    const officers = await getDashboard(council.actor, NOW);
    expect(officers).toMatchObject({ focus: "officer", logIncidentFirst: true });
    expect(officers.order.slice(0, 2)).toEqual(["my-actions", "my-incidents"]);

    const chairs = await getDashboard(chair.actor, NOW);
    expect(chairs).toMatchObject({ focus: "chair", logIncidentFirst: false });
    expect(chairs.order.slice(0, 2)).toEqual(["triage", "next-meeting"]);

    const managers = await getDashboard(manager.actor, NOW);
    expect(managers.focus).toBe("manager");
    expect(managers.order.slice(0, 3)).toEqual(["workload", "returns", "trends"]);
    // On the CCM panel too: its next meetings are on the page, after the manager's own sections.
    expect(managers.order).toContain("cases");

    const viewers = await getDashboard(viewer.actor, NOW);
    expect(viewers).toMatchObject({ focus: "viewer", logIncidentFirst: false, actions: null, myIncidents: null });
    expect(viewers.order[0]).toBe("cases");

    const admins = await getDashboard(admin.actor, NOW);
    expect(admins.focus).toBe("administrator");
    expect(admins.order).toEqual(["administration"]);
    expect(admins).toMatchObject({
      cases: null,
      recentActivity: null,
      trends: null,
      triageQueue: null,
      readiness: [],
      upcomingMeetings: [],
    });
  });
});

describe("the manager's workload", () => {
  it("counts the organisation's open and overdue actions by officer, never another organisation's, and each row matches the action list it links to", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const manager = await colleague(council.organisation.id, { role: "MANAGER" });
    const amy = await colleague(council.organisation.id);
    const bob = await colleague(council.organisation.id);
    await db.user.update({ where: { id: amy.user.id }, data: { name: "Amy Archer" } });
    await db.user.update({ where: { id: bob.user.id }, data: { name: "Bob Baker" } });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const shared = await makeCase({
      leadOrganisationId: council.organisation.id,
      createdById: amy.user.id,
      sharedWith: [housing.organisation.id],
    });

    await action(shared.id, council.organisation.id, amy.user.id, day("2026-11-20"), amy.user.id); // overdue
    await action(shared.id, council.organisation.id, amy.user.id, day("2026-11-23"), amy.user.id); // due today: not overdue
    await action(shared.id, council.organisation.id, amy.user.id, day("2026-12-01"), bob.user.id);
    await action(shared.id, council.organisation.id, amy.user.id, day("2026-11-01")); // nobody by name, overdue
    const done = await action(shared.id, council.organisation.id, amy.user.id, day("2026-10-01"), bob.user.id);
    await db.caseAction.update({ where: { id: done.id }, data: { status: "DONE" } });
    // Housing's action on the same case, and housing's own case: not the council's workload.
    await action(shared.id, housing.organisation.id, amy.user.id, day("2026-11-01"), housing.user.id);
    const housingCase = await makeCase({ leadOrganisationId: housing.organisation.id, createdById: housing.user.id });
    await action(housingCase.id, housing.organisation.id, housing.user.id, day("2026-11-01"), housing.user.id);

    const { workload } = await getDashboard(manager.actor, NOW);
    expect(workload?.actions).toMatchObject({ open: 4, overdue: 2, officersWithActions: 3 });
    expect(workload?.actions.byOfficer).toEqual([
      { officer: { id: amy.user.id, name: "Amy Archer" }, open: 2, overdue: 1 },
      { officer: null, open: 1, overdue: 1 },
      { officer: { id: bob.user.id, name: "Bob Baker" }, open: 1, overdue: 0 },
    ]);
    // Each row links to the organisation's action list for that officer: the same rows.
    for (const row of workload!.actions.byOfficer) {
      const officer = row.officer?.id ?? "none";
      const listed = await listActions(manager.actor, "organisation", { ...OPEN_ONLY, officer }, listQuery(), NOW);
      expect(listed.total).toBe(row.open);
      const overdue = await listActions(manager.actor, "organisation", { ...OPEN_ONLY, overdueOnly: true, officer }, listQuery(), NOW);
      expect(overdue.total).toBe(row.overdue);
    }

    // Housing's manager sees housing's work only.
    const housingManager = await colleague(housing.organisation.id, { role: "MANAGER" });
    const forHousing = await getDashboard(housingManager.actor, NOW);
    expect(forHousing.workload?.actions).toMatchObject({ open: 2, overdue: 2 });
    expect(forHousing.workload?.actions.byOfficer).toEqual([
      { officer: { id: housing.user.id, name: expect.any(String) }, open: 2, overdue: 2 },
    ]);
    expect(forHousing.workload?.casesByStatus).toEqual([
      { status: "OPEN", count: 1 },
      { status: "UNDER_REVIEW", count: 0 },
      { status: "MONITORING", count: 0 },
    ]);
  });

  it("counts a MARAC case's actions and the case itself only for a manager on the MARAC panel", async () => {
    const police = await agency({ kind: "POLICE", panels: ["MARAC"] });
    const manager = await colleague(police.organisation.id, { role: "MANAGER" });
    const maracManager = await colleague(police.organisation.id, { role: "MANAGER", panels: ["MARAC"] });
    const marac = await makeCase({ leadOrganisationId: police.organisation.id, createdById: police.user.id, kind: "MARAC" });
    await action(marac.id, police.organisation.id, police.user.id, day("2026-11-01"), police.user.id);
    const asb = await makeCase({ leadOrganisationId: police.organisation.id, createdById: police.user.id });
    await db.case.update({ where: { id: asb.id }, data: { status: "MONITORING" } });

    const outside = (await getDashboard(manager.actor, NOW)).workload!;
    expect(outside.actions).toMatchObject({ open: 0, overdue: 0, byOfficer: [] });
    expect(outside.casesByStatus.map((s) => s.count)).toEqual([0, 0, 1]);

    const member = (await getDashboard(maracManager.actor, NOW)).workload!;
    expect(member.actions).toMatchObject({ open: 1, overdue: 1 });
    expect(member.casesByStatus.map((s) => s.count)).toEqual([1, 0, 1]);
  });

  it("lists the returns due: the latest complete quarter or financial year of each return the manager may open", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const manager = await colleague(council.organisation.id, { role: "MANAGER" });
    const { returnsDue } = await getDashboard(manager.actor, NOW);
    expect(returnsDue?.map((r) => [r.key, r.period.key, r.href])).toEqual([
      ["tools-and-powers", "2025-26", "/returns/tools-and-powers?period=2025-26"],
      ["community-trigger", "2025-26", "/returns/community-trigger?period=2025-26"],
      ["ccm-activity", "2026-27-q2", "/returns/ccm-activity?period=2026-27-q2"],
    ]);
    const maracManager = await colleague(council.organisation.id, { role: "MANAGER", panels: ["MARAC"] });
    expect((await getDashboard(maracManager.actor, NOW)).returnsDue?.map((r) => r.key)).toContain("marac");
    expect((await getDashboard(council.actor, NOW)).returnsDue).toBeNull();
  });
});

describe("the trends by month, category and place", () => {
  it("counts the organisation's incidents in the last six months by category and by place, never another organisation's or a restricted one", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const viewer = await colleague(council.organisation.id, { role: "VIEWER" });
    const other = await agency({ kind: "POLICE" });
    const square = await place(council.organisation.id, `1 Market Square ${unique()}`);
    const park = await place(council.organisation.id, `Fennel Park ${unique()}`);
    const at = (iso: string, category: AsbCategory, locationId?: string) =>
      incident({ organisationId: council.organisation.id, officerId: council.user.id, occurredAt: new Date(iso), category, locationId });
    await at("2026-11-02T10:00:00Z", "NUISANCE", square.id);
    await at("2026-10-15T10:00:00Z", "NUISANCE", square.id);
    await at("2026-09-15T10:00:00Z", "ENVIRONMENTAL", park.id);
    await at("2026-08-15T10:00:00Z", "PERSONAL");
    await at("2026-05-15T10:00:00Z", "PERSONAL", park.id); // before the six months
    // Another organisation's incident at the same place, and a colleague's in a MARAC case.
    await incident({
      organisationId: other.organisation.id,
      officerId: other.user.id,
      occurredAt: new Date("2026-11-03T10:00:00Z"),
      locationId: square.id,
    });
    const colleagueOnMarac = await colleague(council.organisation.id, { panels: ["MARAC"] });
    const marac = await makeCase({ leadOrganisationId: council.organisation.id, createdById: colleagueOnMarac.user.id, kind: "MARAC" });
    await incident({
      organisationId: council.organisation.id,
      officerId: colleagueOnMarac.user.id,
      occurredAt: new Date("2026-11-04T10:00:00Z"),
      category: "PERSONAL",
      locationId: park.id,
      caseId: marac.id,
    });

    const trends = (await getDashboard(viewer.actor, NOW)).trends!;
    expect([trends.firstDay, trends.lastDay]).toEqual(["2026-06-01", "2026-11-30"]);
    expect(trends.months.map((m) => [m.month, m.count, m.firstDay, m.lastDay])).toEqual([
      ["2026-06", 0, "2026-06-01", "2026-06-30"],
      ["2026-07", 0, "2026-07-01", "2026-07-31"],
      ["2026-08", 1, "2026-08-01", "2026-08-31"],
      ["2026-09", 1, "2026-09-01", "2026-09-30"],
      ["2026-10", 1, "2026-10-01", "2026-10-31"],
      ["2026-11", 1, "2026-11-01", "2026-11-30"],
    ]);
    expect(trends.categories).toEqual([
      { category: "NUISANCE", count: 2 },
      { category: "PERSONAL", count: 1 },
      { category: "ENVIRONMENTAL", count: 1 },
    ]);
    expect(trends.places).toEqual([
      { id: square.id, label: `${square.addressLine1}, SE15 4QF`, count: 2 },
      { id: park.id, label: `${park.addressLine1}, SE15 4QF`, count: 1 },
    ]);
    // Each figure is what the incident list shows for the same filters.
    const listed = async (filters: Parameters<typeof listIncidents>[1]) =>
      (await listIncidents(viewer.actor, filters, { page: 1, pageSize: 50, skip: 0, sort: "occurred", dir: "desc" })).total;
    const window = {
      organisationId: council.organisation.id,
      occurredFrom: new Date("2026-05-31T23:00:00Z"),
      occurredBefore: new Date("2026-12-01T00:00:00Z"),
    };
    expect(await listed({ ...window, placeId: square.id })).toBe(2);
    expect(await listed({ ...window, category: "NUISANCE" })).toBe(2);

    // A manager of the council on the MARAC panel counts the restricted incident too.
    const maracManager = await colleague(council.organisation.id, { role: "MANAGER", panels: ["MARAC"] });
    const member = (await getDashboard(maracManager.actor, NOW)).trends!;
    expect(member.categories?.find((c) => c.category === "PERSONAL")?.count).toBe(2);
    expect(member.places?.find((p) => p.id === park.id)?.count).toBe(2);

    // An officer's first screen has the months only.
    const officers = (await getDashboard(council.actor, NOW)).trends!;
    expect(officers.months.map((m) => m.count)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(officers).toMatchObject({ categories: null, places: null });
  });
});

describe("the officer's recent incidents", () => {
  it("lists the incidents the officer logged, newest first, and not a colleague's", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const mate = await colleague(council.organisation.id);
    const older = await incident({
      organisationId: council.organisation.id,
      officerId: council.user.id,
      occurredAt: new Date("2026-11-01T10:00:00Z"),
    });
    const newer = await incident({
      organisationId: council.organisation.id,
      officerId: council.user.id,
      occurredAt: new Date("2026-11-20T10:00:00Z"),
    });
    await incident({ organisationId: council.organisation.id, officerId: mate.user.id, occurredAt: new Date("2026-11-21T10:00:00Z") });
    const { myIncidents } = await getDashboard(council.actor, NOW);
    expect(myIncidents?.map((i) => i.id)).toEqual([newer.id, older.id]);
  });
});

describe("the chair's triage queue and next meeting", () => {
  it("shows a CCM chair the CCM queue and the next CCM's agenda readiness, and nothing of the MARAC", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const ccmChair = await colleague(council.organisation.id, { role: "CHAIR", panels: ["CCM"] });
    const maracChair = await colleague(council.organisation.id, { role: "CHAIR", panels: ["MARAC"] });
    const asb = await makeCase({ leadOrganisationId: council.organisation.id, createdById: council.user.id });
    const asb2 = await makeCase({ leadOrganisationId: council.organisation.id, createdById: council.user.id });
    const marac = await makeCase({ leadOrganisationId: council.organisation.id, createdById: maracChair.user.id, kind: "MARAC" });

    const before = await nextMeetingReadiness(ccmChair.actor, NOW);
    expect(before.map((r) => r.panel)).toEqual(["CCM"]);

    const pending = await referral(asb.id, "CCM", council.actor);
    await referral(asb2.id, "CCM", council.actor, "ACCEPTED");
    const maracReferral = await referral(marac.id, "MARAC", maracChair.actor);
    const later = await db.meeting.create({
      data: { reference: `MTG-T-${unique()}`, panel: "CCM", startsAt: new Date("2026-12-20T10:00:00Z"), chairId: ccmChair.user.id },
    });
    const next = await db.meeting.create({
      data: {
        reference: `MTG-T-${unique()}`,
        panel: "CCM",
        startsAt: new Date("2026-11-30T10:00:00Z"),
        chairId: ccmChair.user.id,
        venue: "Town hall",
      },
    });
    await db.agendaItem.create({ data: { meetingId: next.id, caseId: asb.id, position: 1, reason: "REVIEW" } });
    await db.meeting.create({
      data: { reference: `MTG-T-${unique()}`, panel: "MARAC", startsAt: new Date("2026-11-25T10:00:00Z"), chairId: maracChair.user.id },
    });

    const dashboard = await getDashboard(ccmChair.actor, NOW);
    const [ccm] = dashboard.readiness;
    expect(dashboard.readiness).toHaveLength(1);
    expect(ccm).toMatchObject({
      panel: "CCM",
      meeting: { id: next.id, venue: "Town hall", agendaItems: 1 },
      awaitingTriage: before[0]!.awaitingTriage + 1,
      acceptedNotListed: before[0]!.acceptedNotListed + 1,
    });
    expect(ccm!.meeting?.id).not.toBe(later.id);
    const queued = dashboard.triageQueue!.rows.map((r) => r.id);
    expect(queued).toContain(pending.id);
    expect(queued).not.toContain(maracReferral.id);
    expect(dashboard.triage).toEqual([{ panel: "CCM", pending: expect.any(Number) }]);
    expect(dashboard.upcomingMeetings).toEqual([]);

    // An officer on no panel: no queue, no readiness, no meetings.
    const outsider = await getDashboard(council.actor, NOW);
    expect(outsider).toMatchObject({ triageQueue: null, readiness: [], upcomingMeetings: [] });
  });
});

describe("the administrator's tasks", () => {
  it("counts users, organisations and failed e-mails for an administrator; a manager gets their own organisation's users only", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const admin = await colleague(council.organisation.id, { role: "ADMIN" });
    const manager = await colleague(council.organisation.id, { role: "MANAGER" });
    const other = await agency({ kind: "POLICE" });
    await db.user.update({ where: { id: other.user.id }, data: { active: false } });

    const forAdmin = (await getDashboard(admin.actor, NOW)).administration!;
    expect(forAdmin.users!.disabled).toBeGreaterThanOrEqual(1);
    expect(forAdmin.organisations).toBeGreaterThanOrEqual(2);
    expect(forAdmin.emailsFailed).toEqual(expect.any(Number));
    expect(forAdmin.auditTrail).toBe(true);

    const forManager = (await getDashboard(manager.actor, NOW)).administration!;
    // The council's officer, the manager and (not grantable by a manager) never the administrator.
    expect(forManager.users).toEqual({ active: 2, invitationsNotAccepted: expect.any(Number), disabled: 0 });
    expect(forManager).toMatchObject({ organisations: null, emailsFailed: null, auditTrail: false });
  });
});
