import { Checkboxes } from "@/components/ui/checkboxes";
import { DateInput } from "@/components/ui/date-input";
import { Select } from "@/components/ui/select";
import { FilterForm } from "@/components/cases/filter-form";
import { ACTION_STATUS_LABELS } from "@/lib/case-actions/labels";
import type { ParsedActionFilters } from "@/lib/case-actions/filters";
import { choicesOf } from "@/lib/incidents/labels";
import { FilterButtons } from "@/components/ui/filter-buttons";
import { FilterPanel, filtersInUse } from "@/components/ui/filter-panel";

const STATUS_OPTIONS = [{ value: "any", label: "Any status" }, ...choicesOf(ACTION_STATUS_LABELS)];

/** The action lists' filters: a GET form, so a filtered list's address can be bookmarked and shared. */
export function ActionFilters({
  path,
  parsed,
  keep,
}: {
  path: string;
  parsed: ParsedActionFilters;
  keep: Record<string, string | undefined>;
}) {
  const { values, errors } = parsed;
  // The officer (from a dashboard's workload link) is shown above the list, not in this panel.
  const datePart = (field: string) => ({ day: values[`${field}-day`], month: values[`${field}-month`], year: values[`${field}-year`] });
  return (
    <FilterPanel
      id="action-filters-heading"
      title="Filter the actions"
      inUse={filtersInUse({ ...values, officer: undefined })}
      open={Object.keys(errors).length > 0}
    >
      <FilterForm action={path} keep={keep} labelledBy="action-filters-heading">
        <div className="grid grid-cols-1 gap-x-6 md:grid-cols-2 [&_select]:max-w-full">
          <div>
            <Select
              id="status"
              label="Status"
              placeholder="Open or in progress"
              options={STATUS_OPTIONS}
              defaultValue={values.status ?? ""}
            />
            <Checkboxes
              name="overdue"
              legend="Overdue"
              items={[{ value: "yes", label: "Only overdue actions" }]}
              defaultValues={values.overdue ? [values.overdue] : []}
            />
          </div>
          <div>
            <DateInput
              id="dueFrom"
              legend="Due on or after"
              hint="For example, 1 12 2026"
              defaultValue={datePart("dueFrom")}
              error={errors.dueFrom}
            />
            <DateInput
              id="dueTo"
              legend="Due on or before"
              hint="For example, 31 12 2026"
              defaultValue={datePart("dueTo")}
              error={errors.dueTo}
            />
          </div>
        </div>
        <FilterButtons clearHref={keep.scope ? `${path}?scope=${keep.scope}` : path} />
      </FilterForm>
    </FilterPanel>
  );
}
