import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { PageHeading } from "@/components/ui/page-heading";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDashboard, type Dashboard } from "@/lib/dashboard/data";
import type { SectionKey } from "@/lib/dashboard/sections";
import type { Actor } from "@/lib/auth/actor-type";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { PANEL_NAMES } from "@/lib/panels/labels";
import { DashboardSection, SectionLinks } from "@/components/dashboard/dashboard-section";
import { AdministrationTasks } from "@/components/dashboard/administration-tasks";
import { DashboardCaseList } from "@/components/dashboard/dashboard-cases";
import { IncidentTrends } from "@/components/dashboard/incident-trends";
import { MyActions } from "@/components/dashboard/my-actions";
import { MyIncidents } from "@/components/dashboard/my-incidents";
import { NextMeetingReadiness } from "@/components/dashboard/next-meeting";
import { RecentActivity } from "@/components/dashboard/recent-activity";
import { ReturnsDue } from "@/components/dashboard/returns-due";
import { SafeguardingAlerts } from "@/components/dashboard/safeguarding-alerts";
import { StatCard } from "@/components/dashboard/stat-card";
import { TriageQueue } from "@/components/dashboard/triage-queue";
import { Workload } from "@/components/dashboard/workload";

export const metadata: Metadata = { title: "Dashboard" };

/**
 * The first screen, shaped by what the user does first (lib/dashboard/sections.ts): an officer's
 * "Log an incident" and actions, a chair's triage queue and next meeting, a manager's workload and
 * returns, a viewer's reading, an administrator's administration. Every row is a link.
 */
export default async function DashboardPage() {
  const actor = await requireActor();
  const dashboard = await getDashboard(actor);
  return (
    <>
      <PageHeading caption={actor.organisationName}>Dashboard</PageHeading>
      {dashboard.logIncidentFirst ? (
        <Button href="/incidents/new" className="text-lg sm:text-xl px-4 pt-3 pb-[11px] mb-8">
          Log an incident
        </Button>
      ) : null}
      {!can(actor, "case:read") ? (
        <p className="body-m">
          Your role manages the partnership&rsquo;s organisations, users and audit trail. It does not give access to case records.
        </p>
      ) : null}
      {dashboard.order.map((key) => (
        <DashboardPart key={key} part={key} dashboard={dashboard} actor={actor} />
      ))}
    </>
  );
}

function DashboardPart({ part, dashboard: d, actor }: { part: SectionKey; dashboard: Dashboard; actor: Actor }): ReactNode {
  const org = actor.organisationShortName;
  switch (part) {
    case "triage":
      return d.triageQueue ? (
        <DashboardSection id="triage" heading="Referrals to triage">
          <TriageQueue counts={d.triage} queue={d.triageQueue} />
        </DashboardSection>
      ) : null;
    case "next-meeting":
      return (
        <DashboardSection id="next-meeting" heading={d.readiness.length > 1 ? "Your next meetings" : "Your next meeting"}>
          <NextMeetingReadiness readiness={d.readiness} />
        </DashboardSection>
      );
    case "workload":
      return d.workload ? (
        <DashboardSection id="workload" heading={`${org} workload`}>
          <Workload workload={d.workload} organisation={org} />
        </DashboardSection>
      ) : null;
    case "returns":
      return d.returnsDue ? (
        <DashboardSection id="returns" heading="Returns due">
          <ReturnsDue due={d.returnsDue} />
        </DashboardSection>
      ) : null;
    case "trends":
      return d.trends ? (
        <DashboardSection id="trends" heading={`Incidents logged by ${org}, last 6 months`}>
          <IncidentTrends trends={d.trends} organisationId={actor.organisationId} />
        </DashboardSection>
      ) : null;
    case "my-actions":
      return d.actions ? (
        <DashboardSection id="actions" heading="My actions">
          <MyActions actions={d.actions} organisation={org} />
        </DashboardSection>
      ) : null;
    case "my-incidents":
      return d.myIncidents ? (
        <DashboardSection id="my-incidents" heading="My recent incidents">
          <MyIncidents incidents={d.myIncidents} />
          <SectionLinks>
            <Link href={`/incidents?org=${actor.organisationId}`} className="link-no-visited">
              View all {org} incidents
            </Link>
          </SectionLinks>
        </DashboardSection>
      ) : null;
    case "information-requested":
      return (
        <DashboardSection id="information-requested" heading="More information requested">
          <Table
            caption="More information requested: your referrals where the chair asked for more"
            rows={d.moreInformationRequested}
            rowKey={(r) => r.id}
            columns={[
              { key: "ref", header: "Referral", cell: (r) => <Link href={`/referrals/${r.id}`}>{r.reference}</Link>, rowHeader: true },
              { key: "panel", header: "Panel", cell: (r) => PANEL_NAMES[r.panel] },
              { key: "case", header: "Case", cell: (r) => r.caseReference },
              { key: "asked", header: "Asked on", cell: (r) => (r.requestedAt ? formatDate(r.requestedAt) : "") },
            ]}
          />
        </DashboardSection>
      );
    case "safeguarding":
      return d.safeguarding ? <SafeguardingAlerts organisation={org} {...d.safeguarding} /> : null;
    case "meetings":
      return (
        <DashboardSection id="meetings" heading="Next meetings">
          <Table
            caption="Your panels' next meetings"
            captionHidden
            rows={d.upcomingMeetings}
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
              { key: "panel", header: "Panel", cell: (m) => PANEL_NAMES[m.panel] },
              { key: "venue", header: "Venue", cell: (m) => m.venue ?? "Not set" },
              { key: "agenda", header: "Cases on agenda", cell: (m) => m.agendaItems, numeric: true },
            ]}
          />
        </DashboardSection>
      );
    case "cases":
      return d.cases ? (
        <DashboardSection id="cases" heading="Cases">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 mb-6">
            <StatCard
              label={`Cases ${org} leads (not closed)`}
              value={d.cases.lead.total}
              capped={d.cases.lead.totalCapped}
              href="/cases?relation=lead&status=active"
            />
            <StatCard
              label={`Cases shared with ${org} (not closed)`}
              value={d.cases.shared.total}
              capped={d.cases.shared.totalCapped}
              href="/cases?relation=shared&status=active"
            />
          </div>
          <div className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
            <DashboardCaseList
              id="cases-led-heading"
              heading={`Cases ${org} leads`}
              cases={d.cases.lead}
              allHref="/cases?relation=lead&status=active"
              allLabel={`View all cases ${org} leads`}
              emptyMessage={`${org} leads no open cases.`}
            />
            <DashboardCaseList
              id="cases-shared-heading"
              heading={`Cases shared with ${org}`}
              cases={d.cases.shared}
              allHref="/cases?relation=shared&status=active"
              allLabel={`View all cases shared with ${org}`}
              emptyMessage={`No open cases are shared with ${org}.`}
            />
          </div>
        </DashboardSection>
      ) : null;
    case "powers":
      return d.powersExpiring ? (
        <DashboardSection id="powers" heading="Powers expiring in the next 30 days">
          <Table
            caption={`Powers issued by ${org} that expire in the next 30 days (${d.powersExpiring.count})`}
            captionHidden
            rows={d.powersExpiring.items}
            rowKey={(p) => p.id}
            emptyMessage="No powers issued by your organisation expire in the next 30 days."
            columns={[
              { key: "ref", header: "Reference", cell: (p) => <Link href={`/powers/${p.id}`}>{p.reference}</Link>, rowHeader: true },
              { key: "kind", header: "Power", cell: (p) => p.kind },
              { key: "expires", header: "Expires", cell: (p) => formatDate(p.expiresAt) },
            ]}
          />
          {d.powersExpiring.count > d.powersExpiring.items.length ? (
            <p className="body-s mt-2">
              Showing {d.powersExpiring.items.length} of {d.powersExpiring.count}.
            </p>
          ) : null}
        </DashboardSection>
      ) : null;
    case "activity":
      return d.recentActivity ? (
        <DashboardSection id="activity" heading="Recent activity on your cases">
          <RecentActivity entries={d.recentActivity} />
        </DashboardSection>
      ) : null;
    case "administration":
      return d.administration ? (
        <DashboardSection id="administration" heading="Administration">
          <AdministrationTasks tasks={d.administration} />
        </DashboardSection>
      ) : null;
  }
}
