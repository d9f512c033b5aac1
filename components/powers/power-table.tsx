import Link from "next/link";
import { Table, type TableColumn, type TableSort } from "@/components/ui/table";
import { formatDate } from "@/lib/format/dates";
import type { PowerListRow } from "@/lib/powers/data";
import { PowerStatusTag } from "./power-tags";

/** The register's table: reference, kind, subject, issuer, dates and status. */
export function PowerTable({
  rows,
  caption,
  sort,
  emptyMessage,
}: {
  rows: readonly PowerListRow[];
  caption: string;
  sort?: TableSort;
  emptyMessage: string;
}) {
  const columns: TableColumn<PowerListRow>[] = [
    {
      key: "reference",
      header: "Reference",
      sortKey: "reference",
      rowHeader: true,
      className: "whitespace-nowrap",
      cell: (p) => (
        <Link href={`/powers/${p.id}`} className="font-bold">
          {p.reference}
        </Link>
      ),
    },
    { key: "kind", header: "Power", sortKey: "kind", cell: (p) => p.kind.name },
    { key: "subject", header: "Issued to", cell: (p) => p.subject },
    { key: "organisation", header: "Issued by", cell: (p) => p.issuingOrganisation.shortName },
    {
      key: "issued",
      header: "Issued",
      sortKey: "issued",
      defaultDir: "desc",
      className: "whitespace-nowrap",
      cell: (p) => formatDate(p.issuedAt),
    },
    {
      key: "expires",
      header: "Expires",
      sortKey: "expires",
      className: "whitespace-nowrap",
      cell: (p) => (p.expiresAt ? formatDate(p.expiresAt) : "No expiry"),
    },
    { key: "status", header: "Status", cell: (p) => <PowerStatusTag status={p.status} /> },
  ];
  return (
    <Table caption={caption} captionHidden rows={rows} rowKey={(p) => p.id} columns={columns} emptyMessage={emptyMessage} sort={sort} />
  );
}
