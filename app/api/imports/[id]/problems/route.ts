import { route } from "@/lib/http/route";
import { CSV_BOM, csvLine } from "@/lib/export/cells";
import { importProblemsDownload } from "@/lib/imports/data/manage";

// GET /api/imports/<id>/problems — the check's problems as a CSV (row, column, problem), for the
// manager to work through beside the file. Their own organisation's imports only (lib/imports).

export const dynamic = "force-dynamic";

export const GET = route({ signedOut: "redirect", permission: "import:run", params: ["id"] }, async ({ actor, params }) => {
  const problems = await importProblemsDownload(actor, params.id);
  const body = CSV_BOM + csvLine(["Row", "Column", "Problem"]) + problems.map((p) => csvLine([p.row, p.column, p.message])).join("");
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="import-problems.csv"' },
  });
});
