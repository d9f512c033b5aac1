import type { TimelineKind } from "@/lib/generated/prisma/enums";

// Plain English for the kinds of timeline entry. Pure: used by the timeline, its filters and exports.

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  CASE_OPENED: "Case opened",
  CASE_UPDATED: "Case details changed",
  INCIDENT_LINKED: "Incident linked",
  INCIDENT_UNLINKED: "Incident removed",
  PERSON_ADDED: "Person added",
  PERSON_REMOVED: "Person removed",
  LOCATION_ADDED: "Place added",
  LOCATION_REMOVED: "Place removed",
  SHARED: "Shared",
  SHARE_WITHDRAWN: "Sharing withdrawn",
  ACTION_CREATED: "Action created",
  ACTION_UPDATED: "Action updated",
  ACTION_COMPLETED: "Action completed",
  ACTION_CANCELLED: "Action cancelled",
  NOTE: "Note",
  DOCUMENT_ADDED: "Document added",
  RISK_ASSESSED: "Risk assessed",
  STATUS_CHANGED: "Status changed",
  POWER_ISSUED: "Power issued",
  POWER_STATUS_CHANGED: "Power status changed",
  POWER_BREACHED: "Power breached",
  REFERRED: "Referred",
  TRIAGED: "Referral triaged",
  DISCUSSED_AT_MEETING: "Discussed at a meeting",
  COMMUNITY_TRIGGER_UPDATED: "Community Trigger updated",
  CORRECTION: "Correction",
  TRANSFERRED_OUT: "Transferred to another area",
};

/** The heading of one entry: its kind in words. */
export function timelineEntryLabel(kind: TimelineKind): string {
  return TIMELINE_KIND_LABELS[kind];
}
