import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { NotFoundError } from "@/lib/errors";
import { availableReturns, buildReturnReport, computeMaracReturn, listFigureRecords, maracReport } from "@/lib/returns/data";
import { returnCsv, returnXlsx } from "@/lib/returns/export";
import { financialQuarterPeriod } from "@/lib/returns/period";
import { tableSheetRows, type ReturnReport } from "@/lib/returns/tables";
import { scheduleMeeting } from "@/lib/meetings/data";
import { createReferral, recordTransferOut, triageReferral } from "@/lib/referrals/data";
import type { ReferralInput } from "@/lib/referrals/schema";
import { actorFor, makeOrganisation, makeUser } from "@/tests/support/fixtures";
import { day, makeCase, makeMeeting, utc } from "./returns-support";

// The MARAC data return (SafeLives), per MARAC meeting in quarter 2 of 2025/26 (July–September
// 2025), on a hand-built fixture whose answers are written here. Only MARAC panel members see it.

const Q2 = financialQuarterPeriod(2025, 2);
let member: Actor;
let memberManager: Actor;
let nonMemberManager: Actor;
let nonMemberOfficer: Actor;
let police: { id: string };
let womensAid: { id: string };
let meetingB: { id: string };
const caseIds: Record<string, string> = {};

beforeAll(async () => {
  police = await makeOrganisation("POLICE", "Kingsmere Police");
  womensAid = await makeOrganisation("VOLUNTARY_SECTOR", "Kingsmere Women's Aid");
  const maracUser = await makeUser({ organisationId: police.id, panels: ["MARAC"] });
  member = await actorFor(maracUser.id);
  memberManager = await actorFor((await makeUser({ organisationId: womensAid.id, role: "MANAGER", panels: ["MARAC"] })).id);
  nonMemberManager = await actorFor((await makeUser({ organisationId: police.id, role: "MANAGER", panels: ["CCM"] })).id);
  nonMemberOfficer = await actorFor((await makeUser({ organisationId: police.id })).id);
  const idva = await makeUser({ organisationId: womensAid.id, panels: ["MARAC"] });

  const person = (
    firstName: string,
    data: Partial<{
      gender: "MALE" | "FEMALE";
      dateOfBirth: Date;
      isRaciallyMinoritised: boolean;
      isLgbt: boolean;
      hasDisability: boolean;
    }>,
  ) =>
    db.person.create({
      data: { firstName, lastName: "Test", searchText: `${firstName.toLowerCase()} test`, createdByOrgId: police.id, ...data },
    });
  const v1 = await person("Amara", { gender: "FEMALE", dateOfBirth: day("2008-08-01"), isRaciallyMinoritised: true }); // 16 at referral
  const v2 = await person("Marcus", { gender: "MALE", dateOfBirth: day("1990-01-01"), isLgbt: true, hasDisability: true });
  const v3 = await person("Jane", { gender: "FEMALE", dateOfBirth: day("2007-06-30") }); // 18 at referral
  const v4 = await person("Chloe", { gender: "FEMALE", dateOfBirth: day("2007-07-02") }); // 17 at referral, 18 the next day
  const p1 = await person("Kyle", { gender: "MALE", dateOfBirth: day("2008-01-01") }); // 17
  const p2 = await person("Liam", { gender: "MALE", dateOfBirth: day("2007-07-01") }); // 18 that very day

  for (const name of ["C1", "C2", "C3", "C4"])
    caseIds[name] = (
      await makeCase({ organisationId: police.id, createdById: maracUser.id, kind: "MARAC", restricted: true, title: `MARAC case ${name}` })
    ).id;
  let n = 0;
  const referral = (
    caseKey: string,
    organisationId: string,
    userId: string,
    data: { isRepeat?: boolean; childrenInHousehold?: number | null; victimPersonId: string; perpetratorPersonId?: string },
  ) =>
    db.referral.create({
      data: {
        reference: `REF-2099-${String(++n).padStart(6, "0")}`,
        caseId: caseIds[caseKey]!,
        panel: "MARAC",
        referringOrganisationId: organisationId,
        referringUserId: userId,
        reason: "High risk",
        grounds: ["PROFESSIONAL_JUDGEMENT"],
        referredAt: utc("2025-07-01T09:00:00Z"),
        status: "ACCEPTED",
        ...data,
      },
    });
  const r1 = await referral("C1", police.id, maracUser.id, { childrenInHousehold: 2, victimPersonId: v1.id, perpetratorPersonId: p1.id });
  const r2 = await referral("C2", womensAid.id, idva.id, {
    isRepeat: true,
    childrenInHousehold: 0,
    victimPersonId: v2.id,
    perpetratorPersonId: p2.id,
  });
  const r3 = await referral("C3", police.id, maracUser.id, { isRepeat: true, childrenInHousehold: 3, victimPersonId: v4.id });
  const r4 = await referral("C4", womensAid.id, idva.id, { childrenInHousehold: null, victimPersonId: v3.id });

  const meetingA = await makeMeeting({ panel: "MARAC", startsAt: utc("2025-07-10T09:00:00Z"), chairId: maracUser.id });
  meetingB = await makeMeeting({ panel: "MARAC", startsAt: utc("2025-08-14T09:00:00Z"), chairId: maracUser.id });
  const meetingC = await makeMeeting({ panel: "MARAC", startsAt: utc("2025-06-20T09:00:00Z"), chairId: maracUser.id }); // quarter 1
  const cancelled = await makeMeeting({
    panel: "MARAC",
    startsAt: utc("2025-09-11T09:00:00Z"),
    chairId: maracUser.id,
    status: "CANCELLED",
  });
  const ccm = await makeMeeting({ panel: "CCM", startsAt: utc("2025-09-12T09:00:00Z"), chairId: maracUser.id });
  const reviewed = utc("2025-07-10T10:00:00Z");
  await db.agendaItem.createMany({
    data: [
      { meetingId: meetingA.id, caseId: caseIds.C1!, referralId: r1.id, position: 1, reason: "REFERRAL", reviewedAt: reviewed },
      { meetingId: meetingA.id, caseId: caseIds.C2!, referralId: r2.id, position: 2, reason: "REFERRAL", decision: "Safety plan" },
      { meetingId: meetingA.id, caseId: caseIds.C4!, referralId: r4.id, position: 3, reason: "REFERRAL" }, // not reached
      { meetingId: meetingB.id, caseId: caseIds.C1!, position: 1, reason: "REVIEW", reviewedAt: reviewed }, // its referral is R1
      { meetingId: meetingB.id, caseId: caseIds.C3!, referralId: r3.id, position: 2, reason: "REFERRAL", reviewedAt: reviewed },
      { meetingId: meetingC.id, caseId: caseIds.C2!, referralId: r2.id, position: 1, reason: "REFERRAL", reviewedAt: reviewed },
      { meetingId: cancelled.id, caseId: caseIds.C3!, referralId: r3.id, position: 1, reason: "REFERRAL", reviewedAt: reviewed },
      { meetingId: ccm.id, caseId: caseIds.C3!, position: 1, reason: "REVIEW", reviewedAt: reviewed },
    ],
  });
});

const M = (
  cases: number,
  repeat: number,
  children: number,
  bame: number,
  lgbt: number,
  disability: number,
  male: number,
  aged1617: number,
  perps: number,
) => ({
  "cases-discussed": cases,
  "repeat-cases": repeat,
  children,
  "victims-racially-minoritised": bame,
  "victims-lgbt": lgbt,
  "victims-disability": disability,
  "victims-male": male,
  "victims-aged-16-17": aged1617,
  "perpetrators-17-or-under": perps,
});

describe("the MARAC data return", () => {
  it("counts per meeting held in the quarter: cases discussed, repeats, children, referring agencies and the victim and perpetrator profile", async () => {
    const result = await computeMaracReturn(member, Q2);
    expect(result.meetings.map((m) => m.counts)).toEqual([M(2, 1, 2, 1, 1, 1, 1, 1, 1), M(2, 1, 5, 1, 0, 0, 0, 2, 1)]);
    expect(result.total).toEqual(M(4, 2, 7, 2, 1, 1, 1, 3, 2));
    expect(
      result.byAgency.map((g) => [
        g.meeting ? g.meeting.startsAt.toISOString().slice(0, 10) : "all",
        g.agency.id === police.id ? "police" : "women's aid",
        g.referrals,
      ]),
    ).toEqual([
      ["2025-07-10", "police", 1],
      ["2025-07-10", "women's aid", 1],
      ["2025-08-14", "police", 2],
      ["all", "police", 3],
      ["all", "women's aid", 1],
    ]);
  });

  it("is open to MARAC panel members only: anyone else is told it does not exist and never sees it listed", async () => {
    expect(availableReturns(member)).toContain("marac");
    expect(availableReturns(memberManager)).toContain("marac");
    for (const actor of [nonMemberManager, nonMemberOfficer]) {
      expect(availableReturns(actor)).not.toContain("marac");
      await expect(computeMaracReturn(actor, Q2)).rejects.toBeInstanceOf(NotFoundError);
      await expect(buildReturnReport(actor, "marac", Q2)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        listFigureRecords(actor, { key: "marac", period: Q2, measure: "cases-discussed", filter: {}, page: 1 }),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect(
        await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: actor.userId, entityType: "Return", entityId: "marac" } }),
      ).toBe(2);
    }
  });

  it("lists the cases behind a figure to a member, with the children recorded on each", async () => {
    const records = await listFigureRecords(memberManager, {
      key: "marac",
      period: Q2,
      measure: "children",
      filter: { meeting: meetingB.id },
      page: 1,
    });
    expect(records.name).toMatch(/^5 children in the households of cases discussed at the MARAC meeting MTG-2099-\d+ on 14\/08\/2025$/);
    expect(records.heldBack).toBe(0);
    expect(records.page.rows.map((r) => [r.href, r.detail.split(";")[0]])).toEqual([
      [`/cases/${caseIds.C1}`, "2 children"],
      [`/cases/${caseIds.C3}`, "3 children"],
    ]);
  });

  it("exports exactly the preview's rows as CSV and XLSX", async () => {
    await expectDownloadsEqualPreview(maracReport(await computeMaracReturn(member, Q2)));
  });
});

/** The CSV and the XLSX hold exactly the preview's tables, row for row. */
async function expectDownloadsEqualPreview(report: ReturnReport) {
  const lines = returnCsv(report).slice(1).split("\r\n");
  const book = new ExcelJS.Workbook();
  const bytes = await returnXlsx(report);
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  for (const [i, table] of report.tables.entries()) {
    const expected = tableSheetRows(table);
    const start = lines.indexOf(table.caption);
    expect(start, `the CSV holds the table "${table.caption}"`).toBeGreaterThanOrEqual(0);
    expect(lines.slice(start + 1, start + 1 + expected.length)).toEqual(
      expected.map((row) =>
        row.map((v) => (typeof v === "string" && /[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : String(v))).join(","),
      ),
    );
    const rows: unknown[][] = [];
    book.worksheets[i]!.eachRow((row, n) => {
      if (n >= 3) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toEqual(expected);
  }
}

// ───────────────────────────── Recorded afterwards: Q1 2020/21 ─────────────────────────────

describe("the MARAC data return for a quarter recorded afterwards (Q1 2020/21): referrals received, transfers in and out", () => {
  const Q1_2020 = financialQuarterPeriod(2020, 1); // 1 April to 30 June 2020
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const agencyOrg = await makeOrganisation("POLICE", "Kingsmere Police 2020");
    const officer = await actorFor((await makeUser({ organisationId: agencyOrg.id, panels: ["MARAC"] })).id);
    const chair = await actorFor((await makeUser({ organisationId: agencyOrg.id, role: "CHAIR", panels: ["MARAC"] })).id);
    const victim = (firstName: string, dateOfBirth: string) =>
      db.person.create({
        data: {
          firstName,
          lastName: "Hist",
          searchText: `${firstName.toLowerCase()} hist`,
          createdByOrgId: agencyOrg.id,
          dateOfBirth: day(dateOfBirth),
        },
      });
    const maracCase = async (key: string, victimId: string) => {
      const c = await makeCase({
        organisationId: agencyOrg.id,
        createdById: officer.userId,
        kind: "MARAC",
        restricted: true,
        title: `Historic ${key}`,
      });
      await db.case.update({ where: { id: c.id }, data: { openedAt: utc("2020-03-02T10:00:00Z") } });
      await db.casePerson.create({ data: { caseId: c.id, personId: victimId, role: "VICTIM" } });
      return (ids[key] = c.id);
    };
    const refer = async (caseKey: string, victimId: string, on: [number, number, number], more: Partial<ReferralInput> = {}) =>
      (
        await createReferral(
          officer,
          {
            caseId: ids[caseKey]!,
            panel: "MARAC",
            reason: "High risk",
            grounds: ["PROFESSIONAL_JUDGEMENT"],
            victimPersonId: victimId,
            perpetratorPersonId: null,
            childrenInHousehold: null,
            transferDirection: "NONE",
            transferArea: null,
            happenedOn: { day: on[0], month: on[1], year: on[2] },
            ...more,
          },
          randomUUID(),
        )
      ).id;

    // Ava was 16 when she was referred on 1 April 2020; she is in her twenties now.
    const ava = await victim("Ava", "2003-06-01");
    const bea = await victim("Bea", "1990-02-02");
    const cat = await victim("Cat", "1985-03-03");
    await maracCase("A", ava.id);
    await maracCase("B", bea.id);
    await maracCase("C", cat.id);
    ids.referralA = await refer("A", ava.id, [1, 4, 2020]);
    ids.referralB = await refer("B", bea.id, [5, 5, 2020], { transferDirection: "TRANSFER_IN", transferArea: "Ashcombe" });
    ids.referralC = await refer("C", cat.id, [2, 7, 2020]); // quarter 2
    // Accepted on 2 April 2020, with no meeting yet: the meeting held on 20 April 2020, recorded afterwards, lists it.
    await triageReferral(chair, ids.referralA, 1, {
      outcome: "ACCEPTED",
      meetingId: null,
      note: null,
      happenedOn: { day: 2, month: 4, year: 2020 },
    });
    const held = await scheduleMeeting(
      chair,
      { panel: "MARAC", startsAt: utc("2020-04-20T09:30:00Z"), venue: null, chairId: chair.userId, organisationIds: [agencyOrg.id] },
      randomUUID(),
    );
    ids.meeting = held.id;
    await db.agendaItem.updateMany({ where: { meetingId: held.id, caseId: ids.A }, data: { reviewedAt: utc("2020-04-20T10:00:00Z") } });
    const out = (caseKey: string, on: [number, number, number]) =>
      recordTransferOut(
        officer,
        ids[caseKey]!,
        { area: "Ashcombe", reason: "Moved away", transferredOn: { day: on[0], month: on[1], year: on[2] } },
        randomUUID(),
      );
    ids.transferA = (await out("A", [30, 6, 2020])).id;
    await out("C", [1, 7, 2020]); // quarter 2
    await out("B", [31, 3, 2020]); // 2019/20
  });

  it("counts the quarter's referrals received (the transfer in among them), its transfers in and out, and the case discussed with the victim's age at the referral", async () => {
    expect((await db.referral.findUniqueOrThrow({ where: { id: ids.referralA } })).reference).toMatch(/^REF-2020-/);
    const result = await computeMaracReturn(member, Q1_2020);
    expect(result.inPeriod).toEqual({ "referrals-received": 2, "transfers-in": 1, "transfers-out": 1 });
    expect(result.meetings.map((m) => [m.meeting.id, m.counts["cases-discussed"], m.counts["victims-aged-16-17"]])).toEqual([
      [ids.meeting, 1, 1],
    ]);
    const table = maracReport(result).tables.find((t) => t.id === "marac-referrals-transfers")!;
    expect(tableSheetRows(table)).toEqual([
      ["Period", "Referrals received", "Of which transfers in", "Transfers out"],
      ["Q1 2020/21", 2, 1, 1],
    ]);
    expect(table.rows[0]!.figures.map((f) => f.name)).toEqual([
      "2 MARAC referrals received in Q1 2020/21",
      "1 transfer in from another area's MARAC received in Q1 2020/21",
      "1 case transferred out to another area's MARAC in Q1 2020/21",
    ]);
  });

  it("lists exactly the records behind each figure", async () => {
    const records = (measure: string) => listFigureRecords(memberManager, { key: "marac", period: Q1_2020, measure, filter: {}, page: 1 });
    const received = await records("referrals-received");
    expect(received.page.rows.map((r) => r.href)).toEqual([`/referrals/${ids.referralB}`, `/referrals/${ids.referralA}`]);
    expect(received.name).toBe("2 MARAC referrals received in Q1 2020/21");
    expect(received.page.rows[0]!.detail).toMatch(/^Transfer in from Ashcombe; case /);
    expect((await records("transfers-in")).page.rows.map((r) => r.href)).toEqual([`/referrals/${ids.referralB}`]);
    const out = await records("transfers-out");
    expect(out.page.rows.map((r) => [r.key, r.href, r.detail])).toEqual([
      [ids.transferA, `/cases/${ids.A}`, "Transferred out to Ashcombe"],
    ]);
    expect(out.heldBack).toBe(0);
    // These figures are the period's: a meeting or an agency names none of their records.
    await expect(
      listFigureRecords(memberManager, {
        key: "marac",
        period: Q1_2020,
        measure: "transfers-out",
        filter: { meeting: ids.meeting! },
        page: 1,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Off the panel, they do not exist.
    await expect(
      listFigureRecords(nonMemberManager, { key: "marac", period: Q1_2020, measure: "referrals-received", filter: {}, page: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("the downloads hold exactly the preview's figures", async () => {
    const report = await buildReturnReport(member, "marac", Q1_2020);
    expect(report.tables.map((t) => t.id)).toContain("marac-referrals-transfers");
    await expectDownloadsEqualPreview(report);
  });
});
