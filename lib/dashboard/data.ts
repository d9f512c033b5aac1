import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { can, chairsPanel, isPanelMember } from "@/lib/auth/permissions";
import { visibleActionsWhere } from "@/lib/cases/access";
import { londonToday } from "@/lib/format/dates";
import type { Panel } from "@/lib/generated/prisma/enums";
import { alertsFor } from "@/lib/people/alerts";
import { getRepeatVictimSetting } from "@/lib/settings/data";

// The dashboard: what needs the actor's attention today. Every figure is counted through the
// same visibility rules as the lists it links to, so a restricted case is never counted for
// someone who cannot open it.

const OPEN_STATUSES = ["OPEN", "IN_PROGRESS"] as const;
const EXPIRY_HORIZON_DAYS = 30;

export type DashboardAction = {
  id: string;
  title: string;
  dueDate: Date;
  status: string;
  caseId: string;
  caseReference: string;
  assignedOrganisation: string;
};

export type Dashboard = {
  actions: null | {
    mine: { open: number; overdue: number; items: DashboardAction[] };
    organisation: { open: number; overdue: number };
  };
  triage: { panel: Panel; pending: number }[];
  moreInformationRequested: { id: string; reference: string; panel: Panel; caseReference: string }[];
  upcomingMeetings: { id: string; reference: string; panel: Panel; startsAt: Date; venue: string | null; agendaItems: number }[];
  powersExpiring: null | { count: number; items: { id: string; reference: string; kind: string; expiresAt: Date }[] };
  incidentTrend: null | { month: string; count: number }[];
  /** Repeat and vulnerable victims in incidents the actor's organisation logged in the window. */
  safeguarding: null | { windowMonths: number; people: SafeguardingAlert[] };
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

export async function getDashboard(actor: Actor, now = new Date()): Promise<Dashboard> {
  const [actions, triage, moreInformationRequested, upcomingMeetings, powersExpiring, incidentTrend, safeguarding] = await Promise.all([
    can(actor, "case:read") ? actionSummary(actor, now) : null,
    triageQueue(actor),
    can(actor, "referral:create") ? referralsNeedingInformation(actor) : [],
    upcomingMeetingsFor(actor, now),
    can(actor, "power:read") ? powersExpiringFor(actor, now) : null,
    can(actor, "incident:read") ? incidentTrendFor(actor, now) : null,
    can(actor, "person:read") ? safeguardingFor(actor, now) : null,
  ]);
  return { actions, triage, moreInformationRequested, upcomingMeetings, powersExpiring, incidentTrend, safeguarding };
}

async function actionSummary(actor: Actor, now: Date): Promise<NonNullable<Dashboard["actions"]>> {
  const today = londonToday(now);
  const visible = visibleActionsWhere(actor);
  const open = { status: { in: [...OPEN_STATUSES] } };
  const mine = { ...visible, ...open, assignedUserId: actor.userId };
  const organisation = { ...visible, ...open, assignedOrganisationId: actor.organisationId };
  const [myOpen, myOverdue, orgOpen, orgOverdue, items] = await Promise.all([
    db.caseAction.count({ where: mine }),
    db.caseAction.count({ where: { ...mine, dueDate: { lt: today } } }),
    db.caseAction.count({ where: organisation }),
    db.caseAction.count({ where: { ...organisation, dueDate: { lt: today } } }),
    db.caseAction.findMany({
      where: mine,
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      take: 10,
      select: {
        id: true,
        title: true,
        dueDate: true,
        status: true,
        case: { select: { id: true, reference: true } },
        assignedOrganisation: { select: { shortName: true } },
      },
    }),
  ]);
  return {
    mine: {
      open: myOpen,
      overdue: myOverdue,
      items: items.map((a) => ({
        id: a.id,
        title: a.title,
        dueDate: a.dueDate,
        status: a.status,
        caseId: a.case.id,
        caseReference: a.case.reference,
        assignedOrganisation: a.assignedOrganisation.shortName,
      })),
    },
    organisation: { open: orgOpen, overdue: orgOverdue },
  };
}

async function triageQueue(actor: Actor): Promise<Dashboard["triage"]> {
  const panels = (["CCM", "MARAC"] as const).filter((panel) => chairsPanel(actor, panel));
  return Promise.all(
    panels.map(async (panel) => ({
      panel,
      pending: await db.referral.count({ where: { panel, status: "PENDING" } }),
    })),
  );
}

async function referralsNeedingInformation(actor: Actor): Promise<Dashboard["moreInformationRequested"]> {
  const rows = await db.referral.findMany({
    where: { referringUserId: actor.userId, status: "MORE_INFO_REQUESTED" },
    orderBy: { referredAt: "desc" },
    take: 10,
    select: { id: true, reference: true, panel: true, case: { select: { reference: true } } },
  });
  return rows.map((r) => ({ id: r.id, reference: r.reference, panel: r.panel, caseReference: r.case.reference }));
}

async function upcomingMeetingsFor(actor: Actor, now: Date): Promise<Dashboard["upcomingMeetings"]> {
  const panels = (["CCM", "MARAC"] as const).filter((panel) => isPanelMember(actor, panel));
  if (panels.length === 0 || !can(actor, "case:read")) return [];
  const rows = await db.meeting.findMany({
    where: { panel: { in: panels }, status: { in: ["SCHEDULED", "IN_PROGRESS"] }, startsAt: { gte: londonToday(now) } },
    orderBy: { startsAt: "asc" },
    take: 5,
    select: { id: true, reference: true, panel: true, startsAt: true, venue: true, _count: { select: { agendaItems: true } } },
  });
  return rows.map(({ _count, ...m }) => ({ ...m, agendaItems: _count.agendaItems }));
}

async function powersExpiringFor(actor: Actor, now: Date): Promise<NonNullable<Dashboard["powersExpiring"]>> {
  const horizon = new Date(now.getTime() + EXPIRY_HORIZON_DAYS * 24 * 60 * 60 * 1000);
  const where = {
    issuingOrganisationId: actor.organisationId,
    status: { in: ["ISSUED" as const, "VARIED" as const] },
    expiresAt: { gte: now, lte: horizon },
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

/** Incidents logged by the actor's organisation per calendar month (London time), last 6 months. */
async function incidentTrendFor(actor: Actor, now: Date): Promise<NonNullable<Dashboard["incidentTrend"]>> {
  const rows = await db.$queryRaw<{ month: string; count: bigint }[]>`
    SELECT to_char(date_trunc('month', "occurredAt" AT TIME ZONE 'Europe/London'), 'YYYY-MM') AS month, count(*) AS count
    FROM "Incident"
    WHERE "reportingOrganisationId" = ${actor.organisationId}::uuid
      AND "occurredAt" >= (date_trunc('month', ${now}::timestamptz AT TIME ZONE 'Europe/London') - interval '5 months') AT TIME ZONE 'Europe/London'
    GROUP BY 1`;
  const counts = new Map(rows.map((r) => [r.month, Number(r.count)]));
  const london = londonToday(now);
  const months: { month: string; count: number }[] = [];
  for (let back = 5; back >= 0; back--) {
    const d = new Date(Date.UTC(london.getUTCFullYear(), london.getUTCMonth() - back, 1));
    const key = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
    months.push({ month: key, count: counts.get(key) ?? 0 });
  }
  return months;
}

/**
 * Victims in the actor's organisation's own incidents within the window who are repeat victims
 * (counted partnership-wide) or vulnerable. Only people already in the organisation's own
 * incidents are listed, so nothing here reveals a record the actor could not open.
 */
async function safeguardingFor(actor: Actor, now: Date, limit = 10): Promise<NonNullable<Dashboard["safeguarding"]>> {
  const { windowMonths } = await getRepeatVictimSetting();
  const victims = await db.$queryRaw<{ personId: string; lastIncidentAt: Date }[]>`
    SELECT ip."personId", max(i."occurredAt") AS "lastIncidentAt"
    FROM "Incident" i
    JOIN "IncidentPerson" ip ON ip."incidentId" = i.id AND ip.role = 'VICTIM'
    WHERE i."reportingOrganisationId" = ${actor.organisationId}::uuid
      AND i."occurredAt" > ${now}::timestamptz - make_interval(months => ${windowMonths}::int)
      AND i."occurredAt" <= ${now}::timestamptz
    GROUP BY ip."personId"`;
  if (victims.length === 0) return { windowMonths, people: [] };
  const alerts = await alertsFor(victims.map((v) => v.personId), now);
  const flagged = victims.filter((v) => alerts.get(v.personId)?.repeatVictim || alerts.get(v.personId)?.vulnerable);
  const people = await db.person.findMany({
    where: { id: { in: flagged.map((v) => v.personId) }, mergedIntoId: null },
    select: { id: true, firstName: true, lastName: true },
  });
  const names = new Map(people.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
  return {
    windowMonths,
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
