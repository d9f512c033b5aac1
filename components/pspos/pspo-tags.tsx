import { Tag, type TagColour } from "@/components/ui/tag";
import { PSPO_STATUS_LABELS, type PspoStatus } from "@/lib/pspos/status";

const COLOURS: Record<PspoStatus, TagColour> = { IN_FORCE: "green", NOT_YET_IN_FORCE: "blue", ENDED: "grey" };

/** A PSPO's status, computed from its dates: colour plus text. */
export function PspoStatusTag({ status }: { status: PspoStatus }) {
  return <Tag colour={COLOURS[status]}>{PSPO_STATUS_LABELS[status]}</Tag>;
}
