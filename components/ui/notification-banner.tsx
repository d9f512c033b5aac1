"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { cx } from "./class-names";

export type NotificationBannerProps = {
  /** "success" confirms something just happened; "important" tells the user something they need to know. */
  variant?: "important" | "success";
  /** The small title bar; defaults to "Important" or "Success". */
  title?: string;
  /** The main message, e.g. "Incident INC-2026-000123 logged". */
  heading?: ReactNode;
  children?: ReactNode;
  /**
   * How assistive technology hears it. Defaults: success → "status" (polite), important → "alert"
   * (read out at once: a repeat victim, a restricted case).
   */
  role?: "status" | "alert" | "region";
  /** Move focus to the banner when it appears (default for success, as in GOV.UK). */
  focusOnMount?: boolean;
  className?: string;
};

export function NotificationBanner({
  variant = "important",
  title,
  heading,
  children,
  role,
  focusOnMount,
  className,
}: NotificationBannerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const isSuccess = variant === "success";
  const shouldFocus = focusOnMount ?? isSuccess;

  useEffect(() => {
    if (shouldFocus) ref.current?.focus();
  }, [shouldFocus]);

  return (
    <div
      ref={ref}
      role={role ?? (isSuccess ? "status" : "alert")}
      aria-labelledby={titleId}
      tabIndex={shouldFocus ? -1 : undefined}
      className={cx("focus-box mb-8 sm:mb-12 border-[5px]", isSuccess ? "border-success bg-success" : "border-brand bg-brand", className)}
    >
      <div className="px-4 pt-0.5 pb-[3px] sm:px-5 sm:pb-[5px]">
        <h2 id={titleId} className="m-0 body-m font-bold text-white">
          {title ?? (isSuccess ? "Success" : "Important")}
        </h2>
      </div>
      <div className="bg-white p-4 sm:p-5 [&>*:last-child]:mb-0">
        {heading ? <p className="heading-m mb-4 [&_a]:link-no-visited">{heading}</p> : null}
        {children}
      </div>
    </div>
  );
}
