import type { ReactNode } from "react";

/**
 * A page that needs the screen's width for wide tables (the returns): the page's column widens
 * (the rule is in app/globals.css, on this marker), up to 1,920 px. Tables that still do not fit
 * scroll inside their own box.
 */
export function WidePage({ children }: { children: ReactNode }) {
  return <div data-page-width="wide">{children}</div>;
}
