import { route } from "@/lib/http/route";
import { NotFoundError } from "@/lib/errors";
import { buildReturnReport } from "@/lib/returns/data";
import { returnCsv, returnXlsx } from "@/lib/returns/export";
import { parsePeriodKey } from "@/lib/returns/period";
import { exportFileName, isReturnKey } from "@/lib/returns/tables";

// GET /api/returns/:returnKey?period=2026-27&format=csv|xlsx — a return as a spreadsheet.
// lib/returns/data decides who may have which figures (and audits the export); the file is built
// from the same report the preview shows.

export const dynamic = "force-dynamic";

export const GET = route({ signedOut: "redirect", permission: "return:read", params: ["returnKey"] }, async ({ actor, params, url }) => {
  const { returnKey } = params;
  const format = url.searchParams.get("format");
  const period = parsePeriodKey(url.searchParams.get("period"));
  // An address that names no return is a missing page, not a refusal.
  if (!isReturnKey(returnKey) || !period || (format !== "csv" && format !== "xlsx")) throw new NotFoundError("return");
  const report = await buildReturnReport(actor, returnKey, period, { auditAs: "EXPORT", format });
  const disposition = `attachment; filename="${exportFileName(returnKey, period, format)}"`;
  if (format === "csv")
    return new Response(returnCsv(report), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition } });
  const bytes = await returnXlsx(report);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Length": String(bytes.length),
      "Content-Disposition": disposition,
    },
  });
});
