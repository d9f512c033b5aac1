import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { createIncidentV1, listIncidentsV1 } from "@/lib/api/v1/incidents";

export const dynamic = "force-dynamic";

export const GET = route(v1(ENDPOINTS.listIncidents), ({ actor, url }) => listIncidentsV1(actor, url));
export const POST = route(v1(ENDPOINTS.createIncident), ({ actor, api, body }) => createIncidentV1(actor, api, body));
