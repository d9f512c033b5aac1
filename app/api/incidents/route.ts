import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { createIncident } from "@/lib/incidents/data";
import { ZIncidentJson } from "@/lib/incidents/schema";
import { fieldErrorsOf } from "@/lib/forms";
import { ConflictError, ForbiddenError, ValidationError, type FieldErrors } from "@/lib/errors";
import { refuseWith } from "@/lib/auth/refuse";
import { readJsonObject } from "@/lib/json-request";

// POST /api/incidents: log an incident as JSON (the benchmark, and any client that is not the
// browser form). Same schema rules and the same data function as the form, so the same access
// checks, reference numbering and double-submission guard.

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };
/** An incident with its people and a long description is a few kilobytes; this is ample. */
const MAX_INCIDENT_BYTES = 256 * 1024;

function json(body: unknown, status: number): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

const invalid = (fieldErrors: FieldErrors) => json({ error: "invalid", message: "There is a problem with the incident", fieldErrors }, 422);

export async function POST(request: Request): Promise<Response> {
  const actor = await getActor();
  if (!actor) return json({ error: "unauthenticated", message: "Sign in first" }, 401);
  // Without the permission the endpoint answers as if it did not exist.
  if (!can(actor, "incident:write")) return refuseWith(actor, "incident:write", json({ error: "not_found", message: "Not found" }, 404));
  // JSON only (a cross-site form cannot send it without a preflight), size-capped, and cleaned of
  // characters text cannot hold, as every input is (lib/json-request).
  const body = await readJsonObject(request, MAX_INCIDENT_BYTES);
  if (!body.ok) return json({ error: body.status === 415 ? "unsupported_media_type" : body.status === 413 ? "too_large" : "bad_request", message: body.message }, body.status);
  const parsed = ZIncidentJson.safeParse(body.body);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));

  try {
    const logged = await createIncident(actor, parsed.data.input, parsed.data.submissionKey);
    return json({ id: logged.id, reference: logged.reference }, logged.duplicate ? 200 : 201);
  } catch (error) {
    if (error instanceof ValidationError) return invalid(error.fieldErrors);
    if (error instanceof ConflictError) return json({ error: "conflict", message: error.message }, 409);
    if (error instanceof ForbiddenError) return json({ error: "forbidden", message: error.message }, 403);
    throw error;
  }
}
