import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextInput } from "@/components/ui/text-input";
import { SavedSearchForm } from "@/components/search/saved-search-form";
import { SEARCHED_PARAM } from "@/lib/search/everything";

/** The hint shared by the header's box and the search page's. */
export const EVERYTHING_SEARCH_HINT =
  "A reference (like INC-2026-000123 or CASE-2026-000012), a name, an address or postcode, or a case title";

/**
 * The search page's own form: the same search as the header's box, with room for a hint and an
 * error next to the field. Posted, so no name or address is ever in the address bar.
 */
export function EverythingSearchForm({ q, error }: { q: string; error?: string }) {
  return (
    <>
      <ErrorSummary errors={error ? [{ text: error, href: "#q" }] : []} />
      <SavedSearchForm
        // A new search remounts the form, so the box shows the search now on the page.
        key={q}
        scope="everything"
        path="/search"
        role="search"
        aria-label="Search records"
        className="max-w-[40rem]"
        noValidate
      >
        <input type="hidden" name={SEARCHED_PARAM} value="1" />
        <TextInput
          id="q"
          label="Search for"
          labelSize="s"
          hint={EVERYTHING_SEARCH_HINT}
          type="search"
          autoComplete="off"
          spellCheck={false}
          defaultValue={q}
          error={error}
        />
        <Button type="submit">Search</Button>
      </SavedSearchForm>
    </>
  );
}
