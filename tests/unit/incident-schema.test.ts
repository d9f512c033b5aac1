import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/forms";
import { checkDateParts, checkTime, londonDayBefore } from "@/lib/incidents/date-fields";
import { parseIncidentFilters, postcodePrefix } from "@/lib/incidents/filters";
import { incidentFieldHref, nestFormValues, ZIncidentJson, ZNewIncidentForm } from "@/lib/incidents/schema";
import { fromLondonLocal, londonDateParts } from "@/lib/format/dates";

const PERSON = "0190f0e0-1111-7000-8000-000000000001";
const OTHER = "0190f0e0-2222-7000-8000-000000000002";
const PLACE = "0190f0e0-3333-7000-8000-000000000003";

const yesterday = () => londonDayBefore(new Date(), 1);

/** A complete, valid form as the browser posts it; `changes` override or add fields. */
function form(changes: Record<string, string> = {}): Record<string, string> {
  const y = yesterday();
  return {
    submissionKey: randomUUID(),
    "occurred-day": y.day,
    "occurred-month": y.month,
    "occurred-year": y.year,
    occurredTime: "21:30",
    "reported-day": y.day,
    "reported-month": y.month,
    "reported-year": y.year,
    reportedTime: "21:45",
    reportMethod: "PHONE",
    category: "NUISANCE",
    type: "NOISE",
    description: "Loud music until 3am.",
    riskLevel: "STANDARD",
    locationMode: "existing",
    locationId: PLACE,
    "people.0.mode": "existing",
    "people.0.personId": PERSON,
    "people.0.role": "VICTIM",
    caseId: "",
    ...changes,
  };
}

function errorsOf(values: Record<string, string>) {
  const result = ZNewIncidentForm.safeParse(values);
  if (result.success) return {};
  return fieldErrorsOf(result.error);
}

describe("the incident form schema", () => {
  it("turns the posted form into the incident input, times in London", () => {
    const result = ZNewIncidentForm.parse(form());
    const y = yesterday();
    expect(result.input).toMatchObject({
      reportMethod: "PHONE",
      category: "NUISANCE",
      type: "NOISE",
      description: "Loud music until 3am.",
      location: { id: PLACE },
      people: [{ person: { id: PERSON }, role: "VICTIM", row: 0 }],
      caseId: null,
    });
    expect(result.input.occurredAt).toEqual(fromLondonLocal(Number(y.year), Number(y.month), Number(y.day), 21, 30));
  });

  it("says what to do for every missing answer at once", () => {
    const errors = errorsOf({ submissionKey: randomUUID() });
    expect(errors).toMatchObject({
      occurred: ["Enter the date the incident happened"],
      occurredTime: ["Enter the time the incident happened"],
      reported: ["Enter the date it was reported"],
      reportMethod: ["Select how the incident was reported"],
      category: ["Select the category of anti-social behaviour"],
      type: ["Select the type of anti-social behaviour"],
      description: ["Enter a description of what happened"],
      riskLevel: ["Select the risk level"],
    });
  });

  it("rejects dates that are not real, and a year that is not four numbers", () => {
    expect(errorsOf(form({ "occurred-day": "31", "occurred-month": "2", "occurred-year": "2026" })).occurred).toEqual([
      "The date the incident happened must be a real date",
    ]);
    expect(errorsOf(form({ "occurred-year": "26" })).occurred).toEqual(["Year must include 4 numbers"]);
    expect(errorsOf(form({ "occurred-month": "" })).occurred).toEqual(["The date the incident happened must include a month"]);
  });

  it("accepts 24-hour times typed several ways, and refuses a 12-hour time", () => {
    expect(checkTime("2130", "the time").ok).toBe(true);
    expect(checkTime("9:05", "the time").ok).toBe(true);
    expect(checkTime("21.30", "the time").ok).toBe(true);
    expect(checkTime("9pm", "the time")).toEqual({ ok: false, message: "The time must be in the 24-hour clock, for example 21:30" });
    expect(checkTime("24:00", "the time").ok).toBe(false);
  });

  it("a future day is wrong on the date; a later time today is wrong on the time", () => {
    const tomorrow = londonDayBefore(new Date(), -1);
    const future = errorsOf(form({ "occurred-day": tomorrow.day, "occurred-month": tomorrow.month, "occurred-year": tomorrow.year }));
    expect(future.occurred).toEqual(["The date and time the incident happened must be in the past"]);
    const today = londonDayBefore(new Date(), 0);
    const { hour } = londonDateParts(new Date());
    if (hour < 22) {
      const later = errorsOf(
        form({
          "occurred-day": today.day,
          "occurred-month": today.month,
          "occurred-year": today.year,
          occurredTime: "23:59",
          "reported-day": today.day,
          "reported-month": today.month,
          "reported-year": today.year,
          reportedTime: "23:59",
        }),
      );
      expect(later.occurredTime).toEqual(["The date and time the incident happened must be in the past"]);
    }
  });

  it("it cannot have been reported before it happened", () => {
    expect(errorsOf(form({ reportedTime: "21:00" })).reportedTime).toEqual([
      "The date and time it was reported must be the same as or after when it happened",
    ]);
    const before = londonDayBefore(new Date(), 2);
    expect(errorsOf(form({ "reported-day": before.day, "reported-month": before.month, "reported-year": before.year })).reported).toEqual([
      "The date and time it was reported must be the same as or after when it happened",
    ]);
  });

  it("people rows: complete, no one twice in the same role, blank rows ignored", () => {
    expect(errorsOf(form({ "people.0.role": "" }))["people.0.role"]).toEqual(["Select the person's role in the incident"]);
    expect(errorsOf(form({ "people.0.personId": "", "people.0.personQuery": "kyle" }))["people.0.personId"]).toEqual([
      "Choose a person from the list, or add a new person",
    ]);
    expect(
      errorsOf(form({ "people.1.mode": "existing", "people.1.personId": PERSON, "people.1.role": "VICTIM" }))["people.1.role"],
    ).toEqual(["This person is already listed in this role"]);
    // The same person as victim and reporter is fine.
    expect(
      ZNewIncidentForm.safeParse(form({ "people.1.mode": "existing", "people.1.personId": PERSON, "people.1.role": "REPORTER" })).success,
    ).toBe(true);
    const withBlank = ZNewIncidentForm.parse(
      form({
        "people.1.mode": "existing",
        "people.1.personId": "",
        "people.1.role": "",
        "people.2.mode": "existing",
        "people.2.personId": OTHER,
        "people.2.role": "WITNESS",
      }),
    );
    expect(withBlank.input.people.map((p) => p.row)).toEqual([0, 2]);
  });

  it("a new person needs a first and last name; the date of birth is optional but must be real and past", () => {
    const newPerson = {
      "people.0.mode": "new",
      "people.0.personId": "",
      "people.0.firstName": "Jamie",
      "people.0.lastName": "",
      "people.0.role": "WITNESS",
    };
    expect(errorsOf(form(newPerson))["people.0.lastName"]).toEqual(["Enter the person's last name"]);
    const withDob = {
      ...newPerson,
      "people.0.lastName": "Smith",
      "people.0.dateOfBirth-day": "30",
      "people.0.dateOfBirth-month": "2",
      "people.0.dateOfBirth-year": "1990",
    };
    expect(errorsOf(form(withDob))["people.0.dateOfBirth"]).toEqual(["The date of birth must be a real date"]);
    const ok = ZNewIncidentForm.parse(form({ ...withDob, "people.0.dateOfBirth-day": "28" }));
    expect(ok.input.people[0]?.person).toEqual({
      create: { firstName: "Jamie", lastName: "Smith", dateOfBirth: new Date(Date.UTC(1990, 1, 28)) },
    });
  });

  it("a new place needs an address line, a town and a kind; a postcode is checked and normalised", () => {
    const place = {
      locationMode: "new",
      locationId: "",
      "newLocation.addressLine1": "Fennel Park",
      "newLocation.town": "London",
      "newLocation.postcode": "se228qa",
      "newLocation.kind": "PUBLIC_SPACE",
    };
    expect(ZNewIncidentForm.parse(form(place)).input.location).toEqual({
      create: { addressLine1: "Fennel Park", town: "London", postcode: "SE22 8QA", kind: "PUBLIC_SPACE" },
    });
    expect(errorsOf(form({ ...place, "newLocation.postcode": "NOT A CODE" }))["newLocation.postcode"]).toEqual([
      "Enter a real postcode, for example SE15 4QF",
    ]);
    expect(
      Object.keys(errorsOf(form({ ...place, "newLocation.addressLine1": "", "newLocation.town": "", "newLocation.kind": "" }))).sort(),
    ).toEqual(["newLocation.addressLine1", "newLocation.kind", "newLocation.town"]);
  });

  it("a place typed but not chosen is a mistake, not a silent blank", () => {
    expect(errorsOf(form({ locationId: "", locationQuery: "fennel" })).locationId).toEqual([
      "Choose a place from the list, or add a new place",
    ]);
    expect(ZNewIncidentForm.parse(form({ locationId: "" })).input.location).toBeNull();
  });

  it("refuses a description over 5,000 characters", () => {
    expect(errorsOf(form({ description: "x".repeat(5001) })).description).toEqual(["The description must be 5,000 characters or fewer"]);
  });

  it("ignores unsafe and absurd keys in the post", () => {
    const nested = nestFormValues({ "__proto__.polluted": "yes", "people.99999.role": "VICTIM", "constructor.x": "1" }) as Record<
      string,
      unknown
    >;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(nested.people).toBeUndefined();
  });

  it("links each error to its control", () => {
    expect(incidentFieldHref("occurred")).toBe("#occurred-day");
    expect(incidentFieldHref("people.2.dateOfBirth")).toBe("#people-2-dateOfBirth-day");
    expect(incidentFieldHref("people.0.personId")).toBe("#people-0-personId");
    expect(incidentFieldHref("newLocation.town")).toBe("#newLocation-town");
  });
});

describe("the incident JSON schema", () => {
  const body = () => ({
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    reportedAt: new Date().toISOString(),
    reportMethod: "PHONE",
    category: "NUISANCE",
    type: "NOISE",
    description: "Noise",
    submissionKey: randomUUID(),
    people: [{ personId: PERSON, role: "VICTIM" }],
  });

  it("accepts the benchmark's body, with risk level STANDARD by default", () => {
    const parsed = ZIncidentJson.parse(body());
    expect(parsed.input).toMatchObject({
      riskLevel: "STANDARD",
      location: null,
      caseId: null,
      people: [{ person: { id: PERSON }, role: "VICTIM", row: 0 }],
    });
  });

  it("applies the same rules as the form", () => {
    const early = { ...body(), reportedAt: new Date(Date.now() - 7_200_000).toISOString() };
    expect(fieldErrorsOf(ZIncidentJson.safeParse(early).error!).reportedAt).toBeDefined();
    const twice = {
      ...body(),
      people: [
        { personId: PERSON, role: "VICTIM" },
        { personId: PERSON, role: "VICTIM" },
      ],
    };
    expect(fieldErrorsOf(ZIncidentJson.safeParse(twice).error!)["people.1.role"]).toEqual(["This person is already listed in this role"]);
    expect(ZIncidentJson.safeParse({ ...body(), category: "LOUD" }).success).toBe(false);
    expect(ZIncidentJson.safeParse({ ...body(), submissionKey: undefined }).success).toBe(false);
    expect(ZIncidentJson.safeParse({ ...body(), occurredAt: "yesterday" }).success).toBe(false);
  });
});

describe("dates typed into forms", () => {
  it("a blank optional date is no date", () => {
    expect(checkDateParts({}, "the date of birth", false)).toEqual({ ok: true, value: null });
  });

  it("'yesterday' is the London calendar day before, across month ends", () => {
    expect(londonDayBefore(new Date("2026-03-01T10:00:00Z"), 1)).toEqual({ day: "28", month: "2", year: "2026" });
    // 00:30 on 1 June in London is still 31 May in UTC: London's day counts.
    expect(londonDayBefore(new Date("2026-05-31T23:30:00Z"), 0)).toEqual({ day: "1", month: "6", year: "2026" });
  });
});

describe("the incident list's filters", () => {
  it("reads the URL, ignoring what does not parse", () => {
    const { filters, errors } = parseIncidentFilters({
      category: "NUISANCE",
      type: "NOPE",
      from: "1/3/2026",
      to: "2026-03-31",
      case: "no",
      risk: "HIGH",
      org: "not-an-id",
    });
    expect(filters).toEqual({
      category: "NUISANCE",
      riskLevel: "HIGH",
      hasCase: false,
      occurredFrom: fromLondonLocal(2026, 3, 1),
      occurredBefore: fromLondonLocal(2026, 4, 1),
    });
    expect(errors).toEqual({});
  });

  it("explains a date it cannot read", () => {
    expect(parseIncidentFilters({ from: "31/2/2026" }).errors.from).toMatch(/day\/month\/year/);
  });

  it("takes a postcode or the start of one", () => {
    expect(postcodePrefix("se15 4qf")).toBe("SE15 4QF");
    expect(postcodePrefix("se15")).toBe("SE15");
    expect(parseIncidentFilters({ postcode: "Fennel Park" }).errors.postcode).toBeDefined();
  });
});
