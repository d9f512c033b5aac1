import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { happenedAt, recordedLater, withHappenedOn, ZHappenedOn } from "@/lib/history/happened";

const now = new Date("2026-12-07T10:00:00Z");
const fieldError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected a ValidationError");
};

describe("when something happened", () => {
  it("is now when no date is given, so the everyday form is no slower", () => {
    expect(happenedAt(null, { now })).toEqual(now);
  });

  it("is now when the date given is today", () => {
    expect(happenedAt({ year: 2026, month: 12, day: 7 }, { now })).toEqual(now);
  });

  it("is midday London time on an earlier day, in summer time too", () => {
    expect(happenedAt({ year: 2020, month: 4, day: 20 }, { now }).toISOString()).toBe("2020-04-20T11:00:00.000Z");
    expect(happenedAt({ year: 2018, month: 11, day: 5 }, { now }).toISOString()).toBe("2018-11-05T12:00:00.000Z");
  });

  it("refuses a day in the future, beside the field", () => {
    expect(fieldError(() => happenedAt({ year: 2026, month: 12, day: 8 }, { now }))).toEqual({
      happenedOn: ["The date it happened must be today or in the past"],
    });
  });

  it("refuses a day before what it depends on, naming that date", () => {
    const referral = new Date("2020-04-20T11:00:00Z");
    expect(
      fieldError(() =>
        happenedAt(
          { year: 2020, month: 4, day: 19 },
          { now, notBefore: { at: referral, what: "the referral was made" }, field: "decidedOn" },
        ),
      ),
    ).toEqual({
      decidedOn: ["The date it happened must be on or after 20/04/2020, when the referral was made"],
    });
  });

  it("is never before what it depends on when both fall on the same day", () => {
    const evening = new Date("2020-04-20T18:00:00Z");
    expect(happenedAt({ year: 2020, month: 4, day: 20 }, { now, notBefore: { at: evening, what: "x" } })).toEqual(evening);
  });

  it("reads the three boxes, blank as null, and a part missing as a problem", () => {
    expect(ZHappenedOn.parse((withHappenedOn({}) as { happenedOn: unknown }).happenedOn)).toBeNull();
    const parsed = ZHappenedOn.parse(
      (withHappenedOn({ "happenedOn-day": "20", "happenedOn-month": "4", "happenedOn-year": "2020" }) as { happenedOn: unknown })
        .happenedOn,
    );
    expect(parsed).toEqual({ year: 2020, month: 4, day: 20 });
    const missing = ZHappenedOn.safeParse({ day: "20", month: "", year: "2020" });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.message).toBe("The date it happened must include a month");
  });

  it("shows both dates only when recorded on a later day", () => {
    expect(recordedLater(new Date("2020-04-20T11:00:00Z"), now)).toBe(true);
    expect(recordedLater(new Date("2026-12-07T08:00:00Z"), now)).toBe(false);
  });
});
