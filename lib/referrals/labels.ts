import type { MaracGround, ReferralStatus, TransferDirection } from "@/lib/generated/prisma/enums";

// Plain English for referrals. Pure: pages, client forms and tests read it.

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  PENDING: "Awaiting triage",
  ACCEPTED: "Accepted",
  DECLINED: "Declined",
  MORE_INFO_REQUESTED: "More information requested",
  WITHDRAWN: "Withdrawn",
};

export const REFERRAL_STATUS_TAG_COLOURS: Record<ReferralStatus, "grey" | "green" | "red" | "yellow" | "blue"> = {
  PENDING: "blue",
  ACCEPTED: "green",
  DECLINED: "red",
  MORE_INFO_REQUESTED: "yellow",
  WITHDRAWN: "grey",
};

/** The grounds an officer may choose. REPEAT is computed, never chosen (lib/referrals/repeat). */
export const CHOOSABLE_GROUNDS = [
  "VISIBLE_HIGH_RISK",
  "PROFESSIONAL_JUDGEMENT",
  "POTENTIAL_ESCALATION",
] as const satisfies readonly MaracGround[];
export type ChoosableGround = (typeof CHOOSABLE_GROUNDS)[number];

export const MARAC_GROUND_LABELS: Record<MaracGround, string> = {
  VISIBLE_HIGH_RISK: "Visible high risk (DASH score of 14 or more)",
  PROFESSIONAL_JUDGEMENT: "Professional judgement",
  POTENTIAL_ESCALATION: "Potential escalation",
  REPEAT: "Repeat referral",
};

export const MARAC_GROUND_HINTS: Record<ChoosableGround, string> = {
  VISIBLE_HIGH_RISK: "Only when the case's latest DASH risk checklist scores 14 or more",
  PROFESSIONAL_JUDGEMENT: "You believe the victim is at high risk whatever the score",
  POTENTIAL_ESCALATION: "For example 3 or more incidents in 12 months",
};

export const TRANSFER_LABELS: Record<TransferDirection, string> = {
  NONE: "Not a transfer",
  TRANSFER_IN: "Transfer in from another area's MARAC",
  // No longer made: a transfer out is recorded on the case. Earlier ones stay readable.
  TRANSFER_OUT: "Transfer out to another area's MARAC",
};

/** A referral's transfer in words ("Transfer in from Ashcombe"), or null when it is not one. */
export function transferWords(direction: TransferDirection, area: string | null): string | null {
  switch (direction) {
    case "TRANSFER_IN":
      return `Transfer in from ${area ?? "another area"}`;
    case "TRANSFER_OUT":
      return `Transfer out to ${area ?? "another area"}`;
    default:
      return null;
  }
}

/** The referral lists' transfer filter: transfers in, or referrals that are not transfers (blank: all). */
export const TRANSFER_FILTERS = ["in", "none"] as const;
export type TransferFilter = (typeof TRANSFER_FILTERS)[number];

export const TRANSFER_FILTER_LABELS: Record<TransferFilter, string> = {
  in: "Transfers in from another area",
  none: "Not transfers",
};

/** The chair's three decisions. */
export const TRIAGE_OUTCOMES = ["ACCEPTED", "DECLINED", "MORE_INFO_REQUESTED"] as const satisfies readonly ReferralStatus[];
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

export const TRIAGE_OUTCOME_LABELS: Record<TriageOutcome, string> = {
  ACCEPTED: "Accept onto meeting",
  DECLINED: "Decline",
  MORE_INFO_REQUESTED: "Ask for more information",
};

/** Statuses a chair can still decide on. */
export const UNDECIDED_STATUSES = ["PENDING", "MORE_INFO_REQUESTED"] as const satisfies readonly ReferralStatus[];

/** Statuses a referral can be withdrawn from: only while the chair has not decided. */
export const WITHDRAWABLE_STATUSES = UNDECIDED_STATUSES;

/** One row of a referral's history, in words: the step, not only the status it led to. */
export type HistoryStep = "decision" | "information" | "returned" | "withdrawn";

export const HISTORY_STEP_LABELS: Record<Exclude<HistoryStep, "decision">, string> = {
  information: "Information added by the referrer",
  returned: "Returned to the triage queue",
  withdrawn: "Withdrawn",
};

export const REFERRAL_NOTICES = {
  referred: "Referral sent",
  accepted: "Referral accepted onto the meeting",
  declined: "Referral declined",
  "more-info": "More information requested from the referrer",
  "info-added": "Information added. The referral is back with the chair.",
  withdrawn: "Referral withdrawn. It is no longer in the chair's triage queue.",
} as const;
export type ReferralNotice = keyof typeof REFERRAL_NOTICES;
