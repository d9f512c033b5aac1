import Link from "next/link";
import type { ReactNode } from "react";
import { cx } from "./class-names";

/** A "Back" link above the page heading, to the page the user came from. */
export function BackLink({ href, children = "Back", className }: { href: string; children?: ReactNode; className?: string }) {
  return (
    <Link href={href} className={cx("inline-flex items-center gap-1.5 my-4 body-s text-ink", className)}>
      <svg aria-hidden="true" focusable="false" viewBox="0 0 8 12" className="w-2 h-3 fill-none stroke-current stroke-[1.5]">
        <path d="M6.5 1 1.5 6l5 5" />
      </svg>
      {children}
    </Link>
  );
}
