import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AsbCategory, AsbType, InvolvementRole, LocationKind, RiskLevel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { caseRightsOf, visibleCasesWhere, visibleIncidentsWhere, type CaseAccessFacts } from "@/lib/cases/access";
import { inCaseYouCannotSee } from "@/lib/cases/labels";
import { visiblePeopleWhere } from "@/lib/people/access";
import { visiblePlacesWhere } from "@/lib/places/access";
import { createPersonInTransaction, findLikelyMatches } from "@/lib/people/data";
import { createPlaceInTransaction, findLikelyPlaceMatches } from "@/lib/places/data";
import { formatDate } from "@/lib/format/dates";
import { personCheckKey, placeCheckKey, type DuplicateConfirmations, type LikelyDuplicates } from "./likely-duplicates";
import { alertsFor, type PersonAlerts } from "@/lib/people/alerts";
import { auditChange, auditListExport, auditRefusal, auditView } from "@/lib/audit/data";
import { nextReference } from "@/lib/references";
import { appendTimeline } from "@/lib/timeline/data";
import { createOnce, isSubmissionUsed } from "@/lib/submissions";
import { newlyRepeatVictims, notifyVictimFlagRaised } from "@/lib/notifications/data/victim-flags";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "@/lib/errors";
import { COUNT_CAP, pageOf, type ListQuery, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { CATEGORY_LABELS, personLabel, placeLabel, RISK_LEVEL_LABELS, TYPE_LABELS } from "./labels";
import type { IncidentFields, IncidentInput } from "./schema";
import type { FilterParam, IncidentFilters, IncidentSort } from "./filters";
import { incidentCountSql, incidentExportSql, incidentListSql, type IncidentPageRow } from "./list-sql";
import { requireCan } from "@/lib/auth/refuse";
import { importedFrom, type ImportedFrom } from "@/lib/imports/data/provenance";
import { openSnapshot, type RowReader } from "@/lib/export/snapshot";
import type { CellValue } from "@/lib/export/cells";

// Incidents: logging, reading, editing and listing, with the access rules next to each query.
// - Who may see an incident is lib/cases/access.ts (visibleIncidentsWhere): logged by the actor's
//   organisation, or in a case they may see.
// - Only the reporting organisation changes an incident; partners in a shared case read it.
// - Every id an officer sends (place, people, case) must be one they may see, or the input is
//   refused as invalid: a guessed id never links a stranger's record.
// - The incident, its people, any new person or place, the case timeline and the audit trail
//   are written in one transaction.

const ENTITY = "Incident";

// ───────────────────────────── Logging ─────────────────────────────

export type LoggedIncident = { id: string; reference: string; duplicate: boolean };

/**
 * The new people and the new place typed into the incident form that are probably already
 * recorded (the same rules and the same visibility as /people/new and /places/new), unless the
 * officer has said "None of these" for exactly what is typed now. Null when there are none: the
 * incident can be saved. `rowKeys` names each form row (people.N.rowKey), so the form can show
 * the matches beside the right row.
 */
export async function likelyDuplicatesIn(
  actor: Actor,
  input: IncidentInput,
  confirmed: DuplicateConfirmations,
  rowKeys: Record<number, string>,
  submissionKey?: string,
): Promise<LikelyDuplicates | null> {
  // A second post of a form that already logged its incident (a double click, a refresh) goes on
  // to that incident, rather than offering the people it made as matches for themselves.
  if (submissionKey && (await isSubmissionUsed(submissionKey))) return null;
  const people: LikelyDuplicates["people"] = {};
  await Promise.all(
    input.people.map(async ({ person, row }) => {
      if (!("create" in person)) return;
      const checkedFor = personCheckKey(person.create);
      if (confirmed.people[row] === checkedFor) return;
      const matches = await findLikelyMatches(actor, person.create);
      if (matches.length === 0) return;
      people[rowKeys[row] ?? String(row)] = {
        checkedFor,
        matches: matches.map((m) => ({
          id: m.id,
          label: personLabel(`${m.firstName} ${m.lastName}`, m.dateOfBirth ? formatDate(m.dateOfBirth) : null),
          hint:
            [
              m.matchedAliases.length > 0 ? `Also known as ${m.matchedAliases.join(", ")}` : null,
              m.alerts.repeatVictim ? "Repeat victim" : null,
              m.alerts.vulnerable ? "Vulnerable" : null,
            ]
              .filter(Boolean)
              .join(". ") || null,
        })),
      };
    }),
  );
  let place: LikelyDuplicates["place"] = null;
  const location = input.location;
  if (location && "create" in location && confirmed.place !== placeCheckKey(location.create)) {
    const matches = await findLikelyPlaceMatches(actor, { ...location.create, addressLine2: null, uprn: null });
    if (matches.length > 0)
      place = {
        checkedFor: placeCheckKey(location.create),
        matches: matches.map((m) => ({
          id: m.id,
          label: placeLabel([m.addressLine1, m.addressLine2, m.town].filter(Boolean).join(", "), m.postcode),
          hint: null,
        })),
      };
  }
  return Object.keys(people).length > 0 || place ? { people, place } : null;
}

/**
 * Logs an incident once per `submissionKey`: a second submission of the same form (double click,
 * refresh, retry) returns the incident the first one made.
 */
export async function createIncident(actor: Actor, input: IncidentInput, submissionKey: string): Promise<LoggedIncident> {
  await requireCan(actor, "incident:write", () => new ForbiddenError("You do not have permission to log incidents"));
  // Checked before the transaction (and in parallel): the transaction then holds the reference
  // counter's lock for as short a time as possible, since every officer logging an incident
  // queues on it.
  await checkLinkedRecords(db, actor, input, { currentCaseId: null });
  let reference: string | undefined;
  const created = await createOnce(submissionKey, actor.userId, ENTITY, async (tx) => {
    // The counter's row lock is taken before anything that writes to the audit trail (whose lock
    // every audited write takes): one order for both locks, so no deadlock. The reference carries
    // the year the incident happened (an incident from 2018 logged today is INC-2018-…).
    reference = await nextReference(tx, "INC", input.occurredAt);
    const locationId = await resolvePlace(tx, actor, input.location);
    const people = await resolvePeople(tx, actor, input.people);
    const incident = await tx.incident.create({
      data: {
        reference,
        ...scalarFields(input),
        locationId,
        caseId: input.caseId,
        reportingOrganisationId: actor.organisationId,
        reportingOfficerId: actor.userId,
        people: { createMany: { data: people, skipDuplicates: true } },
      },
      select: { id: true },
    });
    if (input.caseId) await recordCaseLink(tx, actor, input.caseId, "INCIDENT_LINKED", { id: incident.id, reference, type: input.type });
    await notifyNewRepeatVictims(tx, actor, people, input.occurredAt);
    await auditChange(tx, actor, "CREATE", ENTITY, incident.id, { reference });
    return incident.id;
  });
  // A repeated submission returns the incident the first one made, and its reference.
  reference = created.duplicate ? undefined : reference;
  reference ??= (await db.incident.findUniqueOrThrow({ where: { id: created.id }, select: { reference: true } })).reference;
  return { ...created, reference };
}

/** Victims this incident has just made repeat victims: whoever leads their open cases is told. */
async function notifyNewRepeatVictims(tx: Tx, actor: Actor, people: { personId: string; role: InvolvementRole }[], occurredAt: Date) {
  const victims = people.filter((p) => p.role === "VICTIM").map((p) => p.personId);
  await notifyVictimFlagRaised(tx, actor, await newlyRepeatVictims(tx, victims, occurredAt));
}

function scalarFields(input: IncidentInput) {
  return {
    occurredAt: input.occurredAt,
    reportedAt: input.reportedAt,
    reportMethod: input.reportMethod,
    category: input.category,
    type: input.type,
    description: input.description,
    riskLevel: input.riskLevel,
  };
}

/**
 * The place, people and case an officer chose must be records they may see; anything else is
 * treated as a wrong answer in the form (and the record's existence is not confirmed).
 */
async function checkLinkedRecords(
  client: Tx | Db,
  actor: Actor,
  input: IncidentInput,
  options: { currentCaseId: string | null },
): Promise<void> {
  const errors: FieldErrors = {};
  const location = input.location;
  const personIds = [...new Set(input.people.flatMap(({ person }) => ("id" in person ? [person.id] : [])))];

  // One after another: `client` may be a transaction, whose one connection runs a query at a time.
  const place =
    location && "id" in location
      ? await client.location.findFirst({ where: { AND: [{ id: location.id }, visiblePlacesWhere(actor)] }, select: { id: true } })
      : null;
  const people =
    personIds.length > 0
      ? await client.person.findMany({ where: { AND: [{ id: { in: personIds } }, visiblePeopleWhere(actor)] }, select: { id: true } })
      : [];
  const linkedCase = input.caseId
    ? await client.case.findFirst({ where: { AND: [{ id: input.caseId }, visibleCasesWhere(actor)] }, select: CASE_FACTS })
    : null;

  if (location && "id" in location && !place) errors.locationId = ["Choose a place from the list, or add a new place"];
  const visiblePeople = new Set(people.map((p) => p.id));
  for (const { person, row } of input.people) {
    if ("id" in person && !visiblePeople.has(person.id))
      errors[`people.${row}.personId`] = ["Choose a person from the list, or add a new person"];
  }
  // A case already linked may stay as it is; a newly chosen one must be open, and one the
  // actor's organisation works on (lib/cases/access.ts: caseRightsOf).
  if (input.caseId && input.caseId !== options.currentCaseId) {
    if (!linkedCase) errors.caseId = ["Choose a case from the list"];
    else if (linkedCase.status === "CLOSED") errors.caseId = ["That case is closed. Choose an open case"];
    else if (!caseRightsOf(actor, caseFacts(linkedCase)).contribute)
      errors.caseId = ["Choose a case your organisation leads or that is shared with it"];
  } else if (input.caseId && !linkedCase) errors.caseId = ["Choose a case from the list"];
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

const CASE_FACTS = {
  id: true,
  reference: true,
  title: true,
  status: true,
  leadOrganisationId: true,
  restricted: true,
  shares: { where: { withdrawnAt: null }, select: { organisationId: true } },
} satisfies Prisma.CaseSelect;

function caseFacts(kase: Prisma.CaseGetPayload<{ select: typeof CASE_FACTS }>): CaseAccessFacts {
  return {
    leadOrganisationId: kase.leadOrganisationId,
    restricted: kase.restricted,
    sharedWithOrganisationIds: kase.shares.map((s) => s.organisationId),
  };
}

async function resolvePlace(tx: Tx, actor: Actor, location: IncidentInput["location"]): Promise<string | null> {
  if (!location) return null;
  if ("id" in location) return location.id;
  await requireCan(actor, "place:write", () => new ForbiddenError("You do not have permission to add places"));
  return createPlaceInTransaction(tx, actor, location.create);
}

async function resolvePeople(tx: Tx, actor: Actor, rows: IncidentInput["people"]): Promise<{ personId: string; role: InvolvementRole }[]> {
  const links: { personId: string; role: InvolvementRole }[] = [];
  for (const { person, role } of rows) {
    if ("id" in person) {
      links.push({ personId: person.id, role });
      continue;
    }
    await requireCan(actor, "person:write", () => new ForbiddenError("You do not have permission to add people"));
    links.push({ personId: await createPersonInTransaction(tx, actor, person.create), role });
  }
  return links;
}

/** The case timeline's entry for an incident joining or leaving the case (same writer as lib/cases). */
async function recordCaseLink(
  tx: Tx,
  actor: Actor,
  caseId: string,
  kind: "INCIDENT_LINKED" | "INCIDENT_UNLINKED",
  incident: { id: string; reference: string; type: AsbType },
) {
  await appendTimeline(tx, actor, {
    caseId,
    kind,
    summary:
      kind === "INCIDENT_LINKED"
        ? `Incident ${incident.reference} linked: ${TYPE_LABELS[incident.type].toLowerCase()}`
        : `Incident ${incident.reference} removed from the case`,
    subjectType: ENTITY,
    subjectId: incident.id,
    detail: { reference: incident.reference },
  });
}

// ───────────────────────────── Reading one ─────────────────────────────

export type IncidentPersonDetail = {
  personId: string;
  name: string;
  dateOfBirth: Date | null;
  role: InvolvementRole;
  alerts: PersonAlerts;
};

export type IncidentDetail = IncidentFields & {
  id: string;
  reference: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  reportingOrganisation: { id: string; name: string; shortName: string };
  reportingOfficer: { name: string };
  location: {
    id: string;
    addressLine1: string;
    addressLine2: string | null;
    town: string;
    postcode: string | null;
    kind: LocationKind;
  } | null;
  /** Only when the actor may see the case; a case they may not see is not mentioned at all. */
  case: { id: string; reference: string; title: string } | null;
  people: IncidentPersonDetail[];
  /** The actor may change it: their organisation logged it and they may write incidents. */
  canEdit: boolean;
  /** The actor may try to open a case from it: it is in no case they can see and they may write cases. */
  mayOpenCase: boolean;
  /** Brought in from a file (lib/imports): from where, by whom. */
  imported: ImportedFrom | null;
};

/** The incident's own fields (IncidentFields), read to show it and to see what a save changes. */
const FIELDS_SELECT = {
  occurredAt: true,
  reportedAt: true,
  reportMethod: true,
  category: true,
  type: true,
  description: true,
  riskLevel: true,
} as const satisfies Record<keyof IncidentFields, true>;

const DETAIL_SELECT = {
  id: true,
  reference: true,
  version: true,
  ...FIELDS_SELECT,
  createdAt: true,
  updatedAt: true,
  caseId: true,
  reportingOrganisation: { select: { id: true, name: true, shortName: true } },
  reportingOfficer: { select: { name: true } },
  location: { select: { id: true, addressLine1: true, addressLine2: true, town: true, postcode: true, kind: true } },
  people: {
    select: { role: true, person: { select: { id: true, firstName: true, lastName: true, dateOfBirth: true } } },
  },
} satisfies Prisma.IncidentSelect;

const ROLE_ORDER: InvolvementRole[] = ["VICTIM", "PERPETRATOR", "WITNESS", "REPORTER", "OTHER"];

/**
 * The incident if the actor may see it, with its people and their alerts; audited as a view.
 * A missing id, and one the actor may not see, both end in NotFoundError (the second audited).
 */
export async function getIncident(actor: Actor, id: string): Promise<IncidentDetail> {
  const detail = await loadVisibleIncident(actor, id);
  await auditView(actor, ENTITY, id);
  return detail;
}

async function loadVisibleIncident(actor: Actor, id: string): Promise<IncidentDetail> {
  if (!isUuid(id)) throw new NotFoundError("incident");
  const row = await db.incident.findFirst({ where: { AND: [{ id }, visibleIncidentsWhere(actor)] }, select: DETAIL_SELECT });
  if (!row) {
    await auditRefusal(actor, ENTITY, id);
    throw new NotFoundError("incident");
  }
  const [linkedCase, alerts, imported] = await Promise.all([
    row.caseId
      ? db.case.findFirst({
          where: { AND: [{ id: row.caseId }, visibleCasesWhere(actor)] },
          select: { id: true, reference: true, title: true },
        })
      : null,
    alertsFor(row.people.map((p) => p.person.id)),
    importedFrom(actor, "INCIDENTS", row.id),
  ]);
  const people = row.people
    .map(({ role, person }) => ({
      personId: person.id,
      name: `${person.firstName} ${person.lastName}`,
      dateOfBirth: person.dateOfBirth,
      role,
      alerts: alerts.get(person.id)!,
    }))
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, "en-GB"));
  const { caseId: _caseId, ...rest } = row;
  // Offered for an incident in a case the actor may not see too, exactly as for one in no case:
  // the page must not tell the two apart. Opening it answers that it is in a case they cannot see.
  return {
    ...rest,
    case: linkedCase,
    people,
    canEdit: mayEdit(actor, row.reportingOrganisation.id),
    mayOpenCase: !linkedCase && can(actor, "case:write"),
    imported,
  };
}

function mayEdit(actor: Actor, reportingOrganisationId: string): boolean {
  return can(actor, "incident:write") && actor.organisationId === reportingOrganisationId;
}

// ───────────────────────────── Editing ─────────────────────────────

/** Someone else saved the incident first; `currentVersion` is what they saved. */
export class IncidentChangedError extends ConflictError {
  constructor(public readonly currentVersion: number) {
    super("Someone else changed this incident while you were editing it");
    this.name = "IncidentChangedError";
  }
}

export type SavedIncident = { id: string; reference: string; changed: string[] };

/**
 * Saves an officer's changes if the incident is still at `version` (optimistic locking); if
 * someone else saved first, nothing is written and IncidentChangedError says which version won.
 */
export async function updateIncident(actor: Actor, id: string, version: number, input: IncidentInput): Promise<SavedIncident> {
  if (!isUuid(id)) throw new NotFoundError("incident");
  const current = await db.incident.findFirst({
    where: { AND: [{ id }, visibleIncidentsWhere(actor)] },
    select: { id: true, reference: true, version: true, reportingOrganisationId: true, reportingOrganisation: { select: { name: true } } },
  });
  if (!current) {
    await auditRefusal(actor, ENTITY, id);
    throw new NotFoundError("incident");
  }
  if (!mayEdit(actor, current.reportingOrganisationId)) {
    throw new ForbiddenError(`Only ${current.reportingOrganisation.name} can change this incident`);
  }

  return db.$transaction(async (tx) => {
    const before = await tx.incident.findUniqueOrThrow({
      where: { id },
      select: { ...FIELDS_SELECT, locationId: true, caseId: true, version: true, people: { select: { personId: true, role: true } } },
    });
    if (before.version !== version) throw new IncidentChangedError(before.version);
    // An incident in a case the officer may not see (a restricted MARAC case) stays in it: the
    // form never showed that case, so an empty choice means "leave it", not "take it out".
    const hiddenCase = before.caseId
      ? !(await tx.case.findFirst({ where: { AND: [{ id: before.caseId }, visibleCasesWhere(actor)] }, select: { id: true } }))
      : false;
    if (hiddenCase && input.caseId) throw new ValidationError({ caseId: [inCaseYouCannotSee(current.reference, "another case")] });
    const caseId = hiddenCase ? before.caseId : input.caseId;
    await checkLinkedRecords(tx, actor, { ...input, caseId: hiddenCase ? null : input.caseId }, { currentCaseId: before.caseId });
    const locationId = await resolvePlace(tx, actor, input.location);
    const people = await resolvePeople(tx, actor, input.people);

    const after = { ...scalarFields(input), locationId, caseId };
    const changed = changedFields(before, after, before.people, people);
    if (changed.length === 0) return { id, reference: current.reference, changed };

    // The version in the WHERE is what makes this safe: a concurrent save that committed first
    // has moved the version on, and this update then matches no row.
    const updated = await tx.incident.updateMany({ where: { id, version }, data: { ...after, version: { increment: 1 } } });
    if (updated.count === 0) {
      const latest = await tx.incident.findUniqueOrThrow({ where: { id }, select: { version: true } });
      throw new IncidentChangedError(latest.version);
    }
    if (changed.includes("people")) {
      const key = (p: { personId: string; role: string }) => `${p.personId}|${p.role}`;
      const wanted = new Set(people.map(key));
      const had = new Set(before.people.map(key));
      const removed = before.people.filter((p) => !wanted.has(key(p)));
      const added = people.filter((p) => !had.has(key(p)));
      for (const link of removed) await tx.incidentPerson.delete({ where: { incidentId_personId_role: { incidentId: id, ...link } } });
      if (added.length > 0)
        await tx.incidentPerson.createMany({ data: added.map((p) => ({ incidentId: id, ...p })), skipDuplicates: true });
      await notifyNewRepeatVictims(tx, actor, added, after.occurredAt);
    }
    if (before.caseId !== after.caseId) {
      const incident = { id, reference: current.reference, type: after.type };
      if (before.caseId) await recordCaseLink(tx, actor, before.caseId, "INCIDENT_UNLINKED", incident);
      if (after.caseId) await recordCaseLink(tx, actor, after.caseId, "INCIDENT_LINKED", incident);
    }
    await auditChange(tx, actor, "UPDATE", ENTITY, id, { reference: current.reference, changed });
    return { id, reference: current.reference, changed };
  });
}

type Comparable = ReturnType<typeof scalarFields> & { locationId: string | null; caseId: string | null };

/** The names of the fields a save changes (for the audit trail), in form order. */
function changedFields(
  before: Comparable,
  after: Comparable,
  peopleBefore: { personId: string; role: string }[],
  peopleAfter: { personId: string; role: string }[],
): string[] {
  const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
  const fields: string[] = (Object.keys(after) as (keyof Comparable)[]).filter((field) => !same(before[field], after[field]));
  const setOf = (rows: { personId: string; role: string }[]) => [...new Set(rows.map((p) => `${p.personId}|${p.role}`))].sort().join(",");
  if (setOf(peopleBefore) !== setOf(peopleAfter)) fields.push("people");
  return fields;
}

// ───────────────────────────── Choices for the form ─────────────────────────────

export type CaseChoice = { id: string; reference: string; title: string };

/**
 * Cases an incident may be linked to: open (not closed), and ones the actor's organisation works
 * on (caseRightsOf: it leads the case or the case is shared with it). Newest first.
 */
export async function caseChoicesFor(actor: Actor, include?: string | null): Promise<CaseChoice[]> {
  const open = await db.case.findMany({
    where: { AND: [{ status: { not: "CLOSED" } }, visibleCasesWhere(actor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    select: CASE_FACTS,
  });
  const choices = open.filter((c) => caseRightsOf(actor, caseFacts(c)).contribute).slice(0, 300);
  // Editing an incident already in a case keeps that case on offer, whatever its state.
  if (include && !choices.some((c) => c.id === include)) {
    const current = await db.case.findFirst({ where: { AND: [{ id: include }, visibleCasesWhere(actor)] }, select: CASE_FACTS });
    if (current) choices.push(current);
  }
  return choices.map(({ id, reference, title }) => ({ id, reference, title }));
}

/** An open case that names one of an incident's people or its place. */
export type CaseNamingIt = CaseChoice & { people: string[]; place: boolean };

/**
 * Open cases the actor may add to that name one of these people (still on the case) or this
 * place: offered on the incident form and on the incident's page, so that an incident about
 * someone already on a case is linked to it rather than left beside it. Only cases the actor sees
 * and may contribute to (as for the form's case choices); ids it may not see match nothing.
 */
export async function openCasesNaming(
  actor: Actor,
  about: { personIds: readonly string[]; locationIds: readonly string[]; incidentId?: string },
): Promise<CaseNamingIt[]> {
  const personIds = [...new Set(about.personIds.filter(isUuid))].slice(0, 50);
  const locationIds = [...new Set(about.locationIds.filter(isUuid))].slice(0, 5);
  if (!can(actor, "incident:write") || (personIds.length === 0 && locationIds.length === 0)) return [];
  // Only for an incident the actor sees and that is in no case: one already in a case (even one the
  // actor may not see) is not offered another, and one they may not see answers as if missing.
  if (
    about.incidentId !== undefined &&
    (!isUuid(about.incidentId) ||
      !(await db.incident.findFirst({
        where: { AND: [{ id: about.incidentId, caseId: null }, visibleIncidentsWhere(actor)] },
        select: { id: true },
      })))
  )
    return [];
  const cases = await db.case.findMany({
    where: {
      AND: [
        { status: { not: "CLOSED" } },
        visibleCasesWhere(actor),
        {
          OR: [
            ...(personIds.length > 0 ? [{ people: { some: { personId: { in: personIds }, removedAt: null } } }] : []),
            ...(locationIds.length > 0 ? [{ locations: { some: { locationId: { in: locationIds }, removedAt: null } } }] : []),
          ],
        },
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 10,
    select: {
      ...CASE_FACTS,
      people: { where: { personId: { in: personIds }, removedAt: null }, select: { personId: true } },
      locations: { where: { locationId: { in: locationIds }, removedAt: null }, select: { locationId: true } },
    },
  });
  return cases
    .filter((c) => caseRightsOf(actor, caseFacts(c)).contribute)
    .map((c) => ({
      id: c.id,
      reference: c.reference,
      title: c.title,
      people: [...new Set(c.people.map((p) => p.personId))],
      place: c.locations.length > 0,
    }));
}

export type OrganisationChoice = { id: string; name: string };

/** Every organisation in the partnership, for the "reporting organisation" filter. */
export async function organisationChoices(actor: Actor): Promise<OrganisationChoice[]> {
  if (!can(actor, "incident:read")) return [];
  return db.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

// ───────────────────────────── The list ─────────────────────────────

export type IncidentListRow = Pick<IncidentFields, "occurredAt" | "reportedAt" | "category" | "type" | "riskLevel"> & {
  id: string;
  reference: string;
  reportingOrganisation: string;
  place: string | null;
  /** Only when the actor may see the case. */
  caseReference: string | null;
};

export type IncidentList = Page<IncidentListRow> & {
  /** Names for the person and place chosen in the filters, when the actor may see them. */
  filterLabels: { person?: string; place?: string };
};

// The list is written in SQL (./list-sql.ts) so that it stays fast at a million incidents:
// visibility as "own organisation, or in one of the cases the actor may see" (that set worked out
// once per query, from indexes), and a count that stops at the cap.

/** One page of the incidents the actor may see, filtered and sorted on the server. */
export async function listIncidents(actor: Actor, filters: IncidentFilters, query: ListQuery<IncidentSort>): Promise<IncidentList> {
  const [result, filterLabels] = await Promise.all([
    db.$queryRaw<IncidentPageRow[]>(incidentListSql(actor, filters, query, COUNT_CAP + 1)),
    labelsForFilters(actor, filters),
  ]);
  const counted = result[0]?.total ?? 0;
  const listRows = result.flatMap((r) =>
    r.id === null
      ? []
      : [
          {
            id: r.id,
            reference: r.reference,
            occurredAt: r.occurredAt,
            reportedAt: r.reportedAt,
            category: r.category,
            type: r.type,
            riskLevel: r.riskLevel,
            reportingOrganisation: r.organisation,
            place: r.addressLine1 ? [r.addressLine1, r.postcode].filter(Boolean).join(", ") : null,
            caseReference: r.caseReference,
          },
        ],
  );
  return { ...pageOf(listRows, counted, query), filterLabels };
}

async function labelsForFilters(actor: Actor, filters: IncidentFilters): Promise<IncidentList["filterLabels"]> {
  const [person, place] = await Promise.all([
    filters.personId
      ? db.person.findFirst({
          where: { AND: [{ id: filters.personId }, visiblePeopleWhere(actor)] },
          select: { firstName: true, lastName: true },
        })
      : null,
    filters.placeId
      ? db.location.findFirst({
          where: { AND: [{ id: filters.placeId }, visiblePlacesWhere(actor)] },
          select: { addressLine1: true, postcode: true },
        })
      : null,
  ]);
  return {
    person: person ? `${person.firstName} ${person.lastName}` : undefined,
    place: place ? [place.addressLine1, place.postcode].filter(Boolean).join(", ") : undefined,
  };
}

// ───────────────────────────── The list as a download ─────────────────────────────
// Exactly the rows the list shows the user for the same filters, in its order, with its columns
// (INCIDENT_EXPORT_COLUMNS). Read in one snapshot on an export connection (a count, then a cursor:
// lib/export/snapshot), written out by lib/export/stream, audited as an export with the filters
// used (their names only: a person's name never goes in the trail's detail).

type ExportSqlRow = [string, string, string, AsbCategory, AsbType, RiskLevel, string, string, string | null];

export type IncidentExport = { total: number; rows: RowReader<CellValue[]> };

export async function beginIncidentExport(
  actor: Actor,
  filters: IncidentFilters,
  query: ListQuery<IncidentSort>,
  used: { filters: FilterParam[]; format: "csv" | "xlsx" },
): Promise<IncidentExport> {
  await requireCan(actor, "incident:read", () => new ForbiddenError("You do not have permission to see incidents"));
  const snapshot = await openSnapshot();
  try {
    const [counted] = await snapshot.query<{ n: number }>(incidentCountSql(actor, filters));
    const total = counted?.n ?? 0;
    await auditListExport(actor, "IncidentList", { ...used, sort: query.sort, dir: query.dir, rows: total });
    const raw = snapshot.cursor(incidentExportSql(actor, filters, query));
    return {
      total,
      rows: {
        read: async (max) =>
          (await raw.read(max)).map((row) => {
            const [reference, happened, reported, category, type, risk, organisation, place, caseReference] = row as ExportSqlRow;
            return [
              reference,
              happened,
              reported,
              CATEGORY_LABELS[category],
              TYPE_LABELS[type],
              RISK_LEVEL_LABELS[risk],
              organisation,
              place || null,
              caseReference,
            ];
          }),
        close: raw.close,
      },
    };
  } catch (error) {
    snapshot.abandon();
    throw error;
  }
}
