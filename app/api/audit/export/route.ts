import { route } from "@/lib/http/route";
import { exportAuditTrail } from "@/lib/audit/data";
import { parseAuditFilters } from "@/lib/audit/filters";

// GET /api/audit/export?<the audit viewer's search>: the same search as CSV, streamed.

export const dynamic = "force-dynamic";

export const GET = route({ signedOut: "redirect", permission: "audit:read" }, async ({ actor, url }) => {
  const parsed = parseAuditFilters(Object.fromEntries(url.searchParams));
  const body = await exportAuditTrail(actor, parsed.filters);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-trail-${day}.csv"`,
    },
  });
});
