import Link from "next/link";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import type { AdministrationTasks as Tasks } from "@/lib/dashboard/data";

type Task = { key: string; label: string; figure: string | null; href: string; attention: boolean };

function tasksOf(t: Tasks): Task[] {
  const tasks: Task[] = [];
  if (t.users) {
    tasks.push(
      {
        key: "users",
        label: "Active users",
        figure: t.users.active.toLocaleString("en-GB"),
        href: "/admin/users?status=active",
        attention: false,
      },
      {
        key: "invited",
        label: "Invited users who have not set a password yet",
        figure: t.users.invitationsNotAccepted.toLocaleString("en-GB"),
        href: "/admin/users?status=active",
        attention: false,
      },
      {
        key: "disabled",
        label: "Disabled accounts",
        figure: t.users.disabled.toLocaleString("en-GB"),
        href: "/admin/users?status=disabled",
        attention: false,
      },
      { key: "invite", label: "Invite a user", figure: null, href: "/admin/users/new", attention: false },
    );
  }
  if (t.organisations !== null)
    tasks.push({
      key: "organisations",
      label: "Active partner organisations",
      figure: t.organisations.toLocaleString("en-GB"),
      href: "/admin/organisations",
      attention: false,
    });
  if (t.emailsFailed !== null)
    tasks.push({
      key: "email",
      label: "Notification e-mails that failed",
      figure: t.emailsFailed.toLocaleString("en-GB"),
      href: "/admin/notifications",
      attention: t.emailsFailed > 0,
    });
  if (t.auditTrail) tasks.push({ key: "audit", label: "Search the audit trail", figure: null, href: "/admin/audit", attention: false });
  return tasks;
}

/** The administration to do (users, organisations, e-mail, the audit trail), each row a link to where it is done. No case content. */
export function AdministrationTasks({ tasks }: { tasks: Tasks }) {
  return (
    <Table
      caption="Administration"
      captionHidden
      rows={tasksOf(tasks)}
      rowKey={(t) => t.key}
      columns={[
        {
          key: "task",
          header: "Task",
          rowHeader: true,
          cell: (t) => (
            <Link href={t.href} className="link-no-visited">
              {t.label}
            </Link>
          ),
        },
        {
          key: "figure",
          header: "Number",
          numeric: true,
          cell: (t) => (t.figure === null ? "" : t.attention ? <Tag colour="red">{t.figure}</Tag> : t.figure),
        },
      ]}
    />
  );
}
