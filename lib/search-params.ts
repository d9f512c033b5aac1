import { cleanText } from "@/lib/text/clean";

// Reading a page's search parameters (filters, paging) on the server.

/** The shape of an awaited Next.js `searchParams`. */
export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** The first value of a search parameter, cleaned of characters text cannot hold, or undefined. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : cleanText(first);
}

/**
 * `record[key]` when `key` is one of the record's own keys, else undefined: a value from the
 * address ("?notice=constructor") must never reach Object's prototype.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
