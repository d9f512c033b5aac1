import { getActor } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { buildReturnReport } from "@/lib/returns/data";
import { returnCsv, returnXlsx } from "@/lib/returns/export";
import { parsePeriodKey } from "@/lib/returns/period";
import { exportFileName, isReturnKey } from "@/lib/returns/tables";
import { can } from "@/lib/auth/permissions";
import { refuseWith } from "@/lib/auth/refuse";

// GET /api/returns/:returnKey?period=2026-27&format=csv|xlsx — a return as a spreadsheet.
// lib/returns/data decides who may have which figures (and audits the export); the file is built
// from the same report the preview shows. Never cached: returns hold partnership data.

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ returnKey: string }> };

const NO_STORE = { "Cache-Control": "no-store" };

const notFound = () => new Response("Page not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE } });

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { returnKey } = await params;
  const url = new URL(request.url);
  const actor = await getActor();
  if (!actor) {
    const back = `${url.pathname}${url.search}`;
    return new Response(null, { status: 303, headers: { Location: `/sign-in?callbackUrl=${encodeURIComponent(back)}`, ...NO_STORE } });
  }
  if (!can(actor, "return:read")) return refuseWith(actor, "return:read", notFound());
  const format = url.searchParams.get("format");
  const period = parsePeriodKey(url.searchParams.get("period"));
  if (!isReturnKey(returnKey) || !period || (format !== "csv" && format !== "xlsx")) return notFound();
  try {
    const report = await buildReturnReport(actor, returnKey, period, { auditAs: "EXPORT", format });
    const fileName = exportFileName(returnKey, period, format);
    const headers = { "Content-Disposition": `attachment; filename="${fileName}"`, "X-Content-Type-Options": "nosniff", ...NO_STORE };
    if (format === "csv") return new Response(returnCsv(report), { headers: { "Content-Type": "text/csv; charset=utf-8", ...headers } });
    const bytes = await returnXlsx(report);
    return new Response(new Uint8Array(bytes), {
      headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Length": String(bytes.length), ...headers },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return notFound();
    throw error;
  }
}
