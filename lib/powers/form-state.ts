import type { FormState } from "@/lib/forms";

// What the powers forms' server actions return to useActionState. Pure: the client forms read it.

/** The power as it will be issued, in words, for the check page (check before submit). */
export type IssueReview = { rows: { key: string; value: string }[]; heading: string };

export type PowerFormState = FormState & { review?: IssueReview };

export const POWER_NOTICES = {
  issued: "Power recorded",
  status: "Status changed",
  breach: "Breach recorded",
  "kind-added": "Kind of power added",
} as const;
export type PowerNotice = keyof typeof POWER_NOTICES;
