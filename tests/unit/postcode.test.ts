import { describe, expect, it } from "vitest";
import { normaliseOutwardCode, normalisePostcode, parsePlaceQuery } from "@/lib/places/postcode";

describe("normalisePostcode", () => {
  it.each([
    ["M1 1AE", "A9 9AA"],
    ["B33 8TH", "A99 9AA"],
    ["W1A 0AX", "A9A 9AA"],
    ["CR2 6XH", "AA9 9AA"],
    ["DN55 1PT", "AA99 9AA"],
    ["EC1A 1BB", "AA9A 9AA"],
    ["SE15 4QF", "AA99 9AA (Kingsmere)"],
    ["GIR 0AA", "the Girobank postcode"],
  ])("accepts %s (%s) as it is", (postcode) => {
    expect(normalisePostcode(postcode)).toBe(postcode);
  });

  it.each([
    ["se15 4qf", "SE15 4QF"],
    ["se154qf", "SE15 4QF"],
    ["SE154QF", "SE15 4QF"],
    ["  SE15   4QF  ", "SE15 4QF"],
    ["Se15 4Qf", "SE15 4QF"],
    ["ec1a1bb", "EC1A 1BB"],
    ["m11ae", "M1 1AE"],
    ["gir0aa", "GIR 0AA"],
  ])("normalises %j to %s", (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it.each([
    ["", "empty"],
    ["SE15", "outward code only"],
    ["SE1 4Q", "too short"],
    ["SE15 4QFF", "too long"],
    ["SE155 4QF", "too long an outward code"],
    ["QE15 4QF", "Q cannot be the first letter"],
    ["VE15 4QF", "V cannot be the first letter"],
    ["XE15 4QF", "X cannot be the first letter"],
    ["SI15 4QF", "I cannot be the second letter"],
    ["SJ15 4QF", "J cannot be the second letter"],
    ["SZ15 4QF", "Z cannot be the second letter"],
    ["W1I 0AX", "I cannot be the third letter of an A9A outward code"],
    ["EC1I 1BB", "I cannot be the fourth letter of an AA9A outward code"],
    ["SE15 4CF", "C cannot be in the inward code"],
    ["SE15 4QI", "I cannot be in the inward code"],
    ["SE15 4KQ", "K cannot be in the inward code"],
    ["SE15 4MV", "M and V cannot be in the inward code"],
    ["SE15 QQF", "the inward code starts with a digit"],
    ["1E15 4QF", "the outward code starts with a letter"],
    ["Harker House", "an address, not a postcode"],
  ])("rejects %j (%s)", (input) => {
    expect(normalisePostcode(input)).toBeNull();
  });
});

describe("normaliseOutwardCode", () => {
  it("accepts a district on its own in any case", () => {
    expect(normaliseOutwardCode("se15")).toBe("SE15");
    expect(normaliseOutwardCode(" EC1A ")).toBe("EC1A");
    expect(normaliseOutwardCode("M1")).toBe("M1");
  });

  it("rejects anything else", () => {
    expect(normaliseOutwardCode("SE")).toBeNull();
    expect(normaliseOutwardCode("SE15 4QF")).toBeNull();
    expect(normaliseOutwardCode("QE15")).toBeNull();
  });
});

describe("parsePlaceQuery", () => {
  it("reads a full postcode in any spacing or case, with its district", () => {
    expect(parsePlaceQuery("se154qf")).toEqual({ kind: "postcode", postcode: "SE15 4QF", outward: "SE15" });
    expect(parsePlaceQuery(" SE15  4QF ")).toEqual({ kind: "postcode", postcode: "SE15 4QF", outward: "SE15" });
  });

  it("reads an outward code alone as a district", () => {
    expect(parsePlaceQuery("se15")).toEqual({ kind: "outward", outward: "SE15" });
  });

  it("reads anything else as address text, and blank as nothing", () => {
    expect(parsePlaceQuery("Harker House")).toEqual({ kind: "text", text: "Harker House" });
    expect(parsePlaceQuery("Flat 7, SE15")).toEqual({ kind: "text", text: "Flat 7, SE15" });
    expect(parsePlaceQuery("SE15 4")).toEqual({ kind: "text", text: "SE15 4" });
    expect(parsePlaceQuery("   ")).toEqual({ kind: "empty" });
  });
});
