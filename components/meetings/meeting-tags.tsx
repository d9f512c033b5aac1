import { Tag, type TagColour } from "@/components/ui/tag";
import type { AgendaReason, MeetingStatus, Panel } from "@/lib/generated/prisma/enums";
import { MEETING_STATUS_LABELS } from "@/lib/meetings/labels";
import { PANEL_NAMES } from "@/lib/panels/labels";

const STATUS_COLOURS: Record<MeetingStatus, TagColour> = { SCHEDULED: "blue", IN_PROGRESS: "yellow", CLOSED: "grey", CANCELLED: "red" };

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  return <Tag colour={STATUS_COLOURS[status]}>{MEETING_STATUS_LABELS[status]}</Tag>;
}

export function PanelTag({ panel }: { panel: Panel }) {
  return <Tag colour={panel === "MARAC" ? "purple" : "turquoise"}>{PANEL_NAMES[panel]}</Tag>;
}

export function AgendaReasonTag({ reason }: { reason: AgendaReason }) {
  return reason === "REFERRAL" ? <Tag colour="pink">New referral</Tag> : <Tag colour="grey">Review</Tag>;
}
