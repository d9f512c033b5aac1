import { Table } from "@/components/ui/table";

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return MONTH.format(new Date(Date.UTC(y!, m! - 1, 1)));
}

/** A bar per month with the figure written beside it; the table is the accessible version. */
export function IncidentTrend({ months }: { months: { month: string; count: number }[] }) {
  const max = Math.max(1, ...months.map((m) => m.count));
  return (
    <Table
      caption="Incidents per month"
      captionHidden
      rows={months}
      rowKey={(m) => m.month}
      columns={[
        { key: "month", header: "Month", cell: (m) => monthLabel(m.month), rowHeader: true },
        {
          key: "count",
          header: "Incidents",
          cell: (m) => (
            <span className="flex items-center gap-3">
              <span className="tabular-nums w-10 text-right">{m.count}</span>
              <span aria-hidden="true" className="h-4 bg-brand" style={{ width: `${(m.count / max) * 16}rem` }} />
            </span>
          ),
        },
      ]}
    />
  );
}
