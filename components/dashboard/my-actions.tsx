import Link from "next/link";
import { ActionTable } from "@/components/actions/action-table";
import { StatCard } from "@/components/dashboard/stat-card";
import { SectionLinks } from "@/components/dashboard/dashboard-section";
import type { ActionSummary } from "@/lib/dashboard/data";

/** My open actions, soonest due (so overdue) first, with my and my organisation's open and overdue counts. */
export function MyActions({ actions, organisation }: { actions: ActionSummary; organisation: string }) {
  return (
    <>
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4 mb-6">
        <StatCard label="My overdue actions" value={actions.mine.overdue} alert={actions.mine.overdue > 0} href="/actions?overdue=yes" />
        <StatCard label="My open actions" value={actions.mine.open} href="/actions" />
        <StatCard
          label={`${organisation} overdue actions`}
          value={actions.organisation.overdue}
          alert={actions.organisation.overdue > 0}
          href="/actions?scope=organisation&overdue=yes"
        />
        <StatCard label={`${organisation} open actions`} value={actions.organisation.open} href="/actions?scope=organisation" />
      </div>
      <ActionTable
        rows={actions.mine.items}
        caption="My actions, soonest due first"
        showCase
        showAssignee={false}
        emptyMessage="You have no open actions."
      />
      <SectionLinks>
        <Link href="/actions" className="link-no-visited">
          View all my actions
        </Link>
        <Link href="/actions?scope=organisation" className="link-no-visited">
          View all {organisation} actions
        </Link>
      </SectionLinks>
    </>
  );
}
