import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { searchPeopleV1 } from "@/lib/api/v1/people-places";

export const dynamic = "force-dynamic";

export const POST = route(v1(ENDPOINTS.searchPeople), ({ actor, body }) => searchPeopleV1(actor, body));
