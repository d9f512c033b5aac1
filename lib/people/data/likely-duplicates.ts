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
  return withAlerts(await likelyVisible(actor, person));
}

/** The same matches, ids only and without their alerts (a bulk import's check asks for thousands). */
export async function findLikelyMatchIds(
  actor: Actor,
  person: Pick<TPerson, "firstName" | "lastName" | "dateOfBirth">,
): Promise<{ id: string; dateOfBirthMatches: boolean }[]> {
  return (await likelyVisible(actor, person)).map((c) => ({ id: c.id, dateOfBirthMatches: c.dobMatch }));
}

async function likelyVisible(actor: Actor, person: Pick<TPerson, "firstName" | "lastName" | "dateOfBirth">) {
  if (!can(actor, "person:read")) return [];
  const query = { text: searchText(person.firstName, person.lastName), dateOfBirth: person.dateOfBirth };
  const likely = (await rankCandidates(query)).filter((c) => c.dobMatch || c.score >= LIKELY_NAME_SCORE);
  return (await visibleInRankOrder(actor, likely, MAX_MATCHES)).slice(0, MAX_MATCHES);
}
