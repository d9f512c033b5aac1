import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { londonDateParts } from "@/lib/format/dates";
import { addReferralInformation, checkTriage, createReferral, getReferral, triageReferral } from "@/lib/referrals/data";
import { ZReferralForm, ZTriageForm } from "@/lib/referrals/schema";
import { dash, errorOf, maracInput, meeting, refer, world } from "./referrals-support";

// Referrals and triage decisions recorded after they happened (lib/history), from the referrer's
// and the chair's side: each is made on the day given, never in the future nor before what it
// depends on; its reference, its timeline entry and the triage history carry that day; the audit
// trail keeps the day it was typed.

/** A calendar day, as the data layer takes it. */
const day = (d: number, m: number, y: number) => ({ day: d, month: m, year: y });
/** A day as the form's three "it happened on" boxes post it. */
const boxes = (d: number, m: number, y: number) => ({
  "happenedOn-day": String(d),
  "happenedOn-month": String(m),
  "happenedOn-year": String(y),
});

/** The London calendar day after today. */
function tomorrow() {
  const { year, month, day: d } = londonDateParts(new Date(Date.now() + 36 * 3_600_000));
  return day(Number(d), Number(month), Number(year));
}

const isoDay = (at: Date) => {
  const { year, month, day: d } = londonDateParts(at);
  return [year, month, d].map((n) => String(n).padStart(2, "0")).join("-");
};

describe("a referral made on an earlier day", () => {
  it("is made that day: its reference carries that year, its REFERRED entry happened then, the audit entry keeps the typing date", async () => {
    const w = await world();
    const form = ZReferralForm.parse({
      submissionKey: randomUUID(),
      caseId: w.maracCase.id,
      panel: "MARAC",
      reason: "Threats to kill",
      grounds: "PROFESSIONAL_JUDGEMENT",
      victimPersonId: w.victim.id,
      ...boxes(1, 4, 2020),
    });
    const { id } = await createReferral(w.referrer, form.input, form.submissionKey);

    const stored = await db.referral.findUniqueOrThrow({ where: { id } });
    expect(stored.referredAt.toISOString()).toBe("2020-04-01T11:00:00.000Z"); // midday, London summer time
    expect(stored.reference).toMatch(/^REF-2020-\d{6}$/);
    const entry = await db.timelineEntry.findFirstOrThrow({ where: { caseId: w.maracCase.id, kind: "REFERRED" } });
    expect(entry.occurredAt.toISOString()).toBe("2020-04-01T11:00:00.000Z");
    expect(Date.now() - entry.recordedAt.getTime()).toBeLessThan(60_000);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "CREATE", entityType: "Referral", entityId: id } });
    expect(Date.now() - audit.at.getTime()).toBeLessThan(60_000);
    expect(audit.detail).toMatchObject({ happenedAt: "2020-04-01T11:00:00.000Z" });
    // Its page says when it was made and when it was recorded.
    const page = await getReferral(w.referrer, id);
    expect(isoDay(page.referredAt)).toBe("2020-04-01");
    expect(isoDay(page.recordedAt)).toBe(isoDay(new Date()));
  });

  it("left blank, it is made now and its reference carries this year", async () => {
    const w = await world();
    const { id } = await refer(w.referrer, maracInput(w.maracCase.id));
    const stored = await db.referral.findUniqueOrThrow({ where: { id } });
    expect(Date.now() - stored.referredAt.getTime()).toBeLessThan(60_000);
    expect(stored.reference).toMatch(new RegExp(`^REF-${londonDateParts(new Date()).year}-`));
  });

  it("a day in the future, or before the case was opened, is refused beside the date, and nothing is written", async () => {
    const w = await world();
    const future = await errorOf(refer(w.referrer, maracInput(w.maracCase.id, { happenedOn: tomorrow() })));
    expect(future).toBeInstanceOf(ValidationError);
    expect((future as ValidationError).fieldErrors.happenedOn).toEqual(["The date it happened must be today or in the past"]);

    // The case was opened on 7 January 2019.
    const before = await errorOf(refer(w.referrer, maracInput(w.maracCase.id, { happenedOn: day(6, 1, 2019) })));
    expect((before as ValidationError).fieldErrors).toEqual({
      happenedOn: ["The date it happened must be on or after 07/01/2019, when the case was opened"],
    });
    expect(await db.referral.count({ where: { caseId: w.maracCase.id } })).toBe(0);
    expect(await db.timelineEntry.count({ where: { caseId: w.maracCase.id, kind: "REFERRED" } })).toBe(0);
    // The day the case was opened is fine.
    await expect(refer(w.referrer, maracInput(w.maracCase.id, { happenedOn: day(7, 1, 2019) }))).resolves.toMatchObject({
      duplicate: false,
    });
  });

  it("visible high risk needs a DASH of 14 or more by the day it was made: a later DASH does not count", async () => {
    const w = await world();
    await dash(w.maracCase.id, 16, w.referrer, new Date("2020-05-01T11:00:00Z"));
    const early = await errorOf(
      refer(w.referrer, maracInput(w.maracCase.id, { grounds: ["VISIBLE_HIGH_RISK"], happenedOn: day(20, 4, 2020) })),
    );
    expect((early as ValidationError).fieldErrors.grounds?.[0]).toMatch(
      /This case has no DASH by 20\/04\/2020, when the referral was made/,
    );
    await expect(
      refer(w.referrer, maracInput(w.maracCase.id, { grounds: ["VISIBLE_HIGH_RISK"], happenedOn: day(2, 5, 2020) })),
    ).resolves.toMatchObject({ duplicate: false });
  });

  it("references are numbered per year of the referral: one made in 2020 and one today each get the next number of their year", async () => {
    const w = await world();
    const other = await world();
    const old = await refer(w.referrer, maracInput(w.maracCase.id, { happenedOn: day(3, 3, 2020) }));
    const fresh = await refer(other.referrer, maracInput(other.maracCase.id));
    const [a, b] = await Promise.all([
      db.referral.findUniqueOrThrow({ where: { id: old.id } }),
      db.referral.findUniqueOrThrow({ where: { id: fresh.id } }),
    ]);
    expect(a.reference).toMatch(/^REF-2020-/);
    expect(b.reference).toMatch(new RegExp(`^REF-${londonDateParts(new Date()).year}-`));
  });
});

describe("a triage decision made on an earlier day", () => {
  async function referredIn2020() {
    const w = await world();
    const { id } = await refer(w.referrer, maracInput(w.maracCase.id, { victimPersonId: w.victim.id, happenedOn: day(1, 4, 2020) }));
    return { ...w, id };
  }

  it("is made that day: the referral's triage date, its history row and its TRIAGED entry, after the REFERRED one on the timeline", async () => {
    const w = await referredIn2020();
    const form = ZTriageForm.parse({ referralId: w.id, version: "1", outcome: "DECLINED", note: "Below threshold", ...boxes(2, 4, 2020) });
    await triageReferral(w.maracChair, form.referralId, form.version, form.input);

    const stored = await db.referral.findUniqueOrThrow({ where: { id: w.id } });
    expect(stored.triagedAt?.toISOString()).toBe("2020-04-02T11:00:00.000Z");
    const history = await db.referralTriage.findMany({ where: { referralId: w.id } });
    expect(history.map((h) => h.decidedAt.toISOString())).toEqual(["2020-04-02T11:00:00.000Z"]);
    const timeline = await db.timelineEntry.findMany({
      where: { caseId: w.maracCase.id },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    });
    expect(timeline.filter((e) => e.kind === "REFERRED" || e.kind === "TRIAGED").map((e) => [e.kind, isoDay(e.occurredAt)])).toEqual([
      ["REFERRED", "2020-04-01"],
      ["TRIAGED", "2020-04-02"],
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "UPDATE", entityType: "Referral", entityId: w.id } });
    expect(audit.detail).toMatchObject({ happenedAt: "2020-04-02T11:00:00.000Z" });
  });

  it("a day before the referral was made, or in the future, is refused beside the date (at the check step too), and nothing changes", async () => {
    const w = await referredIn2020();
    const decline = (happenedOn: { day: number; month: number; year: number }) => ({
      outcome: "DECLINED" as const,
      meetingId: null,
      note: "Below threshold",
      happenedOn,
    });
    const before = await errorOf(triageReferral(w.maracChair, w.id, 1, decline(day(31, 3, 2020))));
    expect((before as ValidationError).fieldErrors).toEqual({
      happenedOn: ["The date it happened must be on or after 01/04/2020, when the referral was made"],
    });
    const atCheck = await errorOf(checkTriage(w.maracChair, w.id, 1, decline(day(31, 3, 2020))));
    expect((atCheck as ValidationError).fieldErrors.happenedOn).toHaveLength(1);
    const future = await errorOf(triageReferral(w.maracChair, w.id, 1, decline(tomorrow())));
    expect((future as ValidationError).fieldErrors.happenedOn).toEqual(["The date it happened must be today or in the past"]);
    expect(await db.referral.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({ status: "PENDING", version: 1, triagedAt: null });
    expect(await db.referralTriage.count({ where: { referralId: w.id } })).toBe(0);
    expect(await db.timelineEntry.count({ where: { caseId: w.maracCase.id, kind: "TRIAGED" } })).toBe(0);
  });

  it("accepted on an earlier day, the case can wait for the meeting recorded as held after it; accepted today, it needs a meeting", async () => {
    const w = await referredIn2020();
    const today = await errorOf(triageReferral(w.maracChair, w.id, 1, { outcome: "ACCEPTED", meetingId: null, note: null }));
    expect((today as ValidationError).fieldErrors).toEqual({ meetingId: ["Select the meeting to list the case at"] });
    expect(ZTriageForm.safeParse({ referralId: w.id, version: "1", outcome: "ACCEPTED" }).success).toBe(false);

    const form = ZTriageForm.parse({ referralId: w.id, version: "1", outcome: "ACCEPTED", ...boxes(3, 4, 2020) });
    const review = await checkTriage(w.maracChair, w.id, 1, form.input);
    expect(review.rows).toContainEqual({ key: "Decided on", value: "03/04/2020" });
    await triageReferral(w.maracChair, w.id, 1, form.input);
    expect(await db.referral.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({ status: "ACCEPTED" });
    expect(await db.agendaItem.count({ where: { caseId: w.maracCase.id } })).toBe(0);
  });

  it("accepting onto a meeting still works: a scheduled one, or one being recorded afterwards that was held on or after the decision", async () => {
    const w = await referredIn2020();
    const held = await db.meeting.create({
      data: {
        reference: `MTG-2020-T${randomUUID().slice(0, 5)}`,
        panel: "MARAC",
        startsAt: new Date("2020-04-20T09:30:00Z"),
        chairId: w.maracChair.userId,
        status: "IN_PROGRESS",
        recordedAfterwards: true,
      },
    });
    const after = await errorOf(
      triageReferral(w.maracChair, w.id, 1, { outcome: "ACCEPTED", meetingId: held.id, note: null, happenedOn: day(21, 4, 2020) }),
    );
    expect((after as ValidationError).fieldErrors).toEqual({
      meetingId: ["Select a meeting held on or after 21/04/2020, when the decision was made"],
    });
    await triageReferral(w.maracChair, w.id, 1, { outcome: "ACCEPTED", meetingId: held.id, note: null, happenedOn: day(10, 4, 2020) });
    expect(await db.agendaItem.findFirstOrThrow({ where: { meetingId: held.id, caseId: w.maracCase.id } })).toMatchObject({
      referralId: w.id,
      reason: "REFERRAL",
    });
    // Its page offers that meeting to the chair of another referral.
    const next = await world();
    const { id } = await refer(next.referrer, maracInput(next.maracCase.id, { happenedOn: day(2, 4, 2020) }));
    const otherChairView = await getReferral(w.maracChair, id);
    expect(otherChairView.meetings.map((m) => m.id)).toContain(held.id);

    // Today, onto a scheduled meeting, as before.
    const scheduled = await meeting("MARAC", next.maracChair.userId);
    await triageReferral(next.maracChair, id, 1, { outcome: "ACCEPTED", meetingId: scheduled.id, note: null });
    expect(await db.agendaItem.count({ where: { meetingId: scheduled.id, referralId: id } })).toBe(1);
  });

  it("a decision cannot be dated before the referrer's answer to a request for more information", async () => {
    const w = await referredIn2020();
    await triageReferral(w.maracChair, w.id, 1, {
      outcome: "MORE_INFO_REQUESTED",
      meetingId: null,
      note: "IDVA?",
      happenedOn: day(2, 4, 2020),
    });
    await addReferralInformation(w.referrer, w.id, 2, "Yes");
    const error = await errorOf(
      triageReferral(w.maracChair, w.id, 3, { outcome: "DECLINED", meetingId: null, note: "No", happenedOn: day(3, 4, 2020) }),
    );
    expect((error as ValidationError).fieldErrors.happenedOn?.[0]).toMatch(/when the referral was last updated$/);
  });
});
