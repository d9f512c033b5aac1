// What files a case may hold, told by their bytes rather than by their name or the browser's
// Content-Type, and how they are named on the way back out. Pure: the upload form (its size check
// before posting), the server and the tests share it.

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENT_SIZE_LABEL = "10 MB";

/**
 * The largest request body the service reads (a document at its maximum, the form's other fields
 * and the multipart framing), for server actions and for the proxy in front of them alike
 * (next.config.ts). A larger post is answered by proxy.ts with the form's own message.
 */
export const MAX_REQUEST_BODY_BYTES = 11 * 1024 * 1024;

export type DocumentKind = "PDF" | "WORD" | "EXCEL" | "TEXT" | "CSV" | "JPEG" | "PNG";

export const DOCUMENT_KINDS: Record<DocumentKind, { label: string; extensions: readonly string[]; contentType: string }> = {
  PDF: { label: "PDF", extensions: ["pdf"], contentType: "application/pdf" },
  WORD: {
    label: "Word document",
    extensions: ["docx"],
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  },
  EXCEL: {
    label: "Excel spreadsheet",
    extensions: ["xlsx"],
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  },
  TEXT: { label: "Text file", extensions: ["txt"], contentType: "text/plain" },
  CSV: { label: "CSV spreadsheet", extensions: ["csv"], contentType: "text/csv" },
  JPEG: { label: "JPEG image", extensions: ["jpg", "jpeg"], contentType: "image/jpeg" },
  PNG: { label: "PNG image", extensions: ["png"], contentType: "image/png" },
};

/** For the file input's `accept`: it only guides the browser's picker; the server checks the bytes. */
export const ACCEPTED_EXTENSIONS = Object.values(DOCUMENT_KINDS)
  .flatMap((k) => k.extensions.map((e) => `.${e}`))
  .join(",");

export const FILE_MESSAGES = {
  missing: "Select a file",
  empty: "The selected file is empty",
  type: "The selected file must be a PDF, Word document, spreadsheet, text file or image",
  size: `The selected file must be ${MAX_DOCUMENT_SIZE_LABEL} or smaller`,
} as const;

export type IdentifiedFile = { ok: true; kind: DocumentKind; contentType: string } | { ok: false; message: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4": Word and Excel files are zip packages

/**
 * The names of the entries in a zip file, read from its central directory; null when the bytes are
 * not a well-formed zip. Word and Excel files are told apart (and from any other zip) by what they hold.
 */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const END_OF_DIRECTORY = 0x06054b50;
  const DIRECTORY_ENTRY = 0x02014b50;
  // The end-of-directory record is the last 22 bytes, followed by a comment of up to 65,535 bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) !== END_OF_DIRECTORY) continue;
    const count = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 12, true);
    const offset = view.getUint32(at + 16, true);
    if (offset + size > at) return null;
    const decoder = new TextDecoder();
    const names: string[] = [];
    let p = offset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > at || view.getUint32(p, true) !== DIRECTORY_ENTRY) return null;
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      names.push(decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)));
      p += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return null;
}

/** An Office Open XML package of the given part ("word/document.xml"), without macros. */
function isOfficePackage(bytes: Uint8Array, mainPart: string): boolean {
  if (!startsWith(bytes, ZIP)) return false;
  const names = zipEntryNames(bytes);
  if (!names) return false;
  // A macro-enabled file renamed .docx or .xlsx carries a VBA project: refused.
  if (names.some((n) => n.toLowerCase().endsWith("vbaproject.bin"))) return false;
  return names.includes("[Content_Types].xml") && names.includes(mainPart);
}

/**
 * Text (plain text and CSV): no magic number, so the test is that it reads as text. Control
 * characters other than tab, line feed, form feed and carriage return mean a binary file (an
 * executable renamed .txt is full of zero bytes).
 */
function isText(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) return false;
    if (b === 0x7f) return false;
  }
  return true;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const MATCHES: Record<DocumentKind, (bytes: Uint8Array) => boolean> = {
  PDF: (b) => startsWith(b, PDF),
  WORD: (b) => isOfficePackage(b, "word/document.xml"),
  EXCEL: (b) => isOfficePackage(b, "xl/workbook.xml"),
  TEXT: isText,
  CSV: isText,
  JPEG: (b) => startsWith(b, JPEG),
  PNG: (b) => startsWith(b, PNG),
};

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

/**
 * The kind of document these bytes are, if it is one a case may hold and the name's extension
 * says the same: "report.pdf" must be a PDF, and an executable named "report.pdf" is refused.
 */
export function identifyDocument(fileName: string, bytes: Uint8Array, maxBytes = MAX_DOCUMENT_BYTES): IdentifiedFile {
  if (bytes.length === 0) return { ok: false, message: FILE_MESSAGES.empty };
  if (bytes.length > maxBytes) return { ok: false, message: FILE_MESSAGES.size };
  const extension = extensionOf(fileName);
  const kind = (Object.keys(DOCUMENT_KINDS) as DocumentKind[]).find((k) => DOCUMENT_KINDS[k].extensions.includes(extension));
  if (!kind || !MATCHES[kind](bytes)) return { ok: false, message: FILE_MESSAGES.type };
  const { contentType } = DOCUMENT_KINDS[kind];
  const text = kind === "TEXT" || kind === "CSV";
  return { ok: true, kind, contentType: text && isUtf8(bytes) ? `${contentType}; charset=utf-8` : contentType };
}

/** The kind of a stored document from its name (stored names always carry an accepted extension). */
export function documentKindOf(fileName: string): DocumentKind | null {
  const extension = extensionOf(fileName);
  return (Object.keys(DOCUMENT_KINDS) as DocumentKind[]).find((k) => DOCUMENT_KINDS[k].extensions.includes(extension)) ?? null;
}

const NAME_MAX = 150;

/**
 * The name a document is stored and offered under: the last part of what the browser sent (never
 * a path), without control characters or characters file systems refuse, at most 150 characters
 * with its extension kept.
 */
export function safeFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const extension = extensionOf(base);
  const stem = (extension ? base.slice(0, -(extension.length + 1)) : base).replace(/^[\s.]+|[\s.]+$/g, "");
  const keep = Math.max(1, NAME_MAX - (extension ? extension.length + 1 : 0));
  const shortStem = [...stem].slice(0, keep).join("").trim() || "document";
  return extension ? `${shortStem}.${extension}` : shortStem;
}

/**
 * Content-Disposition for a download: always an attachment (never shown inline in the app's
 * origin), an ASCII name for old clients and the exact name in RFC 5987 form for the rest.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** "850 bytes", "120 KB", "2.4 MB" */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
}
