import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createIncident, getIncident, listIncidents, updateIncident, IncidentChangedError, caseChoicesFor } from "@/lib/incidents/data";
import type { IncidentInput } from "@/lib/incidents/schema";
import { parseIncidentFilters, type IncidentSort } from "@/lib/incidents/filters";
import { parseListQuery } from "@/lib/list";
import { alertsFor } from "@/lib/people/alerts";
import { sealAndVerifyAuditChain } from "@/tests/support/audit-chain";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { searchText } from "@/lib/search-text";
import type { Actor } from "@/lib/auth/actor-type";
import type { OrganisationKind, Panel, Role } from "@/lib/generated/prisma/enums";
import { actorFor, makeOrganisation, makeUser } from "@/tests/support/fixtures";

// ───────────────────────────── Builders ─────────────────────────────

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function officerOf(kind: OrganisationKind = "POLICE", options: { role?: Role; panels?: Panel[] } = {}): Promise<Actor> {
  const org = await makeOrganisation(kind);
  return actorFor((await makeUser({ organisationId: org.id, role: options.role, panels: options.panels })).id);
}

async function colleagueOf(actor: Actor, options: { role?: Role; panels?: Panel[] } = {}): Promise<Actor> {
  return actorFor((await makeUser({ organisationId: actor.organisationId, role: options.role, panels: options.panels })).id);
}

async function makeCase(lead: Actor, options: { sharedWith?: Actor[]; restricted?: boolean; status?: "OPEN" | "CLOSED" } = {}) {
  return db.case.create({
    data: {
      reference: `CASE-T-${randomUUID().slice(0, 8)}`,
      kind: options.restricted ? "MARAC" : "ASB",
      title: "Test case",
      leadOrganisationId: lead.organisationId,
      createdById: lead.userId,
      restricted: options.restricted ?? false,
      status: options.status ?? "OPEN",
      shares: { create: (options.sharedWith ?? []).map((a) => ({ organisationId: a.organisationId, sharedById: lead.userId })) },
    },
  });
}

async function makePerson(owner: Actor, firstName = "Alex", lastName = `Tester${randomUUID().slice(0, 6)}`) {
  return db.person.create({
    data: { firstName, lastName, searchText: searchText(firstName, lastName), createdByOrgId: owner.organisationId },
  });
}

async function makePlace(owner: Actor) {
  return db.location.create({
    data: {
      addressLine1: `${Math.floor(Math.random() * 200)} Test Street`,
      town: "London",
      postcode: "SE15 4QF",
      kind: "RESIDENTIAL",
      searchText: "test street",
      createdByOrgId: owner.organisationId,
    },
  });
}

function input(overrides: Partial<IncidentInput> = {}): IncidentInput {
  const now = Date.now();
  return {
    occurredAt: new Date(now - 2 * HOUR),
    reportedAt: new Date(now - HOUR),
    reportMethod: "PHONE",
    category: "NUISANCE",
    type: "NOISE",
    description: "Loud music from the flat upstairs until 3am.",
    riskLevel: "STANDARD",
    location: null,
    people: [],
    caseId: null,
    ...overrides,
  };
}

const log = (actor: Actor, overrides: Partial<IncidentInput> = {}) => createIncident(actor, input(overrides), randomUUID());

async function listFor(actor: Actor, params: Record<string, string> = {}) {
  const { filters } = parseIncidentFilters(params);
  const query = parseListQuery<IncidentSort>(params, {
    sorts: ["occurred", "reported", "reference", "risk"],
    defaultSort: "occurred",
    pageSize: 100,
  });
  return listIncidents(actor, filters, query);
}

async function counts() {
  const [incidents, people, places, links, audit, timeline, counters, submissions] = await Promise.all([
    db.incident.count(),
    db.person.count(),
    db.location.count(),
    db.incidentPerson.count(),
    db.auditEvent.count(),
    db.timelineEntry.count(),
    db.referenceCounter.findMany({ orderBy: [{ prefix: "asc" }, { year: "asc" }] }),
    db.formSubmission.count(),
  ]);
  return { incidents, people, places, links, audit, timeline, counters, submissions };
}

const sequenceOf = (reference: string) => Number(reference.split("-")[2]);

// ───────────────────────────── Logging ─────────────────────────────

describe("logging an incident", () => {
  it("gives the incident a reference, links its people and place, and audits it in the same transaction", async () => {
    const officer = await officerOf();
    const place = await makePlace(officer);
    const victim = await makePerson(officer);
    const logged = await log(officer, {
      location: { id: place.id },
      people: [
        { person: { id: victim.id }, role: "VICTIM", row: 0 },
        { person: { id: victim.id }, role: "REPORTER", row: 1 },
      ],
    });
    expect(logged.reference).toMatch(/^INC-\d{4}-\d{6}$/);
    const stored = await db.incident.findUniqueOrThrow({ where: { id: logged.id }, include: { people: true } });
    expect(stored).toMatchObject({
      locationId: place.id,
      reportingOrganisationId: officer.organisationId,
      reportingOfficerId: officer.userId,
      version: 1,
    });
    expect(stored.people.map((p) => p.role).sort()).toEqual(["REPORTER", "VICTIM"]);
    const audit = await db.auditEvent.findFirst({ where: { entityType: "Incident", entityId: logged.id, action: "CREATE" } });
    expect(audit?.userId).toBe(officer.userId);
    expect((await sealAndVerifyAuditChain()).ok).toBe(true);
  });

  it("50 officers submitting at the same moment get 50 different references with no gap", async () => {
    const officers = await Promise.all(Array.from({ length: 5 }, () => officerOf()));
    const logged = await Promise.all(Array.from({ length: 50 }, (_, i) => log(officers[i % officers.length]!)));
    const numbers = logged.map((l) => sequenceOf(l.reference)).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers[49]! - numbers[0]!).toBe(49);
    const counter = await db.referenceCounter.findFirstOrThrow({ where: { prefix: "INC" }, orderBy: { year: "desc" } });
    expect(counter.last).toBe(numbers[49]);
  }, 120_000);

  it("the same form submitted twice at once (double click, refresh) creates one incident", async () => {
    const officer = await officerOf();
    const key = randomUUID();
    const before = await db.incident.count();
    const results = await Promise.all(Array.from({ length: 5 }, () => createIncident(officer, input(), key)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await db.incident.count()).toBe(before + 1);
  });

  it("a form key replayed by another user is refused, not turned into their incident", async () => {
    const officer = await officerOf();
    const key = randomUUID();
    await createIncident(officer, input(), key);
    const stranger = await officerOf();
    await expect(createIncident(stranger, input(), key)).rejects.toBeInstanceOf(ConflictError);
  });

  it("adds a new person and a new place in the same transaction as the incident", async () => {
    const officer = await officerOf();
    const logged = await log(officer, {
      location: { create: { addressLine1: "Flat 2, 9 New Road", town: "London", postcode: "SE16 3LT", kind: "RESIDENTIAL" } },
      people: [
        {
          person: { create: { firstName: "Jamie", lastName: "Newperson", dateOfBirth: new Date(Date.UTC(1990, 4, 2)) } },
          role: "VICTIM",
          row: 0,
        },
      ],
    });
    const detail = await getIncident(officer, logged.id);
    expect(detail.location).toMatchObject({ addressLine1: "Flat 2, 9 New Road", postcode: "SE16 3LT" });
    expect(detail.people).toMatchObject([{ name: "Jamie Newperson", role: "VICTIM" }]);
    const person = await db.person.findUniqueOrThrow({ where: { id: detail.people[0]!.personId } });
    expect(person.createdByOrgId).toBe(officer.organisationId);
  });

  it("links the incident to the case timeline when a case is chosen", async () => {
    const officer = await officerOf();
    const kase = await makeCase(officer);
    const logged = await log(officer, { caseId: kase.id });
    const entry = await db.timelineEntry.findFirst({ where: { caseId: kase.id, kind: "INCIDENT_LINKED", subjectId: logged.id } });
    expect(entry?.summary).toContain(logged.reference);
  });

  it("a viewer cannot log an incident", async () => {
    const viewer = await officerOf("LOCAL_AUTHORITY", { role: "VIEWER" });
    await expect(log(viewer)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

// ───────────────────────────── Ids the actor may not see ─────────────────────────────

describe("ids sent by the browser are checked against what the officer may see", () => {
  it("a person, place or case from another organisation's records is refused as invalid input, and nothing is linked", async () => {
    const officer = await officerOf();
    const stranger = await officerOf("HOUSING_PROVIDER");
    const theirPerson = await makePerson(stranger);
    const theirPlace = await makePlace(stranger);
    const theirCase = await makeCase(stranger);
    const before = await counts();
    const error = await log(officer, {
      location: { id: theirPlace.id },
      people: [{ person: { id: theirPerson.id }, role: "VICTIM", row: 0 }],
      caseId: theirCase.id,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(["caseId", "locationId", "people.0.personId"]);
    expect(await counts()).toEqual(before);
  });

  it("a restricted MARAC case is refused even when it is shared with the officer's organisation", async () => {
    const chair = await officerOf("POLICE", { panels: ["MARAC"] });
    const officer = await officerOf("HOUSING_PROVIDER");
    const marac = await makeCase(chair, { restricted: true, sharedWith: [officer] });
    await expect(log(officer, { caseId: marac.id })).rejects.toBeInstanceOf(ValidationError);
    expect((await caseChoicesFor(officer)).map((c) => c.id)).not.toContain(marac.id);
  });

  it("a case the officer can see but their organisation does not work on cannot take their incident", async () => {
    const lead = await officerOf("POLICE", { panels: ["MARAC"] });
    const panelMember = await officerOf("HOUSING_PROVIDER", { panels: ["MARAC"] });
    const marac = await makeCase(lead, { restricted: true });
    await expect(log(panelMember, { caseId: marac.id })).rejects.toMatchObject({
      fieldErrors: { caseId: ["Choose a case your organisation leads or that is shared with it"] },
    });
    expect((await caseChoicesFor(panelMember)).map((c) => c.id)).not.toContain(marac.id);
    expect((await caseChoicesFor(lead)).map((c) => c.id)).toContain(marac.id);
  });

  it("a random id that names nothing is refused the same way", async () => {
    const officer = await officerOf();
    await expect(log(officer, { people: [{ person: { id: randomUUID() }, role: "WITNESS", row: 3 }] })).rejects.toMatchObject({
      fieldErrors: { "people.3.personId": ["Choose a person from the list, or add a new person"] },
    });
  });

  it("a person in a case shared with the officer's organisation may be linked", async () => {
    const lead = await officerOf("POLICE");
    const partner = await officerOf("HOUSING_PROVIDER");
    const victim = await makePerson(lead);
    const kase = await makeCase(lead, { sharedWith: [partner] });
    await db.casePerson.create({ data: { caseId: kase.id, personId: victim.id, role: "VICTIM" } });
    const logged = await log(partner, { people: [{ person: { id: victim.id }, role: "VICTIM", row: 0 }], caseId: kase.id });
    expect((await getIncident(partner, logged.id)).people[0]?.personId).toBe(victim.id);
  });

  it("a closed case takes no new incidents", async () => {
    const officer = await officerOf();
    const closed = await makeCase(officer, { status: "CLOSED" });
    await expect(log(officer, { caseId: closed.id })).rejects.toMatchObject({
      fieldErrors: { caseId: ["That case is closed. Choose an open case"] },
    });
  });

  it("bad input never half-writes: a new place and a new person are rolled back with a bad person id", async () => {
    const officer = await officerOf();
    const stranger = await officerOf("FIRE");
    const theirPerson = await makePerson(stranger);
    const before = await counts();
    await expect(
      log(officer, {
        location: { create: { addressLine1: "1 Rollback Road", town: "London", postcode: null, kind: "OTHER" } },
        people: [
          { person: { create: { firstName: "Never", lastName: "Saved", dateOfBirth: null } }, role: "VICTIM", row: 0 },
          { person: { id: theirPerson.id }, role: "PERPETRATOR", row: 1 },
        ],
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await counts()).toEqual(before);
    expect(await db.location.count({ where: { addressLine1: "1 Rollback Road" } })).toBe(0);
  });
});

// ───────────────────────────── Who sees what ─────────────────────────────

describe("who may see an incident", () => {
  it("another organisation's incident, not in a case shared with mine, is not found by id, the refusal is audited, and my list never shows it", async () => {
    const police = await officerOf("POLICE");
    const housing = await officerOf("HOUSING_PROVIDER");
    const theirs = await log(police);
    await expect(getIncident(housing, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    const refusal = await db.auditEvent.findFirst({
      where: { action: "ACCESS_REFUSED", entityType: "Incident", entityId: theirs.id, userId: housing.userId },
    });
    expect(refusal).not.toBeNull();
    expect((await listFor(housing)).rows.map((r) => r.id)).not.toContain(theirs.id);
    await expect(updateIncident(housing, theirs.id, 1, input())).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an incident in another organisation's case that is not shared with mine is not found", async () => {
    const police = await officerOf("POLICE");
    const housing = await officerOf("HOUSING_PROVIDER");
    const kase = await makeCase(police);
    const inCase = await log(police, { caseId: kase.id });
    await expect(getIncident(housing, inCase.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listFor(housing)).rows.map((r) => r.id)).not.toContain(inCase.id);
  });

  it("an incident in a case shared with my organisation is visible, in the list and by id", async () => {
    const police = await officerOf("POLICE");
    const housing = await officerOf("HOUSING_PROVIDER");
    const kase = await makeCase(police, { sharedWith: [housing] });
    const shared = await log(police, { caseId: kase.id });
    const detail = await getIncident(housing, shared.id);
    expect(detail.case?.reference).toBe(kase.reference);
    expect(detail.canEdit).toBe(false);
    expect((await listFor(housing, { case: "yes" })).rows.map((r) => r.id)).toContain(shared.id);
    const view = await db.auditEvent.findFirst({
      where: { action: "VIEW", entityType: "Incident", entityId: shared.id, userId: housing.userId },
    });
    expect(view).not.toBeNull();
  });

  it("a withdrawn share hides the incident again", async () => {
    const police = await officerOf("POLICE");
    const housing = await officerOf("HOUSING_PROVIDER");
    const kase = await makeCase(police, { sharedWith: [housing] });
    const shared = await log(police, { caseId: kase.id });
    await db.caseShare.update({
      where: { caseId_organisationId: { caseId: kase.id, organisationId: housing.organisationId } },
      data: { withdrawnAt: new Date() },
    });
    await expect(getIncident(housing, shared.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  // The colleague here was once any officer of the organisation that logged it: an
  // incident in a restricted case is now theirs only if they logged it themselves.
  it("my own incident in a restricted case I may not see is listed, but the case is not named; my colleagues do not see it", async () => {
    const chair = await officerOf("POLICE", { panels: ["MARAC"] });
    const officer = await colleagueOf(chair);
    const colleague = await colleagueOf(chair);
    const marac = await makeCase(chair, { restricted: true });
    const logged = await log(officer);
    // A panel member links it to the MARAC case (as linkIncidents would).
    await db.incident.update({ where: { id: logged.id }, data: { caseId: marac.id } });
    const detail = await getIncident(officer, logged.id);
    expect(detail.case).toBeNull();
    const row = (await listFor(officer)).rows.find((r) => r.id === logged.id);
    expect(row?.caseReference).toBeNull();
    // "In a case" means a case the officer may see: the filter gives nothing away either.
    expect((await listFor(officer, { case: "yes" })).rows.map((r) => r.id)).not.toContain(logged.id);
    expect((await listFor(officer, { case: "no" })).rows.map((r) => r.id)).toContain(logged.id);
    await expect(getIncident(colleague, logged.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listFor(colleague)).rows.map((r) => r.id)).not.toContain(logged.id);
  });

  it("a non-UUID id is simply not found", async () => {
    const officer = await officerOf();
    await expect(getIncident(officer, "not-an-id")).rejects.toBeInstanceOf(NotFoundError);
  });
});

// ───────────────────────────── The list ─────────────────────────────

describe("the incident list", () => {
  it("filters by category, date range, risk, organisation, place, postcode, person and case", async () => {
    const officer = await officerOf();
    const place = await makePlace(officer);
    const person = await makePerson(officer, "Filter", "Subjectperson");
    const kase = await makeCase(officer);
    const now = Date.now();
    const old = await log(officer, {
      occurredAt: new Date(now - 200 * DAY),
      reportedAt: new Date(now - 199 * DAY),
      category: "ENVIRONMENTAL",
      type: "LITTERING_FLY_TIPPING",
    });
    const risky = await log(officer, { riskLevel: "HIGH", location: { id: place.id }, caseId: kase.id });
    const withPerson = await log(officer, { people: [{ person: { id: person.id }, role: "WITNESS", row: 0 }] });

    const ids = async (params: Record<string, string>) => (await listFor(officer, params)).rows.map((r) => r.id);
    expect(await ids({ category: "ENVIRONMENTAL" })).toEqual([old.id]);
    expect(await ids({ risk: "HIGH" })).toEqual([risky.id]);
    expect(await ids({ place: place.id })).toEqual([risky.id]);
    expect(await ids({ postcode: "se15" })).toContain(risky.id);
    expect(await ids({ postcode: "se16" })).not.toContain(risky.id);
    expect(await ids({ person: person.id })).toEqual([withPerson.id]);
    expect(await ids({ name: "subjectpers" })).toEqual([withPerson.id]);
    expect(await ids({ case: "yes" })).toEqual([risky.id]);
    expect(await ids({ case: "no" })).not.toContain(risky.id);
    expect(await ids({ org: officer.organisationId })).toHaveLength(3);

    const londonDay = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(ms));
    const recent = await ids({ from: londonDay(now - 7 * DAY) });
    expect(recent).toContain(risky.id);
    expect(recent).not.toContain(old.id);
    expect(await ids({ to: londonDay(now - 100 * DAY) })).toEqual([old.id]);
  });

  it("sorts on the server, and names the chosen person and place only when the officer may see them", async () => {
    const officer = await officerOf();
    const stranger = await officerOf("FIRE");
    const theirPerson = await makePerson(stranger, "Hidden", "Person");
    const a = await log(officer, { riskLevel: "MEDIUM" });
    const b = await log(officer, { riskLevel: "HIGH" });
    const c = await log(officer, { riskLevel: "STANDARD" });
    const byRisk = await listFor(officer, { sort: "risk", dir: "desc" });
    expect(byRisk.rows.map((r) => r.id)).toEqual([b.id, a.id, c.id]);
    const byReference = await listFor(officer, { sort: "reference", dir: "asc" });
    expect(byReference.rows.map((r) => r.id)).toEqual([a.id, b.id, c.id]);
    const pastTheEnd = await listFor(officer, { page: "9" });
    expect(pastTheEnd.rows).toEqual([]);
    expect(pastTheEnd.total).toBe(3);
    const filtered = await listFor(officer, { person: theirPerson.id });
    expect(filtered.filterLabels.person).toBeUndefined();
    expect(filtered.total).toBe(0);
  });
});

// ───────────────────────────── Editing ─────────────────────────────

describe("editing an incident", () => {
  it("saves the changes, bumps the version and audits the names of the fields changed", async () => {
    const officer = await officerOf();
    const logged = await log(officer);
    const person = await makePerson(officer);
    const saved = await updateIncident(
      officer,
      logged.id,
      1,
      input({ riskLevel: "HIGH", description: "Updated account", people: [{ person: { id: person.id }, role: "VICTIM", row: 0 }] }),
    );
    expect(saved.changed).toEqual(expect.arrayContaining(["riskLevel", "description", "people", "occurredAt", "reportedAt"]));
    const stored = await db.incident.findUniqueOrThrow({ where: { id: logged.id }, include: { people: true } });
    expect(stored).toMatchObject({ version: 2, riskLevel: "HIGH", description: "Updated account" });
    expect(stored.people).toHaveLength(1);
    const audit = await db.auditEvent.findFirst({ where: { action: "UPDATE", entityId: logged.id } });
    expect(audit?.detail).toMatchObject({ changed: expect.arrayContaining(["riskLevel", "description", "people"]) });
  });

  it("two officers edit from version 1: the second is told someone else saved first, and nothing of theirs is written", async () => {
    const officer = await officerOf();
    const colleague = await colleagueOf(officer);
    const logged = await log(officer);
    const original = await db.incident.findUniqueOrThrow({ where: { id: logged.id } });
    await updateIncident(
      officer,
      logged.id,
      1,
      input({ occurredAt: original.occurredAt, reportedAt: original.reportedAt, riskLevel: "HIGH" }),
    );
    const auditBefore = await db.auditEvent.count({ where: { entityId: logged.id, action: "UPDATE" } });
    const error = await updateIncident(
      colleague,
      logged.id,
      1,
      input({ occurredAt: original.occurredAt, reportedAt: original.reportedAt, description: "Second officer's account" }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as IncidentChangedError).currentVersion).toBe(2);
    const stored = await db.incident.findUniqueOrThrow({ where: { id: logged.id } });
    expect(stored).toMatchObject({ version: 2, riskLevel: "HIGH", description: original.description });
    expect(await db.auditEvent.count({ where: { entityId: logged.id, action: "UPDATE" } })).toBe(auditBefore);
  });

  it("two saves racing from the same version: exactly one wins", async () => {
    const officer = await officerOf();
    const colleague = await colleagueOf(officer);
    const logged = await log(officer);
    const results = await Promise.allSettled([
      updateIncident(officer, logged.id, 1, input({ description: "First" })),
      updateIncident(colleague, logged.id, 1, input({ description: "Second" })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect((await db.incident.findUniqueOrThrow({ where: { id: logged.id } })).version).toBe(2);
  });

  it("only the reporting organisation may change an incident; a partner in the shared case reads it", async () => {
    const police = await officerOf("POLICE");
    const housing = await officerOf("HOUSING_PROVIDER");
    const kase = await makeCase(police, { sharedWith: [housing] });
    const logged = await log(police, { caseId: kase.id });
    await expect(updateIncident(housing, logged.id, 1, input({ caseId: kase.id }))).rejects.toBeInstanceOf(ForbiddenError);
  });

  // The editor here was once any officer of the organisation that logged it; now only
  // the officer who logged it (and the panel) may see, so edit, an incident in a restricted case.
  it("an incident in a restricted case the editor may not see stays in that case when they save", async () => {
    const chair = await officerOf("POLICE", { panels: ["MARAC"] });
    const officer = await colleagueOf(chair);
    const marac = await makeCase(chair, { restricted: true });
    const logged = await log(officer);
    await db.incident.update({ where: { id: logged.id }, data: { caseId: marac.id, version: { increment: 1 } } });
    await updateIncident(officer, logged.id, 2, input({ riskLevel: "HIGH", caseId: null }));
    expect((await db.incident.findUniqueOrThrow({ where: { id: logged.id } })).caseId).toBe(marac.id);
    const other = await makeCase(officer);
    await expect(updateIncident(officer, logged.id, 3, input({ caseId: other.id }))).rejects.toBeInstanceOf(ValidationError);
    await expect(updateIncident(await colleagueOf(chair), logged.id, 3, input({ riskLevel: "MEDIUM" }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("moving an incident to another case writes both case timelines", async () => {
    const officer = await officerOf();
    const first = await makeCase(officer);
    const second = await makeCase(officer);
    const logged = await log(officer, { caseId: first.id });
    await updateIncident(officer, logged.id, 1, input({ caseId: second.id }));
    expect(await db.timelineEntry.count({ where: { caseId: first.id, kind: "INCIDENT_UNLINKED", subjectId: logged.id } })).toBe(1);
    expect(await db.timelineEntry.count({ where: { caseId: second.id, kind: "INCIDENT_LINKED", subjectId: logged.id } })).toBe(1);
  });
});

// ───────────────────────────── Repeat victims ─────────────────────────────

describe("repeat and vulnerable victims", () => {
  it("the repeat-victim flag appears with the third incident within 12 months", async () => {
    const officer = await officerOf();
    const victim = await makePerson(officer);
    const now = Date.now();
    const asVictim = [{ person: { id: victim.id }, role: "VICTIM" as const, row: 0 }];
    for (const [n, daysAgo] of [100, 50, 10].entries()) {
      const flaggedBefore = (await alertsFor([victim.id])).get(victim.id)!.repeatVictim;
      expect(flaggedBefore).toBe(false);
      const logged = await log(officer, {
        occurredAt: new Date(now - daysAgo * DAY),
        reportedAt: new Date(now - daysAgo * DAY + HOUR),
        people: asVictim,
      });
      const alerts = (await alertsFor([victim.id])).get(victim.id)!;
      expect(alerts.victimIncidentsInWindow).toBe(n + 1);
      if (n === 2) {
        expect(alerts.repeatVictim).toBe(true);
        const detail = await getIncident(officer, logged.id);
        expect(detail.people[0]?.alerts.repeatVictim).toBe(true);
      }
    }
  });

  it("three incidents 13 months apart do not make a repeat victim", async () => {
    const officer = await officerOf();
    const victim = await makePerson(officer);
    const now = Date.now();
    for (const monthsAgo of [1, 14, 27]) {
      const at = new Date(now - monthsAgo * 30.5 * DAY);
      await log(officer, {
        occurredAt: at,
        reportedAt: new Date(at.getTime() + HOUR),
        people: [{ person: { id: victim.id }, role: "VICTIM", row: 0 }],
      });
    }
    const alerts = (await alertsFor([victim.id])).get(victim.id)!;
    expect(alerts.repeatVictim).toBe(false);
    expect(alerts.victimIncidentsInWindow).toBe(1);
  });

  it("counts incidents after the start of the window up to and including now, and none outside it", async () => {
    const officer = await officerOf();
    const victim = await makePerson(officer);
    const now = new Date("2026-06-15T12:00:00Z");
    const { windowMonths } = (await alertsFor([victim.id], now)).get(victim.id)!;
    const start = new Date(now);
    start.setUTCMonth(start.getUTCMonth() - windowMonths);
    const at = (ms: number) => new Date(ms);
    // Exactly the start of the window and just after now are outside; just after the start and now itself are in.
    for (const when of [at(start.getTime()), at(start.getTime() + 1000), at(now.getTime()), at(now.getTime() + 1000)]) {
      await log(officer, { occurredAt: when, reportedAt: when, people: [{ person: { id: victim.id }, role: "VICTIM", row: 0 }] });
    }
    const alerts = (await alertsFor([victim.id], now)).get(victim.id)!;
    expect(alerts.victimIncidentsInWindow).toBe(2);
    expect(alerts.repeatVictim).toBe(false);
  });

  it("counts the victim's incidents the viewer cannot see (another agency's restricted case) without showing them", async () => {
    const police = await officerOf("POLICE", { panels: ["MARAC"] });
    const council = await officerOf("LOCAL_AUTHORITY");
    const victim = await makePerson(council);
    const restricted = await makeCase(police, { restricted: true });
    const asVictim = [{ person: { id: victim.id }, role: "VICTIM" as const, row: 0 }];
    // The police logged these about someone the council knows (written directly: the police
    // cannot pick a council profile they cannot see).
    const policeIncident = () =>
      db.incident.create({
        data: {
          reference: `INC-T-${randomUUID().slice(0, 8)}`,
          occurredAt: new Date(Date.now() - 3 * DAY),
          reportedAt: new Date(Date.now() - 3 * DAY),
          reportMethod: "PHONE",
          category: "PERSONAL",
          type: "INTIMIDATION_HARASSMENT",
          description: "Threats on the doorstep.",
          reportingOrganisationId: police.organisationId,
          reportingOfficerId: police.userId,
          caseId: restricted.id,
          people: { create: [{ personId: victim.id, role: "VICTIM" }] },
        },
      });
    const own = await log(council, { people: asVictim });
    const hidden = await policeIncident();
    await policeIncident();
    // Others' alerts in the same call are counted apart.
    const bystander = await makePerson(council);
    const alerts = await alertsFor([victim.id, bystander.id, victim.id]);
    expect(alerts.get(victim.id)).toMatchObject({ repeatVictim: true, victimIncidentsInWindow: 3 });
    expect(alerts.get(bystander.id)).toMatchObject({ repeatVictim: false, victimIncidentsInWindow: 0 });
    const seen = await getIncident(council, own.id);
    expect(seen.people[0]?.alerts).toMatchObject({ repeatVictim: true, victimIncidentsInWindow: 3 });
    expect((await listFor(council)).rows.map((r) => r.id)).toEqual([own.id]);
    await expect(getIncident(council, hidden.id)).rejects.toThrow();
  });

  it("being a witness three times is not being a repeat victim", async () => {
    const officer = await officerOf();
    const witness = await makePerson(officer);
    for (let i = 0; i < 3; i++) await log(officer, { people: [{ person: { id: witness.id }, role: "WITNESS", row: 0 }] });
    expect((await alertsFor([witness.id])).get(witness.id)!.repeatVictim).toBe(false);
  });
});
