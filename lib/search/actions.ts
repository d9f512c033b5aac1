"use server";

import { notFound, redirect } from "next/navigation";
import { formValues } from "@/lib/forms";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { saveSearch, type SearchTerms } from "./saved";
import { SEARCH_HANDLE_PARAM, SEARCH_SCOPES, isSearchScopeName } from "./scopes";
import { refuseMalformed, refuseWith } from "@/lib/auth/refuse";

const MAX_FILTER_LENGTH = 100;

/**
 * Every search form that can name a person or an address posts here. The personal terms are saved
 * on the server; the browser goes back to the page with the other filters and the handle in the
 * address. Validation stays with the page, which reads the terms back and shows its usual errors
 * next to the fields with what was typed.
 */
export async function saveSearchAction(formData: FormData): Promise<never> {
  const actor = await requireActor();
  const scopeName = formData.get("_scope");
  const path = formData.get("_path");
  if (!isSearchScopeName(scopeName) || typeof path !== "string") {
    await refuseMalformed(actor, null);
    notFound();
  }
  const scope = SEARCH_SCOPES[scopeName];
  if (!scope.path.test(path)) {
    await refuseMalformed(actor, null);
    notFound();
  }
  if (!can(actor, scope.permission)) {
    await refuseWith(actor, scope.permission, null);
    notFound();
  }

  const personal = new Set<string>(scope.personalFields);
  const terms: SearchTerms = {};
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(formValues(formData))) {
    if (key.startsWith("_")) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      if (personal.has(key)) terms[key] = one;
      // Filters that name nobody go into the address. None is ever longer than a date or a
      // choice's code: a longer value is cut, so it can never swell the redirect past what a
      // browser or a proxy takes (the page then ignores or questions it, as with any odd value).
      else if (key !== SEARCH_HANDLE_PARAM && key !== "page" && one !== "" && key.length <= 40) query.append(key, one.slice(0, MAX_FILTER_LENGTH));
    }
  }
  const handle = await saveSearch(actor, scopeName, terms);
  if (handle) query.set(SEARCH_HANDLE_PARAM, handle);
  const search = query.toString();
  redirect(search ? `${path}?${search}` : path);
}
