import Link from "next/link";
import { Button, ButtonGroup } from "@/components/ui/button";
import { DateInput } from "@/components/ui/date-input";
import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import { FilterForm } from "@/components/cases/filter-form";
import { AUDIT_ACTION_LABELS, AUDIT_RECORD_TYPES, type ParsedAuditFilters } from "@/lib/audit/filters";
import { choicesOf } from "@/lib/incidents/labels";

type Choice = { id: string; label: string };

/** The audit search: a GET form whose address holds only ids and references, never names. */
export function AuditFilters({
  path,
  parsed,
  users,
  organisations,
}: {
  path: string;
  parsed: ParsedAuditFilters;
  users: Choice[];
  organisations: Choice[];
}) {
  const { values, errors } = parsed;
  const datePart = (field: string) => ({ day: values[`${field}-day`], month: values[`${field}-month`], year: values[`${field}-year`] });
  return (
    <FilterForm action={path} className="mb-8 p-4 sm:p-5 bg-surface" labelledBy="audit-filters-heading">
      <h2 id="audit-filters-heading" className="heading-m">
        Search the audit trail
      </h2>
      <div className="grid grid-cols-1 gap-x-6 md:grid-cols-2 [&_select]:max-w-full">
        <div>
          <Select
            id="user"
            label="User"
            placeholder="Any user"
            options={users.map((u) => ({ value: u.id, label: u.label }))}
            defaultValue={values.user ?? ""}
          />
          <Select
            id="organisation"
            label="Organisation"
            placeholder="Any organisation"
            options={organisations.map((o) => ({ value: o.id, label: o.label }))}
            defaultValue={values.organisation ?? ""}
          />
          <Select
            id="action"
            label="Action"
            placeholder="Any action"
            options={choicesOf(AUDIT_ACTION_LABELS)}
            defaultValue={values.action ?? ""}
          />
          <Select
            id="type"
            label="Type of record"
            placeholder="Any record"
            options={choicesOf(AUDIT_RECORD_TYPES)}
            defaultValue={values.type ?? ""}
          />
          <TextInput
            id="record"
            label="Record reference or id"
            hint="For example, CASE-2026-000012 or the record's id"
            defaultValue={values.record ?? ""}
            error={errors.record}
          />
        </div>
        <div>
          <DateInput id="from" legend="From" hint="For example, 1 11 2026" defaultValue={datePart("from")} error={errors.from} />
          <DateInput id="to" legend="To (inclusive)" hint="For example, 30 11 2026" defaultValue={datePart("to")} error={errors.to} />
        </div>
      </div>
      <ButtonGroup>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        <Link href={path} className="link-no-visited body-m">
          Clear search
        </Link>
      </ButtonGroup>
    </FilterForm>
  );
}
