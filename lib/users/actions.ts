"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { passwordLinkPath } from "@/lib/auth/account";
import type { AccountFormState } from "@/lib/auth/account-form-state";
import { formValues, parseWith } from "@/lib/forms";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { changeUserAccess, disableUser, enableUser, endAllSessions, inviteUser, reissueInvitation, removeTwoFactor, resetPassword } from "@/lib/users/data";
import { USER_ACTIONS, ZInviteUserForm, ZUserAccessForm, ZUserTarget } from "@/lib/users/schema";
import { z } from "zod";

// User administration forms: parse, call lib/users/data.ts (which decides who may do what to
// whom), and turn its expected errors into words. A one-time link is returned in the response
// only, to be shown once.

const NOT_FOUND = "This user cannot be found. They may have been removed, or you may not manage them.";

function expected(error: unknown, values?: Record<string, string | string[]>): AccountFormState {
  if (error instanceof ValidationError) return { status: "invalid", fieldErrors: error.fieldErrors, values };
  if (error instanceof ForbiddenError || error instanceof ConflictError) return { status: "error", message: error.message, values };
  if (error instanceof NotFoundError) return { status: "error", message: NOT_FOUND, values };
  throw error;
}

export async function inviteUserAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const parsed = parseWith(ZInviteUserForm, values, values);
  if (!parsed.ok) return parsed.state;
  try {
    const { userId, token } = await inviteUser(actor, parsed.data);
    revalidatePath("/admin/users");
    return { status: "saved", linkPath: passwordLinkPath(token), values: { userId, name: parsed.data.name } };
  } catch (error) {
    return expected(error, values);
  }
}

export async function changeUserAccessAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const parsed = parseWith(ZUserAccessForm, values, values);
  if (!parsed.ok) return parsed.state;
  const { userId, version, ...input } = parsed.data;
  try {
    await changeUserAccess(actor, userId, version, input);
  } catch (error) {
    return expected(error, values);
  }
  revalidatePath(`/admin/users/${userId}`);
  redirect(`/admin/users/${userId}?notice=access`);
}

const ZUserActionForm = ZUserTarget.extend({ action: z.enum(USER_ACTIONS) });

/** Disable, re-enable, reset password (returns the link), end all sessions or remove two-factor. */
export async function userAccountAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const actor = await requireActor();
  const parsed = parseWith(ZUserActionForm, formValues(formData));
  if (!parsed.ok) return { status: "error", message: NOT_FOUND };
  const { userId, action } = parsed.data;
  try {
    if (action === "reset-password") {
      const token = await resetPassword(actor, userId);
      revalidatePath(`/admin/users/${userId}`);
      return { status: "saved", linkPath: passwordLinkPath(token), message: "reset" };
    }
    if (action === "disable") await disableUser(actor, userId);
    else if (action === "enable") await enableUser(actor, userId);
    else if (action === "remove-two-factor") await removeTwoFactor(actor, userId);
    else await endAllSessions(actor, userId);
  } catch (error) {
    return expected(error);
  }
  revalidatePath(`/admin/users/${userId}`);
  redirect(`/admin/users/${userId}?notice=${action}`);
}

export async function reissueInvitationAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const actor = await requireActor();
  const parsed = parseWith(ZUserTarget, formValues(formData));
  if (!parsed.ok) return { status: "error", message: NOT_FOUND };
  try {
    const token = await reissueInvitation(actor, parsed.data.userId);
    revalidatePath(`/admin/users/${parsed.data.userId}`);
    return { status: "saved", linkPath: passwordLinkPath(token), message: "invite" };
  } catch (error) {
    return expected(error);
  }
}
