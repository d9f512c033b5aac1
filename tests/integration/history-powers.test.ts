import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { changePowerStatus, expireDuePowers, getPower, issuePower, recordBreach } from "@/lib/powers/data";
import { ZPowerStatusForm, type IssuePowerInput, type PowerStatusInput } from "@/lib/powers/schema";
import { computeToolsAndPowersReturn } from "@/lib/returns/data";
import { financialYearPeriod } from "@/lib/returns/period";
import { ValidationError } from "@/lib/errors";
import { fromLondonLocal } from "@/lib/format/dates";
import { agency, colleague, makePerson, open } from "./cases-support";

// Powers whose history is recorded after the fact (lib/history): issued, appealed, withdrawn,
// discharged and breached on the days they really happened, so the tools and powers return counts
// each in its own year, and the case timeline tells them in order.

const day = (year: number, month: number, d: number) => ({ year, month, day: d });
const midday = (year: number, month: number, d: number) => fromLondonLocal(year, month, d, 12, 0);
const midnight = (year: number, month: number, d: number) => fromLondonLocal(year, month, d);
const justNow = (at: Date) => Math.abs(Date.now() - at.getTime()) < 60_000;

async function makeKind(overrides: Partial<{ hasExpiry: boolean; appealable: boolean }> = {}) {
  const code = `K_${randomUUID().slice(0, 6).toUpperCase()}`;
  return db.powerKind.create({
    data: {
      code,
      name: `Warning letter ${code}`,
      legalBasis: "Local policy",
      statutory: false,
      hasExpiry: false,
      needsCourt: false,
      appealable: false,
      allowsBusinessSubject: false,
      ...overrides,
    },
  });
}

/** A council officer with a case, and a power issued on 01/05/2018 to someone in it (recorded today). */
async function powerFrom2018(options: { kind?: Parameters<typeof makeKind>[0]; expiresAt?: Date } = {}) {
  const council = await agency({ kind: "LOCAL_AUTHORITY" });
  const kind = await makeKind(options.kind);
  const subject = await makePerson({ createdByOrgId: council.organisation.id, firstName: "Darren", lastName: "Pike" });
  const opened = await open(council.actor, { happenedOn: day(2018, 4, 20) });
  const input: IssuePowerInput = {
    kindId: kind.id,
    subjectType: "person",
    subjectPersonId: subject.id,
    subjectBusinessName: null,
    locationId: null,
    caseId: opened.id,
    issuingOfficerId: null,
    issuedAt: midnight(2018, 5, 1),
    expiresAt: options.expiresAt ?? null,
    conditions: "Stop playing loud music after 23:00",
    courtName: null,
    hearingAt: null,
  };
  const { id } = await issuePower(council.actor, input, randomUUID());
  return { council, caseId: opened.id, powerId: id };
}

const change = (actor: Actor, powerId: string, version: number, input: Partial<PowerStatusInput> & Pick<PowerStatusInput, "status">) =>
  changePowerStatus(actor, powerId, version, { note: null, ...input });

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

const historyOf = (powerId: string) =>
  db.powerStatusChange.findMany({
    where: { powerId },
    orderBy: [{ changedAt: "asc" }, { id: "asc" }],
    select: { toStatus: true, changedAt: true },
  });
const timelineOf = (caseId: string) =>
  db.timelineEntry.findMany({
    where: { caseId, subjectType: "PowerUse" },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, occurredAt: true, recordedAt: true, correctsEntryId: true },
  });

/** The return's figures for the manager's own organisation (other tests' powers are in other organisations). */
async function powerCounts(manager: Actor, startYear: number) {
  const result = await computeToolsAndPowersReturn(manager, financialYearPeriod(startYear));
  const own = result.byOrganisation.filter((r) => r.organisation.id === manager.organisationId);
  const sum = (measure: "withdrawn" | "discharged-expired") => own.reduce((n, r) => n + r.counts[measure], 0);
  return { withdrawn: sum("withdrawn"), "discharged-expired": sum("discharged-expired") };
}

describe("a power issued before it was recorded here", () => {
  it("has its first status and its case timeline entry on the day it was issued, recorded today", async () => {
    const { powerId, caseId } = await powerFrom2018();
    const power = await db.powerUse.findUniqueOrThrow({ where: { id: powerId }, select: { reference: true, statusChangedAt: true } });
    expect(power.reference).toMatch(/^PWR-2018-\d{6}$/);
    expect(power.statusChangedAt).toEqual(midday(2018, 5, 1));
    expect(await historyOf(powerId)).toEqual([{ toStatus: "ISSUED", changedAt: midday(2018, 5, 1) }]);
    const [issued] = await timelineOf(caseId);
    expect(issued).toMatchObject({ kind: "POWER_ISSUED", occurredAt: midday(2018, 5, 1) });
    expect(justNow(issued!.recordedAt)).toBe(true);
  });
});

describe("a power's status changed before it was recorded here", () => {
  it("is withdrawn on that day: its history, its status date and the timeline say so, and the return counts it in that year", async () => {
    const { council, powerId, caseId } = await powerFrom2018();
    const manager = await colleague(council.organisation.id, { role: "MANAGER" });

    await change(council.actor, powerId, 1, { status: "WITHDRAWN", note: "Apology received", happenedOn: day(2018, 11, 15) });

    const power = await db.powerUse.findUniqueOrThrow({ where: { id: powerId }, select: { status: true, statusChangedAt: true } });
    expect(power).toEqual({ status: "WITHDRAWN", statusChangedAt: midday(2018, 11, 15) });
    expect((await historyOf(powerId)).at(-1)).toEqual({ toStatus: "WITHDRAWN", changedAt: midday(2018, 11, 15) });
    const entry = (await timelineOf(caseId)).at(-1)!;
    expect(entry).toMatchObject({ kind: "POWER_STATUS_CHANGED", occurredAt: midday(2018, 11, 15) });
    expect(justNow(entry.recordedAt)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "PowerUse", entityId: powerId, action: "UPDATE" } });
    expect(justNow(audit.at)).toBe(true);
    expect(audit.detail).toMatchObject({ happenedAt: midday(2018, 11, 15).toISOString() });

    // The tools and powers return reads the day it happened: 2018/19, not the year it was typed.
    expect((await powerCounts(manager.actor, 2018)).withdrawn).toBe(1);
    const thisYear = new Date().getMonth() < 3 ? new Date().getFullYear() - 1 : new Date().getFullYear();
    expect((await powerCounts(manager.actor, thisYear)).withdrawn).toBe(0);
  });

  it("is refused in the future, before the power was issued, or before its last change, beside the date, and nothing is written", async () => {
    const { council, powerId, caseId } = await powerFrom2018({ kind: { appealable: true } });

    expect(await fieldErrorsOf(change(council.actor, powerId, 1, { status: "APPEALED", happenedOn: day(2018, 4, 30) }))).toEqual({
      happenedOn: ["The date it happened must be on or after 01/05/2018, when the power was issued"],
    });
    expect(
      await fieldErrorsOf(change(council.actor, powerId, 1, { status: "APPEALED", happenedOn: day(new Date().getFullYear() + 1, 1, 1) })),
    ).toEqual({ happenedOn: ["The date it happened must be today or in the past"] });
    expect(await db.powerUse.findUniqueOrThrow({ where: { id: powerId }, select: { status: true, version: true } })).toEqual({
      status: "ISSUED",
      version: 1,
    });
    expect(await historyOf(powerId)).toHaveLength(1);

    await change(council.actor, powerId, 1, { status: "APPEALED", happenedOn: day(2018, 6, 1) });
    expect(await fieldErrorsOf(change(council.actor, powerId, 2, { status: "DISCHARGED", happenedOn: day(2018, 5, 20) }))).toEqual({
      happenedOn: ["The date it happened must be on or after 01/06/2018, when its status last changed (to under appeal)"],
    });
    await change(council.actor, powerId, 2, { status: "DISCHARGED", happenedOn: day(2018, 9, 10) });

    expect((await timelineOf(caseId)).map((e) => [e.kind, e.occurredAt])).toEqual([
      ["POWER_ISSUED", midday(2018, 5, 1)],
      ["POWER_STATUS_CHANGED", midday(2018, 6, 1)],
      ["POWER_STATUS_CHANGED", midday(2018, 9, 10)],
    ]);
  });

  it("a power ended by its expiry date can still be discharged on an earlier day: the automatic expiry is set aside, its timeline entry corrected", async () => {
    const { council, powerId, caseId } = await powerFrom2018({ kind: { hasExpiry: true }, expiresAt: midnight(2020, 5, 1) });
    const manager = await colleague(council.organisation.id, { role: "MANAGER" });
    await expireDuePowers();
    const expired = await getPower(council.actor, powerId);
    expect(expired.status).toBe("EXPIRED");
    expect(expired.expiredOn).toEqual(midnight(2020, 5, 1));
    expect(expired.statusChoices).toContain("DISCHARGED");
    expect((await powerCounts(manager.actor, 2020))["discharged-expired"]).toBe(1);

    // A change dated after the expiry date is not one it could make.
    expect(
      await fieldErrorsOf(change(council.actor, powerId, expired.version, { status: "DISCHARGED", happenedOn: day(2020, 6, 1) })),
    ).toEqual({
      happenedOn: ["The power expired on 01/05/2020. Enter the date its status changed, before then."],
    });

    await change(council.actor, powerId, expired.version, { status: "DISCHARGED", happenedOn: day(2018, 10, 1) });

    expect(await historyOf(powerId)).toEqual([
      { toStatus: "ISSUED", changedAt: midday(2018, 5, 1) },
      { toStatus: "DISCHARGED", changedAt: midday(2018, 10, 1) },
    ]);
    expect((await db.powerUse.findUniqueOrThrow({ where: { id: powerId } })).status).toBe("DISCHARGED");
    const timeline = await timelineOf(caseId);
    const automatic = timeline.find((e) => e.kind === "POWER_STATUS_CHANGED" && e.correctsEntryId === null && justNow(e.occurredAt))!;
    expect(timeline.find((e) => e.kind === "CORRECTION")?.correctsEntryId).toBe(automatic.id);
    expect((await powerCounts(manager.actor, 2018))["discharged-expired"]).toBe(1);
    expect((await powerCounts(manager.actor, 2020))["discharged-expired"]).toBe(0);
  });

  it("reads the date from the status form's three boxes", () => {
    const parsed = ZPowerStatusForm.parse({
      powerId: randomUUID(),
      version: "1",
      status: "WITHDRAWN",
      "happenedOn-day": "15",
      "happenedOn-month": "11",
      "happenedOn-year": "2018",
    });
    expect(parsed.input.happenedOn).toEqual(day(2018, 11, 15));
  });
});

describe("a breach recorded after the fact", () => {
  it("is refused before the power was issued", async () => {
    const { council, powerId } = await powerFrom2018();
    expect(
      await fieldErrorsOf(
        recordBreach(council.actor, powerId, 1, { breachedAt: midnight(2018, 4, 30), actionTaken: "WARNING", notes: null }),
      ),
    ).toEqual({ breachedOn: ["The power was not in force on that date: it was issued on 01/05/2018"] });
    expect(await db.powerBreach.count({ where: { powerId } })).toBe(0);
  });

  it("breaches the power on the breach day, so a later change can still be recorded after it", async () => {
    const { council, powerId, caseId } = await powerFrom2018();
    await recordBreach(council.actor, powerId, 1, { breachedAt: midnight(2018, 7, 4), actionTaken: "FPN", notes: null });

    expect((await historyOf(powerId)).at(-1)).toEqual({ toStatus: "BREACHED", changedAt: midday(2018, 7, 4) });
    expect((await timelineOf(caseId)).at(-1)).toMatchObject({ kind: "POWER_BREACHED", occurredAt: midday(2018, 7, 4) });

    await change(council.actor, powerId, 2, { status: "WITHDRAWN", happenedOn: day(2018, 11, 15) });
    expect((await db.powerUse.findUniqueOrThrow({ where: { id: powerId } })).status).toBe("WITHDRAWN");
  });

  it("dated before the power's last change, it is history: the power keeps its status", async () => {
    const { council, powerId } = await powerFrom2018();
    await change(council.actor, powerId, 1, { status: "VARIED", happenedOn: day(2018, 9, 1) });
    await recordBreach(council.actor, powerId, 2, { breachedAt: midnight(2018, 7, 4), actionTaken: "WARNING", notes: null });
    expect((await db.powerUse.findUniqueOrThrow({ where: { id: powerId } })).status).toBe("VARIED");
    expect((await historyOf(powerId)).map((h) => h.toStatus)).toEqual(["ISSUED", "VARIED"]);
    expect(await db.powerBreach.count({ where: { powerId } })).toBe(1);
  });
});
