import type { ReactNode } from "react";
import { cx } from "./class-names";

/** Important text the user must not miss, with a warning icon. */
export function WarningText({
  children,
  iconFallbackText = "Warning",
  className,
}: {
  children: ReactNode;
  /** Read by screen readers in place of the icon. */
  iconFallbackText?: string;
  className?: string;
}) {
  return (
    <div className={cx("relative mb-6 sm:mb-8 py-2.5", className)}>
      <span
        aria-hidden="true"
        className="absolute left-0 top-1/2 -translate-y-1/2 flex items-center justify-center size-[35px] rounded-full border-[3px] border-ink bg-ink text-white text-[30px] leading-none font-bold"
      >
        !
      </span>
      <strong className="block pl-[45px] body-m font-bold">
        <span className="sr-only">{iconFallbackText}: </span>
        {children}
      </strong>
    </div>
  );
}
