import type { ReactNode } from "react";
import { cx } from "./class-names";

/**
 * The protective marking at the top of restricted records (MARAC cases, meeting packs, minutes).
 * It is part of the page content, so it also appears when the page is printed.
 */
export function RestrictedBanner({
  marking = "Restricted – MARAC",
  children = "Only MARAC panel members and the referrer can see this. Do not share it outside the panel.",
  className,
}: {
  marking?: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role="note"
      aria-label="Protective marking"
      className={cx(
        "mb-6 sm:mb-8 px-4 py-3 bg-restricted text-white border-2 border-transparent print:bg-white print:text-ink print:border-ink",
        className,
      )}
    >
      <p className="m-0 heading-s uppercase tracking-wide">{marking}</p>
      {children ? <p className="mt-1 mb-0 body-s">{children}</p> : null}
    </div>
  );
}
