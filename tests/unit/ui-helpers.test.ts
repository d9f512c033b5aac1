import { filtersInUse } from "@/components/ui/filter-panel";
import { describe, expect, it } from "vitest";
import { errorSummaryItems } from "@/components/ui/error-summary-items";
import { describedBy, firstError } from "@/components/ui/field";
import { paginationItems } from "@/components/ui/pagination";
import { hrefWithParams } from "@/components/ui/search-params";
import { sortHref } from "@/components/ui/table";

describe("paginationItems", () => {
  it("shows every page when there are few", () => {
    expect(paginationItems(1, 1)).toEqual([1]);
    expect(paginationItems(2, 3)).toEqual([1, 2, 3]);
    expect(paginationItems(1, 4)).toEqual([1, 2, 3, 4]);
  });

  it("puts an ellipsis in each gap around the current page", () => {
    expect(paginationItems(5, 10)).toEqual([1, "ellipsis", 4, 5, 6, "ellipsis", 10]);
    expect(paginationItems(1, 10)).toEqual([1, 2, "ellipsis", 10]);
    expect(paginationItems(10, 10)).toEqual([1, "ellipsis", 9, 10]);
  });

  it("shows a single missing page rather than an ellipsis for it", () => {
    expect(paginationItems(4, 10)).toEqual([1, 2, 3, 4, 5, "ellipsis", 10]);
  });

  it("clamps a page beyond the end", () => {
    expect(paginationItems(99, 3)).toEqual([1, 2, 3]);
    expect(paginationItems(1, 0)).toEqual([]);
  });
});

describe("hrefWithParams", () => {
  it("keeps other params, repeats arrays and removes cleared ones", () => {
    expect(hrefWithParams("/incidents", { q: "noise", type: ["A", "B"], page: "3" }, { page: null, sort: "date" })).toBe(
      "/incidents?q=noise&type=A&type=B&sort=date",
    );
  });

  it("returns the bare path when nothing is left", () => {
    expect(hrefWithParams("/incidents", { page: "2" }, { page: null })).toBe("/incidents");
  });

  it("encodes values", () => {
    expect(hrefWithParams("/people", {}, { q: "O'Brien & Sons" })).toBe("/people?q=O%27Brien+%26+Sons");
  });
});

describe("sortHref", () => {
  const sort = { by: "date", dir: "desc" as const, pathname: "/incidents", searchParams: { q: "x", page: "4" } };

  it("flips the direction of the current column and goes back to the first page", () => {
    expect(sortHref(sort, "date")).toBe("/incidents?q=x&sort=date&dir=asc");
  });

  it("sorts a new column in its default direction", () => {
    expect(sortHref(sort, "reference")).toBe("/incidents?q=x&sort=reference&dir=asc");
    expect(sortHref(sort, "risk", "desc")).toBe("/incidents?q=x&sort=risk&dir=desc");
  });
});

describe("form field helpers", () => {
  it("takes the first of several messages", () => {
    expect(firstError(["Enter a date", "Other"])).toBe("Enter a date");
    expect(firstError("")).toBeUndefined();
    expect(firstError(undefined)).toBeUndefined();
  });

  it("describes a control by its hint and error", () => {
    expect(describedBy("email", { hint: "Work address", error: "Enter your email address" })).toBe("email-hint email-error");
    expect(describedBy("email", {})).toBeUndefined();
  });

  it("lists errors in page order, then any others", () => {
    expect(
      errorSummaryItems({ password: ["Enter your password"], other: "Oops", email: ["Enter your email address"] }, ["email", "password"]),
    ).toEqual([
      { text: "Enter your email address", href: "#email" },
      { text: "Enter your password", href: "#password" },
      { text: "Oops", href: "#other" },
    ]);
  });
});

describe("filtersInUse (the collapsed filter panel's count)", () => {
  it("counts each filter once, a date typed into three boxes as one, and ignores blanks", () => {
    expect(filtersInUse({})).toBe(0);
    expect(filtersInUse({ status: "OPEN", kind: "", q: "   " })).toBe(1);
    expect(filtersInUse({ "issuedFrom-day": "1", "issuedFrom-month": "3", "issuedFrom-year": "2026", status: "BREACHED" })).toBe(2);
    expect(filtersInUse({ "issuedFrom-day": "1", "issuedTo-year": "2026", subject: undefined })).toBe(2);
  });

  it("counts a place picked from the suggestions (its id and postcode) as one filter", () => {
    const together = [["place", "postcode"]] as const;
    expect(filtersInUse({ place: "5d1f…", postcode: "KM1 2AB" }, together)).toBe(1);
    expect(filtersInUse({ postcode: "KM1 2AB", category: "NUISANCE" }, together)).toBe(2);
  });
});
