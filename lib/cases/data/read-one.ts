import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AsbType, CaseKind, CaseStatus, ClosureReason, InvolvementRole, RiskLevel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { visibleCasesWhere, type CaseRights } from "@/lib/cases/access";
import { alertsFor, type PersonAlerts } from "@/lib/people/alerts";
import { auditRefusal, auditView } from "@/lib/audit/data";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/not-found";
import { CASE_CORE_SELECT, ENTITY, rightsOn } from "./change-case";
import { INCIDENT_ROW_SELECT } from "@/lib/incidents/rows";
import { placeLabel } from "./form-checks";
import { statusNotBefore } from "./details-and-status";
import { happenedAt } from "@/lib/history/happened";
import { COUNT_CAP, readPage, type Page } from "@/lib/list";
import type { CalendarDay } from "@/lib/incidents/date-fields";

// Reading one case: the case page's record, and the case's own fields for the pages that change it.

export type CaseSummary = {
  id: string;
  reference: string;
  title: string;
  summary: string | null;
  kind: CaseKind;
  status: CaseStatus;
  closureReason: ClosureReason | null;
  closureNote: string | null;
  closedAt: Date | null;
  riskLevel: RiskLevel;
  restricted: boolean;
  version: number;
  /** When it was opened in fact (an earlier day when recorded afterwards); createdAt is when it was typed in. */
  openedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  leadOrganisation: { id: string; name: string; shortName: string };
  leadOfficer: { id: string; name: string } | null;
  createdBy: { name: string; organisation: { shortName: string } };
  rights: CaseRights;
};

export type CasePersonRow = {
  personId: string;
  name: string;
  dateOfBirth: Date | null;
  role: InvolvementRole;
  addedAt: Date;
  alerts: PersonAlerts;
};

export type CasePlaceRow = {
  locationId: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string | null;
  addedAt: Date;
};

export type CaseIncidentRow = {
  id: string;
  reference: string;
  occurredAt: Date;
  type: AsbType;
  riskLevel: RiskLevel;
  place: string | null;
  reportingOrganisation: string;
  /** The actor may take it out of the case (lead organisation, or the organisation that logged it). */
  mayUnlink: boolean;
};

export type CaseShareRow = {
  organisation: { id: string; name: string; shortName: string };
  sharedAt: Date;
  sharedBy: string | null;
  withdrawnAt: Date | null;
};

export type CaseDetail = CaseSummary & {
  people: CasePersonRow[];
  places: CasePlaceRow[];
  incidents: { rows: CaseIncidentRow[]; total: number };
  shares: CaseShareRow[];
};

/** The case's most recent incidents in its record (the API's case); the case page pages through them all. */
export const CASE_INCIDENT_LIMIT = 25;

const INCIDENT_CASE_ROW_SELECT = {
  ...INCIDENT_ROW_SELECT,
  riskLevel: true,
  reportingOrganisationId: true,
  location: { select: { addressLine1: true, postcode: true } },
} satisfies Prisma.IncidentSelect;

function incidentRow(
  actor: Actor,
  rights: CaseRights,
  i: Prisma.IncidentGetPayload<{ select: typeof INCIDENT_CASE_ROW_SELECT }>,
): CaseIncidentRow {
  return {
    id: i.id,
    reference: i.reference,
    occurredAt: i.occurredAt,
    type: i.type,
    riskLevel: i.riskLevel,
    place: i.location ? placeLabel(i.location) : null,
    reportingOrganisation: i.reportingOrganisation.shortName,
    mayUnlink: rights.manage || (rights.contribute && i.reportingOrganisationId === actor.organisationId),
  };
}

const SUMMARY_SELECT = {
  ...CASE_CORE_SELECT,
  closureReason: true,
  closureNote: true,
  closedAt: true,
  openedAt: true,
  createdAt: true,
  updatedAt: true,
  leadOrganisation: { select: { id: true, name: true, shortName: true } },
  leadOfficer: { select: { id: true, name: true } },
  createdBy: { select: { name: true, organisation: { select: { shortName: true } } } },
} satisfies Prisma.CaseSelect;

/** The case as the actor may see it, or NotFoundError (the refusal audited, whether or not the case exists). */
export async function loadVisibleSummary(actor: Actor, id: string): Promise<CaseSummary> {
  if (!isUuid(id)) throw new NotFoundError("case");
  const row = await db.case.findFirst({ where: { AND: [{ id }, visibleCasesWhere(actor)] }, select: SUMMARY_SELECT });
  if (!row) {
    await auditRefusal(actor, ENTITY, id);
    throw new NotFoundError("case");
  }
  const { shares: _shares, leadOrganisationId: _lead, ...rest } = row;
  return { ...rest, rights: rightsOn(actor, row) };
}

/** The case's own fields and the actor's rights, for the pages that change it (not audited as a view). */
export async function getCaseSummary(actor: Actor, id: string): Promise<CaseSummary> {
  return loadVisibleSummary(actor, id);
}

export const ROLE_ORDER: InvolvementRole[] = ["VICTIM", "PERPETRATOR", "WITNESS", "REPORTER", "OTHER"];

/** The whole case page's record: the case, its people, places, incidents and sharing. The view is audited. */
export async function getCase(actor: Actor, id: string): Promise<CaseDetail> {
  const summary = await loadVisibleSummary(actor, id);
  const [people, places, incidents, incidentCount, shares] = await Promise.all([
    db.casePerson.findMany({
      where: { caseId: id, removedAt: null },
      select: { role: true, addedAt: true, person: { select: { id: true, firstName: true, lastName: true, dateOfBirth: true } } },
    }),
    db.caseLocation.findMany({
      where: { caseId: id, removedAt: null },
      orderBy: { addedAt: "asc" },
      select: { addedAt: true, location: { select: { id: true, addressLine1: true, addressLine2: true, town: true, postcode: true } } },
    }),
    // Every incident in a case the actor can see is one they can see (visibleIncidentsWhere).
    db.incident.findMany({
      where: { caseId: id },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: CASE_INCIDENT_LIMIT,
      select: INCIDENT_CASE_ROW_SELECT,
    }),
    db.incident.count({ where: { caseId: id } }),
    db.caseShare.findMany({
      where: { caseId: id },
      orderBy: [{ withdrawnAt: { sort: "desc", nulls: "first" } }, { sharedAt: "asc" }],
      select: { sharedAt: true, sharedById: true, withdrawnAt: true, organisation: { select: { id: true, name: true, shortName: true } } },
    }),
  ]);
  const [alerts, sharers] = await Promise.all([
    alertsFor(people.map((p) => p.person.id)),
    db.user.findMany({ where: { id: { in: [...new Set(shares.map((s) => s.sharedById))] } }, select: { id: true, name: true } }),
    auditView(actor, ENTITY, id),
  ]);
  const sharerName = new Map(sharers.map((u) => [u.id, u.name]));

  return {
    ...summary,
    people: people
      .map((p) => ({
        personId: p.person.id,
        name: `${p.person.firstName} ${p.person.lastName}`,
        dateOfBirth: p.person.dateOfBirth,
        role: p.role,
        addedAt: p.addedAt,
        alerts: alerts.get(p.person.id)!,
      }))
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, "en-GB")),
    places: places.map(({ addedAt, location: { id, ...address } }) => ({ locationId: id, ...address, addedAt })),
    incidents: {
      total: incidentCount,
      rows: incidents.map((i) => incidentRow(actor, summary.rights, i)),
    },
    shares: shares
      .filter((s) => s.organisation.id !== summary.leadOrganisation.id)
      .map((s) => ({
        organisation: s.organisation,
        sharedAt: s.sharedAt,
        sharedBy: sharerName.get(s.sharedById) ?? null,
        withdrawnAt: s.withdrawnAt,
      })),
  };
}

/** Incidents per page in the case page's incidents section (`?incidentsPage=`). */
export const CASE_INCIDENTS_PAGE_SIZE = 25;

/**
 * One page of the case's incidents, most recent first, for the case page (a page past the end is
 * the first page). The case is checked first: on a case the actor may not see, whatever the page
 * asked for, NotFoundError (audited). Every incident in a case the actor can see is one they can
 * see (visibleIncidentsWhere), so the rows need no rule of their own.
 */
export async function listCaseIncidents(actor: Actor, caseId: string, page = 1): Promise<Page<CaseIncidentRow>> {
  const summary = await loadVisibleSummary(actor, caseId);
  const where = { caseId: summary.id };
  const rows = await readPage(
    page,
    CASE_INCIDENTS_PAGE_SIZE,
    (skip, take) =>
      db.incident.findMany({
        where,
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        skip,
        take,
        select: INCIDENT_CASE_ROW_SELECT,
      }),
    () => db.incident.count({ where, take: COUNT_CAP + 1 }),
  );
  return { ...rows, rows: rows.rows.map((i) => incidentRow(actor, summary.rights, i)) };
}

/** A share the case has now, for the page that withdraws it; null when it is not shared with that organisation. */
export async function getCurrentShare(
  actor: Actor,
  caseId: string,
  organisationId: string,
): Promise<{ organisation: { id: string; name: string }; sharedAt: Date } | null> {
  const c = await loadVisibleSummary(actor, caseId);
  if (!isUuid(organisationId)) return null;
  const share = await db.caseShare.findFirst({
    where: { caseId: c.id, organisationId, withdrawnAt: null },
    select: { sharedAt: true, organisation: { select: { id: true, name: true } } },
  });
  return share && share.organisation.id !== c.leadOrganisation.id ? share : null;
}

/**
 * For the check before closing the case: its open actions (they stay open when a case closes) and
 * when it will be closed. A day it cannot be closed on is refused here already, beside the date.
 */
export async function closingCheck(
  actor: Actor,
  caseId: string,
  happenedOn: CalendarDay | null = null,
  now = new Date(),
): Promise<{ openActions: number; closedAt: Date }> {
  const c = await loadVisibleSummary(actor, caseId);
  const closedAt = happenedAt(happenedOn, { now, notBefore: await statusNotBefore(db, c) });
  const openActions = await db.caseAction.count({ where: { caseId: c.id, status: { in: ["OPEN", "IN_PROGRESS"] } } });
  return { openActions, closedAt };
}
