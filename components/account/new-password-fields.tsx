import { TextInput } from "@/components/ui/text-input";
import type { FieldErrors } from "@/lib/errors";

export const NEW_PASSWORD_HINT =
  "Use 12 characters or more. A few unrelated words together are easy to remember and hard to guess. Do not use a password you use anywhere else.";

/** New password and its confirmation (never pre-filled: passwords are not echoed back). */
export function NewPasswordFields({ errors, label = "New password" }: { errors: FieldErrors; label?: string }) {
  return (
    <>
      <TextInput
        id="newPassword"
        label={label}
        hint={NEW_PASSWORD_HINT}
        type="password"
        autoComplete="new-password"
        width={30}
        error={errors.newPassword}
      />
      <TextInput
        id="confirmPassword"
        label="Enter the new password again"
        type="password"
        autoComplete="new-password"
        width={30}
        error={errors.confirmPassword}
      />
    </>
  );
}
