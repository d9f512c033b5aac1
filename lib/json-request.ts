// The JSON body of a POST to a route handler (the people and place pickers' searches).
//
// Only `application/json` is read. A page on another site can make the browser send a form post
// (urlencoded, multipart or text/plain) with the user's cookies, but not application/json: that
// needs a CORS preflight, and this app grants none. The body is capped (a search is a few words)
// so that one request cannot make the server buffer megabytes.

import { cleanJson } from "@/lib/text/clean";

export type JsonObjectBody = { ok: true; body: Record<string, unknown> } | { ok: false; status: 400 | 413 | 415; message: string };

const MAX_BYTES = 4 * 1024;

export function isJsonRequest(request: Request): boolean {
  const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json";
}

export async function readJsonObject(request: Request, maxBytes = MAX_BYTES): Promise<JsonObjectBody> {
  if (!isJsonRequest(request)) return { ok: false, status: 415, message: "Send the request as application/json" };
  const text = await readText(request, maxBytes);
  if (text === null) return { ok: false, status: 413, message: "The request is too large" };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, message: "The body is not valid JSON" };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, status: 400, message: "Send a JSON object" };
  }
  return { ok: true, body: cleanJson(body) as Record<string, unknown> };
}

/** The body as text, or null once it passes `maxBytes` (stops reading there). */
async function readText(request: Request, maxBytes: number): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
