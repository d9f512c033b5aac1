import { z } from "zod";
import { CaseKind, CaseStatus, RiskLevel } from "@/lib/generated/prisma/enums";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { CASE_RELATION_LABELS, type CaseRelation } from "./labels";

// The case list's filters, read from the page's search parameters as resolved by
// `resolveSearchParams(actor, "cases", …)`: the filters that name nobody come from the URL, so a
// filtered list can be bookmarked and shared; the text search `q`, which can name someone, comes
// from the saved search behind `?search=` and is never in the URL. A value that does not parse is
// ignored.

export const CASE_SORTS = ["opened", "updated", "reference", "risk"] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export const CASE_FILTER_PARAMS = ["q", "kind", "status", "lead", "risk", "relation"] as const;
export type CaseFilterParam = (typeof CASE_FILTER_PARAMS)[number];

export type CaseFilters = {
  /** A reference (or the start of one) or words from the title. */
  text?: string;
  kind?: CaseKind;
  status?: CaseStatus;
  /** "active": every status but closed. */
  active?: boolean;
  leadOrganisationId?: string;
  riskLevel?: RiskLevel;
  relation?: CaseRelation;
};

export type ParsedCaseFilters = {
  filters: CaseFilters;
  /** The values as they were in the URL, to fill the filter form in again. */
  values: Partial<Record<CaseFilterParam, string>>;
};

export const TEXT_FILTER_MAX = 100;

export function parseCaseFilters(params: SearchParamsRecord): ParsedCaseFilters {
  const values: ParsedCaseFilters["values"] = {};
  for (const name of CASE_FILTER_PARAMS) {
    const value = firstParam(params[name])?.trim();
    if (value) values[name] = value.slice(0, TEXT_FILTER_MAX);
  }
  const filters: CaseFilters = {};
  if (values.q) filters.text = values.q;
  const kind = z.enum(CaseKind).safeParse(values.kind);
  if (kind.success) filters.kind = kind.data;
  if (values.status === "active") filters.active = true;
  const status = z.enum(CaseStatus).safeParse(values.status);
  if (status.success) filters.status = status.data;
  const risk = z.enum(RiskLevel).safeParse(values.risk);
  if (risk.success) filters.riskLevel = risk.data;
  if (z.uuid().safeParse(values.lead).success) filters.leadOrganisationId = values.lead;
  if (values.relation && Object.hasOwn(CASE_RELATION_LABELS, values.relation)) filters.relation = values.relation as CaseRelation;
  return { filters, values };
}

export function hasAnyCaseFilter(values: ParsedCaseFilters["values"]): boolean {
  return CASE_FILTER_PARAMS.some((name) => values[name] !== undefined);
}

/** A case reference as typed ("case-2026-12") in its stored form ("CASE-2026-000012"), or null. */
export function normaliseCaseReference(text: string): string | null {
  const match = /^CASE-(\d{4})-(\d{1,6})$/.exec(text.trim().toUpperCase());
  return match ? `CASE-${match[1]}-${match[2]!.padStart(6, "0")}` : null;
}
