import { z } from "zod";
import { ENDPOINTS, type Endpoint } from "./endpoints";
import { ZProblem } from "./schemas";

// The OpenAPI 3.1 document of /api/v1, generated from the endpoint table and its zod schemas
// (zod's own JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses as it is). Served at
// /api/v1/openapi.json and read by the reference page for administrators (/admin/api).

type Json = Record<string, unknown>;

const VERSION = "1.0.0";

/** A schema's JSON Schema with its named parts hoisted into `components.schemas`. */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Json): Json {
  const { $schema: _dialect, $defs, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  for (const [name, def] of Object.entries(($defs as Json | undefined) ?? {})) components[name] = relink(def);
  return relink(rest) as Json;
}

/** `#/$defs/X` becomes `#/components/schemas/X`. */
function relink(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relink);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === "$ref" && typeof inner === "string" ? inner.replace("#/$defs/", "#/components/schemas/") : relink(inner),
      ]),
    );
  }
  return value;
}

const PROBLEM_RESPONSES: Record<string, string> = {
  "400": "The request is malformed: a query, header or cursor the service cannot read",
  "401": "No valid API token: unknown, revoked or expired, or used from outside the client's allowed addresses",
  "403": "The client's scopes do not include this, or its organisation may not do it to this record",
  "404": "No such record, or one the client may not see (the two answer alike)",
  "409": "The request conflicts with the record's state (a create: likely existing records, in `matches`)",
  "412": "If-Match names a version that is no longer the record's: read it again",
  "415": "The body is not application/json",
  "422": "The body breaks a rule; `errors` points at each field",
  "428": "If-Match is required on a change",
  "429": "Past the client's rate limit; Retry-After says when to try again",
};

function problemsFor(endpoint: Endpoint): string[] {
  const codes = ["400", "401", "403", "404", "429"];
  if (endpoint.body) codes.push("415", "422");
  if (endpoint.idempotent) codes.push("409");
  if (endpoint.ifMatch) codes.push("409", "412", "428");
  return [...new Set(codes)].sort();
}

function operation(name: string, endpoint: Endpoint, components: Json): Json {
  const parameters: Json[] = (endpoint.params ?? []).map((param) => ({
    name: param,
    in: "path",
    required: true,
    schema: { type: "string", format: "uuid" },
  }));
  if (endpoint.query) {
    const query = schemaOf(endpoint.query, "input", components) as { properties?: Record<string, Json>; required?: string[] };
    for (const [param, schema] of Object.entries(query.properties ?? {})) {
      const { description, ...rest } = schema;
      parameters.push({ name: param, in: "query", required: query.required?.includes(param) ?? false, description, schema: rest });
    }
  }
  if (endpoint.idempotent)
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: true,
      description: "New for each record you create, the same when you retry: a retried create makes one record",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  if (endpoint.ifMatch)
    parameters.push({
      name: "If-Match",
      in: "header",
      required: true,
      description: "The ETag of the record as you last read it",
      schema: { type: "string", examples: ['"3"'] },
    });

  const headers: Json = {};
  if (endpoint.etag) headers.ETag = { description: "The record's version", schema: { type: "string" } };
  if (endpoint.status === 201) headers.Location = { description: "The new record's address", schema: { type: "string" } };
  if (endpoint.idempotent) headers["Idempotent-Replayed"] = { description: "true when this answers a retry", schema: { type: "string" } };

  const responses: Json = {
    [String(endpoint.status)]: {
      description: endpoint.status === 201 ? "Created (or, for a retry with the same Idempotency-Key, the record it created)" : "OK",
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      content: { "application/json": { schema: schemaOf(endpoint.response, "output", components) } },
    },
  };
  if (name === "getPerson")
    responses["301"] = {
      description: "The profile was merged into another: Location names it",
      headers: { Location: { schema: { type: "string" } } },
    };
  for (const code of problemsFor(endpoint)) {
    responses[code] = {
      description: PROBLEM_RESPONSES[code],
      ...(code === "429" ? { headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } } } : {}),
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    };
  }

  return {
    operationId: name,
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    tags: [endpoint.path.split("/")[1]],
    security: [{ apiKey: [] }],
    "x-scope": endpoint.scope,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(endpoint.body
      ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(endpoint.body, "input", components) } } } }
      : {}),
    responses,
  };
}

export function openApiDocument(): Json {
  const components: Json = {};
  schemaOf(ZProblem, "output", components);
  const paths: Record<string, Json> = {};
  for (const [name, endpoint] of Object.entries(ENDPOINTS) as [string, Endpoint][]) {
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation(name, endpoint, components);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Safer Partnerships API",
      version: VERSION,
      description:
        "For partner systems: incidents, people, places, cases and powers, with the same access rules as the service's pages. " +
        "An administrator's manager makes an API client for their organisation; each call is audited under the client's name. " +
        "Errors are RFC 9457 problem details. No personal data goes in an address: searches are POSTed.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "The API client's token (spk.…), shown once when the client is made" },
      },
      schemas: components,
    },
  };
}
