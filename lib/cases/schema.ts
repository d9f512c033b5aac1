import { z } from "zod";
import type { CalendarDay } from "@/lib/incidents/date-fields";
import { CaseKind, CaseStatus, ClosureReason, InvolvementRole, RiskLevel } from "@/lib/generated/prisma/enums";
import { asList, ZOptionalId, ZOptionalText, ZSubmissionKey, ZVersion } from "@/lib/forms";
import { HAPPENED_ON, withHappenedOn, ZHappenedOn } from "@/lib/history/happened";

// One zod schema per case form, used by the server action (and available to the browser). Form
// values arrive as strings (repeated names as arrays) from lib/forms formValues. The data layer then
// checks what no schema can: that every id names a record the actor may see and use.

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 5000;
export const NOTE_MAX = 5000;
export const STATUS_NOTE_MAX = 2000;
/** More incidents than this in one go is a mistake (or a script): link them in batches. */
export const MAX_INCIDENTS_AT_ONCE = 50;

const ZCaseId = z.uuid({ error: "This case cannot be found. Go back to the case and try again." });
const ZKind = z.enum(CaseKind, { error: "Select the kind of case" });
const ZRisk = z.enum(RiskLevel, { error: "Select the risk level" });
const ZRole = z.enum(InvolvementRole, { error: "Select the person's role in the case" });
const ZTitle = z
  .string({ error: "Enter a title for the case" })
  .trim()
  .min(1, "Enter a title for the case")
  .max(TITLE_MAX, `The title must be ${TITLE_MAX} characters or fewer`);
const ZSummary = ZOptionalText("The summary", SUMMARY_MAX);
const ZLeadOrganisation = z.uuid({ error: "Select the lead organisation" });
const ZLeadOfficer = ZOptionalId("Select the lead officer from the list");

/** A form value that may be absent, one string or several: always a list. */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess(asList, z.array(item));
}

// ───────────────────────────── Incident references ─────────────────────────────

const REFERENCE = /^INC-(\d{4})-(\d{1,6})$/;

/**
 * "inc-2026-123, INC-2026-000124" → ["INC-2026-000123", "INC-2026-000124"], plus what did not look
 * like a reference. Officers copy references from e-mails and lists: separators and case vary.
 */
export function parseIncidentReferences(text: string): { references: string[]; invalid: string[] } {
  const references: string[] = [];
  const invalid: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const match = REFERENCE.exec(token.toUpperCase());
    if (!match) invalid.push(token);
    else {
      const reference = `INC-${match[1]}-${match[2]!.padStart(6, "0")}`;
      if (!references.includes(reference)) references.push(reference);
    }
  }
  return { references, invalid };
}

const ZIncidentReferences = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const { references, invalid } = parseIncidentReferences(text ?? "");
    if (invalid.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `${invalid.slice(0, 3).join(", ")} ${invalid.length === 1 ? "is not an incident reference" : "are not incident references"}. References look like INC-2026-000123`,
      });
      return z.NEVER;
    }
    if (references.length > MAX_INCIDENTS_AT_ONCE) {
      ctx.addIssue({ code: "custom", message: `Add up to ${MAX_INCIDENTS_AT_ONCE} incidents at a time` });
      return z.NEVER;
    }
    return references;
  });

/** "<person id>|<role>", the value of a "people from these incidents" checkbox. */
const ZPersonLink = z.string().transform((value, ctx) => {
  const [personId, role] = value.split("|");
  const id = z.uuid().safeParse(personId);
  const parsedRole = z.enum(InvolvementRole).safeParse(role);
  if (!id.success || !parsedRole.success) {
    ctx.addIssue({ code: "custom", message: "Select people from the list" });
    return z.NEVER;
  }
  return { personId: id.data, role: parsedRole.data };
});

// ───────────────────────────── Opening a case ─────────────────────────────

export const ZNewCaseForm = z.preprocess(
  withHappenedOn,
  z
    .object({
      submissionKey: ZSubmissionKey,
      kind: ZKind,
      title: ZTitle,
      summary: ZSummary,
      riskLevel: ZRisk,
      leadOrganisationId: ZLeadOrganisation,
      leadOfficerId: ZLeadOfficer,
      /** The day the case was opened, when it is recorded afterwards (lib/history); null for today. */
      [HAPPENED_ON]: ZHappenedOn,
      /** The incidents the form was opened with (checkboxes, ticked unless the officer unticked them). */
      incidentIds: listOf(z.uuid({ error: "Select incidents from the list" })),
      /** More incidents, typed as references. */
      incidentReferences: ZIncidentReferences,
      people: listOf(ZPersonLink),
      placeIds: listOf(z.uuid({ error: "Select places from the list" })),
    })
    .transform(({ submissionKey, incidentReferences, ...input }) => ({
      submissionKey,
      input: { ...input, incidentReferences: incidentReferences ?? [] },
    })),
);

/** `happenedOn` may be left out (opened today), as by the callers that open a case as it happens. */
export type NewCaseInput = Omit<z.output<typeof ZNewCaseForm>["input"], "happenedOn"> & { happenedOn?: CalendarDay | null };

/** The new-case form's fields in page order, for the error summary. */
export const NEW_CASE_FIELDS = [
  "kind",
  "title",
  "summary",
  "riskLevel",
  "leadOrganisationId",
  "leadOfficerId",
  HAPPENED_ON,
  "incidentIds",
  "incidentReferences",
  "people",
  "placeIds",
] as const;

// ───────────────────────────── Changing a case ─────────────────────────────

export const ZCaseDetailsForm = z.object({
  caseId: ZCaseId,
  version: ZVersion,
  title: ZTitle,
  summary: ZSummary,
  riskLevel: ZRisk,
  leadOrganisationId: ZLeadOrganisation,
  leadOfficerId: ZLeadOfficer,
});
export type CaseDetailsInput = Omit<z.output<typeof ZCaseDetailsForm>, "caseId" | "version">;
export const CASE_DETAILS_FIELDS = ["title", "summary", "riskLevel", "leadOrganisationId", "leadOfficerId"] as const;

export const ZStatusForm = z
  .preprocess(
    withHappenedOn,
    z.object({
      caseId: ZCaseId,
      version: ZVersion,
      status: z.enum(CaseStatus, { error: "Select the new status" }),
      closureReason: z
        .union([z.literal(""), z.enum(ClosureReason, { error: "Select why the case is being closed" })])
        .optional()
        .transform((v) => v || null),
      note: z
        .string()
        .trim()
        .max(STATUS_NOTE_MAX, `The note must be ${STATUS_NOTE_MAX.toLocaleString("en-GB")} characters or fewer`)
        .optional()
        .transform((v) => v || null),
      /** The day the status changed, when it is recorded afterwards (lib/history); null for today. */
      [HAPPENED_ON]: ZHappenedOn,
      /** "yes" once the officer has checked what closing will do (check before submit). */
      confirmed: z
        .string()
        .optional()
        .transform((v) => v === "yes"),
    }),
  )
  .superRefine((form, ctx) => {
    if (form.status === "CLOSED" && !form.closureReason) {
      ctx.addIssue({ code: "custom", path: ["closureReason"], message: "Select why the case is being closed" });
    }
    if (form.status === "CLOSED" && form.closureReason === "OTHER" && !form.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "Explain why the case is being closed" });
    }
  })
  .transform((form) => ({ ...form, closureReason: form.status === "CLOSED" ? form.closureReason : null }));
/** `happenedOn`: the day it changed, when recorded afterwards; null or left out for now. */
export type StatusChangeInput = {
  status: CaseStatus;
  closureReason: ClosureReason | null;
  note: string | null;
  happenedOn?: CalendarDay | null;
};
export const STATUS_FIELDS = ["status", "closureReason", "note", HAPPENED_ON] as const;

// ───────────────────────────── Sharing ─────────────────────────────

/** Sharing and withdrawing a share, each on the day it happened (lib/history: blank for today). */
export const ZShareForm = z.preprocess(
  withHappenedOn,
  z.object({
    caseId: ZCaseId,
    organisationId: z.uuid({ error: "Select the organisation to share the case with" }),
    [HAPPENED_ON]: ZHappenedOn,
  }),
);
export const SHARE_FIELDS = ["organisationId", HAPPENED_ON] as const;

export const ZWithdrawShareForm = z.preprocess(
  withHappenedOn,
  z.object({
    caseId: ZCaseId,
    organisationId: z.uuid({ error: "This share cannot be found. Go back to the case and try again." }),
    [HAPPENED_ON]: ZHappenedOn,
  }),
);
export const WITHDRAW_SHARE_FIELDS = [HAPPENED_ON] as const;

// ───────────────────────────── What the case is about ─────────────────────────────

export const ZLinkIncidentsForm = z
  .object({ caseId: ZCaseId, incidentReferences: ZIncidentReferences })
  .superRefine((form, ctx) => {
    if (form.incidentReferences && form.incidentReferences.length === 0) {
      ctx.addIssue({ code: "custom", path: ["incidentReferences"], message: "Enter the reference of at least one incident" });
    }
  })
  .transform((form) => ({ caseId: form.caseId, references: form.incidentReferences ?? [] }));

export const ZUnlinkIncidentForm = z.object({ caseId: ZCaseId, incidentId: z.uuid({ error: "Select an incident" }) });

export const ZAddPersonForm = z.object({
  caseId: ZCaseId,
  personId: z.uuid({ error: "Search for the person and select them from the list" }),
  role: ZRole,
});

export const ZRemovePersonForm = z.object({ caseId: ZCaseId, personId: z.uuid({ error: "Select a person" }), role: ZRole });

export const ZAddPlaceForm = z.object({
  caseId: ZCaseId,
  locationId: z.uuid({ error: "Search for the place and select it from the list" }),
});

export const ZRemovePlaceForm = z.object({ caseId: ZCaseId, locationId: z.uuid({ error: "Select a place" }) });

// ───────────────────────────── The timeline ─────────────────────────────

const ZText = (what: string) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .max(NOTE_MAX, `The ${what} must be ${NOTE_MAX.toLocaleString("en-GB")} characters or fewer`);

export const ZNoteForm = z.object({ caseId: ZCaseId, text: ZText("note"), submissionKey: ZSubmissionKey });

/** Timeline entry ids are big integers; they travel as decimal strings. */
export const ZEntryId = z
  .string()
  .regex(/^\d{1,18}$/, "Select an entry")
  .transform((v) => BigInt(v));

export const ZCorrectionForm = z.object({ caseId: ZCaseId, entryId: ZEntryId, text: ZText("correction") });
