import { route } from "@/lib/http/route";
import { exportFormat, exportResponse, fileNameDay } from "@/lib/export/download";
import { beginCaseExport } from "@/lib/cases/data";
import { CASE_EXPORT_COLUMNS } from "@/lib/cases/export-columns";
import { CASE_SORTS, parseCaseFilters, type CaseFilterParam, type CaseSort } from "@/lib/cases/filters";
import { parseListQuery } from "@/lib/list";
import { resolveSearchParams } from "@/lib/search/saved";

// GET /api/cases/export?format=csv|xlsx&<the list's filters and sort> — the case list as a
// download, linked from the list with its own address's parameters (typed text stays in the saved
// search). lib/cases/data decides the rows and audits it.

export const dynamic = "force-dynamic";

export const GET = route({ signedOut: "redirect", permission: "case:read" }, async ({ actor, url }) => {
  const format = exportFormat(url.searchParams.get("format"));
  const { params } = await resolveSearchParams(actor, "cases", Object.fromEntries(url.searchParams));
  const { filters, values } = parseCaseFilters(params);
  const query = parseListQuery<CaseSort>(params, { sorts: CASE_SORTS, defaultSort: "opened", defaultDir: "desc" });
  const exp = await beginCaseExport(actor, filters, query, { filters: Object.keys(values) as CaseFilterParam[], format });
  return exportResponse(format, CASE_EXPORT_COLUMNS, exp, `cases-${fileNameDay()}`, "Cases");
});
