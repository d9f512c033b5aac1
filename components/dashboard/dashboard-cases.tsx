import Link from "next/link";
import { Table } from "@/components/ui/table";
import { CaseStatusTag, RestrictedTag } from "@/components/cases/case-tags";
import { formatDate } from "@/lib/format/dates";
import type { DashboardCases } from "@/lib/dashboard/data";

/** The most recently active cases in one group (led by, or shared with, the organisation), with a link to all of them. */
export function DashboardCaseList({
  id,
  heading,
  cases,
  allHref,
  allLabel,
  emptyMessage,
}: {
  id: string;
  heading: string;
  cases: DashboardCases;
  allHref: string;
  allLabel: string;
  emptyMessage: string;
}) {
  return (
    <div>
      <h3 id={id} className="heading-s">
        {heading}
      </h3>
      <Table
        caption={`${heading}, most recently active first`}
        captionHidden
        rows={cases.recent}
        rowKey={(c) => c.id}
        emptyMessage={emptyMessage}
        columns={[
          {
            key: "reference",
            header: "Case",
            rowHeader: true,
            cell: (c) => (
              <>
                <Link href={`/cases/${c.id}`} className="whitespace-nowrap">
                  {c.reference}
                </Link>
                <span className="block body-s font-normal">{c.title}</span>
                {c.restricted ? (
                  <span className="block mt-1">
                    <RestrictedTag />
                  </span>
                ) : null}
              </>
            ),
          },
          { key: "status", header: "Status", cell: (c) => <CaseStatusTag status={c.status} /> },
          { key: "updated", header: "Last changed", cell: (c) => formatDate(c.updatedAt) },
        ]}
      />
      {cases.total > cases.recent.length ? (
        <p className="body-m -mt-2">
          <Link href={allHref} className="link-no-visited">
            {allLabel}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
