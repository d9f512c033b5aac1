import { route } from "@/lib/http/route";
import { ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms";
import { createIncident } from "@/lib/incidents/data";
import { ZIncidentJson } from "@/lib/incidents/schema";

// POST /api/incidents: log an incident as JSON (the benchmark, and any client that is not the
// browser form). Same schema rules and the same data function as the form, so the same access
// checks, reference numbering and double-submission guard. JSON only: a cross-site form cannot
// send it without a preflight, which this app never grants.

export const dynamic = "force-dynamic";

/** An incident with its people and a long description is a few kilobytes; this is ample. */
const MAX_INCIDENT_BYTES = 256 * 1024;

export const POST = route(
  { signedOut: "401", permission: "incident:write", body: { json: true, maxBytes: MAX_INCIDENT_BYTES } },
  async ({ actor, body }) => {
    const parsed = ZIncidentJson.safeParse(body);
    if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error), "There is a problem with the incident");
    const logged = await createIncident(actor, parsed.data.input, parsed.data.submissionKey);
    return Response.json({ id: logged.id, reference: logged.reference }, { status: logged.duplicate ? 200 : 201 });
  },
);
