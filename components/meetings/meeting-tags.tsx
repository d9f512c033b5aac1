import { Tag, type TagColour } from "@/components/ui/tag";
import type { AgendaReason, MeetingStatus, Panel } from "@/lib/generated/prisma/enums";

const STATUS: Record<MeetingStatus, [string, TagColour]> = {
  SCHEDULED: ["Scheduled", "blue"],
  IN_PROGRESS: ["In progress", "yellow"],
  CLOSED: ["Closed", "grey"],
  CANCELLED: ["Cancelled", "red"],
};

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const [label, colour] = STATUS[status];
  return <Tag colour={colour}>{label}</Tag>;
}

export function PanelTag({ panel }: { panel: Panel }) {
  return <Tag colour={panel === "MARAC" ? "purple" : "turquoise"}>{panel}</Tag>;
}

export function AgendaReasonTag({ reason }: { reason: AgendaReason }) {
  return reason === "REFERRAL" ? <Tag colour="pink">New referral</Tag> : <Tag colour="grey">Review</Tag>;
}
