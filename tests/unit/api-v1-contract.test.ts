import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { ENDPOINTS, type Endpoint } from "@/lib/api/v1/endpoints";
import { openApiDocument } from "@/lib/api/v1/openapi";

// The partner API's contract holds three ways: every route file under app/api/v1 serves the
// endpoint of the table (lib/api/v1/endpoints.ts) whose method and path are its own; every
// endpoint of the table has its route file; and the OpenAPI document says of each what its zod
// schemas say. A route added without the table, or a document edited by hand, fails here.

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const V1 = path.join(ROOT, "app/api/v1");

function routeFiles(dir = V1): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/incidents/[id]/route.ts → /incidents/{id} */
function pathOf(file: string): string {
  return `/${path.relative(V1, path.dirname(file))}`.replace(/\[(\w+)\]/g, "{$1}");
}

type Served = { method: string; path: string; endpoint: string };

function served(): Served[] {
  return routeFiles().flatMap((file) => {
    const source = readFileSync(file, "utf8");
    return [...source.matchAll(/export const (GET|POST|PATCH|PUT|DELETE) = route\(\s*v1\(ENDPOINTS\.(\w+)\)/g)].map((m) => ({
      method: m[1]!,
      path: pathOf(file),
      endpoint: m[2]!,
    }));
  });
}

describe("the /api/v1 contract", () => {
  it("every method of every route file is an endpoint of the table with the same method and path", () => {
    const files = routeFiles().filter((f) => !f.includes("openapi.json"));
    for (const file of files) {
      const methods = [...readFileSync(file, "utf8").matchAll(/export const (GET|POST|PATCH|PUT|DELETE) =/g)].map((m) => m[1]);
      const found = served().filter((s) => s.path === pathOf(file));
      expect(found.map((s) => s.method).sort(), path.relative(ROOT, file)).toEqual([...methods].sort());
    }
    for (const s of served()) {
      const endpoint = (ENDPOINTS as Record<string, Endpoint>)[s.endpoint];
      expect(endpoint, `${s.method} ${s.path} names ENDPOINTS.${s.endpoint}`).toBeDefined();
      expect(`${endpoint!.method} ${endpoint!.path}`).toBe(`${s.method} ${s.path}`);
    }
  });

  it("every endpoint of the table is served by exactly one route", () => {
    const names = served().map((s) => s.endpoint);
    for (const name of Object.keys(ENDPOINTS))
      expect(
        names.filter((n) => n === name),
        name,
      ).toHaveLength(1);
  });

  it("the OpenAPI document names every endpoint, with its scope, parameters, body and answer as the schemas say", () => {
    const document = openApiDocument() as {
      openapi: string;
      paths: Record<string, Record<string, Record<string, unknown>>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(document.openapi).toBe("3.1.0");
    const resolve = (schema: Record<string, unknown>) =>
      typeof schema.$ref === "string" ? document.components.schemas[schema.$ref.replace("#/components/schemas/", "")]! : schema;

    for (const [name, endpoint] of Object.entries(ENDPOINTS) as [string, Endpoint][]) {
      const operation = document.paths[endpoint.path]?.[endpoint.method.toLowerCase()] as Record<string, unknown> | undefined;
      expect(operation, `${endpoint.method} ${endpoint.path}`).toBeDefined();
      expect(operation!.operationId).toBe(name);
      expect(operation!["x-scope"]).toBe(endpoint.scope);

      const parameters = (operation!.parameters ?? []) as { name: string; in: string; required: boolean }[];
      for (const param of endpoint.params ?? [])
        expect(parameters).toContainEqual(expect.objectContaining({ name: param, in: "path", required: true }));
      expect(parameters.some((p) => p.name === "Idempotency-Key" && p.required)).toBe(endpoint.idempotent === true);
      expect(parameters.some((p) => p.name === "If-Match" && p.required)).toBe(endpoint.ifMatch === true);
      if (endpoint.query) {
        const keys = Object.keys(
          (z.toJSONSchema(endpoint.query, { io: "input", unrepresentable: "any" }) as { properties: object }).properties,
        );
        expect(parameters.filter((p) => p.in === "query").map((p) => p.name)).toEqual(keys);
      }

      const body = (operation!.requestBody as { content: Record<string, { schema: Record<string, unknown> }> } | undefined)?.content[
        "application/json"
      ]?.schema;
      expect(body !== undefined, `${name} has a body`).toBe(endpoint.body !== undefined);
      if (endpoint.body) {
        const expected = z.toJSONSchema(endpoint.body, { io: "input", unrepresentable: "any" }) as { properties: object };
        expect(Object.keys(resolve(body!).properties ?? {})).toEqual(Object.keys(expected.properties));
      }

      const answer = (operation!.responses as Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>)[
        String(endpoint.status)
      ];
      const documented = resolve(answer!.content!["application/json"]!.schema);
      const expected = z.toJSONSchema(endpoint.response, { io: "output", unrepresentable: "any" }) as {
        $ref?: string;
        $defs?: Record<string, object>;
      };
      const own = (expected.$ref ? expected.$defs![expected.$ref.replace("#/$defs/", "")] : expected) as {
        properties: object;
        required: string[];
      };
      expect(Object.keys(documented.properties ?? {}), name).toEqual(Object.keys(own.properties));
      expect(documented.required, name).toEqual(own.required);
    }
  });

  it("no endpoint takes a name or other personal data in its address: searches are POSTed, queries carry codes, days and ids", () => {
    for (const endpoint of Object.values(ENDPOINTS) as Endpoint[]) {
      if (!endpoint.query) continue;
      const keys = Object.keys(
        (z.toJSONSchema(endpoint.query, { io: "input", unrepresentable: "any" }) as { properties: object }).properties,
      );
      for (const key of keys)
        expect(["cursor", "limit", "category", "type", "occurredFrom", "occurredTo", "caseId", "status", "kind", "kindId"]).toContain(key);
    }
  });
});
