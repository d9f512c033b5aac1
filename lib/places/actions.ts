"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor-type";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { formValues, parseWith, type FormState } from "@/lib/forms";
import { createPlace, getPlaceForEdit, updatePlace, type PlaceMatch } from "@/lib/places/data";
import { ZNewPlace, ZPlaceEdit } from "@/lib/places/schema";
import { isUuid } from "@/lib/not-found";

export type NewPlaceFormState = Omit<FormState, "status"> & {
  status: FormState["status"] | "matches";
  /** Likely existing places, offered before a new one is created. */
  matches?: PlaceMatch[];
};

export type EditPlaceFormState = FormState & {
  /** After a conflict: the place as someone else saved it (the form keeps what this user typed). */
  current?: Record<string, string>;
};

/** Expected errors as the form shows them; anything else is unexpected and goes to error.tsx. */
function stateForExpectedError(error: unknown, values: FormState["values"]): FormState | null {
  if (error instanceof ValidationError) return { status: "invalid", fieldErrors: error.fieldErrors, values };
  if (error instanceof ConflictError) return { status: "conflict", message: error.message, values };
  if (error instanceof NotFoundError) {
    return { status: "error", message: "This place no longer exists, or you no longer have access to it.", values };
  }
  if (error instanceof ForbiddenError) return { status: "error", message: "You do not have permission to add or change places.", values };
  return null;
}

export async function createPlaceAction(_previous: NewPlaceFormState, formData: FormData): Promise<NewPlaceFormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const parsed = parseWith(ZNewPlace, values, values);
  if (!parsed.ok) return parsed.state;
  const { submissionKey, confirmNew, ...place } = parsed.data;

  let id: string;
  try {
    const outcome = await createPlace(actor, place, submissionKey, { offerMatches: !confirmNew });
    if (outcome.kind === "matches") return { status: "matches", matches: outcome.matches, values };
    id = outcome.id;
  } catch (error) {
    const state = stateForExpectedError(error, values);
    if (state) return state;
    throw error;
  }
  revalidatePath("/places");
  redirect(`/places/${id}?added=1`);
}

// The place's id travels in the form (a hidden field), not bound into the action: a form whose
// action is bound afresh on each render re-rendered without end when a post without script failed.
export async function updatePlaceAction(_previous: EditPlaceFormState, formData: FormData): Promise<EditPlaceFormState> {
  const actor = await requireActor();
  const rawId = formData.get("placeId");
  const id = typeof rawId === "string" && isUuid(rawId) ? rawId : "00000000-0000-0000-0000-000000000000";
  const values = formValues(formData);
  const parsed = parseWith(ZPlaceEdit, values, values);
  if (!parsed.ok) return parsed.state;

  try {
    await updatePlace(actor, id, parsed.data);
  } catch (error) {
    if (error instanceof ConflictError) return conflictState(actor, id, values, error.message);
    const state = stateForExpectedError(error, values);
    if (state) return state;
    throw error;
  }
  revalidatePath(`/places/${id}`);
  redirect(`/places/${id}?updated=1`);
}

/**
 * Someone else saved first: keep everything this user typed, show them the saved version, and
 * move the form onto that version so that saving again is a deliberate choice to replace it.
 */
async function conflictState(actor: Actor, id: string, values: Record<string, string | string[]>, message: string): Promise<EditPlaceFormState> {
  let current;
  try {
    current = await getPlaceForEdit(actor, id);
  } catch (error) {
    const state = stateForExpectedError(error, values);
    if (state) return state;
    throw error;
  }
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
