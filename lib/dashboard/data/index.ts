import "server-only";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { chairedPanelsOf } from "@/lib/meetings/access";
import { nextMeetingReadiness, type AgendaReadiness } from "@/lib/meetings/data";
import { listReferrals, referralsNeedingInformation, type ReferralListRow } from "@/lib/referrals/data";
import { availableReturns } from "@/lib/returns/data";
import type { Page } from "@/lib/list";
import { returnsDue, type ReturnDue } from "@/lib/dashboard/returns-due";
import { dashboardFocusOf, orderSections, type DashboardFocus, type SectionKey } from "@/lib/dashboard/sections";
import {
  actionSummary,
  casesFor,
  powersExpiringFor,
  recentActivityFor,
  safeguardingFor,
  triageQueue,
  upcomingMeetingsFor,
  type ActionSummary,
  type CasesOverview,
  type PowersExpiring,
  type RecentActivityEntry,
  type Safeguarding,
  type TriageCounts,
  type UpcomingMeeting,
} from "./attention";
import { administrationTasks, type AdministrationTasks } from "./administration";
import { recentIncidentsLoggedBy, type MyIncident } from "./my-incidents";
import { incidentTrends, type IncidentTrends } from "./trends";
import { organisationWorkload, type Workload } from "./workload";

// The dashboard: the first screen, shaped by what the user does first (../sections.ts). Each part
// is read through its domain's visibility rules, the same as the list it links to; a part the
// user has no business with is null (or empty) and is not shown.

export type {
  ActionSummary,
  CasesOverview,
  DashboardCases,
  PowersExpiring,
  RecentActivityEntry,
  Safeguarding,
  SafeguardingAlert,
} from "./attention";
export { SAFEGUARDING_INCIDENTS_CHECKED } from "./attention";
export type { AdministrationTasks } from "./administration";
export type { MyIncident } from "./my-incidents";
export type { IncidentTrends, TrendMonth } from "./trends";
export type { OfficerWorkload, Workload } from "./workload";

/** The oldest undecided referrals in the chair's queue shown on the dashboard. */
export const TRIAGE_LISTED = 8;

export type Dashboard = {
  focus: DashboardFocus;
  /** The sections to show, in order: the focus's own first, then the rest, those needing something done first. */
  order: SectionKey[];
  /** Officers (anyone who logs incidents and is not a chair or manager) get the "Log an incident" button first. */
  logIncidentFirst: boolean;
  actions: ActionSummary | null;
  /** Referrals awaiting triage in each panel the actor chairs. */
  triage: TriageCounts;
  /** The chair's triage queue (undecided referrals of the panels they chair), oldest first. */
  triageQueue: Page<ReferralListRow> | null;
  /** The next meeting of each panel the actor chairs, with how ready its agenda is. */
  readiness: AgendaReadiness[];
  moreInformationRequested: Awaited<ReturnType<typeof referralsNeedingInformation>>;
  /** The next meetings of the panels the actor sits on but does not chair. */
  upcomingMeetings: UpcomingMeeting[];
  powersExpiring: PowersExpiring | null;
  trends: IncidentTrends | null;
  safeguarding: Safeguarding | null;
  cases: CasesOverview | null;
  recentActivity: RecentActivityEntry[] | null;
  myIncidents: MyIncident[] | null;
  workload: Workload | null;
  returnsDue: ReturnDue[] | null;
  administration: AdministrationTasks | null;
};

export async function getDashboard(actor: Actor, now = new Date()): Promise<Dashboard> {
  const focus = dashboardFocusOf(actor);
  const readsCases = can(actor, "case:read");
  const chaired = chairedPanelsOf(actor);
  const [
    actions,
    triage,
    queue,
    readiness,
    moreInformationRequested,
    upcomingMeetings,
    powersExpiring,
    trends,
    safeguarding,
    cases,
    recentActivity,
    myIncidents,
    workload,
    administration,
  ] = await Promise.all([
    readsCases && can(actor, "case:write") ? actionSummary(actor, now) : null,
    triageQueue(actor),
    chaired.length > 0
      ? listReferrals(actor, "triage", {}, { page: 1, pageSize: TRIAGE_LISTED, skip: 0, sort: "referred", dir: "asc" })
      : null,
    nextMeetingReadiness(actor, now),
    referralsNeedingInformation(actor),
    upcomingMeetingsFor(actor, now),
    can(actor, "power:read") ? powersExpiringFor(actor, now) : null,
    can(actor, "incident:read") ? incidentTrends(actor, now, { breakdown: focus === "manager" || focus === "viewer" }) : null,
    can(actor, "person:read") ? safeguardingFor(actor, now) : null,
    readsCases ? casesFor(actor) : null,
    readsCases ? recentActivityFor(actor) : null,
    can(actor, "incident:write") ? recentIncidentsLoggedBy(actor) : null,
    focus === "manager" ? organisationWorkload(actor, now) : null,
    can(actor, "admin:access") ? administrationTasks(actor) : null,
  ]);
  const dashboard: Omit<Dashboard, "order"> = {
    focus,
    logIncidentFirst: focus === "officer" && can(actor, "incident:write"),
    actions,
    triage,
    triageQueue: queue,
    readiness,
    moreInformationRequested,
    upcomingMeetings: upcomingMeetings.filter((m) => !chaired.includes(m.panel)),
    powersExpiring,
    trends,
    safeguarding,
    cases,
    recentActivity,
    myIncidents,
    workload,
    returnsDue: can(actor, "return:read-partnership") ? returnsDue(availableReturns(actor), now) : null,
    administration,
  };
  return { ...dashboard, order: sectionsOf(dashboard) };
}

/** The sections this dashboard has, in the order they are shown. */
function sectionsOf(d: Omit<Dashboard, "order">): SectionKey[] {
  const present: { key: SectionKey; urgent: boolean }[] = [];
  const add = (key: SectionKey, shown: boolean, urgent = false) => {
    if (shown) present.push({ key, urgent });
  };
  add(
    "triage",
    d.triageQueue !== null,
    d.triage.some((t) => t.pending > 0),
  );
  add(
    "next-meeting",
    d.readiness.length > 0,
    d.readiness.some((r) => r.acceptedNotListed > 0 || r.meeting === null),
  );
  add("workload", d.workload !== null);
  add("returns", d.returnsDue !== null && d.returnsDue.length > 0);
  add("trends", d.trends !== null);
  add("my-actions", d.actions !== null, (d.actions?.mine.overdue ?? 0) > 0);
  add("information-requested", d.moreInformationRequested.length > 0, true);
  add("my-incidents", d.myIncidents !== null && (d.focus === "officer" || d.myIncidents.length > 0));
  add("safeguarding", (d.safeguarding?.people.length ?? 0) > 0, true);
  add("meetings", d.upcomingMeetings.length > 0);
  add("cases", d.cases !== null);
  add("powers", d.powersExpiring !== null, (d.powersExpiring?.count ?? 0) > 0);
  add("activity", d.recentActivity !== null);
  add("administration", d.administration !== null, (d.administration?.emailsFailed ?? 0) > 0);
  return orderSections(d.focus, present).map((s) => s.key);
}
