import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor-type";
import { findLikelyMatches, findPeople, getPersonProfile, searchPeople } from "@/lib/people/data";
import { ZPeopleSearchApi, type PeopleSearchQuery } from "@/lib/people/schema";
import { searchText } from "@/lib/search-text";
import { agency, colleague, makeCase, makeIncident, makePerson } from "@/tests/support/people-fixtures";

// Each test makes its own organisations: a new organisation sees only the people linked to it, so
// tests never see each other's people.

const query = (text: string, dob: string | null = null): PeopleSearchQuery => ({
  text: searchText(text),
  dateOfBirth: dob ? new Date(`${dob}T00:00:00Z`) : null,
});
const search = (actor: Actor, text: string, dob: string | null = null) => searchPeople(actor, query(text, dob), { page: 1, pageSize: 25 });
const names = (rows: { firstName: string; lastName: string }[]) => rows.map((r) => `${r.firstName} ${r.lastName}`);

describe("fuzzy search for people", () => {
  it("a misspelt surname with the right date of birth is suggested first", async () => {
    const { organisation, actor } = await agency();
    const org = organisation.id;
    const steven = await makePerson({ createdByOrgId: org, firstName: "Steven", lastName: "Docherty", dateOfBirth: "1985-03-02" });
    // The exact name typed, but a different person (other date of birth), and other near names.
    await makePerson({ createdByOrgId: org, firstName: "Stephen", lastName: "Dougherty", dateOfBirth: "1971-11-20" });
    await makePerson({ createdByOrgId: org, firstName: "Stephen", lastName: "Doughty", dateOfBirth: "1990-06-15" });
    await makePerson({ createdByOrgId: org, firstName: "Stephanie", lastName: "Dougherty", dateOfBirth: null });

    const found = await search(actor, "Stephen Dougherty", "1985-03-02");
    expect(found.rows[0]?.id).toBe(steven.id);
    expect(found.rows[0]?.dateOfBirthMatches).toBe(true);
    expect(names(found.rows)).toContain("Stephen Dougherty");

    // The same rule offers Steven Docherty first when someone starts to create "Stephen Dougherty".
    const matches = await findLikelyMatches(actor, {
      firstName: "Stephen",
      lastName: "Dougherty",
      dateOfBirth: new Date("1985-03-02T00:00:00Z"),
    });
    expect(matches[0]?.id).toBe(steven.id);
  });

  it("ranks the closest spelling first when no date of birth is given", async () => {
    const { organisation, actor } = await agency();
    const margaret = await makePerson({ createdByOrgId: organisation.id, firstName: "Margaret", lastName: "Ellison" });
    await makePerson({ createdByOrgId: organisation.id, firstName: "Margaret", lastName: "Elliott" });
    await makePerson({ createdByOrgId: organisation.id, firstName: "Martin", lastName: "Ellis" });

    for (const typed of ["margret elison", "Margaret Ellsion", "ELLISON", "ellison margaret"]) {
      expect((await search(actor, typed)).rows[0]?.id, typed).toBe(margaret.id);
    }
  });

  it("finds a person from their initial and surname, ahead of others with the surname", async () => {
    const { organisation, actor } = await agency();
    const john = await makePerson({ createdByOrgId: organisation.id, firstName: "John", lastName: "Smith" });
    const mary = await makePerson({ createdByOrgId: organisation.id, firstName: "Mary", lastName: "Smith" });

    const found = await search(actor, "J. Smith");
    expect(found.rows.map((r) => r.id)).toEqual([john.id, mary.id]);
  });

  it("finds a person by a name they are also known as, and says which", async () => {
    const { organisation, actor } = await agency();
    const kyle = await makePerson({
      createdByOrgId: organisation.id,
      firstName: "Kyle",
      lastName: "Denton",
      aliases: [{ lastName: "Kaydee" }, { firstName: "Kyle", lastName: "Dent" }],
    });
    const gary = await makePerson({
      createdByOrgId: organisation.id,
      firstName: "Gary",
      lastName: "Wilkins",
      aliases: [{ firstName: "Gaz", lastName: "Wilkins" }],
    });

    const kaydee = await search(actor, "kaydee");
    expect(kaydee.rows.map((r) => r.id)).toEqual([kyle.id]);
    expect(kaydee.rows[0]?.matchedAliases).toEqual(["Kaydee"]);

    const gaz = await search(actor, "gaz wilkens");
    expect(gaz.rows[0]?.id).toBe(gary.id);
    expect(gaz.rows[0]?.matchedAliases).toEqual(["Gaz Wilkins"]);
  });

  it("finds common misspellings that trigrams judge harshly (smyth for Smith)", async () => {
    const { organisation, actor } = await agency();
    const smith = await makePerson({ createdByOrgId: organisation.id, firstName: "Ann", lastName: "Smith" });
    const evans = await makePerson({ createdByOrgId: organisation.id, firstName: "Rhys", lastName: "Evans" });
    expect((await search(actor, "smyth")).rows.map((r) => r.id)).toContain(smith.id);
    expect((await search(actor, "evens")).rows.map((r) => r.id)).toContain(evans.id);
  });

  it("a date of birth alone lists the people born that day", async () => {
    const { organisation, actor } = await agency();
    const a = await makePerson({ createdByOrgId: organisation.id, firstName: "Amina", lastName: "Yusuf", dateOfBirth: "1991-07-14" });
    await makePerson({ createdByOrgId: organisation.id, firstName: "Amina", lastName: "Yusuf", dateOfBirth: "1991-07-15" });
    expect((await search(actor, "", "1991-07-14")).rows.map((r) => r.id)).toEqual([a.id]);
  });

  it("an empty search finds nobody rather than listing everyone", async () => {
    const { organisation, actor } = await agency();
    await makePerson({ createdByOrgId: organisation.id, firstName: "Nicola", lastName: "Hart" });
    const found = await searchPeople(actor, { text: "", dateOfBirth: null }, { page: 1, pageSize: 25 });
    expect(found.rows).toEqual([]);
    expect(found.total).toBe(0);
  });

  it("pages through the matches on the server", async () => {
    const { organisation, actor } = await agency();
    for (let i = 0; i < 7; i++)
      await makePerson({ createdByOrgId: organisation.id, firstName: `Pager${"abcdefg"[i]}`, lastName: "Quennell" });
    const first = await searchPeople(actor, query("quennell"), { page: 1, pageSize: 5 });
    const second = await searchPeople(actor, query("quennell"), { page: 2, pageSize: 5 });
    expect(first.total).toBe(7);
    expect(first.totalPages).toBe(2);
    expect(first.rows).toHaveLength(5);
    expect(second.rows).toHaveLength(2);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(7);
  });

  it("the picker's search returns the best few with their alerts", async () => {
    const { organisation, user, actor } = await agency();
    const victim = await makePerson({ createdByOrgId: organisation.id, firstName: "Winifred", lastName: "Abernathy" });
    for (let i = 0; i < 3; i++)
      await makeIncident({ organisationId: organisation.id, officerId: user.id, people: [[victim.id, "VICTIM"]] });
    const [found] = await findPeople(actor, query("winifred abernathy"), 10);
    expect(found).toMatchObject({ id: victim.id, alerts: { repeatVictim: true, vulnerable: false } });
  });

  it("the picker's query string: a name too short to search yet is no search; a bad date is refused", () => {
    expect(ZPeopleSearchApi.parse({ q: "a" })).toEqual({ query: { text: "", dateOfBirth: null }, limit: 10 });
    expect(ZPeopleSearchApi.parse({ q: "Ng", dob: "1990-02-01", limit: "50" })).toEqual({
      query: { text: "ng", dateOfBirth: new Date("1990-02-01T00:00:00Z") },
      limit: 10,
    });
    expect(ZPeopleSearchApi.safeParse({ q: "smith", dob: "1990-02-31" }).success).toBe(false);
    expect(ZPeopleSearchApi.safeParse({ q: "smith", dob: "3000-01-01" }).success).toBe(false);
  });
});

describe("who can find a person", () => {
  it("a person who appears only in another organisation's unshared incident is not found, by search or by id, and the look is audited", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const stranger = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Quentin", lastName: "Marchbanks" });
    await makeIncident({ organisationId: police.organisation.id, officerId: police.user.id, people: [[stranger.id, "PERPETRATOR"]] });

    expect((await search(police.actor, "quentin marchbanks")).rows.map((r) => r.id)).toEqual([stranger.id]);
    expect((await search(housing.actor, "quentin marchbanks")).rows).toEqual([]);
    expect(await findPeople(housing.actor, query("marchbanks"), 10)).toEqual([]);
    expect(await findLikelyMatches(housing.actor, { firstName: "Quentin", lastName: "Marchbanks", dateOfBirth: null })).toEqual([]);

    await expect(getPersonProfile(housing.actor, stranger.id)).rejects.toBeInstanceOf(NotFoundError);
    const refusals = await db.auditEvent.findMany({ where: { action: "ACCESS_REFUSED", entityType: "Person", entityId: stranger.id } });
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ userId: housing.user.id, organisationId: housing.organisation.id });
  });

  it("sharing the case with an organisation makes its people findable there", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const person = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Ottoline", lastName: "Pemberton" });
    const shared = await makeCase({
      leadOrganisationId: police.organisation.id,
      createdById: police.user.id,
      sharedWith: [housing.organisation.id],
    });
    await makeIncident({
      organisationId: police.organisation.id,
      officerId: police.user.id,
      caseId: shared.id,
      people: [[person.id, "VICTIM"]],
    });
    expect((await search(housing.actor, "ottoline pemberton")).rows.map((r) => r.id)).toEqual([person.id]);
  });

  it("a person in a restricted MARAC case only is not found outside the panel, but is by a MARAC panel member of another organisation", async () => {
    const idva = await agency({ kind: "VOLUNTARY_SECTOR", panels: ["MARAC"] });
    const victim = await makePerson({
      createdByOrgId: idva.organisation.id,
      firstName: "Persephone",
      lastName: "Langridge",
      dateOfBirth: "1992-04-09",
    });
    const marac = await makeCase({
      leadOrganisationId: idva.organisation.id,
      createdById: idva.user.id,
      kind: "MARAC",
      people: [[victim.id, "VICTIM"]],
    });
    await db.person.update({ where: { id: victim.id }, data: { createdByOrgId: (await agency()).organisation.id } });

    const police = await agency({ kind: "POLICE" });
    const policePanel = await colleague(police.organisation.id, { panels: ["MARAC"] });
    // A colleague of the lead organisation who is not on the panel does not see it either.
    const leadNotOnPanel = await colleague(idva.organisation.id);

    for (const outsider of [police.actor, leadNotOnPanel.actor]) {
      expect((await search(outsider, "persephone langridge", "1992-04-09")).rows).toEqual([]);
      await expect(getPersonProfile(outsider, victim.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect((await search(policePanel.actor, "persephone langridge")).rows.map((r) => r.id)).toEqual([victim.id]);
    const outcome = await getPersonProfile(policePanel.actor, victim.id);
    expect(outcome.kind === "profile" && outcome.profile.cases.map((c) => c.id)).toEqual([marac.id]);
  });

  it("a profile merged into another is never listed", async () => {
    const { organisation, actor } = await agency();
    const survivor = await makePerson({ createdByOrgId: organisation.id, firstName: "Barnaby", lastName: "Oyelaran" });
    const tombstone = await makePerson({ createdByOrgId: organisation.id, firstName: "Barnaby", lastName: "Oyelaran" });
    await db.person.update({ where: { id: tombstone.id }, data: { mergedIntoId: survivor.id, mergedAt: new Date() } });
    expect((await search(actor, "barnaby oyelaran")).rows.map((r) => r.id)).toEqual([survivor.id]);
  });

  it("an administrator, who has no access to case content, finds nobody", async () => {
    const admin = await agency({ role: "ADMIN" });
    await makePerson({ createdByOrgId: admin.organisation.id, firstName: "Isadora", lastName: "Quill" });
    expect((await search(admin.actor, "isadora quill")).rows).toEqual([]);
    expect(await findPeople(admin.actor, query("isadora quill"), 10)).toEqual([]);
  });
});
