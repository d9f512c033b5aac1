import "server-only";
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor-type";
import { requireActor } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { auditPermissionRefusal } from "@/lib/audit/data";
import { requestPath } from "@/lib/auth/refuse";
import { formValues, parseWith, type FormState, type FormValues } from "@/lib/forms";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "@/lib/database-status";

// The one way a form's server action runs: who is asking, parse with the form's schema, call the
// data layer (which applies every rule), turn its expected errors into words on the form with what
// was typed, and go where the data layer says on success. The database away is a message on the
// form with what was typed. Anything else unexpected is rethrown, to be logged with a reference by
// the error page.

export async function runFormAction<S extends z.ZodType, State extends FormState>(
  formData: FormData,
  form: {
    permission: Permission;
    /** What a signed-in user without the permission is told. */
    noPermission: State;
    schema: S;
    errorState: (error: unknown, values: FormValues) => State | null;
    /** Returns where to go next, or a state to show on the form. */
    perform: (actor: Actor, data: z.output<S>, values: FormValues) => Promise<string | State>;
  },
): Promise<State> {
  const values = formValues(formData);
  let next: string | State;
  try {
    next = await run(formData, values, form);
  } catch (error) {
    // The database away (even before the session could be read): nothing was saved, and the form
    // comes back with what was typed and says so, rather than the error page losing it.
    if (isDatabaseUnavailable(error) && !isNextControlFlow(error)) return { status: "error", message: UNAVAILABLE_MESSAGE, values } as State;
    throw error;
  }
  if (typeof next !== "string") return next;
  redirect(next);
}

async function run<S extends z.ZodType, State extends FormState>(
  formData: FormData,
  values: FormValues,
  form: Parameters<typeof runFormAction<S, State>>[1],
): Promise<string | State> {
  const actor = await requireActor();
  if (!can(actor, form.permission)) {
    await auditPermissionRefusal(actor, form.permission, await requestPath());
    return form.noPermission;
  }
  const parsed = parseWith(form.schema, values, values);
  if (!parsed.ok) return parsed.state as State;
  try {
    return await form.perform(actor, parsed.data, values);
  } catch (error) {
    const state = form.errorState(error, values);
    if (state) return state;
    throw error;
  }
}

/** Next.js's own redirect and not-found signals travel as errors: never to be swallowed. */
function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_");
}
