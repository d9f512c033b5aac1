import { z } from "zod";
import { ActionStatus } from "@/lib/generated/prisma/enums";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { calendarDate } from "@/lib/format/dates";
import { checkDateParts } from "@/lib/incidents/date-fields";

// The action lists' scope and filters, read from the URL (a GET form), so a filtered list can be
// bookmarked and shared. A value that does not parse is ignored; a date that does not parse is
// reported next to its field and ignored.

/** "My actions" (assigned to me by name) or "my organisation's actions" (assigned to my organisation). */
export type ActionScope = "mine" | "organisation";

export const ACTION_SORTS = ["due", "case", "updated"] as const;
export type ActionSort = (typeof ACTION_SORTS)[number];

/** "open" (open or in progress, the default), one status, or "any". */
export type ActionStatusFilter = "open" | "any" | ActionStatus;

export type ActionFilters = {
  status: ActionStatusFilter;
  overdueOnly: boolean;
  /** Calendar days (UTC midnight), inclusive. */
  dueFrom?: Date;
  dueTo?: Date;
  /** The officer assigned by name (the dashboard's workload links here); "none": assigned to nobody by name. */
  officer?: string;
};

const DATE_FILTERS = { dueFrom: "the earliest due date", dueTo: "the latest due date" } as const;
type DateFilter = keyof typeof DATE_FILTERS;
const DATE_PARTS = ["day", "month", "year"] as const;

export const ACTION_FILTER_PARAMS = [
  "status",
  "overdue",
  "officer",
  ...(Object.keys(DATE_FILTERS) as DateFilter[]).flatMap((f) => DATE_PARTS.map((p) => `${f}-${p}`)),
] as const;

export type ParsedActionFilters = {
  scope: ActionScope;
  filters: ActionFilters;
  /** The values as they were in the URL, to fill the filter form in again. */
  values: Record<string, string>;
  /** Dates that did not parse, by field: shown next to the field, and not applied. */
  errors: Partial<Record<DateFilter, string>>;
};

export function parseActionFilters(params: SearchParamsRecord): ParsedActionFilters {
  const scope: ActionScope = firstParam(params.scope) === "organisation" ? "organisation" : "mine";
  const values: Record<string, string> = {};
  for (const name of ACTION_FILTER_PARAMS) {
    const value = firstParam(params[name])?.trim();
    if (value) values[name] = value.slice(0, 40);
  }
  const status = values.status === "any" ? "any" : (z.enum(ActionStatus).safeParse(values.status).data ?? "open");
  const filters: ActionFilters = { status, overdueOnly: values.overdue === "yes" };
  // An officer that is not one is dropped, so the list does not claim a filter it did not apply.
  if (values.officer === "none" || z.uuid().safeParse(values.officer).success) filters.officer = values.officer;
  else delete values.officer;
  const errors: ParsedActionFilters["errors"] = {};
  for (const field of Object.keys(DATE_FILTERS) as DateFilter[]) {
    const checked = checkDateParts(
      { day: values[`${field}-day`], month: values[`${field}-month`], year: values[`${field}-year`] },
      DATE_FILTERS[field],
      false,
    );
    if (!checked.ok) errors[field] = checked.message;
    else if (checked.value) filters[field] = calendarDate(checked.value.year, checked.value.month, checked.value.day);
  }
  return { scope, filters, values, errors };
}

export function hasAnyActionFilter(values: Record<string, string>): boolean {
  return ACTION_FILTER_PARAMS.some((name) => values[name] !== undefined);
}
