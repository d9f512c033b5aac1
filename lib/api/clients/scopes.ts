import type { Permission } from "@/lib/auth/permissions";

// What an API client may be given: read and write, per resource. A scope narrows what the client's
// service account could do; it never widens it (the data layer still checks the account's role,
// organisation and panels on every call).

export const API_RESOURCES = ["incidents", "people", "places", "cases", "powers"] as const;
export type ApiResource = (typeof API_RESOURCES)[number];

export const API_SCOPES = API_RESOURCES.flatMap((resource) => [`${resource}:read`, `${resource}:write`] as const);
export type ApiScope = `${ApiResource}:${"read" | "write"}`;

export const API_RESOURCE_LABELS: Record<ApiResource, string> = {
  incidents: "Incidents",
  people: "People",
  places: "Places",
  cases: "Cases and their actions",
  powers: "Tools and powers",
};

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

export function scopeLabel(scope: ApiScope): string {
  const [resource, access] = scope.split(":") as [ApiResource, "read" | "write"];
  return `${API_RESOURCE_LABELS[resource]}: ${access === "read" ? "read" : "create and change"}`;
}

/** Scopes in the order the form lists them, whatever order they were stored in. */
export function sortScopes(scopes: readonly string[]): ApiScope[] {
  return API_SCOPES.filter((scope) => scopes.includes(scope));
}

/** The role the client's service account gets: an officer when it may write anything, else a viewer. */
export function serviceRoleFor(scopes: readonly ApiScope[]): "OFFICER" | "VIEWER" {
  return scopes.some((scope) => scope.endsWith(":write")) ? "OFFICER" : "VIEWER";
}

/** The permission behind each scope, so a scope can never name more than the role allows. */
export const SCOPE_PERMISSION: Record<ApiScope, Permission> = {
  "incidents:read": "incident:read",
  "incidents:write": "incident:write",
  "people:read": "person:read",
  "people:write": "person:write",
  "places:read": "place:read",
  "places:write": "place:write",
  "cases:read": "case:read",
  "cases:write": "case:write",
  "powers:read": "power:read",
  "powers:write": "power:write",
};
