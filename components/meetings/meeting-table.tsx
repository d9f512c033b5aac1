import Link from "next/link";
import { Table, type TableListProps } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/dates";
import type { MeetingListRow } from "@/lib/meetings/data";
import { MeetingStatusTag, PanelTag } from "./meeting-tags";

/** Meetings as a table: the list page and the dashboard share it. */
export function MeetingTable(list: TableListProps<MeetingListRow> & { caption: string }) {
  return (
    <Table
      {...list}
      rowKey={(m) => m.id}
      columns={[
        {
          key: "ref",
          header: "Meeting",
          rowHeader: true,
          cell: (m) => (
            <Link href={`/meetings/${m.id}`} className="link-no-visited">
              {m.reference}
            </Link>
          ),
        },
        { key: "date", header: "Date and time", sortKey: "date", cell: (m) => formatDateTime(m.startsAt) },
        { key: "panel", header: "Panel", cell: (m) => <PanelTag panel={m.panel} /> },
        { key: "venue", header: "Venue", cell: (m) => m.venue ?? "Not set" },
        { key: "chair", header: "Chair", cell: (m) => m.chair.name },
        { key: "agenda", header: "Cases on agenda", numeric: true, cell: (m) => m.agendaItems },
        {
          key: "status",
          header: "Status",
          cell: (m) => (
            <>
              <MeetingStatusTag status={m.status} />
              {m.cancellation ? <span className="block body-s mt-1 whitespace-pre-line">{`Reason: ${m.cancellation.reason}`}</span> : null}
            </>
          ),
        },
      ]}
    />
  );
}
