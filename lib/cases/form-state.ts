import type { FormState } from "@/lib/forms";

// What the case forms' server actions return to useActionState. Pure: the client forms read it.

/** The case as another officer saved it, shown to the officer whose save lost the race. */
export type CaseConflict = {
  /** The version to save over, once the officer has seen the other changes. */
  version: number;
  rows: { key: string; value: string; differs: boolean }[];
};

/** What closing the case will do, shown before the officer confirms it (check before submit). */
export type ClosingCheck = {
  reason: string;
  note: string | null;
  openActions: number;
  /** The day it is closed on, in words, when that is an earlier day (recorded afterwards); null for today. */
  closedOn: string | null;
};

export type CaseFormState = FormState & { conflict?: CaseConflict; closing?: ClosingCheck };

/** What a case form (or a form on a page under a case) says of a case it cannot find. */
export const CASE_NOT_FOUND = "This case cannot be found. It may have been removed, or you may no longer have access to it.";

/** Messages for the case page after a change: the URL carries a key, never what was typed. */
export const CASE_NOTICES = {
  opened: "Case opened",
  updated: "Case details saved",
  status: "Status changed",
  shared: "Case shared. Everyone in that organisation who may see it can now see it.",
  "share-withdrawn": "Sharing withdrawn. That organisation can no longer see the case.",
  "incidents-linked": "Incidents added to the case",
  "incident-unlinked": "Incident taken out of the case",
  "person-added": "Person added to the case",
  "person-removed": "Person taken out of the case",
  "place-added": "Place added to the case",
  "place-removed": "Place taken out of the case",
  note: "Note added to the timeline",
  corrected: "Correction added to the timeline",
  "action-added": "Action added",
  "action-changed": "Action changed",
  "action-status": "Action updated",
  "action-done": "Action marked as done",
  "action-cancelled": "Action cancelled",
} as const;
export type CaseNotice = keyof typeof CASE_NOTICES;

/** Problems with a one-click change (remove, withdraw), shown on the case page. */
export const CASE_PROBLEMS = {
  forbidden: "You cannot make that change. Ask the lead organisation of this case to make it.",
  conflict: "That has already been changed by someone else. Check the case and try again if needed.",
  unavailable: "Sorry, the service is unavailable at the moment, so nothing was changed. Try again in a few minutes.",
} as const;
export type CaseProblem = keyof typeof CASE_PROBLEMS;
