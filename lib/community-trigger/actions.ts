"use server";

import { notFound, redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor-type";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { formValues, parseWith } from "@/lib/forms";
import { CaseChangedError } from "@/lib/cases/data";
import { caseFormErrorState, type CaseFormState } from "@/lib/cases/form-state";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/format/dates";
import { addQualifyingComplaint, getCommunityTrigger, removeQualifyingComplaint, saveCommunityTrigger } from "./data";
import { COMPLAINT_DATES, TRIGGER_DATES, withDateParts, ZComplaintForm, ZRemoveComplaintForm, ZTriggerForm, type TriggerDetailsInput } from "./schema";
import { refuseWith } from "@/lib/auth/refuse";
import { refuseMalformed } from "@/lib/auth/refuse";

// The Community Trigger forms' server actions. Each change ends on the Community Trigger page,
// whose notice is a key from the URL, never what was typed.

const NO_PERMISSION: CaseFormState = { status: "error", message: "You do not have permission to change cases." };
const pageUrl = (caseId: string, notice: string) => `/cases/${caseId}/community-trigger?notice=${notice}`;

export async function saveCommunityTriggerAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  const actor = await requireActor();
  if (!can(actor, "case:write")) return refuseWith(actor, "case:write", NO_PERMISSION);
  const values = formValues(formData);
  const parsed = parseWith(ZTriggerForm, withDateParts(values, TRIGGER_DATES), values);
  if (!parsed.ok) return parsed.state;
  const { caseId, version, input } = parsed.data;
  let notice: string;
  try {
    const saved = await saveCommunityTrigger(actor, caseId, version, input);
    notice = saved.created ? "recorded" : saved.changed.length > 0 ? "saved" : "unchanged";
  } catch (error) {
    if (error instanceof CaseChangedError) {
      // Show what the other officer saved; the form keeps this officer's input as typed.
      return { status: "conflict", message: error.message, values, conflict: await conflictWith(actor, caseId, error.currentVersion, input) };
    }
    const state = caseFormErrorState(error, values);
    if (state) return state;
    throw error;
  }
  redirect(pageUrl(caseId, notice));
}

/** The Community Trigger as it stands now, row by row, marking where it differs from this officer's input. */
async function conflictWith(actor: Actor, caseId: string, version: number, input: TriggerDetailsInput): Promise<NonNullable<CaseFormState["conflict"]>> {
  const now = await getCommunityTrigger(actor, caseId);
  const yesNo = (v: boolean) => (v ? "Yes" : "No");
  const day = (d: Date | null) => (d ? formatDate(d) : "Not recorded");
  const inputName = input.applicant.kind === "name" ? input.applicant.name : null;
  const inputPerson = input.applicant.kind === "person" ? input.applicant.personId : null;
  if (!now) return { version, rows: [] };
  return {
    version,
    rows: [
      { key: "Date of application", value: formatDate(now.applicationDate), differs: now.applicationDate.getTime() !== input.applicationDate.getTime() },
      { key: "Applicant", value: now.applicant.name, differs: inputPerson ? now.applicant.person?.id !== inputPerson : now.applicant.name !== inputName },
      { key: "Case review carried out", value: yesNo(now.reviewCarriedOut), differs: now.reviewCarriedOut !== input.reviewCarriedOut },
      { key: "Date of the case review", value: day(now.reviewDate), differs: day(now.reviewDate) !== day(input.reviewDate) },
      { key: "Recommendations", value: now.recommendations ?? "None", differs: now.recommendations !== input.recommendations },
      { key: "Escalation asked for", value: yesNo(now.escalationRequested), differs: now.escalationRequested !== input.escalationRequested },
      { key: "Outcome of the escalation", value: now.escalationOutcome ?? "None", differs: now.escalationOutcome !== input.escalationOutcome },
      { key: "Qualifying complaints", value: String(now.complaints.length), differs: false },
    ],
  };
}

export async function addComplaintAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  const actor = await requireActor();
  if (!can(actor, "case:write")) return refuseWith(actor, "case:write", NO_PERMISSION);
  const values = formValues(formData);
  const parsed = parseWith(ZComplaintForm, withDateParts(values, COMPLAINT_DATES), values);
  if (!parsed.ok) return parsed.state;
  const { caseId, input } = parsed.data;
  try {
    await addQualifyingComplaint(actor, caseId, input);
  } catch (error) {
    const state = caseFormErrorState(error, values);
    if (state) return state;
    throw error;
  }
  redirect(pageUrl(caseId, "complaint-added"));
}

/** "Remove" in the complaints table: its problems are shown on the Community Trigger page. */
export async function removeComplaintAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const parsed = ZRemoveComplaintForm.safeParse(formValues(formData));
  if (!parsed.success) {
    await refuseMalformed(actor, null);
    notFound();
  }
  const { caseId, complaintId } = parsed.data;
  let notice = "complaint-removed";
  try {
    await removeQualifyingComplaint(actor, caseId, complaintId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ForbiddenError) notice = "forbidden";
    else if (error instanceof ConflictError || error instanceof ValidationError) notice = "conflict";
    else throw error;
  }
  redirect(pageUrl(caseId, notice));
}
