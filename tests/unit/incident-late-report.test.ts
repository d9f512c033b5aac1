import { describe, expect, it } from "vitest";
import { lateReportBetween, lateReportTyped, lateReportWords } from "@/lib/incidents/late-report";
import { postedIncidentInitial } from "@/components/incidents/form-initial";
import { fromLondonLocal } from "@/lib/format/dates";

describe("an incident reported long after it happened", () => {
  it("is flagged from the 29th day after, by London calendar days, with the pair of days it is about", () => {
    expect(lateReportTyped({ day: "1", month: "3", year: "2026" }, { day: "29", month: "3", year: "2026" })).toBeNull();
    expect(lateReportTyped({ day: "1", month: "3", year: "2026" }, { day: "30", month: "3", year: "2026" })).toEqual({
      days: 29,
      key: "2026-03-01/2026-03-30",
    });
    // By London calendar days, not hours: 23:30 on 28 February to 00:15 on 29 March is 29 days, though barely 28 days of time.
    expect(lateReportBetween(fromLondonLocal(2026, 2, 28, 23, 30), fromLondonLocal(2026, 3, 29, 0, 15))?.days).toBe(29);
  });

  it("is not flagged until both dates are real, nor when it was reported before it happened", () => {
    expect(lateReportTyped({ day: "1", month: "3", year: "20" }, { day: "30", month: "3", year: "2026" })).toBeNull();
    expect(lateReportTyped({ day: "30", month: "3", year: "2026" }, { day: "1", month: "3", year: "2026" })).toBeNull();
  });

  it("says how late in words", () => {
    expect(lateReportWords({ days: 2_968, key: "" })).toBe("Reported 2,968 days after it happened: check both dates");
  });
});

describe("the incident form drawn again from what was posted (without JavaScript)", () => {
  it("keeps every answer, the place and people picked with their labels, and new people as typed", () => {
    const initial = postedIncidentInitial({
      "occurred-day": "20",
      "occurred-month": "4",
      "occurred-year": "2018",
      occurredTime: "21:30",
      "reported-day": "7",
      "reported-month": "12",
      "reported-year": "2026",
      reportedTime: "09:05",
      reportMethod: "PHONE",
      category: "NUISANCE",
      type: "NOISE",
      description: "Loud music",
      riskLevel: "HIGH",
      caseId: "c1",
      locationMode: "existing",
      locationId: "p1",
      locationLabel: "12 Cordwainer Court, SE15 4QF",
      "people.0.mode": "existing",
      "people.0.personId": "a1",
      "people.0.personLabel": "Jo Bloggs (born 01/02/1990)",
      "people.0.role": "VICTIM",
      "people.1.mode": "new",
      "people.1.firstName": "Kyle",
      "people.1.lastName": "Denton",
      "people.1.dateOfBirth-day": "3",
      "people.1.dateOfBirth-month": "5",
      "people.1.dateOfBirth-year": "1999",
      "people.1.role": "PERPETRATOR",
    });
    expect(initial).toMatchObject({
      occurred: { day: "20", month: "4", year: "2018" },
      occurredTime: "21:30",
      reported: { day: "7", month: "12", year: "2026" },
      reportMethod: "PHONE",
      description: "Loud music",
      riskLevel: "HIGH",
      caseId: "c1",
      locationMode: "existing",
      location: { id: "p1", label: "12 Cordwainer Court, SE15 4QF" },
    });
    expect(initial.people).toMatchObject([
      { mode: "existing", picked: { id: "a1", label: "Jo Bloggs (born 01/02/1990)" }, role: "VICTIM" },
      {
        mode: "new",
        picked: null,
        firstName: "Kyle",
        lastName: "Denton",
        dateOfBirth: { day: "3", month: "5", year: "1999" },
        role: "PERPETRATOR",
      },
    ]);
  });
});
