import { z } from "zod";
import { Panel, ReferralStatus } from "@/lib/generated/prisma/enums";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";

// The referral lists' filters, read from the URL (a GET form) so a filtered list can be
// bookmarked. A value that does not parse is ignored.

export type ReferralFilters = { panel?: Panel; status?: ReferralStatus };

export type ParsedReferralFilters = { filters: ReferralFilters; values: Record<string, string> };

export function parseReferralFilters(params: SearchParamsRecord): ParsedReferralFilters {
  const values: Record<string, string> = {};
  for (const name of ["panel", "status"]) {
    const value = firstParam(params[name])?.trim();
    if (value) values[name] = value.slice(0, 40);
  }
  return {
    values,
    filters: { panel: z.enum(Panel).safeParse(values.panel).data, status: z.enum(ReferralStatus).safeParse(values.status).data },
  };
}
