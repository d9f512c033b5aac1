import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/forms";
import { POSTCODE_MESSAGE, ZNewPlace, ZPlace } from "@/lib/places/schema";

// The place form's schema: the same rules in the browser's round trip and on the server.

const typed = {
  addressLine1: " Flat 7, Harker House ",
  addressLine2: "",
  town: "London",
  postcode: "se154qf",
  kind: "RESIDENTIAL",
  uprn: "",
};

function errorsFor(input: Record<string, unknown>) {
  const result = ZPlace.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
}

describe("the place form", () => {
  it("stores the postcode normalised and blanks as nothing", () => {
    expect(ZPlace.parse(typed)).toEqual({
      addressLine1: "Flat 7, Harker House",
      addressLine2: null,
      town: "London",
      postcode: "SE15 4QF",
      kind: "RESIDENTIAL",
      uprn: null,
    });
  });

  it("asks for a real postcode when the one typed is not one", () => {
    expect(errorsFor({ ...typed, postcode: "SE15 4Q" })).toEqual({ postcode: [POSTCODE_MESSAGE] });
    expect(errorsFor({ ...typed, postcode: "not a postcode" })).toEqual({ postcode: [POSTCODE_MESSAGE] });
    expect(POSTCODE_MESSAGE).toBe("Enter a real postcode, like SE15 4QF");
  });

  it("allows a place with no postcode (a towpath, a park)", () => {
    expect(ZPlace.parse({ ...typed, postcode: "  " }).postcode).toBeNull();
  });

  it("says what is missing in plain words", () => {
    expect(errorsFor({ ...typed, addressLine1: "  ", town: "", kind: undefined })).toEqual({
      addressLine1: ["Enter the first line of the address"],
      town: ["Enter the town or city"],
      kind: ["Select what kind of place this is"],
    });
  });

  it("takes a UPRN of up to 12 digits only", () => {
    expect(ZPlace.parse({ ...typed, uprn: "990000000707" }).uprn).toBe("990000000707");
    expect(ZPlace.parse({ ...typed, uprn: " 0010 0231 " }).uprn).toBe("100231");
    expect(errorsFor({ ...typed, uprn: "9900000007071" })).toEqual({ uprn: ["The UPRN must be a number of up to 12 digits"] });
    expect(errorsFor({ ...typed, uprn: "12A4" })).toEqual({ uprn: ["The UPRN must be a number of up to 12 digits"] });
  });

  it("refuses a kind that is not offered", () => {
    expect(errorsFor({ ...typed, kind: "CASTLE" })).toEqual({ kind: ["Select what kind of place this is"] });
  });

  it("needs the submission key the form was rendered with", () => {
    expect(ZNewPlace.safeParse({ ...typed }).success).toBe(false);
    expect(ZNewPlace.parse({ ...typed, submissionKey: "0f8fad5b-d9cb-469f-a165-70867728950e", confirmNew: "yes" }).confirmNew).toBe(true);
  });
});
