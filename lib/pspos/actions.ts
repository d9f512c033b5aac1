"use server";

import { runFormAction } from "@/lib/form-action";
import { formErrorState, type FormState } from "@/lib/forms";
import { createPspo } from "./data";
import { ZCreatePspoForm } from "./schema";

// The PSPO form's server action: check who is asking, parse with the form's schema, call the data
// layer, and turn its expected errors into words on the form (lib/form-action).

export async function createPspoAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    permission: "power:write",
    noPermission: { status: "error", message: "You do not have permission to record PSPOs." },
    schema: ZCreatePspoForm,
    errorState: (error, values) =>
      formErrorState(error, values, "A place or record this PSPO needs cannot be found. Check the form and try again."),
    perform: async (actor, data) => {
      const { id } = await createPspo(actor, data.input, data.submissionKey);
      return `/powers/pspos/${id}?notice=created`;
    },
  });
}
