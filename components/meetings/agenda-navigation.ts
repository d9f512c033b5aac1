"use client";

import { useCallback, useEffect, useState } from "react";

// Moving through the agenda one case at a time, the same way in meeting mode and in the
// presentation: Alt+N next case, Alt+P previous (Alt+letter does not clash with NVDA, JAWS or
// VoiceOver's own keys, which use Insert, Caps Lock or Control+Option). On a move, focus goes to
// the case's heading, so a screen reader reads where the chair is.

export const NEXT_CASE = { keys: "Alt + N", does: "Next case" } as const;
export const PREVIOUS_CASE = { keys: "Alt + P", does: "Previous case" } as const;
export const NAVIGATION_SHORTCUTS = [NEXT_CASE, PREVIOUS_CASE] as const;

/** A button's label with its shortcut: "Next case (Alt+N)". */
export const withShortcut = (shortcut: { keys: string; does: string }) => `${shortcut.does} (${shortcut.keys.replaceAll(" ", "")})`;

/** The case on screen (an index into the agenda) and a way to move; registers the shortcuts. */
export function useAgendaNavigation({
  count,
  start,
  headingId,
}: {
  count: number;
  start: number;
  /** The id of the heading of the case at this index (one per case, so a refresh does not move focus). */
  headingId: (index: number) => string | undefined;
}) {
  const [index, setIndex] = useState(start);
  const [moved, setMoved] = useState(false);

  const go = useCallback(
    (to: number) => {
      if (to < 0 || to >= count) return;
      setIndex(to);
      setMoved(true);
    },
    [count],
  );

  // Focus the case's heading when the chair moves to it (not on arrival, nor when the page's data refreshes).
  const focusId = moved ? headingId(index) : undefined;
  useEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
  }, [focusId]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.code === "KeyN") {
        event.preventDefault();
        go(index + 1);
      } else if (event.code === "KeyP") {
        event.preventDefault();
        go(index - 1);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, index]);

  return { index, go };
}

/** The agenda position (1-based, as shown) asked for in the address, as an index; otherwise `fallback`. */
export function startingIndex(asked: string | string[] | undefined, count: number, fallback: number): number {
  const position = typeof asked === "string" && /^\d{1,4}$/.test(asked) ? Number(asked) : NaN;
  return position >= 1 && position <= count ? position - 1 : fallback;
}
