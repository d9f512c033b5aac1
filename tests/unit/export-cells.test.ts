import { describe, expect, it } from "vitest";
import { csvLine, neutraliseText, safeCell } from "@/lib/export/cells";

describe("spreadsheet cells", () => {
  it.each(['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])(
    "neutralises text a spreadsheet would run as a formula: %j",
    (text) => {
      expect(neutraliseText(text)).toBe(`'${text}`);
    },
  );

  it.each(["\uFF1D1+1", "\uFF0B1", "\uFF0D1", "\uFF20SUM(A1)", "  =1+1", "\u3000=1+1"])(
    "neutralises full-width formula signs and a formula behind leading spaces: %j",
    (text) => {
      expect(neutraliseText(text)).toBe(`'${text}`);
    },
  );

  it("quotes a field holding a semicolon, so a semicolon-separated locale cannot split a formula into its own cell", () => {
    expect(csvLine(["x;=1+1", "plain"])).toBe('"x;=1+1",plain\r\n');
  });

  it("leaves ordinary text, numbers and empty values alone", () => {
    expect(neutraliseText("Kingsmere Police")).toBe("Kingsmere Police");
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBeNull();
    expect(safeCell("")).toBe("");
  });

  it("quotes CSV fields holding commas, quotes and line breaks, and neutralises them too", () => {
    expect(csvLine(["a,b", 'say "hi"', "line\nbreak", 4, null, "=cmd"])).toBe('"a,b","say ""hi""","line\nbreak",4,,\'=cmd\r\n');
  });
});
