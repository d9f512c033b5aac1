import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { recordBreachV1 } from "@/lib/api/v1/cases-powers";

export const dynamic = "force-dynamic";

export const POST = route(v1(ENDPOINTS.recordBreach), ({ actor, request, params, body }) =>
  recordBreachV1(actor, request, params.id, body),
);
