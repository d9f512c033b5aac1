import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { NotFoundError } from "@/lib/errors";
import {
  buildReturnReport,
  computeCcmActivityReturn,
  computeCommunityTriggerReturn,
  computeToolsAndPowersReturn,
  listFigureRecords,
  toolsAndPowersReport,
} from "@/lib/returns/data";
import { returnCsv, returnXlsx } from "@/lib/returns/export";
import { financialQuarterPeriod, financialYearPeriod } from "@/lib/returns/period";
import { tableSheetRows, type ReturnReport } from "@/lib/returns/tables";
import { actorFor, makeOrganisation, makeUser } from "@/tests/support/fixtures";
import { day, makeCase, makeKind, makeMeeting, makePower, makeTrigger, utc } from "./returns-support";

// The statutory returns computed on a hand-built partnership whose right answers are written here.
// The financial year is 2025/26: 1 April 2025 00:00 BST (31 March 23:00 UTC) to 1 April 2026
// 00:00 BST. "Now" is 15 June 2026 unless a test says otherwise.

const FY = financialYearPeriod(2025);
const NOW = utc("2026-06-15T12:00:00Z");

let police: { id: string };
let council: { id: string };
let housing: { id: string };
let fire: { id: string };
let cpw: { id: string };
let cpn: { id: string };
let policeManager: Actor;
let councilManager: Actor;
let councilOfficer: Actor;
let councilMaracManager: Actor;
let viewer: Actor;
let admin: Actor;
let restrictedPower: { id: string };
let overdueCouncilAction: { id: string };

const counts = (figures: { measure: string; value: number }[]) => Object.fromEntries(figures.map((f) => [f.measure, f.value]));
const ZERO = {
  issued: 0,
  breaches: 0,
  "powers-breached": 0,
  appealed: 0,
  "discharged-expired": 0,
  withdrawn: 0,
  "breaches-fpn": 0,
  "breaches-prosecution": 0,
  "breaches-warning": 0,
  "breaches-none": 0,
};

beforeAll(async () => {
  police = await makeOrganisation("POLICE", "Kingsmere Police");
  council = await makeOrganisation("LOCAL_AUTHORITY", "Kingsmere Council");
  housing = await makeOrganisation("HOUSING_PROVIDER", "Kingsmere Homes");
  fire = await makeOrganisation("FIRE", "Kingsmere Fire");
  const policeOfficer = await makeUser({ organisationId: police.id });
  const councilUser = await makeUser({ organisationId: council.id });
  const housingOfficer = await makeUser({ organisationId: housing.id });
  const fireOfficer = await makeUser({ organisationId: fire.id });
  const maracUser = await makeUser({ organisationId: police.id, panels: ["MARAC"] });
  policeManager = await actorFor((await makeUser({ organisationId: police.id, role: "MANAGER", panels: ["CCM"] })).id);
  councilManager = await actorFor((await makeUser({ organisationId: council.id, role: "MANAGER", panels: ["CCM"] })).id);
  councilOfficer = await actorFor(councilUser.id);
  councilMaracManager = await actorFor((await makeUser({ organisationId: council.id, role: "MANAGER", panels: ["MARAC"] })).id);
  viewer = await actorFor((await makeUser({ organisationId: council.id, role: "VIEWER" })).id);
  admin = await actorFor((await makeUser({ organisationId: council.id, role: "ADMIN" })).id);

  cpw = await makeKind("CPW", "Community Protection Warning", 1);
  cpn = await makeKind("CPN", "Community Protection Notice", 2);
  // A police case shared with the council: the council sees the powers used in it.
  const sharedCase = await makeCase({ organisationId: police.id, createdById: policeOfficer.id, sharedWith: [council.id] });
  const maracCase = await makeCase({
    organisationId: police.id,
    createdById: maracUser.id,
    kind: "MARAC",
    restricted: true,
    title: "Restricted MARAC case",
  });

  const p = (spec: Omit<Parameters<typeof makePower>[0], "officerId"> & { officerId?: string }) =>
    makePower({
      officerId:
        spec.organisationId === police.id
          ? policeOfficer.id
          : spec.organisationId === council.id
            ? councilUser.id
            : spec.organisationId === housing.id
              ? housingOfficer.id
              : fireOfficer.id,
      ...spec,
    });

  // P1: 00:30 BST on 1 April 2025 — the new financial year.
  await p({ kindId: cpw.id, organisationId: police.id, issuedAt: utc("2025-03-31T23:30:00Z") });
  // P2: 23:59 BST on 31 March 2025 — the old year; its breach in May 2025 counts in the new one.
  await p({
    kindId: cpw.id,
    organisationId: police.id,
    issuedAt: utc("2025-03-31T22:59:00Z"),
    status: "BREACHED",
    changes: [{ to: "BREACHED", at: utc("2025-05-01T10:00:00Z") }],
    breaches: [{ at: utc("2025-05-01T00:00:00Z"), action: "FPN" }],
  });
  // P3: breached twice (FPN, then prosecution).
  await p({
    kindId: cpn.id,
    organisationId: police.id,
    issuedAt: utc("2025-06-10T09:00:00Z"),
    caseId: sharedCase.id,
    status: "BREACHED",
    changes: [
      { to: "BREACHED", at: utc("2025-07-01T10:00:00Z") },
      { to: "BREACHED", at: utc("2025-08-01T10:00:00Z") },
    ],
    breaches: [
      { at: utc("2025-06-30T23:00:00Z"), action: "FPN" },
      { at: utc("2025-07-31T23:00:00Z"), action: "PROSECUTION" },
    ],
  });
  // P4: withdrawn.
  await p({
    kindId: cpn.id,
    organisationId: police.id,
    issuedAt: utc("2025-09-01T09:00:00Z"),
    caseId: sharedCase.id,
    status: "WITHDRAWN",
    changes: [{ to: "WITHDRAWN", at: utc("2025-09-15T09:00:00Z") }],
  });
  // P5: on a restricted MARAC case, appealed.
  restrictedPower = await p({
    kindId: cpn.id,
    organisationId: police.id,
    issuedAt: utc("2025-10-01T09:00:00Z"),
    caseId: maracCase.id,
    status: "APPEALED",
    changes: [{ to: "APPEALED", at: utc("2025-10-10T09:00:00Z") }],
  });
  // P6: 23:30 BST on 31 March 2026 — still the old year.
  await p({ kindId: cpn.id, organisationId: council.id, issuedAt: utc("2026-03-31T22:30:00Z"), expiresAt: utc("2026-04-15T00:00:00Z") });
  // P7: 00:30 BST on 1 April 2026 — the next year.
  await p({ kindId: cpn.id, organisationId: police.id, issuedAt: utc("2026-03-31T23:30:00Z") });
  // P8: expired on 1 November 2025, but the expiry job has not run: still ISSUED in the table.
  await p({ kindId: cpw.id, organisationId: council.id, issuedAt: utc("2025-05-01T09:00:00Z"), expiresAt: utc("2025-11-01T00:00:00Z") });
  // P9: expired 1 December 2025; the job only ran on 2 April 2026 (after the year ended).
  await p({
    kindId: cpw.id,
    organisationId: housing.id,
    issuedAt: utc("2025-05-01T09:00:00Z"),
    expiresAt: utc("2025-12-01T00:00:00Z"),
    status: "EXPIRED",
    changes: [{ to: "EXPIRED", at: utc("2026-04-02T03:00:00Z"), automatic: true }],
  });
  // P10: discharged (fire brigade: organisation type "other").
  await p({
    kindId: cpw.id,
    organisationId: fire.id,
    issuedAt: utc("2025-05-01T09:00:00Z"),
    status: "DISCHARGED",
    changes: [{ to: "DISCHARGED", at: utc("2025-06-01T09:00:00Z") }],
  });
  // P11: expires after the year ends.
  await p({ kindId: cpw.id, organisationId: council.id, issuedAt: utc("2025-05-02T09:00:00Z"), expiresAt: utc("2026-05-01T00:00:00Z") });
  // P12 and P13: either side of midnight GMT on 1 January (quarter 3 / quarter 4).
  await p({ kindId: cpw.id, organisationId: council.id, issuedAt: utc("2025-12-31T23:30:00Z") });
  await p({ kindId: cpw.id, organisationId: council.id, issuedAt: utc("2026-01-01T00:30:00Z") });

  // Community Trigger applications (calendar dates).
  await makeTrigger({
    organisationId: council.id,
    createdById: councilUser.id,
    applicationDate: day("2025-04-01"),
    thresholdMet: true,
    reviewDate: day("2025-05-01"),
    recommendations: "Joint visit; mediation",
  });
  await makeTrigger({ organisationId: council.id, createdById: councilUser.id, applicationDate: day("2025-06-01"), thresholdMet: false });
  await makeTrigger({
    organisationId: council.id,
    createdById: councilUser.id,
    applicationDate: day("2025-03-31"),
    thresholdMet: true,
    reviewDate: day("2025-04-10"),
    recommendations: "  ",
  });
  await makeTrigger({ organisationId: police.id, createdById: policeOfficer.id, applicationDate: day("2026-03-31"), thresholdMet: false });
  await makeTrigger({ organisationId: police.id, createdById: policeOfficer.id, applicationDate: day("2026-04-01"), thresholdMet: false });

  // CCM: one meeting in the year with three cases on the agenda (two heard) and five actions.
  const m1 = await makeMeeting({ panel: "CCM", startsAt: utc("2025-06-10T09:00:00Z"), chairId: councilUser.id });
  await makeMeeting({ panel: "CCM", startsAt: utc("2025-03-20T10:00:00Z"), chairId: councilUser.id });
  await makeMeeting({ panel: "CCM", startsAt: utc("2025-07-20T10:00:00Z"), chairId: councilUser.id, status: "CANCELLED" });
  await makeMeeting({ panel: "MARAC", startsAt: utc("2025-07-21T10:00:00Z"), chairId: maracUser.id });
  const caseA = await makeCase({ organisationId: council.id, createdById: councilUser.id });
  const caseB = await makeCase({ organisationId: police.id, createdById: policeOfficer.id });
  const caseC = await makeCase({ organisationId: council.id, createdById: councilUser.id });
  await db.agendaItem.createMany({
    data: [
      { meetingId: m1.id, caseId: caseA.id, position: 1, reason: "REFERRAL", reviewedAt: utc("2025-06-10T09:30:00Z") },
      { meetingId: m1.id, caseId: caseB.id, position: 2, reason: "REVIEW", decision: "Keep open; patrols" },
      { meetingId: m1.id, caseId: caseC.id, position: 3, reason: "REVIEW" },
    ],
  });
  const action = (caseId: string, organisationId: string, due: string, status: "OPEN" | "DONE" | "CANCELLED", completedAt?: Date) =>
    db.caseAction.create({
      data: {
        caseId,
        title: "Visit the household",
        assignedOrganisationId: organisationId,
        dueDate: day(due),
        status,
        completedAt: completedAt ?? null,
        meetingId: m1.id,
        createdById: councilUser.id,
      },
    });
  await action(caseA.id, council.id, "2025-07-01", "DONE", utc("2025-06-20T10:00:00Z"));
  await action(caseB.id, police.id, "2025-07-01", "OPEN");
  await action(caseA.id, council.id, "2026-05-01", "OPEN");
  await action(caseB.id, police.id, "2025-07-01", "CANCELLED");
  overdueCouncilAction = await action(caseC.id, council.id, "2025-08-01", "DONE", utc("2026-04-10T10:00:00Z"));
});

function rowsOf(report: ReturnReport, tableId: string) {
  const table = report.tables.find((t) => t.id === tableId)!;
  return Object.fromEntries(table.rows.map((r) => [r.labels.join(" / "), counts(r.figures)]));
}

describe("the tools and powers return", () => {
  it("counts the financial year cut at midnight London time, breaches twice for a power breached twice, and expiries the job has not yet marked", async () => {
    const report = toolsAndPowersReport(await computeToolsAndPowersReturn(councilManager, FY, NOW));
    expect(report.scope).toBe("Whole partnership");
    expect(rowsOf(report, "by-organisation")).toEqual({
      "Kingsmere Council / Community Protection Warning": { ...ZERO, issued: 4, "discharged-expired": 1 },
      "Kingsmere Council / Community Protection Notice": { ...ZERO, issued: 1 },
      "Kingsmere Fire / Community Protection Warning": { ...ZERO, issued: 1, "discharged-expired": 1 },
      "Kingsmere Homes / Community Protection Warning": { ...ZERO, issued: 1, "discharged-expired": 1 },
      "Kingsmere Police / Community Protection Warning": { ...ZERO, issued: 1, breaches: 1, "powers-breached": 1, "breaches-fpn": 1 },
      "Kingsmere Police / Community Protection Notice": {
        ...ZERO,
        issued: 3,
        breaches: 2,
        "powers-breached": 1,
        appealed: 1,
        withdrawn: 1,
        "breaches-fpn": 1,
        "breaches-prosecution": 1,
      },
      "Total / All kinds": {
        ...ZERO,
        issued: 11,
        breaches: 3,
        "powers-breached": 2,
        appealed: 1,
        "discharged-expired": 3,
        withdrawn: 1,
        "breaches-fpn": 2,
        "breaches-prosecution": 1,
      },
    });
    expect(rowsOf(report, "by-organisation-type")).toEqual({
      "Police / Community Protection Warning": { ...ZERO, issued: 1, breaches: 1, "powers-breached": 1, "breaches-fpn": 1 },
      "Police / Community Protection Notice": {
        ...ZERO,
        issued: 3,
        breaches: 2,
        "powers-breached": 1,
        appealed: 1,
        withdrawn: 1,
        "breaches-fpn": 1,
        "breaches-prosecution": 1,
      },
      "Local authority / Community Protection Warning": { ...ZERO, issued: 4, "discharged-expired": 1 },
      "Local authority / Community Protection Notice": { ...ZERO, issued: 1 },
      "Housing provider / Community Protection Warning": { ...ZERO, issued: 1, "discharged-expired": 1 },
      "Other / Community Protection Warning": { ...ZERO, issued: 1, "discharged-expired": 1 },
      "Total / All kinds": {
        ...ZERO,
        issued: 11,
        breaches: 3,
        "powers-breached": 2,
        appealed: 1,
        "discharged-expired": 3,
        withdrawn: 1,
        "breaches-fpn": 2,
        "breaches-prosecution": 1,
      },
    });
  });

  it("names each figure in words for its link", async () => {
    const report = toolsAndPowersReport(await computeToolsAndPowersReturn(councilManager, FY, NOW));
    const row = report.tables[0]!.rows.find((r) => r.labels.join() === "Kingsmere Police,Community Protection Notice")!;
    expect(row.figures.find((f) => f.measure === "issued")!.name).toBe("3 Community Protection Notices issued by Kingsmere Police");
    expect(row.figures.find((f) => f.measure === "breaches")!.name).toBe(
      "2 breaches of Community Protection Notices issued by Kingsmere Police",
    );
  });

  it("puts 00:30 BST on 1 April in the first quarter, and midnight GMT on 1 January between quarters 3 and 4", async () => {
    const total = async (q: 1 | 2 | 3 | 4, startYear = 2025) =>
      counts(
        toolsAndPowersReport(
          await computeToolsAndPowersReturn(councilManager, financialQuarterPeriod(startYear, q), NOW),
        ).tables[0]!.rows.at(-1)!.figures,
      );
    expect((await total(1)).issued).toBe(6); // P1 (00:30 BST 1 April), P3, P8, P9, P10, P11
    expect((await total(2)).issued).toBe(1); // P4
    expect((await total(3)).issued).toBe(2); // P5, P12 (23:30 GMT 31 December)
    expect((await total(4)).issued).toBe(2); // P13 (00:30 GMT 1 January), P6 (23:30 BST 31 March)
    expect((await total(4, 2024)).issued).toBe(1); // P2 (23:59 BST 31 March 2025)
  });

  it("counts expiries from the expiry date only once it has come", async () => {
    const before = counts(
      toolsAndPowersReport(await computeToolsAndPowersReturn(councilManager, FY, utc("2025-10-15T12:00:00Z"))).tables[0]!.rows.at(-1)!
        .figures,
    );
    expect(before["discharged-expired"]).toBe(1); // only P10's discharge: P8 and P9 expire later
    const after = counts(
      toolsAndPowersReport(await computeToolsAndPowersReturn(councilManager, FY, utc("2025-11-15T12:00:00Z"))).tables[0]!.rows.at(-1)!
        .figures,
    );
    expect(after["discharged-expired"]).toBe(2); // P8 expired on 1 November though still marked issued; P9 not until December
  });

  it("shows an officer only their own organisation's figures", async () => {
    const report = toolsAndPowersReport(await computeToolsAndPowersReturn(councilOfficer, FY, NOW));
    expect(report.scope).toBe("Kingsmere Council");
    expect(Object.keys(rowsOf(report, "by-organisation"))).toEqual([
      "Kingsmere Council / Community Protection Warning",
      "Kingsmere Council / Community Protection Notice",
      "Total / All kinds",
    ]);
    expect(rowsOf(report, "by-organisation")["Total / All kinds"]).toEqual({ ...ZERO, issued: 5, "discharged-expired": 1 });
  });

  it("counts a power on a restricted MARAC case but lists it only to those who may see it, saying how many it holds back", async () => {
    const figure = { key: "tools-and-powers" as const, period: FY, measure: "issued", filter: { org: police.id, kind: cpn.id }, page: 1 };
    // The council manager sees P3 and P4 through the shared case; P5 is on a restricted MARAC case.
    const manager = await listFigureRecords(councilManager, figure, NOW);
    expect(manager.name).toBe("3 Community Protection Notices issued by Kingsmere Police");
    expect(manager.total).toBe(3);
    expect(manager.heldBack).toBe(1);
    expect(manager.page.rows.map((r) => r.href)).not.toContain(`/powers/${restrictedPower.id}`);
    expect(manager.page.rows).toHaveLength(2);

    const appealed = await listFigureRecords(councilManager, { ...figure, measure: "appealed" }, NOW);
    expect(appealed).toMatchObject({ total: 1, heldBack: 1 });
    expect(appealed.page.rows).toEqual([]);

    const member = await listFigureRecords(councilMaracManager, { ...figure, measure: "appealed" }, NOW);
    expect(member).toMatchObject({ total: 1, heldBack: 0 });
    expect(member.page.rows.map((r) => r.href)).toEqual([`/powers/${restrictedPower.id}`]);
  });

  it("lists a power breached twice twice under breaches and once under powers breached", async () => {
    const figure = { key: "tools-and-powers" as const, period: FY, filter: { org: police.id, kind: cpn.id }, page: 1 };
    const breaches = await listFigureRecords(policeManager, { ...figure, measure: "breaches" }, NOW);
    expect(breaches.page.rows.map((r) => r.detail)).toEqual(["Breached: prosecution", "Breached: fixed penalty notice"]);
    const powers = await listFigureRecords(policeManager, { ...figure, measure: "powers-breached" }, NOW);
    expect(powers.total).toBe(1);
  });

  it("refuses a user without return:read as if the return did not exist", async () => {
    for (const actor of [viewer, admin]) {
      await expect(computeToolsAndPowersReturn(actor, FY, NOW)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        listFigureRecords(actor, { key: "tools-and-powers", period: FY, measure: "issued", filter: {}, page: 1 }),
      ).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("refuses a made-up figure or filter as not found", async () => {
    await expect(
      listFigureRecords(councilManager, { key: "tools-and-powers", period: FY, measure: "everything", filter: {}, page: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      listFigureRecords(councilManager, { key: "tools-and-powers", period: FY, measure: "issued", filter: { org: "1 OR 1=1" }, page: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the Community Trigger publication", () => {
  it("counts applications by application date, threshold not met, reviews by review date and reviews with recommendations", async () => {
    const result = await computeCommunityTriggerReturn(councilManager, FY);
    expect(result.total).toEqual({ received: 3, "threshold-not-met": 2, reviews: 2, "reviews-recommendations": 1 });
    expect(result.byOrganisation.map((g) => [g.organisation.name, g.counts])).toEqual([
      ["Kingsmere Council", { received: 2, "threshold-not-met": 1, reviews: 2, "reviews-recommendations": 1 }],
      ["Kingsmere Police", { received: 1, "threshold-not-met": 1, reviews: 0, "reviews-recommendations": 0 }],
    ]);
  });

  it("gives an officer their own organisation's applications", async () => {
    const result = await computeCommunityTriggerReturn(councilOfficer, FY);
    expect(result.total).toEqual({ received: 2, "threshold-not-met": 1, reviews: 2, "reviews-recommendations": 1 });
  });

  it("drills into the police application a council manager cannot see, holding it back", async () => {
    const records = await listFigureRecords(councilManager, {
      key: "community-trigger",
      period: FY,
      measure: "threshold-not-met",
      filter: {},
      page: 1,
    });
    expect(records).toMatchObject({ total: 2, heldBack: 1 });
    expect(records.page.rows.map((r) => r.detail)).toEqual(["Threshold not met"]);
  });
});

describe("CCM activity", () => {
  it("counts per meeting held: cases heard and actions agreed, completed and overdue at the end of the period", async () => {
    const result = await computeCcmActivityReturn(councilManager, FY, NOW);
    expect(result.asOf).toEqual(FY.end);
    expect(result.meetings.map((m) => m.counts)).toEqual([
      { "cases-heard": 2, "actions-agreed": 5, "actions-completed": 1, "actions-overdue": 2 },
    ]);
  });

  it("judges overdue as at today while the period is running", async () => {
    const result = await computeCcmActivityReturn(councilManager, FY, utc("2025-07-15T12:00:00Z"));
    expect(result.meetings.map((m) => m.counts)).toEqual([
      { "cases-heard": 2, "actions-agreed": 5, "actions-completed": 1, "actions-overdue": 1 },
    ]);
  });

  it("gives an officer the cases their organisation leads and the actions assigned to it", async () => {
    const result = await computeCcmActivityReturn(councilOfficer, FY, NOW);
    expect(result.total).toEqual({ "cases-heard": 1, "actions-agreed": 3, "actions-completed": 1, "actions-overdue": 1 });
  });

  it("lists the overdue actions the manager may see and holds back the one on a police case", async () => {
    const records = await listFigureRecords(
      councilManager,
      { key: "ccm-activity", period: FY, measure: "actions-overdue", filter: {}, page: 1 },
      NOW,
    );
    expect(records).toMatchObject({ total: 2, heldBack: 1 });
    expect(records.page.rows.map((r) => r.key)).toEqual([overdueCouncilAction.id]);
  });
});

describe("exports", () => {
  it("write exactly the preview's rows to the CSV and the XLSX, and audit the export", async () => {
    for (const key of ["tools-and-powers", "community-trigger", "ccm-activity"] as const) {
      const report = await buildReturnReport(councilManager, key, FY, { now: NOW, auditAs: "EXPORT", format: "csv" });
      const csv = returnCsv(report);
      expect(csv.startsWith("\uFEFF")).toBe(true);
      const lines = csv.slice(1).split("\r\n");
      for (const table of report.tables) {
        const start = lines.indexOf(table.caption);
        expect(start).toBeGreaterThan(0);
        const expected = tableSheetRows(table).map((row) =>
          row.map((v) => (typeof v === "string" && /[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : String(v))).join(","),
        );
        expect(lines.slice(start + 1, start + 1 + expected.length)).toEqual(expected);
      }

      const book = new ExcelJS.Workbook();
      const bytes = await returnXlsx(report);
      await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      for (const [i, table] of report.tables.entries()) {
        const sheet = book.worksheets[i]!;
        const rows: unknown[][] = [];
        sheet.eachRow((row, n) => {
          if (n >= 3) rows.push((row.values as unknown[]).slice(1));
        });
        expect(rows).toEqual(tableSheetRows(table));
      }
    }
    const audited = await db.auditEvent.count({ where: { action: "EXPORT", userId: councilManager.userId, entityType: "Return" } });
    expect(audited).toBe(3);
  });
});
