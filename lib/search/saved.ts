import "server-only";
import { randomBytes } from "node:crypto";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor-type";
import { db } from "@/lib/db";
import type { SearchParamsRecord } from "@/lib/search-params";
import { firstParam } from "@/lib/search-params";
import { SAVED_SEARCH_HOURS } from "./constants";
import { SEARCH_HANDLE_PARAM, SEARCH_SCOPES, type SearchScopeName } from "./scopes";

// Saved search terms: what a user typed into a search that can name a person or an address, kept
// here so the URL holds only a handle. A handle is 128 random bits, readable only by the user who
// made it, for the same search form, for SAVED_SEARCH_HOURS; after that the page shows an empty
// form and says the search has expired. A handle in someone else's hands reads as expired.

/** Longer terms are cut: no search form needs more, and nothing unbounded is stored. */
export const MAX_TERM_LENGTH = 200;

export type SearchTerms = Record<string, string>;

/** Keeps the scope's personal fields of `values`; returns the handle, or null when all are blank. */
export async function saveSearch(actor: Actor, scope: SearchScopeName, values: SearchTerms, now = new Date()): Promise<string | null> {
  const terms: SearchTerms = {};
  for (const field of SEARCH_SCOPES[scope].personalFields) {
    const value = (values[field] ?? "").slice(0, MAX_TERM_LENGTH);
    if (value.trim() !== "") terms[field] = value;
  }
  if (Object.keys(terms).length === 0) return null;
  const id = randomBytes(16).toString("base64url");
  await db.$transaction([
    // Expired searches are removed as new ones are made: nobody's old terms linger.
    db.savedSearch.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.savedSearch.create({
      data: { id, userId: actor.userId, scope, terms, createdAt: now, expiresAt: new Date(now.getTime() + SAVED_SEARCH_HOURS * 3_600_000) },
    }),
  ]);
  return id;
}

const HANDLE = /^[A-Za-z0-9_-]{22}$/;

/** The terms behind a handle, or null when it is unknown, expired, another user's or another form's. */
export const readSavedSearch = cache(async function readSavedSearch(
  userId: string,
  scope: SearchScopeName,
  handle: string,
): Promise<SearchTerms | null> {
  if (!HANDLE.test(handle)) return null;
  const row = await db.savedSearch.findUnique({ where: { id: handle } });
  if (!row || row.userId !== userId || row.scope !== scope || row.expiresAt <= new Date()) return null;
  const terms: SearchTerms = {};
  const stored = row.terms as Record<string, unknown>;
  for (const field of SEARCH_SCOPES[scope].personalFields) {
    if (typeof stored[field] === "string") terms[field] = stored[field];
  }
  return terms;
});

export type ResolvedSearchParams = {
  /** What the page reads: the URL's own filters with the saved terms in place of the personal ones. */
  params: SearchParamsRecord;
  /** The URL's parameters without the personal ones: for building sort and page links. */
  linkParams: SearchParamsRecord;
  /** The URL named a saved search that can no longer be read (expired, or not this user's). */
  expired: boolean;
};

/**
 * A list page's search parameters with the saved terms read back. Personal fields typed straight
 * into the URL are ignored, so no link, bookmark or history entry that carries a name does
 * anything, and none is ever produced.
 */
export async function resolveSearchParams(actor: Actor, scope: SearchScopeName, params: SearchParamsRecord): Promise<ResolvedSearchParams> {
  const personal = new Set<string>(SEARCH_SCOPES[scope].personalFields);
  const linkParams: SearchParamsRecord = {};
  for (const [key, value] of Object.entries(params)) if (!personal.has(key)) linkParams[key] = value;
  const handle = firstParam(params[SEARCH_HANDLE_PARAM]);
  if (!handle) return { params: { ...linkParams }, linkParams, expired: false };
  const terms = await readSavedSearch(actor.userId, scope, handle);
  if (!terms) {
    const { [SEARCH_HANDLE_PARAM]: _gone, ...rest } = linkParams;
    return { params: { ...rest }, linkParams: rest, expired: true };
  }
  return { params: { ...linkParams, ...terms }, linkParams, expired: false };
}
