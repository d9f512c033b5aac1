import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { ZAgendaItemRecord, ZScheduleMeetingForm } from "@/lib/meetings/schema";

// The meetings forms' rules that need no database: London wall-clock times, what meeting mode
// must have before a case is marked reviewed, and where an action's problems are reported.

const ids = { meetingId: randomUUID(), itemId: randomUUID() };

describe("scheduling a meeting", () => {
  it("reads the date and time as London time, in winter (GMT) and summer (BST)", () => {
    const form = (day: string, month: string, time: string) =>
      ZScheduleMeetingForm.parse({
        submissionKey: randomUUID(),
        panel: "CCM",
        "date-day": day,
        "date-month": month,
        "date-year": "2027",
        time,
        chairId: randomUUID(),
        organisationIds: randomUUID(),
      });
    expect(form("14", "1", "10:00").input.startsAt.toISOString()).toBe("2027-01-14T10:00:00.000Z");
    expect(form("14", "7", "9.30").input.startsAt.toISOString()).toBe("2027-07-14T08:30:00.000Z");
  });

  it("names each missing answer in plain words", () => {
    const result = ZScheduleMeetingForm.safeParse({
      submissionKey: randomUUID(),
      "date-day": "31",
      "date-month": "2",
      "date-year": "2027",
      time: "25:00",
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toMatchObject({
      panel: "Select the panel: CCM or MARAC",
      date: "The date of the meeting must be a real date",
      time: "The time the meeting starts must be in the 24-hour clock, for example 21:30",
      chairId: "Select the chair",
      organisationIds: "Select the organisations invited to attend",
    });
  });
});

describe("recording a case in meeting mode", () => {
  it("a case is marked reviewed only with a decision", () => {
    const result = ZAgendaItemRecord.safeParse({
      ...ids,
      version: 1,
      discussionSummary: "Heard the update",
      decision: " ",
      reviewed: true,
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["decision"]);
  });

  it("reports an action's problems against that action's fields", () => {
    const result = ZAgendaItemRecord.safeParse({
      ...ids,
      version: 1,
      decision: "Agreed",
      actions: [
        { title: "Visit", organisationId: randomUUID(), dueDay: "1", dueMonth: "1", dueYear: "2030" },
        { title: "", organisationId: "nope", dueDay: "", dueMonth: "", dueYear: "" },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join(".")).sort()).toEqual([
      "actions.1.dueDate",
      "actions.1.organisationId",
      "actions.1.title",
    ]);
  });

  it("an action's due date becomes a calendar day; empty text becomes nothing", () => {
    const parsed = ZAgendaItemRecord.parse({
      ...ids,
      version: "3",
      discussionSummary: "  ",
      decision: "Agreed",
      reviewed: true,
      actions: [{ title: " Visit ", organisationId: ids.meetingId, assignedUserId: "", dueDay: "05", dueMonth: "03", dueYear: "2030" }],
    });
    expect(parsed.version).toBe(3);
    expect(parsed.record).toEqual({
      discussionSummary: null,
      decision: "Agreed",
      reviewed: true,
      actions: [
        {
          title: "Visit",
          organisationId: ids.meetingId,
          assignedUserId: null,
          dueDate: new Date("2030-03-05T00:00:00.000Z"),
          completedOn: null,
          outcome: null,
        },
      ],
    });
  });

  it("an action agreed at a meeting recorded afterwards may say the day it was done, and what was done", () => {
    const parsed = ZAgendaItemRecord.parse({
      ...ids,
      version: "1",
      decision: "Agreed",
      actions: [
        {
          title: "Visit",
          organisationId: ids.meetingId,
          dueDay: "1",
          dueMonth: "5",
          dueYear: "2020",
          doneDay: "28",
          doneMonth: "4",
          doneYear: "2020",
          outcome: " Locks changed ",
        },
      ],
    });
    expect(parsed.record.actions[0]).toMatchObject({ completedOn: { year: 2020, month: 4, day: 28 }, outcome: "Locks changed" });
    const half = ZAgendaItemRecord.safeParse({
      ...ids,
      version: "1",
      actions: [
        { title: "Visit", organisationId: ids.meetingId, dueDay: "1", dueMonth: "5", dueYear: "2020", doneDay: "28", doneYear: "2020" },
      ],
    });
    expect(half.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["actions.0.completedOn", "The date it was done must include a month"],
    ]);
  });
});
