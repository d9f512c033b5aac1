"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor-type";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { formValues, parseWith, type FormState } from "@/lib/forms";
import {
  createPerson,
  getPersonForEdit,
  mergePeople,
  recordVulnerabilityMarker,
  removeVulnerabilityMarker,
  updatePerson,
  type PersonSearchResult,
} from "@/lib/people/data";
import { aliasText, GENDER_LABELS, personFormInput, ZMergePeople, ZNewPerson, ZPersonEdit, ZRecordMarker, ZRemoveMarker } from "@/lib/people/schema";
import { formatDate } from "@/lib/format/dates";
import { refuseMalformed } from "@/lib/auth/refuse";
import { isUuid } from "@/lib/not-found";

// The people forms' server actions: parse with the one schema, call lib/people/data.ts (which
// holds every rule), then revalidate and redirect. Expected errors come back to the form in plain
// words; anything else goes to error.tsx with a reference.

export type NewPersonFormState = Omit<FormState, "status"> & {
  status: FormState["status"] | "matches";
  /** Likely existing profiles, offered before a new one is created. */
  matches?: PersonSearchResult[];
  /** The name and date of birth the matches were found for (posted back with "none of these"). */
  checkedFor?: string;
};

export type EditPersonFormState = FormState & {
  /** After a conflict: the details as someone else saved them (the form keeps what this user typed). */
  current?: { name: string; dateOfBirth: string; gender: string; aliases: string; phone: string };
};

type Values = Record<string, string | string[]>;

/** Expected errors as a form shows them; null for anything unexpected. */
function stateForExpectedError(error: unknown, values: Values): FormState | null {
  if (error instanceof ValidationError) return { status: "invalid", fieldErrors: error.fieldErrors, values };
  if (error instanceof ConflictError) return { status: "conflict", message: error.message, values };
  if (error instanceof ForbiddenError) return { status: "error", message: error.message, values };
  // A profile that has gone (merged away) or that the user may no longer see: like a missing page.
  if (error instanceof NotFoundError) notFound();
  return null;
}

export async function createPersonAction(_previous: NewPersonFormState, formData: FormData): Promise<NewPersonFormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const parsed = parseWith(ZNewPerson, personFormInput(values), values);
  if (!parsed.ok) return parsed.state;
  const { submissionKey, confirmNew, checkedFor, ...person } = parsed.data;

  let id: string;
  try {
    const outcome = await createPerson(actor, person, submissionKey, { confirmedNew: confirmNew, checkedFor });
    if (outcome.kind === "matches") return { status: "matches", matches: outcome.matches, checkedFor: outcome.checkedFor, values };
    id = outcome.id;
  } catch (error) {
    const state = stateForExpectedError(error, values);
    if (state) return state;
    throw error;
  }
  revalidatePath("/people");
  redirect(`/people/${id}?created=1`);
}

// The record's id travels in the form (a hidden field), not bound into the action: a form whose
// action is bound afresh on each render re-rendered without end when a post without script failed.

/** The record id a form carries; anything but a UUID names no record. */
function recordId(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" && isUuid(value) ? value : "00000000-0000-0000-0000-000000000000";
}

export async function updatePersonAction(_previous: EditPersonFormState, formData: FormData): Promise<EditPersonFormState> {
  const actor = await requireActor();
  const id = recordId(formData, "personId");
  const values = formValues(formData);
  const parsed = parseWith(ZPersonEdit, personFormInput(values), values);
  if (!parsed.ok) return parsed.state;
  try {
    await updatePerson(actor, id, parsed.data);
  } catch (error) {
    if (error instanceof ConflictError) return conflictState(actor, id, values, error.message);
    const state = stateForExpectedError(error, values);
    if (state) return state;
    throw error;
  }
  revalidatePath(`/people/${id}`);
  redirect(`/people/${id}?updated=1`);
}

/**
 * Someone else saved first: keep everything this user typed, show them the saved version, and
 * move the form onto that version so that saving again is a deliberate choice to replace it.
 */
async function conflictState(actor: Actor, id: string, values: Values, message: string): Promise<EditPersonFormState> {
  const current = await getPersonForEdit(actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return {
    status: "conflict",
    message,
    values: { ...values, version: String(current.version) },
    current: {
      name: `${current.firstName} ${current.lastName}`,
      dateOfBirth: current.dateOfBirth ? formatDate(current.dateOfBirth) : "",
      gender: current.gender ? GENDER_LABELS[current.gender] : "",
      aliases: current.aliases.map(aliasText).join(", "),
      phone: current.phone ?? "",
    },
  };
}

export async function recordMarkerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const personId = recordId(formData, "personId");
  const values = formValues(formData);
  const parsed = parseWith(ZRecordMarker, values, values);
  if (!parsed.ok) return parsed.state;
  try {
    await recordVulnerabilityMarker(actor, personId, parsed.data);
  } catch (error) {
    const state = stateForExpectedError(error, values);
    if (state) return state;
    throw error;
  }
  revalidatePath(`/people/${personId}`);
  redirect(`/people/${personId}?marker=recorded`);
}

export async function removeMarkerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const personId = recordId(formData, "personId");
  const values = formValues(formData);
  const parsed = parseWith(ZRemoveMarker, values, values);
  if (!parsed.ok) return refuseMalformed(actor, { status: "error", message: "Choose a vulnerability to remove." } as const);
  try {
    await removeVulnerabilityMarker(actor, personId, parsed.data.markerId);
  } catch (error) {
    const state = stateForExpectedError(error, values);
    if (state) return state;
    throw error;
  }
  revalidatePath(`/people/${personId}`);
  redirect(`/people/${personId}?marker=removed`);
}

export async function mergePeopleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const parsed = parseWith(ZMergePeople, values, values);
  if (!parsed.ok) return refuseMalformed(actor, { status: "error", message: "This page has expired. Choose the profiles to merge again." } as const);
  let survivorId: string;
  try {
    ({ survivorId } = await mergePeople(actor, parsed.data));
  } catch (error) {
    // Changed since the check page was drawn: draw it again, with what is there now.
    if (error instanceof ConflictError) redirect(`/people/${parsed.data.survivorId}/merge/${parsed.data.duplicateId}?changed=1`);
    const state = stateForExpectedError(error, values);
    if (state) return state;
    throw error;
  }
  revalidatePath("/people");
  revalidatePath(`/people/${survivorId}`);
  redirect(`/people/${survivorId}?merged=1`);
}
