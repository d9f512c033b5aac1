import type { FormState } from "@/lib/forms";

// What the account and administration forms' server actions return. Pure: the client forms read it.
// A one-time link or recovery codes travel only in this response, never in a URL.

export type AccountFormState = FormState & {
  /** A set-password link path (/set-password/…), shown once to pass on. */
  linkPath?: string;
  /** Recovery codes, shown once. */
  recoveryCodes?: string[];
  /** Changes sent to a restricted panel's chairs for approval instead of being made ("MARAC membership"). */
  requested?: string[];
};
