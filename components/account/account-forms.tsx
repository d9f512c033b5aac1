"use client";

import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/text-input";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { NewPasswordFields } from "@/components/account/new-password-fields";
import { RecoveryCodes } from "@/components/account/recovery-codes";
import { changePasswordAction, disableTwoFactorAction, regenerateRecoveryCodesAction } from "@/lib/auth/account-actions";

// The forms on "Your account". Each asks for the current password: someone at an unlocked screen
// must not be able to change how the account signs in.

export function ChangePasswordForm() {
  const { state, formAction, pending, onSubmit, errors } = useForm(changePasswordAction);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={["currentPassword", "newPassword", "confirmPassword"]} />
      <TextInput
        id="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        width={30}
        error={errors.currentPassword}
      />
      <NewPasswordFields errors={errors} />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        Change password
      </Button>
    </form>
  );
}

export function RegenerateRecoveryCodesForm() {
  const { state, formAction, pending, onSubmit, errors } = useForm(regenerateRecoveryCodesAction);
  if (state.status === "saved" && state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} />;
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={["currentPassword"]} hrefFor={() => "#recoveryPassword"} />
      <TextInput
        id="recoveryPassword"
        name="currentPassword"
        label="Your password"
        hint="New codes replace the old ones, which stop working."
        type="password"
        autoComplete="current-password"
        width={30}
        error={errors.currentPassword}
      />
      <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending}>
        Get new recovery codes
      </Button>
    </form>
  );
}

export function DisableTwoFactorForm() {
  const { state, formAction, pending, onSubmit, errors } = useForm(disableTwoFactorAction);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={["currentPassword"]} hrefFor={() => "#disablePassword"} />
      <TextInput
        id="disablePassword"
        name="currentPassword"
        label="Your password"
        type="password"
        autoComplete="current-password"
        width={30}
        error={errors.currentPassword}
      />
      <Button type="submit" variant="warning" disabled={pending} aria-disabled={pending}>
        Turn off two-factor sign-in
      </Button>
    </form>
  );
}
