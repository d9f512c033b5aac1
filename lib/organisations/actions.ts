"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import type { FormState } from "@/lib/forms";
import { formValues, parseWith } from "@/lib/forms";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createOrganisation, setMfaRequiredForAll, setOrganisationActive, updateOrganisation } from "@/lib/organisations/data";
import { ZMfaForAllForm, ZOrganisationActiveForm, ZOrganisationEditForm, ZOrganisationForm } from "@/lib/organisations/schema";
import { refuseMalformed } from "@/lib/auth/refuse";

// Organisation administration forms (administrators only: lib/organisations/data.ts refuses others).

const NOT_FOUND = "This organisation cannot be found.";

function expected(error: unknown, values?: Record<string, string | string[]>): FormState {
  if (error instanceof ValidationError) return { status: "invalid", fieldErrors: error.fieldErrors, values };
  if (error instanceof ForbiddenError || error instanceof ConflictError) return { status: "error", message: error.message, values };
  if (error instanceof NotFoundError) return { status: "error", message: NOT_FOUND, values };
  throw error;
}

export async function createOrganisationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const parsed = parseWith(ZOrganisationForm, values, values);
  if (!parsed.ok) return parsed.state;
  try {
    await createOrganisation(actor, parsed.data);
  } catch (error) {
    return expected(error, values);
  }
  revalidatePath("/admin/organisations");
  redirect("/admin/organisations?notice=created");
}

export async function updateOrganisationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const parsed = parseWith(ZOrganisationEditForm, values, values);
  if (!parsed.ok) return parsed.state;
  const { organisationId, version, ...input } = parsed.data;
  try {
    await updateOrganisation(actor, organisationId, version, input);
  } catch (error) {
    return expected(error, values);
  }
  revalidatePath("/admin/organisations");
  redirect(`/admin/organisations/${organisationId}?notice=saved`);
}

export async function setOrganisationActiveAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const parsed = parseWith(ZOrganisationActiveForm, formValues(formData));
  if (!parsed.ok) return refuseMalformed(actor, { status: "error", message: NOT_FOUND } as const);
  try {
    await setOrganisationActive(actor, parsed.data.organisationId, parsed.data.active);
  } catch (error) {
    return expected(error);
  }
  revalidatePath("/admin/organisations");
  redirect(`/admin/organisations/${parsed.data.organisationId}?notice=${parsed.data.active ? "reactivated" : "deactivated"}`);
}

export async function setMfaForAllAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const parsed = parseWith(ZMfaForAllForm, formValues(formData));
  if (!parsed.ok) return parsed.state;
  try {
    await setMfaRequiredForAll(actor, parsed.data.requiredForAll);
  } catch (error) {
    return expected(error);
  }
  revalidatePath("/admin/organisations");
  redirect("/admin/organisations?notice=mfa");
}
