import { route } from "@/lib/http/route";
import { BadRequestError } from "@/lib/errors";
import { beginRegisterExport } from "@/lib/register/data";
import { registerCsvStream, registerXlsxStream } from "@/lib/register/stream";
import { parsePeriodKey } from "@/lib/returns/period";

// GET /api/returns/register?period=2025-26[-q2]&format=csv|xlsx — the full tools and powers
// register for a financial year or quarter, streamed. lib/register decides who may export and
// which rows (and audits the export); this turns it into HTTP: an attachment, with the row count
// in X-Total-Rows so the page can show progress. Works as a plain link too. All export
// connections busy: 503 with Retry-After (lib/register/snapshot ExportsBusyError).

export const dynamic = "force-dynamic";

const FORMATS = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
} as const;

// The permission is checked first: a user without it learns nothing, not even which periods are valid.
export const GET = route({ signedOut: "redirect", permission: "return:read" }, async ({ actor, url }) => {
  const formatText = (url.searchParams.get("format") ?? "csv").toLowerCase();
  const periodKey = url.searchParams.get("period");
  if (!(formatText in FORMATS)) throw new BadRequestError("Choose CSV or XLSX as the format.");
  const period = parsePeriodKey(periodKey);
  if (!period) {
    const problem = periodKey ? "That is not a period we know." : "No period was chosen.";
    throw new BadRequestError(`${problem} Choose a financial year such as 2025-26, or a quarter such as 2025-26-q1.`);
  }
  const format = formatText as keyof typeof FORMATS;
  const exp = await beginRegisterExport(actor, period, format);
  const body = format === "csv" ? registerCsvStream(exp.rows) : registerXlsxStream(exp.rows, `Powers ${period.key}`);
  return new Response(body, {
    headers: {
      "Content-Type": FORMATS[format].contentType,
      "Content-Disposition": `attachment; filename="tools-and-powers-register-${period.key}.${FORMATS[format].extension}"`,
      "X-Total-Rows": String(exp.total),
    },
  });
});
