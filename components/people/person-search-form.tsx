import { Button } from "@/components/ui/button";
import { DateInput, type DateInputValue } from "@/components/ui/date-input";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextInput } from "@/components/ui/text-input";

export type PersonSearchFormProps = {
  /** Where the GET form goes (the search page, or the merge page's "find the duplicate"). */
  action: string;
  label?: string;
  q: string;
  dob: DateInputValue;
  errors: { q?: string; dob?: string };
};

/**
 * Search by name, date of birth or both, as a GET form: the search is in the URL, so the back
 * button and a refreshed page show the same results.
 */
export function PersonSearchForm({ action, label = "Search for a person", q, dob, errors }: PersonSearchFormProps) {
  const summary = [
    ...(errors.q ? [{ text: errors.q, href: "#q" }] : []),
    ...(errors.dob ? [{ text: errors.dob, href: "#dob-day" }] : []),
  ];
  return (
    <>
      <ErrorSummary errors={summary} />
      <form method="get" action={action} role="search" aria-label={label} className="max-w-[40rem]" noValidate>
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
      </form>
    </>
  );
}
