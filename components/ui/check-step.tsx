"use client";

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button, ButtonGroup, type ButtonVariant } from "./button";
import { SummaryList } from "./summary-list";

// "Check before submit" for consequential forms (a triage decision, withdrawing a referral,
// cancelling a meeting): the first post returns a review naming what will happen; this step shows
// it with the submitted values as hidden fields and `confirmed=yes`, so the second post does it.
// The form itself stays on the page (hidden) meanwhile, so "Change" returns to it as filled in.

export type CheckReview = { heading: string; rows: { key: string; value: string }[] };

/** Whether the check step is showing; focus moves to its heading when it appears. */
export function useCheckStep<E extends HTMLElement = HTMLHeadingElement>(review: CheckReview | undefined, state: unknown) {
  // Drawn from the first render, not only after an effect: a post without script gets the check
  // step in the page it comes back to (effects never run there). Each new answer from the server
  // shows it again (state adjusted while rendering, as React advises, not in an effect).
  const [checking, setChecking] = useState(() => Boolean(review));
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    setChecking(Boolean(review));
  }
  const headingRef = useRef<E>(null);
  useEffect(() => {
    if (checking) headingRef.current?.focus();
  }, [checking]);
  return { checking: checking && Boolean(review), headingRef, change: () => setChecking(false) };
}

/** What a check step says: its heading and its two buttons. */
export type CheckStepWording = {
  title: string;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  changeLabel: string;
};

/** What was submitted, posted again as hidden fields, with `confirmed=yes`: the second post does it. */
export function ConfirmedValues({ values }: { values: Record<string, string | string[]> | undefined }) {
  return (
    <>
      {Object.entries(values ?? {}).map(([name, value]) =>
        name === "confirmed"
          ? null
          : (Array.isArray(value) ? value : [value]).map((v, i) => <input key={`${name}-${i}`} type="hidden" name={name} value={v} />),
      )}
      <input type="hidden" name="confirmed" value="yes" />
    </>
  );
}

export function CheckStep({
  title,
  review,
  values,
  formAction,
  onSubmit,
  pending,
  confirmLabel,
  confirmVariant,
  changeLabel,
  onChange,
  headingRef,
  children,
}: CheckStepWording & {
  review: CheckReview;
  /** What was submitted: posted again, as hidden fields. */
  values: Record<string, string | string[]> | undefined;
  formAction: (formData: FormData) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  onChange: () => void;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  /** Shown under the review, above the buttons. */
  children?: ReactNode;
}) {
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <h2 ref={headingRef} tabIndex={-1} className="heading-m outline-none">
        {title}
      </h2>
      <p className="body-m">{review.heading}.</p>
      <SummaryList rows={review.rows.map((r) => ({ key: r.key, value: <span className="whitespace-pre-line">{r.value}</span> }))} />
      <ConfirmedValues values={values} />
      {children}
      <ButtonGroup>
        <Button type="submit" variant={confirmVariant} disabled={pending} aria-disabled={pending}>
          {confirmLabel}
        </Button>
        <Button type="button" variant="secondary" onClick={onChange}>
          {changeLabel}
        </Button>
      </ButtonGroup>
    </form>
  );
}
