import { Button } from "@/components/ui/button";
import { DateInput, type DateInputValue } from "@/components/ui/date-input";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextInput } from "@/components/ui/text-input";
import { SavedSearchForm } from "@/components/search/saved-search-form";
import type { SearchScopeName } from "@/lib/search/scopes";

export type PersonSearchFormProps = {
  /** Which search (the people page, or the merge page's "find the duplicate"). */
  scope: Extract<SearchScopeName, "people" | "people-merge">;
  /** The page the results are shown on. */
  path: string;
  label?: string;
  q: string;
  dob: DateInputValue;
  errors: { q?: string; dob?: string };
};

/**
 * Search by name, date of birth or both. The form is posted and the terms kept on the server, so
 * no name or date of birth is ever in the address; the back button and a refreshed page still
 * show the same results through the `?search=` handle.
 */
export function PersonSearchForm({ scope, path, label = "Search for a person", q, dob, errors }: PersonSearchFormProps) {
  const summary = [...(errors.q ? [{ text: errors.q, href: "#q" }] : []), ...(errors.dob ? [{ text: errors.dob, href: "#dob-day" }] : [])];
  return (
    <>
      <ErrorSummary errors={summary} />
      <SavedSearchForm
        // A new search (or "People" in the menu) remounts the form, so the fields show the search
        // now on the page rather than what was last typed into them.
        key={`${q}|${dob.day}|${dob.month}|${dob.year}`}
        scope={scope}
        path={path}
        role="search"
        aria-label={label}
        className="max-w-[40rem]"
        noValidate
      >
        <TextInput
          id="q"
          label="Name"
          labelSize="s"
          hint="First name, last name or both. Initials, other names they are known by and misspellings are found too."
          type="search"
          autoComplete="off"
          spellCheck={false}
          defaultValue={q}
          error={errors.q}
        />
        <DateInput
          id="dob"
          legend="Date of birth (optional)"
          legendSize="s"
          hint="For example, 27 3 1985. People born on this day are listed first."
          defaultValue={dob}
          error={errors.dob}
        />
        <Button type="submit">Search</Button>
      </SavedSearchForm>
    </>
  );
}
