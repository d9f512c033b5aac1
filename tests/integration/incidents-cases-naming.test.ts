import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { openCasesNaming } from "@/lib/incidents/data";
import { agency, colleague, makeCase, makePerson } from "@/tests/support/people-fixtures";
import { makeCaseWith, makePlace } from "@/tests/support/places-fixtures";
import { makeIncident } from "./cases-support";

// An incident about someone already on an open case is offered that case (issue 17, point 5), so
// it is linked rather than left beside it. Only cases the officer sees and may add to are offered:
// another organisation's unshared case, a MARAC case to an officer on no panel, a closed case and
// an incident already in a case offer nothing.

describe("open cases that name an incident's people or place", () => {
  it("offers the officer's own open case naming the person, and says who", async () => {
    const council = await agency({ role: "OFFICER" });
    const victim = await makePerson({ createdByOrgId: council.organisation.id, firstName: "Marnie", lastName: "Oakes" });
    const other = await makePerson({ createdByOrgId: council.organisation.id, firstName: "Ivo", lastName: "Strand" });
    const kase = await makeCase({
      leadOrganisationId: council.organisation.id,
      createdById: council.user.id,
      people: [[victim.id, "VICTIM"]],
    });

    const offered = await openCasesNaming(council.actor, { personIds: [victim.id, other.id], locationIds: [] });
    expect(offered).toEqual([{ id: kase.id, reference: kase.reference, title: kase.title, people: [victim.id], place: false }]);
  });

  it("offers a case naming the place, and a case shared with the officer's organisation", async () => {
    const council = await agency({ role: "OFFICER" });
    const police = await agency({ kind: "POLICE", role: "OFFICER" });
    const place = await makePlace({ createdByOrgId: police.organisation.id, addressLine1: "14 Tanner Row" });
    const shared = await makeCaseWith({
      leadOrganisationId: police.organisation.id,
      createdById: police.user.id,
      locationIds: [place.id],
      sharedWith: [council.organisation.id],
    });
    const offered = await openCasesNaming(council.actor, { personIds: [], locationIds: [place.id] });
    expect(offered.map((c) => [c.id, c.place])).toEqual([[shared.id, true]]);
  });

  it("never offers a case the officer may not see or add to: another organisation's, a MARAC case, a closed one", async () => {
    const council = await agency({ role: "OFFICER" });
    const police = await agency({ kind: "POLICE", role: "OFFICER", panels: ["MARAC"] });
    const victim = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Tess", lastName: "Harlow" });
    await makeCase({ leadOrganisationId: police.organisation.id, createdById: police.user.id, people: [[victim.id, "VICTIM"]] });
    await makeCase({
      leadOrganisationId: police.organisation.id,
      createdById: police.user.id,
      kind: "MARAC",
      people: [[victim.id, "VICTIM"]],
      sharedWith: [council.organisation.id],
    });
    const closed = await makeCase({
      leadOrganisationId: council.organisation.id,
      createdById: council.user.id,
      people: [[victim.id, "VICTIM"]],
    });
    await db.case.update({ where: { id: closed.id }, data: { status: "CLOSED", closedAt: new Date() } });

    // The council officer is on no panel: the MARAC case shared with the council is not theirs to see.
    expect(await openCasesNaming(council.actor, { personIds: [victim.id], locationIds: [] })).toEqual([]);
    // A viewer of the same organisation may not add incidents: nothing is offered.
    const viewer = await colleague(police.organisation.id, { role: "VIEWER" });
    expect(await openCasesNaming(viewer.actor, { personIds: [victim.id], locationIds: [] })).toEqual([]);
    // The police officer on the MARAC panel sees both of their own.
    expect(await openCasesNaming(police.actor, { personIds: [victim.id], locationIds: [] })).toHaveLength(2);
  });

  it("offers nothing for an incident already in a case, even one the officer cannot see, nor for guessed ids", async () => {
    const council = await agency({ role: "OFFICER" });
    const police = await agency({ kind: "POLICE", role: "OFFICER" });
    const victim = await makePerson({ createdByOrgId: council.organisation.id, firstName: "Owain", lastName: "Pryce" });
    await makeCase({ leadOrganisationId: council.organisation.id, createdById: council.user.id, people: [[victim.id, "VICTIM"]] });
    const policeCase = await makeCase({ leadOrganisationId: police.organisation.id, createdById: police.user.id });
    const inPoliceCase = await makeIncident({
      organisationId: council.organisation.id,
      officerId: council.user.id,
      people: [[victim.id, "VICTIM"]],
      caseId: policeCase.id,
    });
    const loose = await makeIncident({
      organisationId: council.organisation.id,
      officerId: council.user.id,
      people: [[victim.id, "VICTIM"]],
    });

    expect(await openCasesNaming(council.actor, { incidentId: inPoliceCase.id, personIds: [victim.id], locationIds: [] })).toEqual([]);
    expect(await openCasesNaming(council.actor, { incidentId: loose.id, personIds: [victim.id], locationIds: [] })).toHaveLength(1);
    expect(await openCasesNaming(council.actor, { personIds: ["not-a-uuid", "' OR 1=1 --"], locationIds: ["x"] })).toEqual([]);
    // Another organisation's incident in no case: the council officer cannot see it, so learns
    // nothing of it (not even that it is in no case), nor from an id that is not one.
    const policeOwn = await makeIncident({
      organisationId: police.organisation.id,
      officerId: police.user.id,
      people: [[victim.id, "VICTIM"]],
    });
    expect(await openCasesNaming(council.actor, { incidentId: policeOwn.id, personIds: [victim.id], locationIds: [] })).toEqual([]);
    expect(await openCasesNaming(council.actor, { incidentId: "not-an-id", personIds: [victim.id], locationIds: [] })).toEqual([]);
  });
});
