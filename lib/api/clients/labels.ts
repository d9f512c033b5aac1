import type { TagColour } from "@/lib/tag-colours";
import { formatDateTime } from "@/lib/format/dates";
import { scopeLabel, type ApiScope } from "./scopes";
import type { RevokeReview } from "./form-state";

// An API client in words, as the administration pages and the MARAC's review show it. Pure.

export type ApiClientStatus = "active" | "revoked" | "expired";

export const API_CLIENT_STATUS: Record<ApiClientStatus, { label: string; colour: TagColour }> = {
  active: { label: "Active", colour: "green" },
  revoked: { label: "Revoked", colour: "grey" },
  expired: { label: "Expired", colour: "orange" },
};

/** Revoked wins over expired: it is what someone did, and it is final. */
export function apiClientStatus(client: { revokedAt: Date | null; expiresAt: Date }, now = new Date()): ApiClientStatus {
  if (client.revokedAt) return "revoked";
  return client.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

/** The last day the client works (`expiresAt` is the start of the next day, London time). */
export function lastWorkingDay(expiresAt: Date): Date {
  return new Date(expiresAt.getTime() - 1);
}

/** "Incidents: read; People: create and change" — a client's scopes in words, in the form's order. */
export function describeScopes(scopes: readonly ApiScope[]): string {
  return scopes.map(scopeLabel).join("; ");
}

/** The revoke's check step: what will happen, named. */
export function revokeReview(client: {
  name: string;
  organisationName: string;
  scopes: readonly ApiScope[];
  lastUsedAt: Date | null;
  maracGrantedAt: Date | null;
}): RevokeReview {
  return {
    heading: `You are about to revoke ${client.name}. Its next call is refused, and this cannot be undone: to connect again, the partner needs a new client and token`,
    rows: [
      { key: "Organisation", value: client.organisationName },
      { key: "What it may do", value: describeScopes(client.scopes) },
      { key: "MARAC access", value: client.maracGrantedAt ? "Yes" : "No" },
      { key: "Last used", value: client.lastUsedAt ? formatDateTime(client.lastUsedAt) : "Never" },
    ],
  };
}
