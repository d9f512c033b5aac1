import "server-only";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AsbType, InvolvementRole } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { roleHas } from "@/lib/auth/permissions";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";
import { visiblePeopleWhere } from "@/lib/people/access";
import { visiblePlacesWhere } from "@/lib/places/access";
import { appendTimeline } from "@/lib/timeline/data";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { ROLE_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { inCaseYouCannotSee } from "@/lib/cases/labels";

// Checking what the form chose: the lead organisation and officer, and the incidents, people and
// places sent by id or reference must be ones the actor may see and use. What passes is written
// here too (linked or added, with its timeline entry), inside the caller's transaction.

type LeadChoice = { organisation: { id: string; name: string; shortName: string }; officer: { id: string; name: string } | null };

/** The lead organisation must be active; the lead officer an active user of it who can work cases. */
export async function checkLead(
  tx: Tx,
  organisationId: string,
  officerId: string | null,
  keep?: { organisationId: string; officerId: string | null },
): Promise<LeadChoice> {
  const organisation = await tx.organisation.findFirst({
    // The case's current lead stays acceptable even if it has since been made inactive.
    where: { id: organisationId, ...(keep?.organisationId === organisationId ? {} : { active: true }) },
    select: { id: true, name: true, shortName: true },
  });
  if (!organisation) throw new ValidationError({ leadOrganisationId: ["Select the lead organisation from the list"] });
  if (!officerId) return { organisation, officer: null };
  const officer = await tx.user.findFirst({
    where: { id: officerId, organisationId, isApiClient: false },
    select: { id: true, name: true, role: true, active: true },
  });
  // An officer already leading the case stays acceptable, so an unrelated edit is never blocked.
  const unchanged = keep?.officerId === officerId && keep.organisationId === organisationId;
  if (!officer || (!unchanged && (!officer.active || !roleHas(officer.role, "case:write")))) {
    throw new ValidationError({ leadOfficerId: [`Select a lead officer from ${organisation.name}`] });
  }
  return { organisation, officer: { id: officer.id, name: officer.name } };
}

const INCIDENT_LINK_SELECT = {
  id: true,
  reference: true,
  caseId: true,
  type: true,
  reportingOrganisationId: true,
  location: { select: { addressLine1: true } },
} satisfies Prisma.IncidentSelect;

type IncidentToLink = Prisma.IncidentGetPayload<{ select: typeof INCIDENT_LINK_SELECT }>;

/**
 * The incidents to link, by id (from the form it was opened with) and by reference (typed). Each
 * must be one the actor may see and in no case yet. Problems are reported against `fields`.
 */
export async function incidentsToLink(
  tx: Tx,
  actor: Actor,
  caseId: string | null,
  request: { ids: string[]; references: string[] },
  fields: { ids: string; references: string },
): Promise<IncidentToLink[]> {
  const { ids, references } = request;
  if (ids.length === 0 && references.length === 0) return [];
  const found = await tx.incident.findMany({
    where: { AND: [{ OR: [{ id: { in: ids } }, { reference: { in: references } }] }, visibleIncidentsWhere(actor)] },
    select: INCIDENT_LINK_SELECT,
  });
  const errors: FieldErrors = {};
  const byId = new Set(found.map((i) => i.id));
  const byReference = new Set(found.map((i) => i.reference));
  if (ids.some((id) => !byId.has(id)))
    errors[fields.ids] = ["An incident you selected cannot be found. It may have been removed, or you may not have access to it."];
  const unknown = references.filter((r) => !byReference.has(r));
  if (unknown.length > 0) {
    errors[fields.references] = [`${unknown.join(", ")} cannot be found. Check the reference: you can only add incidents you can see.`];
  }

  const inCases = found.filter((i) => i.caseId !== null);
  if (inCases.length > 0) {
    const otherIds = [...new Set(inCases.map((i) => i.caseId!).filter((id) => id !== caseId))];
    const visibleOthers =
      otherIds.length > 0
        ? await tx.case.findMany({
            where: { AND: [{ id: { in: otherIds } }, visibleCasesWhere(actor)] },
            select: { id: true, reference: true },
          })
        : [];
    const otherReference = new Map(visibleOthers.map((c) => [c.id, c.reference]));
    const messages = inCases.map((i) =>
      i.caseId === caseId
        ? `${i.reference} is already linked to this case`
        : otherReference.has(i.caseId!)
          ? `${i.reference} is already part of case ${otherReference.get(i.caseId!)}. Remove it from that case first.`
          : // A case the actor may not see is never named: the incident's page says "not part of a case you can see".
            inCaseYouCannotSee(i.reference, caseId ? "this case" : "a new case"),
    );
    const field = inCases.every((i) => ids.includes(i.id)) ? fields.ids : fields.references;
    errors[field] = [...(errors[field] ?? []), ...messages];
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return found;
}

function incidentSummary(incident: { reference: string; type: AsbType; location: { addressLine1: string } | null }): string {
  const where = incident.location ? ` at ${incident.location.addressLine1}` : "";
  return `Incident ${incident.reference} linked: ${TYPE_LABELS[incident.type].toLowerCase()}${where}`;
}

/** `at`: when they were linked (now, or the day a case recorded afterwards was opened). */
export async function linkIncidentsInTransaction(
  tx: Tx,
  actor: Actor,
  caseId: string,
  incidents: IncidentToLink[],
  field: string,
  at: Date = new Date(),
) {
  for (const incident of incidents) {
    // `caseId: null` in the WHERE: an incident another officer linked a moment ago is not taken
    // from their case. The version moves on, so an incident form opened before this cannot put
    // the old case back when it is saved.
    const linked = await tx.incident.updateMany({ where: { id: incident.id, caseId: null }, data: { caseId, version: { increment: 1 } } });
    if (linked.count === 0) throw new ValidationError({ [field]: [`${incident.reference} has just been added to another case`] });
    await appendTimeline(tx, actor, {
      caseId,
      kind: "INCIDENT_LINKED",
      summary: incidentSummary(incident),
      subjectType: "Incident",
      subjectId: incident.id,
      detail: { reference: incident.reference },
      occurredAt: at,
    });
  }
}

type PersonToAdd = { personId: string; role: InvolvementRole; name: string };

export async function checkPeople(
  tx: Tx,
  actor: Actor,
  links: { personId: string; role: InvolvementRole }[],
  field: string,
): Promise<PersonToAdd[]> {
  if (links.length === 0) return [];
  const ids = [...new Set(links.map((l) => l.personId))];
  const people = await tx.person.findMany({
    where: { AND: [{ id: { in: ids } }, visiblePeopleWhere(actor)] },
    select: { id: true, firstName: true, lastName: true },
  });
  const names = new Map(people.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
  if (ids.some((id) => !names.has(id))) throw new ValidationError({ [field]: ["Search for the person and select them from the list"] });
  const seen = new Set<string>();
  return links.flatMap((l) => {
    const key = `${l.personId}|${l.role}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ ...l, name: names.get(l.personId)! }];
  });
}

type PlaceToAdd = { id: string; label: string };

export function placeLabel(place: { addressLine1: string; postcode: string | null }): string {
  return place.postcode ? `${place.addressLine1}, ${place.postcode}` : place.addressLine1;
}

export async function checkPlaces(tx: Tx, actor: Actor, ids: string[], field: string): Promise<PlaceToAdd[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const places = await tx.location.findMany({
    where: { AND: [{ id: { in: unique } }, visiblePlacesWhere(actor)] },
    select: { id: true, addressLine1: true, postcode: true },
  });
  if (places.length !== unique.length) throw new ValidationError({ [field]: ["Search for the place and select it from the list"] });
  return places.map((p) => ({ id: p.id, label: placeLabel(p) }));
}

export const roleWords = (role: InvolvementRole) => ROLE_LABELS[role].toLowerCase();

export async function addPersonInTransaction(tx: Tx, actor: Actor, caseId: string, person: PersonToAdd, field: string, at = new Date()) {
  const key = { caseId_personId_role: { caseId, personId: person.personId, role: person.role } };
  const existing = await tx.casePerson.findUnique({ where: key, select: { removedAt: true } });
  if (existing && !existing.removedAt)
    throw new ValidationError({ [field]: [`${person.name} is already in this case as ${roleWords(person.role)}`] });
  // A person taken out of the case and added again keeps one row: the timeline holds the history.
  if (existing) await tx.casePerson.update({ where: key, data: { removedAt: null, addedAt: at } });
  else await tx.casePerson.create({ data: { caseId, personId: person.personId, role: person.role, addedAt: at } });
  await appendTimeline(tx, actor, {
    caseId,
    kind: "PERSON_ADDED",
    summary: `${person.name} added as ${roleWords(person.role)}`,
    subjectType: "Person",
    subjectId: person.personId,
    detail: { role: person.role },
    occurredAt: at,
  });
}

export async function addPlaceInTransaction(tx: Tx, actor: Actor, caseId: string, place: PlaceToAdd, field: string, at = new Date()) {
  const key = { caseId_locationId: { caseId, locationId: place.id } };
  const existing = await tx.caseLocation.findUnique({ where: key, select: { removedAt: true } });
  if (existing && !existing.removedAt) throw new ValidationError({ [field]: [`${place.label} is already in this case`] });
  if (existing) await tx.caseLocation.update({ where: key, data: { removedAt: null, addedAt: at } });
  else await tx.caseLocation.create({ data: { caseId, locationId: place.id, addedAt: at } });
  await appendTimeline(tx, actor, {
    caseId,
    kind: "LOCATION_ADDED",
    summary: `${place.label} added`,
    subjectType: "Location",
    subjectId: place.id,
    occurredAt: at,
  });
}
