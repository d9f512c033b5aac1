import "server-only";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import type { TPerson } from "@/lib/people/schema";
import { searchText } from "@/lib/search-text";
import { rankCandidates, visibleInRankOrder, withAlerts, type PersonSearchResult } from "./search";

// Likely duplicates: the people offered before a new profile is made, through the same search.

/** A name this similar is offered as a likely match even without a matching date of birth. */
const LIKELY_NAME_SCORE = 0.5;
const MAX_MATCHES = 5;

/**
 * People the actor can see who are probably the one about to be created: a similar name and the
 * same date of birth first, then a similar name alone.
 */
export async function findLikelyMatches(
  actor: Actor,
  person: Pick<TPerson, "firstName" | "lastName" | "dateOfBirth">,
): Promise<PersonSearchResult[]> {
  if (!can(actor, "person:read")) return [];
  const query = { text: searchText(person.firstName, person.lastName), dateOfBirth: person.dateOfBirth };
  const likely = (await rankCandidates(query)).filter((c) => c.dobMatch || c.score >= LIKELY_NAME_SCORE);
  return withAlerts((await visibleInRankOrder(actor, likely, MAX_MATCHES)).slice(0, MAX_MATCHES));
}
