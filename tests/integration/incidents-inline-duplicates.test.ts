import { afterEach, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { logIncident, saveIncident } from "@/lib/incidents/actions";
import type { IncidentFormState } from "@/lib/incidents/form-state";
import { IDLE } from "@/lib/forms";
import { londonDateParts } from "@/lib/format/dates";
import { callServerAction, signInForCalls } from "@/tests/support/server-action-calls";
import { agency, makePerson } from "@/tests/support/people-fixtures";
import { makePlace } from "@/tests/support/places-fixtures";

vi.mock("next/headers", () => import("@/tests/support/server-action-calls").then((m) => m.noRequestHeaders));
vi.mock("next/cache", () => import("@/tests/support/server-action-calls").then((m) => m.noCache));
vi.mock("@/lib/auth/session", async (real) => (await import("@/tests/support/server-action-calls")).sessionSignedInAs(await real()));

// The incident form no longer makes silent duplicates: a new person (or place) typed into it is
// checked against those the officer can see, with the rules of /people/new, before anything is
// made; the officer uses the one offered or says "None of these". Someone the officer may not see
// is never offered. Logging the same new victim twice used to make two profiles.

afterEach(() => signInForCalls(null));

const now = londonDateParts(new Date(Date.now() - 2 * 3_600_000));
const pad = (n: number) => String(n).padStart(2, "0");

function form(extra: Record<string, string>): FormData {
  const fields: Record<string, string> = {
    submissionKey: randomUUID(),
    "occurred-day": String(now.day),
    "occurred-month": String(now.month),
    "occurred-year": String(now.year),
    occurredTime: `${pad(now.hour)}:${pad(now.minute)}`,
    "reported-day": String(now.day),
    "reported-month": String(now.month),
    "reported-year": String(now.year),
    reportedTime: `${pad(now.hour)}:${pad(now.minute)}`,
    reportMethod: "PHONE",
    category: "PERSONAL",
    type: "INTIMIDATION_HARASSMENT",
    description: `Threats through the letterbox ${randomUUID()}`,
    riskLevel: "STANDARD",
    locationMode: "existing",
    ...extra,
  };
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const newVictim = (row: number, firstName: string, lastName: string, dob?: [string, string, string]) => ({
  [`people.${row}.rowKey`]: `row-${row}`,
  [`people.${row}.mode`]: "new",
  [`people.${row}.firstName`]: firstName,
  [`people.${row}.lastName`]: lastName,
  [`people.${row}.dateOfBirth-day`]: dob?.[0] ?? "",
  [`people.${row}.dateOfBirth-month`]: dob?.[1] ?? "",
  [`people.${row}.dateOfBirth-year`]: dob?.[2] ?? "",
  [`people.${row}.role`]: "VICTIM",
});

async function log(data: FormData) {
  const called = await callServerAction(() => logIncident(IDLE, data));
  return called;
}

describe("the incident form checks a new person before making them", () => {
  it("offers the existing profile and makes nothing; using it links the incident to that person", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    signInForCalls(council.actor);
    const existing = await makePerson({
      createdByOrgId: council.organisation.id,
      firstName: "Kayleigh",
      lastName: "Brennan",
      dateOfBirth: "1994-07-03",
    });
    const description = `First report ${randomUUID()}`;
    const fields = { ...newVictim(0, "Kayleigh", "Brenan", ["3", "7", "1994"]), description };

    const offered = await log(form(fields));
    expect(offered.kind).toBe("returned");
    const state = (offered as { value: IncidentFormState }).value;
    expect(state.status).toBe("matches");
    expect(state.likely?.people["row-0"]?.matches.map((m) => m.id)).toEqual([existing.id]);
    expect(state.likely?.people["row-0"]?.matches[0]?.label).toBe("Kayleigh Brennan, born 03/07/1994");
    expect(state.values?.description).toBe(description);
    expect(await db.incident.count({ where: { description } })).toBe(0);
    expect(await db.person.count({ where: { lastName: "Brenan" } })).toBe(0);

    const used = await log(
      form({ ...fields, "people.0.matchChoice": existing.id, "people.0.checkedFor": state.likely!.people["row-0"]!.checkedFor }),
    );
    expect(used.kind).toBe("redirect");
    const incident = await db.incident.findFirstOrThrow({ where: { description }, include: { people: true } });
    expect(incident.people.map((p) => p.personId)).toEqual([existing.id]);
    expect(await db.person.count({ where: { lastName: "Brenan" } })).toBe(0);
  });

  it("'None of these' makes the new person, but only for the values it was said for; unanswered, it is a problem by the choice", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    signInForCalls(council.actor);
    await makePerson({ createdByOrgId: council.organisation.id, firstName: "Dean", lastName: "Whitlock", dateOfBirth: "1988-01-15" });
    const fields = newVictim(0, "Dean", "Whitlock", ["15", "1", "1988"]);
    const first = (await log(form(fields))) as { value: IncidentFormState };
    const checkedFor = first.value.likely!.people["row-0"]!.checkedFor;

    const unanswered = (await log(form({ ...fields, "people.0.checkedFor": checkedFor }))) as { value: IncidentFormState };
    expect(unanswered.value.status).toBe("invalid");
    expect(unanswered.value.fieldErrors?.["people.0.matchChoice"]).toEqual(["Choose the one that is already recorded, or ‘None of these’"]);

    // "None of these", said for another name, counts for nothing.
    const stale = (await log(
      form({ ...newVictim(0, "Dean", "Whitlocke", ["15", "1", "1988"]), "people.0.matchChoice": "new", "people.0.checkedFor": checkedFor }),
    )) as {
      value: IncidentFormState;
    };
    expect(stale.value.status).toBe("matches");

    const made = await log(form({ ...fields, "people.0.matchChoice": "new", "people.0.checkedFor": checkedFor }));
    expect(made.kind).toBe("redirect");
    expect(await db.person.count({ where: { firstName: "Dean", lastName: "Whitlock" } })).toBe(2);
  });

  it("logging the same new victim twice offers the first profile the second time", async () => {
    const police = await agency({ kind: "POLICE" });
    signInForCalls(police.actor);
    const fields = newVictim(0, "Precious", "Okonkwo", ["9", "9", "2001"]);
    expect((await log(form(fields))).kind).toBe("redirect");
    const second = (await log(form(fields))) as { value: IncidentFormState };
    expect(second.value.status).toBe("matches");
    expect(await db.person.count({ where: { lastName: "Okonkwo" } })).toBe(1);
  });

  it("the same form posted twice (a double click) goes on to its incident, not to its own new person as a match", async () => {
    const police = await agency({ kind: "POLICE" });
    signInForCalls(police.actor);
    const fields = { ...newVictim(0, "Marcus", "Delaney", ["1", "2", "1979"]), submissionKey: randomUUID() };
    const first = await log(form(fields));
    const again = await log(form(fields));
    expect(first.kind).toBe("redirect");
    expect(again).toEqual(first);
  });

  it("never offers a person the officer may not see", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const other = await agency({ kind: "HOUSING_PROVIDER" });
    await makePerson({ createdByOrgId: other.organisation.id, firstName: "Hidden", lastName: "Neighbour", dateOfBirth: "1970-05-05" });
    signInForCalls(council.actor);
    const made = await log(form(newVictim(0, "Hidden", "Neighbour", ["5", "5", "1970"])));
    expect(made.kind).toBe("redirect");
  });

  it("editing an incident checks a person added to it the same way", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    signInForCalls(council.actor);
    const logged = await log(form({}));
    const incidentId = (logged as { to: string }).to.split("/")[2]!.split("?")[0]!;
    await makePerson({ createdByOrgId: council.organisation.id, firstName: "Tyrone", lastName: "Mensah", dateOfBirth: "1985-03-30" });
    const data = form({ incidentId, version: "1", ...newVictim(0, "Tyrone", "Mensah", ["30", "3", "1985"]) });
    data.delete("submissionKey");
    const saved = (await callServerAction(() => saveIncident(IDLE, data))) as { value: IncidentFormState };
    expect(saved.value.status).toBe("matches");
    expect(await db.incidentPerson.count({ where: { incidentId } })).toBe(0);
  });
});

describe("the incident form checks a new place before making it", () => {
  it("offers a place at the same postcode with a similar first line; using it makes no new place", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    signInForCalls(council.actor);
    const place = await makePlace({
      createdByOrgId: council.organisation.id,
      addressLine1: "Flat 7, Corden Court",
      town: "Kingsmere",
      postcode: "KM4 2QT",
    });
    const fields = {
      locationMode: "new",
      "newLocation.addressLine1": "Flat 7 Corden Ct",
      "newLocation.town": "Kingsmere",
      "newLocation.postcode": "km4 2qt",
      "newLocation.kind": "RESIDENTIAL",
    };
    const offered = (await log(form(fields))) as { value: IncidentFormState };
    expect(offered.value.status).toBe("matches");
    expect(offered.value.likely?.place?.matches.map((m) => m.id)).toEqual([place.id]);
    const before = await db.location.count();
    const used = await log(
      form({ ...fields, "newLocation.matchChoice": place.id, "newLocation.checkedFor": offered.value.likely!.place!.checkedFor }),
    );
    expect(used.kind).toBe("redirect");
    expect(await db.location.count()).toBe(before);
  });
});
