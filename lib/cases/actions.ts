"use server";

import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor-type";
import { runCommand, runFormAction } from "@/lib/form-action";
import { RISK_LEVEL_LABELS } from "@/lib/incidents/labels";
import { formatDate } from "@/lib/format/dates";
import { recordedLater } from "@/lib/history/happened";
import {
  addCaseNote,
  addPersonToCase,
  addPlaceToCase,
  CaseChangedError,
  changeCaseStatus,
  closingCheck,
  correctTimelineEntry,
  getCaseSummary,
  linkIncidents,
  openCase,
  removePersonFromCase,
  removePlaceFromCase,
  shareCase,
  unlinkIncident,
  updateCaseDetails,
  withdrawShare,
} from "./data";
import { CLOSURE_REASON_LABELS } from "./labels";
import { CASE_NOT_FOUND, type CaseFormState, type CaseNotice, type CaseProblem } from "./form-state";
import {
  ZAddPersonForm,
  ZAddPlaceForm,
  ZCaseDetailsForm,
  ZCorrectionForm,
  ZLinkIncidentsForm,
  ZNewCaseForm,
  ZNoteForm,
  ZRemovePersonForm,
  ZRemovePlaceForm,
  ZShareForm,
  ZStatusForm,
  ZUnlinkIncidentForm,
  ZWithdrawShareForm,
  type CaseDetailsInput,
} from "./schema";

// The case forms' server actions: check who is asking, parse with the form's schema, call the
// data layer (which applies every rule), and turn its expected errors into words on the form.
// Anything else is unexpected and goes to the error page with a reference.

const NO_PERMISSION: CaseFormState = { status: "error", message: "You do not have permission to open or change cases." };

const caseUrl = (caseId: string, notice: CaseNotice, anchor = "") => `/cases/${caseId}?notice=${notice}${anchor}`;

/**
 * A form's action: parse `formData` with `schema`, then `perform` the change. `perform` answers
 * where to go next, or a state for the form (a conflict, a check before submitting). Field errors,
 * and expected errors from the data layer, come back to the form with what was typed.
 */
function submit<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  perform: (actor: Actor, input: z.output<S>, values: Record<string, string | string[]>) => Promise<string | CaseFormState>,
): Promise<CaseFormState> {
  return runFormAction(formData, { permission: "case:write", noPermission: NO_PERMISSION, schema, notFound: CASE_NOT_FOUND, perform });
}

/** A one-click change (remove): its problems are shown on the case page, by key. */
function command<S extends z.ZodType<{ caseId: string }>>(
  formData: FormData,
  schema: S,
  perform: (actor: Actor, input: z.output<S>) => Promise<unknown>,
  notice: CaseNotice,
  anchor: string,
): Promise<never> {
  return runCommand(formData, {
    permission: "case:write",
    schema,
    perform,
    next: ({ caseId }, problem: CaseProblem | null) =>
      problem ? `/cases/${caseId}?problem=${problem}${anchor}` : caseUrl(caseId, notice, anchor),
  });
}

// ───────────────────────────── Opening and changing a case ─────────────────────────────

export async function openCaseAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZNewCaseForm, async (actor, { input, submissionKey }) => {
    const opened = await openCase(actor, input, submissionKey);
    // A Community Trigger case goes straight on to its application (lib/community-trigger).
    if (input.kind === "COMMUNITY_TRIGGER") return `/cases/${opened.id}/community-trigger/edit?opened=1`;
    return caseUrl(opened.id, "opened");
  });
}

export async function saveCaseDetailsAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZCaseDetailsForm, async (actor, { caseId, version, ...input }, values) => {
    try {
      await updateCaseDetails(actor, caseId, version, input);
    } catch (error) {
      if (!(error instanceof CaseChangedError)) throw error;
      // Show what the other officer saved; the form keeps this officer's input as typed.
      return { status: "conflict", message: error.message, values, conflict: await conflictWith(actor, caseId, input) };
    }
    return caseUrl(caseId, "updated");
  });
}

/** The case as the other officer saved it, row by row, marking where it differs from this officer's input. */
async function conflictWith(actor: Actor, caseId: string, input: CaseDetailsInput): Promise<NonNullable<CaseFormState["conflict"]>> {
  const current = await getCaseSummary(actor, caseId);
  return {
    version: current.version,
    rows: [
      { key: "Title", value: current.title, differs: current.title !== input.title },
      { key: "Summary", value: current.summary ?? "None", differs: (current.summary ?? null) !== input.summary },
      { key: "Risk level", value: RISK_LEVEL_LABELS[current.riskLevel], differs: current.riskLevel !== input.riskLevel },
      { key: "Lead organisation", value: current.leadOrganisation.name, differs: current.leadOrganisation.id !== input.leadOrganisationId },
      {
        key: "Lead officer",
        value: current.leadOfficer?.name ?? "Not assigned",
        differs: (current.leadOfficer?.id ?? null) !== input.leadOfficerId,
      },
    ],
  };
}

/**
 * Status changes. Closing is checked before it is done: the first post answers with what closing
 * will do (reason, open actions), and only a second post with `confirmed=yes` closes the case.
 */
export async function changeStatusAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZStatusForm, async (actor, { caseId, version, confirmed, ...input }, values) => {
    if (input.status === "CLOSED" && !confirmed) {
      const now = new Date();
      const { openActions, closedAt } = await closingCheck(actor, caseId, input.happenedOn, now);
      const closedOn = recordedLater(closedAt, now) ? formatDate(closedAt) : null;
      return {
        status: "idle",
        values,
        closing: { reason: CLOSURE_REASON_LABELS[input.closureReason!], note: input.note, openActions, closedOn },
      };
    }
    await changeCaseStatus(actor, caseId, version, input);
    return caseUrl(caseId, "status");
  });
}

// ───────────────────────────── Sharing ─────────────────────────────

export async function shareCaseAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZShareForm, async (actor, { caseId, organisationId, happenedOn }) => {
    await shareCase(actor, caseId, organisationId, happenedOn);
    return caseUrl(caseId, "shared", "#sharing");
  });
}

/** Withdrawing a share, from its own page (it takes the day it was withdrawn, and is checked there). */
export async function withdrawShareAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZWithdrawShareForm, async (actor, { caseId, organisationId, happenedOn }) => {
    await withdrawShare(actor, caseId, organisationId, happenedOn);
    return caseUrl(caseId, "share-withdrawn", "#sharing");
  });
}

// ───────────────────────────── Incidents, people and places ─────────────────────────────

export async function linkIncidentsAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZLinkIncidentsForm, async (actor, { caseId, references }) => {
    await linkIncidents(actor, caseId, references);
    return caseUrl(caseId, "incidents-linked", "#incidents");
  });
}

export async function unlinkIncidentAction(formData: FormData): Promise<void> {
  await command(
    formData,
    ZUnlinkIncidentForm,
    (actor, { caseId, incidentId }) => unlinkIncident(actor, caseId, incidentId),
    "incident-unlinked",
    "#incidents",
  );
}

export async function addPersonAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZAddPersonForm, async (actor, { caseId, personId, role }) => {
    await addPersonToCase(actor, caseId, personId, role);
    return caseUrl(caseId, "person-added", "#people");
  });
}

export async function removePersonAction(formData: FormData): Promise<void> {
  await command(
    formData,
    ZRemovePersonForm,
    (actor, { caseId, personId, role }) => removePersonFromCase(actor, caseId, personId, role),
    "person-removed",
    "#people",
  );
}

export async function addPlaceAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZAddPlaceForm, async (actor, { caseId, locationId }) => {
    await addPlaceToCase(actor, caseId, locationId);
    return caseUrl(caseId, "place-added", "#places");
  });
}

export async function removePlaceAction(formData: FormData): Promise<void> {
  await command(
    formData,
    ZRemovePlaceForm,
    (actor, { caseId, locationId }) => removePlaceFromCase(actor, caseId, locationId),
    "place-removed",
    "#places",
  );
}

// ───────────────────────────── The timeline ─────────────────────────────

export async function addNoteAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZNoteForm, async (actor, { caseId, text, submissionKey }) => {
    await addCaseNote(actor, caseId, text, submissionKey);
    return caseUrl(caseId, "note", "#timeline");
  });
}

export async function correctEntryAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return submit(formData, ZCorrectionForm, async (actor, { caseId, entryId, text }) => {
    await correctTimelineEntry(actor, caseId, entryId, text);
    return caseUrl(caseId, "corrected", `#entry-${entryId}`);
  });
}
