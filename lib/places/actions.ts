"use server";

import { revalidatePath } from "next/cache";
import type { Actor } from "@/lib/auth/actor-type";
import { ConflictError } from "@/lib/errors";
import type { FormState } from "@/lib/forms";
import { runFormAction } from "@/lib/form-action";
import { createPlace, getPlaceForEdit, updatePlace, type PlaceMatch } from "@/lib/places/data";
import { ZNewPlace, ZPlaceEdit } from "@/lib/places/schema";
import { isUuid } from "@/lib/not-found";

export type NewPlaceFormState = FormState & {
  /** Likely existing places, offered before a new one is created. */
  matches?: PlaceMatch[];
};

export type EditPlaceFormState = FormState & {
  /** After a conflict: the place as someone else saved it (the form keeps what this user typed). */
  current?: Record<string, string>;
};

// The places forms' server actions (lib/form-action runs them). A lost race is a conflict that
// shows what was saved; a place that has gone is a message on the form.

const writers = {
  permission: "place:write",
  noPermission: { status: "error", message: "You do not have permission to add or change places." },
  notFound: "This place no longer exists, or you no longer have access to it.",
} as const;

/** The place's id, carried by the form (a hidden field); anything but a UUID names no place. */
function placeIdOf(values: Record<string, string | string[]>): string {
  const value = values.placeId;
  return typeof value === "string" && isUuid(value) ? value : "00000000-0000-0000-0000-000000000000";
}

export async function createPlaceAction(_previous: NewPlaceFormState, formData: FormData): Promise<NewPlaceFormState> {
  return runFormAction<typeof ZNewPlace, NewPlaceFormState>(formData, {
    ...writers,
    schema: ZNewPlace,
    errorState: (error, values) => (error instanceof ConflictError ? { status: "conflict", message: error.message, values } : null),
    perform: async (actor, { submissionKey, confirmNew, ...place }, values) => {
      const outcome = await createPlace(actor, place, submissionKey, { offerMatches: !confirmNew });
      if (outcome.kind === "matches") return { status: "matches", matches: outcome.matches, values };
      revalidatePath("/places");
      return `/places/${outcome.id}?added=1`;
    },
  });
}

// The place's id travels in the form (a hidden field), not bound into the action: a form whose
// action is bound afresh on each render re-rendered without end when a post without script failed.
export async function updatePlaceAction(_previous: EditPlaceFormState, formData: FormData): Promise<EditPlaceFormState> {
  return runFormAction<typeof ZPlaceEdit, EditPlaceFormState>(formData, {
    ...writers,
    schema: ZPlaceEdit,
    errorState: (error, values, actor) =>
      error instanceof ConflictError ? conflictState(actor, placeIdOf(values), values, error.message) : null,
    perform: async (actor, place, values) => {
      const id = placeIdOf(values);
      await updatePlace(actor, id, place);
      revalidatePath(`/places/${id}`);
      return `/places/${id}?updated=1`;
    },
  });
}

/**
 * Someone else saved first: keep everything this user typed, show them the saved version, and
 * move the form onto that version so that saving again is a deliberate choice to replace it.
 */
async function conflictState(
  actor: Actor,
  id: string,
  values: Record<string, string | string[]>,
  message: string,
): Promise<EditPlaceFormState> {
  const current = await getPlaceForEdit(actor, id);
  return {
    status: "conflict",
    message,
    values: { ...values, version: String(current.version) },
    current: {
      addressLine1: current.addressLine1,
      addressLine2: current.addressLine2 ?? "",
      town: current.town,
      postcode: current.postcode ?? "",
      kind: current.kind,
      uprn: current.uprn ?? "",
    },
  };
}
