import Link from "next/link";
import { Table } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/dates";
import { CATEGORY_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import type { MyIncident } from "@/lib/dashboard/data";

/** The incidents the officer logged most recently, each a link to it. */
export function MyIncidents({ incidents }: { incidents: MyIncident[] }) {
  return (
    <Table
      caption="Incidents you logged, most recent first"
      captionHidden
      rows={incidents}
      rowKey={(i) => i.id}
      emptyMessage="You have not logged any incidents yet."
      columns={[
        {
          key: "reference",
          header: "Incident",
          rowHeader: true,
          cell: (i) => (
            <Link href={`/incidents/${i.id}`} className="whitespace-nowrap">
              {i.reference}
            </Link>
          ),
        },
        { key: "when", header: "Happened", cell: (i) => formatDateTime(i.occurredAt) },
        {
          key: "what",
          header: "What",
          cell: (i) => (
            <>
              {TYPE_LABELS[i.type]}
              <span className="block body-s text-ink-secondary">{CATEGORY_LABELS[i.category]}</span>
            </>
          ),
        },
        { key: "place", header: "Place", cell: (i) => i.place ?? "Not recorded" },
      ]}
    />
  );
}
