import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sealAndVerifyAuditChain } from "@/tests/support/audit-chain";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import {
  createPerson,
  createPersonInTransaction,
  getPersonForEdit,
  getPersonProfile,
  recordVulnerabilityMarker,
  removeVulnerabilityMarker,
  updatePerson,
} from "@/lib/people/data";
import { matchCheckKey, ZNewPerson, ZPersonEdit, type TPerson } from "@/lib/people/schema";
import { agency, colleague, makeCase, makeIncident, makeMarker, makePerson, makePower } from "@/tests/support/people-fixtures";

const DAY = 24 * 60 * 60 * 1000;

function personInput(overrides: Partial<TPerson> = {}): TPerson {
  return {
    firstName: "Hermione",
    lastName: "Oyelowo",
    dateOfBirth: new Date("1979-05-17T00:00:00Z"),
    gender: "FEMALE",
    aliases: [],
    phone: null,
    ...overrides,
  };
}

async function profileOf(actor: Parameters<typeof getPersonProfile>[0], id: string) {
  const outcome = await getPersonProfile(actor, id);
  if (outcome.kind !== "profile") throw new Error(`expected a profile, got ${outcome.kind}`);
  return outcome.profile;
}

describe("a person's profile", () => {
  it("lists only the incidents, cases and powers the viewer may see, and the view is audited", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const police = await agency({ kind: "POLICE" });
    const person = await makePerson({ createdByOrgId: council.organisation.id, firstName: "Ignatius", lastName: "Fairweather" });
    const ours = await makeIncident({
      organisationId: council.organisation.id,
      officerId: council.user.id,
      people: [
        [person.id, "VICTIM"],
        [person.id, "REPORTER"],
      ],
    });
    const theirs = await makeIncident({
      organisationId: police.organisation.id,
      officerId: police.user.id,
      people: [[person.id, "VICTIM"]],
    });
    const ourCase = await makeCase({
      leadOrganisationId: council.organisation.id,
      createdById: council.user.id,
      people: [[person.id, "VICTIM"]],
    });
    const theirCase = await makeCase({
      leadOrganisationId: police.organisation.id,
      createdById: police.user.id,
      people: [[person.id, "WITNESS"]],
    });
    const ourPower = await makePower({
      subjectPersonId: person.id,
      issuingOrganisationId: council.organisation.id,
      issuingOfficerId: council.user.id,
    });
    await makePower({ subjectPersonId: person.id, issuingOrganisationId: police.organisation.id, issuingOfficerId: police.user.id });
    const powerOnSharedCase = await makePower({
      subjectPersonId: person.id,
      issuingOrganisationId: police.organisation.id,
      issuingOfficerId: police.user.id,
      caseId: ourCase.id,
    });

    const profile = await profileOf(council.actor, person.id);
    expect(profile.incidents.rows.map((i) => i.id)).toEqual([ours.id]);
    expect(profile.incidents.rows[0]?.people.map((p) => p.role).sort()).toEqual(["REPORTER", "VICTIM"]);
    expect(profile.cases.map((c) => c.id)).toEqual([ourCase.id]);
    expect(profile.powers.map((p) => p.id).sort()).toEqual([ourPower.id, powerOnSharedCase.id].sort());
    expect(profile.incidents.rows.map((i) => i.id)).not.toContain(theirs.id);
    expect(profile.cases.map((c) => c.id)).not.toContain(theirCase.id);

    const views = await db.auditEvent.findMany({ where: { action: "VIEW", entityType: "Person", entityId: person.id } });
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ userId: council.user.id, organisationId: council.organisation.id });
    expect(await sealAndVerifyAuditChain()).toMatchObject({ ok: true, pending: 0 });
  });

  it("shows the repeat-victim alert counted across the whole partnership, without showing the other agencies' incidents", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const police = await agency({ kind: "POLICE" });
    const person = await makePerson({ createdByOrgId: council.organisation.id, firstName: "Philippa", lastName: "Brackenbury" });
    await makeIncident({
      organisationId: council.organisation.id,
      officerId: council.user.id,
      people: [[person.id, "VICTIM"]],
      occurredAt: new Date(Date.now() - 10 * DAY),
    });
    await makeIncident({
      organisationId: police.organisation.id,
      officerId: police.user.id,
      people: [[person.id, "VICTIM"]],
      occurredAt: new Date(Date.now() - 100 * DAY),
    });
    await makeIncident({
      organisationId: police.organisation.id,
      officerId: police.user.id,
      people: [[person.id, "VICTIM"]],
      occurredAt: new Date(Date.now() - 200 * DAY),
    });
    await makeMarker({ personId: person.id, recordedById: police.user.id, kind: "AGE" });

    const profile = await profileOf(council.actor, person.id);
    expect(profile.alerts).toMatchObject({
      repeatVictim: true,
      victimIncidentsInWindow: 3,
      vulnerable: true,
      vulnerabilityMarkers: ["AGE"],
    });
    expect(profile.incidents.rows).toHaveLength(1);
  });

  it("answers an id that is not a UUID, unknown, or not visible exactly alike", async () => {
    const { actor } = await agency();
    const other = await agency();
    const hidden = await makePerson({ createdByOrgId: other.organisation.id, firstName: "Clementine", lastName: "Ashdown" });
    for (const id of ["not-a-uuid", "1; DROP TABLE", randomUUID(), hidden.id]) {
      await expect(getPersonProfile(actor, id), id).rejects.toBeInstanceOf(NotFoundError);
    }
    // A well-formed id is a refused look whether or not a profile has it (the same work either way);
    // something that is not an id is simply not found.
    expect(await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: actor.userId } })).toBe(2);
  });

  it("a merged-away profile leads to the one it was merged into, if the viewer may see it", async () => {
    const { organisation, actor } = await agency();
    const stranger = await agency();
    const survivor = await makePerson({ createdByOrgId: organisation.id, firstName: "Rosalind", lastName: "Kettering" });
    const merged = await makePerson({ createdByOrgId: organisation.id, firstName: "Rosalyn", lastName: "Kettering" });
    await db.person.update({ where: { id: merged.id }, data: { mergedIntoId: survivor.id, mergedAt: new Date() } });

    expect(await getPersonProfile(actor, merged.id)).toEqual({ kind: "merged", survivorId: survivor.id });
    await expect(getPersonProfile(stranger.actor, merged.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("adding a person", () => {
  it("offers likely existing profiles first, and creates only once the officer says none of them is the person", async () => {
    const { organisation, actor } = await agency();
    const existing = await makePerson({
      createdByOrgId: organisation.id,
      firstName: "Hermione",
      lastName: "Oyelowo",
      dateOfBirth: "1979-05-17",
    });
    const key = randomUUID();

    const first = await createPerson(actor, personInput({ lastName: "Oyelowe" }), key, { confirmedNew: false });
    expect(first.kind).toBe("matches");
    if (first.kind !== "matches") return;
    expect(first.matches.map((m) => m.id)).toEqual([existing.id]);
    expect(await db.person.count({ where: { createdByOrgId: organisation.id } })).toBe(1);

    // "None of these" for a different name than the one checked: checked again, nothing created.
    const changed = await createPerson(actor, personInput({ lastName: "Oyelowo" }), key, {
      confirmedNew: true,
      checkedFor: first.checkedFor,
    });
    expect(changed.kind).toBe("matches");

    const created = await createPerson(actor, personInput({ lastName: "Oyelowe" }), key, {
      confirmedNew: true,
      checkedFor: first.checkedFor,
    });
    expect(created).toMatchObject({ kind: "created", duplicate: false });
    expect(await db.person.count({ where: { createdByOrgId: organisation.id } })).toBe(2);
  });

  it("creates at once when nobody like the person is known, with their other names and the audit entry", async () => {
    const { organisation, actor } = await agency();
    const outcome = await createPerson(
      actor,
      personInput({
        firstName: "Leofric",
        lastName: "Tindall",
        aliases: [
          { firstName: null, lastName: "Leo" },
          { firstName: "Fred", lastName: "Tindall" },
        ],
        phone: "07700 900123",
      }),
      randomUUID(),
      { confirmedNew: false },
    );
    expect(outcome.kind).toBe("created");
    if (outcome.kind !== "created") return;
    const person = await db.person.findUniqueOrThrow({ where: { id: outcome.id }, include: { aliases: true } });
    expect(person).toMatchObject({
      createdByOrgId: organisation.id,
      phone: "07700 900123",
      searchText: "leofric tindall leo fred tindall",
    });
    expect(
      person.aliases.map((a) => [a.firstName, a.lastName, a.searchText]).sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
    ).toEqual([
      ["Fred", "Tindall", "fred tindall"],
      [null, "Leo", "leo"],
    ]);
    expect(await db.auditEvent.count({ where: { action: "CREATE", entityType: "Person", entityId: outcome.id } })).toBe(1);
  });

  it("the same form submitted twice at once (double click) creates one person", async () => {
    const { organisation, actor } = await agency();
    const key = randomUUID();
    const input = personInput({ firstName: "Evangeline", lastName: "Strudwick" });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => createPerson(actor, input, key, { confirmedNew: true, checkedFor: matchCheckKey(input) })),
    );
    const ids = new Set(results.map((r) => (r.kind === "created" ? r.id : null)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.kind === "created" && !r.duplicate)).toHaveLength(1);
    expect(await db.person.count({ where: { createdByOrgId: organisation.id } })).toBe(1);
  });

  it("a resubmitted form goes to the profile it made instead of offering it as its own duplicate", async () => {
    const { actor } = await agency();
    const key = randomUUID();
    const input = personInput({ firstName: "Cordelia", lastName: "Pettigrew" });
    const first = await createPerson(actor, input, key, { confirmedNew: false });
    const again = await createPerson(actor, input, key, { confirmedNew: false });
    expect(first.kind).toBe("created");
    expect(again).toMatchObject({ kind: "created", duplicate: true, id: first.kind === "created" ? first.id : "" });
  });

  it("a viewer may not add people", async () => {
    const viewer = await agency({ role: "VIEWER" });
    await expect(createPerson(viewer.actor, personInput(), randomUUID(), { confirmedNew: true })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("the incident form's quick create still works with just a name", async () => {
    const { actor } = await agency();
    const id = await db.$transaction((tx) => createPersonInTransaction(tx, actor, { firstName: "Unknown", lastName: "Male" }));
    expect(await db.person.findUniqueOrThrow({ where: { id } })).toMatchObject({ searchText: "unknown male", dateOfBirth: null });
  });

  it("the form's input is checked with plain messages", () => {
    const parsed = ZNewPerson.safeParse({
      firstName: " ",
      lastName: "x".repeat(101),
      dateOfBirth: { day: "31", month: "2", year: "1990" },
      gender: "",
      aliases: "Gaz, ,, 123",
      phone: "not a phone",
      submissionKey: "nope",
    });
    expect(parsed.success).toBe(false);
    const messages: Record<string, string> = {};
    for (const issue of parsed.error?.issues ?? []) messages[issue.path.join(".")] ??= issue.message;
    expect(messages).toMatchObject({
      firstName: "Enter a first name",
      lastName: "Last name must be 100 characters or fewer",
      dateOfBirth: "Date of birth must be a real date",
      gender: "Select a gender, or select ‘Not known’",
      aliases: "Each other name must include letters. Separate names with commas",
      submissionKey: "This form has expired. Start again.",
    });
    expect(messages.phone).toMatch(/^Enter a telephone number/);

    const future = ZNewPerson.safeParse({
      firstName: "A",
      lastName: "B",
      dateOfBirth: { day: "1", month: "1", year: "2999" },
      gender: "MALE",
      submissionKey: randomUUID(),
    });
    expect(future.error?.issues[0]?.message).toBe("Date of birth must be today or in the past");
  });
});

describe("changing a person's details", () => {
  it("the second of two officers saving from the same version is told, and the first one's details are kept", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const housing = await colleague(council.organisation.id);
    const person = await makePerson({
      createdByOrgId: council.organisation.id,
      firstName: "Aurelia",
      lastName: "Whitcombe",
      aliases: [{ lastName: "Rae" }],
    });
    const form = await getPersonForEdit(council.actor, person.id);
    const edit = (overrides: Record<string, string>) =>
      ZPersonEdit.parse({
        firstName: "Aurelia",
        lastName: "Whitcombe",
        dateOfBirth: { day: "", month: "", year: "" },
        gender: "FEMALE",
        aliases: "Rae",
        phone: "",
        version: String(form.version),
        ...overrides,
      });

    const saved = await updatePerson(council.actor, person.id, edit({ phone: "020 7946 0999", aliases: "Rae, Aurelia Whitcomb" }));
    expect(saved).toBe(form.version + 1);
    await expect(updatePerson(housing.actor, person.id, edit({ lastName: "Whitcomb" }))).rejects.toBeInstanceOf(ConflictError);

    const now = await db.person.findUniqueOrThrow({ where: { id: person.id }, include: { aliases: true } });
    expect(now).toMatchObject({
      lastName: "Whitcombe",
      phone: "020 7946 0999",
      version: form.version + 1,
      searchText: "aurelia whitcombe rae aurelia whitcomb",
    });
    expect(now.aliases.map((a) => a.searchText).sort()).toEqual(["aurelia whitcomb", "rae"]);
    const updates = await db.auditEvent.findMany({ where: { action: "UPDATE", entityType: "Person", entityId: person.id } });
    expect(updates).toHaveLength(1);
    expect(updates[0]?.detail).toEqual({ changed: ["gender", "phone", "aliases"] });
  });

  it("someone who cannot see the person cannot change them", async () => {
    const owner = await agency();
    const other = await agency();
    const person = await makePerson({ createdByOrgId: owner.organisation.id, firstName: "Benedikt", lastName: "Sorensen" });
    await expect(getPersonForEdit(other.actor, person.id)).rejects.toBeInstanceOf(NotFoundError);
    const input = ZPersonEdit.parse({ firstName: "X", lastName: "Y", gender: "MALE", version: "1" });
    await expect(updatePerson(other.actor, person.id, input)).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).firstName).toBe("Benedikt");
  });
});

describe("vulnerability markers", () => {
  it("the same marker sent twice (a double click, a replayed form) is recorded once; the second is told why", async () => {
    const { organisation, actor } = await agency();
    const person = await makePerson({ createdByOrgId: organisation.id, firstName: "Ottoline", lastName: "Marsh" });
    const input = { kind: "LEARNING_DISABILITY", note: "Supported by the CLDT" };
    const results = await Promise.allSettled([
      recordVulnerabilityMarker(actor, person.id, input),
      recordVulnerabilityMarker(actor, person.id, input),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect((refused.reason as Error).message).toMatch(/already recorded for this person/);
    expect(await db.vulnerabilityMarker.count({ where: { personId: person.id, removedAt: null } })).toBe(1);
    // Another kind is another marker.
    await recordVulnerabilityMarker(actor, person.id, { kind: "ISOLATION", note: null });
    expect(await db.vulnerabilityMarker.count({ where: { personId: person.id, removedAt: null } })).toBe(2);
  });

  it("an officer records and removes a marker; each change is audited and the alert follows", async () => {
    const { organisation, user, actor } = await agency();
    const person = await makePerson({ createdByOrgId: organisation.id, firstName: "Eudora", lastName: "Pinkerton" });
    await recordVulnerabilityMarker(actor, person.id, { kind: "LEARNING_DISABILITY", note: "Supported by the CLDT" });
    let profile = await profileOf(actor, person.id);
    expect(profile.alerts).toMatchObject({ vulnerable: true, vulnerabilityMarkers: ["LEARNING_DISABILITY"] });
    expect(profile.person.markers[0]).toMatchObject({
      kind: "LEARNING_DISABILITY",
      note: "Supported by the CLDT",
      recordedBy: { name: user.name },
    });

    await removeVulnerabilityMarker(actor, person.id, profile.person.markers[0]!.id);
    profile = await profileOf(actor, person.id);
    expect(profile.alerts.vulnerable).toBe(false);
    expect(await db.vulnerabilityMarker.count({ where: { personId: person.id, removedAt: { not: null } } })).toBe(1);
    const details = (await db.auditEvent.findMany({ where: { action: "UPDATE", entityId: person.id }, orderBy: { id: "asc" } })).map(
      (e) => e.detail,
    );
    expect(details).toEqual([
      { vulnerabilityMarker: { recorded: "LEARNING_DISABILITY", markerId: expect.any(String) } },
      { vulnerabilityMarker: { removed: "LEARNING_DISABILITY", markerId: expect.any(String) } },
    ]);
    await expect(removeVulnerabilityMarker(actor, person.id, profile.person.markers[0]?.id ?? randomUUID())).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it("a viewer cannot record a marker, and nobody can on a person they cannot see", async () => {
    const { organisation, actor } = await agency();
    const viewer = await colleague(organisation.id, { role: "VIEWER" });
    const other = await agency();
    const person = await makePerson({ createdByOrgId: organisation.id, firstName: "Leopold", lastName: "Fanshawe" });
    await expect(recordVulnerabilityMarker(viewer.actor, person.id, { kind: "AGE", note: null })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordVulnerabilityMarker(other.actor, person.id, { kind: "AGE", note: null })).rejects.toBeInstanceOf(NotFoundError);
    const marker = await makeMarker({ personId: person.id, recordedById: actor.userId });
    await expect(removeVulnerabilityMarker(other.actor, person.id, marker.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.vulnerabilityMarker.count({ where: { personId: person.id, removedAt: null } })).toBe(1);
  });
});
