import Link from "next/link";
import { Table, type TableColumn, type TableSort } from "@/components/ui/table";
import { RestrictedTag } from "@/components/cases/case-tags";
import { formatDate } from "@/lib/format/dates";
import type { ActionView } from "@/lib/case-actions/data";
import { ActionAssignee, ActionDue, ActionStatusTag } from "./action-tags";
import { CompleteActionForm } from "./complete-action-form";

// One table for actions wherever they are listed (a case's actions, "My actions", "My
// organisation's actions"): the differences are props. Every open action shows its due date, with
// a red "Overdue" tag when it is overdue.

export type ActionRow = ActionView & { case?: { id: string; reference: string; title: string; restricted: boolean } };

export const actionHref = (action: Pick<ActionView, "id" | "caseId">) => `/cases/${action.caseId}/actions/${action.id}`;

export function ActionTable<Row extends ActionRow>({
  rows,
  caption,
  captionHidden = true,
  emptyMessage,
  variant = "open",
  showCase = false,
  showAssignee = true,
  completeReturnTo,
  sort,
}: {
  rows: readonly Row[];
  caption: string;
  captionHidden?: boolean;
  emptyMessage: string;
  /** "open": due date and status; "closed": status, outcome or reason, and when it finished. */
  variant?: "open" | "closed";
  /** A column for the case (on the lists that span cases). */
  showCase?: boolean;
  showAssignee?: boolean;
  /** A "Complete" form under each action the actor may complete, coming back to this address. */
  completeReturnTo?: string;
  sort?: TableSort;
}) {
  const columns: TableColumn<Row>[] = [];
  if (showCase) {
    columns.push({
      key: "case",
      header: "Case",
      sortKey: "case",
      className: "whitespace-nowrap",
      cell: (a) =>
        a.case ? (
          <>
            <Link href={`/cases/${a.case.id}#actions`}>{a.case.reference}</Link>
            {a.case.restricted ? (
              <span className="block mt-1">
                <RestrictedTag />
              </span>
            ) : null}
          </>
        ) : null,
    });
  }
  columns.push({
    key: "action",
    header: "Action",
    rowHeader: true,
    cell: (a) => (
      <>
        <Link href={actionHref(a)} className="font-bold">
          {a.title}
        </Link>
        {a.case ? <span className="block body-s font-normal text-ink-secondary">{a.case.title}</span> : null}
        {/* "Complete" sits under the action it completes, in the widest column, so the form has room. */}
        {completeReturnTo !== undefined && a.mayUpdate ? (
          <div className="mt-2 font-normal">
            <CompleteActionForm caseId={a.caseId} actionId={a.id} version={a.version} title={a.title} returnTo={completeReturnTo} />
          </div>
        ) : null}
      </>
    ),
  });
  if (showAssignee)
    columns.push({
      key: "assignee",
      header: "Assigned to",
      cell: (a) => <ActionAssignee organisation={a.assignedOrganisation} officer={a.assignedUser} />,
    });
  if (variant === "open") {
    columns.push({ key: "due", header: "Due", sortKey: "due", cell: (a) => <ActionDue dueDate={a.dueDate} overdue={a.overdue} /> });
    columns.push({ key: "status", header: "Status", cell: (a) => <ActionStatusTag status={a.status} /> });
  } else {
    columns.push({ key: "status", header: "Status", cell: (a) => <ActionStatusTag status={a.status} /> });
    columns.push({
      key: "result",
      header: "Outcome or reason",
      cell: (a) => <span className="whitespace-pre-line break-words">{a.status === "DONE" ? a.outcome : a.cancelReason}</span>,
    });
    columns.push({ key: "finished", header: "Finished", cell: (a) => formatDate(a.completedAt ?? a.updatedAt) });
  }
  return (
    <Table
      caption={caption}
      captionHidden={captionHidden}
      rows={rows}
      rowKey={(a) => a.id}
      columns={columns}
      emptyMessage={emptyMessage}
      sort={sort}
    />
  );
}
