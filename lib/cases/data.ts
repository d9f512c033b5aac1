import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AsbType, CaseKind, CaseStatus, ClosureReason, InvolvementRole, RiskLevel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, roleHas } from "@/lib/auth/permissions";
import { caseRightsOf, visibleCasesWhere, visibleIncidentsWhere, type CaseRights } from "@/lib/cases/access";
import { visiblePeopleWhere } from "@/lib/people/access";
import { visiblePlacesWhere } from "@/lib/places/access";
import { alertsFor, type PersonAlerts } from "@/lib/people/alerts";
import { appendTimeline } from "@/lib/timeline/data";
import { auditRefusal, auditView, recordAudit } from "@/lib/audit/data";
import { nextReference } from "@/lib/references";
import { createOnce } from "@/lib/submissions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "@/lib/errors";
import { COUNT_CAP, pageOf, type ListQuery, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { RISK_LEVEL_LABELS, ROLE_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { CASE_STATUS_LABELS, CLOSURE_REASON_LABELS, inCaseYouCannotSee } from "./labels";
import type { CaseFilters, CaseSort } from "./filters";
import { MAX_INCIDENTS_AT_ONCE, type CaseDetailsInput, type NewCaseInput, type StatusChangeInput } from "./schema";
import { requireCan } from "@/lib/auth/refuse";

// Cases: opening, reading, listing and changing them, with the access rules next to each query.
//
// WHO SEES A CASE: lib/cases/access.ts (visibleCasesWhere) — its lead organisation and the
// organisations it is shared with now; a restricted (MARAC) case only MARAC panel members and the
// user who opened or referred it. Anything else answers NotFoundError, exactly like a missing
// case, and the refusal is audited.
//
// WHO CHANGES WHAT (caseRightsOf in access.ts), always on a case the actor can see, with case:write:
// - The lead organisation MANAGES the case (on a restricted MARAC case, so does a MARAC chair):
//   its title, summary, risk level, lead organisation and lead officer; its status (closing needs
//   a reason and a check before it is done; a closed case can be reopened); sharing it and
//   withdrawing a share; removing people and places; unlinking any incident.
// - An organisation the case is shared with CONTRIBUTES: notes, corrections of its own entries,
//   linking incidents its user can see, adding people and places its user can see, and unlinking
//   an incident it logged itself. Everything else it asks the lead organisation to do.
// - A closed case takes no new incidents, people or places (reopen it first); notes and
//   corrections are still added, so the record can be put right after closing.
// - A case's kind never changes, so a MARAC case never stops being restricted.
// - Anyone with case:write may open a case. Their organisation leads it unless they choose another
//   active organisation, which then leads it and it is shared with theirs, so they keep seeing it.
// - A timeline entry is corrected, never changed: by its author's organisation or by whoever
//   manages the case; a correction is not itself corrected (correct the original again).
//
// Every change writes the record, its timeline entry and its audit entry in one transaction, and
// ids the client sends (incidents, people, places, organisations, officers) must name records the
// actor may see and use: a guessed id is a wrong answer on the form, never a link to a stranger's
// record.

const ENTITY = "Case";

// ───────────────────────────── Loading a case to change it ─────────────────────────────

const CHANGE_SELECT = {
  id: true,
  reference: true,
  title: true,
  summary: true,
  kind: true,
  status: true,
  riskLevel: true,
  version: true,
  restricted: true,
  leadOrganisationId: true,
  leadOfficerId: true,
  leadOrganisation: { select: { name: true, shortName: true } },
  leadOfficer: { select: { name: true } },
  shares: { where: { withdrawnAt: null }, select: { organisationId: true } },
} satisfies Prisma.CaseSelect;

export type CaseForChange = Prisma.CaseGetPayload<{ select: typeof CHANGE_SELECT }> & { rights: CaseRights };

/** The actor may not see the case (or it does not exist): audited, then answered as NotFoundError. */
class RefusedCase extends Error {}

function rightsOn(actor: Actor, c: { leadOrganisationId: string; restricted: boolean; shares: { organisationId: string }[] }): CaseRights {
  return caseRightsOf(actor, {
    leadOrganisationId: c.leadOrganisationId,
    restricted: c.restricted,
    sharedWithOrganisationIds: c.shares.map((s) => s.organisationId),
  });
}

async function loadForChange(tx: Tx, actor: Actor, caseId: string): Promise<CaseForChange> {
  const row = await tx.case.findFirst({ where: { AND: [{ id: caseId }, visibleCasesWhere(actor)] }, select: CHANGE_SELECT });
  if (row) return { ...row, rights: rightsOn(actor, row) };
  throw new RefusedCase();
}

type Need = keyof CaseRights;

/**
 * Runs one change to a case in one transaction: loads the case as the actor may see it, checks the
 * right the change needs, then `work` writes the change, its timeline entry and its audit entry.
 * The refusal of a case the actor may not see is audited after the transaction is rolled back.
 * Exported for the domains that hang off a case (documents, risk assessments, Community Trigger).
 */
export async function changeCase<T>(actor: Actor, caseId: string, need: Need, work: (tx: Tx, c: CaseForChange) => Promise<T>): Promise<T> {
  await requireCan(actor, "case:write", () => new ForbiddenError("You do not have permission to change cases"));
  if (!isUuid(caseId)) throw new NotFoundError("case");
  try {
    return await db.$transaction(async (tx) => {
      const c = await loadForChange(tx, actor, caseId);
      if (!c.rights[need]) {
        throw new ForbiddenError(
          need === "manage"
            ? `Only ${c.leadOrganisation.name} can do that, as the lead organisation of case ${c.reference}`
            : `Your organisation cannot add to case ${c.reference}. Ask ${c.leadOrganisation.name} to share it with you.`,
        );
      }
      return await work(tx, c);
    });
  } catch (error) {
    if (error instanceof RefusedCase) {
      await auditRefusal(actor, ENTITY, caseId);
      throw new NotFoundError("case");
    }
    throw error;
  }
}

function refuseIfClosed(c: CaseForChange, field: string) {
  if (c.status === "CLOSED") throw new ValidationError({ [field]: [`Case ${c.reference} is closed. Reopen it before adding to it.`] });
}

/** Marks the case as changed (the list's "last changed" order) and records the change in the audit trail. */
async function recordCaseChange(tx: Tx, actor: Actor, caseId: string, detail: Record<string, unknown>) {
  await tx.case.update({ where: { id: caseId }, data: { updatedAt: new Date() }, select: { id: true } });
  await recordAudit(tx, { action: "UPDATE", userId: actor.userId, organisationId: actor.organisationId, entityType: ENTITY, entityId: caseId, detail });
}

// ───────────────────────────── Checking what the form chose ─────────────────────────────

type LeadChoice = { organisation: { id: string; name: string; shortName: string }; officer: { id: string; name: string } | null };

/** The lead organisation must be active; the lead officer an active user of it who can work cases. */
async function checkLead(tx: Tx, organisationId: string, officerId: string | null, keep?: { organisationId: string; officerId: string | null }): Promise<LeadChoice> {
  const organisation = await tx.organisation.findFirst({
    // The case's current lead stays acceptable even if it has since been made inactive.
    where: { id: organisationId, ...(keep?.organisationId === organisationId ? {} : { active: true }) },
    select: { id: true, name: true, shortName: true },
  });
  if (!organisation) throw new ValidationError({ leadOrganisationId: ["Select the lead organisation from the list"] });
  if (!officerId) return { organisation, officer: null };
  const officer = await tx.user.findFirst({ where: { id: officerId, organisationId }, select: { id: true, name: true, role: true, active: true } });
  // An officer already leading the case stays acceptable, so an unrelated edit is never blocked.
  const unchanged = keep?.officerId === officerId && keep.organisationId === organisationId;
  if (!officer || (!unchanged && (!officer.active || !roleHas(officer.role, "case:write")))) {
    throw new ValidationError({ leadOfficerId: [`Select a lead officer from ${organisation.name}`] });
  }
  return { organisation, officer: { id: officer.id, name: officer.name } };
}

const INCIDENT_LINK_SELECT = {
  id: true,
  reference: true,
  caseId: true,
  type: true,
  reportingOrganisationId: true,
  location: { select: { addressLine1: true } },
} satisfies Prisma.IncidentSelect;

type IncidentToLink = Prisma.IncidentGetPayload<{ select: typeof INCIDENT_LINK_SELECT }>;

/**
 * The incidents to link, by id (from the form it was opened with) and by reference (typed). Each
 * must be one the actor may see and in no case yet. Problems are reported against `fields`.
 */
async function incidentsToLink(
  tx: Tx,
  actor: Actor,
  caseId: string | null,
  request: { ids: string[]; references: string[] },
  fields: { ids: string; references: string },
): Promise<IncidentToLink[]> {
  const { ids, references } = request;
  if (ids.length === 0 && references.length === 0) return [];
  const found = await tx.incident.findMany({
    where: { AND: [{ OR: [{ id: { in: ids } }, { reference: { in: references } }] }, visibleIncidentsWhere(actor)] },
    select: INCIDENT_LINK_SELECT,
  });
  const errors: FieldErrors = {};
  const byId = new Set(found.map((i) => i.id));
  const byReference = new Set(found.map((i) => i.reference));
  if (ids.some((id) => !byId.has(id))) errors[fields.ids] = ["An incident you selected cannot be found. It may have been removed, or you may not have access to it."];
  const unknown = references.filter((r) => !byReference.has(r));
  if (unknown.length > 0) {
    errors[fields.references] = [
      `${unknown.join(", ")} cannot be found. Check the reference: you can only add incidents you can see.`,
    ];
  }

  const inCases = found.filter((i) => i.caseId !== null);
  if (inCases.length > 0) {
    const otherIds = [...new Set(inCases.map((i) => i.caseId!).filter((id) => id !== caseId))];
    const visibleOthers = otherIds.length > 0
      ? await tx.case.findMany({ where: { AND: [{ id: { in: otherIds } }, visibleCasesWhere(actor)] }, select: { id: true, reference: true } })
      : [];
    const otherReference = new Map(visibleOthers.map((c) => [c.id, c.reference]));
    const messages = inCases.map((i) =>
      i.caseId === caseId
        ? `${i.reference} is already linked to this case`
        : otherReference.has(i.caseId!)
          ? `${i.reference} is already part of case ${otherReference.get(i.caseId!)}. Remove it from that case first.`
          : // A case the actor may not see is never named: the incident's page says "not part of a case you can see".
            inCaseYouCannotSee(i.reference, caseId ? "this case" : "a new case"),
    );
    const field = inCases.every((i) => ids.includes(i.id)) ? fields.ids : fields.references;
    errors[field] = [...(errors[field] ?? []), ...messages];
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return found;
}

function incidentSummary(incident: { reference: string; type: AsbType; location: { addressLine1: string } | null }): string {
  const where = incident.location ? ` at ${incident.location.addressLine1}` : "";
  return `Incident ${incident.reference} linked: ${TYPE_LABELS[incident.type].toLowerCase()}${where}`;
}

async function linkIncidentsInTransaction(tx: Tx, actor: Actor, caseId: string, incidents: IncidentToLink[], field: string) {
  for (const incident of incidents) {
    // `caseId: null` in the WHERE: an incident another officer linked a moment ago is not taken
    // from their case. The version moves on, so an incident form opened before this cannot put
    // the old case back when it is saved.
    const linked = await tx.incident.updateMany({ where: { id: incident.id, caseId: null }, data: { caseId, version: { increment: 1 } } });
    if (linked.count === 0) throw new ValidationError({ [field]: [`${incident.reference} has just been added to another case`] });
    await appendTimeline(tx, actor, {
      caseId,
      kind: "INCIDENT_LINKED",
      summary: incidentSummary(incident),
      subjectType: "Incident",
      subjectId: incident.id,
      detail: { reference: incident.reference },
    });
  }
}

type PersonToAdd = { personId: string; role: InvolvementRole; name: string };

async function checkPeople(tx: Tx, actor: Actor, links: { personId: string; role: InvolvementRole }[], field: string): Promise<PersonToAdd[]> {
  if (links.length === 0) return [];
  const ids = [...new Set(links.map((l) => l.personId))];
  const people = await tx.person.findMany({ where: { AND: [{ id: { in: ids } }, visiblePeopleWhere(actor)] }, select: { id: true, firstName: true, lastName: true } });
  const names = new Map(people.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
  if (ids.some((id) => !names.has(id))) throw new ValidationError({ [field]: ["Search for the person and select them from the list"] });
  const seen = new Set<string>();
  return links.flatMap((l) => {
    const key = `${l.personId}|${l.role}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ ...l, name: names.get(l.personId)! }];
  });
}

type PlaceToAdd = { id: string; label: string };

function placeLabel(place: { addressLine1: string; postcode: string | null }): string {
  return place.postcode ? `${place.addressLine1}, ${place.postcode}` : place.addressLine1;
}

async function checkPlaces(tx: Tx, actor: Actor, ids: string[], field: string): Promise<PlaceToAdd[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const places = await tx.location.findMany({ where: { AND: [{ id: { in: unique } }, visiblePlacesWhere(actor)] }, select: { id: true, addressLine1: true, postcode: true } });
  if (places.length !== unique.length) throw new ValidationError({ [field]: ["Search for the place and select it from the list"] });
  return places.map((p) => ({ id: p.id, label: placeLabel(p) }));
}

const roleWords = (role: InvolvementRole) => ROLE_LABELS[role].toLowerCase();

async function addPersonInTransaction(tx: Tx, actor: Actor, caseId: string, person: PersonToAdd, field: string) {
  const key = { caseId_personId_role: { caseId, personId: person.personId, role: person.role } };
  const existing = await tx.casePerson.findUnique({ where: key, select: { removedAt: true } });
  if (existing && !existing.removedAt) throw new ValidationError({ [field]: [`${person.name} is already in this case as ${roleWords(person.role)}`] });
  // A person taken out of the case and added again keeps one row: the timeline holds the history.
  if (existing) await tx.casePerson.update({ where: key, data: { removedAt: null, addedAt: new Date() } });
  else await tx.casePerson.create({ data: { caseId, personId: person.personId, role: person.role } });
  await appendTimeline(tx, actor, {
    caseId,
    kind: "PERSON_ADDED",
    summary: `${person.name} added as ${roleWords(person.role)}`,
    subjectType: "Person",
    subjectId: person.personId,
    detail: { role: person.role },
  });
}

async function addPlaceInTransaction(tx: Tx, actor: Actor, caseId: string, place: PlaceToAdd, field: string) {
  const key = { caseId_locationId: { caseId, locationId: place.id } };
  const existing = await tx.caseLocation.findUnique({ where: key, select: { removedAt: true } });
  if (existing && !existing.removedAt) throw new ValidationError({ [field]: [`${place.label} is already in this case`] });
  if (existing) await tx.caseLocation.update({ where: key, data: { removedAt: null, addedAt: new Date() } });
  else await tx.caseLocation.create({ data: { caseId, locationId: place.id } });
  await appendTimeline(tx, actor, { caseId, kind: "LOCATION_ADDED", summary: `${place.label} added`, subjectType: "Location", subjectId: place.id });
}

/** Shares the case with an organisation and says so on its timeline: the one way a case is shared (from the case page, on opening, or given an action at a meeting). */
export async function shareInTransaction(
  tx: Tx,
  actor: Actor,
  caseId: string,
  organisation: { id: string; name: string },
  summary = `Shared with ${organisation.name}`,
  detail?: Record<string, unknown>,
) {
  const key = { caseId_organisationId: { caseId, organisationId: organisation.id } };
  // Sharing again after a withdrawal reuses the row; the timeline keeps every share and withdrawal.
  await tx.caseShare.upsert({
    where: key,
    create: { caseId, organisationId: organisation.id, sharedById: actor.userId },
    update: { sharedAt: new Date(), sharedById: actor.userId, withdrawnAt: null },
  });
  await appendTimeline(tx, actor, { caseId, kind: "SHARED", summary, subjectType: "Organisation", subjectId: organisation.id, detail });
}

// ───────────────────────────── Opening a case ─────────────────────────────

export type OpenedCase = { id: string; reference: string; duplicate: boolean };

/**
 * Opens a case once per `submissionKey` (a second submission of the same form returns the case
 * the first one made), with its incidents, people and places. A MARAC case is restricted.
 */
export async function openCase(actor: Actor, input: NewCaseInput, submissionKey: string): Promise<OpenedCase> {
  await requireCan(actor, "case:write", () => new ForbiddenError("You do not have permission to open cases"));
  const created = await createOnce(submissionKey, actor.userId, ENTITY, async (tx) => {
    const lead = await checkLead(tx, input.leadOrganisationId, input.leadOfficerId);
    const incidents = await incidentsToLink(tx, actor, null, { ids: input.incidentIds, references: input.incidentReferences }, { ids: "incidentIds", references: "incidentReferences" });
    const people = await checkPeople(tx, actor, input.people, "people");
    const places = await checkPlaces(tx, actor, input.placeIds, "placeIds");

    // The counter's row lock is taken before the audit chain's lock (recordAudit, last): every
    // writer takes them in that order, so concurrent openings queue rather than deadlock. A
    // rollback anywhere below gives the number back: references have no gaps.
    const reference = await nextReference(tx, "CASE");
    const { id: caseId } = await tx.case.create({
      data: {
        reference,
        kind: input.kind,
        title: input.title,
        summary: input.summary,
        riskLevel: input.riskLevel,
        leadOrganisationId: lead.organisation.id,
        leadOfficerId: lead.officer?.id ?? null,
        restricted: input.kind === "MARAC",
        createdById: actor.userId,
      },
      select: { id: true },
    });
    await appendTimeline(tx, actor, {
      caseId,
      kind: "CASE_OPENED",
      summary: `Case opened: ${input.title}`,
      subjectType: ENTITY,
      subjectId: caseId,
      detail: { reference, kind: input.kind, riskLevel: input.riskLevel, leadOrganisation: lead.organisation.shortName },
    });
    if (lead.organisation.id !== actor.organisationId) {
      await shareInTransaction(tx, actor, caseId, { id: actor.organisationId, name: actor.organisationName }, `Shared with ${actor.organisationName}, which opened the case for ${lead.organisation.name}`);
    }
    await linkIncidentsInTransaction(tx, actor, caseId, incidents, "incidentReferences");
    for (const person of people) await addPersonInTransaction(tx, actor, caseId, person, "people");
    for (const place of places) await addPlaceInTransaction(tx, actor, caseId, place, "placeIds");
    await recordAudit(tx, {
      action: "CREATE",
      userId: actor.userId,
      organisationId: actor.organisationId,
      entityType: ENTITY,
      entityId: caseId,
      detail: { reference, kind: input.kind, incidents: incidents.map((i) => i.reference) },
    });
    return caseId;
  });
  const { reference } = await db.case.findUniqueOrThrow({ where: { id: created.id }, select: { reference: true } });
  return { ...created, reference };
}

// ───────────────────────────── Changing its details and status ─────────────────────────────

/** Someone else saved the case first; `currentVersion` is what they saved. */
export class CaseChangedError extends ConflictError {
  constructor(public readonly currentVersion: number) {
    super("Someone else changed this case while you were editing it");
    this.name = "CaseChangedError";
  }
}

/** Writes the case's own fields if it is still at `version` (optimistic locking); else CaseChangedError. */
export async function updateAtVersion(tx: Tx, caseId: string, version: number, data: Prisma.CaseUpdateManyMutationInput & { leadOrganisationId?: string; leadOfficerId?: string | null }) {
  // The version in the WHERE is what makes this safe: a save that committed first has moved the
  // version on, and this update then matches no row.
  const updated = await tx.case.updateMany({ where: { id: caseId, version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count === 0) {
    const now = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
    throw new CaseChangedError(now.version);
  }
}

export type SavedCase = { changed: string[] };

/** The lead organisation changes the title, summary, risk level, lead organisation and lead officer. */
export async function updateCaseDetails(actor: Actor, caseId: string, version: number, input: CaseDetailsInput): Promise<SavedCase> {
  return changeCase(actor, caseId, "manage", async (tx, c) => {
    if (c.version !== version) throw new CaseChangedError(c.version);
    const lead = await checkLead(tx, input.leadOrganisationId, input.leadOfficerId, { organisationId: c.leadOrganisationId, officerId: c.leadOfficerId });

    const sentences: string[] = [];
    const changed: string[] = [];
    if (input.title !== c.title) {
      changed.push("title");
      sentences.push(`Title changed to “${input.title}”.`);
    }
    if ((input.summary ?? null) !== (c.summary ?? null)) {
      changed.push("summary");
      sentences.push("Summary changed.");
    }
    if (input.riskLevel !== c.riskLevel) {
      changed.push("riskLevel");
      sentences.push(`Risk level changed from ${RISK_LEVEL_LABELS[c.riskLevel].toLowerCase()} to ${RISK_LEVEL_LABELS[input.riskLevel].toLowerCase()}.`);
    }
    const newLead = lead.organisation.id !== c.leadOrganisationId;
    if (newLead) {
      changed.push("leadOrganisation");
      sentences.push(`Lead organisation changed from ${c.leadOrganisation.name} to ${lead.organisation.name}.`);
    }
    if ((lead.officer?.id ?? null) !== c.leadOfficerId) {
      changed.push("leadOfficer");
      sentences.push(lead.officer ? `Lead officer changed${c.leadOfficer ? ` from ${c.leadOfficer.name}` : ""} to ${lead.officer.name}.` : "Lead officer removed.");
    }
    if (changed.length === 0) return { changed };

    await updateAtVersion(tx, caseId, version, {
      title: input.title,
      summary: input.summary,
      riskLevel: input.riskLevel,
      leadOrganisationId: lead.organisation.id,
      leadOfficerId: lead.officer?.id ?? null,
    });
    await appendTimeline(tx, actor, { caseId, kind: "CASE_UPDATED", summary: sentences.join(" "), subjectType: ENTITY, subjectId: caseId, detail: { fields: changed } });
    if (newLead && !c.shares.some((s) => s.organisationId === c.leadOrganisationId)) {
      // The organisation handing the lead over keeps the case: it is shared with them.
      await shareInTransaction(tx, actor, caseId, { id: c.leadOrganisationId, name: c.leadOrganisation.name }, `Shared with ${c.leadOrganisation.name}, the previous lead organisation`);
    }
    await recordAudit(tx, { action: "UPDATE", userId: actor.userId, organisationId: actor.organisationId, entityType: ENTITY, entityId: caseId, detail: { changed } });
    return { changed };
  });
}

/** The lead organisation moves the case between open, under review, monitoring and closed. */
export async function changeCaseStatus(actor: Actor, caseId: string, version: number, input: StatusChangeInput): Promise<void> {
  if (input.status === "CLOSED" && !input.closureReason) throw new ValidationError({ closureReason: ["Select why the case is being closed"] });
  await changeCase(actor, caseId, "manage", async (tx, c) => {
    if (c.version !== version) throw new CaseChangedError(c.version);
    if (input.status === c.status) throw new ValidationError({ status: [`The case is already ${CASE_STATUS_LABELS[c.status].toLowerCase()}. Select a different status.`] });
    const closing = input.status === "CLOSED";
    await updateAtVersion(tx, caseId, version, {
      status: input.status,
      closureReason: closing ? input.closureReason : null,
      closureNote: closing ? input.note : null,
      closedAt: closing ? new Date() : null,
    });
    const reason = closing && input.closureReason ? ` (${CLOSURE_REASON_LABELS[input.closureReason].toLowerCase()})` : "";
    const note = input.note ? ` ${input.note}` : "";
    await appendTimeline(tx, actor, {
      caseId,
      kind: "STATUS_CHANGED",
      summary: `Status changed from ${CASE_STATUS_LABELS[c.status].toLowerCase()} to ${CASE_STATUS_LABELS[input.status].toLowerCase()}${reason}.${note}`,
      subjectType: ENTITY,
      subjectId: caseId,
      detail: { from: c.status, to: input.status, closureReason: input.closureReason },
    });
    await recordAudit(tx, {
      action: "UPDATE",
      userId: actor.userId,
      organisationId: actor.organisationId,
      entityType: ENTITY,
      entityId: caseId,
      detail: { status: { from: c.status, to: input.status }, closureReason: input.closureReason },
    });
  });
}

// ───────────────────────────── Sharing ─────────────────────────────

/** The lead organisation shares the case with another active organisation. */
export async function shareCase(actor: Actor, caseId: string, organisationId: string): Promise<{ organisationName: string }> {
  return changeCase(actor, caseId, "manage", async (tx, c) => {
    const organisation = isUuid(organisationId)
      ? await tx.organisation.findFirst({ where: { id: organisationId, active: true }, select: { id: true, name: true } })
      : null;
    if (!organisation) throw new ValidationError({ organisationId: ["Select an organisation from the list"] });
    if (organisation.id === c.leadOrganisationId) throw new ValidationError({ organisationId: [`${organisation.name} leads this case already`] });
    if (c.shares.some((s) => s.organisationId === organisation.id)) throw new ValidationError({ organisationId: [`The case is already shared with ${organisation.name}`] });
    await shareInTransaction(tx, actor, caseId, organisation);
    await recordCaseChange(tx, actor, caseId, { sharedWith: organisation.id });
    return { organisationName: organisation.name };
  });
}

/** The lead organisation withdraws a share: that organisation stops seeing the case at once. */
export async function withdrawShare(actor: Actor, caseId: string, organisationId: string): Promise<{ organisationName: string }> {
  return changeCase(actor, caseId, "manage", async (tx, c) => {
    const share = isUuid(organisationId)
      ? await tx.caseShare.findUnique({ where: { caseId_organisationId: { caseId, organisationId } }, select: { withdrawnAt: true, organisation: { select: { name: true } } } })
      : null;
    if (!share || share.withdrawnAt) throw new ConflictError("The case is not shared with that organisation any more");
    // The row stays, with the time of withdrawal, so "who could see this case, and when" is answerable.
    await tx.caseShare.update({ where: { caseId_organisationId: { caseId, organisationId } }, data: { withdrawnAt: new Date() } });
    await appendTimeline(tx, actor, { caseId, kind: "SHARE_WITHDRAWN", summary: `Sharing with ${share.organisation.name} withdrawn`, subjectType: "Organisation", subjectId: organisationId });
    await recordCaseChange(tx, actor, caseId, { shareWithdrawn: organisationId });
    return { organisationName: share.organisation.name };
  });
}

// ───────────────────────────── Incidents, people and places in the case ─────────────────────────────

/** Links incidents the actor can see, and that are in no case yet, to the case. */
export async function linkIncidents(actor: Actor, caseId: string, references: string[]): Promise<{ references: string[] }> {
  return changeCase(actor, caseId, "contribute", async (tx, c) => {
    refuseIfClosed(c, "incidentReferences");
    const incidents = await incidentsToLink(tx, actor, caseId, { ids: [], references }, { ids: "incidentReferences", references: "incidentReferences" });
    await linkIncidentsInTransaction(tx, actor, caseId, incidents, "incidentReferences");
    await recordCaseChange(tx, actor, caseId, { incidentsLinked: incidents.map((i) => i.reference) });
    return { references: incidents.map((i) => i.reference) };
  });
}

/** Takes an incident out of the case: the lead organisation, or the organisation that logged it. */
export async function unlinkIncident(actor: Actor, caseId: string, incidentId: string): Promise<{ reference: string }> {
  return changeCase(actor, caseId, "contribute", async (tx, c) => {
    const incident = isUuid(incidentId)
      ? await tx.incident.findFirst({ where: { id: incidentId, caseId }, select: { id: true, reference: true, reportingOrganisationId: true } })
      : null;
    if (!incident) throw new ConflictError("That incident is not part of this case any more");
    if (!c.rights.manage && incident.reportingOrganisationId !== actor.organisationId) {
      throw new ForbiddenError(`Only ${c.leadOrganisation.name}, or the organisation that logged it, can take an incident out of this case`);
    }
    const unlinked = await tx.incident.updateMany({ where: { id: incident.id, caseId }, data: { caseId: null, version: { increment: 1 } } });
    if (unlinked.count === 0) throw new ConflictError("That incident is not part of this case any more");
    await appendTimeline(tx, actor, { caseId, kind: "INCIDENT_UNLINKED", summary: `Incident ${incident.reference} removed from the case`, subjectType: "Incident", subjectId: incident.id, detail: { reference: incident.reference } });
    await recordCaseChange(tx, actor, caseId, { incidentUnlinked: incident.reference });
    return { reference: incident.reference };
  });
}

/** Adds a person the actor can see to the case, in a role. */
export async function addPersonToCase(actor: Actor, caseId: string, personId: string, role: InvolvementRole): Promise<{ name: string }> {
  return changeCase(actor, caseId, "contribute", async (tx, c) => {
    refuseIfClosed(c, "personId");
    const [person] = await checkPeople(tx, actor, [{ personId, role }], "personId");
    await addPersonInTransaction(tx, actor, caseId, person!, "personId");
    await recordCaseChange(tx, actor, caseId, { personAdded: personId, role });
    return { name: person!.name };
  });
}

/** The lead organisation takes a person (in one role) out of the case. */
export async function removePersonFromCase(actor: Actor, caseId: string, personId: string, role: InvolvementRole): Promise<{ name: string }> {
  return changeCase(actor, caseId, "manage", async (tx) => {
    const key = { caseId_personId_role: { caseId, personId, role } };
    const link = isUuid(personId)
      ? await tx.casePerson.findUnique({ where: key, select: { removedAt: true, person: { select: { firstName: true, lastName: true } } } })
      : null;
    if (!link || link.removedAt) throw new ConflictError("That person is not in this case any more");
    const name = `${link.person.firstName} ${link.person.lastName}`;
    await tx.casePerson.update({ where: key, data: { removedAt: new Date() } });
    await appendTimeline(tx, actor, { caseId, kind: "PERSON_REMOVED", summary: `${name} removed (was ${roleWords(role)})`, subjectType: "Person", subjectId: personId, detail: { role } });
    await recordCaseChange(tx, actor, caseId, { personRemoved: personId, role });
    return { name };
  });
}

/** Adds a place the actor can see to the case. */
export async function addPlaceToCase(actor: Actor, caseId: string, locationId: string): Promise<{ label: string }> {
  return changeCase(actor, caseId, "contribute", async (tx, c) => {
    refuseIfClosed(c, "locationId");
    const [place] = await checkPlaces(tx, actor, [locationId], "locationId");
    await addPlaceInTransaction(tx, actor, caseId, place!, "locationId");
    await recordCaseChange(tx, actor, caseId, { placeAdded: locationId });
    return { label: place!.label };
  });
}

/** The lead organisation takes a place out of the case. */
export async function removePlaceFromCase(actor: Actor, caseId: string, locationId: string): Promise<{ label: string }> {
  return changeCase(actor, caseId, "manage", async (tx) => {
    const key = { caseId_locationId: { caseId, locationId } };
    const link = isUuid(locationId)
      ? await tx.caseLocation.findUnique({ where: key, select: { removedAt: true, location: { select: { addressLine1: true, postcode: true } } } })
      : null;
    if (!link || link.removedAt) throw new ConflictError("That place is not in this case any more");
    const label = placeLabel(link.location);
    await tx.caseLocation.update({ where: key, data: { removedAt: new Date() } });
    await appendTimeline(tx, actor, { caseId, kind: "LOCATION_REMOVED", summary: `${label} removed`, subjectType: "Location", subjectId: locationId });
    await recordCaseChange(tx, actor, caseId, { placeRemoved: locationId });
    return { label };
  });
}

// ───────────────────────────── Notes and corrections ─────────────────────────────

/**
 * A note on the timeline, from anyone whose organisation may add to the case. Made once per
 * rendered form (its submission key), however often the form is posted.
 */
export async function addCaseNote(actor: Actor, caseId: string, text: string, submissionKey: string): Promise<void> {
  await createOnce(
    submissionKey,
    actor.userId,
    "CaseNote",
    async (tx) => {
      const entryId = await appendTimeline(tx, actor, { caseId, kind: "NOTE", summary: text });
      await recordCaseChange(tx, actor, caseId, { added: "NOTE" });
      return String(entryId);
    },
    { transaction: (work) => changeCase(actor, caseId, "contribute", (tx) => work(tx)) },
  );
}

/**
 * Corrects a timeline entry with a new CORRECTION entry pointing at it; the original is never
 * changed. Its author's organisation, or whoever manages the case, may correct it.
 */
export async function correctTimelineEntry(actor: Actor, caseId: string, entryId: bigint, text: string): Promise<void> {
  await changeCase(actor, caseId, "contribute", async (tx, c) => {
    const original = await tx.timelineEntry.findFirst({ where: { id: entryId, caseId }, select: { id: true, kind: true, occurredAt: true, actorOrganisationId: true } });
    if (!original) throw new NotFoundError("timeline entry");
    if (original.kind === "CORRECTION") throw new ValidationError({ text: ["This entry is a correction. Correct the original entry instead."] });
    if (!c.rights.manage && original.actorOrganisationId !== actor.organisationId) {
      throw new ForbiddenError(`Only the organisation that made this entry, or ${c.leadOrganisation.name}, can correct it`);
    }
    await appendTimeline(tx, actor, {
      caseId,
      kind: "CORRECTION",
      summary: text,
      correctsEntryId: original.id,
      detail: { corrects: original.kind, originalOccurredAt: original.occurredAt.toISOString() },
    });
    await recordCaseChange(tx, actor, caseId, { added: "CORRECTION", corrects: original.id.toString() });
  });
}

// ───────────────────────────── Reading one ─────────────────────────────

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

export type CasePlaceRow = { locationId: string; addressLine1: string; addressLine2: string | null; town: string; postcode: string | null; addedAt: Date };

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

/** Incidents listed on the case page; a case with more says how many more. */
export const CASE_INCIDENT_LIMIT = 25;

const SUMMARY_SELECT = {
  id: true,
  reference: true,
  title: true,
  summary: true,
  kind: true,
  status: true,
  closureReason: true,
  closureNote: true,
  closedAt: true,
  riskLevel: true,
  restricted: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  leadOrganisationId: true,
  leadOrganisation: { select: { id: true, name: true, shortName: true } },
  leadOfficer: { select: { id: true, name: true } },
  createdBy: { select: { name: true, organisation: { select: { shortName: true } } } },
  shares: { where: { withdrawnAt: null }, select: { organisationId: true } },
} satisfies Prisma.CaseSelect;

/** The case as the actor may see it, or NotFoundError (the refusal audited, whether or not the case exists). */
async function loadVisibleSummary(actor: Actor, id: string): Promise<CaseSummary> {
  if (!isUuid(id)) throw new NotFoundError("case");
  const row = await db.case.findFirst({ where: { AND: [{ id }, visibleCasesWhere(actor)] }, select: SUMMARY_SELECT });
  if (!row) {
    await auditRefusal(actor, ENTITY, id);
    throw new NotFoundError("case");
  }
  const { shares, leadOrganisationId: _lead, ...rest } = row;
  return { ...rest, rights: rightsOn(actor, row) };
}

/** The case's own fields and the actor's rights, for the pages that change it (not audited as a view). */
export async function getCaseSummary(actor: Actor, id: string): Promise<CaseSummary> {
  return loadVisibleSummary(actor, id);
}

const ROLE_ORDER: InvolvementRole[] = ["VICTIM", "PERPETRATOR", "WITNESS", "REPORTER", "OTHER"];

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
      select: {
        id: true,
        reference: true,
        occurredAt: true,
        type: true,
        riskLevel: true,
        reportingOrganisationId: true,
        reportingOrganisation: { select: { shortName: true } },
        location: { select: { addressLine1: true, postcode: true } },
      },
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
      rows: incidents.map((i) => ({
        id: i.id,
        reference: i.reference,
        occurredAt: i.occurredAt,
        type: i.type,
        riskLevel: i.riskLevel,
        place: i.location ? placeLabel(i.location) : null,
        reportingOrganisation: i.reportingOrganisation.shortName,
        mayUnlink: summary.rights.manage || (summary.rights.contribute && i.reportingOrganisationId === actor.organisationId),
      })),
    },
    shares: shares
      .filter((s) => s.organisation.id !== summary.leadOrganisation.id)
      .map((s) => ({ organisation: s.organisation, sharedAt: s.sharedAt, sharedBy: sharerName.get(s.sharedById) ?? null, withdrawnAt: s.withdrawnAt })),
  };
}

/** Open actions on the case, for the check before closing it (actions stay open when a case closes). */
export async function closingCheck(actor: Actor, caseId: string): Promise<{ openActions: number }> {
  const c = await loadVisibleSummary(actor, caseId);
  const openActions = await db.caseAction.count({ where: { caseId: c.id, status: { in: ["OPEN", "IN_PROGRESS"] } } });
  return { openActions };
}

// ───────────────────────────── Choices for the forms ─────────────────────────────

export type LeadOrganisationChoice = { id: string; name: string; shortName: string; officers: { id: string; name: string; jobTitle: string | null }[] };

/** Active organisations and, for each, the active users who can lead a case (case:write). */
export async function leadChoices(actor: Actor, keep?: { organisationId: string; officerId: string | null }): Promise<LeadOrganisationChoice[]> {
  if (!can(actor, "case:write")) return [];
  const organisations = await db.organisation.findMany({
    where: { OR: [{ active: true }, ...(keep ? [{ id: keep.organisationId }] : [])] },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      shortName: true,
      users: {
        where: { OR: [{ active: true }, ...(keep?.officerId ? [{ id: keep.officerId }] : [])] },
        orderBy: { name: "asc" },
        select: { id: true, name: true, jobTitle: true, role: true },
      },
    },
  });
  return organisations.map((o) => ({
    ...o,
    officers: o.users.filter((u) => roleHas(u.role, "case:write") || u.id === keep?.officerId).map(({ role: _role, ...u }) => u),
  }));
}

/** Active organisations the case can still be shared with (not the lead, not shared already). */
export async function shareChoices(actor: Actor, caseId: string): Promise<{ id: string; name: string }[]> {
  const c = await loadVisibleSummary(actor, caseId);
  if (!c.rights.manage) return [];
  return db.organisation.findMany({
    where: { active: true, id: { not: c.leadOrganisation.id }, caseShares: { none: { caseId: c.id, withdrawnAt: null } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export type IncidentForNewCase = {
  id: string;
  reference: string;
  occurredAt: Date;
  type: AsbType;
  place: { id: string; label: string } | null;
  reportingOrganisation: string;
  people: { personId: string; name: string; role: InvolvementRole }[];
};

export type NewCaseIncidents = {
  /** Incidents the case can be opened from. */
  available: IncidentForNewCase[];
  /** Incidents already in a case: named only when the actor may see that case. */
  alreadyInCase: { reference: string; caseReference: string | null }[];
  /** Ids that name no incident the actor may see. */
  notFound: number;
};

/** The incidents a new case is being opened from (`/cases/new?incident=…`), as the actor may see them. */
export async function incidentsForNewCase(actor: Actor, ids: string[]): Promise<NewCaseIncidents> {
  const requested = [...new Set(ids)];
  const wanted = requested.filter(isUuid).slice(0, MAX_INCIDENTS_AT_ONCE);
  if (wanted.length === 0 || !can(actor, "case:write")) return { available: [], alreadyInCase: [], notFound: requested.length };
  const incidents = await db.incident.findMany({
    where: { AND: [{ id: { in: wanted } }, visibleIncidentsWhere(actor)] },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      reference: true,
      occurredAt: true,
      type: true,
      caseId: true,
      reportingOrganisation: { select: { shortName: true } },
      location: { select: { id: true, addressLine1: true, postcode: true } },
      people: { select: { role: true, person: { select: { id: true, firstName: true, lastName: true, mergedIntoId: true } } } },
    },
  });
  const caseIds = [...new Set(incidents.flatMap((i) => (i.caseId ? [i.caseId] : [])))];
  const visibleCases = caseIds.length > 0 ? await db.case.findMany({ where: { AND: [{ id: { in: caseIds } }, visibleCasesWhere(actor)] }, select: { id: true, reference: true } }) : [];
  const caseReference = new Map(visibleCases.map((c) => [c.id, c.reference]));
  return {
    available: incidents
      .filter((i) => !i.caseId)
      .map((i) => ({
        id: i.id,
        reference: i.reference,
        occurredAt: i.occurredAt,
        type: i.type,
        place: i.location ? { id: i.location.id, label: placeLabel(i.location) } : null,
        reportingOrganisation: i.reportingOrganisation.shortName,
        people: i.people
          .filter((p) => !p.person.mergedIntoId)
          .map((p) => ({ personId: p.person.id, name: `${p.person.firstName} ${p.person.lastName}`, role: p.role }))
          .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, "en-GB")),
      })),
    alreadyInCase: incidents.filter((i) => i.caseId).map((i) => ({ reference: i.reference, caseReference: caseReference.get(i.caseId!) ?? null })),
    notFound: requested.length - incidents.length,
  };
}

// ───────────────────────────── The list ─────────────────────────────

export type CaseListRow = {
  id: string;
  reference: string;
  title: string;
  kind: CaseKind;
  status: CaseStatus;
  riskLevel: RiskLevel;
  restricted: boolean;
  leadOrganisation: { id: string; shortName: string; name: string };
  openedAt: Date;
  updatedAt: Date;
  /** Why the actor sees it: their organisation leads it, it is shared with them, or (restricted) as a panel member or its referrer. */
  relation: "lead" | "shared" | "panel";
};

export type CaseList = Page<CaseListRow>;

function caseFilterWhere(actor: Actor, f: CaseFilters): Prisma.CaseWhereInput[] {
  const where: Prisma.CaseWhereInput[] = [];
  if (f.text) {
    const upper = f.text.toUpperCase();
    where.push({ OR: [{ reference: { contains: upper } }, { title: { contains: f.text, mode: "insensitive" } }] });
  }
  if (f.kind) where.push({ kind: f.kind });
  if (f.status) where.push({ status: f.status });
  else if (f.active) where.push({ status: { not: "CLOSED" } });
  if (f.leadOrganisationId) where.push({ leadOrganisationId: f.leadOrganisationId });
  if (f.riskLevel) where.push({ riskLevel: f.riskLevel });
  if (f.relation === "lead") where.push({ leadOrganisationId: actor.organisationId });
  if (f.relation === "shared") {
    where.push({ leadOrganisationId: { not: actor.organisationId }, shares: { some: { organisationId: actor.organisationId, withdrawnAt: null } } });
  }
  return where;
}

function caseOrderBy(query: ListQuery<CaseSort>): Prisma.CaseOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "updated":
      return [{ updatedAt: dir }, { id: dir }];
    case "reference":
      return [{ reference: dir }];
    case "risk":
      return [{ riskLevel: dir }, { createdAt: "desc" }, { id: "desc" }];
    case "opened":
      return [{ createdAt: dir }, { id: dir }];
  }
}

/** One page of the cases the actor may see, filtered and sorted on the server. */
export async function listCases(actor: Actor, filters: CaseFilters, query: ListQuery<CaseSort>): Promise<CaseList> {
  const where: Prisma.CaseWhereInput = { AND: [visibleCasesWhere(actor), ...caseFilterWhere(actor, filters)] };
  const [rows, counted] = await Promise.all([
    db.case.findMany({
      where,
      orderBy: caseOrderBy(query),
      skip: query.skip,
      take: query.pageSize,
      select: {
        id: true,
        reference: true,
        title: true,
        kind: true,
        status: true,
        riskLevel: true,
        restricted: true,
        createdAt: true,
        updatedAt: true,
        leadOrganisation: { select: { id: true, shortName: true, name: true } },
        shares: { where: { organisationId: actor.organisationId, withdrawnAt: null }, select: { organisationId: true } },
      },
    }),
    // Counting stops one past the cap: "more than 10,000" needs no exact figure.
    db.case.count({ where, take: COUNT_CAP + 1 }),
  ]);
  const listRows: CaseListRow[] = rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    kind: r.kind,
    status: r.status,
    riskLevel: r.riskLevel,
    restricted: r.restricted,
    leadOrganisation: r.leadOrganisation,
    openedAt: r.createdAt,
    updatedAt: r.updatedAt,
    relation: r.leadOrganisation.id === actor.organisationId ? "lead" : r.shares.length > 0 ? "shared" : "panel",
  }));
  return pageOf(listRows, counted, query);
}

/** The id of the visible case with this reference, for "go to case CASE-2026-000012" searches. */
export async function findCaseIdByReference(actor: Actor, reference: string): Promise<string | null> {
  const row = await db.case.findFirst({ where: { AND: [{ reference }, visibleCasesWhere(actor)] }, select: { id: true } });
  return row?.id ?? null;
}

/** Organisations for the list's "lead organisation" filter. */
export async function organisationFilterChoices(actor: Actor): Promise<{ id: string; name: string }[]> {
  if (!can(actor, "case:read")) return [];
  return db.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
