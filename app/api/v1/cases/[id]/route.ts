import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { getCaseV1 } from "@/lib/api/v1/cases-powers";

export const dynamic = "force-dynamic";

export const GET = route(v1(ENDPOINTS.getCase), ({ actor, params }) => getCaseV1(actor, params.id));
