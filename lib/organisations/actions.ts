"use server";

import { revalidatePath } from "next/cache";
import { runFormAction } from "@/lib/form-action";
import type { FormState } from "@/lib/forms";
import { createOrganisation, setMfaRequiredForAll, setOrganisationActive, updateOrganisation } from "@/lib/organisations/data";
import { ZMfaForAllForm, ZOrganisationActiveForm, ZOrganisationEditForm, ZOrganisationForm } from "@/lib/organisations/schema";

// Organisation administration forms (lib/form-action runs them; administrators only).

const admin = { permission: "admin:organisations", notFound: "This organisation cannot be found." } as const;

export async function createOrganisationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    ...admin,
    schema: ZOrganisationForm,
    perform: async (actor, input) => {
      await createOrganisation(actor, input);
      revalidatePath("/admin/organisations");
      return "/admin/organisations?notice=created";
    },
  });
}

export async function updateOrganisationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    ...admin,
    schema: ZOrganisationEditForm,
    perform: async (actor, { organisationId, version, ...input }) => {
      await updateOrganisation(actor, organisationId, version, input);
      revalidatePath("/admin/organisations");
      return `/admin/organisations/${organisationId}?notice=saved`;
    },
  });
}

export async function setOrganisationActiveAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    ...admin,
    schema: ZOrganisationActiveForm,
    perform: async (actor, { organisationId, active }) => {
      await setOrganisationActive(actor, organisationId, active);
      revalidatePath("/admin/organisations");
      return `/admin/organisations/${organisationId}?notice=${active ? "reactivated" : "deactivated"}`;
    },
  });
}

export async function setMfaForAllAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    ...admin,
    schema: ZMfaForAllForm,
    perform: async (actor, { requiredForAll }) => {
      await setMfaRequiredForAll(actor, requiredForAll);
      revalidatePath("/admin/organisations");
      return "/admin/organisations?notice=mfa";
    },
  });
}
