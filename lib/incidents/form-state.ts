import type { FormState } from "@/lib/forms";
import type { LateReport } from "./late-report";
import type { LikelyDuplicates } from "./likely-duplicates";

// What the incident form's server actions return to useActionState. Pure: the client form reads it.

/** The incident as another officer saved it, shown to the officer whose save lost the race. */
export type IncidentConflict = {
  /** The version to save over, once the officer has seen the other changes. */
  version: number;
  rows: { key: string; value: string; differs: boolean }[];
};

/**
 * `lateReport`: the incident was not logged because it was reported long after it happened and the
 * officer has not yet confirmed both dates; the form asks them to. `likely`: new people or a new
 * place typed in are probably already recorded; the form offers them beside each (nothing written).
 */
export type IncidentFormState = FormState & { conflict?: IncidentConflict; lateReport?: LateReport; likely?: LikelyDuplicates };
