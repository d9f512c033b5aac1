import { Tag } from "@/components/ui/tag";
import type { ActionStatus } from "@/lib/generated/prisma/enums";
import { ACTION_STATUS_COLOURS, ACTION_STATUS_LABELS } from "@/lib/case-actions/labels";
import { formatDate } from "@/lib/format/dates";

/** The action's status as a tag: colour plus the word. */
export function ActionStatusTag({ status }: { status: ActionStatus }) {
  return <Tag colour={ACTION_STATUS_COLOURS[status]}>{ACTION_STATUS_LABELS[status]}</Tag>;
}

/** The due date, with a red "Overdue" tag when the action is overdue (wherever an action is shown). */
export function ActionDue({ dueDate, overdue }: { dueDate: Date; overdue: boolean }) {
  return (
    <span className="whitespace-nowrap">
      {formatDate(dueDate)}
      {overdue ? (
        <>
          {" "}
          <Tag colour="red">Overdue</Tag>
        </>
      ) : null}
    </span>
  );
}

/** "KH (Owen Price)", with the organisation's full name for those who do not know the short one. */
export function ActionAssignee({
  organisation,
  officer,
}: {
  organisation: { name: string; shortName: string };
  officer: { name: string } | null;
}) {
  return (
    <>
      <abbr title={organisation.name}>{organisation.shortName}</abbr>
      {officer ? <span className="block body-s">{officer.name}</span> : null}
    </>
  );
}
