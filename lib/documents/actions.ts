"use server";

import { runFormAction } from "@/lib/form-action";
import { ValidationError } from "@/lib/errors";
import { CASE_NOT_FOUND, type CaseFormState } from "@/lib/cases/form-state";
import { attachDocument } from "./data";
import { FILE_MESSAGES, identifyDocument, MAX_DOCUMENT_BYTES, safeFileName } from "./files";
import { ZDocumentForm } from "./schema";

// Uploading a document (lib/form-action runs it). Request bodies are read up to one limit
// (lib/documents/files MAX_REQUEST_BODY_BYTES, for the proxy and server actions alike); the form
// checks the size in the browser first, and lib/documents/data checks the bytes themselves.

export async function attachDocumentAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return runFormAction(formData, {
    permission: "case:write",
    noPermission: { status: "error", message: "You do not have permission to add documents to cases." },
    schema: ZDocumentForm,
    notFound: CASE_NOT_FOUND,
    perform: async (actor, { caseId, description }, _values, posted) => {
      const file = posted.get("file");
      // A form posted with no file chosen still sends an empty, nameless file part.
      if (!(file instanceof File) || (file.size === 0 && !file.name)) throw new ValidationError({ file: [FILE_MESSAGES.missing] });
      if (file.size > MAX_DOCUMENT_BYTES) throw new ValidationError({ file: [FILE_MESSAGES.size] });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const identified = identifyDocument(safeFileName(file.name), bytes);
      if (!identified.ok) throw new ValidationError({ file: [identified.message] });
      await attachDocument(actor, caseId, { fileName: file.name, bytes, description });
      return `/cases/${caseId}/documents?notice=added`;
    },
  });
}
