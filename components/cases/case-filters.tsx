import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import { CASE_KIND_LABELS, CASE_RELATION_LABELS, CASE_STATUS_LABELS } from "@/lib/cases/labels";
import type { CaseFilterParam } from "@/lib/cases/filters";
import { choicesOf, RISK_LEVEL_LABELS } from "@/lib/incidents/labels";
import { FilterForm } from "./filter-form";
import { FilterButtons } from "@/components/ui/filter-buttons";

/** The case list's filters: a GET form, so a filtered list's address can be bookmarked and shared. */
export function CaseFilters({
  values,
  organisations,
  sort,
}: {
  values: Partial<Record<CaseFilterParam, string>>;
  organisations: { id: string; name: string }[];
  sort: { sort?: string; dir?: string };
}) {
  return (
    <FilterForm action="/cases" keep={sort} className="mb-8 p-4 sm:p-5 bg-surface" labelledBy="case-filters-heading">
      <h2 id="case-filters-heading" className="heading-m">
        Find cases
      </h2>
      <TextInput
        id="q"
        label="Reference or title"
        hint="For example, CASE-2026-000012 (which opens the case), or words from its title"
        width={30}
        autoComplete="off"
        spellCheck={false}
        defaultValue={values.q}
      />
      <div className="grid gap-x-6 sm:grid-cols-2 lg:grid-cols-3">
        <Select id="relation" label="Cases" placeholder="All cases I can see" options={choicesOf(CASE_RELATION_LABELS)} defaultValue={values.relation ?? ""} />
        <Select
          id="status"
          label="Status"
          placeholder="Any status"
          options={[{ value: "active", label: "Not closed" }, ...choicesOf(CASE_STATUS_LABELS)]}
          defaultValue={values.status ?? ""}
        />
        <Select id="kind" label="Kind" placeholder="Any kind" options={choicesOf(CASE_KIND_LABELS)} defaultValue={values.kind ?? ""} />
        <Select id="risk" label="Risk level" placeholder="Any risk level" options={choicesOf(RISK_LEVEL_LABELS)} defaultValue={values.risk ?? ""} />
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
    </FilterForm>
  );
}
