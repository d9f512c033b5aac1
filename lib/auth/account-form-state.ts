import type { FormState } from "@/lib/forms";

// What the account and administration forms' server actions return. Pure: the client forms read it.
// A one-time link or recovery codes travel only in this response, never in a URL.

export type AccountFormState = FormState & {
  /** Where a set-password link was e-mailed: the account's own address, masked ("j…@met.kingsmere.example"). */
  sentTo?: string;
  /** Recovery codes, shown once. */
  recoveryCodes?: string[];
  /** Changes sent to a restricted panel's chairs for approval instead of being made ("MARAC membership"). */
  requested?: string[];
};
