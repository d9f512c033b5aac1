import "server-only";
import type { Actor } from "@/lib/auth/actor-type";
import { addCaseNote, getCase, type CaseDetail } from "@/lib/cases/data";
import { changeActionStatus, getAction, listCaseActions, type ActionView } from "@/lib/case-actions/data";
import { getPower, issuePower, recordBreach, type PowerDetail } from "@/lib/powers/data";
import { casesPage, powersPage } from "./data/lists";
import type { ApiCall } from "@/lib/http/route";
import { ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms";
import { ENDPOINTS } from "./endpoints";
import {
  actionStatusForm,
  breachForm,
  ZActionStatusChange,
  ZBreachCreate,
  ZCaseListQuery,
  ZCaseNoteCreate,
  ZPowerCreate,
  ZPowerListQuery,
} from "./schemas";
import { answer, atVersion, day, decodeCursor, iso, isoOrNull, pageOf, parseBody, parseQuery, versionFrom } from "./respond";

// /api/v1/cases (with their notes and actions) and /api/v1/powers, through the cases, actions and
// powers data layers: a MARAC case is in no list and answers 404 unless a MARAC chair granted the
// client the panel (lib/api/clients), exactly as for a person without it.

// ───────────────────────────── Cases ─────────────────────────────

function caseRepresentation(c: CaseDetail) {
  return {
    id: c.id,
    reference: c.reference,
    version: c.version,
    title: c.title,
    summary: c.summary,
    kind: c.kind,
    status: c.status,
    riskLevel: c.riskLevel,
    restricted: c.restricted,
    openedAt: iso(c.openedAt),
    closedAt: isoOrNull(c.closedAt),
    leadOrganisation: { id: c.leadOrganisation.id, name: c.leadOrganisation.name },
    leadOfficer: c.leadOfficer,
    people: c.people.map((p) => ({ personId: p.personId, name: p.name, role: p.role })),
    places: c.places.map((p) => ({ locationId: p.locationId, addressLine1: p.addressLine1, town: p.town, postcode: p.postcode })),
    incidents: c.incidents.rows.map((i) => ({ id: i.id, reference: i.reference, occurredAt: iso(i.occurredAt) })),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

export async function listCasesV1(actor: Actor, url: URL): Promise<Response> {
  const { cursor, limit, ...filters } = parseQuery(ZCaseListQuery, url);
  const rows = await casesPage(actor, filters, { after: decodeCursor(cursor), take: limit + 1 });
  const { rows: kept, next } = pageOf(rows, limit);
  return answer(ENDPOINTS.listCases, { data: kept.map((r) => ({ ...r, openedAt: iso(r.openedAt), updatedAt: iso(r.updatedAt) })), next });
}

export async function getCaseV1(actor: Actor, id: string): Promise<Response> {
  return answer(ENDPOINTS.getCase, caseRepresentation(await getCase(actor, id)));
}

export async function addCaseNoteV1(actor: Actor, api: ApiCall, caseId: string, body: unknown): Promise<Response> {
  const { text } = parseBody(ZCaseNoteCreate, body);
  await addCaseNote(actor, caseId, text, api.submissionKey);
  return answer(ENDPOINTS.addCaseNote, { caseId, created: true });
}

function actionRepresentation(a: ActionView) {
  return {
    id: a.id,
    caseId: a.caseId,
    version: a.version,
    title: a.title,
    detail: a.detail,
    status: a.status,
    dueDate: day(a.dueDate),
    overdue: a.overdue,
    outcome: a.outcome,
    cancelReason: a.cancelReason,
    completedAt: isoOrNull(a.completedAt),
    assignedOrganisation: { id: a.assignedOrganisation.id, name: a.assignedOrganisation.name },
    assignedUser: a.assignedUser,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}

export async function listCaseActionsV1(actor: Actor, caseId: string): Promise<Response> {
  const actions = await listCaseActions(actor, caseId);
  return answer(ENDPOINTS.listCaseActions, { data: [...actions.open, ...actions.closed.rows].map(actionRepresentation) });
}

export async function changeActionStatusV1(
  actor: Actor,
  request: Request,
  caseId: string,
  actionId: string,
  body: unknown,
): Promise<Response> {
  const version = versionFrom(request);
  const change = parseBody(ZActionStatusChange, body);
  const form = actionStatusForm(caseId, actionId, version, change);
  if (!form.success) throw new ValidationError(fieldErrorsOf(form.error), "There is a problem with the request body");
  await atVersion(() => changeActionStatus(actor, caseId, actionId, version, form.data.input));
  return answer(ENDPOINTS.changeActionStatus, actionRepresentation(await getAction(actor, caseId, actionId)));
}

// ───────────────────────────── Powers ─────────────────────────────

function powerRepresentation(p: PowerDetail) {
  return {
    id: p.id,
    reference: p.reference,
    version: p.version,
    kind: { id: p.kind.id, code: p.kind.code, name: p.kind.name },
    status: p.status,
    subjectPerson: p.subjectPerson,
    subjectBusinessName: p.subjectPerson ? null : p.subject,
    place: p.place,
    case: p.case ? { id: p.case.id, reference: p.case.reference } : null,
    issuingOrganisation: p.issuingOrganisation,
    issuedAt: iso(p.issuedAt),
    expiresAt: isoOrNull(p.expiresAt),
    conditions: p.conditions,
    courtName: p.courtName,
    hearingAt: isoOrNull(p.hearingAt),
    history: p.history.map((h) => ({ fromStatus: h.fromStatus, toStatus: h.toStatus, changedAt: iso(h.changedAt) })),
    breaches: p.breaches.map((b) => ({ id: b.id, breachedAt: iso(b.breachedAt), actionTaken: b.actionTaken, notes: b.notes })),
  };
}

export async function listPowersV1(actor: Actor, url: URL): Promise<Response> {
  const { cursor, limit, ...filters } = parseQuery(ZPowerListQuery, url);
  const rows = await powersPage(actor, filters, { after: decodeCursor(cursor), take: limit + 1 });
  const { rows: kept, next } = pageOf(rows, limit);
  return answer(ENDPOINTS.listPowers, {
    data: kept.map((r) => ({ ...r, issuedAt: iso(r.issuedAt), expiresAt: isoOrNull(r.expiresAt) })),
    next,
  });
}

export async function createPowerV1(actor: Actor, api: ApiCall, body: unknown): Promise<Response> {
  const input = parseBody(ZPowerCreate, body);
  const created = await issuePower(actor, input, api.submissionKey);
  return answer(ENDPOINTS.createPower, powerRepresentation(await getPower(actor, created.id)), {
    location: `/powers/${created.id}`,
    replayed: created.duplicate,
  });
}

export async function getPowerV1(actor: Actor, id: string): Promise<Response> {
  return answer(ENDPOINTS.getPower, powerRepresentation(await getPower(actor, id)));
}

export async function recordBreachV1(actor: Actor, request: Request, powerId: string, body: unknown): Promise<Response> {
  const version = versionFrom(request);
  const breach = parseBody(ZBreachCreate, body);
  const form = breachForm(powerId, version, breach);
  if (!form.success) throw new ValidationError(fieldErrorsOf(form.error), "There is a problem with the request body");
  await atVersion(() => recordBreach(actor, powerId, version, form.data.input));
  return answer(ENDPOINTS.recordBreach, powerRepresentation(await getPower(actor, powerId)), { location: `/powers/${powerId}` });
}
