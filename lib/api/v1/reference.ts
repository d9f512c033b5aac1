import { openApiDocument } from "./openapi";

// The OpenAPI document as the reference page shows it (app/(app)/admin/api): operations grouped
// by resource, each with its parameters, body fields and answers in words. Read from the document
// itself, so the page and the document cannot disagree.

type Schema = {
  type?: string | string[];
  description?: string;
  enum?: string[];
  format?: string;
  anyOf?: Schema[];
  items?: Schema;
  $ref?: string;
};

export type ReferenceOperation = {
  operationId: string;
  method: string;
  path: string;
  scope: string;
  summary: string;
  description: string | null;
  parameters: { name: string; in: string; required: boolean; about: string }[];
  body: { name: string; type: string; required: boolean; about: string }[];
  responses: { status: string; about: string }[];
};

const TITLES: Record<string, string> = {
  incidents: "Incidents",
  people: "People",
  places: "Places",
  cases: "Cases and actions",
  powers: "Tools and powers",
};

function typeOf(schema: Schema): string {
  if (schema.$ref) return schema.$ref.split("/").pop()!;
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" or ");
  if (schema.enum) return `one of ${schema.enum.join(", ")}`;
  if (schema.type === "array") return `list of ${schema.items ? typeOf(schema.items) : "values"}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
  return schema.format ? `${type} (${schema.format})` : type;
}

export function apiReference(): { tag: string; title: string; operations: ReferenceOperation[] }[] {
  const document = openApiDocument() as { paths: Record<string, Record<string, Record<string, unknown>>> };
  const groups = new Map<string, ReferenceOperation[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = (
        op.requestBody as { content: Record<string, { schema: { properties?: Record<string, Schema>; required?: string[] } }> } | undefined
      )?.content["application/json"]?.schema;
      const operation: ReferenceOperation = {
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        scope: String(op["x-scope"]),
        summary: String(op.summary),
        description: typeof op.description === "string" ? op.description : null,
        parameters: ((op.parameters ?? []) as { name: string; in: string; required: boolean; description?: string; schema?: Schema }[]).map(
          (p) => ({
            name: p.name,
            in: p.in,
            required: p.required,
            about: [p.description ?? p.schema?.description, p.schema ? typeOf(p.schema) : null].filter(Boolean).join(". "),
          }),
        ),
        body: Object.entries(body?.properties ?? {}).map(([name, schema]) => ({
          name,
          type: typeOf(schema),
          required: body?.required?.includes(name) ?? false,
          about: schema.description ?? "",
        })),
        responses: Object.entries(op.responses as Record<string, { description: string }>).map(([status, r]) => ({
          status,
          about: r.description,
        })),
      };
      const tag = path.split("/")[1]!;
      groups.set(tag, [...(groups.get(tag) ?? []), operation]);
    }
  }
  return [...groups].map(([tag, operations]) => ({ tag, title: TITLES[tag] ?? tag, operations }));
}
