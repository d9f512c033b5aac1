"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActorPendingTwoFactor, requireActor } from "@/lib/auth/session";
import { changePassword, confirmTwoFactorEnrolment, disableTwoFactor, regenerateRecoveryCodes, setPasswordWithLink } from "@/lib/auth/account";
import type { AccountFormState } from "@/lib/auth/account-form-state";
import { formValues, parseWith } from "@/lib/forms";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/policy";

// The signed-in user's own security settings, and setting a password from a one-time link.
// Passwords are never echoed back into the form.

const password = (empty: string) => z.string().min(1, empty).max(1024, `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`);
const ZCode = z.object({ code: z.string().trim().min(1, "Enter the 6-digit code from your authenticator app").max(20, "Enter the 6-digit code from your authenticator app") });
const ZCurrentPassword = z.object({ currentPassword: password("Enter your current password") });
const ZChangePassword = z
  .object({ currentPassword: password("Enter your current password"), newPassword: password("Enter a new password"), confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" });
const ZSetPassword = z
  .object({ token: z.string().min(1).max(200), newPassword: password("Enter a new password"), confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" });

const SECRET_FIELDS = ["currentPassword", "newPassword", "confirmPassword", "code", "token"];

function withoutSecrets(values: Record<string, string | string[]>) {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET_FIELDS.includes(key)));
}

function expected(error: unknown): AccountFormState {
  if (error instanceof ValidationError) return { status: "invalid", fieldErrors: error.fieldErrors };
  if (error instanceof ForbiddenError || error instanceof ConflictError) return { status: "error", message: error.message };
  throw error;
}

export async function confirmTwoFactorAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const actor = await getActorPendingTwoFactor();
  if (!actor) redirect("/sign-in");
  const parsed = parseWith(ZCode, formValues(formData));
  if (!parsed.ok) return parsed.state;
  try {
    // No revalidation here: re-rendering this page now would leave it (it redirects once two-factor
    // is on) before the recovery codes in this response are shown.
    const recoveryCodes = await confirmTwoFactorEnrolment(actor, parsed.data.code);
    return { status: "saved", recoveryCodes };
  } catch (error) {
    return expected(error);
  }
}

export async function regenerateRecoveryCodesAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const actor = await requireActor();
  const parsed = parseWith(ZCurrentPassword, formValues(formData));
  if (!parsed.ok) return parsed.state;
  try {
    return { status: "saved", recoveryCodes: await regenerateRecoveryCodes(actor, parsed.data.currentPassword) };
  } catch (error) {
    return expected(error);
  }
}

export async function disableTwoFactorAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const actor = await requireActor();
  const parsed = parseWith(ZCurrentPassword, formValues(formData));
  if (!parsed.ok) return parsed.state;
  try {
    await disableTwoFactor(actor, parsed.data.currentPassword);
  } catch (error) {
    return expected(error);
  }
  revalidatePath("/account");
  redirect("/account?notice=two-factor-off");
}

export async function changePasswordAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const parsed = parseWith(ZChangePassword, values, withoutSecrets(values));
  if (!parsed.ok) return parsed.state;
  try {
    await changePassword(actor, parsed.data.currentPassword, parsed.data.newPassword);
  } catch (error) {
    return expected(error);
  }
  redirect("/account?notice=password-changed");
}

export async function setPasswordAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const values = formValues(formData);
  const parsed = parseWith(ZSetPassword, values, withoutSecrets(values));
  if (!parsed.ok) return parsed.state;
  try {
    await setPasswordWithLink(parsed.data.token, parsed.data.newPassword);
  } catch (error) {
    if (error instanceof NotFoundError) return { status: "error", message: "This link has expired or has already been used. Ask your administrator for a new one." };
    return expected(error);
  }
  redirect("/sign-in?passwordSet=1");
}
