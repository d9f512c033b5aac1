import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { searchPlacesV1 } from "@/lib/api/v1/people-places";

export const dynamic = "force-dynamic";

export const POST = route(v1(ENDPOINTS.searchPlaces), ({ actor, body }) => searchPlacesV1(actor, body));
