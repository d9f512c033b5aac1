import type { ReactNode } from "react";

/** Text for screen readers only (Tailwind's `sr-only`). */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}
