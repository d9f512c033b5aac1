import { describe, expect, it } from "vitest";
import {
  asOfInstant,
  currentFinancialYearPeriod,
  financialQuarterPeriod,
  financialYearPeriod,
  parsePeriodKey,
  periodChoices,
  requestedPeriod,
} from "@/lib/returns/period";
import { exportFileName, organisationTypeOf, pluralName, tableSheetRows } from "@/lib/returns/tables";

const utc = (iso: string) => new Date(iso);
const inPeriod = (p: { start: Date; end: Date }, at: Date) => at >= p.start && at < p.end;

describe("return periods cut in London time", () => {
  it("starts the financial year at midnight BST on 1 April, so 00:30 BST on 1 April is in the new year", () => {
    const fy = financialYearPeriod(2025);
    expect(fy.start.toISOString()).toBe("2025-03-31T23:00:00.000Z");
    expect(fy.end.toISOString()).toBe("2026-03-31T23:00:00.000Z");
    expect(inPeriod(fy, utc("2025-03-31T23:30:00Z"))).toBe(true); // 00:30 BST 1 April 2025
    expect(inPeriod(fy, utc("2025-03-31T22:59:00Z"))).toBe(false); // 23:59 BST 31 March 2025
    expect(inPeriod(fy, utc("2026-03-31T22:30:00Z"))).toBe(true); // 23:30 BST 31 March 2026
    expect(inPeriod(fy, utc("2026-03-31T23:30:00Z"))).toBe(false); // 00:30 BST 1 April 2026
    expect(fy.label).toBe("2025/26");
    expect(fy.range).toBe("1 April 2025 to 31 March 2026");
  });

  it("cuts quarter 3 from quarter 4 at midnight GMT on 1 January", () => {
    const q3 = financialQuarterPeriod(2025, 3);
    const q4 = financialQuarterPeriod(2025, 4);
    expect(q3.end).toEqual(q4.start);
    expect(q4.start.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(inPeriod(q3, utc("2025-12-31T23:30:00Z"))).toBe(true);
    expect(inPeriod(q4, utc("2026-01-01T00:30:00Z"))).toBe(true);
    expect(q4.range).toBe("1 January 2026 to 31 March 2026");
    expect(q4.firstDay.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(q4.endDay.toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  it("gives calendar-day bounds for date columns", () => {
    const q1 = financialQuarterPeriod(2026, 1);
    expect(q1.firstDay.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(q1.endDay.toISOString()).toBe("2026-07-01T00:00:00.000Z");
    expect(q1.label).toBe("Q1 2026/27");
  });

  it("reads period keys and refuses anything else", () => {
    const now = utc("2026-12-04T12:00:00Z");
    expect(parsePeriodKey("2025-26", now)?.label).toBe("2025/26");
    expect(parsePeriodKey("2025-26-q2", now)?.label).toBe("Q2 2025/26");
    for (const bad of ["2025-27", "2025-26-q5", "2025", "", "2025-26; DROP", "99999-00"]) expect(parsePeriodKey(bad, now)).toBeNull();
  });

  it("reads a period as far back as 1990/91, across the turn of the century, and up to next year", () => {
    const now = utc("2026-12-04T12:00:00Z");
    expect(parsePeriodKey("1998-99", now)).toMatchObject({ key: "1998-99", label: "1998/99", range: "1 April 1998 to 31 March 1999" });
    expect(parsePeriodKey("1999-00-q1", now)).toMatchObject({ key: "1999-00-q1", label: "Q1 1999/00" });
    expect(parsePeriodKey("1999-00-q4", now)?.range).toBe("1 January 2000 to 31 March 2000");
    expect(parsePeriodKey("1990-91", now)?.label).toBe("1990/91");
    expect(parsePeriodKey("2027-28-q1", now)?.label).toBe("Q1 2027/28");
    // Before 1990/91 is a typing mistake; after next year is no return anyone prepares.
    for (const bad of ["1989-90", "1989-90-q4", "2028-29", "2099-00"]) expect(parsePeriodKey(bad, now)).toBeNull();
  });

  it("takes the period the address asks for, the default when it asks for none, and never another in place of a bad one", () => {
    const now = utc("2026-12-04T12:00:00Z");
    const fallback = () => currentFinancialYearPeriod(now);
    expect(requestedPeriod(undefined, fallback, now)).toEqual({ period: financialYearPeriod(2026), problem: null });
    expect(requestedPeriod("2018-19-q3", fallback, now)).toEqual({ period: financialQuarterPeriod(2018, 3), problem: null });
    expect(requestedPeriod("nonsense", fallback, now)).toEqual({
      period: null,
      problem: "There is no such period: choose a financial year or quarter from the list",
    });
    expect(requestedPeriod("1989-90", fallback, now).period).toBeNull();
    expect(requestedPeriod("", fallback, now)).toEqual({ period: null, problem: "Choose a period" });
  });

  it("defaults to the financial year today falls in, London time", () => {
    expect(currentFinancialYearPeriod(utc("2026-03-31T23:30:00Z")).key).toBe("2026-27");
    expect(currentFinancialYearPeriod(utc("2026-03-31T22:30:00Z")).key).toBe("2025-26");
  });

  it("offers every financial year from the earliest record's to the current one, latest first, each followed by its quarters", () => {
    const now = utc("2026-12-04T12:00:00Z");
    const choices = periodChoices({ now, from: 2018 });
    expect(choices[0]).toEqual({ key: "2026-27", label: "Financial year 2026/27" });
    expect(choices[1]).toEqual({ key: "2026-27-q1", label: "Q1 2026/27 (April to June)" });
    expect(choices).toHaveLength(9 * 5);
    expect(choices.filter((c) => !c.key.includes("-q")).map((c) => c.key)).toEqual([
      "2026-27",
      "2025-26",
      "2024-25",
      "2023-24",
      "2022-23",
      "2021-22",
      "2020-21",
      "2019-20",
      "2018-19",
    ]);
    expect(choices.at(-5)).toEqual({ key: "2018-19", label: "Financial year 2018/19" });
    expect(choices.at(-1)).toEqual({ key: "2018-19-q4", label: "Q4 2018/19 (January to March)" });
  });

  it("offers the current year alone when nothing is recorded, or only records dated in the future", () => {
    const now = utc("2026-12-04T12:00:00Z");
    expect(periodChoices({ now }).map((c) => c.key)).toEqual(["2026-27", "2026-27-q1", "2026-27-q2", "2026-27-q3", "2026-27-q4"]);
    expect(periodChoices({ now, from: 2027 })).toHaveLength(5);
  });

  it("offers nothing before 1990/91, whatever a mistyped record says", () => {
    const choices = periodChoices({ now: utc("2026-12-04T12:00:00Z"), from: 1066 });
    expect(choices.at(-5)?.key).toBe("1990-91");
  });

  it("adds the period shown when it lies outside the range, in its place, so the picker can show it", () => {
    const now = utc("2026-12-04T12:00:00Z");
    const older = periodChoices({ now, from: 2024, including: financialQuarterPeriod(1998, 2) });
    expect(older.filter((c) => !c.key.includes("-q")).map((c) => c.key)).toEqual(["2026-27", "2025-26", "2024-25", "1998-99"]);
    expect(older.map((c) => c.key)).toContain("1998-99-q2");
    const nextYear = periodChoices({ now, from: 2024, including: financialYearPeriod(2027) });
    expect(nextYear[0]).toEqual({ key: "2027-28", label: "Financial year 2027/28" });
    expect(periodChoices({ now, from: 2024, including: financialYearPeriod(2025) })).toHaveLength(15);
  });

  it("judges overdue at the end of a past period, or now during a current one", () => {
    const fy = financialYearPeriod(2025);
    expect(asOfInstant(fy, utc("2026-06-01T00:00:00Z"))).toEqual(fy.end);
    expect(asOfInstant(fy, utc("2025-06-01T00:00:00Z"))).toEqual(utc("2025-06-01T00:00:00Z"));
  });
});

describe("return tables", () => {
  it("maps organisation kinds to the return's four types", () => {
    expect(["POLICE", "LOCAL_AUTHORITY", "HOUSING_PROVIDER", "FIRE", "HEALTH"].map((k) => organisationTypeOf(k as never))).toEqual([
      "police",
      "local-authority",
      "housing-provider",
      "other",
      "other",
    ]);
  });

  it("names kinds in the plural and files by return and period", () => {
    expect(pluralName(3, "Community Protection Notice")).toBe("Community Protection Notices");
    expect(pluralName(1, "Community Protection Notice")).toBe("Community Protection Notice");
    expect(pluralName(2, "Fixed penalty notice for breach of a CPN")).toBe("Fixed penalty notices for breach of a CPN");
    expect(pluralName(2, "Other")).toBe("powers of another kind");
    expect(exportFileName("tools-and-powers", financialYearPeriod(2025), "xlsx")).toBe("tools-and-powers-return-2025-26.xlsx");
  });

  it("turns a table into header and figure rows", () => {
    const rows = tableSheetRows({
      id: "t",
      caption: "T",
      labelHeaders: ["Organisation"],
      figureHeaders: ["Issued"],
      rows: [{ key: "a", labels: ["Police"], figures: [{ value: 3, measure: "issued", filter: {}, name: "3" }] }],
    });
    expect(rows).toEqual([
      ["Organisation", "Issued"],
      ["Police", 3],
    ]);
  });
});
