import "server-only";
import { importedFrom } from "@/lib/imports/data/provenance";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { auditRefusal, auditView } from "@/lib/audit/data";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";
import { listPowersFor } from "@/lib/powers/data";
import { visiblePeopleWhere } from "@/lib/people/access";
import { CASE_ROW_SELECT } from "@/lib/cases/data";
import { INCIDENT_ROW_SELECT } from "@/lib/incidents/rows";
import { alertsFor, type PersonAlerts } from "@/lib/people/alerts";
import { NotFoundError } from "@/lib/errors";
import { COUNT_CAP } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { ENTITY, requireVisiblePerson } from "./shared";

// One person: the profile with everything linked that the viewer may see, and the short summary.

/** Where a chain of merges ends (merges re-point earlier tombstones, so this is usually one step). */
async function survivorOf(id: string): Promise<string> {
  let current = id;
  for (let hops = 0; hops < 10; hops++) {
    const row = await db.person.findUnique({ where: { id: current }, select: { mergedIntoId: true } });
    if (!row?.mergedIntoId) return current;
    current = row.mergedIntoId;
  }
  return current;
}

export const PERSON_DETAIL_SELECT = {
  id: true,
  firstName: true,
  lastName: true,
  dateOfBirth: true,
  gender: true,
  phone: true,
  email: true,
  notes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  createdByOrg: { select: { name: true, shortName: true } },
  address: { select: { addressLine1: true, addressLine2: true, town: true, postcode: true } },
  aliases: { select: { id: true, firstName: true, lastName: true }, orderBy: [{ lastName: "asc" }, { id: "asc" }] },
  markers: {
    where: { removedAt: null },
    orderBy: [{ recordedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      note: true,
      recordedAt: true,
      recordedBy: { select: { name: true, organisation: { select: { shortName: true } } } },
    },
  },
} satisfies Prisma.PersonSelect;

export type PersonDetail = Prisma.PersonGetPayload<{ select: typeof PERSON_DETAIL_SELECT }>;

/** Incidents, cases and powers listed on a profile; more incidents are in the incident list. */
export const PROFILE_LIST_LIMIT = 25;

async function loadProfile(actor: Actor, id: string) {
  const incidentsWhere: Prisma.IncidentWhereInput = { AND: [visibleIncidentsWhere(actor), { people: { some: { personId: id } } }] };
  const [person, incidentCount, incidents, cases, powers, alerts, imported] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id }, select: PERSON_DETAIL_SELECT }),
    db.incident.count({ where: incidentsWhere, take: COUNT_CAP + 1 }),
    db.incident.findMany({
      where: incidentsWhere,
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: PROFILE_LIST_LIMIT,
      select: { ...INCIDENT_ROW_SELECT, people: { where: { personId: id }, select: { role: true } } },
    }),
    db.case.findMany({
      where: { AND: [visibleCasesWhere(actor), { people: { some: { personId: id, removedAt: null } } }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: PROFILE_LIST_LIMIT,
      select: { ...CASE_ROW_SELECT, people: { where: { personId: id, removedAt: null }, select: { role: true } } },
    }),
    listPowersFor(actor, { subjectPersonId: id }, PROFILE_LIST_LIMIT),
    alertsFor([id]),
    importedFrom(actor, "PEOPLE", id),
  ]);
  return {
    person,
    /** Brought in from a file (lib/imports): from where, by whom. */
    imported,
    // What the actor may do with the profile, decided here: a person they may see, they may
    // correct with person:write and merge with person:merge.
    rights: { edit: can(actor, "person:write"), merge: can(actor, "person:merge") },
    alerts: alerts.get(id)!,
    incidents: { rows: incidents, total: Math.min(incidentCount, COUNT_CAP), totalCapped: incidentCount > COUNT_CAP },
    cases,
    powers,
  };
}

export type PersonProfile = Awaited<ReturnType<typeof loadProfile>>;

export type ProfileOutcome = { kind: "profile"; profile: PersonProfile } | { kind: "merged"; survivorId: string };

/**
 * A person's profile with everything linked that the actor may see, and their alerts. The view is
 * audited. A profile that was merged away leads to the one it was merged into (if the actor may
 * see that one); anything else the actor may not see is NotFoundError.
 */
export async function getPersonProfile(actor: Actor, id: string): Promise<ProfileOutcome> {
  const merged = await mergedInto(actor, id);
  if (merged) return merged;
  const profile = await loadProfile(actor, id);
  await auditView(actor, ENTITY, id);
  return { kind: "profile", profile };
}

/**
 * The person alone with their alerts (no incidents, cases or powers), for the partner API; audited
 * as a view. A merged profile leads to the one it was merged into, as on the page.
 */
export async function getPersonRecord(
  actor: Actor,
  id: string,
): Promise<{ kind: "person"; person: PersonDetail; alerts: PersonAlerts } | { kind: "merged"; survivorId: string }> {
  const merged = await mergedInto(actor, id);
  if (merged) return merged;
  const [person, alerts] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id }, select: PERSON_DETAIL_SELECT }),
    alertsFor([id]),
  ]);
  await auditView(actor, ENTITY, id);
  return { kind: "person", person, alerts: alerts.get(id)! };
}

/** The profile a merged-away one leads to, or null for a live profile the actor may see; NotFoundError otherwise. */
async function mergedInto(actor: Actor, id: string): Promise<{ kind: "merged"; survivorId: string } | null> {
  if (!isUuid(id)) throw new NotFoundError("person");
  const row = await db.person.findUnique({ where: { id }, select: { mergedIntoId: true } });
  // A missing id goes on to the same check and refusal as a hidden one: the same work either way.
  if (row?.mergedIntoId) {
    const survivorId = await survivorOf(row.mergedIntoId);
    if ((await db.person.count({ where: { AND: [{ id: survivorId }, visiblePeopleWhere(actor)] } })) > 0)
      return { kind: "merged", survivorId };
    await auditRefusal(actor, ENTITY, id);
    throw new NotFoundError("person");
  }
  await requireVisiblePerson(actor, id);
  return null;
}

export type PersonSummary = { id: string; firstName: string; lastName: string; dateOfBirth: Date | null };

/** Name and date of birth only, for a page about the person (the merge search); not a profile view. */
export async function getPersonSummary(actor: Actor, id: string): Promise<PersonSummary> {
  await requireVisiblePerson(actor, id);
  return db.person.findUniqueOrThrow({ where: { id }, select: { id: true, firstName: true, lastName: true, dateOfBirth: true } });
}
