import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { changeActionStatusV1 } from "@/lib/api/v1/cases-powers";

export const dynamic = "force-dynamic";

export const PATCH = route(v1(ENDPOINTS.changeActionStatus), ({ actor, request, params, body }) =>
  changeActionStatusV1(actor, request, params.id, params.actionId, body),
);
