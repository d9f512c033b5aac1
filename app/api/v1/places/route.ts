import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { createPlaceV1 } from "@/lib/api/v1/people-places";

export const dynamic = "force-dynamic";

export const POST = route(v1(ENDPOINTS.createPlace), ({ actor, api, body }) => createPlaceV1(actor, api, body));
