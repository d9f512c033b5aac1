import Link from "next/link";
import { Table } from "@/components/ui/table";
import { CASE_STATUS_LABELS } from "@/lib/cases/labels";
import { StatCard } from "@/components/dashboard/stat-card";
import { SectionLinks } from "@/components/dashboard/dashboard-section";
import type { Workload as WorkloadFigures } from "@/lib/dashboard/data";

const officerHref = (officerId: string | null, overdue = false) =>
  `/actions?scope=organisation&officer=${officerId ?? "none"}${overdue ? "&overdue=yes" : ""}`;

/** The organisation's open and overdue actions by officer, and the cases it leads by status: each figure a link to its list. */
export function Workload({ workload, organisation }: { workload: WorkloadFigures; organisation: string }) {
  const { actions, casesByStatus } = workload;
  return (
    <>
      <div className="grid grid-cols-2 gap-3 sm:gap-4 mb-6">
        <StatCard label={`${organisation} open actions`} value={actions.open} href="/actions?scope=organisation" />
        <StatCard
          label={`${organisation} overdue actions`}
          value={actions.overdue}
          alert={actions.overdue > 0}
          href="/actions?scope=organisation&overdue=yes"
        />
      </div>
      <div className="grid grid-cols-1 gap-x-8 lg:grid-cols-[3fr_2fr]">
        <div>
          <h3 className="heading-s">Open actions by officer</h3>
          <Table
            caption={`${organisation}'s open actions by officer, most overdue first`}
            captionHidden
            rows={actions.byOfficer}
            rowKey={(r) => r.officer?.id ?? "none"}
            emptyMessage={`No open actions are assigned to ${organisation}.`}
            columns={[
              {
                key: "officer",
                header: "Officer",
                rowHeader: true,
                cell: (r) => (
                  <Link href={officerHref(r.officer?.id ?? null)} className="link-no-visited">
                    {r.officer?.name ?? "Not assigned to anyone by name"}
                  </Link>
                ),
              },
              { key: "open", header: "Open", numeric: true, cell: (r) => r.open },
              {
                key: "overdue",
                header: "Overdue",
                numeric: true,
                cell: (r) =>
                  r.overdue > 0 ? (
                    <Link href={officerHref(r.officer?.id ?? null, true)} className="link-no-visited font-bold inline-block min-w-6">
                      {r.overdue}
                      <span className="sr-only"> overdue for {r.officer?.name ?? "nobody by name"}</span>
                    </Link>
                  ) : (
                    0
                  ),
              },
            ]}
          />
          {actions.officersWithActions > actions.byOfficer.length ? (
            <p className="body-s -mt-2">
              Showing {actions.byOfficer.length} of {actions.officersWithActions} officers with open actions.
            </p>
          ) : null}
        </div>
        <div>
          <h3 className="heading-s">Cases {organisation} leads, by status</h3>
          <Table
            caption={`Cases ${organisation} leads that are not closed, by status`}
            captionHidden
            rows={casesByStatus}
            rowKey={(r) => r.status}
            columns={[
              {
                key: "status",
                header: "Status",
                rowHeader: true,
                cell: (r) => (
                  <Link href={`/cases?relation=lead&status=${r.status}`} className="link-no-visited">
                    {CASE_STATUS_LABELS[r.status]}
                  </Link>
                ),
              },
              { key: "count", header: "Cases", numeric: true, cell: (r) => r.count.toLocaleString("en-GB") },
            ]}
          />
        </div>
      </div>
      <SectionLinks>
        <Link href="/actions?scope=organisation" className="link-no-visited">
          View all {organisation} actions
        </Link>
        <Link href="/cases?relation=lead&status=active" className="link-no-visited">
          View all cases {organisation} leads
        </Link>
      </SectionLinks>
    </>
  );
}
