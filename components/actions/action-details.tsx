import Link from "next/link";
import { SummaryList, type SummaryListRow } from "@/components/ui/summary-list";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import type { ActionView } from "@/lib/case-actions/data";
import type { CaseSummary } from "@/lib/cases/data";
import { ACTION_STATUS_LABELS } from "@/lib/case-actions/labels";
import { ActionDue, ActionStatusTag } from "./action-tags";
import { actionHref } from "./action-table";

/** The action's details, with "Change" links for those who may change it. */
export function ActionDetails({ action: a }: { action: ActionView }) {
  const change = (anchor: string, what: string) =>
    a.mayUpdate ? { href: `${actionHref(a)}/edit#${anchor}`, visuallyHiddenText: what } : undefined;
  const rows: SummaryListRow[] = [
    { key: "Status", value: <ActionStatusTag status={a.status} /> },
    { key: "What needs to be done", value: a.title, action: change("title", "what needs to be done") },
    {
      key: "Details",
      value: a.detail ? <span className="whitespace-pre-line">{a.detail}</span> : null,
      action: change("detail", "details"),
    },
    {
      key: "Assigned to",
      value: a.assignedUser
        ? `${a.assignedOrganisation.name}: ${a.assignedUser.name}`
        : `${a.assignedOrganisation.name} (no officer named)`,
      action: change(a.mayReassign ? "assignedOrganisationId" : "assignedUserId", "who it is assigned to"),
    },
    { key: "Due", value: <ActionDue dueDate={a.dueDate} overdue={a.overdue} />, action: change("dueDate-day", "due date") },
  ];
  if (a.status === "DONE") {
    rows.push({ key: "Outcome", value: <span className="whitespace-pre-line">{a.outcome}</span> });
    if (a.completedAt) rows.push({ key: "Completed", value: formatDateTime(a.completedAt) });
  }
  if (a.status === "CANCELLED")
    rows.push({ key: "Why it was cancelled", value: <span className="whitespace-pre-line">{a.cancelReason}</span> });
  rows.push({ key: "Added", value: `${formatDateTime(a.createdAt)} by ${a.createdBy.name}, ${a.createdBy.organisationShortName}` });
  return <SummaryList rows={rows} />;
}

/** Why the actor cannot move this action on, and who can. */
export function ActionRightsNote({
  action: a,
  caseSummary: c,
}: {
  action: ActionView;
  caseSummary: Pick<CaseSummary, "id" | "leadOrganisation">;
}) {
  return (
    <div className="max-w-[40rem]">
      <p className="body-m">
        {a.status === "DONE" || a.status === "CANCELLED"
          ? `This action is ${ACTION_STATUS_LABELS[a.status].toLowerCase()}${a.status === "DONE" && a.completedAt ? ` (${formatDate(a.completedAt)})` : ""}. It can no longer be changed: if more needs doing, add a new action to the case.`
          : a.assignedOrganisation.id === c.leadOrganisation.id
            ? `Only ${c.leadOrganisation.name}, which the action is assigned to and which leads the case, can update it.`
            : `Only ${a.assignedOrganisation.name}, which the action is assigned to, or ${c.leadOrganisation.name}, which leads the case, can update it.`}
      </p>
      <p className="body-m">
        <Link href={`/cases/${c.id}#actions`}>Go back to the case</Link>
      </p>
    </div>
  );
}
