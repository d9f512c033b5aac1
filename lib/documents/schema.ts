import { z } from "zod";

// The document upload form. The file itself is checked by lib/documents/files (its bytes, its size)
// in the server action and again in the data layer; this schema covers the other fields.

export const DESCRIPTION_MAX = 500;

export const ZDocumentForm = z.object({
  caseId: z.uuid({ error: "This case cannot be found. Go back to the case and try again." }),
  description: z
    .string({ error: "Describe the document" })
    .trim()
    .min(1, "Describe the document")
    .max(DESCRIPTION_MAX, `The description must be ${DESCRIPTION_MAX} characters or fewer`),
});

/** The upload form's fields in page order, for the error summary. */
export const DOCUMENT_FIELDS = ["file", "description"] as const;
