import { Tag } from "@/components/ui/tag";
import type { ImportStatus } from "@/lib/generated/prisma/enums";

const LABELS: Record<ImportStatus, { text: string; colour: "grey" | "blue" | "green" | "red" | "yellow" }> = {
  CHECKING: { text: "Checking", colour: "blue" },
  CHECKED: { text: "Checked", colour: "yellow" },
  IMPORTING: { text: "Importing", colour: "blue" },
  IMPORTED: { text: "Imported", colour: "green" },
  FAILED: { text: "Stopped", colour: "red" },
  DISCARDED: { text: "Discarded", colour: "grey" },
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  return <Tag colour={LABELS[status].colour}>{LABELS[status].text}</Tag>;
}
