"use server";

import { z } from "zod";
import { formValues } from "@/lib/forms";
import { runCommand } from "@/lib/form-action";
import { NotFoundError } from "@/lib/errors";
import { saveSearch, type SearchTerms } from "./saved";
import { SEARCH_HANDLE_PARAM, SEARCH_SCOPES, isSearchScopeName } from "./scopes";
import { refuseMalformed, requireCan } from "@/lib/auth/refuse";

const MAX_FILTER_LENGTH = 100;

const ZSearchPost = z.looseObject({ _scope: z.string(), _path: z.string() });

/**
 * Every search form that can name a person or an address posts here. The personal terms are saved
 * on the server; the browser goes back to the page with the other filters and the handle in the
 * address. Validation stays with the page, which reads the terms back and shows its usual errors
 * next to the fields with what was typed.
 */
export async function saveSearchAction(formData: FormData): Promise<never> {
  return runCommand(formData, {
    permission: "signed-in",
    schema: ZSearchPost,
    perform: async (actor, posted) => {
      const scopeName = posted._scope;
      // Only one of our search forms posts here, and only back to its own page (no open redirect).
      if (!isSearchScopeName(scopeName) || !SEARCH_SCOPES[scopeName].path.test(posted._path)) {
        await refuseMalformed(actor, null);
        throw new NotFoundError("search");
      }
      const scope = SEARCH_SCOPES[scopeName];
      await requireCan(actor, scope.permission, () => new NotFoundError("search"));
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
          else if (key !== SEARCH_HANDLE_PARAM && key !== "page" && one !== "" && key.length <= 40)
            query.append(key, one.slice(0, MAX_FILTER_LENGTH));
        }
      }
      const handle = await saveSearch(actor, scopeName, terms);
      if (handle) query.set(SEARCH_HANDLE_PARAM, handle);
      const search = query.toString();
      return search ? `${posted._path}?${search}` : posted._path;
    },
    next: (posted, _problem, to) => to ?? posted._path,
  });
}
