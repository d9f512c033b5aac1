import { route } from "@/lib/http/route";
import { BadRequestError } from "@/lib/errors";
import { exportFormat, exportResponse } from "@/lib/export/download";
import { beginRegisterExport } from "@/lib/register/data";
import { REGISTER_COLUMNS } from "@/lib/register/columns";
import { parsePeriodKey } from "@/lib/returns/period";

// GET /api/returns/register?period=2025-26[-q2]&format=csv|xlsx — the full tools and powers
// register for a financial year or quarter, streamed. lib/register decides who may export and
// which rows (and audits the export); this turns it into HTTP: an attachment, with the row count
// in X-Total-Rows so the page can show progress. Works as a plain link too. All export
// connections busy: 503 with Retry-After (lib/export/snapshot ExportsBusyError).

export const dynamic = "force-dynamic";

// The permission is checked first: a user without it learns nothing, not even which periods are valid.
export const GET = route({ signedOut: "redirect", permission: "return:read" }, async ({ actor, url }) => {
  const format = exportFormat(url.searchParams.get("format"));
  const periodKey = url.searchParams.get("period");
  const period = parsePeriodKey(periodKey);
  if (!period) {
    const problem = periodKey ? "That is not a period we know." : "No period was chosen.";
    throw new BadRequestError(`${problem} Choose a financial year such as 2025-26, or a quarter such as 2025-26-q1.`);
  }
  const exp = await beginRegisterExport(actor, period, format);
  return exportResponse(format, REGISTER_COLUMNS, exp, `tools-and-powers-register-${period.key}`, `Powers ${period.key}`);
});
