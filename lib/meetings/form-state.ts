import type { FormState } from "@/lib/forms";

// What the meetings forms' server actions return to useActionState. Pure: the client forms read it.

/** What a consequential step will do, in words, for its check step (check before submit). */
export type MeetingReview = { heading: string; rows: { key: string; value: string }[] };

export type MeetingFormState = FormState & { review?: MeetingReview };
