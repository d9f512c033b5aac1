import Link from "next/link";
import { Table } from "@/components/ui/table";
import { hrefWithParams } from "@/components/ui/search-params";
import { CATEGORY_LABELS } from "@/lib/incidents/labels";
import type { IncidentTrends as Trends } from "@/lib/dashboard/data";

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return MONTH.format(new Date(Date.UTC(y!, m! - 1, 1)));
}

/** A bar beside a figure; the figure is the accessible version, the bar is decoration. */
function Bar({ count, max }: { count: number; max: number }) {
  return (
    <span className="flex items-center gap-3">
      <span className="tabular-nums w-10 text-right shrink-0">{count}</span>
      <span aria-hidden="true" className="h-4 bg-brand max-w-[30vw]" style={{ width: `${(count / Math.max(1, max)) * 7}rem` }} />
    </span>
  );
}

/**
 * The organisation's incidents in the last six months, by month and (for managers and viewers) by
 * category and by place. Each
 * row links to the incident list filtered the same way (organisation, dates, category or place).
 */
export function IncidentTrends({ trends, organisationId }: { trends: Trends; organisationId: string }) {
  const list = (params: Record<string, string>) =>
    hrefWithParams("/incidents", {}, { org: organisationId, from: trends.firstDay, to: trends.lastDay, ...params });
  const monthMax = Math.max(...trends.months.map((m) => m.count));
  const { categories, places } = trends;
  const categoryMax = Math.max(0, ...(categories ?? []).map((c) => c.count));
  const placeMax = Math.max(0, ...(places ?? []).map((p) => p.count));
  return (
    <div className={categories || places ? "grid grid-cols-1 gap-x-8 lg:grid-cols-[1fr_1fr_1.3fr]" : "max-w-[36rem]"}>
      <div>
        <h3 className="heading-s">By month</h3>
        <Table
          caption="Incidents by month"
          captionHidden
          rows={trends.months}
          rowKey={(m) => m.month}
          columns={[
            {
              key: "month",
              header: "Month",
              rowHeader: true,
              cell: (m) => (
                <Link href={list({ from: m.firstDay, to: m.lastDay })} className="link-no-visited whitespace-nowrap">
                  {monthLabel(m.month)}
                </Link>
              ),
            },
            { key: "count", header: "Incidents", cell: (m) => <Bar count={m.count} max={monthMax} /> },
          ]}
        />
      </div>
      {categories ? (
        <div>
          <h3 className="heading-s">By category</h3>
          <Table
            caption="Incidents by category"
            captionHidden
            rows={categories}
            rowKey={(c) => c.category}
            columns={[
              {
                key: "category",
                header: "Category",
                rowHeader: true,
                cell: (c) => (
                  <Link href={list({ category: c.category })} className="link-no-visited">
                    {CATEGORY_LABELS[c.category]}
                  </Link>
                ),
              },
              { key: "count", header: "Incidents", cell: (c) => <Bar count={c.count} max={categoryMax} /> },
            ]}
          />
        </div>
      ) : null}
      {places ? (
        <div>
          <h3 className="heading-s">By place, most incidents first</h3>
          <Table
            caption="Incidents by place, most incidents first"
            captionHidden
            rows={places}
            rowKey={(p) => p.id}
            emptyMessage="No incidents with a place recorded."
            columns={[
              {
                key: "place",
                header: "Place",
                rowHeader: true,
                cell: (p) => (
                  <Link href={list({ place: p.id })} className="link-no-visited">
                    {p.label}
                  </Link>
                ),
              },
              { key: "count", header: "Incidents", cell: (p) => <Bar count={p.count} max={placeMax} /> },
            ]}
          />
        </div>
      ) : null}
    </div>
  );
}
