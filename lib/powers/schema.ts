import { z } from "zod";
import { BreachAction, PowerStatus } from "@/lib/generated/prisma/enums";
import { fromLondonLocal } from "@/lib/format/dates";
import { checkDateParts, type CalendarDay } from "@/lib/incidents/date-fields";
import { HAPPENED_ON, withHappenedOn, ZHappenedOn } from "@/lib/history/happened";
import { ZOptionalId, ZOptionalText, ZSubmissionKey, ZVersion } from "@/lib/forms";

// One zod schema per powers form, used by the server action (and the tests). Dates arrive as the
// three GOV.UK inputs (issuedOn-day, -month, -year) and become the London midnight of that day.
// The data layer checks what no schema can: the kind's rules, who may be the subject, the case.

export const POWER_TEXT_MAX = 4000;

/** The three inputs named `${field}-day` etc. as one London day; `subject` is for the messages. */
function dateField(subject: string, required: boolean) {
  return z.object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() }).transform((parts, ctx) => {
    const checked = checkDateParts(parts, subject, required);
    if (!checked.ok) {
      ctx.addIssue({ code: "custom", message: checked.message });
      return z.NEVER;
    }
    return checked.value ? fromLondonLocal(checked.value.year, checked.value.month, checked.value.day) : null;
  });
}

/** Gathers the flat date inputs into one value per date field, so their errors come with the others'. */
function withDates<S extends z.ZodType>(fields: readonly string[], schema: S) {
  return z.preprocess((raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const values = { ...(raw as Record<string, unknown>) };
    for (const f of fields) values[f] = { day: values[`${f}-day`], month: values[`${f}-month`], year: values[`${f}-year`] };
    return values;
  }, schema);
}

export type IssuePowerInput = {
  kindId: string;
  subjectType: "person" | "business";
  subjectPersonId: string | null;
  subjectBusinessName: string | null;
  locationId: string | null;
  caseId: string | null;
  issuingOfficerId: string | null;
  issuedAt: Date;
  expiresAt: Date | null;
  conditions: string | null;
  courtName: string | null;
  hearingAt: Date | null;
  /** The PSPO a PSPO fixed penalty notice was issued under; refused for any other kind. */
  pspoId?: string | null;
};

export const ZIssuePowerForm = withDates(
  ["issuedOn", "expiresOn", "hearingOn"],
  z
    .object({
      submissionKey: ZSubmissionKey,
      kindId: z.uuid({ error: "Select the kind of power" }),
      subjectType: z.enum(["person", "business"], { error: "Select who the power was issued to" }),
      subjectPersonId: ZOptionalId("Select the person from the list"),
      subjectBusinessName: ZOptionalText("The business or organisation name", 200),
      locationId: ZOptionalId("Select the place from the list"),
      caseId: ZOptionalId("Select the case from the list"),
      issuingOfficerId: ZOptionalId("Select the issuing officer from the list"),
      issuedOn: dateField("the date the power was issued", true),
      pspoId: ZOptionalId("Select the PSPO from the list"),
      expiresOn: dateField("the expiry date", false),
      conditions: ZOptionalText("The conditions", POWER_TEXT_MAX),
      courtName: ZOptionalText("The court name", 200),
      hearingOn: dateField("the hearing date", false),
      /** "yes" once the officer has seen the check page. */
      confirmed: z.string().optional(),
    })
    .superRefine((f, ctx) => {
      if (f.subjectType === "person" && !f.subjectPersonId)
        ctx.addIssue({ code: "custom", path: ["subjectPersonId"], message: "Select the person the power was issued to" });
      if (f.subjectType === "business" && !f.subjectBusinessName)
        ctx.addIssue({ code: "custom", path: ["subjectBusinessName"], message: "Enter the name of the business or organisation" });
    })
    .transform((f) => ({
      submissionKey: f.submissionKey,
      confirmed: f.confirmed === "yes",
      input: {
        kindId: f.kindId,
        subjectType: f.subjectType,
        subjectPersonId: f.subjectType === "person" ? f.subjectPersonId : null,
        subjectBusinessName: f.subjectType === "business" ? f.subjectBusinessName : null,
        locationId: f.locationId,
        caseId: f.caseId,
        issuingOfficerId: f.issuingOfficerId,
        issuedAt: f.issuedOn!,
        expiresAt: f.expiresOn,
        conditions: f.conditions,
        courtName: f.courtName,
        hearingAt: f.hearingOn,
        pspoId: f.pspoId,
      } satisfies IssuePowerInput,
    })),
);

export const ISSUE_POWER_FIELDS = [
  "kindId",
  "subjectType",
  "subjectPersonId",
  "subjectBusinessName",
  "locationId",
  "caseId",
  "issuingOfficerId",
  "issuedOn",
  "pspoId",
  "expiresOn",
  "conditions",
  "courtName",
  "hearingOn",
] as const;

const ZPowerId = z.uuid({ error: "This power cannot be found. Go back to the register and try again." });

/** `happenedOn`: the day the status changed, when it is recorded afterwards (lib/history); null or left out for now. */
export type PowerStatusInput = { status: PowerStatus; note: string | null; happenedOn?: CalendarDay | null };

export const ZPowerStatusForm = z.preprocess(
  withHappenedOn,
  z
    .object({
      powerId: ZPowerId,
      version: ZVersion,
      status: z.enum(PowerStatus, { error: "Select the new status" }),
      note: ZOptionalText("The note", 2000),
      [HAPPENED_ON]: ZHappenedOn,
    })
    .transform(({ powerId, version, ...input }) => ({ powerId, version, input: input satisfies PowerStatusInput })),
);

export const POWER_STATUS_FIELDS = ["status", "note", HAPPENED_ON] as const;

export type BreachInput = { breachedAt: Date; actionTaken: BreachAction; notes: string | null };

export const ZBreachForm = withDates(
  ["breachedOn"],
  z
    .object({
      powerId: ZPowerId,
      version: ZVersion,
      breachedOn: dateField("the date of the breach", true),
      actionTaken: z.enum(BreachAction, { error: "Select the action taken" }),
      notes: ZOptionalText("The notes", 2000),
    })
    .transform(({ powerId, version, breachedOn, actionTaken, notes }) => ({
      powerId,
      version,
      input: { breachedAt: breachedOn!, actionTaken, notes } satisfies BreachInput,
    })),
);

export const BREACH_FIELDS = ["breachedOn", "actionTaken", "notes"] as const;

export const BREACH_ACTION_LABELS: Record<BreachAction, string> = {
  FPN: "Fixed penalty notice (FPN)",
  PROSECUTION: "Prosecution",
  WARNING: "Warning",
  NONE: "No action",
};

export type PowerKindInput = {
  name: string;
  code: string;
  legalBasis: string;
  statutory: boolean;
  hasExpiry: boolean;
  needsCourt: boolean;
  appealable: boolean;
  allowsBusinessSubject: boolean;
};

export const POWER_KIND_FLAGS = {
  statutory: "Statutory (set out in law)",
  hasExpiry: "Has an expiry date",
  needsCourt: "Needs a court",
  appealable: "Can be appealed",
  allowsBusinessSubject: "Can be issued to a business or organisation",
} as const;

export const ZPowerKindForm = z
  .object({
    name: z
      .string({ error: "Enter the name of the power" })
      .trim()
      .min(1, "Enter the name of the power")
      .max(120, "The name must be 120 characters or fewer"),
    code: z
      .string({ error: "Enter a short code" })
      .trim()
      .toUpperCase()
      .regex(
        /^[A-Z][A-Z0-9_]{1,39}$/,
        "Enter a short code of 2 to 40 capital letters, numbers and underscores, starting with a letter, for example CPN",
      ),
    legalBasis: z
      .string({ error: "Enter the legal basis" })
      .trim()
      .min(1, "Enter the legal basis")
      .max(500, "The legal basis must be 500 characters or fewer"),
    flags: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .transform(({ flags, ...rest }): PowerKindInput => {
    const set = new Set(Array.isArray(flags) ? flags : flags ? [flags] : []);
    return {
      ...rest,
      statutory: set.has("statutory"),
      hasExpiry: set.has("hasExpiry"),
      needsCourt: set.has("needsCourt"),
      appealable: set.has("appealable"),
      allowsBusinessSubject: set.has("allowsBusinessSubject"),
    };
  });

export const POWER_KIND_FIELDS = ["name", "code", "legalBasis", "flags"] as const;
