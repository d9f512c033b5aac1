"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { passwordLinkPath } from "@/lib/auth/account";
import type { AccountFormState } from "@/lib/auth/account-form-state";
import { formValues, parseWith } from "@/lib/forms";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  changeUserAccess,
  disableUser,
  enableUser,
  endAllSessions,
  inviteUser,
  reissueInvitation,
  removeTwoFactor,
  resetPassword,
  type RecoveryOutcome,
  type RequestedChange,
} from "@/lib/users/data";
import { describeRequestedChange, USER_ACTIONS, ZInviteUserForm, ZUserAccessForm, ZUserTarget } from "@/lib/users/schema";
import { z } from "zod";
import { refuseMalformed } from "@/lib/auth/refuse";

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
    const { userId, token, requested } = await inviteUser(actor, parsed.data);
    revalidatePath("/admin/users");
    return { status: "saved", linkPath: passwordLinkPath(token), values: { userId, name: parsed.data.name }, requested: requested.map(describeRequestedChange) };
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
  let requested: RequestedChange[];
  try {
    ({ requested } = await changeUserAccess(actor, userId, version, input));
  } catch (error) {
    return expected(error, values);
  }
  revalidatePath(`/admin/users/${userId}`);
  redirect(`/admin/users/${userId}?notice=${requested.length > 0 ? "access-requested" : "access"}`);
}

const ZUserActionForm = ZUserTarget.extend({ action: z.enum(USER_ACTIONS) });

/** Disable, re-enable, reset password (returns the link), end all sessions or remove two-factor. */
export async function userAccountAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const actor = await requireActor();
  const parsed = parseWith(ZUserActionForm, formValues(formData));
  if (!parsed.ok) return refuseMalformed(actor, { status: "error", message: NOT_FOUND } as const);
  const { userId, action } = parsed.data;
  try {
    if (action === "reset-password" || action === "remove-two-factor") {
      const outcome = action === "reset-password" ? await resetPassword(actor, userId) : await removeTwoFactor(actor, userId);
      revalidatePath(`/admin/users/${userId}`);
      if (outcome.token || outcome.requested) return recoveryState(outcome, "reset");
    } else if (action === "disable") await disableUser(actor, userId);
    else if (action === "enable") await enableUser(actor, userId);
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
  if (!parsed.ok) return refuseMalformed(actor, { status: "error", message: NOT_FOUND } as const);
  try {
    const outcome = await reissueInvitation(actor, parsed.data.userId);
    revalidatePath(`/admin/users/${parsed.data.userId}`);
    return recoveryState(outcome, "invite");
  } catch (error) {
    return expected(error);
  }
}

/** A link to show once, or the request that went to a restricted panel's chairs instead. */
function recoveryState(outcome: RecoveryOutcome, message: string): AccountFormState {
  if (outcome.requested) return { status: "saved", requested: [describeRequestedChange(outcome.requested)] };
  return { status: "saved", linkPath: outcome.token ? passwordLinkPath(outcome.token) : undefined, message };
}
