import type { Metadata } from "next";
import { PageHeading } from "@/components/ui/page-heading";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDashboard } from "@/lib/dashboard/data";
import { formatDate, formatDateTime, isOverdue } from "@/lib/format/dates";
import { StatCard } from "@/components/dashboard/stat-card";
import { IncidentTrend } from "@/components/dashboard/incident-trend";
import { SafeguardingAlerts } from "@/components/dashboard/safeguarding-alerts";

export const metadata: Metadata = { title: "Dashboard" };

const PANEL_NAMES = { CCM: "CCM", MARAC: "MARAC" } as const;

export default async function DashboardPage() {
  const actor = await requireActor();
  const dashboard = await getDashboard(actor);
  const { actions } = dashboard;

  return (
    <>
      <PageHeading caption={actor.organisationName}>Dashboard</PageHeading>

      {!can(actor, "case:read") ? (
        <p className="body-m">
          Your role manages the partnership&rsquo;s organisations, users and audit trail. It does not give access to case
          records.
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
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 mb-6">
            <StatCard label="My open actions" value={actions.mine.open} />
            <StatCard label="My overdue actions" value={actions.mine.overdue} alert={actions.mine.overdue > 0} />
            <StatCard label={`${actor.organisationShortName} open actions`} value={actions.organisation.open} />
            <StatCard
              label={`${actor.organisationShortName} overdue actions`}
              value={actions.organisation.overdue}
              alert={actions.organisation.overdue > 0}
            />
          </div>
          <Table
            caption="My actions, soonest due first"
            rows={actions.mine.items}
            rowKey={(a) => a.id}
            emptyMessage="You have no open actions."
            columns={[
              { key: "case", header: "Case", cell: (a) => a.caseReference, rowHeader: true },
              { key: "title", header: "Action", cell: (a) => a.title },
              {
                key: "due",
                header: "Due",
                cell: (a) =>
                  isOverdue(a.dueDate) ? (
                    <>
                      {formatDate(a.dueDate)} <Tag colour="red">Overdue</Tag>
                    </>
                  ) : (
                    formatDate(a.dueDate)
                  ),
              },
              { key: "status", header: "Status", cell: (a) => (a.status === "IN_PROGRESS" ? "In progress" : "Open") },
            ]}
          />
        </section>
      ) : null}

      {dashboard.triage.length > 0 || dashboard.moreInformationRequested.length > 0 ? (
        <section aria-labelledby="referrals-heading" className="mb-10">
          <h2 id="referrals-heading" className="heading-m">
            Referrals
          </h2>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 mb-4">
            {dashboard.triage.map((t) => (
              <StatCard key={t.panel} label={`${PANEL_NAMES[t.panel]} referrals awaiting triage`} value={t.pending} alert={t.pending > 0} />
            ))}
          </div>
          {dashboard.moreInformationRequested.length > 0 ? (
            <Table
              caption="Your referrals where the chair asked for more information"
              rows={dashboard.moreInformationRequested}
              rowKey={(r) => r.id}
              columns={[
                { key: "ref", header: "Referral", cell: (r) => r.reference, rowHeader: true },
                { key: "panel", header: "Panel", cell: (r) => r.panel },
                { key: "case", header: "Case", cell: (r) => r.caseReference },
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
              { key: "when", header: "Date and time", cell: (m) => formatDateTime(m.startsAt), rowHeader: true },
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
        </section>
      ) : null}
    </>
  );
}
