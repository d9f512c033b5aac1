import type { MeetingStatus } from "@/lib/generated/prisma/enums";

// Plain English for the meetings domain: the panels, a meeting's status, why a meeting cannot be
// cancelled, and the marking on MARAC minutes. Pure: used by pages, client components and the
// minutes PDF alike.

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  SCHEDULED: "Scheduled",
  IN_PROGRESS: "In progress",
  CLOSED: "Closed",
  CANCELLED: "Cancelled",
};

/** Why a meeting that is not scheduled any more cannot be cancelled (the cancel page and the refusal). */
export const NOT_CANCELLABLE: Record<Exclude<MeetingStatus, "SCHEDULED">, string> = {
  IN_PROGRESS: "The meeting has started. Close it instead: cases not reviewed are minuted as not reviewed.",
  CLOSED: "The meeting is closed: its minutes are the record of what was decided.",
  CANCELLED: "The meeting has already been cancelled.",
};

/** The marking of MARAC meetings: on their pages, and at the top and bottom of every page of the minutes PDF. */
export const MINUTES_MARKING = "OFFICIAL-SENSITIVE — MARAC: do not share beyond the panel";
