import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DataImport, InvolvementRole } from "@/lib/generated/prisma/client";
import { auditChange } from "@/lib/audit/data";
import { nextReference } from "@/lib/references";
import { appendTimeline } from "@/lib/timeline/data";
import { createPersonInTransaction } from "@/lib/people/data";
import { personSearchText, aliasRows } from "@/lib/people/data/shared";
import { createPlaceInTransaction } from "@/lib/places/data";
import { visiblePeopleWhere } from "@/lib/people/access";
import { visiblePlacesWhere } from "@/lib/places/access";
import { searchText } from "@/lib/search-text";
import { TYPE_LABELS } from "@/lib/incidents/labels";
import { isUniqueViolation } from "@/lib/unique-violation";
import type { IncidentRowValue, PersonRowValue, PlaceRowValue } from "../rows";
import {
  caseForImport,
  checkedRows,
  ENTITY,
  existingRecords,
  importActor,
  NO_LONGER_ALLOWED,
  RECORD_ENTITY,
  type Existing,
  type Links,
  type ReadRow,
} from "./shared";

// The import: the checked file read again and written in batches, each batch one transaction that
// also moves `importedUpTo` on. A failure rolls back only the batch in hand, so the import stops
// at a clear "imported up to row N" and resumes after it; no row is ever half-written. Each row is
// keyed by its source reference (ImportedRecord): a row imported before and unchanged is skipped,
// a corrected one updates its record if nobody has changed that record in the service since.

const BATCH_ROWS = 200;

/** Stops the import at a row, in words for the manager; the batch it was in is rolled back. */
class ImportStop extends Error {
  constructor(
    public readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = "ImportStop";
  }
}

type Resolved = Map<string, string>;
type State = {
  job: DataImport;
  actor: Actor;
  /** Decided or suggested matches, and records this import has made, by kind and key. */
  people: Resolved;
  places: Resolved;
  /** Keys the manager (or the suggestion) said are new records. */
  caseIds: Map<string, string | null>;
};

export async function runImport(importId: string): Promise<void> {
  const job = await db.dataImport.findUnique({ where: { id: importId } });
  if (!job || job.status !== "IMPORTING") return;
  const actor = await importActor(job);
  if (!actor) return stop(importId, NO_LONGER_ALLOWED);

  const state: State = { job, actor, people: new Map(), places: new Map(), caseIds: new Map() };
  const chosen = await chosenMatches(state);
  if (chosen) return stop(importId, chosen);
  await rememberEarlierBatches(state);

  let batch: ReadRow[] = [];
  let lastRow = job.importedUpTo;
  try {
    for await (const item of checkedRows(job)) {
      if ("header" in item) {
        if (item.header.problems.length > 0)
          throw new ImportStop(1, "The file's columns have changed since it was checked. Upload it again.");
        continue;
      }
      if (item.file.row <= job.importedUpTo) continue;
      if (item.checked.problems.length > 0 || !item.checked.value)
        throw new ImportStop(item.file.row, `Row ${item.file.row} no longer passes the check. Upload the file again to see why.`);
      batch.push(item);
      if (batch.length >= BATCH_ROWS) {
        await writeBatch(state, batch);
        lastRow = batch.at(-1)!.file.row;
        batch = [];
      }
    }
    if (batch.length > 0) await writeBatch(state, batch);
  } catch (error) {
    const row = error instanceof ImportStop ? error.row : (batch[0]?.file.row ?? lastRow + 1);
    const message =
      error instanceof ImportStop
        ? error.message
        : `The import stopped at row ${row} because of an unexpected problem. The rows before it are imported: resume to carry on.`;
    if (!(error instanceof ImportStop))
      console.error(`import ${importId}: stopped at row ${row}: ${error instanceof Error ? error.name : "error"}`);
    return stop(importId, message);
  }
  await db.$transaction(async (tx) => {
    const done = await tx.dataImport.update({
      where: { id: importId },
      data: { status: "IMPORTED", finishedAt: new Date(), failure: null, version: { increment: 1 } },
      select: { createdCount: true, updatedCount: true, unchangedCount: true, totalRows: true },
    });
    // The file has done its work: it holds personal data, and is not kept.
    await tx.importFileChunk.deleteMany({ where: { importId } });
    await auditChange(tx, actor, "CREATE", ENTITY, importId, {
      kind: job.kind,
      rows: done.totalRows,
      created: done.createdCount,
      updated: done.updatedCount,
      unchanged: done.unchangedCount,
    });
  });
}

async function stop(importId: string, failure: string): Promise<void> {
  await db.dataImport.update({ where: { id: importId }, data: { status: "FAILED", failure, version: { increment: 1 } } });
}

/**
 * The existing records the review chose (or the check suggested), by key. Each must still be one
 * the uploader may see: one that has been hidden from them since stops the import before it writes.
 */
async function chosenMatches(state: State): Promise<string | null> {
  const matches = await db.importMatch.findMany({ where: { importId: state.job.id } });
  for (const match of matches) {
    const id = match.decided ? (match.decidedNew ? null : match.decidedId) : match.suggestedId;
    if (id) (match.kind === "PERSON" ? state.people : state.places).set(match.key, id);
  }
  const personIds = [...new Set(state.people.values())];
  const placeIds = [...new Set(state.places.values())];
  const [people, places] = await Promise.all([
    db.person.count({ where: { AND: [{ id: { in: personIds } }, visiblePeopleWhere(state.actor), { mergedIntoId: null }] } }),
    db.location.count({ where: { AND: [{ id: { in: placeIds } }, visiblePlacesWhere(state.actor)] } }),
  ]);
  if (people !== personIds.length || places !== placeIds.length)
    return "A person or place chosen in the review has changed or is no longer available to you. Upload the file again to check it.";
  return null;
}

/** On a resume: the people and places earlier batches of this import made, so they are not made twice. */
async function rememberEarlierBatches(state: State): Promise<void> {
  if (state.job.importedUpTo === 0) return;
  const records = await db.importedRecord.findMany({ where: { importId: state.job.id }, select: { links: true } });
  for (const { links } of records) {
    const l = (links ?? {}) as Links;
    for (const [key, id] of Object.entries(l.people ?? {})) if (!state.people.has(key)) state.people.set(key, id);
    for (const [key, id] of Object.entries(l.place ?? {})) if (!state.places.has(key)) state.places.set(key, id);
  }
}

async function writeBatch(state: State, batch: ReadRow[]): Promise<void> {
  const { job } = state;
  const existing = await existingRecords(
    job.organisationId,
    job.kind,
    batch.map((r) => r.checked.sourceReference),
  );
  // New people and places made in a batch that then rolls back must not be remembered.
  const people = new Map(state.people);
  const places = new Map(state.places);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  try {
    await db.$transaction(
      async (tx) => {
        for (const { checked } of batch) {
          const before = existing.get(checked.sourceReference);
          if (before && before.rowHash === checked.hash) {
            counts.unchanged++;
            continue;
          }
          const ctx = { ...state, people, places, tx, row: checked.row, before };
          const written =
            job.kind === "INCIDENTS"
              ? await writeIncident(ctx, checked.value as IncidentRowValue)
              : job.kind === "PEOPLE"
                ? await writePerson(ctx, checked.value as PersonRowValue)
                : await writePlace(ctx, checked.value as PlaceRowValue);
          counts[before ? "updated" : "created"]++;
          const record = {
            recordId: written.id,
            importId: job.id,
            row: checked.row,
            rowHash: checked.hash,
            recordVersion: written.version,
            links: written.links as Prisma.InputJsonValue,
          };
          if (before) await tx.importedRecord.update({ where: { id: before.id }, data: record });
          else
            await tx.importedRecord.create({
              data: { ...record, organisationId: job.organisationId, kind: job.kind, sourceReference: checked.sourceReference },
            });
        }
        await tx.dataImport.update({
          where: { id: job.id },
          data: {
            importedUpTo: batch.at(-1)!.file.row,
            createdCount: { increment: counts.created },
            updatedCount: { increment: counts.updated },
            unchangedCount: { increment: counts.unchanged },
          },
        });
      },
      { timeout: 120_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error, "uprn"))
      throw new ImportStop(
        batch[0]!.file.row,
        `A place in the rows from ${batch[0]!.file.row} has a UPRN already recorded for another place. Upload the file again to review it.`,
      );
    throw error;
  }
  state.people = people;
  state.places = places;
}

type RowContext = State & { tx: Tx; row: number; before: Existing | undefined };
type Written = { id: string; version: number; links: Links };

function importedFrom(ctx: RowContext) {
  return { import: ctx.job.id, row: ctx.row };
}

// ───────────────────────────── Incidents ─────────────────────────────

async function writeIncident(ctx: RowContext, value: IncidentRowValue): Promise<Written> {
  const { tx, actor, before } = ctx;
  const links: Links = { people: {}, place: {} };
  let locationId: string | null = null;
  if (value.place) {
    const { key, ...place } = value.place;
    locationId = before?.links.place?.[key] ?? ctx.places.get(key) ?? null;
    if (!locationId) {
      locationId = await createPlaceInTransaction(tx, actor, place);
      ctx.places.set(key, locationId);
    }
    links.place![key] = locationId;
  }
  const people: { personId: string; role: InvolvementRole }[] = [];
  for (const { person, role } of value.people) {
    const { key, ...fields } = person;
    let personId = before?.links.people?.[key] ?? ctx.people.get(key) ?? null;
    if (!personId) {
      personId = await createPersonInTransaction(tx, actor, fields);
      ctx.people.set(key, personId);
    }
    links.people![key] = personId;
    if (!people.some((p) => p.personId === personId && p.role === role)) people.push({ personId, role });
  }
  let caseId: string | null = null;
  if (value.caseReference) {
    if (!ctx.caseIds.has(value.caseReference)) ctx.caseIds.set(value.caseReference, await caseForImport(actor, value.caseReference));
    caseId = ctx.caseIds.get(value.caseReference) ?? null;
    if (!caseId)
      throw new ImportStop(
        ctx.row,
        `Row ${ctx.row}: the case ${value.caseReference} is no longer one your organisation can add to. Upload the file again to check it.`,
      );
  }

  if (before) {
    const current = await tx.incident.findUniqueOrThrow({
      where: { id: before.recordId },
      select: { reference: true, caseId: true, people: { select: { personId: true, role: true } } },
    });
    const { count } = await tx.incident.updateMany({
      where: { id: before.recordId, version: before.recordVersion, reportingOrganisationId: actor.organisationId },
      data: { ...value.fields, locationId, caseId: caseId ?? current.caseId, version: { increment: 1 } },
    });
    if (count === 0)
      throw new ImportStop(
        ctx.row,
        `Row ${ctx.row}: incident ${current.reference} was changed in the service after the check. Upload the file again to check it.`,
      );
    const key = (p: { personId: string; role: string }) => `${p.personId}|${p.role}`;
    const wanted = new Set(people.map(key));
    const had = new Set(current.people.map(key));
    for (const link of current.people.filter((p) => !wanted.has(key(p))))
      await tx.incidentPerson.delete({ where: { incidentId_personId_role: { incidentId: before.recordId, ...link } } });
    const added = people.filter((p) => !had.has(key(p)));
    if (added.length > 0)
      await tx.incidentPerson.createMany({ data: added.map((p) => ({ incidentId: before.recordId, ...p })), skipDuplicates: true });
    if (caseId && caseId !== current.caseId)
      await linkToCase(ctx, caseId, { id: before.recordId, reference: current.reference, type: value.fields.type });
    await auditChange(tx, actor, "UPDATE", RECORD_ENTITY.INCIDENTS, before.recordId, {
      reference: current.reference,
      ...importedFrom(ctx),
    });
    return { id: before.recordId, version: before.recordVersion + 1, links };
  }

  const reference = await nextReference(tx, "INC", value.fields.occurredAt);
  const incident = await tx.incident.create({
    data: {
      reference,
      ...value.fields,
      locationId,
      caseId,
      reportingOrganisationId: actor.organisationId,
      reportingOfficerId: actor.userId,
      people: { createMany: { data: people, skipDuplicates: true } },
    },
    select: { id: true, version: true },
  });
  if (caseId) await linkToCase(ctx, caseId, { id: incident.id, reference, type: value.fields.type });
  await auditChange(tx, actor, "CREATE", RECORD_ENTITY.INCIDENTS, incident.id, { reference, ...importedFrom(ctx) });
  return { id: incident.id, version: incident.version, links };
}

/** The case timeline says the incident came from a file, and which row (never the file's name: it is the organisation's). */
async function linkToCase(ctx: RowContext, caseId: string, incident: { id: string; reference: string; type: keyof typeof TYPE_LABELS }) {
  await appendTimeline(ctx.tx, ctx.actor, {
    caseId,
    kind: "INCIDENT_LINKED",
    summary: `Incident ${incident.reference} linked: ${TYPE_LABELS[incident.type].toLowerCase()} (imported, row ${ctx.row})`,
    subjectType: RECORD_ENTITY.INCIDENTS,
    subjectId: incident.id,
    detail: { reference: incident.reference, ...importedFrom(ctx) },
  });
}

// ───────────────────────────── People ─────────────────────────────

async function writePerson(ctx: RowContext, value: PersonRowValue): Promise<Written> {
  const { tx, actor, before } = ctx;
  const { key, ...person } = value.person;
  if (before) {
    const { count } = await tx.person.updateMany({
      where: { id: before.recordId, version: before.recordVersion, mergedIntoId: null },
      data: {
        firstName: person.firstName,
        lastName: person.lastName,
        dateOfBirth: person.dateOfBirth,
        gender: person.gender,
        phone: person.phone,
        searchText: personSearchText(person.firstName, person.lastName, person.aliases),
        version: { increment: 1 },
      },
    });
    if (count === 0)
      throw new ImportStop(
        ctx.row,
        `Row ${ctx.row}: the profile was changed in the service after the check. Upload the file again to check it.`,
      );
    await tx.personAlias.deleteMany({ where: { personId: before.recordId } });
    await tx.personAlias.createMany({ data: aliasRows(person.aliases).map((alias) => ({ ...alias, personId: before.recordId })) });
    await auditChange(tx, actor, "UPDATE", RECORD_ENTITY.PEOPLE, before.recordId, importedFrom(ctx));
    return { id: before.recordId, version: before.recordVersion + 1, links: {} };
  }
  // The same person as one already held (the review's choice): the reference now names that
  // profile, which is left as it is.
  const same = ctx.people.get(key);
  if (same) {
    const held = await tx.person.findUniqueOrThrow({ where: { id: same }, select: { version: true } });
    return { id: same, version: held.version, links: {} };
  }
  const id = await createPersonInTransaction(tx, actor, person);
  ctx.people.set(key, id);
  return { id, version: 1, links: {} };
}

// ───────────────────────────── Places ─────────────────────────────

async function writePlace(ctx: RowContext, value: PlaceRowValue): Promise<Written> {
  const { tx, actor, before } = ctx;
  const { key, ...place } = value.place;
  if (before) {
    const { count } = await tx.location.updateMany({
      where: { id: before.recordId, version: before.recordVersion },
      data: {
        addressLine1: place.addressLine1,
        addressLine2: place.addressLine2 ?? null,
        town: place.town,
        postcode: place.postcode,
        kind: place.kind,
        uprn: place.uprn,
        searchText: searchText(place.addressLine1, place.addressLine2, place.town, place.postcode),
        version: { increment: 1 },
      },
    });
    if (count === 0)
      throw new ImportStop(
        ctx.row,
        `Row ${ctx.row}: the place was changed in the service after the check. Upload the file again to check it.`,
      );
    await auditChange(tx, actor, "UPDATE", RECORD_ENTITY.PLACES, before.recordId, importedFrom(ctx));
    return { id: before.recordId, version: before.recordVersion + 1, links: {} };
  }
  const same = ctx.places.get(key);
  if (same) {
    const held = await tx.location.findUniqueOrThrow({ where: { id: same }, select: { version: true } });
    return { id: same, version: held.version, links: {} };
  }
  const id = await createPlaceInTransaction(tx, actor, place);
  ctx.places.set(key, id);
  return { id, version: 1, links: {} };
}
