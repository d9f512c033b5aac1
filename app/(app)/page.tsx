import { PANEL_NAMES } from "@/lib/panels/labels";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";
import { Table } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDashboard } from "@/lib/dashboard/data";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { StatCard } from "@/components/dashboard/stat-card";
import { IncidentTrend } from "@/components/dashboard/incident-trend";
import { SafeguardingAlerts } from "@/components/dashboard/safeguarding-alerts";
import { DashboardCaseList } from "@/components/dashboard/dashboard-cases";
import { RecentActivity } from "@/components/dashboard/recent-activity";
import { ActionTable } from "@/components/actions/action-table";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor();
  const dashboard = await getDashboard(actor);
  const { actions } = dashboard;

  return (
    <>
      <PageHeading caption={actor.organisationName}>Dashboard</PageHeading>

      {!can(actor, "case:read") ? (
        <p className="body-m">
          Your role manages the partnership&rsquo;s organisations, users and audit trail. It does not give access to case records.
        </p>
      ) : null}

      {dashboard.safeguarding && dashboard.safeguarding.people.length > 0 ? (
        <SafeguardingAlerts organisation={actor.organisationShortName} {...dashboard.safeguarding} />
      ) : null}

      {actions ? (
        <section aria-labelledby="actions-heading" className="mb-10">
          <h2 id="actions-heading" className="heading-m">
            Actions
          </h2>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4 mb-6">
            <StatCard label="My open actions" value={actions.mine.open} href="/actions" />
            <StatCard
              label="My overdue actions"
              value={actions.mine.overdue}
              alert={actions.mine.overdue > 0}
              href="/actions?overdue=yes"
            />
            <StatCard
              label={`${actor.organisationShortName} open actions`}
              value={actions.organisation.open}
              href="/actions?scope=organisation"
            />
            <StatCard
              label={`${actor.organisationShortName} overdue actions`}
              value={actions.organisation.overdue}
              alert={actions.organisation.overdue > 0}
              href="/actions?scope=organisation&overdue=yes"
            />
          </div>
          <ActionTable
            rows={actions.mine.items}
            caption="My actions, soonest due first"
            captionHidden={false}
            showCase
            showAssignee={false}
            emptyMessage="You have no open actions."
          />
          <p className="body-m -mt-2 flex flex-wrap gap-x-6">
            <Link href="/actions" className="link-no-visited">
              View all my actions
            </Link>
            <Link href="/actions?scope=organisation" className="link-no-visited">
              View all {actor.organisationShortName} actions
            </Link>
          </p>
        </section>
      ) : null}

      {dashboard.cases ? (
        <section aria-labelledby="cases-heading" className="mb-10">
          <h2 id="cases-heading" className="heading-m">
            Cases
          </h2>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 mb-6">
            <StatCard
              label={`Cases ${actor.organisationShortName} leads (not closed)`}
              value={dashboard.cases.lead.total}
              capped={dashboard.cases.lead.totalCapped}
              href="/cases?relation=lead&status=active"
            />
            <StatCard
              label={`Cases shared with ${actor.organisationShortName} (not closed)`}
              value={dashboard.cases.shared.total}
              capped={dashboard.cases.shared.totalCapped}
              href="/cases?relation=shared&status=active"
            />
          </div>
          <div className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
            <DashboardCaseList
              id="cases-led-heading"
              heading={`Cases ${actor.organisationShortName} leads`}
              cases={dashboard.cases.lead}
              allHref="/cases?relation=lead&status=active"
              allLabel={`View all cases ${actor.organisationShortName} leads`}
              emptyMessage={`${actor.organisationShortName} leads no open cases.`}
            />
            <DashboardCaseList
              id="cases-shared-heading"
              heading={`Cases shared with ${actor.organisationShortName}`}
              cases={dashboard.cases.shared}
              allHref="/cases?relation=shared&status=active"
              allLabel={`View all cases shared with ${actor.organisationShortName}`}
              emptyMessage={`No open cases are shared with ${actor.organisationShortName}.`}
            />
          </div>
        </section>
      ) : null}

      {dashboard.recentActivity ? (
        <section aria-labelledby="activity-heading" className="mb-10">
          <h2 id="activity-heading" className="heading-m">
            Recent activity on your cases
          </h2>
          <RecentActivity entries={dashboard.recentActivity} />
        </section>
      ) : null}

      {dashboard.triage.length > 0 || dashboard.moreInformationRequested.length > 0 ? (
        <section aria-labelledby="referrals-heading" className="mb-10">
          <h2 id="referrals-heading" className="heading-m">
            Referrals
          </h2>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4 mb-4">
            {dashboard.triage.map((t) => (
              <StatCard
                key={t.panel}
                label={`${PANEL_NAMES[t.panel]} referrals awaiting triage`}
                value={t.pending}
                alert={t.pending > 0}
                href={`/referrals/triage?panel=${t.panel}`}
              />
            ))}
          </div>
          {dashboard.moreInformationRequested.length > 0 ? (
            <Table
              caption="More information requested: your referrals where the chair asked for more"
              rows={dashboard.moreInformationRequested}
              rowKey={(r) => r.id}
              columns={[
                { key: "ref", header: "Referral", cell: (r) => <Link href={`/referrals/${r.id}`}>{r.reference}</Link>, rowHeader: true },
                { key: "panel", header: "Panel", cell: (r) => r.panel },
                { key: "case", header: "Case", cell: (r) => r.caseReference },
                { key: "asked", header: "Asked on", cell: (r) => (r.requestedAt ? formatDate(r.requestedAt) : "") },
              ]}
            />
          ) : null}
        </section>
      ) : null}

      {dashboard.upcomingMeetings.length > 0 ? (
        <section aria-labelledby="meetings-heading" className="mb-10">
          <h2 id="meetings-heading" className="heading-m">
            Next meetings
          </h2>
          <Table
            caption="Your panels' next meetings"
            captionHidden
            rows={dashboard.upcomingMeetings}
            rowKey={(m) => m.id}
            columns={[
              {
                key: "when",
                header: "Date and time",
                cell: (m) => (
                  <Link href={`/meetings/${m.id}`} className="link-no-visited">
                    {formatDateTime(m.startsAt)}
                  </Link>
                ),
                rowHeader: true,
              },
              { key: "panel", header: "Panel", cell: (m) => m.panel },
              { key: "venue", header: "Venue", cell: (m) => m.venue ?? "Not set" },
              { key: "agenda", header: "Cases on agenda", cell: (m) => m.agendaItems, numeric: true },
            ]}
          />
        </section>
      ) : null}

      {dashboard.powersExpiring ? (
        <section aria-labelledby="powers-heading" className="mb-10">
          <h2 id="powers-heading" className="heading-m">
            Powers expiring in the next 30 days
          </h2>
          <Table
            caption={`Powers issued by ${actor.organisationShortName} that expire in the next 30 days (${dashboard.powersExpiring.count})`}
            captionHidden
            rows={dashboard.powersExpiring.items}
            rowKey={(p) => p.id}
            emptyMessage="No powers issued by your organisation expire in the next 30 days."
            columns={[
              { key: "ref", header: "Reference", cell: (p) => p.reference, rowHeader: true },
              { key: "kind", header: "Power", cell: (p) => p.kind },
              { key: "expires", header: "Expires", cell: (p) => formatDate(p.expiresAt) },
            ]}
          />
          {dashboard.powersExpiring.count > dashboard.powersExpiring.items.length ? (
            <p className="body-s mt-2">
              Showing {dashboard.powersExpiring.items.length} of {dashboard.powersExpiring.count}.
            </p>
          ) : null}
        </section>
      ) : null}

      {dashboard.incidentTrend ? (
        <section aria-labelledby="trend-heading" className="mb-10">
          <h2 id="trend-heading" className="heading-m">
            Incidents logged by {actor.organisationShortName}, last 6 months
          </h2>
          <IncidentTrend months={dashboard.incidentTrend} />
          <p className="body-m -mt-2">
            <Link href="/incidents" className="link-no-visited">
              View incidents
            </Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
