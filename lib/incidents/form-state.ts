import type { FormState } from "@/lib/forms";

// What the incident form's server actions return to useActionState. Pure: the client form reads it.

/** The incident as another officer saved it, shown to the officer whose save lost the race. */
export type IncidentConflict = {
  /** The version to save over, once the officer has seen the other changes. */
  version: number;
  rows: { key: string; value: string; differs: boolean }[];
};

export type IncidentFormState = FormState & { conflict?: IncidentConflict };
