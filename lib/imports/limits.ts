// How large an import file may be. Pure: the upload form checks it before posting, and
// next.config.ts and proxy.ts read request bodies up to it on the import page only.

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_SIZE_LABEL = "50 MB";
/** An import file at its maximum, with the form's other fields and the multipart framing. */
export const MAX_IMPORT_REQUEST_BYTES = MAX_IMPORT_BYTES + 1024 * 1024;
/** The page whose form posts an import file. */
export const IMPORT_UPLOAD_PATH = "/imports";
