"use client";

import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => {};

/**
 * False in the server's HTML and during hydration, true once the page's script runs: for parts
 * that only work with script (a form shows both boxes without it). Read without an effect, so the
 * first render in the browser after hydration already has it.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

/** A value only the browser knows (the page's origin), or `fallback` in the server's HTML. */
export function useBrowserValue<T>(read: () => T, fallback: T): T {
  return useSyncExternalStore(subscribeToNothing, read, () => fallback);
}
