"use server";

import { revalidatePath } from "next/cache";
import { runFormAction } from "@/lib/form-action";
import type { AccountFormState } from "@/lib/auth/account-form-state";
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
} from "@/lib/users/data";
import { describeRequestedChange, USER_ACTIONS, ZInviteUserForm, ZUserAccessForm, ZUserTarget } from "@/lib/users/schema";
import { z } from "zod";

// User administration forms (lib/form-action runs them; lib/users/data.ts decides who may do what
// to whom). One-time links are e-mailed to the account's own address, never shown here.

// Administrators and managers (lib/users/data.ts decides whom each may manage).
const admins = {
  permission: "admin:access",
  notFound: "This user cannot be found. They may have been removed, or you may not manage them.",
} as const;

export async function inviteUserAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return runFormAction<typeof ZInviteUserForm, AccountFormState>(formData, {
    ...admins,
    schema: ZInviteUserForm,
    perform: async (actor, input) => {
      const { userId, sentTo, requested } = await inviteUser(actor, input);
      revalidatePath("/admin/users");
      return {
        status: "saved",
        sentTo,
        values: { userId, name: input.name },
        requested: requested.map(describeRequestedChange),
      };
    },
  });
}

export async function changeUserAccessAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return runFormAction(formData, {
    ...admins,
    schema: ZUserAccessForm,
    perform: async (actor, { userId, version, ...input }) => {
      const { requested } = await changeUserAccess(actor, userId, version, input);
      revalidatePath(`/admin/users/${userId}`);
      return `/admin/users/${userId}?notice=${requested.length > 0 ? "access-requested" : "access"}`;
    },
  });
}

const ZUserActionForm = ZUserTarget.extend({ action: z.enum(USER_ACTIONS) });

/** Disable, re-enable, reset password (returns the link), end all sessions or remove two-factor. */
export async function userAccountAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return runFormAction<typeof ZUserActionForm, AccountFormState>(formData, {
    ...admins,
    schema: ZUserActionForm,
    perform: async (actor, { userId, action }) => {
      if (action === "reset-password" || action === "remove-two-factor") {
        const outcome = action === "reset-password" ? await resetPassword(actor, userId) : await removeTwoFactor(actor, userId);
        revalidatePath(`/admin/users/${userId}`);
        if (outcome.sentTo || outcome.requested) return recoveryState(outcome, "reset");
      } else if (action === "disable") await disableUser(actor, userId);
      else if (action === "enable") await enableUser(actor, userId);
      else await endAllSessions(actor, userId);
      revalidatePath(`/admin/users/${userId}`);
      return `/admin/users/${userId}?notice=${action}`;
    },
  });
}

export async function reissueInvitationAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return runFormAction<typeof ZUserTarget, AccountFormState>(formData, {
    ...admins,
    schema: ZUserTarget,
    perform: async (actor, { userId }) => {
      const outcome = await reissueInvitation(actor, userId);
      revalidatePath(`/admin/users/${userId}`);
      return recoveryState(outcome, "invite");
    },
  });
}

/** Where the link was e-mailed, or the request that went to a restricted panel's chairs instead. */
function recoveryState(outcome: RecoveryOutcome, message: string): AccountFormState {
  if (outcome.requested) return { status: "saved", requested: [describeRequestedChange(outcome.requested)] };
  return { status: "saved", sentTo: outcome.sentTo, message };
}
