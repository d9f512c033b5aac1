import "server-only";
import type { Actor } from "@/lib/auth/actor-type";
import { formatDate } from "@/lib/format/dates";
import { problem, PROBLEM_CONTENT_TYPE } from "@/lib/http/problem";
import type { ApiCall } from "@/lib/http/route";
import { createPerson, findPeople, getPersonRecord, type PersonDetail } from "@/lib/people/data";
import type { PersonAlerts } from "@/lib/people/alerts";
import { aliasText, matchCheckKey, ZPeopleSearchApi } from "@/lib/people/schema";
import { createPlace, getPlace, searchPlaces, type PlaceDetail } from "@/lib/places/data";
import { placeLabel } from "@/lib/places/format";
import { API_BASE, answer, dayOrNull, iso, parseBody } from "./respond";
import { ENDPOINTS } from "./endpoints";
import { ZPersonCreate, ZPersonSearch, ZPlaceCreate, ZPlaceSearch } from "./schemas";

// /api/v1/people and /api/v1/places: search, read and add, through the people and places data
// layers (the same visibility, the same likely-duplicate checks as the forms, the same audit).

function personRepresentation(person: PersonDetail, alerts: PersonAlerts) {
  return {
    id: person.id,
    version: person.version,
    firstName: person.firstName,
    lastName: person.lastName,
    dateOfBirth: dayOrNull(person.dateOfBirth),
    gender: person.gender,
    aliases: person.aliases.map(aliasText),
    alerts: { repeatVictim: alerts.repeatVictim, vulnerable: alerts.vulnerable },
    createdAt: iso(person.createdAt),
  };
}

/** A merged profile: 301 to the one it was merged into (which the client may see). */
function movedTo(path: string): Response {
  return new Response(null, { status: 301, headers: { Location: `${API_BASE}${path}` } });
}

/** 409: nothing was made, because these records the client can see are probably the same one. */
function likelyMatches(what: string, matches: { id: string; label: string }[]): Response {
  const body = {
    ...problem(
      409,
      `This ${what} may already be recorded. If none of the matches is the same ${what}, send the request again with confirmedNew: true.`,
    ),
    matches,
  };
  return new Response(JSON.stringify(body), { status: 409, headers: { "Content-Type": PROBLEM_CONTENT_TYPE } });
}

export async function searchPeopleV1(actor: Actor, body: unknown): Promise<Response> {
  const search = parseBody(ZPersonSearch, body);
  const query = parseBody(ZPeopleSearchApi, { q: search.name, dob: search.dateOfBirth ?? null, limit: Math.min(search.limit, 20) });
  const people = await findPeople(actor, query.query, search.limit);
  return answer(ENDPOINTS.searchPeople, {
    data: people.map((p) => ({
      id: p.id,
      name: `${p.firstName} ${p.lastName}`,
      aliases: p.matchedAliases,
      dateOfBirth: dayOrNull(p.dateOfBirth),
      alerts: { repeatVictim: p.alerts.repeatVictim, vulnerable: p.alerts.vulnerable },
    })),
  });
}

export async function getPersonV1(actor: Actor, id: string): Promise<Response> {
  const found = await getPersonRecord(actor, id);
  if (found.kind === "merged") return movedTo(`/people/${found.survivorId}`);
  return answer(ENDPOINTS.getPerson, personRepresentation(found.person, found.alerts));
}

export async function createPersonV1(actor: Actor, api: ApiCall, body: unknown): Promise<Response> {
  const { person, confirmedNew } = parseBody(ZPersonCreate, body);
  const outcome = await createPerson(actor, person, api.submissionKey, { confirmedNew, checkedFor: matchCheckKey(person) });
  if (outcome.kind === "matches")
    return likelyMatches(
      "person",
      outcome.matches.map((m) => ({
        id: m.id,
        label: `${m.firstName} ${m.lastName}${m.dateOfBirth ? `, born ${formatDate(m.dateOfBirth)}` : ""}`,
      })),
    );
  const found = await getPersonRecord(actor, outcome.id);
  if (found.kind === "merged") return movedTo(`/people/${found.survivorId}`);
  return answer(ENDPOINTS.createPerson, personRepresentation(found.person, found.alerts), {
    location: `/people/${outcome.id}`,
    replayed: outcome.duplicate,
  });
}

function placeRepresentation(place: PlaceDetail) {
  return {
    id: place.id,
    version: place.version,
    addressLine1: place.addressLine1,
    addressLine2: place.addressLine2,
    town: place.town,
    postcode: place.postcode,
    kind: place.kind,
    uprn: place.uprn,
    createdAt: iso(place.createdAt),
  };
}

export async function searchPlacesV1(actor: Actor, body: unknown): Promise<Response> {
  const search = parseBody(ZPlaceSearch, body);
  const result = await searchPlaces(actor, { q: search.q, page: 1, pageSize: search.limit });
  return answer(ENDPOINTS.searchPlaces, { data: result.rows });
}

export async function getPlaceV1(actor: Actor, id: string): Promise<Response> {
  return answer(ENDPOINTS.getPlace, placeRepresentation(await getPlace(actor, id)));
}

export async function createPlaceV1(actor: Actor, api: ApiCall, body: unknown): Promise<Response> {
  const { place, confirmedNew } = parseBody(ZPlaceCreate, body);
  const outcome = await createPlace(actor, place, api.submissionKey, { offerMatches: !confirmedNew });
  if (outcome.kind === "matches")
    return likelyMatches(
      "place",
      outcome.matches.map((m) => ({ id: m.id, label: placeLabel(m) })),
    );
  return answer(ENDPOINTS.createPlace, placeRepresentation(await getPlace(actor, outcome.id)), {
    location: `/places/${outcome.id}`,
    replayed: outcome.duplicate,
  });
}
