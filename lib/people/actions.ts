"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor-type";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { FormState } from "@/lib/forms";
import { runFormAction } from "@/lib/form-action";
import {
  createPerson,
  getPersonForEdit,
  mergePeople,
  recordVulnerabilityMarker,
  removeVulnerabilityMarker,
  updatePerson,
  type PersonSearchResult,
} from "@/lib/people/data";
import {
  aliasText,
  GENDER_LABELS,
  personFormInput,
  ZMergePeople,
  ZNewPerson,
  ZPersonEdit,
  ZRecordMarker,
  ZRemoveMarker,
} from "@/lib/people/schema";
import { formatDate } from "@/lib/format/dates";
import { isUuid } from "@/lib/not-found";

export type NewPersonFormState = FormState & {
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

// The people forms' server actions (lib/form-action runs them). A profile that has gone (merged
// away) or that the user may no longer see answers like a missing page; a lost race is a conflict.

const writers = { permission: "person:write", notFound: "page" } as const;
const conflict = (error: unknown, values: Values): FormState | null =>
  error instanceof ConflictError ? { status: "conflict", message: error.message, values } : null;

/** The record id a form carries (a hidden field); anything but a UUID names no record. */
function recordId(values: Values, name: string): string {
  const value = values[name];
  return typeof value === "string" && isUuid(value) ? value : "00000000-0000-0000-0000-000000000000";
}

export async function createPersonAction(_previous: NewPersonFormState, formData: FormData): Promise<NewPersonFormState> {
  return runFormAction<typeof ZNewPerson, NewPersonFormState>(formData, {
    ...writers,
    schema: ZNewPerson,
    input: personFormInput,
    errorState: conflict,
    perform: async (actor, { submissionKey, confirmNew, checkedFor, ...person }, values) => {
      const outcome = await createPerson(actor, person, submissionKey, { confirmedNew: confirmNew, checkedFor });
      if (outcome.kind === "matches") return { status: "matches", matches: outcome.matches, checkedFor: outcome.checkedFor, values };
      revalidatePath("/people");
      return `/people/${outcome.id}?created=1`;
    },
  });
}

// The record's id travels in the form (a hidden field), not bound into the action: a form whose
// action is bound afresh on each render re-rendered without end when a post without script failed.
export async function updatePersonAction(_previous: EditPersonFormState, formData: FormData): Promise<EditPersonFormState> {
  return runFormAction<typeof ZPersonEdit, EditPersonFormState>(formData, {
    ...writers,
    schema: ZPersonEdit,
    input: personFormInput,
    errorState: (error, values, actor) =>
      error instanceof ConflictError ? conflictState(actor, recordId(values, "personId"), values, error.message) : null,
    perform: async (actor, person, values) => {
      const id = recordId(values, "personId");
      await updatePerson(actor, id, person);
      revalidatePath(`/people/${id}`);
      return `/people/${id}?updated=1`;
    },
  });
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
  return runFormAction(formData, {
    ...writers,
    schema: ZRecordMarker,
    errorState: conflict,
    perform: async (actor, marker, values) => {
      const personId = recordId(values, "personId");
      await recordVulnerabilityMarker(actor, personId, marker);
      revalidatePath(`/people/${personId}`);
      return `/people/${personId}?marker=recorded`;
    },
  });
}

export async function removeMarkerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    ...writers,
    schema: ZRemoveMarker,
    errorState: conflict,
    perform: async (actor, { markerId }, values) => {
      const personId = recordId(values, "personId");
      await removeVulnerabilityMarker(actor, personId, markerId);
      revalidatePath(`/people/${personId}`);
      return `/people/${personId}?marker=removed`;
    },
  });
}

export async function mergePeopleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    permission: "person:merge",
    notFound: "page",
    schema: ZMergePeople,
    // Changed since the check page was drawn: draw it again, with what is there now.
    errorState: (error, values) => {
      if (error instanceof ConflictError)
        redirect(`/people/${recordId(values, "survivorId")}/merge/${recordId(values, "duplicateId")}?changed=1`);
      return null;
    },
    perform: async (actor, merge) => {
      const { survivorId } = await mergePeople(actor, merge);
      revalidatePath("/people");
      revalidatePath(`/people/${survivorId}`);
      return `/people/${survivorId}?merged=1`;
    },
  });
}
