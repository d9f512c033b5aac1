import { describe, expect, it } from "vitest";
import { isCurrentSection, navigationFor } from "@/components/layout/navigation";
import type { Panel, Role } from "@/lib/generated/prisma/enums";

const labels = (role: string, panels: Panel[] = []) => navigationFor({ role: role as Role, panels }).map((item) => item.label);

describe("navigationFor", () => {
  it("shows an officer the casework sections and referrals, but not meetings without a panel", () => {
    expect(labels("OFFICER")).toEqual(["Dashboard", "Incidents", "People", "Places", "Cases", "Actions", "Powers", "Referrals", "Returns"]);
  });

  it("shows an officer on a panel the meetings too", () => {
    expect(labels("OFFICER", ["CCM"])).toContain("Meetings");
  });

  it("shows a chair on a panel everything but admin, and the panel's access review", () => {
    expect(labels("CHAIR", ["MARAC"])).toEqual([
      "Dashboard",
      "Incidents",
      "People",
      "Places",
      "Cases",
      "Actions",
      "Powers",
      "Referrals",
      "Meetings",
      "Returns",
      "Panel access",
    ]);
    expect(navigationFor({ role: "CHAIR", panels: ["MARAC"] }).find((item) => item.label === "Panel access")?.href).toBe("/panels/marac");
  });

  it("offers the panel access review to nobody who does not chair a panel", () => {
    expect(labels("MANAGER", ["MARAC"])).not.toContain("Panel access");
    expect(labels("OFFICER", ["MARAC"])).not.toContain("Panel access");
    expect(labels("CHAIR")).not.toContain("Panel access");
  });

  it("shows a manager returns, imports and admin", () => {
    expect(labels("MANAGER")).toEqual([
      "Dashboard",
      "Incidents",
      "People",
      "Places",
      "Cases",
      "Actions",
      "Powers",
      "Referrals",
      "Returns",
      "Import",
      "Admin",
    ]);
  });

  it("shows a viewer the casework to read, but not referrals (they cannot make or triage one) or returns", () => {
    expect(labels("VIEWER")).toEqual(["Dashboard", "Incidents", "People", "Places", "Cases", "Actions", "Powers"]);
  });

  it("shows a viewer on a panel the meetings", () => {
    expect(labels("VIEWER", ["MARAC"])).toContain("Meetings");
  });

  it("shows an administrator no case content, even as a panel member", () => {
    expect(labels("ADMIN")).toEqual(["Dashboard", "Admin"]);
    expect(labels("ADMIN", ["CCM", "MARAC"])).toEqual(["Dashboard", "Admin"]);
  });

  it("shows an unknown role only the dashboard", () => {
    expect(labels("JANITOR")).toEqual(["Dashboard"]);
    expect(labels("JANITOR", ["MARAC"])).toEqual(["Dashboard"]);
  });

  it("links each section to its top-level path", () => {
    expect(navigationFor({ role: "CHAIR", panels: ["CCM"] }).map((item) => item.href)).toEqual([
      "/",
      "/incidents",
      "/people",
      "/places",
      "/cases",
      "/actions",
      "/powers",
      "/referrals",
      "/meetings",
      "/returns",
      "/panels/ccm",
    ]);
  });
});

describe("isCurrentSection", () => {
  it("matches the dashboard only on /", () => {
    expect(isCurrentSection("/", "/")).toBe(true);
    expect(isCurrentSection("/incidents", "/")).toBe(false);
  });

  it("matches a section and the pages inside it", () => {
    expect(isCurrentSection("/incidents", "/incidents")).toBe(true);
    expect(isCurrentSection("/incidents/new", "/incidents")).toBe(true);
  });

  it("does not match a different section that shares a prefix", () => {
    expect(isCurrentSection("/incidents-archive", "/incidents")).toBe(false);
    expect(isCurrentSection("/people", "/places")).toBe(false);
  });
});
