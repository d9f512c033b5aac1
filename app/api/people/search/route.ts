import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { formatDate } from "@/lib/format/dates";
import { readJsonObject } from "@/lib/json-request";
import { findPeople } from "@/lib/people/data";
import { ZPeopleSearchApi } from "@/lib/people/schema";
import { refuseWith } from "@/lib/auth/refuse";

// The person picker's search (the incident form's combobox): the same search and the same
// visibility rule as /people. Searches are not audited; opening a profile is.
//
// POST with a JSON body { q, dob?, limit? }, never a query string: a name and date of birth in a
// URL land in server and proxy access logs (issue 7). Only POST is exported, so Next answers any
// GET with 405 before this code runs.

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

export async function POST(request: Request): Promise<Response> {
  const actor = await getActor();
  if (!actor) return json({ error: "Sign in to search for people" }, 401);
  // Without person:read the endpoint does not exist for this user.
  if (!can(actor, "person:read")) return refuseWith(actor, "person:read", json({ error: "Not found" }, 404));

  const read = await readJsonObject(request);
  if (!read.ok) return json({ error: read.message }, read.status);
  const parsed = ZPeopleSearchApi.safeParse(read.body);
  if (!parsed.success) return json({ error: parsed.error.issues[0]?.message ?? "Check the search" }, 400);

  const people = await findPeople(actor, parsed.data.query, parsed.data.limit);
  return json({
    results: people.map((person) => ({
      id: person.id,
      name: `${person.firstName} ${person.lastName}`,
      aliases: person.matchedAliases,
      dateOfBirth: person.dateOfBirth ? formatDate(person.dateOfBirth) : null,
      alerts: { repeatVictim: person.alerts.repeatVictim, vulnerable: person.alerts.vulnerable },
    })),
  });
}
