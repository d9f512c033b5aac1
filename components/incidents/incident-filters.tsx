"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import type { FilterParam } from "@/lib/incidents/filters";
import { CATEGORY_LABELS, choicesOf, RISK_LEVEL_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { PersonPicker, PlacePicker } from "./pickers";
import { FilterButtons } from "@/components/ui/filter-buttons";

// The incident list's filters: a GET form, so the filtered list's address can be bookmarked and
// shared. Empty fields are left out of the address.

export type IncidentFiltersProps = {
  values: Partial<Record<FilterParam, string>>;
  errors: Partial<Record<"from" | "to" | "postcode", string>>;
  organisations: { id: string; name: string }[];
  labels: { person?: string; place?: string };
  /** Kept when the filters change: the list stays sorted the same way. */
  sort?: { sort?: string; dir?: string };
};

export function IncidentFilters({ values, errors, organisations, labels, sort }: IncidentFiltersProps) {
  const router = useRouter();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget).entries()) {
      if (typeof value === "string" && value.trim() !== "") query.append(key, value.trim());
    }
    const search = query.toString();
    router.push(search ? `/incidents?${search}` : "/incidents");
  }

  return (
    <form method="get" action="/incidents" onSubmit={onSubmit} className="mb-8 p-4 sm:p-5 bg-surface" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="heading-m">
        Filter incidents
      </h2>
      {sort?.sort ? <input type="hidden" name="sort" value={sort.sort} /> : null}
      {sort?.dir ? <input type="hidden" name="dir" value={sort.dir} /> : null}
      <div className="grid gap-x-6 sm:grid-cols-2 lg:grid-cols-3">
        <TextInput id="from" label="Happened from" hint="For example, 1/3/2026" width={10} autoComplete="off" defaultValue={values.from} error={errors.from} />
        <TextInput id="to" label="Happened to" hint="For example, 31/3/2026" width={10} autoComplete="off" defaultValue={values.to} error={errors.to} />
        <Select id="risk" label="Risk level" placeholder="Any" options={choicesOf(RISK_LEVEL_LABELS)} defaultValue={values.risk ?? ""} />
        <Select id="category" label="Category" placeholder="Any" options={choicesOf(CATEGORY_LABELS)} defaultValue={values.category ?? ""} />
        <Select id="type" label="Type" placeholder="Any" options={choicesOf(TYPE_LABELS)} defaultValue={values.type ?? ""} />
        <Select
          id="case"
          label="Case"
          placeholder="Any"
          options={[
            { value: "yes", label: "Part of a case" },
            { value: "no", label: "Not part of a case" },
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
    </form>
  );
}
