import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { getPowerV1 } from "@/lib/api/v1/cases-powers";

export const dynamic = "force-dynamic";

export const GET = route(v1(ENDPOINTS.getPower), ({ actor, params }) => getPowerV1(actor, params.id));
