import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { listCaseActionsV1 } from "@/lib/api/v1/cases-powers";

export const dynamic = "force-dynamic";

export const GET = route(v1(ENDPOINTS.listCaseActions), ({ actor, params }) => listCaseActionsV1(actor, params.id));
