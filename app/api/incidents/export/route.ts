import { route } from "@/lib/http/route";
import { exportFormat, exportResponse, fileNameDay } from "@/lib/export/download";
import { beginIncidentExport } from "@/lib/incidents/data";
import { INCIDENT_EXPORT_COLUMNS } from "@/lib/incidents/export-columns";
import { INCIDENT_SORTS, parseIncidentFilters, type FilterParam, type IncidentSort } from "@/lib/incidents/filters";
import { parseListQuery } from "@/lib/list";
import { resolveSearchParams } from "@/lib/search/saved";

// GET /api/incidents/export?format=csv|xlsx&<the list's filters and sort> — the incident list as a
// download: the list page links here with its own address's parameters (a typed name stays in the
// saved search, never the address). lib/incidents/export decides the rows and audits it.

export const dynamic = "force-dynamic";

export const GET = route({ signedOut: "redirect", permission: "incident:read" }, async ({ actor, url }) => {
  const format = exportFormat(url.searchParams.get("format"));
  const { params } = await resolveSearchParams(actor, "incidents", Object.fromEntries(url.searchParams));
  const { filters, values } = parseIncidentFilters(params);
  const query = parseListQuery<IncidentSort>(params, { sorts: INCIDENT_SORTS, defaultSort: "occurred", defaultDir: "desc" });
  const exp = await beginIncidentExport(actor, filters, query, { filters: Object.keys(values) as FilterParam[], format });
  return exportResponse(format, INCIDENT_EXPORT_COLUMNS, exp, `incidents-${fileNameDay()}`, "Incidents");
});
