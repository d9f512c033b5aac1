import { describe, expect, it } from "vitest";
import { NAVIGATION_SHORTCUTS, startingIndex, withShortcut } from "@/components/meetings/agenda-navigation";

describe("moving through the agenda (meeting mode and the presentation)", () => {
  it("opens at the agenda position asked for in the address, counted from 1", () => {
    expect(startingIndex("1", 3, 2)).toBe(0);
    expect(startingIndex("3", 3, 0)).toBe(2);
  });

  it("ignores a position that is not on the agenda, or not a plain number, and opens where it would have", () => {
    for (const asked of [undefined, "", "0", "4", "-1", "1.5", "2e0", " 2", "two", ["1", "2"]]) expect(startingIndex(asked, 3, 1)).toBe(1);
  });

  it("labels a button with its shortcut as the shortcuts list writes it", () => {
    expect(NAVIGATION_SHORTCUTS.map(withShortcut)).toEqual(["Next case (Alt+N)", "Previous case (Alt+P)"]);
  });
});
