import { route } from "@/lib/http/route";
import { documentForDownload } from "@/lib/documents/data";
import { attachmentDisposition } from "@/lib/documents/files";

// GET /api/cases/:id/documents/:documentId — download a case document. lib/documents/data decides
// (the case visibility rule, with the refusal audited, and the download audited as an export);
// this only turns the answer into HTTP: always an attachment.

export const dynamic = "force-dynamic";

export const GET = route({ signedOut: "redirect", params: ["id", "documentId"] }, async ({ actor, params }) => {
  const file = await documentForDownload(actor, params.id, params.documentId);
  return new Response(file.bytes, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": attachmentDisposition(file.fileName),
    },
  });
});
