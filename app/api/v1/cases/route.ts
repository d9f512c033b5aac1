import { route } from "@/lib/http/route";
import { ENDPOINTS, v1 } from "@/lib/api/v1/endpoints";
import { listCasesV1 } from "@/lib/api/v1/cases-powers";

export const dynamic = "force-dynamic";

export const GET = route(v1(ENDPOINTS.listCases), ({ actor, url }) => listCasesV1(actor, url));
