import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { actorForBackgroundWork } from "@/lib/auth/data";
import { can } from "@/lib/auth/permissions";
import type { DataImport, ImportKind } from "@/lib/generated/prisma/client";
import { visibleCasesWhere, caseRightsOf } from "@/lib/cases/access";
import { visiblePeopleWhere } from "@/lib/people/access";
import { visiblePlacesWhere } from "@/lib/places/access";
import { readRows, type FileRow, type ImportFormat } from "../read-file";
import { readHeader, ROW_CHECKERS, type AnyCheckedRow, type Header, type RowProblem } from "../rows";
import { readStoredFile } from "./files";

// What the check and the import share: who the work is done for, the file's rows read the same
// way, and what a row's source reference already names.

export const ENTITY = "DataImport";

/** The audit trail's and the access rules' name for each kind's records. */
export const RECORD_ENTITY: Record<ImportKind, "Incident" | "Person" | "Location" | "PowerUse"> = {
  INCIDENTS: "Incident",
  PEOPLE: "Person",
  PLACES: "Location",
  POWERS: "PowerUse",
};

/** The uploader, as they are now, if they may still import for the import's organisation. */
export async function importActor(job: Pick<DataImport, "createdById" | "organisationId">): Promise<Actor | null> {
  const actor = await actorForBackgroundWork(job.createdById);
  if (!actor || !can(actor, "import:run") || actor.organisationId !== job.organisationId) return null;
  return actor;
}

export const NO_LONGER_ALLOWED =
  "The person who uploaded this file can no longer import records for the organisation. Another manager can upload it again.";

export type ReadRow = { file: FileRow; checked: AnyCheckedRow };

/** The file's header and then each data row, checked. A file without a header row has only problems. */
export async function* checkedRows(job: Pick<DataImport, "id" | "kind" | "format">): AsyncGenerator<{ header: Header } | ReadRow> {
  let header: Header | null = null;
  for await (const file of readRows(job.format as ImportFormat, readStoredFile(job.id))) {
    if (!header) {
      header = readHeader(job.kind, file.cells);
      yield { header };
      continue;
    }
    yield { file, checked: ROW_CHECKERS[job.kind](header, file) };
  }
  if (!header)
    yield {
      header: {
        indexOf: new Map(),
        problems: [{ row: 1, column: "source_reference", message: "The file is empty. The first row must name the columns" }],
      },
    };
}

export type Existing = { id: string; recordId: string; rowHash: string; recordVersion: number; links: Links };
export type Links = { people?: Record<string, string>; place?: Record<string, string> };

/** Records earlier imports made from these source references, for this organisation and kind. */
export async function existingRecords(organisationId: string, kind: ImportKind, references: string[]): Promise<Map<string, Existing>> {
  if (references.length === 0) return new Map();
  const rows = await db.importedRecord.findMany({
    where: { organisationId, kind, sourceReference: { in: references } },
    select: { id: true, sourceReference: true, recordId: true, rowHash: true, recordVersion: true, links: true },
  });
  return new Map(rows.map((r) => [r.sourceReference, { ...r, links: (r.links ?? {}) as Links }]));
}

/**
 * Whether the row may update the record an earlier import made: it must still be one the
 * organisation may change, unmerged, and not edited in the service since (its version).
 */
export async function updateProblem(actor: Actor, kind: ImportKind, existing: Existing, row: number): Promise<RowProblem | null> {
  const column = "source_reference";
  if (kind === "INCIDENTS") {
    const incident = await db.incident.findFirst({
      where: { id: existing.recordId },
      select: { version: true, reference: true, reportingOrganisationId: true },
    });
    if (!incident || incident.reportingOrganisationId !== actor.organisationId || !can(actor, "incident:write"))
      return { row, column, message: "Your organisation may not change the incident this reference was imported as" };
    if (incident.version !== existing.recordVersion)
      return {
        row,
        column,
        message: `Incident ${incident.reference} has been changed in the service since it was imported. Make this change there, or take the row out of the file`,
      };
    return null;
  }
  if (kind === "POWERS")
    return {
      row,
      column,
      message:
        "A power imported before cannot be changed from a file: record the change on the power's page, or take the row out of the file",
    };
  if (kind === "PEOPLE") {
    const person = await db.person.findFirst({
      where: { AND: [{ id: existing.recordId }, visiblePeopleWhere(actor)] },
      select: { version: true, mergedIntoId: true },
    });
    if (!person || !can(actor, "person:write"))
      return { row, column, message: "Your organisation may not change the profile this reference was imported as" };
    if (person.mergedIntoId)
      return {
        row,
        column,
        message: "The profile this reference was imported as has since been merged into another. Change that profile in the service",
      };
    if (person.version !== existing.recordVersion)
      return {
        row,
        column,
        message:
          "The profile this reference was imported as has been changed in the service since. Make this change there, or take the row out of the file",
      };
    return null;
  }
  const place = await db.location.findFirst({
    where: { AND: [{ id: existing.recordId }, visiblePlacesWhere(actor)] },
    select: { version: true },
  });
  if (!place || !can(actor, "place:write"))
    return { row, column, message: "Your organisation may not change the place this reference was imported as" };
  if (place.version !== existing.recordVersion)
    return {
      row,
      column,
      message:
        "The place this reference was imported as has been changed in the service since. Make this change there, or take the row out of the file",
    };
  return null;
}

/** A case named by reference: open, and one the organisation leads or that is shared with it. */
export async function caseForImport(actor: Actor, reference: string): Promise<string | null> {
  const found = await db.case.findFirst({
    where: { AND: [{ reference }, visibleCasesWhere(actor)] },
    select: {
      id: true,
      status: true,
      leadOrganisationId: true,
      restricted: true,
      shares: { where: { withdrawnAt: null }, select: { organisationId: true } },
    },
  });
  if (!found || found.status === "CLOSED") return null;
  const rights = caseRightsOf(actor, {
    leadOrganisationId: found.leadOrganisationId,
    restricted: found.restricted,
    sharedWithOrganisationIds: found.shares.map((s) => s.organisationId),
  });
  return rights.contribute ? found.id : null;
}

export const CASE_REFUSED = "No open case with this reference that your organisation leads or that is shared with it";
