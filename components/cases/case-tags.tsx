import { Tag } from "@/components/ui/tag";
import type { CaseStatus } from "@/lib/generated/prisma/enums";
import { CASE_STATUS_COLOURS, CASE_STATUS_LABELS } from "@/lib/cases/labels";

/** The case's status as a tag: colour plus the word. */
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return <Tag colour={CASE_STATUS_COLOURS[status]}>{CASE_STATUS_LABELS[status]}</Tag>;
}

/** Marks a restricted (MARAC) case wherever it is listed, for the few who may see it. */
export function RestrictedTag() {
  return <Tag colour="red">Restricted</Tag>;
}
