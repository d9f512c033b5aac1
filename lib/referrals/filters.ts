import { z } from "zod";
import { Panel, ReferralStatus } from "@/lib/generated/prisma/enums";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { TRANSFER_FILTERS, type TransferFilter } from "./labels";

// The referral lists' filters, read from the URL (a GET form) so a filtered list can be
// bookmarked. A value that does not parse is ignored.

/** `transfer`: transfers in from another area ("in"), or referrals that are not transfers ("none"). */
export type ReferralFilters = { panel?: Panel; status?: ReferralStatus; transfer?: TransferFilter };

export type ParsedReferralFilters = { filters: ReferralFilters; values: Record<string, string> };

export function parseReferralFilters(params: SearchParamsRecord): ParsedReferralFilters {
  const values: Record<string, string> = {};
  for (const name of ["panel", "status", "transfer"]) {
    const value = firstParam(params[name])?.trim();
    if (value) values[name] = value.slice(0, 40);
  }
  return {
    values,
    filters: {
      panel: z.enum(Panel).safeParse(values.panel).data,
      status: z.enum(ReferralStatus).safeParse(values.status).data,
      transfer: z.enum(TRANSFER_FILTERS).safeParse(values.transfer).data,
    },
  };
}
