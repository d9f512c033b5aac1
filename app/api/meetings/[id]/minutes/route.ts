import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { auditMinutesExport, getMinutes } from "@/lib/meetings/data";
import { minutesPdf } from "@/lib/meetings/minutes-pdf";

// The minutes of a closed meeting as a PDF. Who may download them is lib/meetings/access
// (minutesReadableWhere); anyone else gets the same 404 as for a meeting that does not exist.
// Every download is audited (EXPORT); the response is never cached.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const NOT_FOUND = () => new NextResponse("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) {
    const back = new URL(request.url).pathname;
    return new Response(null, { status: 303, headers: { Location: `/sign-in?callbackUrl=${encodeURIComponent(back)}`, "Cache-Control": "no-store" } });
  }
  let minutes;
  try {
    minutes = await getMinutes(actor, (await params).id);
  } catch (error) {
    if (error instanceof NotFoundError) return NOT_FOUND();
    throw error;
  }
  const pdf = await minutesPdf(minutes);
  await auditMinutesExport(actor, minutes);
  return new NextResponse(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="minutes-${minutes.reference}.pdf"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
