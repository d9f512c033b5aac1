import type { ReactNode } from "react";
import { cx } from "./class-names";

/** Text set apart from what is around it: a quote, an example, extra information. */
export function InsetText({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div
      className={cx("my-6 sm:my-8 p-4 border-l-[10px] border-border clear-both [&>*:first-child]:mt-0 [&>*:last-child]:mb-0", className)}
    >
      {children}
    </div>
  );
}
