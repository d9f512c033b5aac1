import { describe, expect, it } from "vitest";
import { defaultExpiryParts, ZNewApiClientForm, ZRevokeApiClientForm } from "@/lib/api/clients/schema";
import { apiClientStatus, lastWorkingDay } from "@/lib/api/clients/labels";
import { datePartsOf } from "@/lib/incidents/date-fields";
import { formatDate } from "@/lib/format/dates";

// The new API client form's rules, shared by the form and its server action (lib/api/clients/schema.ts).

const DAY = 86_400_000;
const expiry = (d: Date) => {
  const { day, month, year } = datePartsOf(d);
  return { "expires-day": day, "expires-month": month, "expires-year": year };
};

describe("the new API client form", () => {
  it("reports every problem at once, the expiry date's with the others", () => {
    const parsed = ZNewApiClientForm.safeParse({
      name: "",
      allowedRange: "10.0.0.0/99",
      rateLimitPerMinute: "0",
      ...expiry(new Date(Date.now() - 2 * DAY)),
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(["name", "scopes", "allowedRange", "rateLimitPerMinute", "expires"]);
  });

  it("keeps known scopes once each, defaults the limit, and works to the end of the chosen day", () => {
    const parsed = ZNewApiClientForm.parse({
      name: " Police records link ",
      scopes: ["incidents:read", "incidents:read", "cases:delete"],
      ...expiry(new Date()),
    });
    expect(parsed).toMatchObject({ name: "Police records link", scopes: ["incidents:read"], allowedRange: null, rateLimitPerMinute: 120 });
    expect(parsed.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(formatDate(lastWorkingDay(parsed.expiresAt))).toBe(formatDate(new Date()));
  });

  it("refuses an expiry more than two years ahead", () => {
    const parsed = ZNewApiClientForm.safeParse({ name: "x", scopes: "people:read", ...expiry(new Date(Date.now() + 800 * DAY)) });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["expires", "The expiry date must be within 2 years"]]);
  });

  it("offers a year from today, and 1 March for 29 February", () => {
    expect(defaultExpiryParts(new Date("2026-06-15T10:00:00Z"))).toEqual({ day: "15", month: "6", year: "2027" });
    expect(defaultExpiryParts(new Date("2028-02-29T10:00:00Z"))).toEqual({ day: "1", month: "3", year: "2029" });
  });
});

describe("revoking and a client's status", () => {
  it("revokes only when confirmed", () => {
    const clientId = "0190d6f0-0000-7000-8000-000000000001";
    expect(ZRevokeApiClientForm.parse({ clientId, version: "3" })).toEqual({ clientId, version: 3, confirmed: false });
    expect(ZRevokeApiClientForm.parse({ clientId, version: "3", confirmed: "yes" }).confirmed).toBe(true);
  });

  it("is revoked once revoked, whatever its expiry; otherwise expired from its expiry", () => {
    const now = new Date("2026-06-15T10:00:00Z");
    expect(apiClientStatus({ revokedAt: null, expiresAt: new Date(now.getTime() + 1) }, now)).toBe("active");
    expect(apiClientStatus({ revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(apiClientStatus({ revokedAt: now, expiresAt: new Date(now.getTime() - DAY) }, now)).toBe("revoked");
  });
});
