import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { createPersonV1 } from "@/lib/api/v1/people-places";

export const dynamic = "force-dynamic";

export const POST = route(v1(ENDPOINTS.createPerson), ({ actor, api, body }) => createPersonV1(actor, api, body));
