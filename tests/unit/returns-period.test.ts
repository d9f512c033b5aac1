import { describe, expect, it } from "vitest";
import {
  asOfInstant,
  currentFinancialYearPeriod,
  financialQuarterPeriod,
  financialYearPeriod,
  parsePeriodKey,
  periodChoices,
  periodOrDefault,
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
    expect(parsePeriodKey("2025-26")?.label).toBe("2025/26");
    expect(parsePeriodKey("2025-26-q2")?.label).toBe("Q2 2025/26");
    expect(parsePeriodKey("1999-00-q1")).toBeNull();
    for (const bad of ["2025-27", "2025-26-q5", "2025", "", "2025-26; DROP", "99999-00"]) expect(parsePeriodKey(bad)).toBeNull();
    expect(parsePeriodKey("2099-00")?.label).toBe("2099/00");
  });

  it("defaults to the financial year today falls in, London time", () => {
    expect(currentFinancialYearPeriod(utc("2026-03-31T23:30:00Z")).key).toBe("2026-27");
    expect(currentFinancialYearPeriod(utc("2026-03-31T22:30:00Z")).key).toBe("2025-26");
    expect(periodOrDefault("nonsense", utc("2026-12-04T12:00:00Z")).key).toBe("2026-27");
    const choices = periodChoices(utc("2026-12-04T12:00:00Z"));
    expect(choices[0]).toEqual({ key: "2026-27", label: "Financial year 2026/27" });
    expect(choices[1]).toEqual({ key: "2026-27-q1", label: "Q1 2026/27 (April to June)" });
    expect(choices).toHaveLength(25);
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
