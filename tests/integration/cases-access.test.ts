import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  addCaseNote,
  changeCaseStatus,
  findCaseIdByReference,
  getCase,
  getCaseSummary,
  incidentsForNewCase,
  listCases,
  shareCase,
  withdrawShare,
} from "@/lib/cases/data";
import { parseCaseFilters } from "@/lib/cases/filters";
import { getPersonProfile } from "@/lib/people/data";
import { listTimeline } from "@/lib/timeline/data";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { parseListQuery } from "@/lib/list";
import { CASE_SORTS } from "@/lib/cases/filters";
import type { Actor } from "@/lib/auth/actor-type";
import { agency, colleague, makeIncident, makePerson, open } from "./cases-support";

// The case access rules from the attacker's side: another agency, an officer outside the MARAC
// panel, a withdrawn partner. A case they may not see must not exist for them anywhere.

const everything = parseListQuery({}, { sorts: CASE_SORTS, defaultSort: "opened", pageSize: 100 });

async function listed(actor: Actor, params: Record<string, string> = {}) {
  const list = await listCases(actor, parseCaseFilters(params).filters, everything);
  return { ids: list.rows.map((r) => r.id), total: list.total };
}

async function refusals(userId: string, caseId: string) {
  return db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId, entityType: "Case", entityId: caseId } });
}

describe("who can see a case", () => {
  it("an officer of another organisation cannot open an unshared case by its id, and the refusal is audited", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const opened = await open(police.actor);

    await expect(getCase(housing.actor, opened.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listTimeline(housing.actor, opened.id, { order: "newest" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addCaseNote(housing.actor, opened.id, "Let me in", randomUUID())).rejects.toBeInstanceOf(NotFoundError);
    expect(await refusals(housing.user.id, opened.id)).toBe(3);
    expect(await findCaseIdByReference(housing.actor, opened.reference)).toBeNull();
    expect((await listed(housing.actor)).ids).not.toContain(opened.id);

    // A case that does not exist answers the same, and there is nothing to audit.
    await expect(getCase(housing.actor, "0197a1b2-0000-7000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCase(housing.actor, "CASE-2026-000001")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("sharing shows the case, its timeline and its incidents to everyone in the organisation; withdrawing takes it all away", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const housingColleague = await colleague(housing.organisation.id);
    const incident = await makeIncident({ organisationId: police.organisation.id, officerId: police.user.id });
    const opened = await open(police.actor, { incidentIds: [incident.id] });

    await shareCase(police.actor, opened.id, housing.organisation.id);
    for (const someone of [housing.actor, housingColleague.actor]) {
      const detail = await getCase(someone, opened.id);
      expect(detail.rights).toEqual({ contribute: true, manage: false });
      expect(detail.incidents.rows.map((i) => i.reference)).toEqual([incident.reference]);
      expect((await listTimeline(someone, opened.id, { order: "oldest" })).entries.map((e) => e.kind)).toEqual([
        "CASE_OPENED",
        "INCIDENT_LINKED",
        "SHARED",
      ]);
      expect((await listed(someone, { relation: "shared" })).ids).toEqual([opened.id]);
      expect(await findCaseIdByReference(someone, opened.reference)).toBe(opened.id);
    }
    const share = await db.caseShare.findUniqueOrThrow({
      where: { caseId_organisationId: { caseId: opened.id, organisationId: housing.organisation.id } },
    });
    expect(share).toMatchObject({ sharedById: police.user.id, withdrawnAt: null });

    await withdrawShare(police.actor, opened.id, housing.organisation.id);
    await expect(getCase(housing.actor, opened.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listTimeline(housingColleague.actor, opened.id, { order: "newest" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listed(housing.actor)).total).toBe(0);
    expect(await incidentsForNewCase(housing.actor, [incident.id])).toMatchObject({ available: [], alreadyInCase: [], notFound: 1 });
    // The share is kept, with the time it was withdrawn, and both events are on the timeline.
    expect(
      (
        await db.caseShare.findUniqueOrThrow({
          where: { caseId_organisationId: { caseId: opened.id, organisationId: housing.organisation.id } },
        })
      ).withdrawnAt,
    ).toBeInstanceOf(Date);
    const kinds = (await listTimeline(police.actor, opened.id, { order: "oldest" })).entries.map((e) => e.kind);
    expect(kinds.slice(-2)).toEqual(["SHARED", "SHARE_WITHDRAWN"]);
  });

  it("a restricted MARAC case is absent from another officer's lists, searches, counts and person profiles", async () => {
    const police = await agency({ kind: "POLICE" });
    const detective = await colleague(police.organisation.id, { panels: ["MARAC"] });
    const outsider = await colleague(police.organisation.id); // same force, no panel
    const panelElsewhere = await agency({ kind: "VOLUNTARY_SECTOR", panels: ["MARAC"] });
    const victim = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Chloe", lastName: "Adams" });
    // The outsider knows the victim from an incident of their own force...
    await makeIncident({ organisationId: police.organisation.id, officerId: outsider.user.id, people: [[victim.id, "VICTIM"]] });
    const marac = await open(detective.actor, {
      kind: "MARAC",
      title: "Domestic abuse: Chloe Adams",
      people: [{ personId: victim.id, role: "VICTIM" }],
    });
    const asb = await open(police.actor, { title: "Chloe Adams: noise from neighbours" });

    // ...but not the MARAC case, although their own organisation leads it.
    await expect(getCase(outsider.actor, marac.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseSummary(outsider.actor, marac.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listTimeline(outsider.actor, marac.id, { order: "newest" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await findCaseIdByReference(outsider.actor, marac.reference)).toBeNull();
    expect(await listed(outsider.actor)).toEqual({ ids: [asb.id], total: 1 });
    expect(await listed(outsider.actor, { q: "Chloe" })).toEqual({ ids: [asb.id], total: 1 });
    expect((await listed(outsider.actor, { q: marac.reference })).total).toBe(0);
    expect((await listed(outsider.actor, { kind: "MARAC" })).total).toBe(0);
    const profile = await getPersonProfile(outsider.actor, victim.id);
    expect(profile.kind === "profile" && profile.profile.cases.map((c) => c.id)).toEqual([]);
    expect(await refusals(outsider.user.id, marac.id)).toBe(3);

    // MARAC panel members see it wherever they work, marked restricted; so does its opener.
    for (const member of [detective.actor, panelElsewhere.actor]) {
      const { ids } = await listed(member, { kind: "MARAC" });
      expect(ids).toEqual([marac.id]);
      expect((await getCase(member, marac.id)).restricted).toBe(true);
    }
    const row = (await listCases(panelElsewhere.actor, {}, everything)).rows.find((r) => r.id === marac.id);
    expect(row).toMatchObject({ restricted: true, relation: "panel" });
    const maracProfile = await getPersonProfile(detective.actor, victim.id);
    expect(maracProfile.kind === "profile" && maracProfile.profile.cases.map((c) => c.id)).toContain(marac.id);
  });

  it("the officer who opened a MARAC case keeps seeing it without being on the panel", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const colleagueOfOpener = await colleague(council.organisation.id);
    const marac = await open(council.actor, { kind: "MARAC", title: "Referral from the housing team" });
    expect((await getCase(council.actor, marac.id)).restricted).toBe(true);
    await expect(getCase(colleagueOfOpener.actor, marac.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an administrator sees no cases at all, not even their own organisation's", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const admin = await colleague(council.organisation.id, { role: "ADMIN" });
    const opened = await open(council.actor);
    await expect(getCase(admin.actor, opened.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listed(admin.actor)).total).toBe(0);
  });
});

describe("who can run a case", () => {
  it("only the lead organisation shares, withdraws and closes; a partner is told, a stranger gets not found", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const fire = await agency({ kind: "FIRE" });
    const stranger = await agency({ kind: "HEALTH" });
    const opened = await open(police.actor);
    await shareCase(police.actor, opened.id, housing.organisation.id);

    await expect(shareCase(housing.actor, opened.id, fire.organisation.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(withdrawShare(housing.actor, opened.id, housing.organisation.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      changeCaseStatus(housing.actor, opened.id, 1, { status: "CLOSED", closureReason: "RESOLVED", note: null }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(shareCase(stranger.actor, opened.id, stranger.organisation.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      changeCaseStatus(stranger.actor, opened.id, 1, { status: "CLOSED", closureReason: "RESOLVED", note: null }),
    ).rejects.toBeInstanceOf(NotFoundError);

    expect(await db.caseShare.count({ where: { caseId: opened.id } })).toBe(1);
    expect((await db.case.findUniqueOrThrow({ where: { id: opened.id } })).status).toBe("OPEN");
    await changeCaseStatus(police.actor, opened.id, 1, { status: "CLOSED", closureReason: "RESOLVED", note: null });
  });

  it("refuses to share with an inactive organisation, the lead itself, or one already shared with", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const closedDown = await agency({ kind: "VOLUNTARY_SECTOR" });
    await db.organisation.update({ where: { id: closedDown.organisation.id }, data: { active: false } });
    const opened = await open(police.actor);
    await shareCase(police.actor, opened.id, housing.organisation.id);
    for (const organisationId of [closedDown.organisation.id, police.organisation.id, housing.organisation.id]) {
      await expect(shareCase(police.actor, opened.id, organisationId)).rejects.toMatchObject({ name: "ValidationError" });
    }
  });

  it("on a restricted MARAC case the MARAC chair shares it with the agencies at the meeting", async () => {
    const police = await agency({ kind: "POLICE", panels: ["MARAC"] });
    const chair = await agency({ kind: "LOCAL_AUTHORITY", role: "CHAIR", panels: ["MARAC"] });
    const idva = await agency({ kind: "VOLUNTARY_SECTOR", panels: ["MARAC"] });
    const idvaNotOnPanel = await colleague(idva.organisation.id);
    const marac = await open(police.actor, { kind: "MARAC", title: "Domestic abuse" });

    // A panel member of an organisation the case is not shared with reads it but cannot add to it.
    expect((await getCase(idva.actor, marac.id)).rights).toEqual({ contribute: false, manage: false });
    await expect(addCaseNote(idva.actor, marac.id, "Contact made", randomUUID())).rejects.toBeInstanceOf(ForbiddenError);
    await shareCase(chair.actor, marac.id, idva.organisation.id);
    await addCaseNote(idva.actor, marac.id, "Contact made", randomUUID());
    // Sharing a restricted case still shows it only to panel members there.
    await expect(getCase(idvaNotOnPanel.actor, marac.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
