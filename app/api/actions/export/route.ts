import { route } from "@/lib/http/route";
import { exportFormat, exportResponse, fileNameDay } from "@/lib/export/download";
import { beginActionExport } from "@/lib/case-actions/data";
import { ACTION_EXPORT_COLUMNS } from "@/lib/case-actions/export-columns";
import { ACTION_SORTS, parseActionFilters, type ActionSort } from "@/lib/case-actions/filters";
import { parseListQuery } from "@/lib/list";

// GET /api/actions/export?format=csv|xlsx&scope=…&<the list's filters and sort> — "My actions" or
// "My organisation's actions" as a download, linked from the list with its own parameters.

export const dynamic = "force-dynamic";

export const GET = route({ signedOut: "redirect", permission: "case:read" }, async ({ actor, url }) => {
  const format = exportFormat(url.searchParams.get("format"));
  const params = Object.fromEntries(url.searchParams);
  const { scope, filters, values } = parseActionFilters(params);
  const query = parseListQuery<ActionSort>(params, { sorts: ACTION_SORTS, defaultSort: "due", defaultDir: "asc" });
  const exp = await beginActionExport(actor, scope, filters, query, { filters: Object.keys(values), format });
  const name = scope === "organisation" ? "organisation-actions" : "my-actions";
  return exportResponse(format, ACTION_EXPORT_COLUMNS, exp, `${name}-${fileNameDay()}`, "Actions");
});
