import { z } from "zod";
import proxyaddr from "proxy-addr";
import { asList, ZVersion } from "@/lib/forms";
import { checkDateParts } from "@/lib/incidents/date-fields";
import { fromLondonLocal, londonDateParts } from "@/lib/format/dates";
import { isApiScope } from "./scopes";

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

/** The last day a client may work to, as the form's date: up to MAX_CLIENT_YEARS from today (London). */
function expiryDay() {
  return z.object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() }).transform((parts, ctx) => {
    const checked = checkDateParts(parts, "the expiry date", true);
    if (!checked.ok || !checked.value) {
      ctx.addIssue({ code: "custom", message: checked.ok ? "Enter the expiry date" : checked.message });
      return z.NEVER;
    }
    // The client works to the end of its last day, London time.
    const expiresAt = fromLondonLocal(checked.value.year, checked.value.month, checked.value.day + 1);
    const now = new Date();
    const today = londonDateParts(now);
    const limit = fromLondonLocal(today.year + MAX_CLIENT_YEARS, today.month, today.day + 1);
    if (expiresAt.getTime() <= now.getTime()) {
      ctx.addIssue({ code: "custom", message: "The expiry date must be in the future" });
      return z.NEVER;
    }
    if (expiresAt.getTime() > limit.getTime()) {
      ctx.addIssue({ code: "custom", message: `The expiry date must be within ${MAX_CLIENT_YEARS} years` });
      return z.NEVER;
    }
    return expiresAt;
  });
}

// The date's three inputs (expires-day, -month, -year) are gathered into one field before parsing,
// so its problems are found with every other field's, not after them.
export const ZNewApiClientForm = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const values = raw as Record<string, unknown>;
    return { ...values, expires: { day: values["expires-day"], month: values["expires-month"], year: values["expires-year"] } };
  },
  z
    .object({
      name: z
        .string({ error: "Enter a name for the client, such as the partner system it is for" })
        .trim()
        .min(1, "Enter a name for the client, such as the partner system it is for")
        .max(100, "The name must be 100 characters or fewer"),
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
      expires: expiryDay(),
    })
    .transform(({ expires, ...input }) => ({ ...input, expiresAt: expires })),
);

export type NewApiClientInput = z.output<typeof ZNewApiClientForm>;

export const NEW_API_CLIENT_FIELDS = ["name", "scopes", "allowedRange", "rateLimitPerMinute", "expires"] as const;

/** The expiry the form offers first: a year from today (London), as the date's three inputs. */
export function defaultExpiryParts(now = new Date()): { day: string; month: string; year: string } {
  const today = londonDateParts(now);
  // Midday, so the day is the same whatever the clocks do; 29 February becomes 1 March.
  const next = londonDateParts(fromLondonLocal(today.year + 1, today.month, today.day, 12));
  return { day: String(next.day), month: String(next.month), year: String(next.year) };
}

/** Revoking, checked first: the first post answers a review, the second (`confirmed=yes`) revokes. */
export const ZRevokeApiClientForm = z
  .object({
    clientId: z.uuid({ error: "This API client cannot be found" }),
    version: ZVersion,
    confirmed: z.string().optional(),
  })
  .transform(({ confirmed, ...f }) => ({ ...f, confirmed: confirmed === "yes" }));

export const ZMaracClientForm = z.object({
  clientId: z.uuid({ error: "This API client cannot be found" }),
  decision: z.enum(["grant", "withdraw"], { error: "Choose grant or withdraw" }),
});
