import { describe, expect, it } from "vitest";
import { checkThreshold, type Complaint } from "@/lib/community-trigger/threshold";

const SETTING = { complaints: 3, windowMonths: 6, reportWithinDays: 31 };
const APPLIED = new Date("2026-11-20");
const d = (s: string) => new Date(s);

function complaint(id: string, incident: string, made: string, problem = "Noise from flat 12"): Complaint {
  return { id, incidentDate: d(incident), complaintDate: d(made), problem };
}

describe("Community Trigger threshold", () => {
  it("is met by three complaints about the same problem in six months, each within a month of the incident", () => {
    const result = checkThreshold(
      APPLIED,
      [complaint("a", "2026-06-01", "2026-06-03"), complaint("b", "2026-08-10", "2026-08-30"), complaint("c", "2026-11-01", "2026-11-02")],
      SETTING,
    );
    expect(result).toEqual({ met: true, qualifying: ["a", "b", "c"], excluded: [] });
  });

  it("is not met when one complaint was made more than a month after the incident", () => {
    const result = checkThreshold(
      APPLIED,
      [complaint("a", "2026-06-01", "2026-06-03"), complaint("b", "2026-07-01", "2026-08-15"), complaint("c", "2026-11-01", "2026-11-02")],
      SETTING,
    );
    expect(result.met).toBe(false);
    expect(result.excluded).toEqual([{ id: "b", reason: "not made within 31 days of the incident" }]);
  });

  it("is not met when a complaint falls outside the six months before the application", () => {
    const result = checkThreshold(
      APPLIED,
      [complaint("a", "2026-05-01", "2026-05-10"), complaint("b", "2026-08-10", "2026-08-11"), complaint("c", "2026-11-01", "2026-11-02")],
      SETTING,
    );
    expect(result.met).toBe(false);
    expect(result.excluded[0]).toEqual({ id: "a", reason: "made more than 6 months before the application" });
  });

  it("counts complaints about different problems separately", () => {
    const result = checkThreshold(
      APPLIED,
      [
        complaint("a", "2026-09-01", "2026-09-02", "Noise from flat 12"),
        complaint("b", "2026-10-01", "2026-10-02", "noise from Flat 12!"),
        complaint("c", "2026-11-01", "2026-11-02", "Fly-tipping"),
      ],
      SETTING,
    );
    expect(result.met).toBe(false);
    expect(result.qualifying).toEqual(["a", "b"]);
    expect(result.excluded).toEqual([{ id: "c", reason: "about a different problem" }]);
  });

  it("follows a local threshold from the setting", () => {
    const two = { complaints: 2, windowMonths: 6, reportWithinDays: 31 };
    const result = checkThreshold(APPLIED, [complaint("a", "2026-09-01", "2026-09-02"), complaint("b", "2026-10-01", "2026-10-02")], two);
    expect(result.met).toBe(true);
  });
});
