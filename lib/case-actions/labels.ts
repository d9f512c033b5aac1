import type { ActionStatus } from "@/lib/generated/prisma/enums";
import type { TagColour } from "@/lib/tag-colours";
import { isOverdue, type DateLike } from "@/lib/format/dates";

// Plain English for actions, and the one rule for "overdue". Pure: pages, client forms and the
// data layer share it.

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  OPEN: "Open",
  IN_PROGRESS: "In progress",
  DONE: "Done",
  CANCELLED: "Cancelled",
};

export const ACTION_STATUS_COLOURS: Record<ActionStatus, TagColour> = {
  OPEN: "blue",
  IN_PROGRESS: "turquoise",
  DONE: "green",
  CANCELLED: "grey",
};

/** What each status means, as the hint under each choice when an action is updated. */
export const ACTION_STATUS_HINTS: Record<ActionStatus, string> = {
  OPEN: "Nobody has started it yet",
  IN_PROGRESS: "Someone is working on it",
  DONE: "It has been done. You will be asked for the outcome",
  CANCELLED: "It is no longer needed. You will be asked why",
};

/** Statuses in which an action still needs doing (and can be overdue). */
export const OPEN_ACTION_STATUSES = ["OPEN", "IN_PROGRESS"] as const satisfies readonly ActionStatus[];

export function isOpenAction(status: ActionStatus): boolean {
  return (OPEN_ACTION_STATUSES as readonly ActionStatus[]).includes(status);
}

/**
 * Overdue: still open or in progress, and its due date (a calendar day) is before today in London.
 * The data layer counts and filters by the same rule (dueDate < londonToday()).
 */
export function isActionOverdue(action: { status: ActionStatus; dueDate: DateLike }, now: DateLike = new Date()): boolean {
  return isOpenAction(action.status) && isOverdue(action.dueDate, now);
}
