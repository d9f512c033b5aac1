import Link from "next/link";
import { Table, type TableColumn, type TableSort } from "@/components/ui/table";
import { formatDate } from "@/lib/format/dates";
import type { PspoListRow } from "@/lib/pspos/data";
import { PspoStatusTag } from "./pspo-tags";

/** The PSPO register's table: reference, name, making organisation, dates and status. */
export function PspoTable({ rows, sort, emptyMessage }: { rows: readonly PspoListRow[]; sort?: TableSort; emptyMessage: string }) {
  const columns: TableColumn<PspoListRow>[] = [
    {
      key: "reference",
      header: "Reference",
      sortKey: "reference",
      rowHeader: true,
      className: "whitespace-nowrap",
      cell: (p) => (
        <Link href={`/powers/pspos/${p.id}`} className="font-bold">
          {p.reference}
        </Link>
      ),
    },
    { key: "name", header: "Name", sortKey: "name", cell: (p) => p.name },
    { key: "organisation", header: "Made by", cell: (p) => p.organisation.shortName },
    {
      key: "starts",
      header: "In force from",
      sortKey: "starts",
      defaultDir: "desc",
      className: "whitespace-nowrap",
      cell: (p) => formatDate(p.startsOn),
    },
    { key: "ends", header: "Ends", sortKey: "ends", defaultDir: "desc", className: "whitespace-nowrap", cell: (p) => formatDate(p.endsOn) },
    { key: "status", header: "Status", cell: (p) => <PspoStatusTag status={p.status} /> },
  ];
  return (
    <Table
      caption="Public Spaces Protection Orders"
      captionHidden
      rows={rows}
      rowKey={(p) => p.id}
      columns={columns}
      emptyMessage={emptyMessage}
      sort={sort}
    />
  );
}
