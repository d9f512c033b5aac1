import { z } from "zod";
import { AsbCategory, AsbType, RiskLevel } from "@/lib/generated/prisma/enums";
import { fromLondonLocal, isRealDate } from "@/lib/format/dates";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { searchText } from "@/lib/search-text";

// The incident list's filters, read from the URL (a GET form), so a filtered list can be
// bookmarked and shared. A value that does not parse is ignored, and a date says why.

export const INCIDENT_SORTS = ["occurred", "reported", "reference", "risk"] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

/** The URL parameter of each filter. */
export const FILTER_PARAMS = ["from", "to", "category", "type", "org", "risk", "case", "place", "postcode", "person", "name"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

export type IncidentFilters = {
  /** Start of the first London day, inclusive. */
  occurredFrom?: Date;
  /** Start of the London day after the last one, exclusive. */
  occurredBefore?: Date;
  category?: AsbCategory;
  type?: AsbType;
  organisationId?: string;
  riskLevel?: RiskLevel;
  hasCase?: boolean;
  placeId?: string;
  /** Upper case, spaces removed from the outward code only: "SE15" or "SE15 4QF". */
  postcodePrefix?: string;
  personId?: string;
  /** Normalised like the people search text. */
  personName?: string;
};

export type ParsedFilters = {
  filters: IncidentFilters;
  /** The values as they were in the URL, to fill the filter form in again. */
  values: Partial<Record<FilterParam, string>>;
  errors: Partial<Record<"from" | "to" | "postcode", string>>;
};

const ZId = z.uuid();

/** "27/3/2026" (as typed, en-GB) or "2026-03-27" (ISO) as a calendar day. */
export function parseFilterDay(text: string): { year: number; month: number; day: number } | null {
  const british = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const [year, month, day] = british
    ? [Number(british[3]), Number(british[2]), Number(british[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [NaN, NaN, NaN];
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

/** A filter day as the chip shows it: "27/03/2026". */
export function formatFilterDay(text: string): string {
  const day = parseFilterDay(text);
  return day ? `${String(day.day).padStart(2, "0")}/${String(day.month).padStart(2, "0")}/${day.year}` : text;
}

/**
 * A postcode or the start of one, as stored ("SE15 4QF"): "se154qf" → "SE15 4QF", "se15" →
 * "SE15", "se15 4" → "SE15 4". Only letters, digits and one space survive.
 */
export function postcodePrefix(text: string): string | null {
  const typed = text.toUpperCase().trim().replace(/\s+/g, " ");
  if (!/^[A-Z0-9 ]{2,8}$/.test(typed)) return null;
  const compact = typed.replace(/ /g, "");
  // Typed without the space: a whole postcode gets it back; a part is taken as typed.
  if (!typed.includes(" ") && compact.length >= 5 && /\d[A-Z]{2}$/.test(compact)) return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  return typed;
}

export function parseIncidentFilters(params: SearchParamsRecord): ParsedFilters {
  const values: ParsedFilters["values"] = {};
  for (const name of FILTER_PARAMS) {
    const value = firstParam(params[name])?.trim();
    if (value) values[name] = value;
  }
  const filters: IncidentFilters = {};
  const errors: ParsedFilters["errors"] = {};

  if (values.from) {
    const day = parseFilterDay(values.from);
    if (day) filters.occurredFrom = fromLondonLocal(day.year, day.month, day.day);
    else errors.from = "Enter the ‘from’ date as day/month/year, for example 27/3/2026";
  }
  if (values.to) {
    const day = parseFilterDay(values.to);
    if (day) filters.occurredBefore = fromLondonLocal(day.year, day.month, day.day + 1);
    else errors.to = "Enter the ‘to’ date as day/month/year, for example 27/3/2026";
  }
  if (filters.occurredFrom && filters.occurredBefore && filters.occurredBefore <= filters.occurredFrom) {
    errors.to = "The ‘to’ date must be the same as or after the ‘from’ date";
    delete filters.occurredBefore;
  }
  const category = z.enum(AsbCategory).safeParse(values.category);
  if (category.success) filters.category = category.data;
  const type = z.enum(AsbType).safeParse(values.type);
  if (type.success) filters.type = type.data;
  const risk = z.enum(RiskLevel).safeParse(values.risk);
  if (risk.success) filters.riskLevel = risk.data;
  if (ZId.safeParse(values.org).success) filters.organisationId = values.org;
  if (values.case === "yes") filters.hasCase = true;
  if (values.case === "no") filters.hasCase = false;
  if (ZId.safeParse(values.place).success) filters.placeId = values.place;
  else if (values.postcode) {
    const prefix = postcodePrefix(values.postcode);
    if (prefix) filters.postcodePrefix = prefix;
    else errors.postcode = "Enter a postcode or the start of one, for example SE15, or pick a place from the list";
  }
  if (ZId.safeParse(values.person).success) filters.personId = values.person;
  else if (values.name) {
    const name = searchText(values.name);
    if (name.length >= 2) filters.personName = name;
  }
  return { filters, values, errors };
}

export function hasAnyFilter(values: ParsedFilters["values"]): boolean {
  return FILTER_PARAMS.some((name) => values[name] !== undefined);
}
