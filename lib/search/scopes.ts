import type { Permission } from "@/lib/auth/permissions";

// The search forms whose terms can name a person or an address. Their terms never go in a URL:
// the form posts them to `saveSearchAction`, which keeps them on the server (lib/search/saved.ts)
// and sends the browser to the list with an opaque `?search=` handle. Filters that name nobody
// (status, dates, kinds, sort) stay in the address as before.

export type SearchScope = {
  /** The pages the form may send the browser back to. */
  path: RegExp;
  /** Who may save a search for these pages: the same permission the page itself needs. */
  permission: Permission;
  /** The fields that are kept on the server, never in the URL. */
  personalFields: readonly string[];
};

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const DATE_OF_BIRTH = ["dob-day", "dob-month", "dob-year"] as const;

export const SEARCH_SCOPES = {
  people: { path: /^\/people$/, permission: "person:read", personalFields: ["q", ...DATE_OF_BIRTH] },
  "people-merge": { path: new RegExp(`^/people/${UUID}/merge$`), permission: "person:merge", personalFields: ["q", ...DATE_OF_BIRTH] },
  places: { path: /^\/places$/, permission: "place:read", personalFields: ["q"] },
  // A person's name or a postcode typed into the pickers without choosing a match; a chosen
  // person or place travels as its opaque id.
  incidents: { path: /^\/incidents$/, permission: "incident:read", personalFields: ["name", "postcode"] },
  cases: { path: /^\/cases$/, permission: "case:read", personalFields: ["q"] },
  powers: { path: /^\/powers$/, permission: "power:read", personalFields: ["subject"] },
  "admin-users": { path: /^\/admin\/users$/, permission: "admin:access", personalFields: ["q"] },
  // The header's search box: a reference, a name, an address or a case title (lib/search/everything.ts).
  everything: { path: /^\/search$/, permission: "case:read", personalFields: ["q"] },
} as const satisfies Record<string, SearchScope>;

export type SearchScopeName = keyof typeof SEARCH_SCOPES;

export function isSearchScopeName(value: unknown): value is SearchScopeName {
  return typeof value === "string" && Object.hasOwn(SEARCH_SCOPES, value);
}

/** The search parameter that carries the handle. */
export const SEARCH_HANDLE_PARAM = "search";
