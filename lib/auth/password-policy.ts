import { dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/policy";

// The password rule (OWASP ASVS 5.0 V6.2, NCSC): long enough, not a known common password, not
// the user's own name or e-mail address. No composition rules: they make passwords harder to
// remember without making them harder to guess.

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

let common: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common;
}

export type PasswordOwner = { email?: string | null; name?: string | null };

/** What is wrong with a new password, in words to show the user, or null when it may be used. */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | null {
  const length = [...password].length;
  if (length === 0) return "Enter a new password";
  if (length < PASSWORD_MIN_LENGTH) return `Password must be ${PASSWORD_MIN_LENGTH} characters or more`;
  if (length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  const lowered = password.trim().toLowerCase();
  const squashed = lowered.replace(/\s+/g, "");
  if (commonPasswords().has(lowered) || commonPasswords().has(squashed)) {
    return "This password is on a list of commonly used passwords. Choose a different one";
  }
  const email = owner.email?.trim().toLowerCase();
  const localPart = email?.split("@")[0];
  const name = owner.name?.trim().toLowerCase();
  const nameSquashed = name?.replace(/[^a-z0-9]/g, "");
  const bare = lowered.replace(/[^a-z0-9]/g, "");
  if (
    (email && lowered === email) ||
    (localPart && localPart.length >= 4 && bare === localPart.replace(/[^a-z0-9]/g, "")) ||
    (nameSquashed && nameSquashed.length >= 4 && bare === nameSquashed)
  ) {
    return "Password must not be your name or email address";
  }
  return null;
}
