import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { addPersonToCase, addPlaceToCase } from "@/lib/cases/data";
import { saveSearchAction } from "@/lib/search/actions";
import { findRecordByReference, searchEverything } from "@/lib/search/data";
import { parseReference, readEverythingSearch, type Reference } from "@/lib/search/everything";
import { resolveSearchParams } from "@/lib/search/saved";
import { makeReferral } from "@/tests/support/people-fixtures";
import { callServerAction, signInForCalls } from "@/tests/support/server-action-calls";
import { agency, colleague, makeIncident, makePerson, makePlace, open } from "./cases-support";

vi.mock("next/headers", () => import("@/tests/support/server-action-calls").then((m) => m.noRequestHeaders));
vi.mock("next/cache", () => import("@/tests/support/server-action-calls").then((m) => m.noCache));
vi.mock("@/lib/auth/session", async (real) => (await import("@/tests/support/server-action-calls")).sessionSignedInAs(await real()));

// The header's search, from the attacker's side: a reference goes straight to a record only when
// the searcher may see it. Another organisation's record, a restricted MARAC case or referral
// asked for by an officer on no panel, and a reference nobody has all answer the same "nothing";
// the refusals of real records are audited. Names, addresses and titles find only what the
// people, places and cases pages would show the same user.

/** A made-up word of random letters, so each world's searches find only its own records. */
const word = () => {
  const letters = Array.from({ length: 9 }, () => "bcdfghjklmnpqrstvwxz"[Math.floor(Math.random() * 20)]).join("");
  return `${letters[0]!.toUpperCase()}${letters.slice(1)}`;
};

/** A reference of the real format in a year no demo or other record uses. */
const guessedNumber = () => String(Math.floor(Math.random() * 900_000) + 100_000);

const ref = (typed: string): Reference => parseReference(typed)!;

async function refusals(userId: string, entityType: string, entityId: string) {
  return db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId, entityType, entityId } });
}

/**
 * The police (Sarah on the MARAC panel, Tom on none), the council and a housing provider. Sarah's
 * MARAC case holds its victim and her home, with a MARAC referral; the council has an ordinary
 * case, an incident and a person of its own; the housing provider has a person of its own.
 */
async function world() {
  const council = await agency({ kind: "LOCAL_AUTHORITY" });
  const police = await agency({ kind: "POLICE", panels: ["MARAC"] });
  const sarah = police;
  const tom = await colleague(police.organisation.id);
  const housing = await agency({ kind: "HOUSING_PROVIDER" });

  const surname = word();
  const councilPerson = await makePerson({
    createdByOrgId: council.organisation.id,
    createdById: council.user.id,
    firstName: "Gwendolen",
    lastName: surname,
  });
  const housingPerson = await makePerson({
    createdByOrgId: housing.organisation.id,
    createdById: housing.user.id,
    firstName: "Gwendolyn",
    lastName: surname,
  });
  const councilCase = await open(council.actor, { title: `Noise at ${surname} Court` });
  const councilIncident = await makeIncident({ organisationId: council.organisation.id, officerId: council.user.id });

  const maracCase = await open(sarah.actor, { kind: "MARAC", title: `Domestic abuse: ${surname}` });
  const victim = await makePerson({
    createdByOrgId: police.organisation.id,
    createdById: sarah.user.id,
    firstName: "Philippa",
    lastName: surname,
  });
  const home = await makePlace({
    createdByOrgId: police.organisation.id,
    createdById: sarah.user.id,
    addressLine1: `23 ${surname} Terrace`,
    postcode: "SE15 4QF",
  });
  await addPersonToCase(sarah.actor, maracCase.id, victim.id, "VICTIM");
  await addPlaceToCase(sarah.actor, maracCase.id, home.id);
  const referral = await makeReferral({
    caseId: maracCase.id,
    referringOrganisationId: police.organisation.id,
    referringUserId: sarah.user.id,
  });
  const referralReference = `REF-2097-${guessedNumber()}`;
  await db.referral.update({ where: { id: referral.id }, data: { reference: referralReference } });

  return {
    council,
    police,
    sarah,
    tom,
    housing,
    surname,
    councilPerson,
    housingPerson,
    councilCase,
    councilIncident,
    maracCase,
    victim,
    home,
    referral,
    referralReference,
  };
}

beforeEach(() => signInForCalls(null));

describe("going straight to a record by its reference", () => {
  it("an officer goes to their organisation's incident, however the reference is typed", async () => {
    const w = await world();
    const short = w.councilIncident.reference.replace(/-0+(\d)/, "-$1").toLowerCase();
    expect(await findRecordByReference(w.council.actor, ref(short))).toEqual({
      href: `/incidents/${w.councilIncident.id}`,
      reference: w.councilIncident.reference,
    });
    expect(await findRecordByReference(w.council.actor, ref(w.councilCase.reference))).toMatchObject({
      href: `/cases/${w.councilCase.id}`,
    });
  });

  it("another organisation's incident and unshared case are nothing found, and the refusals are audited", async () => {
    const w = await world();
    expect(await findRecordByReference(w.housing.actor, ref(w.councilIncident.reference))).toBeNull();
    expect(await findRecordByReference(w.housing.actor, ref(w.councilCase.reference))).toBeNull();
    expect(await refusals(w.housing.user.id, "Incident", w.councilIncident.id)).toBe(1);
    expect(await refusals(w.housing.user.id, "Case", w.councilCase.id)).toBe(1);
  });

  it("a MARAC case's and a MARAC referral's references are nothing found for an officer on no panel, though his own force leads the case", async () => {
    const w = await world();
    expect(await findRecordByReference(w.tom.actor, ref(w.maracCase.reference))).toBeNull();
    expect(await findRecordByReference(w.tom.actor, ref(w.referralReference))).toBeNull();
    expect(await refusals(w.tom.user.id, "Case", w.maracCase.id)).toBe(1);
    expect(await refusals(w.tom.user.id, "Referral", w.referral.id)).toBe(1);
    // The panel member goes straight to them.
    expect(await findRecordByReference(w.sarah.actor, ref(w.maracCase.reference))).toMatchObject({ href: `/cases/${w.maracCase.id}` });
    expect(await findRecordByReference(w.sarah.actor, ref(w.referralReference))).toMatchObject({ href: `/referrals/${w.referral.id}` });
  });

  it("a guessed reference of every kind is nothing found, audited under the reference itself as a hidden record's would be", async () => {
    const w = await world();
    for (const [prefix, entity] of [
      ["INC", "Incident"],
      ["CASE", "Case"],
      ["PWR", "PowerUse"],
      ["REF", "Referral"],
      ["MTG", "Meeting"],
      ["PSPO", "Pspo"],
    ] as const) {
      const guessed = `${prefix}-2097-${guessedNumber()}`;
      expect(await findRecordByReference(w.tom.actor, ref(guessed))).toBeNull();
      expect(await refusals(w.tom.user.id, entity, guessed)).toBe(1);
    }
  });

  it("the search page cannot tell a hidden MARAC reference from one that does not exist", async () => {
    const w = await world();
    const hidden = readEverythingSearch({ searched: "1", q: w.maracCase.reference });
    const missing = readEverythingSearch({ searched: "1", q: `CASE-2097-${guessedNumber()}` });
    expect(hidden.kind).toBe("reference");
    expect(missing.kind).toBe("reference");
    if (hidden.kind !== "reference" || missing.kind !== "reference") return;
    expect(await findRecordByReference(w.tom.actor, hidden.reference)).toEqual(await findRecordByReference(w.tom.actor, missing.reference));
  });
});

describe("searching names, places and case titles", () => {
  it("finds the people, places and cases the user may see, grouped by kind", async () => {
    const w = await world();
    const council = await searchEverything(w.council.actor, w.surname);
    expect(council.people.rows.map((p) => p.id)).toEqual([w.councilPerson.id]);
    expect(council.cases.rows.map((c) => c.id)).toEqual([w.councilCase.id]);
    expect(council.places.rows).toEqual([]);

    const sarah = await searchEverything(w.sarah.actor, w.surname);
    expect(sarah.people.rows.map((p) => p.id)).toEqual([w.victim.id]);
    expect(sarah.places.rows.map((p) => p.id)).toEqual([w.home.id]);
    expect(sarah.cases.rows.map((c) => c.id)).toEqual([w.maracCase.id]);
  });

  it("another organisation's person, and a MARAC case's victim, home and title, are not found by an officer on no panel", async () => {
    const w = await world();
    const housing = await searchEverything(w.housing.actor, w.surname);
    expect(housing.people.rows.map((p) => p.id)).toEqual([w.housingPerson.id]);
    expect(housing.cases.total).toBe(0);

    const tom = await searchEverything(w.tom.actor, w.surname);
    expect(tom).toMatchObject({ people: { total: 0 }, places: { total: 0 }, cases: { total: 0 } });
    const tomByTitle = await searchEverything(w.tom.actor, `Domestic abuse: ${w.surname}`);
    expect(tomByTitle.cases.total).toBe(0);
  });
});

describe("the search is posted", () => {
  it("keeps what was typed on the server: the address holds only a handle", async () => {
    const w = await world();
    signInForCalls(w.council.actor);
    const data = new FormData();
    for (const [key, value] of Object.entries({ _scope: "everything", _path: "/search", searched: "1", q: `Gwendolen ${w.surname}` }))
      data.append(key, value);
    const called = await callServerAction(() => saveSearchAction(data));
    const to = called.kind === "redirect" ? called.to : "";
    expect(to).toMatch(/^\/search\?searched=1&search=[A-Za-z0-9_-]{22}$/);
    expect(to).not.toContain(w.surname);
    const handle = new URL(to, "http://app.test").searchParams.get("search")!;
    const { params } = await resolveSearchParams(w.council.actor, "everything", { searched: "1", search: handle });
    expect(readEverythingSearch(params)).toEqual({ kind: "text", q: `Gwendolen ${w.surname}` });
  });

  it("a search of 10,000 characters is kept only in part and answered with a message", async () => {
    const w = await world();
    signInForCalls(w.council.actor);
    const data = new FormData();
    for (const [key, value] of Object.entries({ _scope: "everything", _path: "/search", searched: "1", q: "x".repeat(10_000) }))
      data.append(key, value);
    const called = await callServerAction(() => saveSearchAction(data));
    const handle = new URL(called.kind === "redirect" ? called.to : "", "http://app.test").searchParams.get("search")!;
    const { params } = await resolveSearchParams(w.council.actor, "everything", { searched: "1", search: handle });
    expect(readEverythingSearch(params)).toMatchObject({ kind: "invalid", error: "Search for 100 characters or fewer" });
  });

  it("an administrator, who has no case work to search, cannot save one", async () => {
    const admin = await agency({ role: "ADMIN" });
    signInForCalls(admin.actor);
    const data = new FormData();
    for (const [key, value] of Object.entries({ _scope: "everything", _path: "/search", q: "Smith" })) data.append(key, value);
    const called = await callServerAction(() => saveSearchAction(data));
    expect(called.kind).not.toBe("redirect");
    expect(await db.savedSearch.count({ where: { userId: admin.user.id } })).toBe(0);
  });
});
