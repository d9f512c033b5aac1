import Link from "next/link";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDate } from "@/lib/format/dates";
import { VULNERABILITY_MARKERS } from "@/lib/people/alert-labels";
import type { SafeguardingAlert } from "@/lib/dashboard/data";

/** Repeat and vulnerable victims in the organisation's own recent incidents, most incidents first. */
export function SafeguardingAlerts({
  organisation,
  windowMonths,
  people,
  limited,
}: {
  organisation: string;
  windowMonths: number;
  people: SafeguardingAlert[];
  /** Only the victims of the most recent incidents were checked. */
  limited: boolean;
}) {
  return (
    <section aria-labelledby="safeguarding-heading" className="mb-10 border-[5px] border-error p-4 sm:p-5">
      <h2 id="safeguarding-heading" className="heading-m">
        Repeat and vulnerable victims
      </h2>
      <p className="body-m">
        Victims in incidents {organisation} logged in the last {windowMonths} months who are repeat victims across the partnership or have a
        vulnerability recorded.
        {limited ? " Only the victims in the most recent incidents are checked here: each person’s profile shows their own alerts." : ""}
      </p>
      <Table
        caption="Repeat and vulnerable victims"
        captionHidden
        rows={people}
        rowKey={(p) => p.personId}
        columns={[
          {
            key: "name",
            header: "Person",
            rowHeader: true,
            cell: (p) => (
              <Link className="link" href={`/people/${p.personId}`}>
                {p.name}
              </Link>
            ),
          },
          {
            key: "alerts",
            header: "Alerts",
            cell: (p) => (
              <span className="flex flex-wrap gap-2">
                {p.repeatVictim ? <Tag colour="red">Repeat victim</Tag> : null}
                {p.vulnerable ? <Tag colour="orange">Vulnerable</Tag> : null}
              </span>
            ),
          },
          { key: "count", header: `Incidents as victim (${windowMonths} months)`, numeric: true, cell: (p) => p.victimIncidentsInWindow },
          {
            key: "markers",
            header: "Vulnerability",
            cell: (p) =>
              p.vulnerabilityMarkers.length ? p.vulnerabilityMarkers.map((m) => VULNERABILITY_MARKERS[m] ?? m).join(", ") : "None recorded",
          },
          { key: "last", header: "Latest incident", cell: (p) => formatDate(p.lastIncidentAt) },
        ]}
      />
    </section>
  );
}
