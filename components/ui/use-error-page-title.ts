"use client";

import { useEffect } from "react";

const PREFIX = "Error: ";

/**
 * Prefixes the page title with "Error: " while a form shows errors, so screen reader users hear it
 * first. Works with whatever title the page's metadata set.
 */
export function useErrorPageTitle(hasErrors: boolean): void {
  useEffect(() => {
    const base = document.title.startsWith(PREFIX) ? document.title.slice(PREFIX.length) : document.title;
    document.title = hasErrors ? `${PREFIX}${base}` : base;
  }, [hasErrors]);
}
