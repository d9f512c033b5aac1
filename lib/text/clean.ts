// What users send is cleaned once, where it enters: form posts (lib/forms formValues), JSON bodies
// (lib/json-request) and search parameters (firstParam). PostgreSQL's text cannot hold NUL (a
// post with one was refused by the database: a server error and the typed text lost), and other
// control characters and unpaired surrogates only ever arrive by accident or on purpose: none is
// typeable, none survives an export or a PDF. Tab and line breaks are kept.

// C0 controls except tab, line feed and carriage return; DEL; C1 controls; unpaired surrogates.
const UNHOLDABLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(value: string): string {
  return value.replace(UNHOLDABLE, "");
}

/** Every string in a parsed JSON value cleaned, keys included. */
export function cleanJson(value: unknown): unknown {
  if (typeof value === "string") return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanJson);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, v]) => [cleanText(key), cleanJson(v)]));
  }
  return value;
}
