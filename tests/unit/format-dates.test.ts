import { describe, expect, it } from "vitest";
import {
  calendarDate,
  financialQuarter,
  financialQuarterOf,
  financialYear,
  financialYearOf,
  formatDate,
  formatDateLong,
  formatDateTime,
  formatTime,
  fromLondonLocal,
  isOverdue,
  isRealDate,
  londonDateParts,
  londonToday,
} from "@/lib/format/dates";

const utc = (iso: string) => new Date(iso);

describe("formatting in en-GB, London time", () => {
  it("shows a winter (GMT) instant as dd/mm/yyyy and 24-hour time", () => {
    const d = utc("2026-01-05T14:30:00Z");
    expect(formatDate(d)).toBe("05/01/2026");
    expect(formatDateTime(d)).toBe("05/01/2026 14:30");
    expect(formatTime(d)).toBe("14:30");
    expect(formatDateLong(d)).toBe("5 January 2026");
  });

  it("shows a summer (BST) instant an hour ahead of UTC", () => {
    const d = utc("2026-04-05T13:30:00Z");
    expect(formatDate(d)).toBe("05/04/2026");
    expect(formatDateTime(d)).toBe("05/04/2026 14:30");
    expect(formatDateLong(d)).toBe("5 April 2026");
  });

  it("moves a late-evening UTC instant in summer onto the next London day", () => {
    expect(formatDateTime(utc("2026-07-31T23:15:00Z"))).toBe("01/08/2026 00:15");
  });

  it("shows midnight as 00:00, not 24:00", () => {
    expect(formatDateTime(utc("2026-12-01T00:00:00Z"))).toBe("01/12/2026 00:00");
  });

  it("shows a calendar day stored as UTC midnight (a @db.Date) as the same day, summer or winter", () => {
    expect(formatDate(calendarDate(1990, 6, 10))).toBe("10/06/1990");
    expect(formatDate(calendarDate(2026, 12, 25))).toBe("25/12/2026");
  });

  it("accepts ISO strings and refuses invalid dates", () => {
    expect(formatDate("2026-04-05T10:00:00Z")).toBe("05/04/2026");
    expect(() => formatDate("not a date")).toThrow(RangeError);
  });
});

describe("londonDateParts", () => {
  it("gives numeric parts in London time", () => {
    expect(londonDateParts(utc("2026-03-31T23:30:00Z"))).toEqual({
      year: 2026,
      month: 4,
      day: 1,
      hour: 0,
      minute: 30,
      second: 0,
    });
  });
});

describe("fromLondonLocal across clock changes", () => {
  it("treats a winter wall-clock time as UTC", () => {
    expect(fromLondonLocal(2026, 1, 15, 9, 0).toISOString()).toBe("2026-01-15T09:00:00.000Z");
  });

  it("treats a summer wall-clock time as UTC+1", () => {
    expect(fromLondonLocal(2026, 7, 15, 9, 0).toISOString()).toBe("2026-07-15T08:00:00.000Z");
  });

  // 2026: clocks go forward at 01:00 GMT on Sunday 29 March (last Sunday of March).
  it("is still GMT just before the spring change", () => {
    expect(fromLondonLocal(2026, 3, 29, 0, 59).toISOString()).toBe("2026-03-29T00:59:00.000Z");
  });

  it("is BST from 02:00 on the last Sunday of March", () => {
    expect(fromLondonLocal(2026, 3, 29, 2, 0).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(fromLondonLocal(2026, 3, 29, 12, 0).toISOString()).toBe("2026-03-29T11:00:00.000Z");
  });

  it("moves a time in the skipped spring hour forward, as the clocks do", () => {
    const instant = fromLondonLocal(2026, 3, 29, 1, 30);
    expect(instant.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(formatDateTime(instant)).toBe("29/03/2026 02:30");
  });

  // 2026: clocks go back at 02:00 BST (01:00 UTC) on Sunday 25 October (last Sunday of October).
  it("is still BST just before the autumn change", () => {
    expect(fromLondonLocal(2026, 10, 25, 0, 30).toISOString()).toBe("2026-10-24T23:30:00.000Z");
  });

  it("picks the first (BST) occurrence of the repeated autumn hour", () => {
    expect(fromLondonLocal(2026, 10, 25, 1, 30).toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("is GMT from 02:00 on the last Sunday of October", () => {
    expect(fromLondonLocal(2026, 10, 25, 2, 0).toISOString()).toBe("2026-10-25T02:00:00.000Z");
  });

  it("round-trips every hour of both change days", () => {
    for (const [month, day] of [
      [3, 29],
      [10, 25],
    ] as const) {
      for (let hour = 0; hour < 24; hour++) {
        if (month === 3 && hour === 1) continue; // the skipped hour
        const parts = londonDateParts(fromLondonLocal(2026, month, day, hour, 15));
        expect([parts.month, parts.day, parts.hour, parts.minute]).toEqual([month, day, hour, 15]);
      }
    }
  });

  it("shows both occurrences of the repeated autumn hour as 01:xx", () => {
    expect(formatDateTime(utc("2026-10-25T00:30:00Z"))).toBe("25/10/2026 01:30");
    expect(formatDateTime(utc("2026-10-25T01:30:00Z"))).toBe("25/10/2026 01:30");
  });
});

describe("financial years (1 April to 31 March, London time)", () => {
  it("puts 00:30 BST on 1 April (23:30 UTC on 31 March) in the new financial year", () => {
    const fy = financialYearOf(utc("2026-03-31T23:30:00Z"));
    expect(fy.startYear).toBe(2026);
    expect(fy.label).toBe("2026/27");
  });

  it("puts 23:59 on 31 March London time in the old financial year", () => {
    const fy = financialYearOf(utc("2026-03-31T22:59:00Z"));
    expect(fy.startYear).toBe(2025);
    expect(fy.label).toBe("2025/26");
  });

  it("starts and ends at London midnight on 1 April (BST, so 23:00 UTC the day before)", () => {
    const fy = financialYearOf(utc("2026-09-01T12:00:00Z"));
    expect(fy.start.toISOString()).toBe("2026-03-31T23:00:00.000Z");
    expect(fy.end.toISOString()).toBe("2027-03-31T23:00:00.000Z");
  });

  it("labels the turn of the century with two digits", () => {
    expect(financialYear(2099).label).toBe("2099/00");
    expect(financialYear(2009).label).toBe("2009/10");
  });

  it("has an exclusive end that is the next year's start", () => {
    expect(financialYear(2026).end.getTime()).toBe(financialYear(2027).start.getTime());
    expect(financialYearOf(financialYear(2026).end).startYear).toBe(2027);
    expect(financialYearOf(new Date(financialYear(2026).end.getTime() - 1)).startYear).toBe(2026);
  });

  it("puts January to March in the year that started the previous April", () => {
    expect(financialYearOf(utc("2027-02-10T12:00:00Z")).label).toBe("2026/27");
  });
});

describe("financial quarters", () => {
  it("numbers Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March", () => {
    const quarterOf = (iso: string) => financialQuarterOf(utc(iso)).quarter;
    expect(quarterOf("2026-04-15T12:00:00Z")).toBe(1);
    expect(quarterOf("2026-06-30T12:00:00Z")).toBe(1);
    expect(quarterOf("2026-07-01T12:00:00Z")).toBe(2);
    expect(quarterOf("2026-09-30T12:00:00Z")).toBe(2);
    expect(quarterOf("2026-10-01T12:00:00Z")).toBe(3);
    expect(quarterOf("2026-12-31T12:00:00Z")).toBe(3);
    expect(quarterOf("2027-01-01T12:00:00Z")).toBe(4);
    expect(quarterOf("2027-03-31T12:00:00Z")).toBe(4);
  });

  it("counts Q4 (January–March) in the financial year that started the April before", () => {
    const q = financialQuarterOf(utc("2027-02-01T12:00:00Z"));
    expect(q).toMatchObject({ startYear: 2026, yearLabel: "2026/27", quarter: 4, label: "Q4 2026/27" });
    expect(q.start.toISOString()).toBe("2027-01-01T00:00:00.000Z"); // GMT
    expect(q.end.toISOString()).toBe("2027-03-31T23:00:00.000Z"); // 1 April 00:00 BST
  });

  it("uses London time at quarter boundaries: 00:30 BST on 1 July is Q2", () => {
    const q = financialQuarterOf(utc("2026-06-30T23:30:00Z"));
    expect(q.quarter).toBe(2);
    expect(q.start.toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(q.end.toISOString()).toBe("2026-09-30T23:00:00.000Z");
  });

  it("starts Q3 at 00:00 BST on 1 October and ends it at 00:00 GMT on 1 January", () => {
    const q = financialQuarter(2026, 3);
    expect(q.start.toISOString()).toBe("2026-09-30T23:00:00.000Z");
    expect(q.end.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("has quarters that tile the financial year without gaps", () => {
    const fy = financialYear(2026);
    const quarters = ([1, 2, 3, 4] as const).map((n) => financialQuarter(2026, n));
    expect(quarters[0]?.start.getTime()).toBe(fy.start.getTime());
    expect(quarters[3]?.end.getTime()).toBe(fy.end.getTime());
    for (let i = 0; i < 3; i++) expect(quarters[i]?.end.getTime()).toBe(quarters[i + 1]?.start.getTime());
  });
});

describe("isOverdue (a due date is a calendar day in London)", () => {
  const due = calendarDate(2026, 6, 10);

  it("is not overdue on the due day itself, even late in the evening", () => {
    expect(isOverdue(due, utc("2026-06-10T22:59:00Z"))).toBe(false); // 23:59 BST
  });

  it("is overdue from 00:00 London time the next day (23:00 UTC in summer)", () => {
    expect(isOverdue(due, utc("2026-06-10T23:00:00Z"))).toBe(true);
  });

  it("is not overdue before the due day", () => {
    expect(isOverdue(due, utc("2026-06-01T09:00:00Z"))).toBe(false);
  });

  it("treats a missing due date as never overdue", () => {
    expect(isOverdue(null, utc("2030-01-01T00:00:00Z"))).toBe(false);
    expect(isOverdue(undefined)).toBe(false);
  });

  it("accepts a due date given as London midnight rather than UTC midnight", () => {
    const londonMidnight = fromLondonLocal(2026, 6, 10); // 2026-06-09T23:00Z
    expect(isOverdue(londonMidnight, utc("2026-06-10T12:00:00Z"))).toBe(false);
    expect(isOverdue(londonMidnight, utc("2026-06-11T12:00:00Z"))).toBe(true);
  });

  it("works in winter too", () => {
    const winterDue = calendarDate(2026, 12, 1);
    expect(isOverdue(winterDue, utc("2026-12-01T23:59:00Z"))).toBe(false);
    expect(isOverdue(winterDue, utc("2026-12-02T00:00:00Z"))).toBe(true);
  });
});

describe("calendar helpers", () => {
  it("gives today's London date as a UTC-midnight calendar day", () => {
    expect(londonToday(utc("2026-03-31T23:30:00Z")).toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  it("recognises real calendar days", () => {
    expect(isRealDate(2028, 2, 29)).toBe(true);
    expect(isRealDate(2026, 2, 29)).toBe(false);
    expect(isRealDate(2026, 4, 31)).toBe(false);
    expect(isRealDate(2026, 13, 1)).toBe(false);
    expect(isRealDate(2026, 1, 0)).toBe(false);
    expect(isRealDate(2026.5, 1, 1)).toBe(false);
  });
});

describe("London wall-clock parts, worked out once per UTC hour", () => {
  const tzdb = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
  });
  const fromTzdb = (ms: number) => {
    const p = Object.fromEntries(tzdb.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
    return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
  };
  const offsetAt = (ms: number) => {
    const p = fromTzdb(ms);
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
  };

  it("agrees with the time zone database minute by minute around every change of offset from 1900 to 2100", () => {
    const HOUR = 3_600_000;
    const WEEK = 7 * 24 * HOUR;
    const changes: number[] = [];
    let before = offsetAt(Date.UTC(1900, 0, 1));
    for (let week = Date.UTC(1900, 0, 1); week < Date.UTC(2100, 0, 1); week += WEEK) {
      const after = offsetAt(week + WEEK);
      if (after !== before) {
        for (let hour = week; hour < week + WEEK; hour += HOUR) if (offsetAt(hour) !== offsetAt(hour + HOUR)) changes.push(hour + HOUR);
      }
      before = after;
    }
    let checked = 0;
    for (const change of changes) {
      for (let ms = change - 3 * HOUR; ms <= change + 3 * HOUR; ms += 60_000 + 7_001) {
        const { year, month, day, hour, minute, second } = londonDateParts(ms);
        const expected = fromTzdb(ms);
        if (
          year !== expected.year ||
          month !== expected.month ||
          day !== expected.day ||
          hour !== expected.hour ||
          minute !== expected.minute ||
          second !== expected.second
        )
          expect(londonDateParts(ms), new Date(ms).toISOString()).toEqual(expected);
        checked++;
      }
    }
    expect(changes.length).toBeGreaterThan(300); // twice a year for most of two centuries
    expect(checked).toBeGreaterThan(100_000);
  }, 60_000);

  it("agrees with it at random instants, milliseconds and all, before 1900 too", () => {
    let seed = 20261207;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(Date.UTC(1800, 0, 1) + next() * (Date.UTC(2200, 0, 1) - Date.UTC(1800, 0, 1)));
      expect(londonDateParts(ms), new Date(ms).toISOString()).toEqual(fromTzdb(ms));
    }
  });
});
