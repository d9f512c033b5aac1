// Building links that change one or two search parameters (sort, page) and keep the rest, so a
// filtered, sorted list stays filtered and sorted as the user pages through it.

import type { SearchParamsRecord } from "@/lib/search-params";

export type SearchParamChanges = Record<string, string | number | null | undefined>;

/** `pathname` with `current` search params, overridden by `changes` (null or undefined removes one). */
export function hrefWithParams(pathname: string, current: SearchParamsRecord, changes: SearchParamChanges): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(current)) {
    if (key in changes || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  }
  const search = query.toString();
  return search ? `${pathname}?${search}` : pathname;
}
