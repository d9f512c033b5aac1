import { Tag, type TagColour } from "@/components/ui/tag";
import type { PowerStatus } from "@/lib/generated/prisma/enums";
import { POWER_STATUS_LABELS } from "@/lib/powers/lifecycle";

const COLOURS: Record<PowerStatus, TagColour> = {
  ISSUED: "blue",
  VARIED: "turquoise",
  BREACHED: "red",
  APPEALED: "orange",
  COMPLIED: "green",
  DISCHARGED: "grey",
  EXPIRED: "grey",
  WITHDRAWN: "grey",
};

/** A power's status: colour plus text. */
export function PowerStatusTag({ status }: { status: PowerStatus }) {
  return <Tag colour={COLOURS[status]}>{POWER_STATUS_LABELS[status]}</Tag>;
}
