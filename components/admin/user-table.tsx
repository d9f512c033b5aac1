import Link from "next/link";
import { Table, type TableSort } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format/dates";
import type { UserRow } from "@/lib/users/data";

export function UserTable({
  rows,
  caption,
  sort,
  emptyMessage,
}: {
  rows: UserRow[];
  caption: string;
  sort: TableSort;
  emptyMessage: string;
}) {
  return (
    <Table<UserRow>
      caption={caption}
      captionHidden
      rows={rows}
      rowKey={(u) => u.id}
      sort={sort}
      emptyMessage={emptyMessage}
      columns={[
        {
          key: "name",
          header: "Name",
          sortKey: "name",
          rowHeader: true,
          cell: (u) => (
            <>
              <Link href={`/admin/users/${u.id}`} className="link-no-visited font-bold">
                {u.name}
              </Link>
              <span className="block body-s break-all">{u.email}</span>
            </>
          ),
        },
        { key: "organisation", header: "Organisation", sortKey: "organisation", cell: (u) => u.organisationName },
        {
          key: "role",
          header: "Role and panels",
          cell: (u) => (
            <>
              {ROLE_LABELS[u.role]}
              {u.panels.length > 0 ? <span className="block body-s">Panels: {u.panels.join(", ")}</span> : null}
            </>
          ),
        },
        {
          key: "status",
          header: "Status",
          cell: (u) => (
            <span className="flex flex-wrap gap-1">
              {u.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Disabled</Tag>}
              {u.passwordSet ? null : <Tag colour="orange">Invited</Tag>}
              {u.twoFactor ? <Tag colour="blue">Two-factor</Tag> : null}
            </span>
          ),
        },
        {
          key: "lastLogin",
          header: "Last signed in",
          sortKey: "lastLogin",
          cell: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "Never"),
        },
      ]}
    />
  );
}
