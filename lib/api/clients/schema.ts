import { z } from "zod";
import proxyaddr from "proxy-addr";
import { asList, ZVersion } from "@/lib/forms";
import { checkDateParts } from "@/lib/incidents/date-fields";
import { fromLondonLocal, londonDateParts } from "@/lib/format/dates";
import { isApiScope, type ApiScope } from "./scopes";

// The form that makes an API client (app/(app)/admin/api-clients/new).

/** How long a client may live: a key that never expires is a key nobody remembers to rotate. */
export const MAX_CLIENT_YEARS = 2;
export const DEFAULT_RATE_LIMIT = 120;
export const MAX_RATE_LIMIT = 1000;

function validRange(text: string): boolean {
  try {
    proxyaddr.compile([text]);
    return true;
  } catch {
    return false;
  }
}

export const ZNewApiClientForm = z
  .object({
    name: z.string().trim().min(1, "Enter a name for the client, such as the partner system it is for").max(100, "The name must be 100 characters or fewer"),
    scopes: z
      .preprocess(asList, z.array(z.string()))
      .transform((list) => [...new Set(list)].filter(isApiScope))
      .refine((list) => list.length > 0, "Choose at least one thing the client may do"),
    allowedRange: z
      .string()
      .trim()
      .max(100, "Enter one address or range, such as 203.0.113.0/24")
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || validRange(v), "Enter an address or range like 203.0.113.0/24 or 2001:db8::/32"),
    rateLimitPerMinute: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return DEFAULT_RATE_LIMIT;
        const n = /^\d{1,5}$/.test(v) ? Number(v) : NaN;
        if (!(n >= 1 && n <= MAX_RATE_LIMIT)) {
          ctx.addIssue({ code: "custom", message: `The limit must be a whole number from 1 to ${MAX_RATE_LIMIT}` });
          return z.NEVER;
        }
        return n;
      }),
    "expires-day": z.string().optional(),
    "expires-month": z.string().optional(),
    "expires-year": z.string().optional(),
  })
  .transform((raw, ctx) => {
    const checked = checkDateParts({ day: raw["expires-day"], month: raw["expires-month"], year: raw["expires-year"] }, "the expiry date", true);
    let expiresAt: Date | null = null;
    if (!checked.ok) ctx.addIssue({ code: "custom", path: ["expires"], message: checked.message });
    else if (checked.value) {
      // The client works to the end of its last day, London time.
      expiresAt = fromLondonLocal(checked.value.year, checked.value.month, checked.value.day + 1);
      const now = new Date();
      const latest = londonDateParts(now);
      const limit = fromLondonLocal(Number(latest.year) + MAX_CLIENT_YEARS, latest.month, latest.day + 1);
      if (expiresAt.getTime() <= now.getTime()) ctx.addIssue({ code: "custom", path: ["expires"], message: "The expiry date must be in the future" });
      else if (expiresAt.getTime() > limit.getTime())
        ctx.addIssue({ code: "custom", path: ["expires"], message: `The expiry date must be within ${MAX_CLIENT_YEARS} years` });
    }
    if (!expiresAt) return z.NEVER;
    return { name: raw.name, scopes: raw.scopes, allowedRange: raw.allowedRange, rateLimitPerMinute: raw.rateLimitPerMinute, expiresAt };
  });

export type NewApiClientInput = z.output<typeof ZNewApiClientForm>;

export const NEW_API_CLIENT_FIELDS = ["name", "scopes", "allowedRange", "rateLimitPerMinute", "expires"] as const;

export const ZRevokeApiClientForm = z.object({ clientId: z.uuid({ error: "This API client cannot be found" }), version: ZVersion });
export const ZMaracClientForm = z.object({
  clientId: z.uuid({ error: "This API client cannot be found" }),
  decision: z.enum(["grant", "withdraw"], { error: "Choose grant or withdraw" }),
});
