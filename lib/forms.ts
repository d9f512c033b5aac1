import { z } from "zod";
import { cleanText } from "@/lib/text/clean";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "@/lib/database-status";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "@/lib/errors";

// The result every form's server action returns to useActionState: field errors to show next to
// each field (and in the error summary), a message, and the values as typed so nothing is lost.

export type FormState = {
  /** "matches": likely existing records offered before a new one is made (people, places). */
  status: "idle" | "invalid" | "conflict" | "error" | "saved" | "matches";
  message?: string;
  fieldErrors?: FieldErrors;
  /** What the user typed, echoed back so the form can be re-rendered without losing it. */
  values?: Record<string, string | string[]>;
};

export const IDLE: FormState = { status: "idle" };

/** The largest value of a PostgreSQL integer column: a bigger number in a form names no record. */
export const MAX_INT = 2_147_483_647;

/** A record's version, carried by an edit form for optimistic locking. */
export const ZVersion = z.coerce
  .number({ error: "Reload the page and try again" })
  .int()
  .positive()
  .max(MAX_INT, "Reload the page and try again");

// Fields that many forms' schemas share, written once so their rules and words agree.

/** A form's one-time key (lib/submissions), drawn with the form: one that is missing or malformed is a stale page. */
export const ZSubmissionKey = z.uuid({ error: "This form has expired. Reload the page and try again." });

/** Text that may be left blank (then null); `what` names it in the too-long message, e.g. "The venue". */
export const ZOptionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional()
    .transform((v) => v || null);

/** A record picked from a list that may be left blank: its id, or null; `message` when it is not an id. */
export const ZOptionalId = (message: string) =>
  z
    .union([z.literal(""), z.uuid({ error: message })])
    .optional()
    .transform((v) => v || null);

/** A field posted once, many times or not at all (checkboxes, a multiple select), as a list. */
export const asList = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

export type FormValues = Record<string, string | string[]>;

/** FormData as plain values, cleaned of characters text cannot hold (lib/text/clean): repeated names become arrays. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [rawKey, rawValue] of formData.entries()) {
    if (rawKey.startsWith("$ACTION")) continue;
    if (typeof rawValue !== "string") continue;
    const key = cleanText(rawKey);
    const value = cleanText(rawValue);
    const existing = values[key];
    values[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
}

/** zod issues keyed by the field path ("people.0.role"), first message per field first. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; state: FormState };

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, values?: Record<string, string | string[]>): Parsed<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, state: { status: "invalid", fieldErrors: fieldErrorsOf(result.error), values } };
}

/**
 * The one mapping from the data layer's expected errors to what a form shows, with what was typed:
 * field errors by their fields, a refusal or a lost race as a message, a missing (or hidden)
 * record as `notFoundMessage`, the database away as "nothing was saved". Null for anything else:
 * a fault, rethrown to the error page.
 */
export function formErrorState(error: unknown, values: FormValues, notFoundMessage: string): FormState | null {
  if (error instanceof ValidationError) return { status: "invalid", fieldErrors: error.fieldErrors, values };
  if (error instanceof ForbiddenError || error instanceof ConflictError) return { status: "error", message: error.message, values };
  if (error instanceof NotFoundError) return { status: "error", message: notFoundMessage, values };
  if (isDatabaseUnavailable(error)) return { status: "error", message: UNAVAILABLE_MESSAGE, values };
  return null;
}
