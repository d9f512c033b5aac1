import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { addCaseNote, getCase } from "@/lib/cases/data";
import { getIncident } from "@/lib/incidents/data";
import { getMeeting } from "@/lib/meetings/data";
import { getPersonProfile } from "@/lib/people/data";
import { getPlaceProfile } from "@/lib/places/data";
import { getPower } from "@/lib/powers/data";
import { getReferral } from "@/lib/referrals/data";
import { changeUserAccess, getManagedUser } from "@/lib/users/data";
import { agency, colleague, makeCase, makeIncident, makePerson, makePower, makeReferral } from "@/tests/support/people-fixtures";
import { makePlace } from "@/tests/support/places-fixtures";
import { statementsOf } from "./one-query-at-a-time";

// Every refusal is audited, and a refusal cannot be told apart by the work it costs: the id of a
// record the actor may not see and an id of no record at all send PostgreSQL exactly the same
// statements (compared as statements, not by a stopwatch), and both leave one refusal in the trail.

const refusals = (actor: Actor) =>
  db.auditEvent.findMany({ where: { action: "ACCESS_REFUSED", userId: actor.userId }, orderBy: { id: "asc" } });

async function world() {
  const police = await agency({ kind: "POLICE" });
  const council = await agency({ kind: "LOCAL_AUTHORITY", role: "MANAGER" });
  const officer = police.actor; // on no panel
  const victim = await makePerson({
    createdByOrgId: council.organisation.id,
    createdById: council.user.id,
    firstName: "Hidden",
    lastName: `Victim${randomUUID().slice(0, 6)}`,
  });
  const home = await makePlace({ createdByOrgId: council.organisation.id, createdById: council.user.id, addressLine1: "1 Hidden Row" });
  const marac = await makeCase({
    leadOrganisationId: council.organisation.id,
    createdById: council.user.id,
    kind: "MARAC",
    people: [[victim.id, "VICTIM"]],
  });
  const incident = await makeIncident({
    organisationId: council.organisation.id,
    officerId: council.user.id,
    people: [[victim.id, "VICTIM"]],
  });
  const power = await makePower({
    subjectPersonId: victim.id,
    issuingOrganisationId: council.organisation.id,
    issuingOfficerId: council.user.id,
  });
  const referral = await makeReferral({
    caseId: marac.id,
    referringOrganisationId: council.organisation.id,
    referringUserId: council.user.id,
  });
  const meeting = await db.meeting.create({
    data: {
      reference: `MTG-TEST-${randomUUID().slice(0, 8)}`,
      panel: "MARAC",
      startsAt: new Date(Date.now() + 86_400_000),
      chairId: council.user.id,
    },
  });
  const otherUser = await colleague(council.organisation.id);
  const policeManager = (await colleague(police.organisation.id, { role: "MANAGER" })).actor;
  return { police, council, officer, victim, home, marac, incident, power, referral, meeting, otherUser, policeManager };
}

describe("a hidden record's id and a random id cost the same work and leave the same refusal", () => {
  it("for every kind of record an officer on no panel cannot see", async () => {
    const w = await world();
    const probes: [string, string, (id: string) => Promise<unknown>][] = [
      ["a MARAC case", w.marac.id, (id) => getCase(w.officer, id)],
      ["another agency's incident", w.incident.id, (id) => getIncident(w.officer, id)],
      ["a person known only to another agency", w.victim.id, (id) => getPersonProfile(w.officer, id)],
      ["a place known only to another agency", w.home.id, (id) => getPlaceProfile(w.officer, id)],
      ["another agency's power", w.power.id, (id) => getPower(w.officer, id)],
      ["a MARAC referral", w.referral.id, (id) => getReferral(w.officer, id)],
      ["a MARAC meeting", w.meeting.id, (id) => getMeeting(w.officer, id)],
      ["another organisation's user, to a manager", w.otherUser.user.id, (id) => getManagedUser(w.policeManager, id)],
    ];
    for (const [what, hiddenId, open] of probes) {
      const random = randomUUID();
      // Sorted: Prisma loads a record's relations side by side, in no fixed order.
      const hidden = (await statementsOf(() => open(hiddenId))).sort();
      const missing = (await statementsOf(() => open(random))).sort();
      expect(hidden, `${what}: the statements differ from a random id's`).toEqual(missing);
      expect(hidden.length, what).toBeGreaterThan(0);
    }
    const entries = [...(await refusals(w.officer)), ...(await refusals(w.policeManager))];
    for (const [what, hiddenId] of probes)
      expect(
        entries.filter((e) => e.entityId === hiddenId),
        `${what}: refusal audited`,
      ).toHaveLength(1);
    expect(entries).toHaveLength(probes.length * 2);
  });
});

describe("refusals decided by role alone are audited", () => {
  it("an administrator opening a case by its id", async () => {
    const w = await world();
    const open = await makeCase({ leadOrganisationId: w.council.organisation.id, createdById: w.council.user.id });
    const admin = (await colleague(w.council.organisation.id, { role: "ADMIN" })).actor;
    await expect(getCase(admin, open.id)).rejects.toThrow();
    expect((await refusals(admin)).map((e) => [e.entityType, e.entityId])).toEqual([["Case", open.id]]);
  });

  it("a viewer's write", async () => {
    const w = await world();
    const open = await makeCase({ leadOrganisationId: w.council.organisation.id, createdById: w.council.user.id });
    const viewer = (await colleague(w.council.organisation.id, { role: "VIEWER" })).actor;
    await expect(addCaseNote(viewer, open.id, "I should not be able to write this", randomUUID())).rejects.toThrow();
    expect((await refusals(viewer)).map((e) => [e.entityType, e.entityId])).toEqual([["Permission", "case:write"]]);
    expect(await db.timelineEntry.count({ where: { caseId: open.id, kind: "NOTE" } })).toBe(0);
  });

  it("a manager making someone an administrator, or moving them to another organisation", async () => {
    const w = await world();
    const officer = await colleague(w.council.organisation.id);
    await expect(
      changeUserAccess(w.council.actor, officer.user.id, 1, { organisationId: w.council.organisation.id, role: "ADMIN", panels: [] }),
    ).rejects.toThrow();
    await expect(
      changeUserAccess(w.council.actor, officer.user.id, 1, { organisationId: w.police.organisation.id, role: "OFFICER", panels: [] }),
    ).rejects.toThrow();
    const entries = await refusals(w.council.actor);
    expect(entries.map((e) => [e.entityType, e.entityId, (e.detail as { where: string }).where])).toEqual([
      ["Permission", "admin:users-all", "making someone an administrator"],
      ["Permission", "admin:users-all", "moving a user to another organisation"],
    ]);
  });
});
