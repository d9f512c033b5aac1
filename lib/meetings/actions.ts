"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runCall, runCommand, runFormAction } from "@/lib/form-action";
import { ConflictError } from "@/lib/errors";
import type { FormState } from "@/lib/forms";
import {
  addCaseToAgenda,
  AgendaItemChangedError,
  cancelMeeting,
  checkCancelMeeting,
  closeMeeting,
  correctMeeting,
  moveAgendaItem,
  rescheduleMeeting,
  saveAgendaItem,
  heldAlready,
  scheduleMeeting,
  startMeeting,
} from "./data";
import type { MeetingFormState } from "./form-state";
import {
  ZAddToAgendaForm,
  ZAgendaItemRecord,
  ZCancelMeetingForm,
  ZCorrectMeetingForm,
  ZMeetingVersionForm,
  ZMoveAgendaItem,
  ZRescheduleMeetingForm,
  ZScheduleMeetingForm,
} from "./schema";

// The meetings forms' server actions (lib/form-action runs them); the data layer applies every
// rule (./access.ts: only a chair of the panel runs its meetings).

const NOT_FOUND = "This meeting cannot be found. It may have been removed, or you may no longer have access to it.";
const NO_PERMISSION: FormState = { status: "error", message: "Only a chair of the panel can do that." };

/** A meeting changed since the form was drawn: said as a conflict, with what was typed. */
const conflictState = (error: unknown, values: Record<string, string | string[]>): FormState | null =>
  error instanceof ConflictError ? { status: "conflict", message: error.message, values } : null;

function revalidateMeeting(meetingId: string) {
  revalidatePath(`/meetings/${meetingId}`, "layout");
  revalidatePath("/meetings");
}

const chairs = { permission: "meeting:run", noPermission: NO_PERMISSION, notFound: NOT_FOUND, errorState: conflictState } as const;

export async function scheduleMeetingAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    ...chairs,
    schema: ZScheduleMeetingForm,
    perform: async (actor, { input, submissionKey }) => {
      const { id } = await scheduleMeeting(actor, input, submissionKey);
      revalidatePath("/meetings");
      return `/meetings/${id}?notice=${heldAlready(input.startsAt) ? "held" : "scheduled"}`;
    },
  });
}

export async function addToAgendaAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    ...chairs,
    schema: ZAddToAgendaForm,
    perform: async (actor, { meetingId, caseReference }) => {
      await addCaseToAgenda(actor, meetingId, { reference: caseReference });
      revalidateMeeting(meetingId);
      return `/meetings/${meetingId}?notice=added#agenda`;
    },
  });
}

/** A review candidate's "Add to agenda" button (a plain form: works without JavaScript). */
export async function addReviewCaseAction(formData: FormData): Promise<void> {
  await runCommand(formData, {
    permission: "meeting:run",
    schema: z.object({ meetingId: z.uuid(), caseId: z.uuid() }),
    perform: async (actor, { meetingId, caseId }) => {
      await addCaseToAgenda(actor, meetingId, { caseId });
      revalidateMeeting(meetingId);
    },
    next: ({ meetingId }, problem) => `/meetings/${meetingId}?notice=${problem ? "not-added" : "added"}#agenda`,
  });
}

export type MoveResult = { ok: boolean; message?: string };

/** Move up / move down on the agenda (called by the agenda's buttons, which keep focus). */
export async function moveAgendaItemAction(input: { meetingId: string; itemId: string; direction: "up" | "down" }): Promise<MoveResult> {
  return runCall(input, {
    permission: "meeting:run",
    schema: ZMoveAgendaItem,
    perform: async (actor, { meetingId, itemId, direction }): Promise<MoveResult> => {
      await moveAgendaItem(actor, meetingId, itemId, direction);
      revalidateMeeting(meetingId);
      return { ok: true };
    },
    refused: (state): MoveResult => ({
      ok: false,
      message:
        state.status === "invalid"
          ? "That item cannot be moved. Reload the page and try again."
          : (state.message ?? "That item cannot be moved."),
    }),
  });
}

export async function startMeetingAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    ...chairs,
    schema: ZMeetingVersionForm,
    perform: async (actor, { meetingId, version }) => {
      await startMeeting(actor, meetingId, version);
      revalidateMeeting(meetingId);
      return `/meetings/${meetingId}/run`;
    },
  });
}

export type SaveItemResult =
  | { status: "saved"; version: number; actionsAgreed: number }
  | { status: "invalid"; fieldErrors: Record<string, string[] | undefined>; message?: string }
  | { status: "conflict" | "error"; message: string; currentVersion?: number };

/** Meeting mode: saves one case's record (a plain object from the screen, parsed here). */
export async function saveAgendaItemAction(input: unknown): Promise<SaveItemResult> {
  return runCall(input, {
    permission: "meeting:run",
    schema: ZAgendaItemRecord,
    perform: async (actor, { meetingId, itemId, version, record }): Promise<SaveItemResult> => {
      try {
        const saved = await saveAgendaItem(actor, meetingId, itemId, version, record);
        revalidateMeeting(meetingId);
        return { status: "saved", version: saved.version, actionsAgreed: saved.actionIds.length };
      } catch (error) {
        if (error instanceof AgendaItemChangedError)
          return { status: "conflict", message: error.message, currentVersion: error.currentVersion };
        if (error instanceof ConflictError) return { status: "conflict", message: error.message };
        throw error;
      }
    },
    refused: (state): SaveItemResult =>
      state.status === "invalid"
        ? { status: "invalid", fieldErrors: state.fieldErrors ?? {} }
        : { status: "error", message: state.message ?? NOT_FOUND },
  });
}

export async function closeMeetingAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    ...chairs,
    schema: ZMeetingVersionForm,
    perform: async (actor, { meetingId, version }) => {
      await closeMeeting(actor, meetingId, version);
      revalidateMeeting(meetingId);
      return `/meetings/${meetingId}/minutes?notice=closed`;
    },
  });
}

/** First post: checks and shows what cancelling will do. Second post (confirmed=yes): cancels. */
export async function cancelMeetingAction(_previous: MeetingFormState, formData: FormData): Promise<MeetingFormState> {
  return runFormAction<typeof ZCancelMeetingForm, MeetingFormState>(formData, {
    ...chairs,
    schema: ZCancelMeetingForm,
    perform: async (actor, { meetingId, version, confirmed, input }, values) => {
      if (!confirmed) return { status: "idle", values, review: await checkCancelMeeting(actor, meetingId, version, input) };
      await cancelMeeting(actor, meetingId, version, input);
      revalidatePath("/referrals");
      revalidateMeeting(meetingId);
      return `/meetings/${meetingId}?notice=cancelled`;
    },
  });
}

/** A chair moves a scheduled meeting to another date, time or venue. */
export async function rescheduleMeetingAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    ...chairs,
    schema: ZRescheduleMeetingForm,
    perform: async (actor, { meetingId, version, input }) => {
      await rescheduleMeeting(actor, meetingId, version, input);
      revalidatePath("/meetings");
      revalidateMeeting(meetingId);
      return `/meetings/${meetingId}?notice=moved`;
    },
  });
}

/** A chair corrects a closed meeting's date, time or attendees, with a reason. */
export async function correctMeetingAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    ...chairs,
    schema: ZCorrectMeetingForm,
    perform: async (actor, { meetingId, version, input }) => {
      await correctMeeting(actor, meetingId, version, input);
      revalidateMeeting(meetingId);
      return `/meetings/${meetingId}?notice=corrected#corrections`;
    },
  });
}
