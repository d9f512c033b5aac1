import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { getPlaceV1 } from "@/lib/api/v1/people-places";

export const dynamic = "force-dynamic";

export const GET = route(v1(ENDPOINTS.getPlace), ({ actor, params }) => getPlaceV1(actor, params.id));
