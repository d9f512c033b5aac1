import type { ReactNode } from "react";
import { cx } from "@/components/ui/class-names";

/** The page's centred, max-width column; the header, navigation, main and footer all line up on it. */
export function PageWidth({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cx("mx-auto w-full max-w-page px-4 sm:px-8", className)}>{children}</div>;
}
