import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";
import { visibleCaseIdsSql } from "@/lib/cases/access-sql";
import { createIncident, listIncidents } from "@/lib/incidents/data";
import type { IncidentSort } from "@/lib/incidents/filters";
import type { IncidentInput } from "@/lib/incidents/schema";
import { parseListQuery } from "@/lib/list";
import type { Actor } from "@/lib/auth/actor-type";
import type { OrganisationKind, Panel, Role } from "@/lib/generated/prisma/enums";
import { actorFor, makeOrganisation, makeUser } from "@/tests/support/fixtures";

// The incident list runs on SQL (lib/cases/access-sql.ts) for speed; every other read uses the
// Prisma rules of lib/cases/access.ts. These tests hold the two to the same answer, for every
// kind of actor and every way a case can be shared, restricted or withdrawn.

type World = { actors: Record<string, Actor> };
const world: World = { actors: {} };

async function actor(orgId: string, role: Role = "OFFICER", panels: Panel[] = []) {
  return actorFor((await makeUser({ organisationId: orgId, role, panels })).id);
}

function input(caseId: string | null): IncidentInput {
  return {
    occurredAt: new Date(Date.now() - 86_400_000 * Math.floor(Math.random() * 300)),
    reportedAt: new Date(),
    reportMethod: "PHONE",
    category: "NUISANCE",
    type: "NOISE",
    description: "Test incident",
    riskLevel: "STANDARD",
    location: null,
    people: [],
    caseId,
  };
}

beforeAll(async () => {
  const orgs: Record<string, { id: string }> = {};
  for (const [key, kind] of [
    ["police", "POLICE"],
    ["housing", "HOUSING_PROVIDER"],
    ["council", "LOCAL_AUTHORITY"],
    ["fire", "FIRE"],
  ] as [string, OrganisationKind][]) {
    orgs[key] = await makeOrganisation(kind);
  }
  const a = world.actors;
  a.police = await actor(orgs.police!.id);
  a.policeColleague = await actor(orgs.police!.id);
  a.policeMarac = await actor(orgs.police!.id, "OFFICER", ["MARAC"]);
  a.housing = await actor(orgs.housing!.id);
  a.housingMarac = await actor(orgs.housing!.id, "CHAIR", ["MARAC"]);
  a.housingReferrer = await actor(orgs.housing!.id);
  a.councilViewer = await actor(orgs.council!.id, "VIEWER");
  a.councilAdmin = await actor(orgs.council!.id, "ADMIN");
  a.fire = await actor(orgs.fire!.id);

  const makeCase = async (
    lead: Actor,
    options: { shares?: { org: string; withdrawn?: boolean }[]; restricted?: boolean; status?: "OPEN" | "CLOSED" } = {},
  ) =>
    db.case.create({
      data: {
        reference: `CASE-V-${randomUUID().slice(0, 8)}`,
        kind: options.restricted ? "MARAC" : "ASB",
        title: "Visibility case",
        leadOrganisationId: lead.organisationId,
        createdById: lead.userId,
        restricted: options.restricted ?? false,
        status: options.status ?? "OPEN",
        shares: {
          create: (options.shares ?? []).map((s) => ({
            organisationId: orgs[s.org]!.id,
            sharedById: lead.userId,
            withdrawnAt: s.withdrawn ? new Date() : null,
          })),
        },
      },
    });
  const shared = await makeCase(a.police, { shares: [{ org: "housing" }, { org: "council" }] });
  const withdrawn = await makeCase(a.police, { shares: [{ org: "housing", withdrawn: true }] });
  const housingOnly = await makeCase(a.housing);
  const marac = await makeCase(a.policeMarac, { restricted: true, shares: [{ org: "housing" }, { org: "fire" }] });
  await db.referral.create({
    data: {
      reference: `REF-V-${randomUUID().slice(0, 8)}`,
      caseId: marac.id,
      panel: "MARAC",
      referringOrganisationId: orgs.housing!.id,
      referringUserId: a.housingReferrer.userId,
      reason: "Test",
    },
  });
  const closed = await makeCase(a.fire, { status: "CLOSED", shares: [{ org: "police" }] });

  // Written straight to the table: some of these links (an outsider's incident in a case, one in
  // a closed case) could not be made through the form today, but the rules must still hold.
  const log = (who: Actor, caseId: string | null) =>
    db.incident.create({
      data: {
        ...input(caseId),
        location: undefined,
        people: undefined,
        caseId,
        reference: `INC-V-${randomUUID().slice(0, 8)}`,
        reportingOrganisationId: who.organisationId,
        reportingOfficerId: who.userId,
      },
    });
  for (const who of [a.police, a.housing, a.fire]) await log(who, null);
  await log(a.police, shared.id);
  await log(a.housing, shared.id);
  await log(a.police, withdrawn.id);
  await log(a.housing, housingOnly.id);
  // In the restricted case: of their organisations, only the officer who logged each one (and
  // the panel, and the referrer) may see it; the colleague of the first may not.
  await log(a.policeMarac, marac.id);
  await log(a.police, marac.id);
  await log(a.housing, marac.id);
  await log(a.fire, closed.id);
  await log(await actor((await makeOrganisation("OTHER")).id), shared.id);
  // And one through the real path, so the fixtures include what the form makes.
  await createIncident(a.police, input(shared.id), randomUUID());
});

async function sqlList(who: Actor, params: Record<string, string> = {}) {
  const query = parseListQuery<IncidentSort>(params, {
    sorts: ["occurred", "reported", "reference", "risk"],
    defaultSort: "occurred",
    pageSize: 500,
  });
  const { parseIncidentFilters } = await import("@/lib/incidents/filters");
  const list = await listIncidents(who, parseIncidentFilters(params).filters, query);
  return { ids: list.rows.map((r) => r.id).sort(), total: list.total };
}

async function prismaIds(where: Prisma.IncidentWhereInput) {
  return (await db.incident.findMany({ where, select: { id: true } })).map((r) => r.id).sort();
}

describe("the incident list's SQL and the Prisma rules agree", () => {
  it.each([
    "police",
    "policeColleague",
    "policeMarac",
    "housing",
    "housingMarac",
    "housingReferrer",
    "councilViewer",
    "councilAdmin",
    "fire",
  ])("for %s: the same incidents, the same 'part of a case' and 'not part of a case'", async (key) => {
    const who = world.actors[key]!;
    const visible = visibleIncidentsWhere(who);
    const all = await sqlList(who);
    expect(all.ids).toEqual(await prismaIds(visible));
    expect(all.total).toBe(all.ids.length);
    expect((await sqlList(who, { case: "yes" })).ids).toEqual(await prismaIds({ AND: [visible, { case: visibleCasesWhere(who) }] }));
    expect((await sqlList(who, { case: "no" })).ids).toEqual(
      await prismaIds({ AND: [visible, { OR: [{ caseId: null }, { case: { NOT: visibleCasesWhere(who) } }] }] }),
    );
  });

  it.each([
    "police",
    "policeColleague",
    "policeMarac",
    "housing",
    "housingMarac",
    "housingReferrer",
    "councilViewer",
    "councilAdmin",
    "fire",
  ])("for %s: the same cases", async (key) => {
    const who = world.actors[key]!;
    const sql = await db.$queryRaw<{ id: string }[]>(visibleCaseIdsSql(who));
    const prisma = await db.case.findMany({ where: visibleCasesWhere(who), select: { id: true } });
    expect([...new Set(sql.map((r) => r.id))].sort()).toEqual(prisma.map((r) => r.id).sort());
  });

  it("the cases seen differ between actors (the fixtures exercise the rules)", async () => {
    const a = world.actors;
    const seen = async (who: Actor) => (await sqlList(who)).ids.length;
    expect(await seen(a.councilAdmin!)).toBe(0);
    expect(await seen(a.housingMarac!)).toBeGreaterThan(await seen(a.housing!));
    expect(await seen(a.housingReferrer!)).toBeGreaterThan(await seen(a.housing!));
    expect(await seen(a.policeMarac!)).toBeGreaterThanOrEqual(await seen(a.police!));
    // The officer who logged an incident in the restricted case keeps it; his colleague does not.
    expect(await seen(a.police!)).toBe((await seen(a.policeColleague!)) + 1);
  });
});
