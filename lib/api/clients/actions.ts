"use server";

import { revalidatePath } from "next/cache";
import { runFormAction } from "@/lib/form-action";
import { checkRevokeApiClient, createApiClient, revokeApiClient, setClientMaracAccess } from "@/lib/api/clients/data";
import { revokeReview } from "@/lib/api/clients/labels";
import { ZMaracClientForm, ZNewApiClientForm, ZRevokeApiClientForm } from "@/lib/api/clients/schema";
import type { NewApiClientFormState, RevokeApiClientFormState } from "@/lib/api/clients/form-state";
import type { FormState } from "@/lib/forms";

// The API client forms (lib/form-action runs them; lib/api/clients/data.ts decides who may do what
// to which client). A new client's token is answered once, in the form's state: never in a URL
// (it would land in history and logs), never in a page title, never logged.

const NOT_FOUND = "This API client cannot be found. It may have been removed, or you may not manage it.";

/** A manager makes a client for their own organisation; the page shows its token this once. */
export async function createApiClientAction(_previous: NewApiClientFormState, formData: FormData): Promise<NewApiClientFormState> {
  return runFormAction<typeof ZNewApiClientForm, NewApiClientFormState>(formData, {
    permission: "api-client:manage",
    noPermission: { status: "error", message: "Only a manager can make an API client, for their own organisation." },
    schema: ZNewApiClientForm,
    perform: async (actor, input) => {
      const { id, token } = await createApiClient(actor, input);
      revalidatePath("/admin/api-clients");
      return { status: "saved", clientId: id, token, values: { name: input.name } };
    },
  });
}

/**
 * Revoking, through a check step: the first post answers what will happen, the second revokes.
 * Both a manager (their organisation's clients) and an administrator (any) may: "admin:access" is
 * the permission they share, and the data layer decides which clients each reaches.
 */
export async function revokeApiClientAction(_previous: RevokeApiClientFormState, formData: FormData): Promise<RevokeApiClientFormState> {
  return runFormAction<typeof ZRevokeApiClientForm, RevokeApiClientFormState>(formData, {
    permission: "admin:access",
    notFound: NOT_FOUND,
    schema: ZRevokeApiClientForm,
    perform: async (actor, { clientId, version, confirmed }, values) => {
      if (!confirmed) return { status: "idle", values, review: revokeReview(await checkRevokeApiClient(actor, clientId, version)) };
      await revokeApiClient(actor, clientId, version);
      revalidatePath("/admin/api-clients");
      revalidatePath("/panels/marac");
      return `/admin/api-clients/${clientId}?notice=revoked`;
    },
  });
}

/** A chair of the MARAC grants or withdraws the panel's content to a client (the panel's page). */
export async function setMaracAccessAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    permission: "meeting:run",
    noPermission: { status: "error", message: "Only a chair of the MARAC can do this." },
    schema: ZMaracClientForm,
    notFound: "This API client cannot be found. It may have been revoked, or have expired.",
    perform: async (actor, { clientId, decision }) => {
      await setClientMaracAccess(actor, clientId, decision === "grant");
      revalidatePath("/admin/api-clients");
      return `/panels/marac?notice=${decision === "grant" ? "api-granted" : "api-withdrawn"}`;
    },
  });
}
