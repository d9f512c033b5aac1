"use server";

import type { Actor } from "@/lib/auth/actor-type";
import { runCommand, runFormAction } from "@/lib/form-action";
import { CaseChangedError } from "@/lib/cases/data";
import { CASE_NOT_FOUND, type CaseFormState } from "@/lib/cases/form-state";
import { formatDate } from "@/lib/format/dates";
import { addQualifyingComplaint, getCommunityTrigger, removeQualifyingComplaint, saveCommunityTrigger } from "./data";
import {
  COMPLAINT_DATES,
  TRIGGER_DATES,
  withDateParts,
  ZComplaintForm,
  ZRemoveComplaintForm,
  ZTriggerForm,
  type TriggerDetailsInput,
} from "./schema";

// The Community Trigger forms' server actions (lib/form-action runs them). Each change ends on the
// Community Trigger page, whose notice is a key from the URL, never what was typed.

const NO_PERMISSION: CaseFormState = { status: "error", message: "You do not have permission to change cases." };
const pageUrl = (caseId: string, notice: string) => `/cases/${caseId}/community-trigger?notice=${notice}`;

export async function saveCommunityTriggerAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return runFormAction(formData, {
    permission: "case:write",
    noPermission: NO_PERMISSION,
    schema: ZTriggerForm,
    input: (values) => withDateParts(values, TRIGGER_DATES),
    notFound: CASE_NOT_FOUND,
    errorState: async (error, values, actor): Promise<CaseFormState | null> => {
      if (!(error instanceof CaseChangedError)) return null;
      // Show what the other officer saved; the form keeps this officer's input as typed.
      const parsed = ZTriggerForm.safeParse(withDateParts(values, TRIGGER_DATES));
      if (!parsed.success) return null;
      return {
        status: "conflict",
        message: error.message,
        values,
        conflict: await conflictWith(actor, parsed.data.caseId, error.currentVersion, parsed.data.input),
      };
    },
    perform: async (actor, { caseId, version, input }) => {
      const saved = await saveCommunityTrigger(actor, caseId, version, input);
      return pageUrl(caseId, saved.created ? "recorded" : saved.changed.length > 0 ? "saved" : "unchanged");
    },
  });
}

/** The Community Trigger as it stands now, row by row, marking where it differs from this officer's input. */
async function conflictWith(
  actor: Actor,
  caseId: string,
  version: number,
  input: TriggerDetailsInput,
): Promise<NonNullable<CaseFormState["conflict"]>> {
  const now = await getCommunityTrigger(actor, caseId);
  const yesNo = (v: boolean) => (v ? "Yes" : "No");
  const day = (d: Date | null) => (d ? formatDate(d) : "Not recorded");
  const inputName = input.applicant.kind === "name" ? input.applicant.name : null;
  const inputPerson = input.applicant.kind === "person" ? input.applicant.personId : null;
  if (!now) return { version, rows: [] };
  return {
    version,
    rows: [
      {
        key: "Date of application",
        value: formatDate(now.applicationDate),
        differs: now.applicationDate.getTime() !== input.applicationDate.getTime(),
      },
      {
        key: "Applicant",
        value: now.applicant.name,
        differs: inputPerson ? now.applicant.person?.id !== inputPerson : now.applicant.name !== inputName,
      },
      { key: "Case review carried out", value: yesNo(now.reviewCarriedOut), differs: now.reviewCarriedOut !== input.reviewCarriedOut },
      { key: "Date of the case review", value: day(now.reviewDate), differs: day(now.reviewDate) !== day(input.reviewDate) },
      { key: "Recommendations", value: now.recommendations ?? "None", differs: now.recommendations !== input.recommendations },
      {
        key: "Escalation asked for",
        value: yesNo(now.escalationRequested),
        differs: now.escalationRequested !== input.escalationRequested,
      },
      {
        key: "Outcome of the escalation",
        value: now.escalationOutcome ?? "None",
        differs: now.escalationOutcome !== input.escalationOutcome,
      },
      { key: "Qualifying complaints", value: String(now.complaints.length), differs: false },
    ],
  };
}

export async function addComplaintAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return runFormAction(formData, {
    permission: "case:write",
    noPermission: NO_PERMISSION,
    schema: ZComplaintForm,
    input: (values) => withDateParts(values, COMPLAINT_DATES),
    notFound: CASE_NOT_FOUND,
    perform: async (actor, { caseId, input }) => {
      await addQualifyingComplaint(actor, caseId, input);
      return pageUrl(caseId, "complaint-added");
    },
  });
}

/** "Remove" in the complaints table: its problems are shown on the Community Trigger page. */
export async function removeComplaintAction(formData: FormData): Promise<void> {
  await runCommand(formData, {
    permission: "case:write",
    schema: ZRemoveComplaintForm,
    perform: (actor, { caseId, complaintId }) => removeQualifyingComplaint(actor, caseId, complaintId),
    next: ({ caseId }, problem) => pageUrl(caseId, problem ?? "complaint-removed"),
  });
}
