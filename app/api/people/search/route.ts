import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { formatDate } from "@/lib/format/dates";
import { findPeople } from "@/lib/people/data";
import { ZPeopleSearchApi } from "@/lib/people/schema";

// The person picker's search (the incident form's combobox): the same search and the same
// visibility rule as /people. Searches are not audited; opening a profile is.

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to search for people" }, { status: 401, headers: NO_STORE });
  // Without person:read the endpoint does not exist for this user.
  if (!can(actor, "person:read")) return Response.json({ error: "Not found" }, { status: 404, headers: NO_STORE });

  const params = new URL(request.url).searchParams;
  const parsed = ZPeopleSearchApi.safeParse({
    q: params.get("q") ?? undefined,
    dob: params.get("dob") ?? undefined,
    limit: params.get("limit") ?? undefined,
  });
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues[0]?.message ?? "Check the search" }, { status: 400, headers: NO_STORE });
  }
  const people = await findPeople(actor, parsed.data.query, parsed.data.limit);
  return Response.json(
    {
      results: people.map((person) => ({
        id: person.id,
        name: `${person.firstName} ${person.lastName}`,
        aliases: person.matchedAliases,
        dateOfBirth: person.dateOfBirth ? formatDate(person.dateOfBirth) : null,
        alerts: { repeatVictim: person.alerts.repeatVictim, vulnerable: person.alerts.vulnerable },
      })),
    },
    { headers: NO_STORE },
  );
}
