"use server";

import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { fieldErrorsOf, formValues } from "@/lib/forms";
import type { FieldErrors } from "@/lib/errors";
import { caseFormErrorState, type CaseFormState } from "@/lib/cases/form-state";
import { attachDocument } from "./data";
import { FILE_MESSAGES, identifyDocument, MAX_DOCUMENT_BYTES, safeFileName } from "./files";
import { ZDocumentForm } from "./schema";
import { refuseWith } from "@/lib/auth/refuse";

// Uploading a document. Server actions take request bodies up to the limit set in next.config.ts
// (experimental.serverActions.bodySizeLimit, a little over 10 MB for the form's other fields); the
// form checks the size in the browser first, and lib/documents/data checks the bytes themselves.

export async function attachDocumentAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  const actor = await requireActor();
  if (!can(actor, "case:write")) return refuseWith(actor, "case:write", { status: "error", message: "You do not have permission to add documents to cases." });
  const values = formValues(formData);
  const parsed = ZDocumentForm.safeParse(values);
  const file = formData.get("file");
  const fieldErrors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  // A form posted with no file chosen still sends an empty, nameless file part.
  let bytes: Uint8Array | null = null;
  if (!(file instanceof File) || (file.size === 0 && !file.name)) fieldErrors.file = [FILE_MESSAGES.missing];
  else if (file.size > MAX_DOCUMENT_BYTES) fieldErrors.file = [FILE_MESSAGES.size];
  else {
    // Checked here too (the data layer checks again), so a bad file is reported with the other fields.
    bytes = new Uint8Array(await file.arrayBuffer());
    const identified = identifyDocument(safeFileName(file.name), bytes);
    if (!identified.ok) fieldErrors.file = [identified.message];
  }
  if (!parsed.success || Object.keys(fieldErrors).length > 0 || !(file instanceof File) || !bytes) {
    return { status: "invalid", fieldErrors, values };
  }

  const { caseId, description } = parsed.data;
  try {
    await attachDocument(actor, caseId, { fileName: file.name, bytes, description });
  } catch (error) {
    const state = caseFormErrorState(error, values);
    if (state) return state;
    throw error;
  }
  redirect(`/cases/${caseId}/documents?notice=added`);
}
