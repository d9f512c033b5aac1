import type { NewPersonFields, NewPlaceFields } from "./schema";
import { matchCheckKey } from "@/lib/people/schema";
import { searchText } from "@/lib/search-text";
import type { FormValues } from "@/lib/forms";

// The incident form's inline duplicate check (lib/incidents/data.ts likelyDuplicatesIn): a new
// person or place typed into the form is checked against the people and places the officer can
// see, with the same rules as /people/new and /places/new, before anything is made. Pure: the
// server action and the form share the names of the fields it posts.

export type LikelyMatch = { id: string; label: string; hint: string | null };
export type LikelyFor = { checkedFor: string; matches: LikelyMatch[] };

/** People by the form row's key (people.N.rowKey), and the new place. */
export type LikelyDuplicates = { people: Record<string, LikelyFor>; place: LikelyFor | null };

/** "None of these" for the values in `checkedFor`: by the form row's index, and for the place. */
export type DuplicateConfirmations = { people: Record<number, string>; place: string | null };

export const NONE_OF_THESE = "new";

/** What a new person's likely matches were checked for: the normalised name and date of birth. */
export function personCheckKey(person: NewPersonFields): string {
  return matchCheckKey(person);
}

/** What a new place's likely matches were checked for: the normalised first line, town and postcode. */
export function placeCheckKey(place: NewPlaceFields): string {
  return `${searchText(place.addressLine1, place.town)}|${place.postcode ?? ""}`;
}

const one = (values: FormValues, key: string) => {
  const value = values[key];
  return (Array.isArray(value) ? value[0] : value) ?? "";
};

/** The rows and place the officer said are new ("None of these"), with what they had typed then. */
export function confirmationsOf(values: FormValues): DuplicateConfirmations {
  const people: Record<number, string> = {};
  for (const key of Object.keys(values)) {
    const row = /^people\.(\d+)\.matchChoice$/.exec(key)?.[1];
    if (row !== undefined && one(values, key) === NONE_OF_THESE) people[Number(row)] = one(values, `people.${row}.checkedFor`);
  }
  const place = one(values, "newLocation.matchChoice") === NONE_OF_THESE ? one(values, "newLocation.checkedFor") : null;
  return { people, place };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A match the officer chose ("use this person") turns that row into the existing person before
 * the form is read, as if they had picked them with the search (the data layer still checks they
 * may see them). Likewise for the place.
 */
export function applyChosenMatches(formData: FormData): void {
  for (const [key, value] of [...formData.entries()]) {
    if (typeof value !== "string" || !UUID.test(value)) continue;
    const row = /^people\.(\d+)\.matchChoice$/.exec(key)?.[1];
    if (row !== undefined) {
      formData.set(`people.${row}.mode`, "existing");
      formData.set(`people.${row}.personId`, value);
      formData.set(`people.${row}.personLabel`, String(formData.get(`people.${row}.matchLabel.${value}`) ?? ""));
      formData.delete(key);
    } else if (key === "newLocation.matchChoice") {
      formData.set("locationMode", "existing");
      formData.set("locationId", value);
      formData.set("locationLabel", String(formData.get(`newLocation.matchLabel.${value}`) ?? ""));
      formData.delete(key);
    }
  }
}

export const CHOOSE_A_MATCH = "Choose the one that is already recorded, or ‘None of these’";

/**
 * The rows and place whose matches were already shown for exactly these values and still have no
 * answer: a problem by the choice, rather than the same question again in silence.
 */
export function unansweredChoices(likely: LikelyDuplicates, values: FormValues): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const key of Object.keys(values)) {
    const row = /^people\.(\d+)\.rowKey$/.exec(key)?.[1];
    if (row === undefined) continue;
    const offered = likely.people[one(values, key)];
    if (offered && one(values, `people.${row}.checkedFor`) === offered.checkedFor) errors[`people.${row}.matchChoice`] = [CHOOSE_A_MATCH];
  }
  if (likely.place && one(values, "newLocation.checkedFor") === likely.place.checkedFor)
    errors["newLocation.matchChoice"] = [CHOOSE_A_MATCH];
  return errors;
}
