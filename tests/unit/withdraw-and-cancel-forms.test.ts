import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { ZCancelMeetingForm } from "@/lib/meetings/schema";
import { ZWithdrawForm } from "@/lib/referrals/schema";

// The withdraw-a-referral and cancel-a-meeting forms' rules that need no database: a reason is
// required, the check step's "confirmed" is only ever "yes", and a meeting to move the cases to is
// asked for only when the chair chose to move them.

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("withdrawing a referral", () => {
  const base = { referralId: randomUUID(), version: "3" };

  it("needs a reason, and keeps it trimmed", () => {
    expect(messages(ZWithdrawForm.safeParse({ ...base, reason: "   " }))).toEqual({ reason: "Enter why you are withdrawing the referral" });
    expect(ZWithdrawForm.parse({ ...base, reason: "  Moved away  " })).toMatchObject({
      reason: "Moved away",
      version: 3,
      confirmed: false,
    });
    expect(messages(ZWithdrawForm.safeParse({ ...base, reason: "x".repeat(2001) })).reason).toMatch(/2,000 characters or fewer/);
  });

  it("is confirmed only by the check step's yes", () => {
    expect(ZWithdrawForm.parse({ ...base, reason: "r", confirmed: "yes" }).confirmed).toBe(true);
    expect(ZWithdrawForm.parse({ ...base, reason: "r", confirmed: "true" }).confirmed).toBe(false);
  });
});

describe("cancelling a meeting", () => {
  const base = { meetingId: randomUUID(), version: "2", reason: "Chair unwell" };

  it("needs a reason; what happens to the agenda is one of the two choices", () => {
    expect(messages(ZCancelMeetingForm.safeParse({ ...base, reason: "" }))).toEqual({ reason: "Enter why the meeting is cancelled" });
    expect(messages(ZCancelMeetingForm.safeParse({ ...base, agenda: "DELETE" }))).toEqual({
      agenda: "Select what happens to the cases on the agenda",
    });
    // An empty agenda needs no choice: the data layer asks for one only when there are cases.
    expect(ZCancelMeetingForm.parse(base).input).toEqual({ reason: "Chair unwell", agenda: null, moveToMeetingId: null });
  });

  it("moving the cases needs the meeting to move them to; returning them ignores one posted anyway", () => {
    expect(messages(ZCancelMeetingForm.safeParse({ ...base, agenda: "MOVE", moveToMeetingId: "" }))).toEqual({
      moveToMeetingId: "Select the meeting to move the cases to",
    });
    const target = randomUUID();
    expect(ZCancelMeetingForm.parse({ ...base, agenda: "MOVE", moveToMeetingId: target }).input.moveToMeetingId).toBe(target);
    expect(ZCancelMeetingForm.parse({ ...base, agenda: "RETURN", moveToMeetingId: target }).input).toEqual({
      reason: "Chair unwell",
      agenda: "RETURN",
      moveToMeetingId: null,
    });
  });
});
