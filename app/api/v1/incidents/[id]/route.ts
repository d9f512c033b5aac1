import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { getIncidentV1, updateIncidentV1 } from "@/lib/api/v1/incidents";

export const dynamic = "force-dynamic";

export const GET = route(v1(ENDPOINTS.getIncident), ({ actor, params }) => getIncidentV1(actor, params.id));
export const PATCH = route(v1(ENDPOINTS.updateIncident), ({ actor, request, params, body }) =>
  updateIncidentV1(actor, request, params.id, body),
);
