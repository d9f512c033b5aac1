import { describe, expect, it } from "vitest";
import {
  applyChosenMatches,
  CHOOSE_A_MATCH,
  confirmationsOf,
  personCheckKey,
  placeCheckKey,
  unansweredChoices,
  type LikelyDuplicates,
} from "@/lib/incidents/likely-duplicates";

// The incident form's inline duplicate check, the parts that read the form: which rows the officer
// said are new (and for what they had typed then), a match chosen becoming the existing record,
// and a question left unanswered becoming a problem by its field.

const PERSON_ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const PLACE_ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a6c";

describe("the incident form's duplicate check", () => {
  it("a check key changes when the name, date of birth or address changes, not with case or spacing", () => {
    const jo = { firstName: "Jo", lastName: "Ashworth", dateOfBirth: new Date("1990-04-12T00:00:00Z") };
    expect(personCheckKey(jo)).toBe(personCheckKey({ ...jo, firstName: " JO ", lastName: "ashworth" }));
    expect(personCheckKey(jo)).not.toBe(personCheckKey({ ...jo, dateOfBirth: null }));
    expect(personCheckKey(jo)).not.toBe(personCheckKey({ ...jo, lastName: "Ashwood" }));
    const flat = { addressLine1: "Flat 3, Harker House", town: "Kingsmere", postcode: "SE15 4QF", kind: "RESIDENTIAL" as const };
    expect(placeCheckKey(flat)).toBe(placeCheckKey({ ...flat, addressLine1: "flat 3 harker house" }));
    expect(placeCheckKey(flat)).not.toBe(placeCheckKey({ ...flat, postcode: "SE15 4QG" }));
  });

  it("'None of these' counts only with the values it was said for", () => {
    const values = {
      "people.0.matchChoice": "new",
      "people.0.checkedFor": "jo ashworth|1990-04-12",
      "people.1.matchChoice": PERSON_ID,
      "people.1.checkedFor": "sam lee|",
      "newLocation.matchChoice": "new",
      "newLocation.checkedFor": "harker house kingsmere|SE15 4QF",
    };
    expect(confirmationsOf(values)).toEqual({ people: { 0: "jo ashworth|1990-04-12" }, place: "harker house kingsmere|SE15 4QF" });
    expect(confirmationsOf({})).toEqual({ people: {}, place: null });
  });

  it("a match chosen becomes the existing person or place, as if picked with the search", () => {
    const form = new FormData();
    form.set("people.1.mode", "new");
    form.set("people.1.firstName", "Jo");
    form.set("people.1.matchChoice", PERSON_ID);
    form.set(`people.1.matchLabel.${PERSON_ID}`, "Jo Ashworth, born 12/04/1990");
    form.set("locationMode", "new");
    form.set("newLocation.matchChoice", PLACE_ID);
    form.set(`newLocation.matchLabel.${PLACE_ID}`, "Flat 3, Harker House, SE15 4QF");
    form.set("people.2.matchChoice", "new");
    applyChosenMatches(form);
    expect(form.get("people.1.mode")).toBe("existing");
    expect(form.get("people.1.personId")).toBe(PERSON_ID);
    expect(form.get("people.1.personLabel")).toBe("Jo Ashworth, born 12/04/1990");
    expect(form.get("locationMode")).toBe("existing");
    expect(form.get("locationId")).toBe(PLACE_ID);
    expect(form.get("people.2.matchChoice")).toBe("new");
  });

  it("matches already shown for the same values, and not answered, are a problem by the choice", () => {
    const likely: LikelyDuplicates = {
      people: { "row-a": { checkedFor: "jo ashworth|", matches: [{ id: PERSON_ID, label: "Jo Ashworth", hint: null }] } },
      place: { checkedFor: "harker|", matches: [{ id: PLACE_ID, label: "Harker House", hint: null }] },
    };
    expect(unansweredChoices(likely, { "people.0.rowKey": "row-a" })).toEqual({});
    expect(
      unansweredChoices(likely, { "people.0.rowKey": "row-a", "people.0.checkedFor": "jo ashworth|", "newLocation.checkedFor": "harker|" }),
    ).toEqual({ "people.0.matchChoice": [CHOOSE_A_MATCH], "newLocation.matchChoice": [CHOOSE_A_MATCH] });
  });
});
