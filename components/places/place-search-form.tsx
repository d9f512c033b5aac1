import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/text-input";
import { SavedSearchForm } from "@/components/search/saved-search-form";

/**
 * Search by address or postcode. An address says where someone lives, so the form is posted and
 * the text kept on the server: the address bar, browser history and server logs see only the
 * `?search=` handle, which still brings the same results back on refresh or the back button.
 */
export function PlaceSearchForm({ q }: { q: string }) {
  return (
    // Keyed by the search, so the box is drawn afresh when the page changes by a link (the menu's
    // Places, the back button): a box the user typed in would otherwise keep its text.
    <SavedSearchForm key={q} scope="places" path="/places" role="search" aria-label="Places" className="max-w-[40rem]">
      <TextInput
        id="q"
        label="Address or postcode"
        labelSize="s"
        hint="For example, SE15 4QF, SE15 or Harker House"
        type="search"
        autoComplete="off"
        spellCheck={false}
        defaultValue={q}
      />
      <Button type="submit">Search</Button>
    </SavedSearchForm>
  );
}
