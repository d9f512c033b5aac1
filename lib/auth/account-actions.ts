"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runFormAction, runPublicFormAction } from "@/lib/form-action";
import {
  changePassword,
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  setPasswordWithLink,
} from "@/lib/auth/account";
import type { AccountFormState } from "@/lib/auth/account-form-state";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/policy";

const password = (empty: string) => z.string().min(1, empty).max(1024, `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`);
const ZCode = z.object({
  code: z
    .string()
    .trim()
    .min(1, "Enter the 6-digit code from your authenticator app")
    .max(20, "Enter the 6-digit code from your authenticator app"),
});
const ZCurrentPassword = z.object({ currentPassword: password("Enter your current password") });
const ZChangePassword = z
  .object({
    currentPassword: password("Enter your current password"),
    newPassword: password("Enter a new password"),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" });
const ZSetPassword = z
  .object({ token: z.string().min(1).max(200), newPassword: password("Enter a new password"), confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" });

const SECRET = ["currentPassword", "newPassword", "confirmPassword", "code", "token"] as const;
const own = { permission: "signed-in", secret: SECRET } as const;

// The signed-in user's own security settings (lib/form-action runs them). Passwords, codes and
// link tokens are never sent back into the form.

export async function confirmTwoFactorAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return runFormAction<typeof ZCode, AccountFormState>(formData, {
    permission: "setting-up-two-factor",
    secret: SECRET,
    schema: ZCode,
    // No revalidation here: re-rendering this page now would leave it (it redirects once two-factor
    // is on) before the recovery codes in this response are shown.
    perform: async (actor, { code }) => ({ status: "saved", recoveryCodes: await confirmTwoFactorEnrolment(actor, code) }),
  });
}

export async function regenerateRecoveryCodesAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return runFormAction<typeof ZCurrentPassword, AccountFormState>(formData, {
    ...own,
    schema: ZCurrentPassword,
    perform: async (actor, { currentPassword }) => ({
      status: "saved",
      recoveryCodes: await regenerateRecoveryCodes(actor, currentPassword),
    }),
  });
}

export async function disableTwoFactorAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return runFormAction(formData, {
    ...own,
    schema: ZCurrentPassword,
    perform: async (actor, { currentPassword }) => {
      await disableTwoFactor(actor, currentPassword);
      revalidatePath("/account");
      return "/account?notice=two-factor-off";
    },
  });
}

export async function changePasswordAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return runFormAction(formData, {
    ...own,
    schema: ZChangePassword,
    perform: async (actor, { currentPassword, newPassword }) => {
      await changePassword(actor, currentPassword, newPassword);
      return "/account?notice=password-changed";
    },
  });
}

/** Setting a password from a one-time link: no session; the link is the proof. */
export async function setPasswordAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return runPublicFormAction(formData, {
    secret: SECRET,
    schema: ZSetPassword,
    notFound: "This link has expired or has already been used. Ask your administrator for a new one.",
    perform: async ({ token, newPassword }) => {
      await setPasswordWithLink(token, newPassword);
      return "/sign-in?passwordSet=1";
    },
  });
}
