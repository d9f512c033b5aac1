import "server-only";
import { notFound, redirect } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor-type";
import { getActorPendingTwoFactor, requireActor } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { auditPermissionRefusal } from "@/lib/audit/data";
import { refuseMalformed, requestPath } from "@/lib/auth/refuse";
import { formErrorState, formValues, parseWith, type FormState, type FormValues } from "@/lib/forms";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "@/lib/database-status";
import { NotFoundError } from "@/lib/errors";

// The one way a server action runs (a lint rule and a test keep it so): who is asking and may
// their role post this; what was posted, cleaned and parsed with the form's schema; the data layer
// (which applies every rule about the record); then its expected errors in words on the form with
// what was typed, and on success where the data layer says to go. The database away is a message
// with what was typed. Anything else unexpected is rethrown, to be logged with a reference by the
// error page.

export type FormActionSpec<S extends z.ZodType, State extends FormState> = {
  /**
   * The role's permission to post this form; "signed-in" for a user's own account forms;
   * "setting-up-two-factor" for the one form a user who must still set it up may post.
   */
  permission: Permission | "signed-in" | "setting-up-two-factor";
  /** Fields never sent back with the form's state (passwords, codes, link tokens). */
  secret?: readonly string[];
  /** What a signed-in user without the permission is told (audited either way). */
  noPermission?: State;
  schema: S;
  /** Reshapes the posted values before parsing: date parts put together, rows gathered. */
  input?: (values: FormValues) => unknown;
  /** A record that is missing (or hidden): this message on the form, or "page" for the 404 page. */
  notFound?: string | "page";
  /** A domain's own answer to an expected error (a conflict showing what was saved); null for the common one. */
  errorState?: (error: unknown, values: FormValues, actor: Actor) => State | null | Promise<State | null>;
  /** Returns where to go next, or a state to show on the form (a check step, likely matches). `formData`: for a file. */
  perform: (actor: Actor, data: z.output<S>, values: FormValues, formData: FormData) => Promise<string | State>;
};

const NO_PERMISSION = { status: "error", message: "You do not have permission to do that." } as const;
const NOT_FOUND = "This record cannot be found. It may have been removed, or you may no longer have access to it.";

export async function runFormAction<S extends z.ZodType, State extends FormState>(
  formData: FormData,
  form: FormActionSpec<S, State>,
): Promise<State> {
  const values = withoutSecrets(formValues(formData), form.secret);
  let next: string | State;
  try {
    next = await run(formData, values, form);
  } catch (error) {
    // The database away (even before the session could be read): nothing was saved, and the form
    // comes back with what was typed and says so, rather than the error page losing it.
    if (isDatabaseUnavailable(error) && !isNextControlFlow(error))
      return { status: "error", message: UNAVAILABLE_MESSAGE, values } as State;
    throw error;
  }
  if (typeof next !== "string") return next;
  redirect(next);
}

async function run<S extends z.ZodType, State extends FormState>(
  formData: FormData,
  values: FormValues,
  form: FormActionSpec<S, State>,
): Promise<string | State> {
  const actor = form.permission === "setting-up-two-factor" ? await getActorPendingTwoFactor() : await requireActor();
  if (!actor) redirect("/sign-in");
  if (form.permission !== "signed-in" && form.permission !== "setting-up-two-factor" && !can(actor, form.permission)) {
    await auditPermissionRefusal(actor, form.permission, await requestPath());
    return (form.noPermission ?? NO_PERMISSION) as State;
  }
  // Parsed from everything posted (secrets included); only `values` (without them) goes back.
  const parsed = parseWith(form.schema, form.input ? form.input(formValues(formData)) : formValues(formData), values);
  if (!parsed.ok) return parsed.state as State;
  try {
    return await form.perform(actor, parsed.data, values, formData);
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    try {
      const own = form.errorState ? await form.errorState(error, values, actor) : null;
      if (own) return own;
    } catch (second) {
      // The domain's own answer failed in turn (the record it meant to show has gone): the common one.
      if (isNextControlFlow(second)) throw second;
      return commonState(second, values, form);
    }
    return commonState(error, values, form);
  }
}

function commonState<State extends FormState>(error: unknown, values: FormValues, form: { notFound?: string | "page" }): State {
  if (error instanceof NotFoundError && form.notFound === "page") notFound();
  const state = formErrorState(error, values, form.notFound && form.notFound !== "page" ? form.notFound : NOT_FOUND);
  if (state) return state as State;
  throw error;
}

function withoutSecrets(values: FormValues, secret: readonly string[] = []): FormValues {
  return secret.length === 0 ? values : Object.fromEntries(Object.entries(values).filter(([key]) => !secret.includes(key)));
}

export type PublicFormSpec<S extends z.ZodType, State extends FormState> = Pick<
  FormActionSpec<S, State>,
  "schema" | "secret" | "notFound"
> & {
  perform: (data: z.output<S>, values: FormValues) => Promise<string | State>;
};

/**
 * A form for someone not signed in, which carries its own proof (a one-time set-password link):
 * the same parsing, cleaning, error mapping and database-away answer, with no session to check.
 */
export async function runPublicFormAction<S extends z.ZodType, State extends FormState>(
  formData: FormData,
  form: PublicFormSpec<S, State>,
): Promise<State> {
  const values = withoutSecrets(formValues(formData), form.secret);
  let next: string | State;
  try {
    const parsed = parseWith(form.schema, formValues(formData), values);
    if (!parsed.ok) return parsed.state as State;
    try {
      next = await form.perform(parsed.data, values);
    } catch (error) {
      if (isNextControlFlow(error)) throw error;
      return commonState(error, values, form);
    }
  } catch (error) {
    if (isDatabaseUnavailable(error) && !isNextControlFlow(error))
      return { status: "error", message: UNAVAILABLE_MESSAGE, values } as State;
    throw error;
  }
  if (typeof next !== "string") return next;
  redirect(next);
}

export type CommandSpec<S extends z.ZodType, Result = unknown> = {
  permission: Permission | "signed-in";
  schema: S;
  perform: (actor: Actor, data: z.output<S>) => Promise<Result>;
  /** Where to go: after success (with what perform returned), or with the problem's key (the page shows it). */
  next: (data: z.output<S>, problem: "forbidden" | "conflict" | "unavailable" | null, result?: Result) => string;
};

/**
 * A one-click command with no fields to keep (remove, withdraw, start): the same checks as a form;
 * its problems travel back to the page as a key in the address, never as what was posted. A post
 * that does not parse, or names a record the actor may not act on, is answered like a missing page.
 */
export async function runCommand<S extends z.ZodType, Result = unknown>(
  formData: FormData,
  command: CommandSpec<S, Result>,
): Promise<never> {
  const actor = await requireActor();
  if (command.permission !== "signed-in" && !can(actor, command.permission)) {
    await auditPermissionRefusal(actor, command.permission, await requestPath());
    notFound();
  }
  const parsed = command.schema.safeParse(formValues(formData));
  if (!parsed.success) {
    await refuseMalformed(actor, null);
    notFound();
  }
  let problem: "forbidden" | "conflict" | "unavailable" | null = null;
  let result: Result | undefined;
  try {
    result = await command.perform(actor, parsed.data);
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    if (error instanceof NotFoundError) notFound();
    const state = formErrorState(error, {}, NOT_FOUND);
    if (!state) throw error;
    problem = isDatabaseUnavailable(error)
      ? "unavailable"
      : state.status === "error" && !(error instanceof Error && error.name === "ConflictError")
        ? "forbidden"
        : "conflict";
  }
  redirect(command.next(parsed.data, problem, result));
}

export type CallSpec<S extends z.ZodType, Result> = {
  permission: Permission;
  schema: S;
  perform: (actor: Actor, data: z.output<S>) => Promise<Result>;
  /** The answer to a post that does not parse, or to an expected error (the common mapping's state). */
  refused: (state: FormState) => Result;
};

/**
 * An action a screen calls with a plain object rather than a form (meeting mode's save, the
 * agenda's move buttons): the same checks, and an answer instead of a redirect.
 */
export async function runCall<S extends z.ZodType, Result>(input: unknown, call: CallSpec<S, Result>): Promise<Result> {
  try {
    const actor = await requireActor();
    if (!can(actor, call.permission)) {
      await auditPermissionRefusal(actor, call.permission, await requestPath());
      return call.refused(NO_PERMISSION);
    }
    const parsed = parseWith(call.schema, input);
    if (!parsed.ok) return call.refused(await refuseMalformed(actor, parsed.state));
    return await call.perform(actor, parsed.data);
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    const state = formErrorState(error, {}, NOT_FOUND);
    if (state) return call.refused(state);
    throw error;
  }
}

/** Next.js's own redirect and not-found signals travel as errors: never to be swallowed. */
function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_");
}
