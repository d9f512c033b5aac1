import "server-only";
import type { Actor } from "@/lib/auth/actor-type";
import { createIncident, getIncident, updateIncident, type IncidentDetail } from "@/lib/incidents/data";
import { incidentsPage } from "./data/lists";
import type { ApiCall } from "@/lib/http/route";
import { ENDPOINTS } from "./endpoints";
import { answer, atVersion, decodeCursor, iso, pageOf, parseBody, parseQuery, versionFrom } from "./respond";
import { ZIncidentCreate, ZIncidentPatch, ZIncidentListQuery } from "./schemas";

// /api/v1/incidents: the incident data layer's own functions (lib/incidents/data.ts), so the same
// visibility, the same "only the organisation that logged it changes it", and the same audit.

function representation(i: IncidentDetail) {
  return {
    id: i.id,
    reference: i.reference,
    version: i.version,
    occurredAt: iso(i.occurredAt),
    reportedAt: iso(i.reportedAt),
    reportMethod: i.reportMethod,
    category: i.category,
    type: i.type,
    description: i.description,
    riskLevel: i.riskLevel,
    reportingOrganisation: { id: i.reportingOrganisation.id, name: i.reportingOrganisation.name },
    place: i.location,
    case: i.case ? { id: i.case.id, reference: i.case.reference } : null,
    people: i.people.map((p) => ({ personId: p.personId, name: p.name, role: p.role })),
    createdAt: iso(i.createdAt),
    updatedAt: iso(i.updatedAt),
  };
}

export async function createIncidentV1(actor: Actor, api: ApiCall, body: unknown): Promise<Response> {
  const input = parseBody(ZIncidentCreate, body);
  const logged = await createIncident(actor, input, api.submissionKey);
  const detail = await getIncident(actor, logged.id);
  return answer(ENDPOINTS.createIncident, representation(detail), { location: `/incidents/${logged.id}`, replayed: logged.duplicate });
}

export async function getIncidentV1(actor: Actor, id: string): Promise<Response> {
  return answer(ENDPOINTS.getIncident, representation(await getIncident(actor, id)));
}

/** PATCH: the incident as it is, with the fields given laid over it, checked as a whole by the create schema. */
export async function updateIncidentV1(actor: Actor, request: Request, id: string, body: unknown): Promise<Response> {
  const version = versionFrom(request);
  const patch = parseBody(ZIncidentPatch, body);
  const current = await getIncident(actor, id);
  const input = parseBody(ZIncidentCreate, {
    occurredAt: iso(current.occurredAt),
    reportedAt: iso(current.reportedAt),
    reportMethod: current.reportMethod,
    category: current.category,
    type: current.type,
    description: current.description,
    riskLevel: current.riskLevel,
    locationId: current.location?.id ?? null,
    // A case the client cannot see is not shown to it, and stays (lib/incidents/data.ts updateIncident).
    caseId: current.case?.id ?? null,
    people: current.people.map((p) => ({ personId: p.personId, role: p.role })),
    ...patch,
  });
  await atVersion(() => updateIncident(actor, id, version, input));
  return answer(ENDPOINTS.updateIncident, representation(await getIncident(actor, id)));
}

export async function listIncidentsV1(actor: Actor, url: URL): Promise<Response> {
  const { cursor, limit, ...filters } = parseQuery(ZIncidentListQuery, url);
  const rows = await incidentsPage(actor, filters, { after: decodeCursor(cursor), take: limit + 1 });
  const { rows: kept, next } = pageOf(rows, limit);
  return answer(ENDPOINTS.listIncidents, {
    data: kept.map((r) => ({ ...r, occurredAt: iso(r.occurredAt), reportedAt: iso(r.reportedAt), updatedAt: iso(r.updatedAt) })),
    next,
  });
}
