import Link from "next/link";
import { Table, type TableColumn } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/dates";
import { AUDIT_ACTION_LABELS, AUDIT_RECORD_TYPES } from "@/lib/audit/filters";
import type { AuditRow } from "@/lib/audit/data";

/** Record types whose "who has seen this" page exists, by the audit trail's entityType. */
const SEEN_PAGES: Record<string, string> = { Case: "case", Person: "person" };

function recordCell(row: AuditRow, linkSeen: boolean) {
  if (!row.entityType) return "–";
  const type = AUDIT_RECORD_TYPES[row.entityType as keyof typeof AUDIT_RECORD_TYPES] ?? row.entityType;
  const seen = SEEN_PAGES[row.entityType];
  return (
    <>
      {type}
      {row.entityId ? <span className="block text-ink-secondary body-s break-all">{row.entityId}</span> : null}
      {linkSeen && seen && row.entityId ? (
        <Link href={`/admin/audit/seen/${seen}/${row.entityId}`} className="body-s">
          Who has seen this {seen}
        </Link>
      ) : null}
    </>
  );
}

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return "";
  const text = JSON.stringify(detail);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** Audit events: when, who (user and organisation), what, on which record. */
export function AuditTable({
  rows,
  caption,
  emptyMessage,
  showRecord = true,
  linkSeen = false,
}: {
  rows: readonly AuditRow[];
  caption: string;
  emptyMessage: string;
  showRecord?: boolean;
  linkSeen?: boolean;
}) {
  const columns: TableColumn<AuditRow>[] = [
    { key: "at", header: "When", rowHeader: true, className: "whitespace-nowrap", cell: (r) => formatDateTime(r.at) },
    { key: "action", header: "Action", cell: (r) => AUDIT_ACTION_LABELS[r.action] ?? r.action },
    {
      key: "user",
      header: "User",
      cell: (r) =>
        r.user ? (
          <>
            {r.user.name}
            <span className="block text-ink-secondary body-s">{r.user.email}</span>
          </>
        ) : (
          "–"
        ),
    },
    { key: "organisation", header: "Organisation", cell: (r) => r.organisation?.name ?? "–" },
    ...(showRecord
      ? [
          { key: "record", header: "Record", cell: (r: AuditRow) => recordCell(r, linkSeen) },
          { key: "detail", header: "Detail", className: "body-s break-all", cell: (r: AuditRow) => detailText(r.detail) },
        ]
      : []),
  ];
  return <Table caption={caption} captionHidden rows={rows} rowKey={(r) => String(r.id)} columns={columns} emptyMessage={emptyMessage} />;
}
