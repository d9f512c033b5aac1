import { describe, expect, it } from "vitest";
import { EVERYTHING_MAX_LENGTH, parseReference, readEverythingSearch } from "@/lib/search/everything";

describe("a reference typed into the header's search", () => {
  it.each([
    ["INC-2026-000123", "INC", "INC-2026-000123"],
    ["inc-2026-123", "INC", "INC-2026-000123"],
    ["  CASE-2026-000012 ", "CASE", "CASE-2026-000012"],
    ["case 2026 12", "CASE", "CASE-2026-000012"],
    ["PWR-2025-000001", "PWR", "PWR-2025-000001"],
    ["ref-2026-7", "REF", "REF-2026-000007"],
    ["MTG2026000003", "MTG", "MTG-2026-000003"],
    ["pspo-2024-2", "PSPO", "PSPO-2024-000002"],
  ])("reads %j as %s reference %s", (typed, prefix, reference) => {
    expect(parseReference(typed)).toEqual({ prefix, reference });
  });

  it.each(["INC-2026", "INC-26-000123", "INC-2026-1234567", "ABC-2026-000123", "Incident 2026", "CASE-2026-00001x", "jane smith"])(
    "is not a reference: %j",
    (typed) => {
      expect(parseReference(typed)).toBeNull();
    },
  );
});

describe("reading the header's search back", () => {
  it("shows the start page when nothing has been searched for", () => {
    expect(readEverythingSearch({})).toEqual({ kind: "start", q: "" });
  });

  it("asks for something to search for when the box was posted empty", () => {
    const search = readEverythingSearch({ searched: "1", q: "   " });
    expect(search).toMatchObject({ kind: "invalid", error: "Enter a reference, a name, an address or a case title" });
  });

  it("refuses a search longer than a name or an address needs, keeping what was typed", () => {
    const long = "a".repeat(EVERYTHING_MAX_LENGTH + 1);
    expect(readEverythingSearch({ searched: "1", q: long })).toEqual({
      kind: "invalid",
      q: long,
      error: `Search for ${EVERYTHING_MAX_LENGTH} characters or fewer`,
    });
  });

  it.each(["!!!", "🙂🙂", "a", "\u200b\u200b", "-"])("asks for letters or numbers when %j has fewer than two", (q) => {
    expect(readEverythingSearch({ searched: "1", q })).toMatchObject({ kind: "invalid", error: "Enter at least 2 letters or numbers" });
  });

  it("searches names in any script, accents kept", () => {
    expect(readEverythingSearch({ searched: "1", q: " Zoë Łukasiewicz " })).toEqual({ kind: "text", q: "Zoë Łukasiewicz" });
    expect(readEverythingSearch({ q: "محمد" })).toEqual({ kind: "text", q: "محمد" });
  });

  it("takes a reference to the record rather than to a name search", () => {
    expect(readEverythingSearch({ q: "inc-2026-5" })).toEqual({
      kind: "reference",
      q: "inc-2026-5",
      reference: { prefix: "INC", reference: "INC-2026-000005" },
    });
  });
});
