import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { addCaseToAgenda, closeMeeting, getMeetingForRun, saveAgendaItem, scheduleMeeting } from "@/lib/meetings/data";
import { buildReturnReport, computeCcmActivityReturn, computeMaracReturn, listFigureRecords } from "@/lib/returns/data";
import { returnCsv } from "@/lib/returns/export";
import { currentFinancialYearPeriod, financialQuarterPeriod } from "@/lib/returns/period";
import { agency, colleague, open } from "./cases-support";
import { makeMeeting } from "./returns-support";

// The CCM activity and MARAC returns count meetings held: started (in meeting mode, or recorded
// after it was held) or closed. A meeting still scheduled, in the past or the future, is not a
// row of "meetings held", however its agenda reads; its cases are not heard, in the preview, the
// drill-downs or the download.
//
// The period is the first quarter of 2020/21 (April to June 2020).

const Q1 = financialQuarterPeriod(2020, 1);

let manager: Actor;
let ccmChair: Actor;
let maracChair: Actor;
let ccmOrganisationId: string;
const held: Record<string, { id: string; reference: string }> = {};
const caseRefs: Record<string, string> = {};

async function heardItem(meetingId: string, caseId: string, decision: string, position: number) {
  await db.agendaItem.create({ data: { meetingId, caseId, position, reason: "REVIEW", decision, reviewedAt: new Date() } });
}

beforeAll(async () => {
  const council = await agency({ kind: "LOCAL_AUTHORITY", role: "CHAIR", panels: ["CCM"] });
  ccmChair = council.actor;
  ccmOrganisationId = council.organisation.id;
  manager = (await colleague(council.organisation.id, { role: "MANAGER", panels: ["MARAC"] })).actor;
  const police = await agency({ kind: "POLICE", role: "CHAIR", panels: ["MARAC"] });
  maracChair = police.actor;

  const cases = {
    closedCcm: await open(ccmChair, { title: "Noise from Flat 3" }),
    scheduledCcm: await open(ccmChair, { title: "Drug dealing on the stairwell" }),
    recordedCcm: await open(ccmChair, { title: "Graffiti at the garages" }),
    closedMarac: await open(maracChair, { kind: "MARAC", title: "Domestic abuse: Flat 9" }),
    scheduledMarac: await open(maracChair, { kind: "MARAC", title: "Domestic abuse: Flat 11" }),
  };
  for (const [key, c] of Object.entries(cases)) caseRefs[key] = c.reference;

  // A CCM held and closed on 12 May 2020, and one scheduled for 9 June 2020 that was never held,
  // whose agenda nonetheless holds a decision (as a chair's notes made beforehand might).
  const closed = await makeMeeting({
    panel: "CCM",
    startsAt: new Date("2020-05-12T09:00:00Z"),
    chairId: ccmChair.userId,
    status: "CLOSED",
  });
  await heardItem(closed.id, cases.closedCcm.id, "Warning letter", 1);
  const scheduled = await makeMeeting({
    panel: "CCM",
    startsAt: new Date("2020-06-09T09:00:00Z"),
    chairId: ccmChair.userId,
    status: "SCHEDULED",
  });
  await heardItem(scheduled.id, cases.scheduledCcm.id, "Closure order", 1);
  held.closedCcm = closed;
  held.scheduledCcm = scheduled;

  // A CCM held on 20 April 2020 and recorded today by its chair: in progress until closed.
  const { id: recordedId } = await scheduleMeeting(
    ccmChair,
    {
      panel: "CCM",
      startsAt: new Date("2020-04-20T09:30:00Z"),
      venue: "Kingsmere civic centre",
      chairId: ccmChair.userId,
      organisationIds: [council.organisation.id],
    },
    randomUUID(),
  );
  await addCaseToAgenda(ccmChair, recordedId, { reference: cases.recordedCcm.reference });
  const item = (await getMeetingForRun(ccmChair, recordedId)).items[0]!;
  await saveAgendaItem(ccmChair, recordedId, item.id, item.version, {
    discussionSummary: "Graffiti removed twice; cameras proposed.",
    decision: "Council to fit a camera",
    reviewed: true,
    actions: [],
  });
  held.recordedCcm = await db.meeting.findUniqueOrThrow({ where: { id: recordedId }, select: { id: true, reference: true } });

  // MARAC: one held and closed on 14 May 2020; one scheduled for 11 June 2020, never held.
  const maracClosed = await makeMeeting({
    panel: "MARAC",
    startsAt: new Date("2020-05-14T09:00:00Z"),
    chairId: maracChair.userId,
    status: "CLOSED",
  });
  await heardItem(maracClosed.id, cases.closedMarac.id, "Safety plan", 1);
  const maracScheduled = await makeMeeting({
    panel: "MARAC",
    startsAt: new Date("2020-06-11T09:00:00Z"),
    chairId: maracChair.userId,
    status: "SCHEDULED",
  });
  await heardItem(maracScheduled.id, cases.scheduledMarac.id, "Refer to IDVA", 1);
  held.closedMarac = maracClosed;
  held.scheduledMarac = maracScheduled;
});

describe("the CCM activity return counts the meetings held, not those scheduled", () => {
  it("lists the meeting recorded afterwards (in progress) and the closed one, and not the scheduled one", async () => {
    const result = await computeCcmActivityReturn(manager, Q1);
    expect(result.meetings.map((m) => m.meeting.reference)).toEqual([held.recordedCcm!.reference, held.closedCcm!.reference]);
    expect(result.meetings.map((m) => m.counts["cases-heard"])).toEqual([1, 1]);
    expect(result.total["cases-heard"]).toBe(2);
  });

  it("lists in the drill-down exactly the cases heard at meetings held, and nothing at the scheduled meeting", async () => {
    const all = await listFigureRecords(manager, { key: "ccm-activity", period: Q1, measure: "cases-heard", filter: {}, page: 1 });
    expect(all.total).toBe(2);
    expect(all.page.rows.map((r) => r.reference).sort()).toEqual([caseRefs.closedCcm, caseRefs.recordedCcm].sort());
    const atScheduled = await listFigureRecords(manager, {
      key: "ccm-activity",
      period: Q1,
      measure: "cases-heard",
      filter: { meeting: held.scheduledCcm!.id },
      page: 1,
    });
    expect(atScheduled.total).toBe(0);
  });

  it("downloads the same rows as the preview: the scheduled meeting is in neither", async () => {
    const report = await buildReturnReport(manager, "ccm-activity", Q1);
    const rows = report.tables[0]!.rows.map((r) => r.labels[0]);
    expect(rows).toEqual([held.recordedCcm!.reference, held.closedCcm!.reference, "Total"]);
    const csv = returnCsv(report);
    expect(csv).toContain(held.recordedCcm!.reference);
    expect(csv).toContain(held.closedCcm!.reference);
    expect(csv).not.toContain(held.scheduledCcm!.reference);
  });

  it("still counts the meeting recorded afterwards once its chair closes it", async () => {
    const { version } = await db.meeting.findUniqueOrThrow({ where: { id: held.recordedCcm!.id }, select: { version: true } });
    await closeMeeting(ccmChair, held.recordedCcm!.id, version);
    const result = await computeCcmActivityReturn(manager, Q1);
    expect(result.meetings.map((m) => m.meeting.reference)).toEqual([held.recordedCcm!.reference, held.closedCcm!.reference]);
  });

  it("leaves out a meeting scheduled for the days ahead: it is not a row of zeros in this year's return", async () => {
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    const { id } = await scheduleMeeting(
      ccmChair,
      { panel: "CCM", startsAt, venue: null, chairId: ccmChair.userId, organisationIds: [ccmOrganisationId] },
      randomUUID(),
    );
    const result = await computeCcmActivityReturn(manager, currentFinancialYearPeriod(startsAt));
    expect(result.meetings.map((m) => m.meeting.id)).not.toContain(id);
  });
});

describe("the MARAC data return counts the meetings held, not those scheduled", () => {
  it("lists the closed meeting and not the scheduled one, in the preview, the drill-down and the download", async () => {
    const result = await computeMaracReturn(maracChair, Q1);
    expect(result.meetings.map((m) => m.meeting.reference)).toEqual([held.closedMarac!.reference]);
    expect(result.total["cases-discussed"]).toBe(1);
    const records = await listFigureRecords(maracChair, { key: "marac", period: Q1, measure: "cases-discussed", filter: {}, page: 1 });
    expect(records.page.rows.map((r) => r.reference)).toEqual([caseRefs.closedMarac]);
    const csv = returnCsv(await buildReturnReport(maracChair, "marac", Q1));
    expect(csv).toContain(held.closedMarac!.reference);
    expect(csv).not.toContain(held.scheduledMarac!.reference);
  });
});
