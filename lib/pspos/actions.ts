"use server";

import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { formValues, parseWith, type FormState } from "@/lib/forms";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { createPspo } from "./data";
import { ZCreatePspoForm } from "./schema";

// The PSPO form's server action: check who is asking, parse with the form's schema, call the data
// layer, and turn its expected errors into words on the form.

export async function createPspoAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  if (!can(actor, "power:write")) return { status: "error", message: "You do not have permission to record PSPOs." };
  const values = formValues(formData);
  const parsed = parseWith(ZCreatePspoForm, values, values);
  if (!parsed.ok) return parsed.state;
  let id: string;
  try {
    ({ id } = await createPspo(actor, parsed.data.input, parsed.data.submissionKey));
  } catch (error) {
    if (error instanceof ValidationError) return { status: "invalid", fieldErrors: error.fieldErrors, values };
    if (error instanceof ForbiddenError || error instanceof ConflictError) return { status: "error", message: error.message, values };
    throw error;
  }
  redirect(`/powers/pspos/${id}?notice=created`);
}
