"use client";

import { Button } from "@/components/ui/button";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { NewPasswordFields } from "@/components/account/new-password-fields";
import { setPasswordAction } from "@/lib/auth/account-actions";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const { state, formAction, pending, onSubmit, errors } = useForm(setPasswordAction);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate>
      <FormProblems state={state} fields={["newPassword", "confirmPassword"]} />
      <input type="hidden" name="token" value={token} />
      {/* Lets a password manager save the new password against the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordFields errors={errors} />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        Set password
      </Button>
    </form>
  );
}
