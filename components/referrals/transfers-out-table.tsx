import { Table } from "@/components/ui/table";
import { formatDate } from "@/lib/format/dates";
import type { TransferOutRow } from "@/lib/referrals/data";

/** A MARAC case's transfers out to other areas, latest first (the case page and the transfer-out page). */
export function TransfersOutTable({ rows, caption, captionHidden }: { rows: TransferOutRow[]; caption: string; captionHidden?: boolean }) {
  return (
    <Table
      caption={caption}
      captionHidden={captionHidden}
      rows={rows}
      rowKey={(t) => t.id}
      emptyMessage="This case has not been transferred out."
      columns={[
        { key: "area", header: "Transferred to", rowHeader: true, cell: (t) => t.area },
        { key: "on", header: "Date", cell: (t) => formatDate(t.transferredAt) },
        { key: "reason", header: "Reason", cell: (t) => <span className="whitespace-pre-line">{t.reason}</span> },
        { key: "by", header: "Recorded by", cell: (t) => `${t.recordedBy} (${t.organisation}) on ${formatDate(t.recordedAt)}` },
      ]}
    />
  );
}
