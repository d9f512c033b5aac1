import Link from "next/link";
import { Table, type TableSort } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/dates";
import type { MeetingListRow } from "@/lib/meetings/data";
import { MeetingStatusTag, PanelTag } from "./meeting-tags";

/** Meetings as a table: the list page and the dashboard share it. */
export function MeetingTable({ rows, caption, captionHidden, sort, emptyMessage }: { rows: MeetingListRow[]; caption: string; captionHidden?: boolean; sort?: TableSort; emptyMessage?: string }) {
  return (
    <Table
      caption={caption}
      captionHidden={captionHidden}
      rows={rows}
      rowKey={(m) => m.id}
      sort={sort}
      emptyMessage={emptyMessage}
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
