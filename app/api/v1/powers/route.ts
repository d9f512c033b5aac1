import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { createPowerV1, listPowersV1 } from "@/lib/api/v1/cases-powers";

export const dynamic = "force-dynamic";

export const GET = route(v1(ENDPOINTS.listPowers), ({ actor, url }) => listPowersV1(actor, url));
export const POST = route(v1(ENDPOINTS.createPower), ({ actor, api, body }) => createPowerV1(actor, api, body));
