import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import {
  addCaseNote,
  addPersonToCase,
  addPlaceToCase,
  CaseChangedError,
  changeCaseStatus,
  getCase,
  linkIncidents,
  openCase,
  removePersonFromCase,
  unlinkIncident,
  updateCaseDetails,
} from "@/lib/cases/data";
import { ZNewCaseForm, ZStatusForm } from "@/lib/cases/schema";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { agency, auditOf, caseInput, colleague, makeIncident, makePerson, makePlace, open, timelineOf } from "./cases-support";
import { ownerSql } from "@/tests/support/database-roles";

const REFERENCE = /^CASE-\d{4}-\d{6}$/;

async function validationErrorOf(promise: Promise<unknown>): Promise<Record<string, string[] | undefined>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

describe("opening a case", () => {
  it("opens a case from incidents with their people and places, each change on the timeline, in one audited transaction", async () => {
    const police = await agency({ kind: "POLICE" });
    const victim = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Edna", lastName: "Ellison" });
    const suspect = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Callum", lastName: "Reid" });
    const place = await makePlace({ createdByOrgId: police.organisation.id, addressLine1: "14 Larkhall Gardens", postcode: "SE15 4QF" });
    const first = await makeIncident({
      organisationId: police.organisation.id,
      officerId: police.user.id,
      locationId: place.id,
      people: [[victim.id, "VICTIM"]],
    });
    const second = await makeIncident({
      organisationId: police.organisation.id,
      officerId: police.user.id,
      people: [[suspect.id, "PERPETRATOR"]],
    });

    const opened = await open(police.actor, {
      incidentIds: [first.id],
      incidentReferences: [second.reference],
      people: [
        { personId: victim.id, role: "VICTIM" },
        { personId: suspect.id, role: "PERPETRATOR" },
      ],
      placeIds: [place.id],
    });

    expect(opened.reference).toMatch(REFERENCE);
    const row = await db.case.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row).toMatchObject({
      kind: "ASB",
      restricted: false,
      leadOrganisationId: police.organisation.id,
      leadOfficerId: police.user.id,
      createdById: police.user.id,
      status: "OPEN",
    });
    expect(await db.incident.count({ where: { caseId: opened.id } })).toBe(2);
    expect((await timelineOf(opened.id)).map((e) => e.kind)).toEqual([
      "CASE_OPENED",
      "INCIDENT_LINKED",
      "INCIDENT_LINKED",
      "PERSON_ADDED",
      "PERSON_ADDED",
      "LOCATION_ADDED",
    ]);
    expect((await auditOf(opened.id)).map((a) => a.action)).toEqual(["CREATE"]);
    const detail = await getCase(police.actor, opened.id);
    expect(detail.people.map((p) => [p.name, p.role])).toEqual([
      ["Edna Ellison", "VICTIM"],
      ["Callum Reid", "PERPETRATOR"],
    ]);
    expect(detail.places.map((p) => p.addressLine1)).toEqual(["14 Larkhall Gardens"]);
    expect(detail.rights).toEqual({ contribute: true, manage: true });
  });

  it("makes a MARAC case restricted from the moment it is opened", async () => {
    const police = await agency({ kind: "POLICE" });
    const opened = await open(police.actor, { kind: "MARAC", title: "Domestic abuse" });
    expect((await db.case.findUniqueOrThrow({ where: { id: opened.id } })).restricted).toBe(true);
  });

  it("opens one case when the same form is posted twice", async () => {
    const police = await agency({ kind: "POLICE" });
    const key = randomUUID();
    const [a, b] = await Promise.all([
      openCase(police.actor, caseInput(police.actor), key),
      openCase(police.actor, caseInput(police.actor), key),
    ]);
    expect(a.id).toBe(b.id);
    expect(await db.case.count({ where: { createdById: police.user.id } })).toBe(1);
  });

  it("numbers cases without gaps or duplicates when officers open them at the same time, and a failed opening gives its number back", async () => {
    const police = await agency({ kind: "POLICE" });
    const others = await Promise.all(Array.from({ length: 4 }, () => colleague(police.organisation.id)));
    const before = await db.referenceCounter.findMany({ where: { prefix: "CASE" } });
    const lastBefore = before.reduce((n, r) => Math.max(n, r.last), 0);

    // One opening in the middle fails after it has taken a number (its timeline entry is refused).
    await ownerSql(`
      CREATE OR REPLACE FUNCTION test_refuse_marked_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.summary LIKE '%[fail here]%' THEN RAISE EXCEPTION 'forced failure for the test'; END IF;
        RETURN NEW;
      END $$`);
    await ownerSql(
      `CREATE TRIGGER test_refuse_marked_entry BEFORE INSERT ON "TimelineEntry" FOR EACH ROW EXECUTE FUNCTION test_refuse_marked_entry()`,
    );
    try {
      const actors = [police.actor, ...others.map((o) => o.actor)];
      const attempts = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => open(actors[i % actors.length]!, { title: i === 5 ? "Doomed [fail here]" : `Case ${i}` })),
      );
      expect(attempts.filter((a) => a.status === "rejected")).toHaveLength(1);
      const references = attempts.flatMap((a) => (a.status === "fulfilled" ? [a.value.reference] : []));
      expect(new Set(references).size).toBe(11);
      const numbers = references.map((r) => Number(r.slice(-6))).sort((x, y) => x - y);
      expect(numbers).toEqual(Array.from({ length: 11 }, (_, i) => lastBefore + 1 + i));
      expect(await db.case.count({ where: { title: { contains: "[fail here]" } } })).toBe(0);
    } finally {
      await ownerSql(`DROP TRIGGER test_refuse_marked_entry ON "TimelineEntry"`);
    }
  });

  it("refuses an incident already in another case, naming that case only to those who may see it", async () => {
    const police = await agency({ kind: "POLICE" });
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const incident = await makeIncident({ organisationId: police.organisation.id, officerId: police.user.id });
    const first = await open(police.actor, { incidentIds: [incident.id] });

    const mine = await validationErrorOf(open(police.actor, { incidentIds: [incident.id] }));
    expect(mine.incidentIds?.join(" ")).toContain(`${incident.reference} is already part of case ${first.reference}`);

    // The council can see the incident only once it is in a case shared with them... it is not.
    const theirs = await validationErrorOf(open(council.actor, { incidentReferences: [incident.reference] }));
    expect(theirs.incidentReferences?.join(" ")).toContain(`${incident.reference} cannot be found`);
    expect(theirs.incidentReferences?.join(" ")).not.toContain(first.reference);
  });

  it("treats an incident, person or place the officer cannot see as a wrong answer, and opens nothing", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const theirIncident = await makeIncident({ organisationId: housing.organisation.id, officerId: housing.user.id });
    const theirPerson = await makePerson({ createdByOrgId: housing.organisation.id, firstName: "Secret", lastName: "Tenant" });
    const theirPlace = await makePlace({ createdByOrgId: housing.organisation.id, addressLine1: "1 Hidden Row" });

    expect((await validationErrorOf(open(police.actor, { incidentIds: [theirIncident.id] }))).incidentIds).toBeDefined();
    expect((await validationErrorOf(open(police.actor, { people: [{ personId: theirPerson.id, role: "VICTIM" }] }))).people).toBeDefined();
    expect((await validationErrorOf(open(police.actor, { placeIds: [theirPlace.id] }))).placeIds).toBeDefined();
    expect(await db.case.count({ where: { createdById: police.user.id } })).toBe(0);
    expect((await db.incident.findUniqueOrThrow({ where: { id: theirIncident.id } })).caseId).toBeNull();
  });

  it("lets an officer open a case for another lead organisation, sharing it with their own so they keep it", async () => {
    const police = await agency({ kind: "POLICE" });
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const opened = await open(police.actor, { leadOrganisationId: council.organisation.id, leadOfficerId: council.user.id });
    const detail = await getCase(police.actor, opened.id);
    expect(detail.leadOrganisation.id).toBe(council.organisation.id);
    expect(detail.rights).toEqual({ contribute: true, manage: false });
    expect(detail.shares.map((s) => s.organisation.id)).toEqual([police.organisation.id]);
  });

  it("only accepts a lead officer from the lead organisation", async () => {
    const police = await agency({ kind: "POLICE" });
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const errors = await validationErrorOf(open(police.actor, { leadOfficerId: council.user.id }));
    expect(errors.leadOfficerId).toBeDefined();
  });

  it("checks the form as the officer filled it in, in plain words", () => {
    const parsed = ZNewCaseForm.safeParse({
      submissionKey: randomUUID(),
      title: "  ",
      riskLevel: "HIGH",
      leadOrganisationId: randomUUID(),
      incidentReferences: "INC-2026-12, nonsense",
    });
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toContain("kind: Select the kind of case");
    expect(messages).toContain("title: Enter a title for the case");
    expect(messages.find((m) => m.startsWith("incidentReferences"))).toContain("nonsense is not an incident reference");

    const ok = ZNewCaseForm.parse({
      submissionKey: randomUUID(),
      kind: "ASB",
      title: "Noise",
      riskLevel: "HIGH",
      leadOrganisationId: randomUUID(),
      incidentReferences: "inc-2026-12, INC-2026-000013",
      incidentIds: randomUUID(),
    });
    expect(ok.input.incidentReferences).toEqual(["INC-2026-000012", "INC-2026-000013"]);
    expect(ok.input.incidentIds).toHaveLength(1);
    expect(ok.input.leadOfficerId).toBeNull();
  });
});

describe("changing a case", () => {
  it("tells the second of two officers saving the same version, and keeps the first one's changes", async () => {
    const police = await agency({ kind: "POLICE" });
    const sergeant = await colleague(police.organisation.id);
    const opened = await open(police.actor);
    const { version } = await getCase(police.actor, opened.id);
    const input = {
      title: "Noise and intimidation",
      summary: null,
      riskLevel: "HIGH" as const,
      leadOrganisationId: police.organisation.id,
      leadOfficerId: police.user.id,
    };

    await updateCaseDetails(police.actor, opened.id, version, input);
    const second = await updateCaseDetails(sergeant.actor, opened.id, version, { ...input, title: "Something else" }).catch(
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(CaseChangedError);
    expect((second as CaseChangedError).currentVersion).toBe(version + 1);
    const row = await db.case.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row).toMatchObject({ title: "Noise and intimidation", riskLevel: "HIGH", version: version + 1 });
    const entries = await timelineOf(opened.id);
    expect(entries.at(-1)).toMatchObject({ kind: "CASE_UPDATED", detail: { fields: ["title", "summary", "riskLevel"] } });
  });

  it("needs a reason to close a case, and records the change of status", async () => {
    const police = await agency({ kind: "POLICE" });
    const opened = await open(police.actor);
    const form = ZStatusForm.safeParse({ caseId: opened.id, version: "1", status: "CLOSED" });
    expect(form.success).toBe(false);
    expect(form.error!.issues[0]).toMatchObject({ path: ["closureReason"], message: "Select why the case is being closed" });

    await changeCaseStatus(police.actor, opened.id, 1, {
      status: "CLOSED",
      closureReason: "RESOLVED",
      note: "No reports for three months.",
    });
    const row = await db.case.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row).toMatchObject({ status: "CLOSED", closureReason: "RESOLVED", closureNote: "No reports for three months." });
    expect(row.closedAt).toBeInstanceOf(Date);
    const last = (await timelineOf(opened.id)).at(-1)!;
    expect(last.kind).toBe("STATUS_CHANGED");
    expect(last.summary).toBe("Status changed from open to closed (resolved). No reports for three months.");

    // A closed case takes no new incidents; reopening clears the closure.
    const incident = await makeIncident({ organisationId: police.organisation.id, officerId: police.user.id });
    expect((await validationErrorOf(linkIncidents(police.actor, opened.id, [incident.reference]))).incidentReferences?.[0]).toContain(
      "is closed",
    );
    await changeCaseStatus(police.actor, opened.id, 2, { status: "OPEN", closureReason: null, note: null });
    expect(await db.case.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({
      status: "OPEN",
      closureReason: null,
      closedAt: null,
    });
  });

  it("lets an organisation the case is shared with add to it, but only the lead organisation run it", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const tenant = await makePerson({ createdByOrgId: housing.organisation.id, firstName: "Tina", lastName: "Tenant" });
    const ownIncident = await makeIncident({ organisationId: housing.organisation.id, officerId: housing.user.id });
    const opened = await open(police.actor);
    await db.caseShare.create({ data: { caseId: opened.id, organisationId: housing.organisation.id, sharedById: police.user.id } });

    await addCaseNote(housing.actor, opened.id, "Tenancy warning letter sent.", randomUUID());
    await addPersonToCase(housing.actor, opened.id, tenant.id, "WITNESS");
    await linkIncidents(housing.actor, opened.id, [ownIncident.reference]);
    // The organisation that logged an incident may take it back out.
    await unlinkIncident(housing.actor, opened.id, ownIncident.id);

    await expect(
      changeCaseStatus(housing.actor, opened.id, 1, { status: "MONITORING", closureReason: null, note: null }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removePersonFromCase(housing.actor, opened.id, tenant.id, "WITNESS")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      updateCaseDetails(housing.actor, opened.id, 1, {
        title: "Mine now",
        summary: null,
        riskLevel: "STANDARD",
        leadOrganisationId: housing.organisation.id,
        leadOfficerId: null,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);

    const kinds = (await timelineOf(opened.id)).filter((e) => e.actorOrganisationId === housing.organisation.id).map((e) => e.kind);
    expect(kinds).toEqual(["NOTE", "PERSON_ADDED", "INCIDENT_LINKED", "INCIDENT_UNLINKED"]);
    expect((await auditOf(opened.id)).filter((a) => a.organisationId === housing.organisation.id)).toHaveLength(4);
  });

  it("refuses every change to a viewer, even in the lead organisation", async () => {
    const police = await agency({ kind: "POLICE" });
    const viewer = await colleague(police.organisation.id, { role: "VIEWER" });
    const opened = await open(police.actor);
    await expect(addCaseNote(viewer.actor, opened.id, "Hello", randomUUID())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(open(viewer.actor)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getCase(viewer.actor, opened.id)).rights).toEqual({ contribute: false, manage: false });
  });

  it("adds a person or place once, and adds them back after they were taken out", async () => {
    const police = await agency({ kind: "POLICE" });
    const person = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Wayne", lastName: "Sutton" });
    const place = await makePlace({ createdByOrgId: police.organisation.id, addressLine1: "Ashdown Tower" });
    const opened = await open(police.actor);

    await addPersonToCase(police.actor, opened.id, person.id, "PERPETRATOR");
    expect((await validationErrorOf(addPersonToCase(police.actor, opened.id, person.id, "PERPETRATOR"))).personId?.[0]).toBe(
      "Wayne Sutton is already in this case as alleged perpetrator",
    );
    await removePersonFromCase(police.actor, opened.id, person.id, "PERPETRATOR");
    expect((await getCase(police.actor, opened.id)).people).toEqual([]);
    await addPersonToCase(police.actor, opened.id, person.id, "PERPETRATOR");
    expect((await getCase(police.actor, opened.id)).people.map((p) => p.name)).toEqual(["Wayne Sutton"]);

    await addPlaceToCase(police.actor, opened.id, place.id);
    expect((await validationErrorOf(addPlaceToCase(police.actor, opened.id, place.id))).locationId).toBeDefined();
    const kinds = (await timelineOf(opened.id)).map((e) => e.kind);
    expect(kinds).toEqual(["CASE_OPENED", "PERSON_ADDED", "PERSON_REMOVED", "PERSON_ADDED", "LOCATION_ADDED"]);
  });
});
