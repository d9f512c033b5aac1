"use client";

import { useEffect } from "react";

/**
 * Arriving in the signed-in service (after signing in, or setting up two-factor) is a client-side
 * navigation, which leaves the browser's keyboard starting point where the sign-in form was. Put
 * it back at the top of the page, so the first Tab reaches the skip link, as on any page load.
 */
export function FocusTopOnArrival() {
  useEffect(() => {
    const active = document.activeElement;
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement) return;
    const body = document.body;
    body.setAttribute("tabindex", "-1");
    body.focus({ preventScroll: true });
    body.removeAttribute("tabindex");
  }, []);
  return null;
}
