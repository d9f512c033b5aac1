import { z } from "zod";
import { checkDateParts } from "@/lib/incidents/date-fields";
import { calendarDate, londonToday } from "@/lib/format/dates";
import { ZOptionalId, ZOptionalText, ZVersion } from "@/lib/forms";

// The Community Trigger forms: the application with its review and escalation (one form, saved
// at the case's version), and a qualifying complaint. Dates come as three boxes each
// (`applicationDate-day` …), gathered by withDateParts so an error on any box is reported against
// the date. thresholdMet is not a field: lib/community-trigger/data works it out.

export const APPLICANT_NAME_MAX = 200;
export const TEXT_MAX = 5000;
export const MADE_TO_MAX = 200;
export const PROBLEM_MAX = 500;
/** The radio value for "a different problem" on the complaint form. */
export const NEW_PROBLEM = "new";

const ZCaseId = z.uuid({ error: "This case cannot be found. Go back to the case and try again." });
const ZYesNo = (error: string) => z.enum(["yes", "no"], { error }).transform((v) => v === "yes");

/** FormData values with each named date's three boxes gathered into one value. */
export function withDateParts(values: Record<string, string | string[]>, dates: readonly string[]): Record<string, unknown> {
  const one = (key: string) => {
    const value = values[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    ...values,
    ...Object.fromEntries(dates.map((d) => [d, { day: one(`${d}-day`), month: one(`${d}-month`), year: one(`${d}-year`) }])),
  };
}

/** Where the error summary takes the user: a date's day box, otherwise the field itself. */
export const triggerFieldHref = (dates: readonly string[]) => (field: string) => (dates.includes(field) ? `#${field}-day` : `#${field}`);

/** A calendar day from three boxes; `subject` names it in lower case ("the date of the application"). */
function calendarDay(subject: string, options: { required: boolean; notFuture: boolean }) {
  return z
    .object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() })
    .optional()
    .transform((parts, ctx) => {
      // Its own bounds, checked below, are narrower than the service's (2014 to today when not future).
      const checked = checkDateParts(parts ?? {}, subject, options.required, {
        earliestYear: 1,
        latestYear: options.notFuture ? 9999 : undefined,
      });
      if (!checked.ok) {
        ctx.addIssue({ code: "custom", message: checked.message });
        return z.NEVER;
      }
      if (!checked.value) return null;
      const date = calendarDate(checked.value.year, checked.value.month, checked.value.day);
      if (checked.value.year < 2014) {
        // The Community Trigger began with the 2014 Act.
        ctx.addIssue({ code: "custom", message: `${subject.charAt(0).toUpperCase()}${subject.slice(1)} must be in 2014 or later` });
        return z.NEVER;
      }
      if (options.notFuture && date.getTime() > londonToday().getTime()) {
        ctx.addIssue({ code: "custom", message: `${subject.charAt(0).toUpperCase()}${subject.slice(1)} must be today or in the past` });
        return z.NEVER;
      }
      return date;
    });
}

// ───────────────────────────── The application, review and escalation ─────────────────────────────

export const TRIGGER_DATES = ["applicationDate", "reviewDate"] as const;
export const TRIGGER_FIELDS = [
  "applicationDate",
  "applicant",
  "applicantPersonId",
  "applicantName",
  "reviewCarriedOut",
  "reviewDate",
  "recommendations",
  "escalationRequested",
  "escalationOutcome",
] as const;

export const ZTriggerForm = z
  .object({
    caseId: ZCaseId,
    version: ZVersion,
    applicationDate: calendarDay("the date of the application", { required: true, notFuture: true }),
    applicant: z.enum(["person", "name"], { error: "Select whether the applicant is already recorded as a person" }),
    applicantPersonId: ZOptionalId("Search for the applicant and select them from the list"),
    applicantName: ZOptionalText("The applicant's name", APPLICANT_NAME_MAX),
    reviewCarriedOut: ZYesNo("Select whether the case review has been carried out"),
    reviewDate: calendarDay("the date of the case review", { required: false, notFuture: false }),
    recommendations: ZOptionalText("The recommendations", TEXT_MAX),
    escalationRequested: ZYesNo("Select whether the applicant asked for the review to be escalated"),
    escalationOutcome: ZOptionalText("The outcome of the escalation", TEXT_MAX),
  })
  // Runs even when a field has its own error, so every problem is listed at once; a field that
  // failed to parse is not a Date here, and is left to its own message.
  .superRefine(
    (form, ctx) => {
      const day = (d: unknown) => (d instanceof Date ? d : null);
      const applicationDate = day(form.applicationDate);
      const reviewDate = day(form.reviewDate);
      if (form.applicant === "person" && !form.applicantPersonId) {
        ctx.addIssue({ code: "custom", path: ["applicantPersonId"], message: "Search for the applicant and select them from the list" });
      }
      if (form.applicant === "name" && !form.applicantName) {
        ctx.addIssue({ code: "custom", path: ["applicantName"], message: "Enter the applicant's name" });
      }
      if (form.reviewCarriedOut === true && form.reviewDate === null) {
        ctx.addIssue({ code: "custom", path: ["reviewDate"], message: "Enter the date the case review was carried out" });
      }
      if (form.reviewCarriedOut === true && reviewDate && reviewDate.getTime() > londonToday().getTime()) {
        ctx.addIssue({
          code: "custom",
          path: ["reviewDate"],
          message: "A review that has been carried out must have a date today or in the past",
        });
      }
      if (reviewDate && applicationDate && reviewDate < applicationDate) {
        ctx.addIssue({
          code: "custom",
          path: ["reviewDate"],
          message: "The date of the case review must be the same as or after the date of the application",
        });
      }
    },
    { when: () => true },
  )
  .transform((form) => ({
    caseId: form.caseId,
    version: form.version,
    input: {
      applicationDate: form.applicationDate!,
      applicant:
        form.applicant === "person"
          ? { kind: "person" as const, personId: form.applicantPersonId! }
          : { kind: "name" as const, name: form.applicantName! },
      reviewCarriedOut: form.reviewCarriedOut,
      reviewDate: form.reviewDate,
      recommendations: form.recommendations,
      escalationRequested: form.escalationRequested,
      // An outcome only means something when escalation was asked for.
      escalationOutcome: form.escalationRequested ? form.escalationOutcome : null,
    },
  }));

export type TriggerDetailsInput = z.output<typeof ZTriggerForm>["input"];

// ───────────────────────────── A qualifying complaint ─────────────────────────────

export const COMPLAINT_DATES = ["incidentDate", "complaintDate"] as const;
export const COMPLAINT_FIELDS = ["incidentId", "incidentDate", "complaintDate", "madeTo", "problemChoice", "problemText"] as const;

export const ZComplaintForm = z
  .object({
    caseId: ZCaseId,
    incidentId: ZOptionalId("Select an incident from the list"),
    incidentDate: calendarDay("the date of the incident", { required: false, notFuture: true }),
    complaintDate: calendarDay("the date the complaint was made", { required: true, notFuture: true }),
    madeTo: z
      .string({ error: "Enter who the complaint was made to" })
      .trim()
      .min(1, "Enter who the complaint was made to")
      .max(MADE_TO_MAX, `Who the complaint was made to must be ${MADE_TO_MAX} characters or fewer`),
    /** Present (as "yes") when the form offered the problems already recorded as radios. */
    problemOffered: z.string().optional(),
    problemChoice: z.string().optional(),
    problemText: ZOptionalText("The problem", PROBLEM_MAX),
  })
  // Runs even when a field has its own error, so every problem is listed at once.
  .superRefine(
    (form, ctx) => {
      if (!form.incidentId && form.incidentDate === null) {
        ctx.addIssue({
          code: "custom",
          path: ["incidentDate"],
          message: "Enter the date of the incident, or select the incident it was about",
        });
      }
      if (form.incidentDate instanceof Date && form.complaintDate instanceof Date && form.complaintDate < form.incidentDate) {
        ctx.addIssue({
          code: "custom",
          path: ["complaintDate"],
          message: "The date the complaint was made must be the same as or after the date of the incident",
        });
      }
      const offered = form.problemOffered === "yes";
      if (offered && form.problemChoice && form.problemChoice.length > PROBLEM_MAX) {
        ctx.addIssue({ code: "custom", path: ["problemChoice"], message: "Select the problem from the list" });
      } else if (offered && !form.problemChoice) {
        ctx.addIssue({ code: "custom", path: ["problemChoice"], message: "Select the problem the complaint was about" });
      } else if ((!offered || form.problemChoice === NEW_PROBLEM) && !form.problemText) {
        ctx.addIssue({ code: "custom", path: ["problemText"], message: "Describe the problem the complaint was about" });
      }
    },
    { when: () => true },
  )
  .transform((form) => ({
    caseId: form.caseId,
    input: {
      incidentId: form.incidentId,
      incidentDate: form.incidentDate,
      complaintDate: form.complaintDate!,
      madeTo: form.madeTo,
      problem: form.problemOffered === "yes" && form.problemChoice !== NEW_PROBLEM ? form.problemChoice! : form.problemText!,
    },
  }));

export type ComplaintInput = z.output<typeof ZComplaintForm>["input"];

export const ZRemoveComplaintForm = z.object({ caseId: ZCaseId, complaintId: z.uuid({ error: "Select a complaint" }) });
