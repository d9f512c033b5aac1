import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-path";

describe("safeCallbackPath (where to go after signing in)", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeCallbackPath("/incidents")).toBe("/incidents");
    expect(safeCallbackPath("/cases/abc?tab=timeline#actions")).toBe("/cases/abc?tab=timeline#actions");
  });

  it("goes to the dashboard when there is none", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(null)).toBe("/");
    expect(safeCallbackPath("")).toBe("/");
  });

  it("refuses other sites, however they are written", () => {
    for (const value of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example/",
      "\\\\evil.example",
      "/\t/evil.example",
      "/ /evil.example",
      "javascript:alert(1)",
      "incidents",
      "http:/evil.example",
    ]) {
      expect(safeCallbackPath(value), value).toBe("/");
    }
  });

  it("does not loop back to the sign-in page", () => {
    expect(safeCallbackPath("/sign-in")).toBe("/");
    expect(safeCallbackPath("/sign-in?callbackUrl=/cases")).toBe("/");
  });

  it("normalises dot segments without leaving the site", () => {
    expect(safeCallbackPath("/a/../../cases")).toBe("/cases");
  });
});
