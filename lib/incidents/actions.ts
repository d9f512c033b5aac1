"use server";

import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { formValues, parseWith } from "@/lib/forms";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createIncident, getIncident, IncidentChangedError, updateIncident } from "./data";
import { ZEditIncidentForm, ZNewIncidentForm } from "./schema";
import { conflictSummary } from "./describe";
import type { IncidentFormState } from "./form-state";
import { refuseWith } from "@/lib/auth/refuse";

// The incident form's server actions: check who is asking, parse with the form's schema, call the
// data layer, and turn its expected errors into words on the form. Anything else is unexpected
// and goes to the error page with a reference.

const NO_PERMISSION: IncidentFormState = { status: "error", message: "You do not have permission to log or change incidents." };

export async function logIncident(_previous: IncidentFormState, formData: FormData): Promise<IncidentFormState> {
  const actor = await requireActor();
  if (!can(actor, "incident:write")) return refuseWith(actor, "incident:write", NO_PERMISSION);
  const values = formValues(formData);
  const parsed = parseWith(ZNewIncidentForm, values, values);
  if (!parsed.ok) return parsed.state;

  let logged;
  try {
    logged = await createIncident(actor, parsed.data.input, parsed.data.submissionKey);
  } catch (error) {
    const state = expectedErrorState(error, values);
    if (state) return state;
    throw error;
  }
  redirect(`/incidents/${logged.id}?logged=1`);
}

export async function saveIncident(_previous: IncidentFormState, formData: FormData): Promise<IncidentFormState> {
  const actor = await requireActor();
  if (!can(actor, "incident:write")) return refuseWith(actor, "incident:write", NO_PERMISSION);
  const values = formValues(formData);
  const parsed = parseWith(ZEditIncidentForm, values, values);
  if (!parsed.ok) return parsed.state;
  const { incidentId, version, input } = parsed.data;

  try {
    await updateIncident(actor, incidentId, version, input);
  } catch (error) {
    if (error instanceof IncidentChangedError) {
      // Show what the other officer saved; the form keeps this officer's input as typed.
      const current = await getIncident(actor, incidentId);
      return { status: "conflict", message: error.message, values, conflict: conflictSummary(current, input) };
    }
    const state = expectedErrorState(error, values);
    if (state) return state;
    throw error;
  }
  redirect(`/incidents/${incidentId}?updated=1`);
}

function expectedErrorState(error: unknown, values: Record<string, string | string[]>): IncidentFormState | null {
  if (error instanceof ValidationError) return { status: "invalid", fieldErrors: error.fieldErrors, values };
  if (error instanceof ForbiddenError || error instanceof ConflictError) return { status: "error", message: error.message, values };
  if (error instanceof NotFoundError) return { status: "error", message: "This incident cannot be found. It may have been removed, or you may no longer have access to it.", values };
  return null;
}
