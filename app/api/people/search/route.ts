import { route } from "@/lib/http/route";
import { BadRequestError } from "@/lib/errors";
import { formatDate } from "@/lib/format/dates";
import { findPeople } from "@/lib/people/data";
import { ZPeopleSearchApi } from "@/lib/people/schema";

// The person picker's search (the incident form's combobox): the same search and the same
// visibility rule as /people. Searches are not audited; opening a profile is.
//
// POST with a JSON body { q, dob?, limit? }, never a query string: a name and date of birth in a
// URL land in server and proxy access logs. Only POST is exported, so Next answers any
// GET with 405 before this code runs.

export const dynamic = "force-dynamic";

export const POST = route(
  { signedOut: "401", permission: "person:read", body: { json: true, maxBytes: 4 * 1024 } },
  async ({ actor, body }) => {
    const parsed = ZPeopleSearchApi.safeParse(body);
    if (!parsed.success) throw new BadRequestError(parsed.error.issues[0]?.message ?? "Check the search");
    const people = await findPeople(actor, parsed.data.query, parsed.data.limit);
    return Response.json({
      results: people.map((person) => ({
        id: person.id,
        name: `${person.firstName} ${person.lastName}`,
        aliases: person.matchedAliases,
        dateOfBirth: person.dateOfBirth ? formatDate(person.dateOfBirth) : null,
        alerts: { repeatVictim: person.alerts.repeatVictim, vulnerable: person.alerts.vulnerable },
      })),
    });
  },
);
