"use client";

import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";

export type ErrorSummaryItem = {
  text: string;
  /** "#field-id" — the control (or the first control of a group) the error is about. */
  href?: string;
};

export type ErrorSummaryProps = {
  errors: readonly ErrorSummaryItem[];
  title?: string;
  description?: ReactNode;
};

/** Focus the field an error link points to, and scroll so its label or legend is visible too. */
function focusField(event: MouseEvent<HTMLAnchorElement>, href: string) {
  if (!href.startsWith("#")) return;
  const target = document.getElementById(decodeURIComponent(href.slice(1)));
  if (!target) return;
  event.preventDefault();
  const legend = target.closest("fieldset")?.querySelector("legend");
  const label = target.id ? document.querySelector(`label[for="${CSS.escape(target.id)}"]`) : null;
  (legend ?? label ?? target).scrollIntoView();
  target.focus({ preventScroll: true });
}

/**
 * The GOV.UK error summary: shown at the top of the page when a form has errors, listing each one
 * as a link to its field. It takes focus when it appears and whenever the errors change, so screen
 * reader and keyboard users land on it after submitting.
 */
export function ErrorSummary({ errors, title = "There is a problem", description }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const errorsKey = errors.map((e) => `${e.href ?? ""}|${e.text}`).join("\n");

  useEffect(() => {
    if (errorsKey) ref.current?.focus();
  }, [errorsKey]);

  if (errors.length === 0) return null;

  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
      className="focus-box mb-8 sm:mb-12 p-4 sm:p-5 border-[5px] border-error"
    >
      <h2 id="error-summary-title" className="heading-m mb-4 sm:mb-5">
        {title}
      </h2>
      {description ? <div className="mb-4">{description}</div> : null}
      <ul className="list-none p-0 m-0 space-y-2.5">
        {errors.map((error) => (
          <li key={`${error.href ?? ""}|${error.text}`} className="font-bold">
            {error.href ? (
              <a href={error.href} onClick={(event) => focusField(event, error.href ?? "")} className="text-error">
                {error.text}
              </a>
            ) : (
              <span className="text-error">{error.text}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
