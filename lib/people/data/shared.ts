import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { auditRefusal } from "@/lib/audit/data";
import { visiblePeopleWhere } from "@/lib/people/access";
import { aliasText, type AliasName } from "@/lib/people/schema";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/not-found";
import { searchText } from "@/lib/search-text";

// What the parts of the people data layer share: the audit trail's name for a person, the search
// text every write keeps up to date, and the one check that the actor may see a person.

export const ENTITY = "Person";

export function personSearchText(firstName: string, lastName: string, aliases: readonly AliasName[]): string {
  return searchText(firstName, lastName, ...aliases.map(aliasText));
}

export function aliasRows(aliases: readonly AliasName[]) {
  return aliases.map((alias) => ({
    firstName: alias.firstName,
    lastName: alias.lastName,
    searchText: searchText(alias.firstName, alias.lastName),
  }));
}

/**
 * The id, if the actor may see that person. Otherwise NotFoundError, exactly as for an id that
 * does not exist; the refused look is audited either way.
 */
export async function requireVisiblePerson(actor: Actor, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError("person");
  const visible = await db.person.count({ where: { AND: [{ id }, visiblePeopleWhere(actor)] } });
  if (visible > 0) return;
  // Audited whether or not the profile exists: a guessed id costs the same work as a hidden one,
  // so the time taken tells nothing.
  await auditRefusal(actor, ENTITY, id);
  throw new NotFoundError("person");
}

export const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

export function pick<K extends string>(fields: readonly K[]): Record<K, true> {
  return Object.fromEntries(fields.map((field) => [field, true])) as Record<K, true>;
}
