import { getActor } from "@/lib/auth/session";
import { documentForDownload } from "@/lib/documents/data";
import { attachmentDisposition } from "@/lib/documents/files";
import { NotFoundError } from "@/lib/errors";

// GET /api/cases/:id/documents/:documentId — download a case document. lib/documents/data decides
// (the case visibility rule, with the refusal audited, and the download audited as an export);
// this only turns the answer into HTTP: always an attachment, never sniffed, never cached.

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; documentId: string }> };

const NOT_FOUND = () =>
  new Response("Page not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { id, documentId } = await params;
  const actor = await getActor();
  if (!actor) {
    const back = new URL(request.url).pathname;
    return new Response(null, { status: 303, headers: { Location: `/sign-in?callbackUrl=${encodeURIComponent(back)}`, "Cache-Control": "no-store" } });
  }
  try {
    const file = await documentForDownload(actor, id, documentId);
    return new Response(file.bytes, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.bytes.length),
        "Content-Disposition": attachmentDisposition(file.fileName),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return NOT_FOUND();
    throw error;
  }
}
