import { route } from "@/lib/http/route";
import { auditMinutesExport, getMinutes } from "@/lib/meetings/data";
import { minutesPdf } from "@/lib/meetings/minutes-pdf";

// The minutes of a closed meeting as a PDF. Who may download them is lib/meetings/access
// (minutesReadableWhere); anyone else gets the same 404 as for a meeting that does not exist.
// Every download is audited (EXPORT).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ signedOut: "redirect", params: ["id"] }, async ({ actor, params }) => {
  const minutes = await getMinutes(actor, params.id);
  const pdf = await minutesPdf(minutes);
  await auditMinutesExport(actor, minutes);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="minutes-${minutes.reference}.pdf"`,
    },
  });
});
