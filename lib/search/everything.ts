import type { ReferencePrefix } from "@/lib/references";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { searchText } from "@/lib/search-text";

// The header's search (the /search page): one box that goes straight to a record when given its
// reference, and otherwise looks for people, places and cases by name, address or title. Pure:
// what was typed, read and checked; lib/search/data.ts does the finding.

/** Longer searches are refused with a message (no name, address or title needs more). */
export const EVERYTHING_MAX_LENGTH = 100;
/** Letters or digits needed before anything is looked up (the people search needs two letters). */
export const EVERYTHING_MIN_CHARACTERS = 2;
/** Set by the search forms, so that a search posted empty is told so rather than shown the start page. */
export const SEARCHED_PARAM = "searched";

export type Reference = { prefix: ReferencePrefix; reference: string };

/**
 * A reference as typed ("inc-2026-123", "CASE 2026 000012") in its stored form
 * ("INC-2026-000123"), or null when the text is not one. References are made by lib/references.ts:
 * PREFIX-YEAR-NUMBER, the number six digits with leading zeros.
 */
export function parseReference(text: string): Reference | null {
  const match = /^(INC|CASE|PWR|REF|MTG|PSPO)[\s-]*(\d{4})[\s-]*(\d{1,6})$/.exec(text.trim().toUpperCase());
  if (!match) return null;
  const prefix = match[1] as ReferencePrefix;
  return { prefix, reference: `${prefix}-${match[2]}-${match[3]!.padStart(6, "0")}` };
}

export type EverythingSearch =
  /** Nothing asked yet: the page explains what can be searched for. */
  | { kind: "start"; q: string }
  | { kind: "invalid"; q: string; error: string }
  | { kind: "reference"; q: string; reference: Reference }
  | { kind: "text"; q: string };

/**
 * The search as the page reads it back (the saved `q`, and `searched` from the address). `q` is
 * kept as typed to fill the box in again.
 */
export function readEverythingSearch(params: SearchParamsRecord): EverythingSearch {
  const q = firstParam(params.q) ?? "";
  const trimmed = q.trim();
  if (trimmed === "") {
    return firstParam(params[SEARCHED_PARAM])
      ? { kind: "invalid", q, error: "Enter a reference, a name, an address or a case title" }
      : { kind: "start", q };
  }
  if (trimmed.length > EVERYTHING_MAX_LENGTH) {
    return { kind: "invalid", q, error: `Search for ${EVERYTHING_MAX_LENGTH} characters or fewer` };
  }
  const reference = parseReference(trimmed);
  if (reference) return { kind: "reference", q, reference };
  if (searchText(trimmed).replace(/\s/g, "").length < EVERYTHING_MIN_CHARACTERS) {
    return { kind: "invalid", q, error: `Enter at least ${EVERYTHING_MIN_CHARACTERS} letters or numbers` };
  }
  return { kind: "text", q: trimmed };
}
