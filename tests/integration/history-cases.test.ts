import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { changeCaseStatus, closingCheck, getCase, getCaseSummary, listCases, openCase, shareCase, withdrawShare } from "@/lib/cases/data";
import { ZNewCaseForm, ZShareForm, ZStatusForm, ZWithdrawShareForm } from "@/lib/cases/schema";
import { parseCaseFilters, CASE_SORTS, type CaseSort } from "@/lib/cases/filters";
import { parseListQuery } from "@/lib/list";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { fromLondonLocal } from "@/lib/format/dates";
import { agency, auditOf, caseInput, makeIncident, makePerson, makePlace, open, timelineOf } from "./cases-support";

// Recording a case's history after the fact (lib/history): a case opened, closed, shared and
// withdrawn on the day it really happened, never in the future nor before what it depends on.

const day = (year: number, month: number, d: number) => ({ year, month, day: d });
const midday = (year: number, month: number, d: number) => fromLondonLocal(year, month, d, 12, 0);
const justNow = (at: Date) => Math.abs(Date.now() - at.getTime()) < 60_000;

async function fieldErrorsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

const caseListQuery = (params: Record<string, string> = {}) =>
  parseListQuery<CaseSort>(params, { sorts: CASE_SORTS, defaultSort: "opened", defaultDir: "desc", pageSize: 50 });

describe("a case opened before it was recorded here", () => {
  it("is opened on that day: its reference carries that year, and everything written as it was opened happened then, recorded today", async () => {
    const police = await agency({ kind: "POLICE" });
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const person = await makePerson({
      createdByOrgId: police.organisation.id,
      createdById: police.user.id,
      firstName: "Jo",
      lastName: "Bloggs",
    });
    const place = await makePlace({
      createdByOrgId: police.organisation.id,
      createdById: police.user.id,
      addressLine1: "12 Cordwainer Court",
    });
    const incident = await makeIncident({ organisationId: police.organisation.id, officerId: police.user.id });

    // Opened by the police for the council: shared with the police as it is opened.
    const opened = await open(police.actor, {
      leadOrganisationId: council.organisation.id,
      leadOfficerId: null,
      happenedOn: day(2018, 4, 20),
      incidentIds: [incident.id],
      people: [{ personId: person.id, role: "VICTIM" }],
      placeIds: [place.id],
    });

    expect(opened.reference).toMatch(/^CASE-2018-\d{6}$/);
    const stored = await db.case.findUniqueOrThrow({ where: { id: opened.id }, select: { openedAt: true, createdAt: true } });
    expect(stored.openedAt).toEqual(midday(2018, 4, 20));
    expect(justNow(stored.createdAt)).toBe(true);

    const timeline = await timelineOf(opened.id);
    expect(timeline.map((e) => e.kind).sort()).toEqual(["CASE_OPENED", "INCIDENT_LINKED", "LOCATION_ADDED", "PERSON_ADDED", "SHARED"]);
    for (const entry of timeline) {
      expect(entry.occurredAt).toEqual(midday(2018, 4, 20));
      expect(justNow(entry.recordedAt)).toBe(true);
    }
    const share = await db.caseShare.findFirstOrThrow({ where: { caseId: opened.id, organisationId: police.organisation.id } });
    expect(share.sharedAt).toEqual(midday(2018, 4, 20));
    const detail = await getCase(council.actor, opened.id);
    expect(detail.openedAt).toEqual(midday(2018, 4, 20));
    expect(detail.people[0]!.addedAt).toEqual(midday(2018, 4, 20));
    expect(detail.places[0]!.addedAt).toEqual(midday(2018, 4, 20));

    // The audit trail keeps the moment it was typed, and says when it happened.
    const [created] = await auditOf(opened.id);
    expect(justNow(created!.at)).toBe(true);
    expect(created!.detail).toMatchObject({ openedAt: midday(2018, 4, 20).toISOString() });
  });

  it("is listed, and sorted, by the day it was opened rather than the day it was typed", async () => {
    const police = await agency({ kind: "POLICE" });
    const today = await open(police.actor, { title: "Opened today" });
    const old = await open(police.actor, { title: "Opened in 2019", happenedOn: day(2019, 6, 3) });
    const older = await open(police.actor, { title: "Opened in 2018", happenedOn: day(2018, 1, 15) });

    const page = await listCases(police.actor, parseCaseFilters({}).filters, caseListQuery({ sort: "opened", dir: "asc" }));
    expect(page.rows.map((r) => r.id)).toEqual([older.id, old.id, today.id]);
    expect(page.rows[0]!.openedAt).toEqual(midday(2018, 1, 15));
  });

  it("opened today without a date is opened now, with this year's reference", async () => {
    const police = await agency({ kind: "POLICE" });
    const opened = await open(police.actor);
    const stored = await db.case.findUniqueOrThrow({ where: { id: opened.id }, select: { openedAt: true } });
    expect(justNow(stored.openedAt)).toBe(true);
    expect(opened.reference.slice(5, 9)).toBe(String(new Date().getFullYear()));
  });

  it("refuses a day in the future beside the date, and writes nothing", async () => {
    const police = await agency({ kind: "POLICE" });
    const title = `Future case ${randomUUID()}`;
    const nextYear = new Date().getFullYear() + 1;
    expect(
      await fieldErrorsOf(openCase(police.actor, caseInput(police.actor, { title, happenedOn: day(nextYear, 1, 1) }), randomUUID())),
    ).toEqual({
      happenedOn: ["The date it happened must be today or in the past"],
    });
    expect(await db.case.count({ where: { title } })).toBe(0);
    expect(await db.referenceCounter.count({ where: { prefix: "CASE", year: nextYear } })).toBe(0);
  });

  it("reads the date from the form's three boxes, blank for today", () => {
    const base = {
      submissionKey: randomUUID(),
      kind: "ASB",
      title: "Noise",
      riskLevel: "STANDARD",
      leadOrganisationId: randomUUID(),
    };
    const dated = ZNewCaseForm.parse({ ...base, "happenedOn-day": "20", "happenedOn-month": "4", "happenedOn-year": "2018" });
    expect(dated.input.happenedOn).toEqual(day(2018, 4, 20));
    expect(ZNewCaseForm.parse(base).input.happenedOn).toBeNull();
    const wrong = ZNewCaseForm.safeParse({ ...base, "happenedOn-day": "31", "happenedOn-month": "2", "happenedOn-year": "2018" });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(["happenedOn"]);
  });
});

describe("a case's status changed or closed before it was recorded here", () => {
  it("is closed on that day: closedAt and the timeline entry are that day, after the opening, recorded today", async () => {
    const police = await agency({ kind: "POLICE" });
    const opened = await open(police.actor, { happenedOn: day(2018, 4, 20) });

    await changeCaseStatus(police.actor, opened.id, 1, {
      status: "CLOSED",
      closureReason: "RESOLVED",
      note: null,
      happenedOn: day(2019, 3, 2),
    });

    const stored = await db.case.findUniqueOrThrow({ where: { id: opened.id }, select: { status: true, closedAt: true } });
    expect(stored).toEqual({ status: "CLOSED", closedAt: midday(2019, 3, 2) });
    const timeline = await timelineOf(opened.id);
    expect(timeline.map((e) => e.kind)).toEqual(["CASE_OPENED", "STATUS_CHANGED"]);
    const closed = timeline[1]!;
    expect(closed.occurredAt).toEqual(midday(2019, 3, 2));
    expect(justNow(closed.recordedAt)).toBe(true);
    const audit = (await auditOf(opened.id)).at(-1)!;
    expect(justNow(audit.at)).toBe(true);
    expect(audit.detail).toMatchObject({ happenedAt: midday(2019, 3, 2).toISOString() });
  });

  it("refuses a day before the case was opened, or in the future, beside the date, and changes nothing", async () => {
    const police = await agency({ kind: "POLICE" });
    const opened = await open(police.actor, { happenedOn: day(2018, 4, 20) });
    const closeOn = (happenedOn: { year: number; month: number; day: number }) =>
      changeCaseStatus(police.actor, opened.id, 1, { status: "CLOSED", closureReason: "RESOLVED", note: null, happenedOn });

    expect(await fieldErrorsOf(closeOn(day(2018, 4, 19)))).toEqual({
      happenedOn: ["The date it happened must be on or after 20/04/2018, when the case was opened"],
    });
    expect(await fieldErrorsOf(closeOn(day(new Date().getFullYear() + 1, 1, 1)))).toEqual({
      happenedOn: ["The date it happened must be today or in the past"],
    });
    // The check before closing refuses it already, before the officer confirms.
    expect(await fieldErrorsOf(closingCheck(police.actor, opened.id, day(2018, 4, 19)))).toHaveProperty("happenedOn");

    expect(await db.case.findUniqueOrThrow({ where: { id: opened.id }, select: { status: true, closedAt: true, version: true } })).toEqual({
      status: "OPEN",
      closedAt: null,
      version: 1,
    });
    expect((await timelineOf(opened.id)).map((e) => e.kind)).toEqual(["CASE_OPENED"]);
  });

  it("reopening clears the closing date, and cannot be dated before the case was closed", async () => {
    const police = await agency({ kind: "POLICE" });
    const opened = await open(police.actor, { happenedOn: day(2018, 4, 20) });
    await changeCaseStatus(police.actor, opened.id, 1, {
      status: "CLOSED",
      closureReason: "RESOLVED",
      note: null,
      happenedOn: day(2019, 3, 2),
    });

    expect(
      await fieldErrorsOf(
        changeCaseStatus(police.actor, opened.id, 2, { status: "OPEN", closureReason: null, note: null, happenedOn: day(2019, 1, 1) }),
      ),
    ).toEqual({ happenedOn: ["The date it happened must be on or after 02/03/2019, when the case was closed"] });

    await changeCaseStatus(police.actor, opened.id, 2, { status: "OPEN", closureReason: null, note: null });
    const reopened = await db.case.findUniqueOrThrow({ where: { id: opened.id }, select: { status: true, closedAt: true } });
    expect(reopened).toEqual({ status: "OPEN", closedAt: null });
    const entry = (await timelineOf(opened.id)).at(-1)!;
    expect(entry.kind).toBe("STATUS_CHANGED");
    expect(justNow(entry.occurredAt)).toBe(true);
  });

  it("the check before closing names the day it will be closed on", async () => {
    const police = await agency({ kind: "POLICE" });
    const opened = await open(police.actor, { happenedOn: day(2018, 4, 20) });
    expect((await closingCheck(police.actor, opened.id, day(2019, 3, 2))).closedAt).toEqual(midday(2019, 3, 2));
    expect(justNow((await closingCheck(police.actor, opened.id)).closedAt)).toBe(true);
  });

  it("reads the date from the status form's three boxes", () => {
    const parsed = ZStatusForm.parse({
      caseId: randomUUID(),
      version: "1",
      status: "CLOSED",
      closureReason: "RESOLVED",
      "happenedOn-day": "2",
      "happenedOn-month": "3",
      "happenedOn-year": "2019",
    });
    expect(parsed.happenedOn).toEqual(day(2019, 3, 2));
  });
});

describe("a share and its withdrawal recorded after the fact", () => {
  it("shares and withdraws on the days they happened: the share's dates and the timeline follow them", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const opened = await open(police.actor, { happenedOn: day(2018, 4, 20) });

    await shareCase(police.actor, opened.id, housing.organisation.id, day(2018, 5, 1));
    let share = await db.caseShare.findFirstOrThrow({ where: { caseId: opened.id, organisationId: housing.organisation.id } });
    expect(share.sharedAt).toEqual(midday(2018, 5, 1));
    expect((await getCaseSummary(housing.actor, opened.id)).id).toBe(opened.id);

    await withdrawShare(police.actor, opened.id, housing.organisation.id, day(2018, 9, 30));
    share = await db.caseShare.findFirstOrThrow({ where: { caseId: opened.id, organisationId: housing.organisation.id } });
    expect(share.withdrawnAt).toEqual(midday(2018, 9, 30));
    // Withdrawn, whatever the day: they stop seeing it at once.
    await expect(getCaseSummary(housing.actor, opened.id)).rejects.toBeInstanceOf(NotFoundError);

    const timeline = await timelineOf(opened.id);
    expect(timeline.map((e) => [e.kind, e.occurredAt])).toEqual([
      ["CASE_OPENED", midday(2018, 4, 20)],
      ["SHARED", midday(2018, 5, 1)],
      ["SHARE_WITHDRAWN", midday(2018, 9, 30)],
    ]);
    expect(timeline.every((e) => justNow(e.recordedAt))).toBe(true);
  });

  it("refuses a share dated before the case was opened, and a withdrawal dated before the share, beside the date", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const opened = await open(police.actor, { happenedOn: day(2018, 4, 20) });

    expect(await fieldErrorsOf(shareCase(police.actor, opened.id, housing.organisation.id, day(2018, 4, 1)))).toEqual({
      happenedOn: ["The date it happened must be on or after 20/04/2018, when the case was opened"],
    });
    expect(await db.caseShare.count({ where: { caseId: opened.id } })).toBe(0);

    await shareCase(police.actor, opened.id, housing.organisation.id, day(2018, 5, 1));
    expect(await fieldErrorsOf(withdrawShare(police.actor, opened.id, housing.organisation.id, day(2018, 4, 30)))).toEqual({
      happenedOn: [`The date it happened must be on or after 01/05/2018, when the case was shared with ${housing.organisation.name}`],
    });
    expect(
      await fieldErrorsOf(withdrawShare(police.actor, opened.id, housing.organisation.id, day(new Date().getFullYear() + 1, 1, 1))),
    ).toEqual({
      happenedOn: ["The date it happened must be today or in the past"],
    });
    const share = await db.caseShare.findFirstOrThrow({ where: { caseId: opened.id, organisationId: housing.organisation.id } });
    expect(share.withdrawnAt).toBeNull();
    expect((await timelineOf(opened.id)).map((e) => e.kind)).toEqual(["CASE_OPENED", "SHARED"]);
  });

  it("reads the date from the share and withdrawal forms' three boxes", () => {
    const boxes = { "happenedOn-day": "1", "happenedOn-month": "5", "happenedOn-year": "2018" };
    const ids = { caseId: randomUUID(), organisationId: randomUUID() };
    expect(ZShareForm.parse({ ...ids, ...boxes }).happenedOn).toEqual(day(2018, 5, 1));
    expect(ZWithdrawShareForm.parse({ ...ids, ...boxes }).happenedOn).toEqual(day(2018, 5, 1));
    expect(ZWithdrawShareForm.parse(ids).happenedOn).toBeNull();
  });
});
