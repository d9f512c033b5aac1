import { route } from "@/lib/http/route";
import { BadRequestError } from "@/lib/errors";
import { openCasesNaming } from "@/lib/incidents/data";
import { ZCasesNamingApi } from "@/lib/incidents/schema";

// The incident form asks, as people and a place are picked, which open cases the officer may add
// to already name them, and offers to link the incident to one (lib/incidents/data: openCasesNaming).
// POSTed: what is being looked at stays out of access logs. Only ids the officer may see match.

export const dynamic = "force-dynamic";

export const POST = route(
  { signedOut: "401", permission: "incident:write", body: { json: true, maxBytes: 8 * 1024 } },
  async ({ actor, body }) => {
    const parsed = ZCasesNamingApi.safeParse(body);
    if (!parsed.success) throw new BadRequestError(parsed.error.issues[0]?.message ?? "Check the question");
    const cases = await openCasesNaming(actor, parsed.data);
    return Response.json({ cases });
  },
);
