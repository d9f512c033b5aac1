import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { exportAuditTrail } from "@/lib/audit/data";
import { parseAuditFilters } from "@/lib/audit/filters";
import { refuseWith } from "@/lib/auth/refuse";

// GET /admin/audit/export?<the viewer's search>: the same search as CSV, streamed, never cached.

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: Request): Promise<Response> {
  const actor = await getActor();
  if (!actor) return Response.redirect(new URL("/sign-in", request.url), 303);
  if (!can(actor, "audit:read")) return refuseWith(actor, "audit:read", new Response("Not found", { status: 404, headers: NO_STORE }));
  const url = new URL(request.url);
  const parsed = parseAuditFilters(Object.fromEntries(url.searchParams));
  const body = await exportAuditTrail(actor, parsed.filters);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      ...NO_STORE,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-trail-${day}.csv"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
