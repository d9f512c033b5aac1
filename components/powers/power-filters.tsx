import { DateInput } from "@/components/ui/date-input";
import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import { FilterForm } from "@/components/cases/filter-form";
import type { ParsedPowerFilters } from "@/lib/powers/filters";
import { POWER_STATUS_LABELS } from "@/lib/powers/lifecycle";
import { choicesOf } from "@/lib/incidents/labels";
import { FilterButtons } from "@/components/ui/filter-buttons";

/** The register's filters: a GET form, so a filtered register's address can be bookmarked. */
export function PowerFilters({
  path,
  parsed,
  kinds,
  organisations,
  keep,
}: {
  path: string;
  parsed: ParsedPowerFilters;
  kinds: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
  keep: Record<string, string | undefined>;
}) {
  const { values, errors } = parsed;
  const datePart = (field: string) => ({ day: values[`${field}-day`], month: values[`${field}-month`], year: values[`${field}-year`] });
  return (
    <FilterForm action={path} keep={keep} className="mb-8 p-4 sm:p-5 bg-surface" labelledBy="power-filters-heading">
      <h2 id="power-filters-heading" className="heading-m">
        Filter the register
      </h2>
      <div className="grid gap-x-6 md:grid-cols-2">
        <div>
          <TextInput id="subject" label="Issued to" hint="A person's or a business's name, or part of it" defaultValue={values.subject ?? ""} />
          <Select id="kind" label="Kind of power" placeholder="Any kind" options={kinds.map((k) => ({ value: k.id, label: k.name }))} defaultValue={values.kind ?? ""} />
          <Select id="status" label="Status" placeholder="Any status" options={choicesOf(POWER_STATUS_LABELS)} defaultValue={values.status ?? ""} />
          <Select id="organisation" label="Issuing organisation" placeholder="Any organisation" options={organisations.map((o) => ({ value: o.id, label: o.name }))} defaultValue={values.organisation ?? ""} />
        </div>
        <div>
          <DateInput id="issuedFrom" legend="Issued on or after" hint="For example, 1 4 2026" defaultValue={datePart("issuedFrom")} error={errors.issuedFrom} />
          <DateInput id="issuedTo" legend="Issued on or before" hint="For example, 31 3 2027" defaultValue={datePart("issuedTo")} error={errors.issuedTo} />
          <TextInput id="expiring" label="Expiring within (days)" hint="For example, 30" inputMode="numeric" width={4} defaultValue={values.expiring ?? ""} error={errors.expiring} />
        </div>
      </div>
      <FilterButtons clearHref={path} />
    </FilterForm>
  );
}
