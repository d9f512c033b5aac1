import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { ValidationError } from "@/lib/errors";
import { createPersonInTransaction } from "@/lib/people/data/create";
import { createPlaceInTransaction } from "@/lib/places/data";
import { changePowerStatusInTransaction, issuePowerInTransaction, recordBreachInTransaction } from "@/lib/powers/data";
import { PSPO_FPN_KIND_CODE } from "@/lib/pspos/status";
import { headerKey } from "../columns";
import { POWER_FORM_COLUMNS, type PowerRowValue, type RowProblem } from "../rows";

// Powers from a file go through the register's own data layer: issued (every rule of the power
// form: the kind's expiry, court and subject rules, the case), then each status change and breach
// replayed on its day through the same functions as the power's page (the lifecycle's transitions,
// "in force on the day of the breach"). The check runs exactly that in a transaction it rolls back,
// so a row that would be refused at import is a problem by its column first.

export type PowerKindChoice = { id: string; name: string };

/** The partnership's active kinds by name and by code (matched as headers are). A PSPO FPN needs its PSPO: not importable. */
export async function importablePowerKinds(): Promise<{ byText: Map<string, PowerKindChoice>; names: string[] }> {
  const kinds = await db.powerKind.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, code: true },
  });
  const byText = new Map<string, PowerKindChoice>();
  for (const kind of kinds) {
    if (kind.code === PSPO_FPN_KIND_CODE) continue;
    byText.set(headerKey(kind.name), kind);
    byText.set(headerKey(kind.code), kind);
  }
  return { byText, names: kinds.filter((k) => k.code !== PSPO_FPN_KIND_CODE).map((k) => k.name) };
}

/** A refusal of one status change or breach, by the column it came from. */
class EventRefused extends Error {
  constructor(
    public readonly column: string,
    message: string,
  ) {
    super(message);
    this.name = "EventRefused";
  }
}

type Ids = { kindId: string; subjectPersonId: string | null; locationId: string | null; caseId: string | null };

/** Issues the power and replays what happened to it since, in the caller's transaction. */
export async function writePower(
  tx: Tx,
  actor: Actor,
  value: PowerRowValue,
  ids: Ids,
  now: Date,
): Promise<{ id: string; reference: string }> {
  const power = await issuePowerInTransaction(tx, actor, { ...value.issue, ...ids, pspoId: null }, now);
  for (const event of value.events) {
    try {
      if (event.type === "status")
        await changePowerStatusInTransaction(tx, actor, power.id, { status: event.status, note: null, happenedOn: event.on }, now);
      else
        await recordBreachInTransaction(tx, actor, power.id, { breachedAt: event.breachedAt, actionTaken: event.action, notes: null }, now);
    } catch (error) {
      if (error instanceof ValidationError) {
        const message = Object.values(error.fieldErrors).flat()[0] ?? "This cannot be recorded on the power";
        const dateColumn = event.type === "status" ? `${event.column}_date` : event.column;
        throw new EventRefused(error.fieldErrors.status ? event.column : dateColumn, message);
      }
      throw error;
    }
  }
  return power;
}

class DryRun extends Error {}

/** What the register would refuse in this row, found by writing it in a transaction that is rolled back. */
export async function powerRowProblems(
  actor: Actor,
  row: number,
  value: PowerRowValue,
  kindId: string,
  caseId: string | null,
): Promise<RowProblem[]> {
  try {
    await db.$transaction(async (tx) => {
      const subjectPersonId = value.subject ? await createPersonInTransaction(tx, actor, value.subject) : null;
      const locationId = value.place ? await createPlaceInTransaction(tx, actor, value.place) : null;
      await writePower(tx, actor, value, { kindId, subjectPersonId, locationId, caseId }, new Date());
      throw new DryRun();
    });
  } catch (error) {
    if (error instanceof DryRun) return [];
    if (error instanceof EventRefused) return [{ row, column: error.column, message: error.message }];
    if (error instanceof ValidationError)
      return Object.entries(error.fieldErrors).map(([field, messages]) => ({
        row,
        column: POWER_FORM_COLUMNS[field] ?? "source_reference",
        message: messages?.[0] ?? "",
      }));
    throw error;
  }
  return [];
}

/** The import's own words for a refusal it meets after the check passed (the register changed in between). */
export function powerRefusalText(error: unknown): string | null {
  if (error instanceof EventRefused) return error.message;
  if (error instanceof ValidationError) return Object.values(error.fieldErrors).flat()[0] ?? null;
  return null;
}
