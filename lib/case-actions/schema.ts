import { z } from "zod";
import { ActionStatus } from "@/lib/generated/prisma/enums";
import { calendarDate } from "@/lib/format/dates";
import { checkDateParts, type CalendarDay } from "@/lib/incidents/date-fields";
import { HAPPENED_ON, withHappenedOn, ZHappenedOn } from "@/lib/history/happened";
import { ZOptionalText, ZSubmissionKey, ZVersion } from "@/lib/forms";

// One zod schema per action form, used by the server action. Values arrive as strings from
// lib/forms formValues; the due date as the three GOV.UK date inputs (dueDate-day, -month, -year).
// The data layer then checks what no schema can: that the organisation and officer may be given
// work on this case, and that the action is still as the officer last saw it.

export const ACTION_TITLE_MAX = 200;
export const ACTION_DETAIL_MAX = 2000;
export const ACTION_NOTE_MAX = 2000;

const ZCaseId = z.uuid({ error: "This case cannot be found. Go back to the case and try again." });
const ZActionId = z.uuid({ error: "This action cannot be found. Go back to the case and try again." });

const ZTitle = z
  .string({ error: "Enter what needs to be done" })
  .trim()
  .min(1, "Enter what needs to be done")
  .max(ACTION_TITLE_MAX, `What needs to be done must be ${ACTION_TITLE_MAX} characters or fewer`);

const ZDetail = ZOptionalText("The details", ACTION_DETAIL_MAX);

const optionalNote = (what: string) => ZOptionalText(`The ${what}`, ACTION_NOTE_MAX);

/** The three date inputs (dueDate-day, -month, -year) as one calendar day (UTC midnight). */
const ZDueDate = z
  .object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() })
  .transform((parts, ctx) => {
    const due = checkDateParts(parts, "the date the action is due", true);
    if (!due.ok || !due.value) {
      ctx.addIssue({ code: "custom", message: due.ok ? "Enter the date the action is due" : due.message });
      return z.NEVER;
    }
    return calendarDate(due.value.year, due.value.month, due.value.day);
  });

/** The form's flat date inputs gathered into one `dueDate` field, so its errors come with the others'. */
function withDueDate<S extends z.ZodType>(schema: S) {
  return z.preprocess((raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const values = raw as Record<string, unknown>;
    return { ...values, dueDate: { day: values["dueDate-day"], month: values["dueDate-month"], year: values["dueDate-year"] } };
  }, schema);
}

/** The fields of the add and change forms: what, for whom, by when. */
const ACTION_FIELD_SCHEMAS = {
  title: ZTitle,
  detail: ZDetail,
  assignedOrganisationId: z.uuid({ error: "Select the organisation that will do it" }),
  assignedUserId: z
    .union([z.literal(""), z.uuid({ error: "Select the officer from the list" })])
    .optional()
    .transform((v) => v || null),
  dueDate: ZDueDate,
};

/** The fields as the data layer takes them, with the due date as a calendar day (UTC midnight). */
export type ActionInput = {
  title: string;
  detail: string | null;
  assignedOrganisationId: string;
  assignedUserId: string | null;
  dueDate: Date;
};

export const ZNewActionForm = withDueDate(
  z
    .object({ ...ACTION_FIELD_SCHEMAS, caseId: ZCaseId, submissionKey: ZSubmissionKey })
    .transform(({ caseId, submissionKey, ...input }) => ({
      caseId,
      submissionKey,
      input: input satisfies ActionInput,
    })),
);

export const ZEditActionForm = withDueDate(
  z
    .object({ ...ACTION_FIELD_SCHEMAS, caseId: ZCaseId, actionId: ZActionId, version: ZVersion })
    .transform(({ caseId, actionId, version, ...input }) => ({
      caseId,
      actionId,
      version,
      input: input satisfies ActionInput,
    })),
);

/** The add and change forms' fields in page order, for the error summary (the date links to its day input). */
export const ACTION_FIELDS = ["title", "detail", "assignedOrganisationId", "assignedUserId", "dueDate"] as const;

// ───────────────────────────── Status ─────────────────────────────

/** `happenedOn`: the day it was done or cancelled, when recorded afterwards (lib/history); null for today. */
export type ActionStatusInput = {
  status: ActionStatus;
  outcome: string | null;
  cancelReason: string | null;
  happenedOn?: CalendarDay | null;
};

/**
 * Moving an action on: open, in progress, done (the outcome is required) or cancelled (the reason
 * is required). The "Complete" form on the action lists posts status DONE with an outcome.
 */
export const ZActionStatusForm = z
  .preprocess(
    withHappenedOn,
    z.object({
      caseId: ZCaseId,
      actionId: ZActionId,
      version: ZVersion,
      status: z.enum(ActionStatus, { error: "Select the new status" }),
      outcome: optionalNote("outcome"),
      cancelReason: optionalNote("reason"),
      /** Where to go afterwards: an action list's address (checked), or the case. */
      returnTo: z.string().optional(),
      [HAPPENED_ON]: ZHappenedOn,
    }),
  )
  .superRefine((form, ctx) => {
    if (form.status === "DONE" && !form.outcome)
      ctx.addIssue({ code: "custom", path: ["outcome"], message: "Enter the outcome: what was done" });
    if (form.status === "CANCELLED" && !form.cancelReason)
      ctx.addIssue({ code: "custom", path: ["cancelReason"], message: "Enter why the action is being cancelled" });
  })
  .transform((form) => ({
    caseId: form.caseId,
    actionId: form.actionId,
    version: form.version,
    returnTo: safeReturnTo(form.returnTo),
    input: {
      status: form.status,
      outcome: form.status === "DONE" ? form.outcome : null,
      cancelReason: form.status === "CANCELLED" ? form.cancelReason : null,
      happenedOn: form.status === "DONE" || form.status === "CANCELLED" ? form.happenedOn : null,
    } satisfies ActionStatusInput,
  }));

export const ACTION_STATUS_FIELDS = ["status", "outcome", "cancelReason", HAPPENED_ON] as const;

/** Only the action lists' own addresses are followed after a change: never a link elsewhere. */
export function safeReturnTo(value: string | undefined): string | null {
  return value && /^\/actions(\?[\w\-=&%.+]*)?$/.test(value) ? value : null;
}
