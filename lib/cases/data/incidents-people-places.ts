import "server-only";
import type { InvolvementRole } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { appendTimeline } from "@/lib/timeline/data";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { isUuid } from "@/lib/not-found";
import { changeCase, recordCaseChange, refuseIfClosed } from "./change-case";
import {
  addPersonInTransaction,
  addPlaceInTransaction,
  checkPeople,
  checkPlaces,
  incidentsToLink,
  linkIncidentsInTransaction,
  placeLabel,
  roleWords,
} from "./form-checks";

// Incidents, people and places in the case: those who contribute add them, the lead organisation
// (or, for an incident, the organisation that logged it) takes them out.

/** Links incidents the actor can see, and that are in no case yet, to the case. */
export async function linkIncidents(actor: Actor, caseId: string, references: string[]): Promise<{ references: string[] }> {
  return changeCase(actor, caseId, "contribute", async (tx, c) => {
    refuseIfClosed(c, "incidentReferences");
    const incidents = await incidentsToLink(
      tx,
      actor,
      caseId,
      { ids: [], references },
      { ids: "incidentReferences", references: "incidentReferences" },
    );
    await linkIncidentsInTransaction(tx, actor, caseId, incidents, "incidentReferences");
    await recordCaseChange(tx, actor, caseId, { incidentsLinked: incidents.map((i) => i.reference) });
    return { references: incidents.map((i) => i.reference) };
  });
}

/** Takes an incident out of the case: the lead organisation, or the organisation that logged it. */
export async function unlinkIncident(actor: Actor, caseId: string, incidentId: string): Promise<{ reference: string }> {
  return changeCase(actor, caseId, "contribute", async (tx, c) => {
    const incident = isUuid(incidentId)
      ? await tx.incident.findFirst({
          where: { id: incidentId, caseId },
          select: { id: true, reference: true, reportingOrganisationId: true },
        })
      : null;
    if (!incident) throw new ConflictError("That incident is not part of this case any more");
    if (!c.rights.manage && incident.reportingOrganisationId !== actor.organisationId) {
      throw new ForbiddenError(
        `Only ${c.leadOrganisation.name}, or the organisation that logged it, can take an incident out of this case`,
      );
    }
    const unlinked = await tx.incident.updateMany({
      where: { id: incident.id, caseId },
      data: { caseId: null, version: { increment: 1 } },
    });
    if (unlinked.count === 0) throw new ConflictError("That incident is not part of this case any more");
    await appendTimeline(tx, actor, {
      caseId,
      kind: "INCIDENT_UNLINKED",
      summary: `Incident ${incident.reference} removed from the case`,
      subjectType: "Incident",
      subjectId: incident.id,
      detail: { reference: incident.reference },
    });
    await recordCaseChange(tx, actor, caseId, { incidentUnlinked: incident.reference });
    return { reference: incident.reference };
  });
}

/** Adds a person the actor can see to the case, in a role. */
export async function addPersonToCase(actor: Actor, caseId: string, personId: string, role: InvolvementRole): Promise<{ name: string }> {
  return changeCase(actor, caseId, "contribute", async (tx, c) => {
    refuseIfClosed(c, "personId");
    const [person] = await checkPeople(tx, actor, [{ personId, role }], "personId");
    await addPersonInTransaction(tx, actor, caseId, person!, "personId");
    await recordCaseChange(tx, actor, caseId, { personAdded: personId, role });
    return { name: person!.name };
  });
}

/** The lead organisation takes a person (in one role) out of the case. */
export async function removePersonFromCase(
  actor: Actor,
  caseId: string,
  personId: string,
  role: InvolvementRole,
): Promise<{ name: string }> {
  return changeCase(actor, caseId, "manage", async (tx) => {
    const key = { caseId_personId_role: { caseId, personId, role } };
    const link = isUuid(personId)
      ? await tx.casePerson.findUnique({ where: key, select: { removedAt: true, person: { select: { firstName: true, lastName: true } } } })
      : null;
    if (!link || link.removedAt) throw new ConflictError("That person is not in this case any more");
    const name = `${link.person.firstName} ${link.person.lastName}`;
    await tx.casePerson.update({ where: key, data: { removedAt: new Date() } });
    await appendTimeline(tx, actor, {
      caseId,
      kind: "PERSON_REMOVED",
      summary: `${name} removed (was ${roleWords(role)})`,
      subjectType: "Person",
      subjectId: personId,
      detail: { role },
    });
    await recordCaseChange(tx, actor, caseId, { personRemoved: personId, role });
    return { name };
  });
}

/** Adds a place the actor can see to the case. */
export async function addPlaceToCase(actor: Actor, caseId: string, locationId: string): Promise<{ label: string }> {
  return changeCase(actor, caseId, "contribute", async (tx, c) => {
    refuseIfClosed(c, "locationId");
    const [place] = await checkPlaces(tx, actor, [locationId], "locationId");
    await addPlaceInTransaction(tx, actor, caseId, place!, "locationId");
    await recordCaseChange(tx, actor, caseId, { placeAdded: locationId });
    return { label: place!.label };
  });
}

/** The lead organisation takes a place out of the case. */
export async function removePlaceFromCase(actor: Actor, caseId: string, locationId: string): Promise<{ label: string }> {
  return changeCase(actor, caseId, "manage", async (tx) => {
    const key = { caseId_locationId: { caseId, locationId } };
    const link = isUuid(locationId)
      ? await tx.caseLocation.findUnique({
          where: key,
          select: { removedAt: true, location: { select: { addressLine1: true, postcode: true } } },
        })
      : null;
    if (!link || link.removedAt) throw new ConflictError("That place is not in this case any more");
    const label = placeLabel(link.location);
    await tx.caseLocation.update({ where: key, data: { removedAt: new Date() } });
    await appendTimeline(tx, actor, {
      caseId,
      kind: "LOCATION_REMOVED",
      summary: `${label} removed`,
      subjectType: "Location",
      subjectId: locationId,
    });
    await recordCaseChange(tx, actor, caseId, { placeRemoved: locationId });
    return { label };
  });
}
