import type { z } from "zod";
import type { ApiScope } from "@/lib/api/clients/scopes";
import * as S from "./schemas";

// Every /api/v1 endpoint, once: its method and path, the scope it needs, its request and response
// schemas. The route files (app/api/v1/**/route.ts) take their options from here, the handlers
// parse and answer through these schemas, and the OpenAPI document is generated from this table;
// tests/unit/api-v1-contract.test.ts fails when a route file and this table disagree.

export type Endpoint = {
  method: "GET" | "POST" | "PATCH";
  /** OpenAPI style: /incidents/{id}. */
  path: string;
  scope: ApiScope;
  summary: string;
  description?: string;
  params?: readonly string[];
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status: 200 | 201;
  /** A create: Idempotency-Key is required. */
  idempotent?: boolean;
  /** A change: If-Match with the version (the ETag) is required. */
  ifMatch?: boolean;
  /** The answer carries an ETag (the record's version). */
  etag?: boolean;
  /** Bodies are small: an incident with 30 people and a long description is a few kilobytes. */
  maxBytes?: number;
};

const SMALL = 16 * 1024;
const RECORD = 64 * 1024;

export const ENDPOINTS = {
  listIncidents: {
    method: "GET",
    path: "/incidents",
    scope: "incidents:read",
    summary: "List incidents",
    description: "Incidents the client may see, newest first, filtered by category, type, the day they happened and case.",
    query: S.ZIncidentListQuery,
    response: S.ZIncidentPage,
    status: 200,
  },
  createIncident: {
    method: "POST",
    path: "/incidents",
    scope: "incidents:write",
    summary: "Log an incident",
    description: "People and the place are given by id (create or search them first). Checked by the incident form's own rules.",
    body: S.ZIncidentCreate,
    response: S.ZIncidentResource,
    status: 201,
    idempotent: true,
    etag: true,
    maxBytes: RECORD,
  },
  getIncident: {
    method: "GET",
    path: "/incidents/{id}",
    scope: "incidents:read",
    summary: "Read an incident",
    params: ["id"],
    response: S.ZIncidentResource,
    status: 200,
    etag: true,
  },
  updateIncident: {
    method: "PATCH",
    path: "/incidents/{id}",
    scope: "incidents:write",
    summary: "Change an incident",
    description: "Only the organisation that logged it may change it. Fields left out stay as they are.",
    params: ["id"],
    body: S.ZIncidentPatch,
    response: S.ZIncidentResource,
    status: 200,
    ifMatch: true,
    etag: true,
    maxBytes: RECORD,
  },
  searchPeople: {
    method: "POST",
    path: "/people/search",
    scope: "people:read",
    summary: "Search people",
    description: "By name (fuzzy, aliases included) and date of birth. POSTed so that no name is ever in an address.",
    body: S.ZPersonSearch,
    response: S.ZPersonSearchResult,
    status: 200,
    maxBytes: SMALL,
  },
  createPerson: {
    method: "POST",
    path: "/people",
    scope: "people:write",
    summary: "Add a person",
    description:
      "Likely existing profiles (the incident form's fuzzy name and date-of-birth rules) are answered 409 with `matches`; send again with confirmedNew: true when none of them is this person.",
    body: S.ZPersonCreate,
    response: S.ZPersonResource,
    status: 201,
    idempotent: true,
    etag: true,
    maxBytes: SMALL,
  },
  getPerson: {
    method: "GET",
    path: "/people/{id}",
    scope: "people:read",
    summary: "Read a person",
    description: "A profile merged into another answers 404; the profile it was merged into is found by search.",
    params: ["id"],
    response: S.ZPersonResource,
    status: 200,
    etag: true,
  },
  searchPlaces: {
    method: "POST",
    path: "/places/search",
    scope: "places:read",
    summary: "Search places",
    description: "By postcode (exact first, then its district) or address words (fuzzy).",
    body: S.ZPlaceSearch,
    response: S.ZPlaceSearchResult,
    status: 200,
    maxBytes: SMALL,
  },
  createPlace: {
    method: "POST",
    path: "/places",
    scope: "places:write",
    summary: "Add a place",
    description:
      "Likely existing places (UPRN, or postcode and address) are answered 409 with `matches`; send again with confirmedNew: true.",
    body: S.ZPlaceCreate,
    response: S.ZPlaceResource,
    status: 201,
    idempotent: true,
    etag: true,
    maxBytes: SMALL,
  },
  getPlace: {
    method: "GET",
    path: "/places/{id}",
    scope: "places:read",
    summary: "Read a place",
    params: ["id"],
    response: S.ZPlaceResource,
    status: 200,
    etag: true,
  },
  listCases: {
    method: "GET",
    path: "/cases",
    scope: "cases:read",
    summary: "List cases",
    description: "Cases the client may see (its organisation leads them or they are shared with it), newest first.",
    query: S.ZCaseListQuery,
    response: S.ZCasePage,
    status: 200,
  },
  getCase: {
    method: "GET",
    path: "/cases/{id}",
    scope: "cases:read",
    summary: "Read a case",
    params: ["id"],
    response: S.ZCaseResource,
    status: 200,
    etag: true,
  },
  addCaseNote: {
    method: "POST",
    path: "/cases/{id}/notes",
    scope: "cases:write",
    summary: "Add a note to a case's timeline",
    params: ["id"],
    body: S.ZCaseNoteCreate,
    response: S.ZCaseNoteCreated,
    status: 201,
    idempotent: true,
    maxBytes: RECORD,
  },
  listCaseActions: {
    method: "GET",
    path: "/cases/{id}/actions",
    scope: "cases:read",
    summary: "List a case's actions",
    description: "Open actions first (by due date), then the latest closed ones.",
    params: ["id"],
    response: S.ZActionList,
    status: 200,
  },
  changeActionStatus: {
    method: "PATCH",
    path: "/cases/{id}/actions/{actionId}",
    scope: "cases:write",
    summary: "Move an action on",
    description: "In progress, back to open, done (with its outcome) or cancelled (with a reason).",
    params: ["id", "actionId"],
    body: S.ZActionStatusChange,
    response: S.ZActionResource,
    status: 200,
    ifMatch: true,
    etag: true,
    maxBytes: SMALL,
  },
  listPowers: {
    method: "GET",
    path: "/powers",
    scope: "powers:read",
    summary: "List tools and powers",
    query: S.ZPowerListQuery,
    response: S.ZPowerPage,
    status: 200,
  },
  createPower: {
    method: "POST",
    path: "/powers",
    scope: "powers:write",
    summary: "Record a power used",
    description: "Checked by the power form's own rules (the kind's expiry and court rules, the subject, the case).",
    body: S.ZPowerCreate,
    response: S.ZPowerResource,
    status: 201,
    idempotent: true,
    etag: true,
    maxBytes: RECORD,
  },
  getPower: {
    method: "GET",
    path: "/powers/{id}",
    scope: "powers:read",
    summary: "Read a power, with its status history and breaches",
    params: ["id"],
    response: S.ZPowerResource,
    status: 200,
    etag: true,
  },
  recordBreach: {
    method: "POST",
    path: "/powers/{id}/breaches",
    scope: "powers:write",
    summary: "Record a breach of a power",
    description: "Only the issuing organisation. If-Match is the power's version.",
    params: ["id"],
    body: S.ZBreachCreate,
    response: S.ZPowerResource,
    status: 201,
    ifMatch: true,
    etag: true,
    maxBytes: SMALL,
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

type Options<E extends Endpoint> = {
  signedOut: "api-client";
  scope: ApiScope;
  idempotent: boolean;
  params: E["params"] extends readonly string[] ? E["params"] : readonly [];
  body: E["body"] extends z.ZodType ? { json: true; maxBytes: number } : undefined;
};

/** The route options an endpoint's route file passes to route() (lib/http/route.ts). */
export function v1<const E extends Endpoint>(endpoint: E): Options<E> {
  return {
    signedOut: "api-client",
    scope: endpoint.scope,
    idempotent: endpoint.idempotent ?? false,
    params: (endpoint.params ?? []) as Options<E>["params"],
    body: (endpoint.body ? { json: true, maxBytes: endpoint.maxBytes ?? SMALL } : undefined) as Options<E>["body"],
  };
}
