import Link from "next/link";
import { Table, type TableColumn } from "@/components/ui/table";
import { formatDate } from "@/lib/format/dates";
import type { DrillRow } from "@/lib/returns/data";

/** The records behind a figure that the viewer may see. */
export function FigureRecordsTable({ rows, caption, dateHeader }: { rows: readonly DrillRow[]; caption: string; dateHeader: string }) {
  const columns: TableColumn<DrillRow>[] = [
    {
      key: "reference",
      header: "Reference",
      rowHeader: true,
      className: "whitespace-nowrap",
      cell: (r) => <Link href={r.href}>{r.reference}</Link>,
    },
    { key: "record", header: "Record", cell: (r) => r.record },
    { key: "organisation", header: "Organisation", cell: (r) => r.organisation },
    { key: "date", header: dateHeader, className: "whitespace-nowrap", cell: (r) => (r.date ? formatDate(r.date) : "") },
    { key: "detail", header: "Detail", cell: (r) => r.detail },
  ];
  return (
    <Table
      caption={caption}
      captionHidden
      rows={rows}
      rowKey={(r) => r.key}
      columns={columns}
      emptyMessage="There are no records behind this figure that you can see."
    />
  );
}
