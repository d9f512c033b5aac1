import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import type { FilterParam } from "@/lib/incidents/filters";
import { CATEGORY_LABELS, choicesOf, RISK_LEVEL_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { IN_A_VISIBLE_CASE, NOT_IN_A_VISIBLE_CASE } from "@/lib/cases/labels";
import { PersonPicker, PlacePicker } from "./pickers";
import { FilterButtons } from "@/components/ui/filter-buttons";
import { SavedSearchForm } from "@/components/search/saved-search-form";
import { FilterPanel, filtersInUse } from "@/components/ui/filter-panel";

// The incident list's filters. A name or postcode typed into the pickers (without choosing a match)
// can identify someone, so the form is posted (a server action, which works without JavaScript
// too) and that text kept on the server (lib/search): the address carries an opaque `?search=`
// handle instead, next to the filters that name nobody (dates, kinds, organisation, the chosen
// person's or place's id, sort), which stay in it and can be bookmarked and shared as before.

export type IncidentFiltersProps = {
  /**
   * The list's address as it stands, without sort and page: the form is drawn afresh when it
   * changes, so after a search, a removed filter or "Clear filters", every field shows what the
   * address now says rather than what was last typed into it.
   */
  address: string;
  values: Partial<Record<FilterParam, string>>;
  errors: Partial<Record<"from" | "to" | "postcode", string>>;
  organisations: { id: string; name: string }[];
  labels: { person?: string; place?: string };
  /** Kept when the filters change: the list stays sorted the same way. */
  sort?: { sort?: string; dir?: string };
};

// A person or place picked from the suggestions sends its id with the name or postcode typed.
const PICKED_TOGETHER = [
  ["person", "name"],
  ["place", "postcode"],
] as const;

export function IncidentFilters({ address, values, errors, organisations, labels, sort }: IncidentFiltersProps) {
  return (
    <FilterPanel
      id="filters-heading"
      title="Filter incidents"
      inUse={filtersInUse(values, PICKED_TOGETHER)}
      open={Object.keys(errors).length > 0}
    >
      <SavedSearchForm
        key={address}
        scope="incidents"
        path="/incidents"

        aria-labelledby="filters-heading"
      >
        {sort?.sort ? <input type="hidden" name="sort" value={sort.sort} /> : null}
        {sort?.dir ? <input type="hidden" name="dir" value={sort.dir} /> : null}
        <div className="grid grid-cols-1 gap-x-6 sm:grid-cols-2 lg:grid-cols-3 [&_select]:max-w-full">
          <TextInput
            id="from"
            label="Happened from"
            hint="For example, 1/3/2026"
            width={10}
            autoComplete="off"
            defaultValue={values.from}
            error={errors.from}
          />
          <TextInput
            id="to"
            label="Happened to"
            hint="For example, 31/3/2026"
            width={10}
            autoComplete="off"
            defaultValue={values.to}
            error={errors.to}
          />
          <Select id="risk" label="Risk level" placeholder="Any" options={choicesOf(RISK_LEVEL_LABELS)} defaultValue={values.risk ?? ""} />
          <Select
            id="category"
            label="Category"
            placeholder="Any"
            options={choicesOf(CATEGORY_LABELS)}
            defaultValue={values.category ?? ""}
          />
          <Select id="type" label="Type" placeholder="Any" options={choicesOf(TYPE_LABELS)} defaultValue={values.type ?? ""} />
          <Select
            id="case"
            label="Case"
            placeholder="Any"
            options={[
              { value: "yes", label: IN_A_VISIBLE_CASE },
              { value: "no", label: NOT_IN_A_VISIBLE_CASE },
            ]}
            defaultValue={values.case ?? ""}
          />
          <Select
            id="org"
            label="Logged by"
            placeholder="Any organisation"
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
            defaultValue={values.org ?? ""}
            className="sm:col-span-2 lg:col-span-1 [&_select]:w-full"
          />
          <PlacePicker
            id="place-filter"
            name="place"
            queryName="postcode"
            label="Place or postcode"
            hint="Choose a place, or type a postcode or the start of one"
            width="full"
            error={errors.postcode}
            defaultValue={values.place && labels.place ? { id: values.place, label: labels.place } : null}
            defaultQuery={values.postcode ?? ""}
          />
          <PersonPicker
            id="person-filter"
            name="person"
            queryName="name"
            label="Person"
            hint="Choose a person, or type part of a name"
            width="full"
            defaultValue={values.person && labels.person ? { id: values.person, label: labels.person } : null}
            defaultQuery={values.name ?? ""}
          />
        </div>
        <FilterButtons clearHref="/incidents" />
      </SavedSearchForm>
    </FilterPanel>
  );
}
