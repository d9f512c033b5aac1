"use server";

import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor-type";
import { runFormAction } from "@/lib/form-action";
import { NotFoundError } from "@/lib/errors";
import { CASE_NOT_FOUND, type CaseConflict, type CaseFormState, type CaseNotice } from "@/lib/cases/form-state";
import { formatDate } from "@/lib/format/dates";
import { ActionChangedError, changeActionStatus, createAction, getAction, updateAction } from "./data";
import { ACTION_STATUS_LABELS } from "./labels";
import { ZActionStatusForm, ZEditActionForm, ZNewActionForm, type ActionInput } from "./schema";

// The action forms' server actions: check who is asking, parse with the form's schema, call the
// data layer (which applies every rule), and turn its expected errors into words on the form.
// Anything else is unexpected and goes to the error page with a reference.

const NO_PERMISSION: CaseFormState = { status: "error", message: "You do not have permission to add or change actions." };
const NOT_FOUND = "This action cannot be found. It may have been removed, or you may no longer have access to its case.";

const caseUrl = (caseId: string, notice: CaseNotice) => `/cases/${caseId}?notice=${notice}#actions`;

function submit<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  perform: (actor: Actor, data: z.output<S>, values: Record<string, string | string[]>) => Promise<string | CaseFormState>,
): Promise<CaseFormState> {
  return runFormAction(formData, {
    permission: "case:write",
    noPermission: NO_PERMISSION,
    schema,
    // An action that is gone has its own words; a case that is gone, the case's.
    errorState: (error, values) =>
      error instanceof NotFoundError && error.message === "No such action" ? { status: "error", message: NOT_FOUND, values } : null,
    notFound: CASE_NOT_FOUND,
    perform,
  });
}

/** The action as the other officer left it, row by row, marking where it differs from this officer's input. */
async function conflictWith(actor: Actor, caseId: string, actionId: string, input?: ActionInput): Promise<CaseConflict> {
  const current = await getAction(actor, caseId, actionId);
  const assignee = current.assignedUser
    ? `${current.assignedOrganisation.name} (${current.assignedUser.name})`
    : current.assignedOrganisation.name;
  const rows = [
    { key: "Status", value: ACTION_STATUS_LABELS[current.status], differs: false },
    { key: "What needs to be done", value: current.title, differs: input ? input.title !== current.title : false },
    {
      key: "Assigned to",
      value: assignee,
      differs: input
        ? input.assignedOrganisationId !== current.assignedOrganisation.id || input.assignedUserId !== (current.assignedUser?.id ?? null)
        : false,
    },
    { key: "Due", value: formatDate(current.dueDate), differs: input ? input.dueDate.getTime() !== current.dueDate.getTime() : false },
  ];
  if (current.outcome) rows.push({ key: "Outcome", value: current.outcome, differs: false });
  if (current.cancelReason) rows.push({ key: "Why it was cancelled", value: current.cancelReason, differs: false });
  return { version: current.version, rows };
}

export async function addActionAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZNewActionForm, async (actor, { caseId, submissionKey, input }) => {
    await createAction(actor, caseId, input, submissionKey);
    return caseUrl(caseId, "action-added");
  });
}

export async function changeActionAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZEditActionForm, async (actor, { caseId, actionId, version, input }, values) => {
    try {
      await updateAction(actor, caseId, actionId, version, input);
    } catch (error) {
      if (!(error instanceof ActionChangedError)) throw error;
      return { status: "conflict", message: error.message, values, conflict: await conflictWith(actor, caseId, actionId, input) };
    }
    return caseUrl(caseId, "action-changed");
  });
}

const STATUS_NOTICES = { OPEN: "action-status", IN_PROGRESS: "action-status", DONE: "action-done", CANCELLED: "action-cancelled" } as const;

/** Moves an action on (from its own page, or "Complete" on an action list, which comes back to the list). */
export async function changeActionStatusAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZActionStatusForm, async (actor, { caseId, actionId, version, input, returnTo }, values) => {
    try {
      await changeActionStatus(actor, caseId, actionId, version, input);
    } catch (error) {
      if (!(error instanceof ActionChangedError)) throw error;
      return { status: "conflict", message: error.message, values, conflict: await conflictWith(actor, caseId, actionId) };
    }
    const notice = STATUS_NOTICES[input.status];
    if (!returnTo) return caseUrl(caseId, notice);
    const back = new URL(returnTo, "http://localhost");
    back.searchParams.set("notice", notice);
    return `${back.pathname}${back.search}`;
  });
}
