import "server-only";
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/forms";
import { BadRequestError, ConflictError, PreconditionError, ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/not-found";
import type { Endpoint } from "./endpoints";

// The HTTP conventions of /api/v1, in one place: bodies and queries checked by the endpoint's
// schemas (422 with a JSON Pointer per field), answers parsed through the response schema (so
// nothing undocumented leaves), ETag and If-Match on the record's version, and opaque cursors.

export const API_BASE = "/api/v1";

/** The body checked by `schema`; its problems are a 422 with a pointer to each field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error), "There is a problem with the request body");
  return parsed.data;
}

/** The query string checked by `schema` (an unknown parameter is refused, not ignored). */
export function parseQuery<S extends z.ZodType>(schema: S, url: URL): z.output<S> {
  const values: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key in values) throw new BadRequestError(`Give ${key.slice(0, 40)} once`);
    values[key] = value;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const problems = Object.entries(fieldErrorsOf(parsed.error)).map(([field, messages]) => `${field}: ${messages?.[0] ?? "not valid"}`);
    throw new BadRequestError(`Check the query: ${problems.join("; ").slice(0, 500)}`);
  }
  return parsed.data;
}

/** The version an If-Match header names: `"3"`, `W/"3"` or `3`. Required on a change. */
export function versionFrom(request: Request): number {
  const header = request.headers.get("if-match")?.trim();
  if (!header)
    throw new PreconditionError(
      428,
      "Send If-Match with the ETag of the record as you last read it, so that nobody's change is overwritten",
    );
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header);
  if (!match) throw new PreconditionError(412, 'If-Match must be the record\'s ETag, as the service sent it (for example "3")');
  return Number(match[1]);
}

/** Runs a change at the version given; a record changed since is 412, as HTTP says for a stale If-Match. */
export async function atVersion<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConflictError)
      throw new PreconditionError(412, `${error.message}. Read it again for its current version (ETag), then send your change with that.`);
    throw error;
  }
}

export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The endpoint's answer: the data parsed through its response schema (a field the document does
 * not name cannot leave), its status, and the ETag and Location where the endpoint has them.
 */
export function answer(
  endpoint: Endpoint,
  data: unknown,
  options: { status?: number; location?: string; replayed?: boolean } = {},
): Response {
  const body = endpoint.response.parse(data) as Record<string, unknown>;
  const headers = new Headers({ "Content-Type": "application/json" });
  if (endpoint.etag && typeof body.version === "number") headers.set("ETag", etagOf(body.version));
  if (options.location) headers.set("Location", `${API_BASE}${options.location}`);
  if (options.replayed) headers.set("Idempotent-Replayed", "true");
  return new Response(JSON.stringify(body), { status: options.status ?? endpoint.status, headers });
}

// ───────────────────────────── Cursors ─────────────────────────────
// Lists are in id order, newest first (ids are UUIDv7, so by creation); the cursor is the last id
// of the page, opaque to the client.

export function encodeCursor(id: string): string {
  return Buffer.from(id, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  if (!isUuid(id)) throw new BadRequestError("The cursor is not one this service gave: start again from the first page");
  return id;
}

/** A page of `limit` rows from `rows` fetched with one extra, and the cursor for the next. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number): { rows: T[]; next: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { rows: kept, next: more ? encodeCursor(kept[kept.length - 1]!.id) : null };
}

/** ISO 8601 for an instant; YYYY-MM-DD for a calendar day (stored at UTC midnight by Prisma's @db.Date). */
export const iso = (value: Date) => value.toISOString();
export const isoOrNull = (value: Date | null | undefined) => (value ? value.toISOString() : null);
export const day = (value: Date) => value.toISOString().slice(0, 10);
export const dayOrNull = (value: Date | null | undefined) => (value ? day(value) : null);
