import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DataImport, InvolvementRole } from "@/lib/generated/prisma/client";
import { auditChange, recordAudits, type AuditInput } from "@/lib/audit/data";
import { nextReferences } from "@/lib/references";
import { londonDateParts } from "@/lib/format/dates";
import { uuidv7 } from "@/lib/uuid";
import { bulkInsert, type BulkColumn } from "@/lib/bulk-insert";
import { appendTimeline } from "@/lib/timeline/data";
import { personCreateData, type NewPersonInput } from "@/lib/people/data/create";
import { personSearchText, aliasRows } from "@/lib/people/data/shared";
import { placeCreateData, type NewPlaceInput } from "@/lib/places/data";
import { visiblePeopleWhere } from "@/lib/people/access";
import { visiblePlacesWhere } from "@/lib/places/access";
import { TYPE_LABELS } from "@/lib/incidents/labels";
import { isUniqueViolation } from "@/lib/unique-violation";
import type { IncidentRowValue, PersonRowValue, PlaceRowValue, PowerRowValue } from "../rows";
import { headerKey } from "../columns";
import { importablePowerKinds, powerRefusalText, writePower } from "./powers";
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
  /** Cases named by reference, resolved once per import (null: refused). */
  caseIds: Map<string, string | null>;
  /** Power kinds by name or code (a powers import). */
  powerKinds: Map<string, { id: string }>;
  /** When the import started: the "now" of every rule about dates. */
  now: Date;
};

export async function runImport(importId: string): Promise<void> {
  const job = await db.dataImport.findUnique({ where: { id: importId } });
  if (!job || job.status !== "IMPORTING") return;
  const actor = await importActor(job);
  if (!actor) return stop(importId, NO_LONGER_ALLOWED);

  const powerKinds = job.kind === "POWERS" ? (await importablePowerKinds()).byText : new Map<string, { id: string }>();
  const state: State = { job, actor, people: new Map(), places: new Map(), caseIds: new Map(), powerKinds, now: new Date() };
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
  const { job, actor } = state;
  const existing = await existingRecords(
    job.organisationId,
    job.kind,
    batch.map((r) => r.checked.sourceReference),
  );
  for (const { checked } of batch) {
    const reference =
      job.kind === "INCIDENTS" || job.kind === "POWERS" ? (checked.value as IncidentRowValue | PowerRowValue).caseReference : null;
    if (reference && !state.caseIds.has(reference)) state.caseIds.set(reference, await caseForImport(actor, reference));
  }
  // New people and places made in a batch that then rolls back must not be remembered.
  const people = new Map(state.people);
  const places = new Map(state.places);
  try {
    await db.$transaction(
      async (tx) => {
        const plan = new BatchPlan({ ...state, people, places, tx });
        for (const { checked } of batch) {
          const before = existing.get(checked.sourceReference);
          if (before && before.rowHash === checked.hash) plan.counts.unchanged++;
          else plan.add(checked.row, checked.sourceReference, checked.hash, checked.value!, before);
        }
        await plan.write();
        await tx.dataImport.update({
          where: { id: job.id },
          data: {
            importedUpTo: batch.at(-1)!.file.row,
            createdCount: { increment: plan.counts.created },
            updatedCount: { increment: plan.counts.updated },
            unchangedCount: { increment: plan.counts.unchanged },
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

type Row = {
  row: number;
  sourceReference: string;
  hash: string;
  value: IncidentRowValue | PersonRowValue | PlaceRowValue | PowerRowValue;
  before: Existing | undefined;
};
type Written = { id: string; version: number; links: Links };

/**
 * One batch's writes, in as few statements as the rows allow: the new places and people first
 * (their ids made here, so the incidents can name them in the same insert), then the new records,
 * their references a block at a time, one audit entry per record appended in one go; rows that
 * update an earlier import's record are written one by one (version-checked).
 */
class BatchPlan {
  counts = { created: 0, updated: 0, unchanged: 0 };
  private readonly audits: AuditInput[] = [];
  private readonly newPlaces: Prisma.LocationCreateManyInput[] = [];
  private readonly newPeople: Prisma.PersonCreateManyInput[] = [];
  private readonly newAliases: Prisma.PersonAliasCreateManyInput[] = [];
  private readonly created: (Row & {
    links: Links;
    locationId: string | null;
    people: { personId: string; role: InvolvementRole }[];
    recordId: string;
  })[] = [];
  private readonly updated: (Row & { links: Links; locationId: string | null; people: { personId: string; role: InvolvementRole }[] })[] =
    [];
  /** New records that are an existing person or place (the review's "same"): the row only names it. */
  private readonly same: (Row & { recordId: string })[] = [];

  constructor(private readonly ctx: State & { tx: Tx }) {}

  private audit(action: "CREATE" | "UPDATE", entityType: string, entityId: string, detail: Record<string, unknown>) {
    this.audits.push({
      action,
      userId: this.ctx.actor.userId,
      organisationId: this.ctx.actor.organisationId,
      entityType,
      entityId,
      detail,
    });
  }

  private placeFor(key: string, input: NewPlaceInput, row: number): string {
    const known = this.ctx.places.get(key);
    if (known) return known;
    const id = uuidv7();
    this.ctx.places.set(key, id);
    this.newPlaces.push({ id, ...placeCreateData(this.ctx.actor, input) });
    this.audit("CREATE", RECORD_ENTITY.PLACES, id, { import: this.ctx.job.id, row });
    return id;
  }

  private personFor(key: string, input: NewPersonInput, row: number): string {
    const known = this.ctx.people.get(key);
    if (known) return known;
    const id = uuidv7();
    this.ctx.people.set(key, id);
    this.newPeople.push({ id, ...personCreateData(this.ctx.actor, input) });
    for (const alias of aliasRows(input.aliases ?? [])) this.newAliases.push({ ...alias, personId: id });
    this.audit("CREATE", RECORD_ENTITY.PEOPLE, id, { import: this.ctx.job.id, row });
    return id;
  }

  add(row: number, sourceReference: string, hash: string, value: Row["value"], before: Existing | undefined) {
    const base = { row, sourceReference, hash, value, before };
    const kind = this.ctx.job.kind;
    if (kind === "INCIDENTS") {
      const incident = value as IncidentRowValue;
      const links: Links = { people: {}, place: {} };
      let locationId: string | null = null;
      if (incident.place) {
        const { key, ...place } = incident.place;
        locationId = before?.links.place?.[key] ?? this.placeFor(key, place, row);
        links.place![key] = locationId;
      }
      const people: { personId: string; role: InvolvementRole }[] = [];
      for (const { person, role } of incident.people) {
        const { key, ...fields } = person;
        const personId = before?.links.people?.[key] ?? this.personFor(key, fields, row);
        links.people![key] = personId;
        if (!people.some((p) => p.personId === personId && p.role === role)) people.push({ personId, role });
      }
      if (before) this.updated.push({ ...base, links, locationId, people });
      else this.created.push({ ...base, links, locationId, people, recordId: uuidv7() });
      return;
    }
    if (kind === "POWERS") {
      // The check refuses a changed row of a power imported before: only new powers reach here.
      const power = value as PowerRowValue;
      const links: Links = { people: {}, place: {} };
      const locationId = power.place ? this.placeFor(power.place.key, power.place, row) : null;
      if (power.place && locationId) links.place![power.place.key] = locationId;
      const people = power.subject
        ? [{ personId: this.personFor(power.subject.key, power.subject, row), role: "PERPETRATOR" as InvolvementRole }]
        : [];
      if (power.subject) links.people![power.subject.key] = people[0]!.personId;
      this.created.push({ ...base, links, locationId, people, recordId: "" });
      return;
    }
    if (before) {
      this.updated.push({ ...base, links: {}, locationId: null, people: [] });
      return;
    }
    const key = kind === "PEOPLE" ? (value as PersonRowValue).person.key : (value as PlaceRowValue).place.key;
    const held = (kind === "PEOPLE" ? this.ctx.people : this.ctx.places).get(key);
    if (held) this.same.push({ ...base, recordId: held });
    else if (kind === "PEOPLE") {
      const { key: _key, ...person } = (value as PersonRowValue).person;
      this.created.push({ ...base, links: {}, locationId: null, people: [], recordId: this.personFor(key, person, row) });
    } else {
      const { key: _key, ...place } = (value as PlaceRowValue).place;
      this.created.push({ ...base, links: {}, locationId: null, people: [], recordId: this.placeFor(key, place, row) });
    }
  }

  async write() {
    const { tx, job } = this.ctx;
    await bulkInsert(tx, "Location", PLACE_COLUMNS, this.newPlaces);
    await bulkInsert(tx, "Person", PERSON_COLUMNS, this.newPeople);
    if (this.newAliases.length > 0) await tx.personAlias.createMany({ data: this.newAliases });

    const records: Prisma.ImportedRecordCreateManyInput[] = [];
    const versions = new Map<string, number>();
    if (job.kind === "INCIDENTS") await this.createIncidents();
    else if (job.kind === "POWERS") await this.createPowers(versions);
    else if (this.same.length > 0) {
      const ids = this.same.map((s) => s.recordId);
      const held =
        job.kind === "PEOPLE"
          ? await tx.person.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } })
          : await tx.location.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } });
      for (const h of held) versions.set(h.id, h.version);
    }
    for (const row of [...this.created, ...this.same]) {
      records.push({
        organisationId: job.organisationId,
        kind: job.kind,
        sourceReference: row.sourceReference,
        recordId: row.recordId,
        importId: job.id,
        row: row.row,
        rowHash: row.hash,
        recordVersion: versions.get(row.recordId) ?? 1,
        links: ("links" in row ? row.links : {}) as Prisma.InputJsonValue,
      });
    }
    // A row naming a record already held (the review's "same") leaves that record as it is.
    this.counts.created += this.created.length;
    this.counts.unchanged += this.same.length;
    await recordAudits(tx, this.audits);
    await bulkInsert(tx, "ImportedRecord", IMPORTED_RECORD_COLUMNS, records);

    for (const row of this.updated) {
      const ctx: RowContext = { ...this.ctx, row: row.row, before: row.before };
      const written =
        job.kind === "INCIDENTS"
          ? await updateIncident(ctx, row.value as IncidentRowValue, row.locationId, row.people)
          : job.kind === "PEOPLE"
            ? await updatePerson(ctx, row.value as PersonRowValue)
            : await updatePlace(ctx, row.value as PlaceRowValue);
      await tx.importedRecord.update({
        where: { id: row.before!.id },
        data: {
          importId: job.id,
          row: row.row,
          rowHash: row.hash,
          recordVersion: written.version,
          links: row.links as Prisma.InputJsonValue,
        },
      });
      this.counts.updated++;
    }
  }

  private async createIncidents() {
    const { tx, job, actor } = this.ctx;
    const byYear = new Map<number, typeof this.created>();
    for (const row of this.created) {
      const year = londonDateParts((row.value as IncidentRowValue).fields.occurredAt).year;
      byYear.set(year, [...(byYear.get(year) ?? []), row]);
    }
    const references = new Map<string, string>();
    for (const [year, rows] of [...byYear].sort(([a], [b]) => a - b)) {
      const block = await nextReferences(tx, "INC", year, rows.length);
      rows.forEach((row, i) => references.set(row.recordId, block[i]!));
    }
    const incidents: Prisma.IncidentCreateManyInput[] = [];
    const links: Prisma.IncidentPersonCreateManyInput[] = [];
    for (const row of this.created) {
      const value = row.value as IncidentRowValue;
      const caseId = value.caseReference ? this.caseIdOf(value.caseReference, row.row) : null;
      incidents.push({
        id: row.recordId,
        reference: references.get(row.recordId)!,
        ...value.fields,
        locationId: row.locationId,
        caseId,
        reportingOrganisationId: actor.organisationId,
        reportingOfficerId: actor.userId,
      });
      for (const p of row.people) links.push({ incidentId: row.recordId, ...p });
      this.audit("CREATE", RECORD_ENTITY.INCIDENTS, row.recordId, {
        reference: references.get(row.recordId),
        import: job.id,
        row: row.row,
      });
    }
    await bulkInsert(tx, "Incident", INCIDENT_COLUMNS, incidents);
    await bulkInsert(tx, "IncidentPerson", INCIDENT_PERSON_COLUMNS, links);
    for (const incident of incidents) {
      if (incident.caseId) {
        const row = this.created.find((r) => r.recordId === incident.id)!;
        await linkToCase({ ...this.ctx, row: row.row, before: undefined }, incident.caseId, {
          id: incident.id!,
          reference: incident.reference,
          type: incident.type,
        });
      }
    }
  }

  /** Each power through the register's own rules, its history replayed on its days (lib/imports/data/powers). */
  private async createPowers(versions: Map<string, number>) {
    const { tx, actor, now } = this.ctx;
    for (const row of this.created) {
      const value = row.value as PowerRowValue;
      const kind = this.ctx.powerKinds.get(headerKey(value.kindText));
      if (!kind) throw new ImportStop(row.row, `Row ${row.row}: the kind of power is no longer in use. Upload the file again to check it.`);
      const caseId = value.caseReference ? this.caseIdOf(value.caseReference, row.row) : null;
      try {
        const power = await writePower(
          tx,
          actor,
          value,
          { kindId: kind.id, subjectPersonId: row.people[0]?.personId ?? null, locationId: row.locationId, caseId },
          now,
        );
        row.recordId = power.id;
      } catch (error) {
        const refused = powerRefusalText(error);
        if (refused) throw new ImportStop(row.row, `Row ${row.row}: ${refused} Upload the file again to check it.`);
        throw error;
      }
    }
    const ids = this.created.map((r) => r.recordId);
    for (const p of await tx.powerUse.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } }))
      versions.set(p.id, p.version);
  }

  private caseIdOf(reference: string, row: number): string {
    const caseId = this.ctx.caseIds.get(reference);
    if (!caseId)
      throw new ImportStop(
        row,
        `Row ${row}: the case ${reference} is no longer one your organisation can add to. Upload the file again to check it.`,
      );
    return caseId;
  }
}

type RowContext = State & { tx: Tx; row: number; before: Existing | undefined };

// The columns each batch inserts (lib/bulk-insert); the rest take their defaults.
const now = () => new Date();
const PLACE_COLUMNS: BulkColumn<Prisma.LocationCreateManyInput>[] = [
  { name: "id", type: "uuid", value: (r) => r.id },
  { name: "addressLine1", type: "text", value: (r) => r.addressLine1 },
  { name: "addressLine2", type: "text", value: (r) => r.addressLine2 },
  { name: "town", type: "text", value: (r) => r.town },
  { name: "postcode", type: "text", value: (r) => r.postcode },
  { name: "uprn", type: "text", value: (r) => r.uprn },
  { name: "kind", type: '"LocationKind"', value: (r) => r.kind },
  { name: "searchText", type: "text", value: (r) => r.searchText },
  { name: "createdByOrgId", type: "uuid", value: (r) => r.createdByOrgId },
  { name: "createdById", type: "uuid", value: (r) => r.createdById },
  { name: "updatedAt", type: "timestamptz", value: now },
];
const PERSON_COLUMNS: BulkColumn<Prisma.PersonCreateManyInput>[] = [
  { name: "id", type: "uuid", value: (r) => r.id },
  { name: "firstName", type: "text", value: (r) => r.firstName },
  { name: "lastName", type: "text", value: (r) => r.lastName },
  { name: "searchText", type: "text", value: (r) => r.searchText },
  { name: "dateOfBirth", type: "date", value: (r) => (r.dateOfBirth ? new Date(r.dateOfBirth).toISOString().slice(0, 10) : null) },
  { name: "gender", type: '"Gender"', value: (r) => r.gender },
  { name: "phone", type: "text", value: (r) => r.phone },
  { name: "createdByOrgId", type: "uuid", value: (r) => r.createdByOrgId },
  { name: "createdById", type: "uuid", value: (r) => r.createdById },
  { name: "updatedAt", type: "timestamptz", value: now },
];
const INCIDENT_COLUMNS: BulkColumn<Prisma.IncidentCreateManyInput>[] = [
  { name: "id", type: "uuid", value: (r) => r.id },
  { name: "reference", type: "text", value: (r) => r.reference },
  { name: "occurredAt", type: "timestamptz", value: (r) => r.occurredAt },
  { name: "reportedAt", type: "timestamptz", value: (r) => r.reportedAt },
  { name: "reportMethod", type: '"ReportMethod"', value: (r) => r.reportMethod },
  { name: "category", type: '"AsbCategory"', value: (r) => r.category },
  { name: "type", type: '"AsbType"', value: (r) => r.type },
  { name: "description", type: "text", value: (r) => r.description },
  { name: "riskLevel", type: '"RiskLevel"', value: (r) => r.riskLevel },
  { name: "locationId", type: "uuid", value: (r) => r.locationId },
  { name: "caseId", type: "uuid", value: (r) => r.caseId },
  { name: "reportingOrganisationId", type: "uuid", value: (r) => r.reportingOrganisationId },
  { name: "reportingOfficerId", type: "uuid", value: (r) => r.reportingOfficerId },
  { name: "updatedAt", type: "timestamptz", value: now },
];
const INCIDENT_PERSON_COLUMNS: BulkColumn<Prisma.IncidentPersonCreateManyInput>[] = [
  { name: "incidentId", type: "uuid", value: (r) => r.incidentId },
  { name: "personId", type: "uuid", value: (r) => r.personId },
  { name: "role", type: '"InvolvementRole"', value: (r) => r.role },
];
const IMPORTED_RECORD_COLUMNS: BulkColumn<Prisma.ImportedRecordCreateManyInput>[] = [
  { name: "id", type: "uuid", value: () => uuidv7() },
  { name: "organisationId", type: "uuid", value: (r) => r.organisationId },
  { name: "kind", type: '"ImportKind"', value: (r) => r.kind },
  { name: "sourceReference", type: "text", value: (r) => r.sourceReference },
  { name: "recordId", type: "uuid", value: (r) => r.recordId },
  { name: "importId", type: "uuid", value: (r) => r.importId },
  { name: "row", type: "integer", value: (r) => r.row },
  { name: "rowHash", type: "text", value: (r) => r.rowHash },
  { name: "recordVersion", type: "integer", value: (r) => r.recordVersion },
  { name: "links", type: "jsonb", value: (r) => r.links as object },
  { name: "updatedAt", type: "timestamptz", value: now },
];

function importedFrom(ctx: RowContext) {
  return { import: ctx.job.id, row: ctx.row };
}

// ───────────────────────────── Rows that update an earlier import's record ─────────────────────────────

async function updateIncident(
  ctx: RowContext,
  value: IncidentRowValue,
  locationId: string | null,
  people: { personId: string; role: InvolvementRole }[],
): Promise<Written> {
  const { tx, actor } = ctx;
  const before = ctx.before!;
  const caseId = value.caseReference ? (ctx.caseIds.get(value.caseReference) ?? null) : null;
  if (value.caseReference && !caseId)
    throw new ImportStop(
      ctx.row,
      `Row ${ctx.row}: the case ${value.caseReference} is no longer one your organisation can add to. Upload the file again to check it.`,
    );
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
  await auditChange(tx, actor, "UPDATE", RECORD_ENTITY.INCIDENTS, before.recordId, { reference: current.reference, ...importedFrom(ctx) });
  return { id: before.recordId, version: before.recordVersion + 1, links: {} };
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

async function updatePerson(ctx: RowContext, value: PersonRowValue): Promise<Written> {
  const { tx, actor } = ctx;
  const before = ctx.before!;
  const { key: _key, ...person } = value.person;
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

async function updatePlace(ctx: RowContext, value: PlaceRowValue): Promise<Written> {
  const { tx, actor } = ctx;
  const before = ctx.before!;
  const { key: _key, ...place } = value.place;
  const { count } = await tx.location.updateMany({
    where: { id: before.recordId, version: before.recordVersion },
    data: { ...placeCreateData(actor, place), createdByOrgId: undefined, createdById: undefined, version: { increment: 1 } },
  });
  if (count === 0)
    throw new ImportStop(
      ctx.row,
      `Row ${ctx.row}: the place was changed in the service after the check. Upload the file again to check it.`,
    );
  await auditChange(tx, actor, "UPDATE", RECORD_ENTITY.PLACES, before.recordId, importedFrom(ctx));
  return { id: before.recordId, version: before.recordVersion + 1, links: {} };
}
