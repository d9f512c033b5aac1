import { route } from "@/lib/http/route";
import { openApiDocument } from "@/lib/api/v1/openapi";

// The OpenAPI 3.1 document of /api/v1 (lib/api/v1/openapi.ts). Public: it describes the API and
// holds no data, and a partner's developers read it before they have a key.

export const dynamic = "force-dynamic";

export const GET = route({ signedOut: "public" }, async () => Response.json(openApiDocument()));
