import { z } from "zod";
import { PowerStatus } from "@/lib/generated/prisma/enums";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { fromLondonLocal } from "@/lib/format/dates";
import { checkDateParts } from "@/lib/incidents/date-fields";

// The register's filters, read from the page's search parameters as resolved by
// `resolveSearchParams(actor, "powers", …)`: the filters that name nobody come from the URL, so a
// filtered register can be bookmarked; "Issued to" (`subject`), a person's or a business's name,
// comes from the saved search behind `?search=` and is never in the URL. A value that does not
// parse is ignored; a date that does not parse is reported by its field.

export const POWER_SORTS = ["issued", "expires", "reference", "kind"] as const;
export type PowerSort = (typeof POWER_SORTS)[number];

export type PowerFilters = {
  kindId?: string;
  status?: PowerStatus;
  organisationId?: string;
  /** London midnight of the first day, inclusive. */
  issuedFrom?: Date;
  /** London midnight of the day after the last day (exclusive). */
  issuedBefore?: Date;
  expiringWithinDays?: number;
  subject?: string;
};

const DATE_FILTERS = { issuedFrom: "the earliest issue date", issuedTo: "the latest issue date" } as const;
type DateFilter = keyof typeof DATE_FILTERS;

export const POWER_FILTER_PARAMS = [
  "kind",
  "status",
  "organisation",
  "expiring",
  "subject",
  ...(Object.keys(DATE_FILTERS) as DateFilter[]).flatMap((f) => ["day", "month", "year"].map((p) => `${f}-${p}`)),
] as const;

export type ParsedPowerFilters = {
  filters: PowerFilters;
  values: Record<string, string>;
  errors: Partial<Record<DateFilter | "expiring", string>>;
};

export function parsePowerFilters(params: SearchParamsRecord): ParsedPowerFilters {
  const values: Record<string, string> = {};
  for (const name of POWER_FILTER_PARAMS) {
    const value = firstParam(params[name])?.trim();
    if (value) values[name] = value.slice(0, name === "subject" ? 100 : 40);
  }
  const errors: ParsedPowerFilters["errors"] = {};
  const filters: PowerFilters = {
    kindId: z.uuid().safeParse(values.kind).data,
    status: z.enum(PowerStatus).safeParse(values.status).data,
    organisationId: z.uuid().safeParse(values.organisation).data,
    subject: values.subject,
  };
  if (values.expiring) {
    const days = z.coerce.number().int().min(1).max(3650).safeParse(values.expiring);
    if (days.success) filters.expiringWithinDays = days.data;
    else errors.expiring = "Enter a number of days between 1 and 3650";
  }
  for (const field of Object.keys(DATE_FILTERS) as DateFilter[]) {
    const checked = checkDateParts(
      { day: values[`${field}-day`], month: values[`${field}-month`], year: values[`${field}-year`] },
      DATE_FILTERS[field],
      false,
    );
    if (!checked.ok) errors[field] = checked.message;
    else if (checked.value) {
      const { year, month, day } = checked.value;
      if (field === "issuedFrom") filters.issuedFrom = fromLondonLocal(year, month, day);
      else filters.issuedBefore = fromLondonLocal(year, month, day + 1);
    }
  }
  return { filters, values, errors };
}

export function hasAnyPowerFilter(values: Record<string, string>): boolean {
  return POWER_FILTER_PARAMS.some((name) => values[name] !== undefined);
}
