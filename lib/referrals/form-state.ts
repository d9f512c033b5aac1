import type { FormState } from "@/lib/forms";

// What the referral forms' server actions return to useActionState. Pure: the client forms read it.

/** The chair's decision in words, for the check step (check before submit). */
export type TriageReviewState = { heading: string; rows: { key: string; value: string }[] };

export type ReferralFormState = FormState & { review?: TriageReviewState };
