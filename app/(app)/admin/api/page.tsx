import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { can } from "@/lib/auth/permissions";
import { refusePage } from "@/lib/auth/refuse";
import { requirePermission } from "@/lib/auth/session";
import { apiReference } from "@/lib/api/v1/reference";

export const metadata: Metadata = { title: "API reference" };

/**
 * `/admin/api`: the partner API's reference, read from its OpenAPI document (lib/api/v1/openapi.ts),
 * for the managers who make API clients and the administrators who oversee them.
 */
export default async function ApiReferencePage() {
  const actor = await requirePermission("admin:access");
  if (!can(actor, "api-client:manage") && !can(actor, "api-client:oversee")) return refusePage(actor, "api-client:manage");
  const reference = apiReference();
  return (
    <>
      <PageHeading caption="Administration">API reference</PageHeading>
      <div className="body-m max-w-[44rem]">
        <p>
          Partner systems (a force&apos;s records system, a landlord&apos;s housing system) use this API with a token made on{" "}
          <Link href="/admin/api-clients">API clients</Link>. The token goes in every call as{" "}
          <code>Authorization: Bearer &lt;token&gt;</code>. A call can see and do only what its organisation&apos;s users could, within the
          client&apos;s scopes; MARAC content only when a chair of the MARAC has granted it. Every call is in the audit trail under the
          client&apos;s name.
        </p>
        <ul className="list-disc pl-6">
          <li>
            Errors are RFC 9457 problem details (<code>application/problem+json</code>), with a pointer to each field that is wrong.
          </li>
          <li>
            A create needs an <code>Idempotency-Key</code> header: send the same key when you retry, and one record is made.
          </li>
          <li>
            A change needs <code>If-Match</code> with the record&apos;s <code>ETag</code>: a record changed since is refused (412), never
            overwritten.
          </li>
          <li>
            Lists come a page at a time: pass the answer&apos;s <code>next</code> as <code>cursor</code>. Searches are POSTed, so no name is
            ever in an address.
          </li>
          <li>
            Past the client&apos;s calls a minute, the answer is 429 with <code>Retry-After</code>.
          </li>
        </ul>
        <p>
          The machine-readable document (OpenAPI 3.1): <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
        </p>
      </div>
      {reference.map((group) => (
        <section key={group.tag} aria-labelledby={`api-${group.tag}`} className="mt-8">
          <h2 id={`api-${group.tag}`} className="heading-l">
            {group.title}
          </h2>
          {group.operations.map((op) => (
            <section key={op.operationId} aria-labelledby={`op-${op.operationId}`} className="mt-6 border-t border-border pt-4">
              <h3 id={`op-${op.operationId}`} className="heading-m">
                {op.summary}
              </h3>
              <p className="body-m">
                <code className="font-bold break-all">
                  {op.method} /api/v1{op.path}
                </code>{" "}
                <Tag colour="grey">{op.scope}</Tag>
              </p>
              {op.description ? <p className="body-m max-w-[44rem]">{op.description}</p> : null}
              {op.parameters.length > 0 ? (
                <Table
                  caption="Parameters"
                  rows={op.parameters}
                  rowKey={(p) => `${p.in}-${p.name}`}
                  columns={[
                    { key: "name", header: "Name", cell: (p) => <code>{p.name}</code> },
                    { key: "in", header: "In", cell: (p) => p.in },
                    { key: "required", header: "Required", cell: (p) => (p.required ? "Yes" : "No") },
                    { key: "about", header: "About", cell: (p) => p.about },
                  ]}
                />
              ) : null}
              {op.body.length > 0 ? (
                <Table
                  caption="Request body (JSON)"
                  rows={op.body}
                  rowKey={(f) => f.name}
                  columns={[
                    { key: "name", header: "Field", cell: (f) => <code>{f.name}</code> },
                    { key: "type", header: "Type", cell: (f) => f.type },
                    { key: "required", header: "Required", cell: (f) => (f.required ? "Yes" : "No") },
                    { key: "about", header: "About", cell: (f) => f.about },
                  ]}
                />
              ) : null}
              <Table
                caption="Answers"
                rows={op.responses}
                rowKey={(r) => r.status}
                columns={[
                  { key: "status", header: "Status", cell: (r) => r.status },
                  { key: "about", header: "Meaning", cell: (r) => r.about },
                ]}
              />
            </section>
          ))}
        </section>
      ))}
    </>
  );
}
