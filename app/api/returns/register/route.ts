import { getActor } from "@/lib/auth/session";
import { beginRegisterExport, registerScopeOf } from "@/lib/register/data";
import { parsePeriodKey } from "@/lib/returns/period";
import { registerCsvStream, registerXlsxStream } from "@/lib/register/stream";
import { ExportsBusyError } from "@/lib/register/snapshot";
import { NotFoundError } from "@/lib/errors";
import { refuseWith } from "@/lib/auth/refuse";

// GET /api/returns/register?period=2025-26[-q2]&format=csv|xlsx — the full tools and powers
// register for a financial year or quarter, streamed. lib/register decides who may export and
// which rows (and audits the export); this turns it into HTTP: an attachment, never cached, with
// the row count in X-Total-Rows so the page can show progress. Works as a plain link too.

export const dynamic = "force-dynamic";

const FORMATS = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
} as const;

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", ...headers } });

export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const actor = await getActor();
  if (!actor) {
    const back = `${url.pathname}${url.search}`;
    return new Response(null, { status: 303, headers: { Location: `/sign-in?callbackUrl=${encodeURIComponent(back)}`, "Cache-Control": "no-store" } });
  }
  const formatText = (url.searchParams.get("format") ?? "csv").toLowerCase();
  const periodKey = url.searchParams.get("period");
  const period = parsePeriodKey(periodKey);
  try {
    // Permission first: a user without it learns nothing, not even which periods are valid.
    if (!registerScopeOf(actor)) return refuseWith(actor, "return:read", text("Page not found", 404));
    if (!(formatText in FORMATS)) return text("Choose CSV or XLSX as the format.", 400);
    if (!period) {
      const problem = periodKey ? "That is not a period we know." : "No period was chosen.";
      return text(`${problem} Choose a financial year such as 2025-26, or a quarter such as 2025-26-q1.`, 400);
    }
    const format = formatText as keyof typeof FORMATS;
    const exp = await beginRegisterExport(actor, period, format);
    const body = format === "csv" ? registerCsvStream(exp.rows) : registerXlsxStream(exp.rows, `Powers ${period.key}`);
    const fileName = `tools-and-powers-register-${period.key}.${FORMATS[format].extension}`;
    return new Response(body, {
      headers: {
        "Content-Type": FORMATS[format].contentType,
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Total-Rows": String(exp.total),
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return text("Page not found", 404);
    // Each download holds a database connection while it runs; a few at once is the limit.
    if (error instanceof ExportsBusyError) return text("Several registers are being downloaded at the moment. Try again in a minute.", 503, { "Retry-After": "60" });
    throw error;
  }
}

