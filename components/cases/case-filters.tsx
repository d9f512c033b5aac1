import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import { CASE_KIND_LABELS, CASE_RELATION_LABELS, CASE_STATUS_LABELS } from "@/lib/cases/labels";
import type { CaseFilterParam } from "@/lib/cases/filters";
import { choicesOf, RISK_LEVEL_LABELS } from "@/lib/incidents/labels";
import { FilterButtons } from "@/components/ui/filter-buttons";
import { SavedSearchForm } from "@/components/search/saved-search-form";
import { FilterPanel, filtersInUse } from "@/components/ui/filter-panel";

/**
 * The case list's filters. The reference-or-title search can hold a name or an address (titles
 * often name them), so the form is posted (a server action, which works without JavaScript too)
 * and that text kept on the server (lib/search): the address carries an opaque `?search=` handle
 * instead, next to the filters that name nobody (relation, status, kind, risk, lead organisation,
 * sort), which stay in it and can be bookmarked and shared as before.
 */
export function CaseFilters({
  address,
  values,
  organisations,
  sort,
}: {
  /**
   * The list's address as it stands (the handle, never the text). The form is drawn afresh when it
   * changes, so after a search, or "Clear filters", every field shows what the address now says
   * rather than what was last typed into it. Without the sort order and page, so sorting or paging
   * does not throw away what is being typed.
   */
  address: string;
  values: Partial<Record<CaseFilterParam, string>>;
  organisations: { id: string; name: string }[];
  sort: { sort?: string; dir?: string };
}) {
  return (
    <FilterPanel id="case-filters-heading" title="Find cases" inUse={filtersInUse(values)}>
      <SavedSearchForm
        key={address}
        scope="cases"
        path="/cases"

        aria-labelledby="case-filters-heading"
      >
        {/* The sort order the form does not show, carried along as before. */}
        {Object.entries(sort).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
        <TextInput
          id="q"
          label="Reference or title"
          hint="For example, CASE-2026-000012 (which opens the case), or words from its title"
          width={30}
          autoComplete="off"
          spellCheck={false}
          defaultValue={values.q}
        />
        <div className="grid grid-cols-1 gap-x-6 sm:grid-cols-2 lg:grid-cols-3 [&_select]:max-w-full">
          <Select
            id="relation"
            label="Cases"
            placeholder="All cases I can see"
            options={choicesOf(CASE_RELATION_LABELS)}
            defaultValue={values.relation ?? ""}
          />
          <Select
            id="status"
            label="Status"
            placeholder="Any status"
            options={[{ value: "active", label: "Not closed" }, ...choicesOf(CASE_STATUS_LABELS)]}
            defaultValue={values.status ?? ""}
          />
          <Select id="kind" label="Kind" placeholder="Any kind" options={choicesOf(CASE_KIND_LABELS)} defaultValue={values.kind ?? ""} />
          <Select
            id="risk"
            label="Risk level"
            placeholder="Any risk level"
            options={choicesOf(RISK_LEVEL_LABELS)}
            defaultValue={values.risk ?? ""}
          />
          <Select
            id="lead"
            label="Lead organisation"
            placeholder="Any organisation"
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
            defaultValue={values.lead ?? ""}
            className="sm:col-span-2 lg:col-span-2 [&_select]:w-full"
          />
        </div>
        <FilterButtons clearHref="/cases" />
      </SavedSearchForm>
    </FilterPanel>
  );
}
