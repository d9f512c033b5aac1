"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { formValues, parseWith, type FormState } from "@/lib/forms";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { runFormAction } from "@/lib/form-action";
import { expectedErrorState } from "@/lib/forms";
import { addCaseToAgenda, AgendaItemChangedError, cancelMeeting, checkCancelMeeting, closeMeeting, moveAgendaItem, saveAgendaItem, scheduleMeeting, startMeeting } from "./data";
import type { MeetingFormState } from "./form-state";
import { ZAddToAgendaForm, ZAgendaItemRecord, ZCancelMeetingForm, ZMeetingVersionForm, ZMoveAgendaItem, ZScheduleMeetingForm } from "./schema";
import { z } from "zod";
import { refuseWith } from "@/lib/auth/refuse";
import { refuseMalformed } from "@/lib/auth/refuse";

// The meetings forms' server actions: check who is asking, parse with the form's schema, call the
// data layer (which applies every rule, ./access.ts), and turn its expected errors into words.

const NOT_FOUND = "This meeting cannot be found. It may have been removed, or you may no longer have access to it.";
const NO_PERMISSION = "Only a chair of the panel can do that.";

function errorState(error: unknown, values?: Record<string, string | string[]>): FormState {
  if (error instanceof ValidationError) return { status: "invalid", fieldErrors: error.fieldErrors, values };
  if (error instanceof ConflictError) return { status: "conflict", message: error.message, values };
  if (error instanceof ForbiddenError) return { status: "error", message: error.message, values };
  if (error instanceof NotFoundError) return { status: "error", message: NOT_FOUND, values };
  throw error;
}

function revalidateMeeting(meetingId: string) {
  revalidatePath(`/meetings/${meetingId}`, "layout");
  revalidatePath("/meetings");
}

export async function scheduleMeetingAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  if (!can(actor, "meeting:run")) return refuseWith(actor, "meeting:run", { status: "error", message: NO_PERMISSION });
  const values = formValues(formData);
  const parsed = parseWith(ZScheduleMeetingForm, values, values);
  if (!parsed.ok) return parsed.state;
  let id: string;
  try {
    ({ id } = await scheduleMeeting(actor, parsed.data.input, parsed.data.submissionKey));
  } catch (error) {
    return errorState(error, values);
  }
  revalidatePath("/meetings");
  redirect(`/meetings/${id}?notice=scheduled`);
}

export async function addToAgendaAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const parsed = parseWith(ZAddToAgendaForm, values, values);
  if (!parsed.ok) return parsed.state;
  try {
    await addCaseToAgenda(actor, parsed.data.meetingId, { reference: parsed.data.caseReference });
  } catch (error) {
    return errorState(error, values);
  }
  revalidateMeeting(parsed.data.meetingId);
  redirect(`/meetings/${parsed.data.meetingId}?notice=added#agenda`);
}

/** A review candidate's "Add to agenda" button (a plain form: works without JavaScript). */
export async function addReviewCaseAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const parsed = z.object({ meetingId: z.uuid(), caseId: z.uuid() }).safeParse(formValues(formData));
  if (!parsed.success) redirect("/meetings");
  const { meetingId, caseId } = parsed.data;
  let notice = "added";
  try {
    await addCaseToAgenda(actor, meetingId, { caseId });
  } catch (error) {
    if (error instanceof NotFoundError) redirect("/meetings");
    if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
    notice = "not-added";
  }
  revalidateMeeting(meetingId);
  redirect(`/meetings/${meetingId}?notice=${notice}#agenda`);
}

export type MoveResult = { ok: boolean; message?: string };

/** Move up / move down on the agenda (called by the agenda's buttons, which keep focus). */
export async function moveAgendaItemAction(input: { meetingId: string; itemId: string; direction: "up" | "down" }): Promise<MoveResult> {
  const actor = await requireActor();
  const parsed = ZMoveAgendaItem.safeParse(input);
  if (!parsed.success) return { ok: false, message: "That item cannot be moved. Reload the page and try again." };
  try {
    await moveAgendaItem(actor, parsed.data.meetingId, parsed.data.itemId, parsed.data.direction);
  } catch (error) {
    const state = errorState(error);
    return { ok: false, message: state.message ?? "That item cannot be moved." };
  }
  revalidateMeeting(parsed.data.meetingId);
  return { ok: true };
}

export async function startMeetingAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const parsed = parseWith(ZMeetingVersionForm, values, values);
  if (!parsed.ok) return refuseMalformed(actor, { status: "error", message: "Reload the page and try again." } as const);
  try {
    await startMeeting(actor, parsed.data.meetingId, parsed.data.version);
  } catch (error) {
    return errorState(error, values);
  }
  revalidateMeeting(parsed.data.meetingId);
  redirect(`/meetings/${parsed.data.meetingId}/run`);
}

export type SaveItemResult =
  | { status: "saved"; version: number; actionsAgreed: number }
  | { status: "invalid"; fieldErrors: Record<string, string[] | undefined>; message?: string }
  | { status: "conflict" | "error"; message: string; currentVersion?: number };

/** Meeting mode: saves one case's record (a plain object from the screen, parsed here). */
export async function saveAgendaItemAction(input: unknown): Promise<SaveItemResult> {
  const actor = await requireActor();
  const parsed = ZAgendaItemRecord.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    return { status: "invalid", fieldErrors };
  }
  const { meetingId, itemId, version, record } = parsed.data;
  try {
    const saved = await saveAgendaItem(actor, meetingId, itemId, version, record);
    revalidateMeeting(meetingId);
    return { status: "saved", version: saved.version, actionsAgreed: saved.actionIds.length };
  } catch (error) {
    if (error instanceof AgendaItemChangedError) return { status: "conflict", message: error.message, currentVersion: error.currentVersion };
    const state = errorState(error);
    if (state.status === "invalid") return { status: "invalid", fieldErrors: state.fieldErrors ?? {} };
    return { status: state.status === "conflict" ? "conflict" : "error", message: state.message ?? NOT_FOUND };
  }
}

export async function closeMeetingAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const parsed = parseWith(ZMeetingVersionForm, values, values);
  if (!parsed.ok) return refuseMalformed(actor, { status: "error", message: "Reload the page and try again." } as const);
  try {
    await closeMeeting(actor, parsed.data.meetingId, parsed.data.version);
  } catch (error) {
    return errorState(error, values);
  }
  revalidateMeeting(parsed.data.meetingId);
  redirect(`/meetings/${parsed.data.meetingId}/minutes?notice=closed`);
}

/** First post: checks and shows what cancelling will do. Second post (confirmed=yes): cancels. */
export async function cancelMeetingAction(_previous: MeetingFormState, formData: FormData): Promise<MeetingFormState> {
  return runFormAction<typeof ZCancelMeetingForm, MeetingFormState>(formData, {
    permission: "meeting:run",
    noPermission: { status: "error", message: NO_PERMISSION },
    schema: ZCancelMeetingForm,
    // Conflicts (a form older than the meeting) are shown in the error summary with what was typed.
    errorState: (error, values) => expectedErrorState(error, values, NOT_FOUND),
    perform: async (actor, { meetingId, version, confirmed, input }, values) => {
      if (!confirmed) return { status: "idle", values, review: await checkCancelMeeting(actor, meetingId, version, input) };
      await cancelMeeting(actor, meetingId, version, input);
      revalidatePath("/referrals");
      revalidateMeeting(meetingId);
      return `/meetings/${meetingId}?notice=cancelled`;
    },
  });
}
