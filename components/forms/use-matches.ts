"use client";

import { useEffect, useRef } from "react";

/**
 * The likely existing records a create form's server answered with ("matches": people, places),
 * and the heading focus moves to when they arrive, once per answer.
 */
export function useMatches<M>(state: { status: string; matches?: M[] }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const matches = state.status === "matches" ? (state.matches ?? []) : [];
  const found = matches.length > 0;
  useEffect(() => {
    if (found) headingRef.current?.focus();
  }, [state, found]);
  return { matches, headingRef };
}
