import Link from "next/link";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { InlineCommand } from "@/components/cases/inline-command";
import { formatDate } from "@/lib/format/dates";
import { removeComplaintAction } from "@/lib/community-trigger/actions";
import type { ComplaintRow } from "@/lib/community-trigger/data";

/** The qualifying complaints, each saying whether it counts towards the threshold and, if not, why. */
export function ComplaintsTable({ caseId, complaints, mayRemove }: { caseId: string; complaints: ComplaintRow[]; mayRemove: boolean }) {
  return (
    <Table
      caption="Qualifying complaints, oldest first"
      captionHidden
      rows={complaints}
      rowKey={(c) => c.id}
      emptyMessage="No complaints have been recorded for this application."
      columns={[
        {
          key: "made",
          header: "Complaint made",
          rowHeader: true,
          className: "whitespace-nowrap",
          cell: (c) => formatDate(c.complaintDate),
        },
        {
          key: "incident",
          header: "Incident",
          cell: (c) => (
            <>
              <span className="block whitespace-nowrap">{formatDate(c.incidentDate)}</span>
              {c.incident ? <Link href={`/incidents/${c.incident.id}`}>{c.incident.reference}</Link> : null}
            </>
          ),
        },
        { key: "to", header: "Made to", cell: (c) => c.madeTo },
        { key: "problem", header: "Problem", cell: (c) => c.problem },
        {
          key: "counts",
          header: "Counts towards the threshold",
          cell: (c) =>
            c.counts ? (
              <Tag colour="green">Counts</Tag>
            ) : (
              <>
                <Tag colour="grey">Does not count</Tag>
                <span className="block mt-1">{c.reason ? `${c.reason.charAt(0).toUpperCase()}${c.reason.slice(1)}` : null}</span>
              </>
            ),
        },
        ...(mayRemove
          ? [
              {
                key: "remove",
                header: <span className="sr-only">Actions</span>,
                cell: (c: ComplaintRow) => (
                  <InlineCommand
                    action={removeComplaintAction}
                    fields={{ caseId, complaintId: c.id }}
                    label="Remove"
                    hiddenText={`the complaint made on ${formatDate(c.complaintDate)} to ${c.madeTo}`}
                  />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
