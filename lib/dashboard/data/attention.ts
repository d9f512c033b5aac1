import "server-only";
import { db } from "@/lib/db";
import { visibleMeetingsWhere } from "@/lib/meetings/access";
import type { Actor } from "@/lib/auth/actor-type";
import { can, isPanelMember } from "@/lib/auth/permissions";
import { visibleCasesWhere } from "@/lib/cases/access";
import { visibleCaseIdsSql, visibleIncidentCondition } from "@/lib/cases/access-sql";
import { visiblePowersWhere } from "@/lib/powers/access";
import { Prisma } from "@/lib/generated/prisma/client";
import { listCases, type CaseListRow } from "@/lib/cases/data";
import type { CaseFilters } from "@/lib/cases/filters";
import { countActions, listActions, type ActionListRow } from "@/lib/case-actions/data";
import { londonToday } from "@/lib/format/dates";
import type { Panel, TimelineKind } from "@/lib/generated/prisma/enums";
import { alertsFor } from "@/lib/people/alerts";
import { getRepeatVictimSetting } from "@/lib/settings/data";
import { countAwaitingTriage } from "@/lib/referrals/data";

// The dashboard's sections that every kind of caseworker may have: their actions, their cases,
// recent activity, next meetings, powers expiring and safeguarding alerts. Every figure is counted
// through the same visibility rules as the lists it links to, so a restricted case is never
// counted for someone who cannot open it.

const EXPIRY_HORIZON_DAYS = 30;
/** The CTE of the cases the actor may see, in the incident queries below. */
const VISIBLE_CASES = Prisma.raw("visible_cases");
/** Cases listed under "cases we lead" and "cases shared with us"; timeline entries under recent activity. */
const CASES_LISTED = 5;
const MY_ACTIONS_LISTED = 10;
const RECENT_ENTRIES = 10;
/**
 * Safeguarding alerts look at the victims in at most this many of the organisation's most recent
 * incidents: checking every victim of a year's incidents (tens of thousands in a large
 * partnership) on each dashboard view is too slow, and the newest reports need attention first.
 * Each person's profile still shows their own alerts.
 */
export const SAFEGUARDING_INCIDENTS_CHECKED = 300;

export type ActionSummary = {
  mine: { open: number; overdue: number; items: ActionListRow[] };
  organisation: { open: number; overdue: number };
};
export type TriageCounts = { panel: Panel; pending: number }[];
export type UpcomingMeeting = { id: string; reference: string; panel: Panel; startsAt: Date; venue: string | null; agendaItems: number };
export type PowersExpiring = { count: number; items: { id: string; reference: string; kind: string; expiresAt: Date }[] };
/** Repeat and vulnerable victims in incidents the actor's organisation logged in the window. */
export type Safeguarding = {
  windowMonths: number;
  people: SafeguardingAlert[];
  /** Only the most recent incidents were checked. */ limited: boolean;
};
/** Cases the actor's organisation leads, and cases shared with it (not closed), as the case list counts them. */
export type CasesOverview = { lead: DashboardCases; shared: DashboardCases };

/** Not-closed cases in one relation to the actor's organisation: how many, and the most recently active. */
export type DashboardCases = { total: number; totalCapped: boolean; recent: CaseListRow[] };

export type RecentActivityEntry = {
  id: string;
  caseId: string;
  caseReference: string;
  restricted: boolean;
  kind: TimelineKind;
  summary: string;
  occurredAt: Date;
  actorName: string;
  organisation: { name: string; shortName: string };
};

export type SafeguardingAlert = {
  personId: string;
  name: string;
  repeatVictim: boolean;
  victimIncidentsInWindow: number;
  vulnerable: boolean;
  vulnerabilityMarkers: string[];
  lastIncidentAt: Date;
};

/**
 * My actions and my organisation's: open and overdue counts and my soonest-due actions, counted
 * and listed by the action lists' own queries (lib/case-actions), so each figure matches its list.
 */
export async function actionSummary(actor: Actor, now: Date): Promise<ActionSummary> {
  const open = { status: "open", overdueOnly: false } as const;
  const overdue = { status: "open", overdueOnly: true } as const;
  const [mine, myOverdue, orgOpen, orgOverdue] = await Promise.all([
    listActions(actor, "mine", open, { page: 1, pageSize: MY_ACTIONS_LISTED, skip: 0, sort: "due", dir: "asc" }, now),
    countActions(actor, "mine", overdue, now),
    countActions(actor, "organisation", open, now),
    countActions(actor, "organisation", overdue, now),
  ]);
  return {
    mine: { open: mine.total, overdue: myOverdue, items: mine.rows },
    organisation: { open: orgOpen, overdue: orgOverdue },
  };
}

/**
 * Not-closed cases the organisation leads, and those shared with it: the case list's own query
 * (lib/cases listCases, "relation" filter), so the dashboard and the list always agree.
 */
export async function casesFor(actor: Actor): Promise<CasesOverview> {
  const group = async (relation: NonNullable<CaseFilters["relation"]>): Promise<DashboardCases> => {
    const page = await listCases(
      actor,
      { relation, active: true },
      { page: 1, pageSize: CASES_LISTED, skip: 0, sort: "updated", dir: "desc" },
    );
    return { total: page.total, totalCapped: page.totalCapped, recent: page.rows };
  };
  const [lead, shared] = await Promise.all([group("lead"), group("shared")]);
  return { lead, shared };
}

/**
 * The latest timeline entries across the cases the actor may see. Every change to a case marks
 * the case as changed (its updatedAt, the case list's "last changed"), so the newest entries are
 * on the most recently changed cases: take those cases (visibleCasesWhere), then each one's newest
 * entries from the timeline's (caseId, occurredAt) index. Two short index reads, however many
 * cases and entries there are.
 */
export async function recentActivityFor(actor: Actor): Promise<RecentActivityEntry[]> {
  const cases = await db.case.findMany({
    where: visibleCasesWhere(actor),
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: RECENT_ENTRIES,
    select: { id: true },
  });
  if (cases.length === 0) return [];
  const rows = await db.$queryRaw<
    {
      id: bigint;
      caseId: string;
      caseReference: string;
      restricted: boolean;
      kind: TimelineKind;
      summary: string;
      occurredAt: Date;
      actorName: string;
      organisationName: string;
      organisationShortName: string;
    }[]
  >`
    SELECT e.id, e."caseId", c.reference AS "caseReference", c.restricted, e.kind, e.summary, e."occurredAt",
           u.name AS "actorName", o.name AS "organisationName", o."shortName" AS "organisationShortName"
    FROM unnest(${cases.map((c) => c.id)}::uuid[]) AS visible(id)
    CROSS JOIN LATERAL (
      SELECT t.id, t."caseId", t.kind, t.summary, t."occurredAt", t."actorUserId", t."actorOrganisationId"
      FROM "TimelineEntry" t
      WHERE t."caseId" = visible.id
      ORDER BY t."occurredAt" DESC, t.id DESC
      LIMIT ${RECENT_ENTRIES}
    ) e
    JOIN "Case" c ON c.id = e."caseId"
    JOIN "User" u ON u.id = e."actorUserId"
    JOIN "Organisation" o ON o.id = e."actorOrganisationId"
    ORDER BY e."occurredAt" DESC, e.id DESC
    LIMIT ${RECENT_ENTRIES}`;
  return rows.map((r) => ({
    id: r.id.toString(),
    caseId: r.caseId,
    caseReference: r.caseReference,
    restricted: r.restricted,
    kind: r.kind,
    summary: r.summary,
    occurredAt: r.occurredAt,
    actorName: r.actorName,
    organisation: { name: r.organisationName, shortName: r.organisationShortName },
  }));
}

/** Referrals awaiting triage in the panels the actor chairs: lib/referrals, counted as the triage queue counts them. */
export function triageQueue(actor: Actor): Promise<TriageCounts> {
  return countAwaitingTriage(actor);
}

export async function upcomingMeetingsFor(actor: Actor, now: Date): Promise<UpcomingMeeting[]> {
  const panels = (["CCM", "MARAC"] as const).filter((panel) => isPanelMember(actor, panel));
  if (panels.length === 0 || !can(actor, "case:read")) return [];
  const rows = await db.meeting.findMany({
    // lib/meetings/access decides whose meetings these are (the panels the actor sits on).
    where: { AND: [visibleMeetingsWhere(actor), { status: { in: ["SCHEDULED", "IN_PROGRESS"] }, startsAt: { gte: londonToday(now) } }] },
    orderBy: { startsAt: "asc" },
    take: 5,
    select: { id: true, reference: true, panel: true, startsAt: true, venue: true, _count: { select: { agendaItems: true } } },
  });
  return rows.map(({ _count, ...m }) => ({ ...m, agendaItems: _count.agendaItems }));
}

export async function powersExpiringFor(actor: Actor, now: Date): Promise<PowersExpiring> {
  const horizon = new Date(now.getTime() + EXPIRY_HORIZON_DAYS * 24 * 60 * 60 * 1000);
  // The organisation's powers as the register shows them to the actor (a power on a restricted
  // case only to those who may see the case, and to the officer who issued it).
  const where: Prisma.PowerUseWhereInput = {
    AND: [
      visiblePowersWhere(actor),
      { issuingOrganisationId: actor.organisationId, status: { in: ["ISSUED", "VARIED"] }, expiresAt: { gte: now, lte: horizon } },
    ],
  };
  const [count, rows] = await Promise.all([
    db.powerUse.count({ where }),
    db.powerUse.findMany({
      where,
      orderBy: { expiresAt: "asc" },
      take: 5,
      select: { id: true, reference: true, expiresAt: true, kind: { select: { name: true } } },
    }),
  ]);
  return { count, items: rows.map((p) => ({ id: p.id, reference: p.reference, kind: p.kind.name, expiresAt: p.expiresAt! })) };
}

/**
 * Victims in the actor's organisation's own incidents within the window who are repeat victims
 * (counted partnership-wide) or vulnerable. Only people in the organisation's incidents that the
 * actor may see are listed (not the victim of one in a restricted case they cannot open), so
 * nothing here reveals a record the actor could not open.
 */
export async function safeguardingFor(actor: Actor, now: Date, limit = 10): Promise<Safeguarding> {
  const { windowMonths } = await getRepeatVictimSetting();
  // The victims in the organisation's most recent incidents (at most SAFEGUARDING_INCIDENTS_CHECKED,
  // read newest first down its (reportingOrganisationId, occurredAt) index), within the window.
  // The planner, costing random reads as on spinning disks, would rather walk every organisation's
  // incidents by date and filter (measured: 75 ms against 3 ms for a small organisation at a
  // million incidents); for this transaction only it is told reads are cheap, as on SSDs.
  const [, victims] = await db.$transaction([
    db.$queryRaw`SELECT set_config('random_page_cost', '1.1', true)`,
    db.$queryRaw<{ personId: string; lastIncidentAt: Date; checked: bigint; oldestChecked: Date }[]>`
      WITH visible_cases AS MATERIALIZED (${visibleCaseIdsSql(actor)}),
      recent AS MATERIALIZED (
        SELECT i.id, i."occurredAt"
        FROM "Incident" i
        WHERE i."reportingOrganisationId" = ${actor.organisationId}::uuid AND ${visibleIncidentCondition(actor, VISIBLE_CASES)}
        ORDER BY i."occurredAt" DESC
        LIMIT ${SAFEGUARDING_INCIDENTS_CHECKED}
      )
      SELECT ip."personId", max(r."occurredAt") AS "lastIncidentAt",
             (SELECT count(*) FROM recent) AS checked, (SELECT min("occurredAt") FROM recent) AS "oldestChecked"
      FROM recent r
      JOIN "IncidentPerson" ip ON ip."incidentId" = r.id AND ip.role = 'VICTIM'
      WHERE r."occurredAt" > ${now}::timestamptz - make_interval(months => ${windowMonths}::int)
        AND r."occurredAt" <= ${now}::timestamptz
      GROUP BY ip."personId"`,
  ]);
  // Limited: the window reaches back past the oldest incident checked.
  const first = victims[0];
  const windowStart = new Date(now);
  windowStart.setUTCMonth(windowStart.getUTCMonth() - windowMonths);
  const limited = first !== undefined && Number(first.checked) >= SAFEGUARDING_INCIDENTS_CHECKED && first.oldestChecked > windowStart;
  if (victims.length === 0) return { windowMonths, people: [], limited };
  const alerts = await alertsFor(
    victims.map((v) => v.personId),
    now,
  );
  const flagged = victims.filter((v) => alerts.get(v.personId)?.repeatVictim || alerts.get(v.personId)?.vulnerable);
  const people = await db.person.findMany({
    where: { id: { in: flagged.map((v) => v.personId) }, mergedIntoId: null },
    select: { id: true, firstName: true, lastName: true },
  });
  const names = new Map(people.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
  return {
    windowMonths,
    limited,
    people: flagged
      .filter((v) => names.has(v.personId))
      .map((v) => {
        const a = alerts.get(v.personId)!;
        return {
          personId: v.personId,
          name: names.get(v.personId)!,
          repeatVictim: a.repeatVictim,
          victimIncidentsInWindow: a.victimIncidentsInWindow,
          vulnerable: a.vulnerable,
          vulnerabilityMarkers: a.vulnerabilityMarkers,
          lastIncidentAt: v.lastIncidentAt,
        };
      })
      .sort((a, b) => b.victimIncidentsInWindow - a.victimIncidentsInWindow || b.lastIncidentAt.getTime() - a.lastIncidentAt.getTime())
      .slice(0, limit),
  };
}
