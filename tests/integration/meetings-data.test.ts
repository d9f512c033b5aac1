import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PDFParse } from "pdf-parse";
import { db } from "@/lib/db";
import {
  addCaseToAgenda,
  AgendaItemChangedError,
  cancellationFor,
  cancelMeeting,
  checkCancelMeeting,
  checkCloseMeeting,
  closeMeeting,
  correctMeeting,
  getMeeting,
  getMeetingForRun,
  getMeetingPack,
  getMinutes,
  listMeetings,
  meetingToCorrect,
  meetingToReschedule,
  moveAgendaItem,
  rescheduleMeeting,
  nextMeetings,
  reviewCandidates,
  saveAgendaItem,
  scheduleMeeting,
  startMeeting,
  MeetingChangedError,
} from "@/lib/meetings/data";
import { getReferral, listReferrals, triageReferral } from "@/lib/referrals/data";
import { MINUTES_MARKING } from "@/lib/meetings/labels";
import { minutesPdf } from "@/lib/meetings/minutes-pdf";
import { ZAgendaItemRecord, ZScheduleMeetingForm, type AgendaItemRecord, type ScheduleInput } from "@/lib/meetings/schema";
import { listActions } from "@/lib/case-actions/data";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor-type";
import type { Panel } from "@/lib/generated/prisma/enums";
import { agency, colleague, open } from "./cases-support";
import { dayFromToday, listQuery, OPEN_ONLY } from "./actions-support";

// Meetings from every side: the panel's chair, a panel member, a chair of the other panel, an
// officer on no panel guessing ids, and a partner organisation on a case heard at a CCM.

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
}

const page = { page: 1, pageSize: 25, sort: "date" as const, dir: "asc" as const, skip: 0 };
let referralNumber = 0;

async function partnership() {
  const police = await agency({ kind: "POLICE", role: "CHAIR", panels: ["MARAC"] });
  const housing = await agency({ kind: "HOUSING_PROVIDER", panels: ["MARAC", "CCM"] });
  const idva = await agency({ kind: "VOLUNTARY_SECTOR", panels: ["MARAC"] });
  const council = await agency({ kind: "LOCAL_AUTHORITY", role: "CHAIR", panels: ["CCM"] });
  const outsider = await colleague(police.organisation.id); // police officer on no panel
  const maracMember = await colleague(police.organisation.id, { panels: ["MARAC"] });
  return { maracChair: police, housing, idva, ccmChair: council, outsider, maracMember };
}

function scheduleInput(chair: Actor, panel: Panel, organisationIds: string[], days = 7): ScheduleInput {
  const day = dayFromToday(days);
  return {
    panel,
    startsAt: new Date(day.getTime() + 13.5 * 3600_000),
    venue: "Secure conference room",
    chairId: chair.userId,
    organisationIds,
  };
}

async function schedule(chair: Actor, panel: Panel, organisationIds: string[], days = 7) {
  const { id } = await scheduleMeeting(chair, scheduleInput(chair, panel, organisationIds, days), randomUUID());
  return id;
}

/** An accepted referral, as the referrals chair's triage writes it. */
async function acceptedReferral(referrer: Actor, caseId: string, panel: Panel, chair: Actor) {
  return db.referral.create({
    data: {
      reference: `REF-2099-${String(++referralNumber).padStart(6, "0")}`,
      caseId,
      panel,
      referringOrganisationId: referrer.organisationId,
      referringUserId: referrer.userId,
      reason: "DASH 15: threats to kill",
      grounds: panel === "MARAC" ? ["VISIBLE_HIGH_RISK"] : [],
      status: "ACCEPTED",
      triagedById: chair.userId,
      triagedAt: new Date(),
    },
  });
}

const record = (overrides: Partial<AgendaItemRecord> = {}): AgendaItemRecord => ({
  discussionSummary: "Risk remains high; the victim is engaging with the IDVA.",
  decision: "Safety plan agreed; target-hardening through Sanctuary.",
  reviewed: true,
  actions: [],
  ...overrides,
});

describe("who may see MARAC meetings", () => {
  it("an officer on no panel gets 404 for a MARAC meeting, its pack, meeting mode and minutes by guessed id, and each refusal is audited", async () => {
    const p = await partnership();
    const meetingId = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id, p.housing.organisation.id]);
    await startMeeting(p.maracChair.actor, meetingId, 1);
    await closeMeeting(p.maracChair.actor, meetingId, 2);

    for (const attempt of [getMeeting, getMeetingPack, getMeetingForRun, getMinutes]) {
      expect(await errorOf(attempt(p.outsider.actor, meetingId))).toBeInstanceOf(NotFoundError);
    }
    // A CCM chair is no MARAC member either.
    expect(await errorOf(getMeetingPack(p.ccmChair.actor, meetingId))).toBeInstanceOf(NotFoundError);
    const refusals = await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", entityType: "Meeting", entityId: meetingId } });
    expect(refusals).toBe(5);
    // A made-up id answers the same, and is not audited as a refusal of anything.
    expect(await errorOf(getMeeting(p.outsider.actor, randomUUID()))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(getMeeting(p.outsider.actor, "not-a-uuid"))).toBeInstanceOf(NotFoundError);
  });

  it("MARAC meetings are never listed or counted for a non-member, nor on their dashboard; members see them", async () => {
    const p = await partnership();
    const meetingId = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id]);

    const outsiderList = await listMeetings(p.outsider.actor, "upcoming", page);
    expect(outsiderList.total).toBe(0);
    expect(outsiderList.rows).toEqual([]);
    expect(await nextMeetings(p.outsider.actor)).toEqual([]);
    expect((await listMeetings(p.ccmChair.actor, "upcoming", page)).rows.map((r) => r.id)).not.toContain(meetingId);

    expect((await listMeetings(p.maracMember.actor, "upcoming", page)).rows.map((r) => r.id)).toContain(meetingId);
    expect((await nextMeetings(p.housing.actor)).map((r) => r.id)).toContain(meetingId);
    const pack = await getMeetingPack(p.housing.actor, meetingId);
    expect(pack.mayRun).toBe(false);
  });

  it("a panel member who does not chair reads the pack but cannot open meeting mode (404) or change anything", async () => {
    const p = await partnership();
    const meetingId = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id]);
    expect(await errorOf(getMeetingForRun(p.maracMember.actor, meetingId))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(startMeeting(p.maracMember.actor, meetingId, 1))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(closeMeeting(p.maracMember.actor, meetingId, 1))).toBeInstanceOf(NotFoundError);
  });
});

describe("scheduling", () => {
  it("only a chair of the panel schedules its meetings: a CCM chair cannot schedule a MARAC, an officer cannot schedule at all", async () => {
    const p = await partnership();
    expect(
      await errorOf(
        scheduleMeeting(p.ccmChair.actor, scheduleInput(p.ccmChair.actor, "MARAC", [p.ccmChair.organisation.id]), randomUUID()),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await errorOf(
        scheduleMeeting(p.maracMember.actor, scheduleInput(p.maracMember.actor, "MARAC", [p.maracChair.organisation.id]), randomUUID()),
      ),
    ).toBeInstanceOf(ForbiddenError);
    // The named chair must chair that panel.
    const wrongChair = { ...scheduleInput(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id]), chairId: p.ccmChair.user.id };
    expect(await errorOf(scheduleMeeting(p.maracChair.actor, wrongChair, randomUUID()))).toBeInstanceOf(ValidationError);
  });

  it("the form's date and time are London wall-clock time; the same form posted twice schedules one meeting", async () => {
    const p = await partnership();
    const year = new Date().getUTCFullYear() + 1;
    const parsed = ZScheduleMeetingForm.parse({
      submissionKey: randomUUID(),
      panel: "MARAC",
      "date-day": "15",
      "date-month": "7",
      "date-year": String(year),
      time: "13:30",
      venue: "",
      chairId: p.maracChair.user.id,
      organisationIds: [p.maracChair.organisation.id, p.housing.organisation.id],
    });
    expect(parsed.input.startsAt.toISOString()).toBe(`${year}-07-15T12:30:00.000Z`); // BST
    const first = await scheduleMeeting(p.maracChair.actor, parsed.input, parsed.submissionKey);
    const again = await scheduleMeeting(p.maracChair.actor, parsed.input, parsed.submissionKey);
    expect(again).toEqual({ id: first.id, duplicate: true });
    const meeting = await getMeeting(p.maracChair.actor, first.id);
    expect(meeting.attendees.map((a) => a.organisation.id).sort()).toEqual(
      [p.maracChair.organisation.id, p.housing.organisation.id].sort(),
    );
    expect(meeting.reference).toMatch(/^MTG-\d{4}-\d{6}$/);
  });
});

describe("the agenda", () => {
  it("is built from accepted referrals and cases due for review; a referral accepted onto a scheduled meeting shows too", async () => {
    const p = await partnership();
    const orgs = [p.maracChair.organisation.id, p.housing.organisation.id];
    // A case reviewed at an earlier MARAC, with an action agreed there still open: due for review.
    const reviewCase = await open(p.maracChair.actor, { kind: "MARAC", title: "Review me" });
    const earlier = await schedule(p.maracChair.actor, "MARAC", orgs, 0);
    await addCaseToAgenda(p.maracChair.actor, earlier, { reference: reviewCase.reference });
    await startMeeting(p.maracChair.actor, earlier, 1);
    const run = await getMeetingForRun(p.maracChair.actor, earlier);
    await saveAgendaItem(
      p.maracChair.actor,
      earlier,
      run.items[0]!.id,
      run.items[0]!.version,
      record({ actions: [{ title: "Sanctuary scheme", organisationId: p.housing.organisation.id, dueDate: dayFromToday(10) }] }),
    );
    await closeMeeting(p.maracChair.actor, earlier, 2);

    // An accepted referral with no meeting to go on yet.
    const referredCase = await open(p.maracChair.actor, { kind: "MARAC", title: "Referred" });
    const referral = await acceptedReferral(p.housing.actor, referredCase.id, "MARAC", p.maracChair.actor);

    const meetingId = await schedule(p.maracChair.actor, "MARAC", orgs, 14);
    let meeting = await getMeeting(p.maracChair.actor, meetingId);
    expect(meeting.items.map((i) => [i.case.reference, i.reason, i.referral?.id ?? null])).toEqual([
      [referredCase.reference, "REFERRAL", referral.id],
      [reviewCase.reference, "REVIEW", null],
    ]);

    // The referrals chair accepts another referral straight onto this meeting (last + 1).
    const lateCase = await open(p.maracChair.actor, { kind: "MARAC", title: "Late" });
    const late = await acceptedReferral(p.housing.actor, lateCase.id, "MARAC", p.maracChair.actor);
    await db.agendaItem.create({ data: { meetingId, caseId: lateCase.id, referralId: late.id, reason: "REFERRAL", position: 3 } });
    meeting = await getMeeting(p.maracChair.actor, meetingId);
    expect(meeting.items.map((i) => i.case.reference)).toEqual([referredCase.reference, reviewCase.reference, lateCase.reference]);
    // Nothing left to suggest: the review case is on the agenda.
    expect(await reviewCandidates(p.maracChair.actor, meetingId)).toEqual([]);
  });

  it("the chair reorders the agenda one place at a time; the ends stay put; a member cannot reorder", async () => {
    const p = await partnership();
    const meetingId = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id]);
    const refs: string[] = [];
    for (const title of ["A", "B", "C"]) {
      const c = await open(p.maracChair.actor, { kind: "MARAC", title });
      await addCaseToAgenda(p.maracChair.actor, meetingId, { reference: c.reference });
      refs.push(c.reference);
    }
    const order = async () => (await getMeeting(p.maracChair.actor, meetingId)).items.map((i) => [i.case.reference, i.position]);
    const items = (await getMeeting(p.maracChair.actor, meetingId)).items;
    await moveAgendaItem(p.maracChair.actor, meetingId, items[2]!.id, "up");
    expect(await order()).toEqual([
      [refs[0], 1],
      [refs[2], 2],
      [refs[1], 3],
    ]);
    await moveAgendaItem(p.maracChair.actor, meetingId, items[0]!.id, "up");
    expect(await order()).toEqual([
      [refs[0], 1],
      [refs[2], 2],
      [refs[1], 3],
    ]);
    await moveAgendaItem(p.maracChair.actor, meetingId, items[0]!.id, "down");
    expect(await order()).toEqual([
      [refs[2], 1],
      [refs[0], 2],
      [refs[1], 3],
    ]);
    expect(await errorOf(moveAgendaItem(p.maracMember.actor, meetingId, items[0]!.id, "down"))).toBeInstanceOf(NotFoundError);
  });

  it("a CCM agenda never takes a restricted MARAC case, and a chair can only add a case they can see", async () => {
    const p = await partnership();
    const maracCase = await open(p.maracChair.actor, { kind: "MARAC" });
    const ccmMeeting = await schedule(p.ccmChair.actor, "CCM", [p.ccmChair.organisation.id]);
    const error = await errorOf(addCaseToAgenda(p.ccmChair.actor, ccmMeeting, { reference: maracCase.reference }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.caseReference?.[0]).toMatch(/no case with that reference/);
  });
});

describe("meeting mode", () => {
  async function runningMeeting() {
    const p = await partnership();
    const c = await open(p.maracChair.actor, { kind: "MARAC", title: "Domestic abuse: test victim" });
    const meetingId = await schedule(p.maracChair.actor, "MARAC", [
      p.maracChair.organisation.id,
      p.housing.organisation.id,
      p.idva.organisation.id,
    ]);
    await addCaseToAgenda(p.maracChair.actor, meetingId, { reference: c.reference });
    await startMeeting(p.maracChair.actor, meetingId, 1);
    const item = (await getMeetingForRun(p.maracChair.actor, meetingId)).items[0]!;
    return { p, c, meetingId, item };
  }

  it("saving a decision with actions for two agencies writes the item, the timeline entries and the audit entries together; the agency sees its action", async () => {
    const { p, c, meetingId, item } = await runningMeeting();
    const saved = await saveAgendaItem(
      p.maracChair.actor,
      meetingId,
      item.id,
      item.version,
      record({
        actions: [
          { title: "Sanctuary scheme target-hardening", organisationId: p.housing.organisation.id, dueDate: dayFromToday(7) },
          { title: "IDVA safety plan", organisationId: p.idva.organisation.id, dueDate: dayFromToday(3) },
        ],
      }),
    );
    expect(saved.version).toBe(item.version + 1);
    expect(saved.actionIds).toHaveLength(2);

    const timeline = await db.timelineEntry.findMany({
      where: { caseId: c.id, kind: { in: ["DISCUSSED_AT_MEETING", "ACTION_CREATED"] } },
      orderBy: { id: "asc" },
    });
    expect(timeline.map((t) => t.kind)).toEqual(["DISCUSSED_AT_MEETING", "ACTION_CREATED", "ACTION_CREATED"]);
    expect(timeline[0]!.summary).toContain("Decision: Safety plan agreed");
    const actions = await db.caseAction.findMany({ where: { meetingId }, orderBy: { title: "asc" } });
    expect(actions.map((a) => [a.title, a.assignedOrganisationId, a.caseId])).toEqual([
      ["IDVA safety plan", p.idva.organisation.id, c.id],
      ["Sanctuary scheme target-hardening", p.housing.organisation.id, c.id],
    ]);
    expect(await db.auditEvent.count({ where: { entityType: "CaseAction", entityId: { in: saved.actionIds }, action: "CREATE" } })).toBe(2);
    expect(await db.auditEvent.count({ where: { entityType: "AgendaItem", entityId: item.id, action: "UPDATE" } })).toBe(1);

    // The housing officer (a MARAC member) sees the action in their organisation's list (the dashboard's source).
    const listed = await listActions(p.housing.actor, "organisation", OPEN_ONLY, listQuery());
    expect(listed.rows.map((r) => r.title)).toEqual(["Sanctuary scheme target-hardening"]);
  });

  it("an action can name an officer of the organisation who can open the case; one off the MARAC panel is refused", async () => {
    const { p, meetingId, item } = await runningMeeting();
    const notOnPanel = await colleague(p.housing.organisation.id);
    const error = await errorOf(
      saveAgendaItem(
        p.maracChair.actor,
        meetingId,
        item.id,
        item.version,
        record({
          actions: [
            { title: "Visit", organisationId: p.housing.organisation.id, assignedUserId: notOnPanel.user.id, dueDate: dayFromToday(7) },
          ],
        }),
      ),
    );
    expect((error as ValidationError).fieldErrors["actions.0.assignedUserId"]).toBeDefined();
    await saveAgendaItem(
      p.maracChair.actor,
      meetingId,
      item.id,
      item.version,
      record({
        actions: [
          { title: "Visit", organisationId: p.housing.organisation.id, assignedUserId: p.housing.user.id, dueDate: dayFromToday(7) },
        ],
      }),
    );
    const mine = await listActions(p.housing.actor, "mine", OPEN_ONLY, listQuery());
    expect(mine.rows.map((r) => r.title)).toEqual(["Visit"]);
    const run = await getMeetingForRun(p.maracChair.actor, meetingId);
    expect(run.officers.find((o) => o.id === notOnPanel.user.id)?.marac).toBe(false);
  });

  it("a failing action rolls back the whole save: no decision, no timeline entry, no action", async () => {
    const { p, c, meetingId, item } = await runningMeeting();
    const notAttending = await agency({ kind: "FIRE", panels: ["MARAC"] });
    const error = await errorOf(
      saveAgendaItem(
        p.maracChair.actor,
        meetingId,
        item.id,
        item.version,
        record({
          actions: [
            { title: "Fine action", organisationId: p.housing.organisation.id, dueDate: dayFromToday(7) },
            { title: "Not attending", organisationId: notAttending.organisation.id, dueDate: dayFromToday(7) },
          ],
        }),
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors["actions.1.organisationId"]).toBeDefined();
    expect(await db.caseAction.count({ where: { meetingId } })).toBe(0);
    expect(await db.timelineEntry.count({ where: { caseId: c.id, kind: { in: ["DISCUSSED_AT_MEETING", "ACTION_CREATED"] } } })).toBe(0);
    const after = await db.agendaItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(after).toMatchObject({ decision: null, version: item.version, reviewedAt: null });
  });

  it("a save at an old version (a replayed or stale form) is refused and changes nothing", async () => {
    const { p, meetingId, item } = await runningMeeting();
    await saveAgendaItem(p.maracChair.actor, meetingId, item.id, item.version, record());
    const error = await errorOf(
      saveAgendaItem(p.maracChair.actor, meetingId, item.id, item.version, record({ decision: "Something else" })),
    );
    expect(error).toBeInstanceOf(AgendaItemChangedError);
    expect((await db.agendaItem.findUniqueOrThrow({ where: { id: item.id } })).decision).toBe(
      "Safety plan agreed; target-hardening through Sanctuary.",
    );
  });

  it("only the panel's chair saves; marking reviewed needs a decision", async () => {
    const { p, meetingId, item } = await runningMeeting();
    expect(await errorOf(saveAgendaItem(p.maracMember.actor, meetingId, item.id, item.version, record()))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(saveAgendaItem(p.ccmChair.actor, meetingId, item.id, item.version, record()))).toBeInstanceOf(NotFoundError);
    const parsed = ZAgendaItemRecord.safeParse({
      meetingId,
      itemId: item.id,
      version: item.version,
      discussionSummary: "x",
      decision: "",
      reviewed: true,
      actions: [],
    });
    expect(parsed.success).toBe(false);
  });
});

describe("closing and minutes", () => {
  it("closing produces minutes whose PDF names the decisions, the actions per organisation and the MARAC marking", async () => {
    const p = await partnership();
    const c = await open(p.maracChair.actor, { kind: "MARAC", title: "Domestic abuse: minutes test" });
    const meetingId = await schedule(p.maracChair.actor, "MARAC", [
      p.maracChair.organisation.id,
      p.housing.organisation.id,
      p.idva.organisation.id,
    ]);
    await addCaseToAgenda(p.maracChair.actor, meetingId, { reference: c.reference });
    await startMeeting(p.maracChair.actor, meetingId, 1);
    const item = (await getMeetingForRun(p.maracChair.actor, meetingId)).items[0]!;
    expect(await errorOf(getMinutes(p.maracChair.actor, meetingId))).toBeInstanceOf(NotFoundError); // not closed yet
    await saveAgendaItem(
      p.maracChair.actor,
      meetingId,
      item.id,
      item.version,
      record({
        decision: "Refuge place to be offered",
        actions: [
          { title: "Offer a management transfer", organisationId: p.housing.organisation.id, dueDate: dayFromToday(7) },
          { title: "Refuge referral", organisationId: p.idva.organisation.id, dueDate: dayFromToday(2) },
        ],
      }),
    );
    const check = await checkCloseMeeting(p.maracChair.actor, meetingId);
    expect(check).toMatchObject({ items: 1, reviewed: 1, actionsAgreed: 2, notReviewed: [] });
    await closeMeeting(p.maracChair.actor, meetingId, check.version);

    const minutes = await getMinutes(p.housing.actor, meetingId);
    expect(minutes.partial).toBe(false);
    const pdf = await minutesPdf(minutes);
    const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text.replace(/\s+/g, " ");
    expect(text).toContain("Refuge place to be offered");
    expect(text).toContain(`${p.housing.organisation.name} (${p.housing.organisation.shortName})`);
    expect(text).toContain(`${c.reference}: Offer a management transfer`);
    expect(text).toContain(`${p.idva.organisation.name} (${p.idva.organisation.shortName})`);
    expect(text).toContain(MINUTES_MARKING);
    expect(await errorOf(getMinutes(p.outsider.actor, meetingId))).toBeInstanceOf(NotFoundError);
  });

  it("CCM minutes reach a partner off the panel for their own case only; MARAC minutes never do", async () => {
    const p = await partnership();
    const fire = await agency({ kind: "FIRE" }); // on no panel
    const theirs = await open(p.ccmChair.actor, { kind: "CCM", title: "Fire risk at a hoarder's flat" });
    const notTheirs = await open(p.ccmChair.actor, { kind: "CCM", title: "Someone else's case" });
    const meetingId = await schedule(p.ccmChair.actor, "CCM", [p.ccmChair.organisation.id, fire.organisation.id]);
    for (const c of [theirs, notTheirs]) await addCaseToAgenda(p.ccmChair.actor, meetingId, { reference: c.reference });
    await startMeeting(p.ccmChair.actor, meetingId, 1);
    const items = (await getMeetingForRun(p.ccmChair.actor, meetingId)).items;
    // Giving the fire brigade an action shares the case with it.
    await saveAgendaItem(
      p.ccmChair.actor,
      meetingId,
      items[0]!.id,
      items[0]!.version,
      record({ actions: [{ title: "Home fire safety visit", organisationId: fire.organisation.id, dueDate: dayFromToday(5) }] }),
    );
    await saveAgendaItem(p.ccmChair.actor, meetingId, items[1]!.id, items[1]!.version, record({ decision: "Private decision" }));
    await closeMeeting(p.ccmChair.actor, meetingId, 2);

    expect(await errorOf(getMeeting(fire.actor, meetingId))).toBeInstanceOf(NotFoundError);
    const minutes = await getMinutes(fire.actor, meetingId);
    expect(minutes.partial).toBe(true);
    expect(minutes.items.map((i) => i.caseReference)).toEqual([theirs.reference]);
    expect(JSON.stringify(minutes)).not.toContain("Private decision");
    expect(minutes.actionsByOrganisation.map((g) => g.organisation)).toEqual([fire.organisation.name]);
    expect(minutes.marked).toBe(false);
  });
});

describe("cancelling a meeting", () => {
  const REASON = "The chair is unwell and the panel would not be quorate.";
  const referralQuery = { page: 1, pageSize: 100, skip: 0, sort: "referred" as const, dir: "desc" as const };

  /**
   * A scheduled meeting with an empty agenda. (Scheduling through scheduleMeeting would also list
   * every accepted referral and review case that earlier tests in this file left for the panel.)
   */
  async function bareMeeting(chair: Actor, panel: Panel, days: number) {
    const m = await db.meeting.create({
      data: {
        reference: `MTG-TEST-${randomUUID().slice(0, 8)}`,
        panel,
        startsAt: new Date(dayFromToday(days).getTime() + 10 * 3600_000),
        chairId: chair.userId,
      },
    });
    return m.id;
  }

  /** A scheduled MARAC with, in order: two accepted referrals' cases and a case listed for review. */
  async function scheduledWithAgenda() {
    const p = await partnership();
    const meetingId = await bareMeeting(p.maracChair.actor, "MARAC", 7);
    const cases = [];
    const referrals = [];
    for (const title of ["First referral", "Second referral"]) {
      const c = await open(p.maracChair.actor, { kind: "MARAC", title });
      const r = await acceptedReferral(p.housing.actor, c.id, "MARAC", p.maracChair.actor);
      await addCaseToAgenda(p.maracChair.actor, meetingId, { reference: c.reference }); // takes the accepted referral
      cases.push(c);
      referrals.push(r);
    }
    const review = await open(p.maracChair.actor, { kind: "MARAC", title: "Listed for review" });
    await addCaseToAgenda(p.maracChair.actor, meetingId, { reference: review.reference });
    const version = (await getMeeting(p.maracChair.actor, meetingId)).version;
    return { p, meetingId, cases, referrals, review, version };
  }

  const statusOf = async (meetingId: string) => (await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).status;

  it("the check step names what will happen to the agenda; nothing changes until the chair confirms", async () => {
    const { p, meetingId, version } = await scheduledWithAgenda();
    const review = await checkCancelMeeting(p.maracChair.actor, meetingId, version, {
      reason: REASON,
      agenda: "RETURN",
      moveToMeetingId: null,
    });
    const said = Object.fromEntries(review.rows.map((r) => [r.key, r.value]));
    expect(said["The cases on the agenda"]).toBe(
      "The 2 referrals on its agenda go back to the MARAC triage queue, to be decided on again. The 1 case listed for review comes off the agenda; a case still due for review is offered again when the next meeting is scheduled.",
    );
    expect(said.Reason).toBe(REASON);
    const other = await bareMeeting(p.maracChair.actor, "MARAC", 21);
    const moving = await checkCancelMeeting(p.maracChair.actor, meetingId, version, {
      reason: REASON,
      agenda: "MOVE",
      moveToMeetingId: other,
    });
    expect(moving.rows.find((r) => r.key === "The cases on the agenda")?.value).toMatch(
      /^The 3 cases on its agenda move to MTG-TEST-\w+ on /,
    );
    expect(await statusOf(meetingId)).toBe("SCHEDULED");
    // With cases on the agenda, the chair must say what happens to them.
    await expect(
      checkCancelMeeting(p.maracChair.actor, meetingId, version, { reason: REASON, agenda: null, moveToMeetingId: null }),
    ).rejects.toMatchObject({ fieldErrors: { agenda: [expect.any(String)] } });
  });

  it("returning the referrals to the triage queue: each is PENDING again with a history row; every case gets a timeline entry; the list shows it cancelled with the reason", async () => {
    const { p, meetingId, cases, referrals, review, version } = await scheduledWithAgenda();
    await cancelMeeting(p.maracChair.actor, meetingId, version, { reason: REASON, agenda: "RETURN", moveToMeetingId: null });

    expect(await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({
      status: "CANCELLED",
      version: version + 1,
      cancellationReason: REASON,
      cancelledById: p.maracChair.user.id,
      cancelledAt: expect.any(Date),
    });
    for (const r of referrals) {
      expect(await db.referral.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: "PENDING", version: 2 });
      const seen = await getReferral(p.maracChair.actor, r.id);
      expect(seen.history.at(-1)).toMatchObject({
        outcome: "PENDING",
        step: "returned",
        byReferrer: false,
        decidedBy: p.maracChair.user.name,
      });
      expect(seen.history.at(-1)?.note).toContain(REASON);
      expect(seen.agenda).toEqual([expect.objectContaining({ meetingId, cancelled: true })]);
      expect(seen.mayTriage).toBe(true);
    }
    const queue = (await listReferrals(p.maracChair.actor, "triage", {}, referralQuery)).rows.map((r) => r.id);
    expect(queue).toEqual(expect.arrayContaining(referrals.map((r) => r.id)));
    for (const c of cases) {
      const entry = await db.timelineEntry.findFirstOrThrow({ where: { caseId: c.id, subjectId: meetingId } });
      expect(entry.kind).toBe("TRIAGED");
      expect(entry.summary).toContain(`was cancelled by ${p.maracChair.actor.name}: ${REASON}`);
      expect(entry.summary).toContain("back in the MARAC triage queue");
    }
    const reviewEntry = await db.timelineEntry.findFirstOrThrow({ where: { caseId: review.id, subjectId: meetingId } });
    expect(reviewEntry.summary).toContain("listed there for review");
    // The cancelled meeting keeps its agenda as the record of what was listed.
    expect(await db.agendaItem.count({ where: { meetingId } })).toBe(3);
    expect(
      await db.auditEvent.count({
        where: { entityType: "Meeting", entityId: meetingId, action: "UPDATE", detail: { path: ["status", "to"], equals: "CANCELLED" } },
      }),
    ).toBe(1);
    expect(
      await db.auditEvent.count({ where: { entityType: "Referral", entityId: { in: referrals.map((r) => r.id) }, action: "UPDATE" } }),
    ).toBe(2);

    // Past-and-cancelled, with the reason and who; not upcoming, not on the dashboard.
    const past = await listMeetings(p.maracMember.actor, "past", page);
    expect(past.rows.find((m) => m.id === meetingId)).toMatchObject({
      status: "CANCELLED",
      cancellation: { reason: REASON, by: p.maracChair.user.name },
    });
    expect((await listMeetings(p.maracMember.actor, "upcoming", page)).rows.map((m) => m.id)).not.toContain(meetingId);
    expect((await nextMeetings(p.maracMember.actor)).map((m) => m.id)).not.toContain(meetingId);
    expect((await getMeeting(p.housing.actor, meetingId)).cancellation).toMatchObject({ reason: REASON });
    expect((await getMeetingPack(p.housing.actor, meetingId)).cancellation).toMatchObject({ reason: REASON });
  });

  it("moving the cases to another scheduled meeting: they join the end of its agenda in order, a case already there keeps its place, referrals stay accepted", async () => {
    const { p, meetingId, cases, referrals, review, version } = await scheduledWithAgenda();
    const target = await bareMeeting(p.maracChair.actor, "MARAC", 14);
    const already = await open(p.maracChair.actor, { kind: "MARAC", title: "Already listed there" });
    await addCaseToAgenda(p.maracChair.actor, target, { reference: already.reference });
    await addCaseToAgenda(p.maracChair.actor, target, { reference: cases[1]!.reference }); // listed for review there
    const targetVersion = (await db.meeting.findUniqueOrThrow({ where: { id: target } })).version;

    const result = await cancelMeeting(p.maracChair.actor, meetingId, version, { reason: REASON, agenda: "MOVE", moveToMeetingId: target });
    expect(result).toEqual({ movedTo: target, referralsReturned: 0 });
    const agenda = (await getMeeting(p.maracChair.actor, target)).items.map((i) => [i.position, i.case.reference, i.referral?.id ?? null]);
    expect(agenda).toEqual([
      [1, already.reference, null],
      [2, cases[1]!.reference, referrals[1]!.id], // kept its place, now heard for the referral
      [3, cases[0]!.reference, referrals[0]!.id],
      [4, review.reference, null],
    ]);
    for (const r of referrals) {
      expect((await db.referral.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("ACCEPTED");
      expect((await getReferral(p.maracChair.actor, r.id)).history.at(-1)?.note).toMatch(/^Moved to MTG-TEST-\w+ on .*was cancelled/);
    }
    expect((await db.meeting.findUniqueOrThrow({ where: { id: target } })).version).toBe(targetVersion + 1);
    expect((await db.timelineEntry.findFirstOrThrow({ where: { caseId: review.id, subjectId: meetingId } })).summary).toMatch(
      /Moved to the agenda of MTG-TEST-\w+ .*\(item 4\)/,
    );
    expect(await statusOf(meetingId)).toBe("CANCELLED");
  });

  it("the cases cannot be moved to the meeting itself, another panel's meeting or a closed one: refused, nothing changes", async () => {
    const { p, meetingId, referrals, version } = await scheduledWithAgenda();
    const ccm = await bareMeeting(p.ccmChair.actor, "CCM", 7);
    const closed = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id], 0);
    await startMeeting(p.maracChair.actor, closed, 1);
    await closeMeeting(p.maracChair.actor, closed, 2);
    for (const moveToMeetingId of [meetingId, ccm, closed, randomUUID()]) {
      const error = await errorOf(
        cancelMeeting(p.maracChair.actor, meetingId, version, { reason: REASON, agenda: "MOVE", moveToMeetingId }),
      );
      expect((error as ValidationError).fieldErrors?.moveToMeetingId).toBeDefined();
    }
    expect(await statusOf(meetingId)).toBe("SCHEDULED");
    expect((await db.referral.findUniqueOrThrow({ where: { id: referrals[0]!.id } })).status).toBe("ACCEPTED");
  });

  it("nothing of a cancelled meeting can be started, run, changed, closed, accepted onto or cancelled again", async () => {
    const { p, meetingId, cases, version } = await scheduledWithAgenda();
    const item = (await getMeeting(p.maracChair.actor, meetingId)).items[0]!;
    await cancelMeeting(p.maracChair.actor, meetingId, version, { reason: REASON, agenda: "RETURN", moveToMeetingId: null });
    const now = version + 1;
    expect(await errorOf(startMeeting(p.maracChair.actor, meetingId, now))).toBeInstanceOf(ConflictError);
    expect(await errorOf(closeMeeting(p.maracChair.actor, meetingId, now))).toBeInstanceOf(ConflictError);
    expect(await errorOf(saveAgendaItem(p.maracChair.actor, meetingId, item.id, item.version, record()))).toBeInstanceOf(ConflictError);
    expect(await errorOf(moveAgendaItem(p.maracChair.actor, meetingId, item.id, "down"))).toBeInstanceOf(ConflictError);
    const late = await open(p.maracChair.actor, { kind: "MARAC", title: "Late" });
    expect(await errorOf(addCaseToAgenda(p.maracChair.actor, meetingId, { reference: late.reference }))).toBeInstanceOf(ConflictError);
    expect(
      await errorOf(cancelMeeting(p.maracChair.actor, meetingId, now, { reason: REASON, agenda: "RETURN", moveToMeetingId: null })),
    ).toBeInstanceOf(MeetingChangedError);
    // A returned referral cannot be accepted back onto the cancelled meeting.
    const returned = await db.referral.findFirstOrThrow({ where: { caseId: cases[0]!.id } });
    expect(
      await errorOf(triageReferral(p.maracChair.actor, returned.id, returned.version, { outcome: "ACCEPTED", meetingId, note: null })),
    ).toBeInstanceOf(ValidationError);
    expect(await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({ status: "CANCELLED", version: now });
    expect((await cancellationFor(p.maracChair.actor, meetingId)).refusal).toBe("The meeting has already been cancelled.");
    expect(await errorOf(getMinutes(p.maracChair.actor, meetingId))).toBeInstanceOf(NotFoundError);
  });

  it("a meeting in progress or closed cannot be cancelled", async () => {
    const p = await partnership();
    const meetingId = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id], 0);
    await startMeeting(p.maracChair.actor, meetingId, 1);
    expect((await cancellationFor(p.maracChair.actor, meetingId)).refusal).toMatch(/has started/);
    expect(
      await errorOf(cancelMeeting(p.maracChair.actor, meetingId, 2, { reason: REASON, agenda: null, moveToMeetingId: null })),
    ).toBeInstanceOf(MeetingChangedError);
    expect(await statusOf(meetingId)).toBe("IN_PROGRESS");
    await closeMeeting(p.maracChair.actor, meetingId, 2);
    expect((await cancellationFor(p.maracChair.actor, meetingId)).refusal).toMatch(/is closed/);
    const error = await errorOf(cancelMeeting(p.maracChair.actor, meetingId, 3, { reason: REASON, agenda: null, moveToMeetingId: null }));
    expect(error).toBeInstanceOf(MeetingChangedError);
    expect((error as Error).message).toMatch(/cannot be cancelled/);
    expect(await statusOf(meetingId)).toBe("CLOSED");
    expect(
      await db.auditEvent.count({
        where: { entityType: "Meeting", entityId: meetingId, detail: { path: ["status", "to"], equals: "CANCELLED" } },
      }),
    ).toBe(0);
  });

  it("only a chair of the panel cancels: a member who does not chair, the other panel's chair and an officer on no panel get not found (audited)", async () => {
    const { p, meetingId, referrals, version } = await scheduledWithAgenda();
    const input = { reason: "Not mine", agenda: "RETURN" as const, moveToMeetingId: null };
    for (const who of [p.maracMember.actor, p.housing.actor, p.ccmChair.actor, p.outsider.actor]) {
      expect(await errorOf(cancelMeeting(who, meetingId, version, input))).toBeInstanceOf(NotFoundError);
      expect(await errorOf(cancellationFor(who, meetingId))).toBeInstanceOf(NotFoundError);
      expect(await errorOf(checkCancelMeeting(who, meetingId, version, input))).toBeInstanceOf(NotFoundError);
      expect(
        await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", entityType: "Meeting", entityId: meetingId, userId: who.userId } }),
      ).toBe(3);
    }
    // A guessed id answers the same.
    expect(await errorOf(cancelMeeting(p.ccmChair.actor, randomUUID(), 1, input))).toBeInstanceOf(NotFoundError);
    expect(await statusOf(meetingId)).toBe("SCHEDULED");
    expect((await db.referral.findUniqueOrThrow({ where: { id: referrals[0]!.id } })).status).toBe("ACCEPTED");
    // Another chair of the same panel may: the panel's meetings are the partnership's.
    const secondChair = await agency({ kind: "HEALTH", role: "CHAIR", panels: ["MARAC"] });
    await cancelMeeting(secondChair.actor, meetingId, version, input);
    expect(await statusOf(meetingId)).toBe("CANCELLED");
  });

  it("a replayed or out-of-date form is refused and changes nothing", async () => {
    const { p, meetingId, referrals, version } = await scheduledWithAgenda();
    // The agenda changes while the chair has the cancel page open.
    const late = await open(p.maracChair.actor, { kind: "MARAC", title: "Late addition" });
    await addCaseToAgenda(p.maracChair.actor, meetingId, { reference: late.reference });
    await db.meeting.update({ where: { id: meetingId }, data: { version: { increment: 1 } } }); // as the referrals chair's acceptance does
    const timeline = await db.timelineEntry.count({ where: { subjectId: meetingId } });
    const error = await errorOf(
      cancelMeeting(p.maracChair.actor, meetingId, version, { reason: REASON, agenda: "RETURN", moveToMeetingId: null }),
    );
    expect(error).toBeInstanceOf(MeetingChangedError);
    expect((error as Error).message).toMatch(/Someone else changed this meeting/);
    expect(await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({ status: "SCHEDULED", version: version + 1 });
    expect((await db.referral.findUniqueOrThrow({ where: { id: referrals[0]!.id } })).status).toBe("ACCEPTED");
    expect(await db.timelineEntry.count({ where: { subjectId: meetingId } })).toBe(timeline);
    // The same confirmed form posted twice: the second is refused; one set of entries.
    await cancelMeeting(p.maracChair.actor, meetingId, version + 1, { reason: REASON, agenda: "RETURN", moveToMeetingId: null });
    expect(
      await errorOf(cancelMeeting(p.maracChair.actor, meetingId, version + 1, { reason: REASON, agenda: "RETURN", moveToMeetingId: null })),
    ).toBeInstanceOf(MeetingChangedError);
    expect(await db.referralTriage.count({ where: { referralId: referrals[0]!.id, outcome: "PENDING" } })).toBe(1);
  });

  it("a meeting cancelled before the meeting kept its own cancellation gets it from its audit entry (the migration's backfill)", async () => {
    const { p, meetingId, version } = await scheduledWithAgenda();
    await cancelMeeting(p.maracChair.actor, meetingId, version, { reason: REASON, agenda: "RETURN", moveToMeetingId: null });
    const audited = await db.auditEvent.findFirstOrThrow({
      where: { entityType: "Meeting", entityId: meetingId, detail: { path: ["status", "to"], equals: "CANCELLED" } },
    });
    // As the meeting stood before 20261207012714_meeting_cancellation: the audit entry alone.
    await db.meeting.update({ where: { id: meetingId }, data: { cancelledAt: null, cancelledById: null, cancellationReason: null } });
    expect((await getMeeting(p.maracChair.actor, meetingId)).cancellation).toBeNull();

    const dir = path.join(process.cwd(), "prisma/migrations");
    const migration = readdirSync(dir).find((name) => name.endsWith("_meeting_cancellation"))!;
    const sql = readFileSync(path.join(dir, migration, "migration.sql"), "utf8");
    const backfill = sql.slice(sql.indexOf('UPDATE "Meeting"'));
    await db.$executeRawUnsafe(backfill);
    await db.$executeRawUnsafe(backfill); // twice: it changes nothing more

    expect(await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({
      cancellationReason: REASON,
      cancelledById: p.maracChair.user.id,
      cancelledAt: audited.at,
    });
    expect((await getMeeting(p.maracChair.actor, meetingId)).cancellation).toMatchObject({ reason: REASON, by: p.maracChair.user.name });
  });

  it("an accepted referral left only on a cancelled meeting's agenda is picked up when the next meeting is scheduled", async () => {
    const p = await partnership();
    const c = await open(p.maracChair.actor, { kind: "MARAC", title: "Stranded" });
    const referral = await acceptedReferral(p.housing.actor, c.id, "MARAC", p.maracChair.actor);
    const cancelled = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id], 3);
    expect((await getMeeting(p.maracChair.actor, cancelled)).items.map((i) => i.referral?.id)).toContain(referral.id);
    await db.meeting.update({ where: { id: cancelled }, data: { status: "CANCELLED" } }); // as before this change: no choice made
    const next = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id], 10);
    expect((await getMeeting(p.maracChair.actor, next)).items.map((i) => i.referral?.id)).toContain(referral.id);
  });
});

describe("moving a scheduled meeting", () => {
  it("its chair moves the date, time and venue; the agenda stays; the invited members of the panel are told, the chair is not", async () => {
    const p = await partnership();
    const meetingId = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id, p.housing.organisation.id]);
    const before = await getMeeting(p.maracChair.actor, meetingId);
    const movedTo = new Date(dayFromToday(9).getTime() + 10 * 3600_000);
    await rescheduleMeeting(p.maracChair.actor, meetingId, 1, { startsAt: movedTo, venue: "Room 4" });
    const after = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, include: { agendaItems: true } });
    expect(after).toMatchObject({ startsAt: movedTo, venue: "Room 4", version: 2, status: "SCHEDULED", reference: before.reference });
    expect(after.agendaItems).toHaveLength(before.items.length);
    const told = await db.notification.findMany({ where: { kind: "MEETING_CHANGED", subjectId: meetingId }, select: { userId: true } });
    expect(told.map((n) => n.userId).sort()).toEqual([p.housing.user.id, p.maracMember.user.id].sort());
    expect(await db.auditEvent.count({ where: { entityType: "Meeting", entityId: meetingId, action: "UPDATE" } })).toBe(1);
  });

  it("refuses a date before today, and a form that changes nothing, beside the date; nothing changes", async () => {
    const p = await partnership();
    const meetingId = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id]);
    const m = await db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    const past = await errorOf(rescheduleMeeting(p.maracChair.actor, meetingId, 1, { startsAt: dayFromToday(-1), venue: m.venue }));
    expect((past as ValidationError).fieldErrors.date?.[0]).toMatch(/today or a later date/);
    const same = await errorOf(rescheduleMeeting(p.maracChair.actor, meetingId, 1, { startsAt: m.startsAt, venue: m.venue }));
    expect((same as ValidationError).fieldErrors.date?.[0]).toMatch(/nothing here differs/);
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).version).toBe(1);
    expect(await db.notification.count({ where: { kind: "MEETING_CHANGED", subjectId: meetingId } })).toBe(0);
  });

  it("only a chair of the panel moves it (not found for anyone else, audited); a started meeting or a stale form is refused", async () => {
    const p = await partnership();
    const meetingId = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id], 0);
    const input = { startsAt: dayFromToday(3), venue: null };
    for (const who of [p.maracMember.actor, p.ccmChair.actor, p.outsider.actor]) {
      expect(await errorOf(rescheduleMeeting(who, meetingId, 1, input))).toBeInstanceOf(NotFoundError);
      expect(await errorOf(meetingToReschedule(who, meetingId))).toBeInstanceOf(NotFoundError);
    }
    expect(await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", entityType: "Meeting", entityId: meetingId } })).toBe(6);
    await startMeeting(p.maracChair.actor, meetingId, 1);
    expect((await meetingToReschedule(p.maracChair.actor, meetingId)).refusal).toMatch(/in progress/i);
    expect(await errorOf(rescheduleMeeting(p.maracChair.actor, meetingId, 2, input))).toBeInstanceOf(MeetingChangedError);
    const other = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id]);
    await rescheduleMeeting(p.maracChair.actor, other, 1, input);
    // The same form posted again (a replay) is at an old version.
    expect(await errorOf(rescheduleMeeting(p.maracChair.actor, other, 1, { ...input, venue: "Elsewhere" }))).toBeInstanceOf(
      MeetingChangedError,
    );
  });
});

describe("a meeting recorded after it was held", () => {
  const heldOn = new Date("2020-04-20T09:30:00Z"); // 10:30 London (BST), Monday 20 April 2020

  async function pastMarac() {
    const p = await partnership();
    const c = await open(p.maracChair.actor, { kind: "MARAC", title: "Domestic abuse: historic case" });
    const { id } = await scheduleMeeting(
      p.maracChair.actor,
      {
        panel: "MARAC",
        startsAt: heldOn,
        venue: "Kingsmere police station",
        chairId: p.maracChair.actor.userId,
        organisationIds: [p.maracChair.organisation.id, p.housing.organisation.id],
      },
      randomUUID(),
    );
    return { p, c, meetingId: id };
  }

  it("is accepted with a date in the past, starts at once, and carries its own year in its reference", async () => {
    const { meetingId } = await pastMarac();
    const m = await db.meeting.findUniqueOrThrow({
      where: { id: meetingId },
      select: { status: true, recordedAfterwards: true, reference: true },
    });
    expect(m).toMatchObject({ status: "IN_PROGRESS", recordedAfterwards: true });
    expect(m.reference).toMatch(/^MTG-2020-\d{6}$/);
  });

  it("lists only the referrals accepted by its date; today's cases due for review are not its agenda", async () => {
    const p = await partnership();
    const before = await open(p.maracChair.actor, { kind: "MARAC", title: "Accepted before the meeting" });
    const after = await open(p.maracChair.actor, { kind: "MARAC", title: "Accepted after the meeting" });
    const early = await acceptedReferral(p.maracChair.actor, before.id, "MARAC", p.maracChair.actor);
    await db.referral.update({
      where: { id: early.id },
      data: { referredAt: new Date("2020-04-01T10:00:00Z"), triagedAt: new Date("2020-04-02T10:00:00Z") },
    });
    await acceptedReferral(p.maracChair.actor, after.id, "MARAC", p.maracChair.actor);
    const { id } = await scheduleMeeting(
      p.maracChair.actor,
      {
        panel: "MARAC",
        startsAt: heldOn,
        venue: null,
        chairId: p.maracChair.actor.userId,
        organisationIds: [p.maracChair.organisation.id],
      },
      randomUUID(),
    );
    const agenda = (await getMeeting(p.maracChair.actor, id)).items.map((i) => i.case.reference);
    expect(agenda).toEqual([before.reference]);
  });

  it("what it decided happened on its date: the timeline shows the meeting's day and today's as recorded; an action done since carries the day it was done", async () => {
    const { p, c, meetingId } = await pastMarac();
    await addCaseToAgenda(p.maracChair.actor, meetingId, { reference: c.reference });
    const item = (await getMeetingForRun(p.maracChair.actor, meetingId)).items[0]!;
    await saveAgendaItem(
      p.maracChair.actor,
      meetingId,
      item.id,
      item.version,
      record({
        actions: [
          {
            title: "Sanctuary scheme",
            organisationId: p.housing.organisation.id,
            dueDate: new Date("2020-05-01T00:00:00Z"),
            completedOn: { year: 2020, month: 4, day: 28 },
            outcome: "Locks changed",
          },
          { title: "Review in three months", organisationId: p.maracChair.organisation.id, dueDate: new Date("2020-07-20T00:00:00Z") },
        ],
      }),
    );
    const entries = await db.timelineEntry.findMany({
      where: { caseId: c.id, kind: { in: ["DISCUSSED_AT_MEETING", "ACTION_CREATED", "SHARED", "ACTION_COMPLETED"] } },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    });
    expect(entries.map((e) => [e.kind, e.occurredAt.toISOString().slice(0, 10)])).toEqual([
      ["DISCUSSED_AT_MEETING", "2020-04-20"],
      ["ACTION_CREATED", "2020-04-20"],
      ["ACTION_CREATED", "2020-04-20"],
      ["ACTION_COMPLETED", "2020-04-28"],
    ]);
    for (const e of entries) expect(Date.now() - e.recordedAt.getTime()).toBeLessThan(60_000);
    const done = await db.caseAction.findFirstOrThrow({
      where: { meetingId, title: "Sanctuary scheme" },
      select: { status: true, outcome: true, completedAt: true },
    });
    expect(done).toMatchObject({ status: "DONE", outcome: "Locks changed" });
    expect(done.completedAt!.toISOString().slice(0, 10)).toBe("2020-04-28");

    await closeMeeting(p.maracChair.actor, meetingId, (await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).version);
    const minutes = await getMinutes(p.maracChair.actor, meetingId);
    expect(minutes.reference).toMatch(/^MTG-2020-/);
  });

  it("refuses an action due before the meeting, or done before it or in the future, beside that action's date, and saves nothing", async () => {
    const { p, c, meetingId } = await pastMarac();
    await addCaseToAgenda(p.maracChair.actor, meetingId, { reference: c.reference });
    const item = (await getMeetingForRun(p.maracChair.actor, meetingId)).items[0]!;
    const save = (action: Record<string, unknown>) =>
      errorOf(
        saveAgendaItem(
          p.maracChair.actor,
          meetingId,
          item.id,
          item.version,
          record({
            actions: [{ title: "Visit", organisationId: p.housing.organisation.id, dueDate: new Date("2020-05-01T00:00:00Z"), ...action }],
          }),
        ),
      );
    expect(((await save({ dueDate: new Date("2020-04-19T00:00:00Z") })) as ValidationError).fieldErrors).toEqual({
      "actions.0.dueDate": ["The date the action is due must be on or after 20/04/2020, the date of the meeting"],
    });
    expect(((await save({ completedOn: { year: 2020, month: 4, day: 19 } })) as ValidationError).fieldErrors).toEqual({
      "actions.0.completedOn": ["The date it happened must be on or after 20/04/2020, when the meeting was held"],
    });
    expect(((await save({ completedOn: { year: 2099, month: 1, day: 1 } })) as ValidationError).fieldErrors).toEqual({
      "actions.0.completedOn": ["The date it happened must be today or in the past"],
    });
    expect(await db.caseAction.count({ where: { meetingId } })).toBe(0);
    expect(await db.timelineEntry.count({ where: { caseId: c.id, kind: "DISCUSSED_AT_MEETING" } })).toBe(0);
  });

  it("a meeting run today cannot mark an action done as it is agreed", async () => {
    const p = await partnership();
    const c = await open(p.maracChair.actor, { kind: "MARAC", title: "Today" });
    const meetingId = await schedule(p.maracChair.actor, "MARAC", [p.maracChair.organisation.id], 0);
    await addCaseToAgenda(p.maracChair.actor, meetingId, { reference: c.reference });
    await startMeeting(p.maracChair.actor, meetingId, 1);
    const item = (await getMeetingForRun(p.maracChair.actor, meetingId)).items[0]!;
    const error = await errorOf(
      saveAgendaItem(
        p.maracChair.actor,
        meetingId,
        item.id,
        item.version,
        record({
          actions: [
            {
              title: "Visit",
              organisationId: p.maracChair.organisation.id,
              dueDate: dayFromToday(3),
              completedOn: { year: 2020, month: 1, day: 1 },
            },
          ],
        }),
      ),
    );
    expect((error as ValidationError).fieldErrors).toHaveProperty("actions.0.completedOn");
  });
});

describe("correcting a closed meeting's record", () => {
  async function closedCcm() {
    const p = await partnership();
    const c = await open(p.ccmChair.actor, { kind: "ASB", title: "Noise from Flat 3" });
    const { id } = await scheduleMeeting(
      p.ccmChair.actor,
      {
        panel: "CCM",
        startsAt: new Date("2020-04-20T09:30:00Z"),
        venue: null,
        chairId: p.ccmChair.actor.userId,
        organisationIds: [p.ccmChair.organisation.id],
      },
      randomUUID(),
    );
    await addCaseToAgenda(p.ccmChair.actor, id, { reference: c.reference });
    const item = (await getMeetingForRun(p.ccmChair.actor, id)).items[0]!;
    await saveAgendaItem(p.ccmChair.actor, id, item.id, item.version, record());
    await closeMeeting(p.ccmChair.actor, id, (await db.meeting.findUniqueOrThrow({ where: { id } })).version);
    const version = (await db.meeting.findUniqueOrThrow({ where: { id } })).version;
    return { p, c, meetingId: id, version };
  }

  it("the chair corrects the date and adds a missing attendee with a reason: the meeting, each heard case's timeline and the audit trail say so", async () => {
    const { p, c, meetingId, version } = await closedCcm();
    await correctMeeting(p.ccmChair.actor, meetingId, version, {
      startsAt: new Date("2020-04-21T09:30:00Z"),
      organisationIds: [p.ccmChair.organisation.id, p.housing.organisation.id],
      reason: "The minutes gave the wrong date; housing attended",
    });
    const m = await getMeeting(p.ccmChair.actor, meetingId);
    expect(m.startsAt.toISOString()).toBe("2020-04-21T09:30:00.000Z");
    expect(m.reference).toMatch(/^MTG-2020-/);
    expect(m.attendees.map((a) => a.organisation.id).sort()).toEqual([p.ccmChair.organisation.id, p.housing.organisation.id].sort());
    expect(m.corrections).toHaveLength(1);
    expect(m.corrections[0]!.changes.map((ch) => ch.field)).toEqual(["Date and time", "Attended"]);
    expect(m.corrections[0]!.reason).toBe("The minutes gave the wrong date; housing attended");
    const discussed = await db.timelineEntry.findFirstOrThrow({ where: { caseId: c.id, kind: "DISCUSSED_AT_MEETING" } });
    const correction = await db.timelineEntry.findFirstOrThrow({ where: { caseId: c.id, kind: "CORRECTION" } });
    expect(correction.correctsEntryId).toBe(discussed.id);
    expect(correction.summary).toContain("Reason: The minutes gave the wrong date; housing attended");
    // The original entry is untouched (the timeline is append-only).
    expect(discussed.occurredAt.toISOString().slice(0, 10)).toBe("2020-04-20");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { entityType: "Meeting", entityId: meetingId, action: "UPDATE" },
      orderBy: { id: "desc" },
    });
    expect(audit.detail).toMatchObject({ reason: "The minutes gave the wrong date; housing attended" });
  });

  it("nothing changed, a date in the future, an open meeting or a stale form is refused and nothing is written", async () => {
    const { p, meetingId, version } = await closedCcm();
    const same = { startsAt: new Date("2020-04-20T09:30:00Z"), organisationIds: [p.ccmChair.organisation.id], reason: "Checking" };
    expect(((await errorOf(correctMeeting(p.ccmChair.actor, meetingId, version, same))) as ValidationError).fieldErrors).toHaveProperty(
      "date",
    );
    const future = { ...same, startsAt: new Date(Date.now() + 3 * 86_400_000) };
    expect(((await errorOf(correctMeeting(p.ccmChair.actor, meetingId, version, future))) as ValidationError).fieldErrors).toEqual({
      date: ["A closed meeting has been held: its date must be today or in the past"],
    });
    const moved = { ...same, startsAt: new Date("2020-04-22T09:30:00Z") };
    expect(await errorOf(correctMeeting(p.ccmChair.actor, meetingId, version - 1, moved))).toBeInstanceOf(MeetingChangedError);
    const openMeeting = await schedule(p.ccmChair.actor, "CCM", [p.ccmChair.organisation.id]);
    expect(await errorOf(correctMeeting(p.ccmChair.actor, openMeeting, 1, moved))).toBeInstanceOf(MeetingChangedError);
    expect(await db.meetingCorrection.count({ where: { meetingId: { in: [meetingId, openMeeting] } } })).toBe(0);
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).version).toBe(version);
  });

  it("only a chair of the panel corrects: a member who does not chair and an officer on no panel get not found, audited", async () => {
    const { p, meetingId, version } = await closedCcm();
    const change = { startsAt: new Date("2020-04-22T09:30:00Z"), organisationIds: [p.ccmChair.organisation.id], reason: "x" };
    for (const who of [p.housing.actor, p.outsider.actor, p.maracChair.actor]) {
      expect(await errorOf(correctMeeting(who, meetingId, version, change))).toBeInstanceOf(NotFoundError);
      expect(await errorOf(meetingToCorrect(who, meetingId))).toBeInstanceOf(NotFoundError);
      expect(await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: who.userId, entityId: meetingId } })).toBeGreaterThan(
        0,
      );
    }
  });
});
