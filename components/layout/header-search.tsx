import Link from "next/link";
import { SavedSearchForm } from "@/components/search/saved-search-form";
import { SEARCHED_PARAM } from "@/lib/search/everything";

/**
 * The header's search box: a reference goes straight to the record, anything else is looked for
 * among people, places and cases (the /search page). Posted like every search that can name
 * someone, so it works without JavaScript and no name reaches the address bar. On phones there is
 * no room for a box beside the service name, so it is a link to the search page instead (CSS
 * alone decides, so this holds without JavaScript too).
 */
export function HeaderSearch() {
  return (
    <>
      <SavedSearchForm
        scope="everything"
        path="/search"
        role="search"
        aria-label="Site"
        noValidate
        className="hidden sm:flex order-last lg:order-none w-full sm:max-w-[30rem] lg:w-auto lg:flex-1 lg:max-w-[26rem] items-stretch"
      >
        <input type="hidden" name={SEARCHED_PARAM} value="1" />
        {/* Short, and unlike any page's own field: the placeholder says what can be searched for. */}
        <label htmlFor="header-search" className="sr-only">
          Search records
        </label>
        <input
          id="header-search"
          name="q"
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder="Reference, name or address"
          className="min-w-0 flex-1 h-10 px-2 rounded-none border-2 border-white bg-white text-ink placeholder:text-ink-secondary body-m appearance-none"
        />
        <button
          type="submit"
          className="h-10 px-3 rounded-none border-2 border-white bg-brand text-white font-bold body-m cursor-pointer hover:bg-link-hover"
        >
          Search
        </button>
      </SavedSearchForm>
      <Link
        href="/search"
        className="sm:hidden inline-block py-1 text-white visited:text-white underline underline-offset-[0.1578em] hover:decoration-[3px] body-m"
      >
        Search
      </Link>
    </>
  );
}
