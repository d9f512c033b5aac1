import type { ReactNode } from "react";
import { cx } from "./class-names";

export type PageHeadingProps = {
  children: ReactNode;
  /** A line above the heading naming the section or record, e.g. "Incidents" or a reference. */
  caption?: ReactNode;
  size?: "xl" | "l" | "m";
  className?: string;
};

/** The page's one h1, with an optional caption above it. */
export function PageHeading({ children, caption, size = "l", className }: PageHeadingProps) {
  return (
    <div className={cx("mb-6 sm:mb-8", className)}>
      {caption ? <span className={cx(size === "m" ? "caption-m" : "caption-l", "mb-1")}>{caption}</span> : null}
      <h1 className={cx("m-0", size === "xl" ? "heading-xl" : size === "l" ? "heading-l" : "heading-m")}>{children}</h1>
    </div>
  );
}
