import type { CaseKind, CaseStatus, ClosureReason } from "@/lib/generated/prisma/enums";
import type { TagColour } from "@/lib/tag-colours";

// Plain English for the case enums, in the order forms offer them. Pure: used by pages, client
// forms and exports alike.

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  ASB: "ASB",
  CCM: "CCM",
  MARAC: "MARAC",
  COMMUNITY_TRIGGER: "Community Trigger",
};

/** What each kind is for, as the hint under each choice on the new-case form. */
export const CASE_KIND_HINTS: Record<CaseKind, string> = {
  ASB: "Anti-social behaviour affecting a person, a household or an area",
  CCM: "For the Community MARAC: anti-social behaviour with a vulnerable or high-risk victim",
  MARAC: "High-risk domestic abuse. Restricted: only MARAC panel members and you will be able to see it",
  COMMUNITY_TRIGGER: "An application for an ASB case review (section 104 of the 2014 Act)",
};

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  OPEN: "Open",
  UNDER_REVIEW: "Under review",
  MONITORING: "Monitoring",
  CLOSED: "Closed",
};

export const CASE_STATUS_HINTS: Record<CaseStatus, string> = {
  OPEN: "Agencies are working on the case",
  UNDER_REVIEW: "The case is being reviewed, for example before or at a panel meeting",
  MONITORING: "The problem has stopped for now; partners keep watch before closing",
  CLOSED: "No more work is needed. You will be asked why",
};

/** The colour of each status's tag, the same on every page that lists cases. */
export const CASE_STATUS_COLOURS: Record<CaseStatus, TagColour> = {
  OPEN: "blue",
  UNDER_REVIEW: "yellow",
  MONITORING: "purple",
  CLOSED: "grey",
};

export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  RESOLVED: "Resolved",
  NO_FURTHER_ACTION: "No further action",
  ENFORCEMENT_COMPLETE: "Enforcement complete",
  TRANSFERRED_OUT: "Transferred to another area",
  VICTIM_DISENGAGED: "Victim no longer engaging",
  DUPLICATE: "Duplicate of another case",
  OTHER: "Other reason",
};

/** Which organisations a case list shows: all visible, those the actor's organisation leads, or those shared with it. */
export const CASE_RELATION_LABELS = {
  lead: "My organisation leads",
  shared: "Shared with my organisation",
} as const;
export type CaseRelation = keyof typeof CASE_RELATION_LABELS;

/** Why the reader sees a case, as the case list (and its download) says it. */
export const CASE_LIST_RELATIONS = { lead: "Leads", shared: "Shared with you", panel: "Restricted access" } as const;

// What a record (an incident, a power) says about its case when the reader may not see that case,
// and when it has none: one wording for both, so the page never tells a reader outside a
// restricted (MARAC) case that the case exists. It is honest either way: it never says "no case"
// of a record that has one. Trying to add such a record to a case gets the same words
// (caseYouCannotSee), never a different answer that would tell the two apart.
export const NOT_IN_A_VISIBLE_CASE = "Not part of a case you can see";
export const IN_A_VISIBLE_CASE = "Part of a case you can see";

/** Why a record the reader sees, in a case they cannot see, cannot be added to a case. */
export function inCaseYouCannotSee(reference: string, into: "this case" | "a new case" | "another case"): string {
  return `${reference} is already part of a case you cannot see, so it cannot be added to ${into}`;
}
