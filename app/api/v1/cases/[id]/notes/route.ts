import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { addCaseNoteV1 } from "@/lib/api/v1/cases-powers";

export const dynamic = "force-dynamic";

export const POST = route(v1(ENDPOINTS.addCaseNote), ({ actor, api, params, body }) => addCaseNoteV1(actor, api, params.id, body));
