import { describe, expect, it } from "vitest";
import { dashboardFocusOf, orderSections, type SectionKey } from "@/lib/dashboard/sections";
import { lastCompleteQuarter, lastCompleteYear, returnsDue } from "@/lib/dashboard/returns-due";

const sections = (...keys: [SectionKey, boolean][]) => keys.map(([key, urgent]) => ({ key, urgent }));

describe("which first screen a user gets", () => {
  it("is decided by what their role may do", () => {
    expect(dashboardFocusOf({ role: "OFFICER", panels: [] })).toBe("officer");
    expect(dashboardFocusOf({ role: "CHAIR", panels: ["CCM"] })).toBe("chair");
    expect(dashboardFocusOf({ role: "MANAGER", panels: ["CCM"] })).toBe("manager");
    expect(dashboardFocusOf({ role: "VIEWER", panels: [] })).toBe("viewer");
    // Panel membership alone gives an administrator no case content.
    expect(dashboardFocusOf({ role: "ADMIN", panels: ["MARAC"] })).toBe("administrator");
  });

  it("puts the role's own sections first, then the rest with those needing something done first", () => {
    const order = orderSections(
      "chair",
      sections(
        ["cases", false],
        ["my-actions", true],
        ["next-meeting", false],
        ["safeguarding", true],
        ["triage", false],
        ["activity", false],
      ),
    ).map((s) => s.key);
    expect(order).toEqual(["triage", "next-meeting", "safeguarding", "my-actions", "cases", "activity"]);
  });

  it("keeps an officer's actions first even when a referral waits for more information", () => {
    const order = orderSections("officer", sections(["information-requested", true], ["my-incidents", false], ["my-actions", false]));
    expect(order.map((s) => s.key)).toEqual(["my-actions", "my-incidents", "information-requested"]);
  });
});

describe("the returns due", () => {
  it("are the latest complete quarter (MARAC, CCM activity) or financial year (tools and powers, Community Trigger), in London time", () => {
    // 00:30 on 1 April 2027 in London (BST) is already in 2027/28: 2026/27 and its Q4 are complete.
    const now = new Date("2027-03-31T23:30:00Z");
    expect(lastCompleteYear(now).key).toBe("2026-27");
    expect(lastCompleteQuarter(now).key).toBe("2026-27-q4");
    expect(returnsDue(["tools-and-powers", "marac"], now).map((r) => r.href)).toEqual([
      "/returns/tools-and-powers?period=2026-27",
      "/returns/marac?period=2026-27-q4",
    ]);
    // An hour earlier, 23:30 BST on 31 March 2027: still Q4, so Q3 is the latest complete quarter.
    expect(lastCompleteQuarter(new Date("2027-03-31T22:30:00Z")).key).toBe("2026-27-q3");
    expect(lastCompleteYear(new Date("2027-03-31T22:30:00Z")).key).toBe("2025-26");
  });
});
