import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { addPersonToCase, addPlaceToCase, incidentsForNewCase, linkIncidents } from "@/lib/cases/data";
import { inCaseYouCannotSee } from "@/lib/cases/labels";
import { getDashboard } from "@/lib/dashboard/data";
import { documentForDownload, listCaseDocuments, attachDocument } from "@/lib/documents/data";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createIncident, getIncident, listIncidents, updateIncident } from "@/lib/incidents/data";
import { INCIDENT_SORTS, parseIncidentFilters } from "@/lib/incidents/filters";
import type { IncidentInput } from "@/lib/incidents/schema";
import { parseListQuery } from "@/lib/list";
import { findLikelyMatches, findPeople, getPersonProfile, searchPeople } from "@/lib/people/data";
import { findLikelyPlaceMatches, getPlaceProfile, searchPlaces } from "@/lib/places/data";
import { getPower, listPowers } from "@/lib/powers/data";
import { parsePowerFilters, POWER_SORTS } from "@/lib/powers/filters";
import { listFigureRecords } from "@/lib/returns/data";
import { currentFinancialYearPeriod } from "@/lib/returns/period";
import { makeOrganisation } from "@/tests/support/fixtures";
import { FILES } from "@/tests/support/document-files";
import { makeMarker, makeReferral } from "@/tests/support/people-fixtures";
import { agency, colleague, makeIncident, makePerson, makePlace, open } from "./cases-support";

// The records of a restricted (MARAC) case — its incidents, powers (with their breaches and
// history), documents, and the people and places known only through it — are as secret as the
// case. Written from the side of an officer on no panel whose own organisation logged
// them (the outside security test's PC Tom Fletcher): he must not learn of any of it, by id, in
// a list, a count, a search, a picker, a profile, the register and its export, a return's
// drill-down or the dashboard. The officer who made a record keeps it; MARAC panel members and
// the user who referred the case see everything.

// The route handlers (pickers, register export) read the signed-in actor from the session.
const signedIn: { actor: Actor | null } = { actor: null };
vi.mock("@/lib/auth/session", () => ({ getActor: async () => signedIn.actor }));
const peopleApi = await import("@/app/api/people/search/route");
const placesApi = await import("@/app/api/places/search/route");
const registerApi = await import("@/app/api/returns/register/route");

const unique = () => randomUUID().slice(0, 8);
/** A made-up surname of random letters, so each world's searches find its own people. */
const surname = () => {
  const letters = Array.from({ length: 9 }, () => "bcdfghjklmnpqrstvwxz"[Math.floor(Math.random() * 20)]).join("");
  return `${letters[0]!.toUpperCase()}${letters.slice(1)}`;
};

/**
 * A police force with a MARAC panel member (Sarah, who logs the domestic abuse), two officers on
 * no panel (Tom, Daniel), an IDVA on the panel in another agency, and a housing officer on no panel
 * who referred the case. Sarah's MARAC case holds the victim, the alleged perpetrator and the
 * victim's home, an incident, an injunction with a breach, and a document.
 */
async function maracWorld() {
  const police = await makeOrganisation("POLICE");
  const sarah = await colleague(police.id, { panels: ["MARAC"] });
  const tom = await colleague(police.id);
  const daniel = await colleague(police.id);
  const idva = await agency({ kind: "VOLUNTARY_SECTOR", panels: ["MARAC"] });
  const referrer = await agency({ kind: "HOUSING_PROVIDER" });

  const marac = await open(sarah.actor, { kind: "MARAC", title: "High-risk domestic abuse" });
  await makeReferral({ caseId: marac.id, referringOrganisationId: referrer.organisation.id, referringUserId: referrer.user.id });

  const lastName = surname();
  const victim = await makePerson({
    createdByOrgId: police.id,
    createdById: sarah.user.id,
    firstName: "Philippa",
    lastName,
    dateOfBirth: "1994-03-12",
  });
  // An older profile, from before creators were recorded: its organisation alone made it.
  const perpetrator = await makePerson({ createdByOrgId: police.id, firstName: "Lucian", lastName: surname(), dateOfBirth: "1990-07-01" });
  const postcode = `SE15 ${1 + Math.floor(Math.random() * 9)}${"ABDEFGHJLNPQRSTUWXYZ"[Math.floor(Math.random() * 20)]}${"ABDEFGHJLNPQRSTUWXYZ"[Math.floor(Math.random() * 20)]}`;
  const home = await makePlace({ createdByOrgId: police.id, createdById: sarah.user.id, addressLine1: `23 ${lastName} Terrace`, postcode });
  await addPersonToCase(sarah.actor, marac.id, victim.id, "VICTIM");
  await addPersonToCase(sarah.actor, marac.id, perpetrator.id, "PERPETRATOR");
  await addPlaceToCase(sarah.actor, marac.id, home.id);
  await makeMarker({ personId: victim.id, recordedById: sarah.user.id });

  // A witness the force knows from an ordinary incident too: Tom may see them, not this incident.
  const witness = await makePerson({ createdByOrgId: police.id, createdById: daniel.user.id, firstName: "Ambrose", lastName: surname() });
  const ordinary = await makeIncident({ organisationId: police.id, officerId: daniel.user.id, people: [[witness.id, "WITNESS"]] });

  const incident = await makeIncident({
    organisationId: police.id,
    officerId: sarah.user.id,
    caseId: marac.id,
    locationId: home.id,
    people: [
      [victim.id, "VICTIM"],
      [perpetrator.id, "PERPETRATOR"],
      [witness.id, "WITNESS"],
    ],
  });
  await db.incident.update({
    where: { id: incident.id },
    data: { description: "Ex-partner at the door at night; further MARAC referral" },
  });

  const kind = await db.powerKind.create({
    data: {
      code: `INJ_${unique()}`,
      name: `Civil injunction ${unique()}`,
      legalBasis: "ASB, Crime and Policing Act 2014, Part 1",
      statutory: true,
      hasExpiry: true,
      needsCourt: true,
      appealable: true,
    },
  });
  // Within the hour: the same financial year as today's return, whatever the date.
  const issuedAt = new Date(Date.now() - 3_600_000);
  const injunction = await db.powerUse.create({
    data: {
      reference: `PWR-TEST-${unique()}`,
      kindId: kind.id,
      subjectPersonId: perpetrator.id,
      locationId: home.id,
      caseId: marac.id,
      issuingOrganisationId: police.id,
      issuingOfficerId: sarah.user.id,
      issuedAt,
      expiresAt: new Date(Date.now() + 10 * 86_400_000),
      conditions: `Not to contact Philippa ${lastName} or enter ${home.addressLine1}`,
      status: "ISSUED",
      statusChanges: { create: { fromStatus: null, toStatus: "ISSUED", changedAt: issuedAt, changedById: sarah.user.id } },
      breaches: { create: { breachedAt: new Date(Date.now() - 1_800_000), actionTaken: "WARNING", recordedById: sarah.user.id } },
    },
  });
  const document = await attachDocument(sarah.actor, marac.id, {
    fileName: "statement.pdf",
    bytes: FILES.pdf,
    description: "Victim statement",
  });

  return {
    police,
    sarah,
    tom,
    daniel,
    idva,
    referrer,
    marac,
    victim,
    perpetrator,
    witness,
    home,
    postcode,
    ordinary,
    incident,
    kind,
    injunction,
    document,
  };
}

const allIncidents = parseListQuery<(typeof INCIDENT_SORTS)[number]>({}, { sorts: INCIDENT_SORTS, defaultSort: "occurred", pageSize: 100 });
const allPowers = parseListQuery<(typeof POWER_SORTS)[number]>({}, { sorts: POWER_SORTS, defaultSort: "issued", pageSize: 100 });

async function incidentIds(actor: Actor, params: Record<string, string> = {}) {
  const list = await listIncidents(actor, parseIncidentFilters(params).filters, allIncidents);
  return { ids: list.rows.map((r) => r.id), total: list.total };
}

async function refusals(userId: string, entityType: string, entityId: string) {
  return db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId, entityType, entityId } });
}

async function pickPeople(actor: Actor, q: string) {
  signedIn.actor = actor;
  const response = await peopleApi.POST(
    new Request("http://localhost/api/people/search", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ q }),
    }),
  );
  return ((await response.json()) as { results: { id: string }[] }).results.map((r) => r.id);
}

async function pickPlaces(actor: Actor, q: string) {
  signedIn.actor = actor;
  const response = await placesApi.POST(
    new Request("http://localhost/api/places/search", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ q }),
    }),
  );
  return ((await response.json()) as { results: { id: string }[] }).results.map((r) => r.id);
}

async function registerCsv(actor: Actor) {
  signedIn.actor = actor;
  const response = await registerApi.GET(
    new Request(`http://localhost/api/returns/register?period=${currentFinancialYearPeriod().key}&format=csv`),
  );
  expect(response.status).toBe(200);
  return response.text();
}

const trendTotal = async (actor: Actor) => (await getDashboard(actor)).trends!.months.reduce((sum, m) => sum + m.count, 0);

describe("a restricted case's records, from the side of an officer on no panel in the organisation that logged them", () => {
  it("an incident in a MARAC case logged by a colleague is not found by id (the refusal audited), listed, counted, or shown on a profile", async () => {
    const w = await maracWorld();

    await expect(getIncident(w.tom.actor, w.incident.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await refusals(w.tom.user.id, "Incident", w.incident.id)).toBe(1);

    const listed = await incidentIds(w.tom.actor);
    expect(listed.ids).toEqual([w.ordinary.id]);
    expect(listed.total).toBe(1);
    expect((await incidentIds(w.tom.actor, { case: "no" })).ids).toEqual([w.ordinary.id]);
    expect((await incidentIds(w.tom.actor, { person: w.witness.id })).ids).toEqual([w.ordinary.id]);

    // The dashboard counts the organisation's incidents as the list does, and names no victim of
    // an incident he may not open (the victim is vulnerable: Sarah's dashboard lists her).
    expect(await trendTotal(w.tom.actor)).toBe(1);
    expect(await trendTotal(w.sarah.actor)).toBe(2);
    const tomsAlerts = (await getDashboard(w.tom.actor)).safeguarding!.people.map((p) => p.personId);
    expect(tomsAlerts).not.toContain(w.victim.id);
    expect((await getDashboard(w.sarah.actor)).safeguarding!.people.map((p) => p.personId)).toContain(w.victim.id);

    // The witness's profile: the ordinary incident only.
    const profile = await getPersonProfile(w.tom.actor, w.witness.id);
    if (profile.kind !== "profile") throw new Error("expected a profile");
    expect(profile.profile.incidents.rows.map((i) => i.id)).toEqual([w.ordinary.id]);
    expect(profile.profile.incidents.total).toBe(1);
  });

  it("an injunction on a MARAC case issued by a colleague is not found by id, in the register, its CSV export, the dashboard, or a return's drill-down, which says it holds one back", async () => {
    const w = await maracWorld();

    await expect(getPower(w.tom.actor, w.injunction.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await refusals(w.tom.user.id, "PowerUse", w.injunction.id)).toBe(1);
    expect((await listPowers(w.tom.actor, parsePowerFilters({}).filters, allPowers)).rows.map((p) => p.id)).not.toContain(w.injunction.id);

    const csv = await registerCsv(w.tom.actor);
    expect(csv).not.toContain(w.injunction.reference);
    expect(csv).not.toContain(w.victim.lastName);

    expect((await getDashboard(w.tom.actor)).powersExpiring).toEqual({ count: 0, items: [] });
    expect((await getDashboard(w.sarah.actor)).powersExpiring!.items.map((p) => p.id)).toEqual([w.injunction.id]);

    // The return still counts it (a return must be complete); the drill-down holds it back.
    const period = currentFinancialYearPeriod();
    for (const measure of ["issued", "breaches"]) {
      const figure = await listFigureRecords(w.tom.actor, {
        key: "tools-and-powers",
        period,
        measure,
        filter: { kind: w.kind.id },
        page: 1,
      });
      expect(figure).toMatchObject({ total: 1, heldBack: 1 });
      expect(figure.page.rows).toEqual([]);
      expect(
        await listFigureRecords(w.sarah.actor, { key: "tools-and-powers", period, measure, filter: { kind: w.kind.id }, page: 1 }),
      ).toMatchObject({ total: 1, heldBack: 0 });
    }
  });

  it("the victim, the alleged perpetrator and her home, known only through the MARAC case, are not found by id, in searches, in the pickers or as likely duplicates", async () => {
    const w = await maracWorld();
    const tom = w.tom.actor;

    for (const person of [w.victim, w.perpetrator]) {
      await expect(getPersonProfile(tom, person.id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await refusals(w.tom.user.id, "Person", person.id)).toBe(1);
      const text = `${person.firstName} ${person.lastName}`.toLowerCase();
      expect((await searchPeople(tom, { text, dateOfBirth: null }, { page: 1, pageSize: 20 })).rows.map((p) => p.id)).not.toContain(
        person.id,
      );
      expect((await findPeople(tom, { text, dateOfBirth: null }, 10)).map((p) => p.id)).not.toContain(person.id);
      expect(await pickPeople(tom, text)).not.toContain(person.id);
      expect(
        (await findLikelyMatches(tom, { firstName: person.firstName, lastName: person.lastName, dateOfBirth: person.dateOfBirth })).map(
          (p) => p.id,
        ),
      ).not.toContain(person.id);
    }
    // A person he may see in the same incident is still found.
    expect(await pickPeople(tom, `ambrose ${w.witness.lastName}`.toLowerCase())).toContain(w.witness.id);

    await expect(getPlaceProfile(tom, w.home.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await refusals(w.tom.user.id, "Location", w.home.id)).toBe(1);
    expect((await searchPlaces(tom, { q: w.postcode, page: 1, pageSize: 20 })).rows.map((p) => p.id)).not.toContain(w.home.id);
    expect((await searchPlaces(tom, { q: w.home.addressLine1, page: 1, pageSize: 20 })).rows.map((p) => p.id)).not.toContain(w.home.id);
    expect(await pickPlaces(tom, w.postcode)).not.toContain(w.home.id);
    const same = {
      addressLine1: w.home.addressLine1,
      addressLine2: null,
      town: "London",
      postcode: w.postcode,
      kind: "RESIDENTIAL" as const,
      uprn: null,
    };
    expect((await findLikelyPlaceMatches(tom, same)).map((p) => p.id)).not.toContain(w.home.id);

    // Sarah's colleague sees the same as a stranger would: and Sarah, on the panel, finds them all.
    expect(await pickPeople(w.sarah.actor, `philippa ${w.victim.lastName}`.toLowerCase())).toContain(w.victim.id);
    expect(await pickPlaces(w.sarah.actor, w.postcode)).toContain(w.home.id);
  });

  it("a document on the MARAC case is neither listed nor downloadable", async () => {
    const w = await maracWorld();
    expect(await listCaseDocuments(w.tom.actor, w.marac.id)).toEqual({ rows: [], total: 0 });
    await expect(documentForDownload(w.tom.actor, w.marac.id, w.document.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await refusals(w.tom.user.id, "CaseDocument", w.document.id)).toBe(1);
  });
});

describe("linking an existing record to a MARAC case hides it from that moment", () => {
  function incidentInput(overrides: Partial<IncidentInput> = {}): IncidentInput {
    return {
      occurredAt: new Date(Date.now() - 2 * 3_600_000),
      reportedAt: new Date(Date.now() - 3_600_000),
      reportMethod: "PHONE",
      category: "PERSONAL",
      type: "INTIMIDATION_HARASSMENT",
      description: "Shouting at the door late at night",
      riskLevel: "HIGH",
      location: null,
      people: [],
      caseId: null,
      ...overrides,
    };
  }

  it("from the officer's colleagues: the incident, and the person and place he added with it; he keeps all three, and his incident says only that it is in no case he can see", async () => {
    const w = await maracWorld();
    const lastName = surname();
    const logged = await createIncident(
      w.daniel.actor,
      incidentInput({
        location: { create: { addressLine1: `7 ${lastName} Road`, town: "London", postcode: w.postcode, kind: "RESIDENTIAL" } },
        people: [{ person: { create: { firstName: "Henrietta", lastName, dateOfBirth: null } }, role: "VICTIM", row: 0 }],
      }),
      randomUUID(),
    );
    const before = await getIncident(w.tom.actor, logged.id);
    const personId = before.people[0]!.personId;
    const placeId = before.location!.id;
    expect((await db.person.findUniqueOrThrow({ where: { id: personId } })).createdById).toBe(w.daniel.user.id);
    expect((await db.location.findUniqueOrThrow({ where: { id: placeId } })).createdById).toBe(w.daniel.user.id);
    expect(await pickPeople(w.tom.actor, `henrietta ${lastName}`.toLowerCase())).toContain(personId);

    await linkIncidents(w.sarah.actor, w.marac.id, [logged.reference]);

    await expect(getIncident(w.tom.actor, logged.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await incidentIds(w.tom.actor)).ids).not.toContain(logged.id);
    await expect(getPersonProfile(w.tom.actor, personId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await pickPeople(w.tom.actor, `henrietta ${lastName}`.toLowerCase())).not.toContain(personId);
    await expect(getPlaceProfile(w.tom.actor, placeId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await pickPlaces(w.tom.actor, `7 ${lastName} road`)).not.toContain(placeId);

    // Daniel logged it and made the person and the place: all stay his.
    const his = await getIncident(w.daniel.actor, logged.id);
    expect(await getPersonProfile(w.daniel.actor, personId)).toMatchObject({ kind: "profile" });
    expect(await getPlaceProfile(w.daniel.actor, placeId)).toMatchObject({ place: { id: placeId } });
    expect((await incidentIds(w.daniel.actor)).ids).toContain(logged.id);

    // The same words as an incident in no case, and the same "open a case" offer; trying it, or
    // choosing a case for it, says it is in a case he cannot see, never which.
    expect(his.case).toBeNull();
    expect(his.mayOpenCase).toBe(true);
    const fresh = await getIncident(w.daniel.actor, w.ordinary.id);
    expect({ case: fresh.case, mayOpenCase: fresh.mayOpenCase }).toEqual({ case: null, mayOpenCase: true });
    expect(await incidentsForNewCase(w.daniel.actor, [logged.id])).toMatchObject({
      available: [],
      alreadyInCase: [{ reference: logged.reference, caseReference: null }],
      notFound: 0,
    });
    const ownCase = await open(w.daniel.actor, { title: "Noise" });
    const refusal = linkIncidents(w.daniel.actor, ownCase.id, [logged.reference]);
    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toMatchObject({
      fieldErrors: { incidentReferences: [inCaseYouCannotSee(logged.reference, "this case")] },
    });
    const edit = updateIncident(
      w.daniel.actor,
      logged.id,
      (await db.incident.findUniqueOrThrow({ where: { id: logged.id } })).version,
      incidentInput({ caseId: ownCase.id }),
    );
    await expect(edit).rejects.toMatchObject({ fieldErrors: { caseId: [inCaseYouCannotSee(logged.reference, "another case")] } });
  });

  it("from the organisation that made a person: adding an otherwise unlinked profile to a MARAC case hides it, but one also known elsewhere stays", async () => {
    const w = await maracWorld();
    const lastName = surname();
    const unlinked = await makePerson({ createdByOrgId: w.police.id, createdById: w.daniel.user.id, firstName: "Octavia", lastName });
    const knownElsewhere = await makePerson({ createdByOrgId: w.police.id, firstName: "Barnabas", lastName });
    await makeIncident({ organisationId: w.idva.organisation.id, officerId: w.idva.user.id, people: [[knownElsewhere.id, "WITNESS"]] });
    for (const p of [unlinked, knownElsewhere]) expect(await getPersonProfile(w.tom.actor, p.id)).toMatchObject({ kind: "profile" });

    await addPersonToCase(w.sarah.actor, w.marac.id, unlinked.id, "OTHER");
    await addPersonToCase(w.sarah.actor, w.marac.id, knownElsewhere.id, "OTHER");

    await expect(getPersonProfile(w.tom.actor, unlinked.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await getPersonProfile(w.daniel.actor, unlinked.id)).toMatchObject({ kind: "profile" });
    // Known through another agency's ordinary incident too: not known only through the MARAC case.
    const profile = await getPersonProfile(w.tom.actor, knownElsewhere.id);
    if (profile.kind !== "profile") throw new Error("expected a profile");
    expect(profile.profile.cases).toEqual([]);
  });
});

describe("who still sees a restricted case's records", () => {
  it("the officer who issued a power on it sees the power, without its case; his colleagues do not", async () => {
    const w = await maracWorld();
    const power = await db.powerUse.create({
      data: {
        reference: `PWR-TEST-${unique()}`,
        kindId: w.kind.id,
        subjectPersonId: w.perpetrator.id,
        caseId: w.marac.id,
        issuingOrganisationId: w.police.id,
        issuingOfficerId: w.tom.user.id,
        issuedAt: new Date(),
        status: "ISSUED",
      },
    });
    const his = await getPower(w.tom.actor, power.id);
    expect(his.case).toBeNull();
    expect((await listPowers(w.tom.actor, parsePowerFilters({}).filters, allPowers)).rows.map((p) => p.id)).toEqual([power.id]);
    expect(await registerCsv(w.tom.actor)).toContain(power.reference);
    // Its subject is on it by name, so the profile opens for him, showing only what he may see.
    const subject = await getPersonProfile(w.tom.actor, w.perpetrator.id);
    if (subject.kind !== "profile") throw new Error("expected a profile");
    expect(subject.profile.powers.map((p) => p.id)).toEqual([power.id]);
    expect(subject.profile.cases).toEqual([]);

    await expect(getPower(w.daniel.actor, power.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await registerCsv(w.daniel.actor)).not.toContain(power.reference);
  });

  it.each(["sarah", "idva", "referrer"] as const)(
    "%s (a MARAC panel member, or the user who referred the case) sees every record of it",
    async (who) => {
      const w = await maracWorld();
      const actor = w[who].actor;
      expect((await getIncident(actor, w.incident.id)).case?.id).toBe(w.marac.id);
      const power = await getPower(actor, w.injunction.id);
      expect(power.case?.id).toBe(w.marac.id);
      expect(power.breaches).toHaveLength(1);
      expect(power.history).toHaveLength(1);
      for (const person of [w.victim, w.perpetrator]) expect(await getPersonProfile(actor, person.id)).toMatchObject({ kind: "profile" });
      expect(await getPlaceProfile(actor, w.home.id)).toMatchObject({ place: { id: w.home.id } });
      expect((await listCaseDocuments(actor, w.marac.id)).rows.map((d) => d.id)).toEqual([w.document.id]);
      expect((await documentForDownload(actor, w.marac.id, w.document.id)).fileName).toBe("statement.pdf");
    },
  );
});
