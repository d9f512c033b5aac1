import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sealAndVerifyAuditChain } from "@/tests/support/audit-chain";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { alertsFor } from "@/lib/people/alerts";
import { getMergePreview, getPersonProfile, mergePeople, searchPeople } from "@/lib/people/data";
import { searchText } from "@/lib/search-text";
import {
  agency,
  colleague,
  makeCase,
  makeCommunityTrigger,
  makeIncident,
  makeMarker,
  makePerson,
  makePower,
  makeReferral,
  makeRiskAssessment,
} from "@/tests/support/people-fixtures";

// Merging two profiles of one person: every link moves, nothing is lost, both are audited.

/** Every row that links a record to one of these people, per table. */
async function linkCounts(personIds: string[]) {
  const of = { in: personIds };
  const [
    incidentPeople,
    casePeople,
    powers,
    riskAssessments,
    victimReferrals,
    perpetratorReferrals,
    triggers,
    markers,
    aliases,
    tombstones,
  ] = await Promise.all([
    db.incidentPerson.count({ where: { personId: of } }),
    db.casePerson.count({ where: { personId: of } }),
    db.powerUse.count({ where: { subjectPersonId: of } }),
    db.riskAssessment.count({ where: { personId: of } }),
    db.referral.count({ where: { victimPersonId: of } }),
    db.referral.count({ where: { perpetratorPersonId: of } }),
    db.communityTrigger.count({ where: { applicantPersonId: of } }),
    db.vulnerabilityMarker.count({ where: { personId: of } }),
    db.personAlias.count({ where: { personId: of } }),
    db.person.count({ where: { mergedIntoId: of } }),
  ]);
  return {
    incidentPeople,
    casePeople,
    powers,
    riskAssessments,
    victimReferrals,
    perpetratorReferrals,
    triggers,
    markers,
    aliases,
    tombstones,
  };
}

async function mergeablePair() {
  const council = await agency({ kind: "LOCAL_AUTHORITY" });
  const manager = await colleague(council.organisation.id, { role: "MANAGER" });
  const police = await agency({ kind: "POLICE" });
  const survivor = await makePerson({
    createdByOrgId: council.organisation.id,
    firstName: "Stephen",
    lastName: "Doherty",
    dateOfBirth: "1967-02-14",
    aliases: [{ firstName: "Steve", lastName: "Docherty" }],
  });
  const duplicate = await makePerson({
    createdByOrgId: police.organisation.id,
    firstName: "Steven",
    lastName: "Docherty",
    dateOfBirth: null,
    phone: "07700 900111",
    notes: "Sleeps rough near the station.",
    aliases: [{ firstName: "Steve", lastName: "Docherty" }, { lastName: "Dox" }],
  });
  // Shared with the council, so the council's manager can see both.
  const shared = await makeCase({
    leadOrganisationId: council.organisation.id,
    createdById: council.user.id,
    sharedWith: [police.organisation.id],
    people: [
      [survivor.id, "PERPETRATOR"],
      [duplicate.id, "PERPETRATOR"],
      [duplicate.id, "WITNESS"],
    ],
  });
  return { council, manager, police, survivor, duplicate, shared };
}

describe("merging two profiles of the same person", () => {
  it("moves every link to the kept profile, keeps one of each repeated link, and leaves nothing behind", async () => {
    const { council, manager, police, survivor, duplicate, shared } = await mergeablePair();
    const s = survivor.id;
    const d = duplicate.id;
    // The same person in the same incident in the same role on both profiles (kept once), and in
    // the same incident in different roles (both kept).
    const both = await makeIncident({
      organisationId: council.organisation.id,
      officerId: council.user.id,
      caseId: shared.id,
      people: [
        [s, "PERPETRATOR"],
        [d, "PERPETRATOR"],
      ],
    });
    const roles = await makeIncident({
      organisationId: council.organisation.id,
      officerId: council.user.id,
      people: [
        [s, "PERPETRATOR"],
        [d, "WITNESS"],
      ],
    });
    // A police incident the council cannot see: it moves too.
    const hidden = await makeIncident({ organisationId: police.organisation.id, officerId: police.user.id, people: [[d, "PERPETRATOR"]] });
    const policeCase = await makeCase({
      leadOrganisationId: police.organisation.id,
      createdById: police.user.id,
      kind: "COMMUNITY_TRIGGER",
      people: [[d, "OTHER"]],
    });
    await makePower({
      subjectPersonId: d,
      issuingOrganisationId: police.organisation.id,
      issuingOfficerId: police.user.id,
      caseId: shared.id,
    });
    await makePower({ subjectPersonId: s, issuingOrganisationId: council.organisation.id, issuingOfficerId: council.user.id });
    await makeRiskAssessment({ caseId: shared.id, personId: d, assessedById: police.user.id, organisationId: police.organisation.id });
    await makeReferral({
      caseId: shared.id,
      referringOrganisationId: police.organisation.id,
      referringUserId: police.user.id,
      victimPersonId: d,
    });
    await makeReferral({
      caseId: shared.id,
      referringOrganisationId: police.organisation.id,
      referringUserId: police.user.id,
      perpetratorPersonId: d,
    });
    await makeCommunityTrigger({ caseId: policeCase.id, applicantPersonId: d });
    await makeMarker({ personId: d, recordedById: police.user.id, kind: "SUBSTANCE_MISUSE" });
    await makeMarker({ personId: s, recordedById: council.user.id, kind: "SUBSTANCE_MISUSE" });
    // A profile merged into the duplicate earlier.
    const earlier = await makePerson({ createdByOrgId: police.organisation.id, firstName: "S", lastName: "Docherty" });
    await db.person.update({ where: { id: earlier.id }, data: { mergedIntoId: d, mergedAt: new Date() } });

    const before = await linkCounts([s, d]);
    const preview = await getMergePreview(manager.actor, s, d);
    expect(preview.filled).toEqual(["Telephone", "Notes"]);
    expect(preview.duplicate.visible).toEqual({ incidents: 2, cases: 1, powers: 1 });

    const { moved } = await mergePeople(manager.actor, {
      survivorId: s,
      duplicateId: d,
      survivorVersion: preview.survivor.version,
      duplicateVersion: preview.duplicate.version,
    });
    expect(moved).toMatchObject({
      incidents: 3,
      cases: 3,
      powers: 1,
      riskAssessments: 1,
      referralsAsVictim: 1,
      referralsAsPerpetrator: 1,
      communityTriggers: 1,
      vulnerabilityMarkers: 1,
      earlierMerges: 1,
    });

    // Nothing is left on the duplicate...
    expect(await linkCounts([d])).toEqual({
      incidentPeople: 0,
      casePeople: 0,
      powers: 0,
      riskAssessments: 0,
      victimReferrals: 0,
      perpetratorReferrals: 0,
      triggers: 0,
      markers: 0,
      aliases: 0,
      tombstones: 0,
    });
    // ...and the kept profile has every link: all of both, less the repeats kept once, plus the
    // tombstone of the duplicate itself. Aliases: Steve Docherty (both had it, kept once), Dox, and
    // the duplicate's own name.
    const after = await linkCounts([s]);
    expect(after).toEqual({
      ...before,
      incidentPeople: before.incidentPeople - 1,
      casePeople: before.casePeople - 1,
      aliases: 3,
      tombstones: before.tombstones + 1,
    });
    expect(
      await db.incidentPerson.findMany({
        where: { incidentId: { in: [both.id, roles.id, hidden.id] } },
        select: { incidentId: true, personId: true, role: true },
        orderBy: [{ incidentId: "asc" }, { role: "asc" }],
      }),
    ).toEqual(
      [
        { incidentId: both.id, personId: s, role: "PERPETRATOR" },
        { incidentId: roles.id, personId: s, role: "PERPETRATOR" },
        { incidentId: roles.id, personId: s, role: "WITNESS" },
        { incidentId: hidden.id, personId: s, role: "PERPETRATOR" },
      ].sort((a, b) => a.incidentId.localeCompare(b.incidentId) || a.role.localeCompare(b.role)),
    );

    const kept = await db.person.findUniqueOrThrow({ where: { id: s }, include: { aliases: true } });
    expect(kept).toMatchObject({ phone: "07700 900111", notes: "Sleeps rough near the station.", version: survivor.version + 1 });
    expect(kept.dateOfBirth?.toISOString().slice(0, 10)).toBe("1967-02-14");
    expect(kept.aliases.map((a) => a.searchText).sort()).toEqual(["dox", "steve docherty", "steven docherty"]);
    expect(kept.searchText.split(" ")).toEqual(expect.arrayContaining(searchText("stephen doherty steven docherty dox").split(" ")));
    const gone = await db.person.findUniqueOrThrow({ where: { id: d } });
    expect(gone).toMatchObject({ mergedIntoId: s, version: duplicate.version + 1 });
    expect(gone.mergedAt).toBeInstanceOf(Date);
    expect((await db.person.findUniqueOrThrow({ where: { id: earlier.id } })).mergedIntoId).toBe(s);

    const audits = await db.auditEvent.findMany({
      where: { action: "UPDATE", entityType: "Person", entityId: { in: [s, d] } },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => [a.entityId, a.userId, (a.detail as { merge: string }).merge])).toEqual([
      [s, manager.user.id, "kept"],
      [d, manager.user.id, "merged away"],
    ]);
    expect(await sealAndVerifyAuditChain()).toMatchObject({ ok: true, pending: 0 });

    // The duplicate's old address leads to the kept profile, and its name now finds it.
    expect(await getPersonProfile(manager.actor, d)).toEqual({ kind: "merged", survivorId: s });
    const found = await searchPeople(manager.actor, { text: "steven docherty", dateOfBirth: null }, { page: 1, pageSize: 10 });
    expect(found.rows.map((r) => r.id)).toEqual([s]);
    expect(found.rows[0]?.matchedAliases).toContain("Steven Docherty");
  });

  it("bumps the version of records whose people moved, so a form opened before the merge cannot put the old profile back", async () => {
    const { council, manager, duplicate, survivor } = await mergeablePair();
    const incident = await makeIncident({
      organisationId: council.organisation.id,
      officerId: council.user.id,
      people: [[duplicate.id, "VICTIM"]],
    });
    await mergePeople(manager.actor, { survivorId: survivor.id, duplicateId: duplicate.id, survivorVersion: 1, duplicateVersion: 1 });
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).version).toBe(incident.version + 1);
  });

  it("the kept profile is a repeat victim when the incidents of both profiles make it one", async () => {
    const { council, manager, duplicate, survivor } = await mergeablePair();
    const victimIn = (personId: string, daysAgo: number) =>
      makeIncident({
        organisationId: council.organisation.id,
        officerId: council.user.id,
        people: [[personId, "VICTIM"]],
        occurredAt: new Date(Date.now() - daysAgo * 86_400_000),
      });
    await victimIn(survivor.id, 10);
    await victimIn(duplicate.id, 20);
    await victimIn(duplicate.id, 30);
    const before = await alertsFor([survivor.id, duplicate.id]);
    expect(before.get(survivor.id)).toMatchObject({ repeatVictim: false, victimIncidentsInWindow: 1 });
    expect(before.get(duplicate.id)).toMatchObject({ repeatVictim: false, victimIncidentsInWindow: 2 });
    await mergePeople(manager.actor, { survivorId: survivor.id, duplicateId: duplicate.id, survivorVersion: 1, duplicateVersion: 1 });
    const after = await alertsFor([survivor.id, duplicate.id]);
    expect(after.get(survivor.id)).toMatchObject({ repeatVictim: true, victimIncidentsInWindow: 3 });
    expect(after.get(duplicate.id)).toMatchObject({ repeatVictim: false, victimIncidentsInWindow: 0 });
  });

  it("a manager may merge only profiles they can see", async () => {
    const { survivor, police } = await mergeablePair();
    const otherManager = await agency({ kind: "HOUSING_PROVIDER", role: "MANAGER" });
    const theirs = await makePerson({ createdByOrgId: otherManager.organisation.id, firstName: "Steven", lastName: "Docherty" });
    const hidden = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Stephen", lastName: "Docherty" });

    await expect(
      mergePeople(otherManager.actor, { survivorId: theirs.id, duplicateId: survivor.id, survivorVersion: 1, duplicateVersion: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMergePreview(otherManager.actor, theirs.id, hidden.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.person.count({ where: { id: { in: [survivor.id, theirs.id, hidden.id] }, mergedIntoId: { not: null } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: otherManager.user.id } })).toBe(2);
  });

  it("an officer may not merge, even profiles they can see", async () => {
    const { council, survivor, duplicate } = await mergeablePair();
    await expect(
      mergePeople(council.actor, { survivorId: survivor.id, duplicateId: duplicate.id, survivorVersion: 1, duplicateVersion: 1 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getMergePreview(council.actor, survivor.id, duplicate.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.person.findUniqueOrThrow({ where: { id: duplicate.id } })).mergedIntoId).toBeNull();
  });

  it("a profile changed since the check page is not merged", async () => {
    const { manager, survivor, duplicate } = await mergeablePair();
    await db.person.update({ where: { id: duplicate.id }, data: { phone: "07700 900222", version: { increment: 1 } } });
    const before = await linkCounts([survivor.id, duplicate.id]);
    await expect(
      mergePeople(manager.actor, { survivorId: survivor.id, duplicateId: duplicate.id, survivorVersion: 1, duplicateVersion: 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await linkCounts([survivor.id, duplicate.id])).toEqual(before);
    expect((await db.person.findUniqueOrThrow({ where: { id: duplicate.id } })).mergedIntoId).toBeNull();
  });

  it("two managers merging the same pair at once (either way round): exactly one merge happens", async () => {
    const { manager, survivor, duplicate, council } = await mergeablePair();
    const other = await colleague(council.organisation.id, { role: "MANAGER" });
    const results = await Promise.allSettled([
      mergePeople(manager.actor, { survivorId: survivor.id, duplicateId: duplicate.id, survivorVersion: 1, duplicateVersion: 1 }),
      mergePeople(other.actor, { survivorId: duplicate.id, duplicateId: survivor.id, survivorVersion: 1, duplicateVersion: 1 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" && (rejected.reason instanceof ConflictError || rejected.reason instanceof NotFoundError)).toBe(
      true,
    );
    expect(await db.person.count({ where: { id: { in: [survivor.id, duplicate.id] }, mergedIntoId: null } })).toBe(1);
  });

  it("a profile cannot be merged into itself", async () => {
    const { manager, survivor } = await mergeablePair();
    await expect(
      mergePeople(manager.actor, { survivorId: survivor.id, duplicateId: survivor.id, survivorVersion: 1, duplicateVersion: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
