"use server";

import { runFormAction } from "@/lib/form-action";
import { formErrorState } from "@/lib/forms";
import type { AccountFormState } from "@/lib/auth/account-form-state";
import { decidePanelRequest, grantPanelMembership, removePanelMember, type PanelDecisionResult } from "@/lib/panels/data";
import { panelSlug } from "@/lib/panels/rules";
import { ZPanelDecisionForm, ZPanelGrantForm, ZPanelRemoveForm } from "@/lib/panels/schema";

// The panel page's forms: a chair decides requests, adds members and takes them off. Who may do
// what to which request is decided in lib/panels/data.ts.

const NO_PERMISSION: AccountFormState = { status: "error", message: "Only a chair of the panel can do this." };
const NOT_FOUND = "This request or member cannot be found. It may have been dealt with by another chair.";

function shown(result: PanelDecisionResult, message: string): AccountFormState {
  return {
    status: "saved",
    message,
    values: { userName: result.userName },
    sentTo: result.link?.sentTo,
  };
}

export async function decidePanelRequestAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return runFormAction(formData, {
    permission: "meeting:run",
    noPermission: NO_PERMISSION,
    schema: ZPanelDecisionForm,
    errorState: (error, values) => formErrorState(error, values, NOT_FOUND),
    perform: async (actor, data) => {
      // No revalidation: the page keeps the request where it was, with the outcome (and any link,
      // shown this once) in its place; the list is current again on the next load.
      const result = await decidePanelRequest(actor, data);
      return shown(result, data.decision === "approve" ? "approved" : "refused");
    },
  });
}

export async function grantPanelMembershipAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return runFormAction(formData, {
    permission: "meeting:run",
    noPermission: NO_PERMISSION,
    schema: ZPanelGrantForm,
    errorState: (error, values) => formErrorState(error, values, NOT_FOUND),
    perform: async (actor, data) => {
      const result = await grantPanelMembership(actor, data.panel, data.email);
      return shown(result, "granted");
    },
  });
}

export async function removePanelMemberAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return runFormAction(formData, {
    permission: "meeting:run",
    noPermission: NO_PERMISSION,
    schema: ZPanelRemoveForm,
    errorState: (error, values) => formErrorState(error, values, NOT_FOUND),
    perform: async (actor, data) => {
      await removePanelMember(actor, data.panel, data.userId);
      return `/panels/${panelSlug(data.panel)}?notice=removed`;
    },
  });
}
