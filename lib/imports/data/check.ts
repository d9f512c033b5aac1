import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import type { ImportMatchKind } from "@/lib/generated/prisma/enums";
import { findLikelyMatchIds } from "@/lib/people/data/likely-duplicates";
import { findLikelyPlaceMatches, UPRN_TAKEN } from "@/lib/places/data";
import { visiblePlacesWhere } from "@/lib/places/access";
import { auditRefusal } from "@/lib/audit/data";
import { UnreadableFileError, MAX_IMPORT_ROWS } from "../read-file";
import type { IncidentRowValue, PersonRowValue, PersonToMatch, PlaceRowValue, PlaceToMatch, PowerRowValue, RowProblem } from "../rows";
import { headerKey } from "../columns";
import { importablePowerKinds, powerRowProblems } from "./powers";
import {
  caseForImport,
  CASE_REFUSED,
  checkedRows,
  existingRecords,
  importActor,
  NO_LONGER_ALLOWED,
  updateProblem,
  type ReadRow,
} from "./shared";

// The check: every row read and validated, nothing written to the records. Its answer is the
// problems (by row and column, in plain words), and the people and places the file names that
// look like ones already held (one suggestion per distinct name and date of birth, or address).
// Run by the worker (lib/jobs), so a large file is checked while the manager does something else.

const BATCH_ROWS = 500;
/** Problems kept for the report; the count goes on past it. */
export const MAX_STORED_PROBLEMS = 5_000;
const MATCH_LOOKUPS_AT_ONCE = 4;

export async function checkImport(importId: string): Promise<void> {
  const job = await db.dataImport.findUnique({ where: { id: importId } });
  if (!job || job.status !== "CHECKING") return;
  const actor = await importActor(job);
  if (!actor) {
    await db.dataImport.update({ where: { id: importId }, data: { status: "FAILED", failure: NO_LONGER_ALLOWED } });
    return;
  }
  await db.importProblem.deleteMany({ where: { importId } });
  await db.importMatch.deleteMany({ where: { importId } });

  const problems = new ProblemLog(importId);
  const people = new Map<string, { value: PersonToMatch; firstRow: number; rowCount: number }>();
  const places = new Map<string, { value: PlaceToMatch; firstRow: number; rowCount: number }>();
  const seenReferences = new Map<string, number>();
  const caseIds = new Map<string, string | null>();
  const powerKinds = job.kind === "POWERS" ? await importablePowerKinds() : null;
  let rows = 0;
  let batch: ReadRow[] = [];

  const flush = async () => {
    const references = batch.flatMap((r) => (r.checked.value ? [r.checked.sourceReference] : []));
    const existing = await existingRecords(job.organisationId, job.kind, references);
    for (const { checked } of batch) {
      if (!checked.value) continue;
      const before = existing.get(checked.sourceReference);
      if (before && before.rowHash === checked.hash) continue; // unchanged: nothing to match or write
      if (before) {
        const refused = await updateProblem(actor, job.kind, before, checked.row);
        if (refused) {
          await problems.add([refused]);
          continue;
        }
      }
      const note = <T>(map: Map<string, { value: T; firstRow: number; rowCount: number }>, key: string, value: T) => {
        const seen = map.get(key);
        if (seen) seen.rowCount++;
        else map.set(key, { value, firstRow: checked.row, rowCount: 1 });
      };
      if (job.kind === "INCIDENTS") {
        const value = checked.value as IncidentRowValue;
        if (value.caseReference) {
          if (!caseIds.has(value.caseReference)) caseIds.set(value.caseReference, await caseForImport(actor, value.caseReference));
          if (!caseIds.get(value.caseReference))
            await problems.add([{ row: checked.row, column: "case_reference", message: CASE_REFUSED }]);
        }
        for (const { person } of value.people) if (!before?.links.people?.[person.key]) note(people, person.key, person);
        if (value.place && !before?.links.place?.[value.place.key]) note(places, value.place.key, value.place);
      } else if (job.kind === "POWERS") {
        const value = checked.value as PowerRowValue;
        const kind = powerKinds!.byText.get(headerKey(value.kindText));
        let caseId: string | null = null;
        if (value.caseReference) {
          if (!caseIds.has(value.caseReference)) caseIds.set(value.caseReference, await caseForImport(actor, value.caseReference));
          caseId = caseIds.get(value.caseReference) ?? null;
        }
        const refused: RowProblem[] = [];
        if (!kind) refused.push({ row: checked.row, column: "kind", message: `Choose one of: ${powerKinds!.names.join(", ")}` });
        if (value.caseReference && !caseId) refused.push({ row: checked.row, column: "case_reference", message: CASE_REFUSED });
        if (refused.length === 0) refused.push(...(await powerRowProblems(actor, checked.row, value, kind!.id, caseId)));
        await problems.add(refused);
        if (value.subject) note(people, value.subject.key, value.subject);
        if (value.place) note(places, value.place.key, value.place);
      } else if (!before && job.kind === "PEOPLE") {
        const { person } = checked.value as PersonRowValue;
        note(people, person.key, {
          firstName: person.firstName,
          lastName: person.lastName,
          dateOfBirth: person.dateOfBirth,
          key: person.key,
        });
      } else if (!before && job.kind === "PLACES") {
        const { place } = checked.value as PlaceRowValue;
        // A UPRN is on one place only, partnership-wide: one held by a place the manager may not see
        // is refused as the place form refuses it, and the look audited (lib/SECURITY.md, "Known gaps").
        const refused = place.uprn ? await uprnHeldOutOfSight(actor, place.uprn) : false;
        if (refused) await problems.add([{ row: checked.row, column: "uprn", message: UPRN_TAKEN }]);
        else note(places, place.key, place);
      }
    }
    batch = [];
    await db.dataImport.update({ where: { id: importId }, data: { checkedRows: rows } });
  };

  try {
    for await (const item of checkedRows(job)) {
      if ("header" in item) {
        await problems.add(item.header.problems);
        if (item.header.problems.some((p) => p.message === "This column is missing" || p.message.startsWith("The file is empty"))) break;
        continue;
      }
      rows++;
      if (rows > MAX_IMPORT_ROWS) {
        await problems.add([
          {
            row: item.file.row,
            column: "source_reference",
            message: `A file can hold up to ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows. Split it into smaller files`,
          },
        ]);
        break;
      }
      const { checked } = item;
      await problems.add(checked.problems);
      const reference = checked.sourceReference;
      if (reference) {
        const first = seenReferences.get(reference);
        if (first !== undefined)
          await problems.add([{ row: checked.row, column: "source_reference", message: `This source reference is also on row ${first}` }]);
        else seenReferences.set(reference, checked.row);
      }
      batch.push(item);
      if (batch.length >= BATCH_ROWS) await flush();
    }
    await flush();
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    await problems.add([{ row: rows + 1, column: "source_reference", message: error.message }]);
  }
  await problems.flush();

  if (problems.count === 0) {
    await saveMatches(importId, "PERSON", people, (value) => personMatches(actor, value));
    await saveMatches(importId, "PLACE", places, (value) => placeMatches(actor, value));
  }
  await db.dataImport.update({
    where: { id: importId },
    data: {
      status: "CHECKED",
      checkedRows: rows,
      totalRows: rows,
      problemCount: problems.count,
      checkedAt: new Date(),
      version: { increment: 1 },
    },
  });
}

/** Problems written as they are found, a batch at a time, up to MAX_STORED_PROBLEMS. */
class ProblemLog {
  count = 0;
  private pending: RowProblem[] = [];
  constructor(private readonly importId: string) {}
  async add(problems: RowProblem[]) {
    for (const problem of problems) {
      this.count++;
      if (this.count <= MAX_STORED_PROBLEMS) this.pending.push(problem);
    }
    if (this.pending.length >= 1000) await this.flush();
  }
  async flush() {
    if (this.pending.length === 0) return;
    const data = this.pending.map((p) => ({ importId: this.importId, row: p.row, column: p.column.slice(0, 100), message: p.message }));
    this.pending = [];
    await db.importProblem.createMany({ data });
  }
}

type Suggestion = { candidateIds: string[]; suggestedId: string | null };

/** Likely matches by the incident form's rules; the suggestion is a match with the same date of birth. */
async function personMatches(actor: Actor, person: PersonToMatch): Promise<Suggestion> {
  const matches = await findLikelyMatchIds(actor, person);
  const sameBirthday = person.dateOfBirth ? matches.find((m) => m.dateOfBirthMatches) : undefined;
  return { candidateIds: matches.map((m) => m.id), suggestedId: sameBirthday?.id ?? null };
}

/** Likely places by the place form's rules; the suggestion is the same UPRN, or the same postcode with a similar first line. */
async function placeMatches(actor: Actor, place: PlaceToMatch): Promise<Suggestion> {
  const matches = await findLikelyPlaceMatches(actor, {
    addressLine1: place.addressLine1,
    addressLine2: place.addressLine2 ?? null,
    town: place.town,
    postcode: place.postcode,
    kind: place.kind,
    uprn: place.uprn ?? null,
  });
  const strong = matches.find((m) => m.reason === "uprn") ?? matches.find((m) => m.reason === "postcode");
  return { candidateIds: matches.map((m) => m.id), suggestedId: strong?.id ?? null };
}

async function saveMatches<T>(
  importId: string,
  kind: ImportMatchKind,
  named: Map<string, { value: T; firstRow: number; rowCount: number }>,
  lookup: (value: T) => Promise<Suggestion>,
): Promise<void> {
  const entries = [...named.entries()];
  let next = 0;
  const pending: { key: string; firstRow: number; rowCount: number; suggestion: Suggestion }[] = [];
  const work = async () => {
    while (next < entries.length) {
      const [key, { value, firstRow, rowCount }] = entries[next++]!;
      const suggestion = await lookup(value);
      if (suggestion.candidateIds.length > 0) pending.push({ key, firstRow, rowCount, suggestion });
      if (pending.length >= 500) await write();
    }
  };
  const write = async () => {
    const data = pending
      .splice(0)
      .map(({ key, firstRow, rowCount, suggestion }) => ({ importId, kind, key, firstRow, rowCount, ...suggestion }));
    if (data.length > 0) await db.importMatch.createMany({ data, skipDuplicates: true });
  };
  await Promise.all(Array.from({ length: MATCH_LOOKUPS_AT_ONCE }, work));
  await write();
}

/** The UPRN is on a place the actor may not see (the refused look audited). */
async function uprnHeldOutOfSight(actor: Actor, uprn: string): Promise<boolean> {
  const holder = await db.location.findUnique({ where: { uprn }, select: { id: true } });
  if (!holder) return false;
  if ((await db.location.count({ where: { AND: [{ id: holder.id }, visiblePlacesWhere(actor)] } })) > 0) return false;
  await auditRefusal(actor, "Location", holder.id);
  return true;
}
