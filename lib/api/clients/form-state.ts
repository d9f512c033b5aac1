import type { FormState } from "@/lib/forms";

// What the API client forms' server actions return to useActionState. Pure: the client forms read it.

/** The new client's form: on success its id and its token. The token travels only here, once: never in a URL, a title or a log. */
export type NewApiClientFormState = FormState & { clientId?: string; token?: string };

/** What revoking will do, in words, for its check step (check before submit). */
export type RevokeReview = { heading: string; rows: { key: string; value: string }[] };

export type RevokeApiClientFormState = FormState & { review?: RevokeReview };
