import { DateInput } from "@/components/ui/date-input";
import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import type { ParsedPowerFilters } from "@/lib/powers/filters";
import { POWER_STATUS_LABELS } from "@/lib/powers/lifecycle";
import { choicesOf } from "@/lib/incidents/labels";
import { FilterButtons } from "@/components/ui/filter-buttons";
import { SavedSearchForm } from "@/components/search/saved-search-form";
import { FilterPanel, filtersInUse } from "@/components/ui/filter-panel";

/**
 * The register's filters. "Issued to" is a person's or a business's name, so the form is posted (a
 * server action, which works without JavaScript too) and that name kept on the server (lib/search):
 * the address carries an opaque `?search=` handle instead, next to the filters that name nobody
 * (kind, status, organisation, dates, expiring, sort), which stay in it and can be bookmarked.
 */
export function PowerFilters({
  path,
  address,
  parsed,
  kinds,
  organisations,
  keep,
}: {
  path: string;
  /**
   * The register's address as it stands (the handle, never the name). The form is drawn afresh when
   * it changes, so after a search, or "Clear filters", every field shows what the address now says
   * rather than what was last typed into it. Without the sort order and page, so sorting or paging
   * does not throw away what is being typed.
   */
  address: string;
  parsed: ParsedPowerFilters;
  kinds: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
  keep: Record<string, string | undefined>;
}) {
  const { values, errors } = parsed;
  const datePart = (field: string) => ({ day: values[`${field}-day`], month: values[`${field}-month`], year: values[`${field}-year`] });
  return (
    <FilterPanel id="power-filters-heading" title="Filter the register" inUse={filtersInUse(values)} open={Object.keys(errors).length > 0}>
      <SavedSearchForm
        key={address}
        scope="powers"
        path={path}

        aria-labelledby="power-filters-heading"
      >
        {/* What the form does not show (the sort order), carried along as before. */}
        {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
        <div className="grid grid-cols-1 gap-x-6 md:grid-cols-2 [&_select]:max-w-full">
          <div>
            <TextInput
              id="subject"
              label="Issued to"
              hint="A person's or a business's name, or part of it"
              defaultValue={values.subject ?? ""}
            />
            <Select
              id="kind"
              label="Kind of power"
              placeholder="Any kind"
              options={kinds.map((k) => ({ value: k.id, label: k.name }))}
              defaultValue={values.kind ?? ""}
            />
            <Select
              id="status"
              label="Status"
              placeholder="Any status"
              options={choicesOf(POWER_STATUS_LABELS)}
              defaultValue={values.status ?? ""}
            />
            <Select
              id="organisation"
              label="Issuing organisation"
              placeholder="Any organisation"
              options={organisations.map((o) => ({ value: o.id, label: o.name }))}
              defaultValue={values.organisation ?? ""}
            />
          </div>
          <div>
            <DateInput
              id="issuedFrom"
              legend="Issued on or after"
              hint="For example, 1 4 2026"
              defaultValue={datePart("issuedFrom")}
              error={errors.issuedFrom}
            />
            <DateInput
              id="issuedTo"
              legend="Issued on or before"
              hint="For example, 31 3 2027"
              defaultValue={datePart("issuedTo")}
              error={errors.issuedTo}
            />
            <TextInput
              id="expiring"
              label="Expiring within (days)"
              hint="For example, 30"
              inputMode="numeric"
              width={4}
              defaultValue={values.expiring ?? ""}
              error={errors.expiring}
            />
          </div>
        </div>
        <FilterButtons clearHref={path} />
      </SavedSearchForm>
    </FilterPanel>
  );
}
