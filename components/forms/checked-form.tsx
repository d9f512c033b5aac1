"use client";

import type { ReactNode } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { CheckStep, useCheckStep, type CheckReview, type CheckStepWording } from "@/components/ui/check-step";
import type { FormState } from "@/lib/forms";
import { FormProblems } from "./form-problems";
import { useForm, type FormAction, type FormKit } from "./use-form";

// A consequential form checked before it is done (a triage decision, withdrawing a referral,
// cancelling a meeting): "Continue" posts the answers, the server answers with a review naming
// what will happen, and the check step (components/ui/check-step) posts them again confirmed.
// The form stays on the page, hidden, so "Change" returns to it as it was filled in.

/** What such a form's server action returns: a review while the answers are not yet confirmed. */
export type CheckedFormState = FormState & { review?: CheckReview };

/** The form kit's useForm, with the check step's state: whether it shows, its heading, and the way back. */
export function useCheckedForm<S extends CheckedFormState>(action: FormAction<S>) {
  const form = useForm(action);
  const review = form.state.review;
  return { ...form, review, ...useCheckStep(review, form.state) };
}

type CheckedFormKit = FormKit & ReturnType<typeof useCheckStep<HTMLHeadingElement>> & { review: CheckReview | undefined };

/**
 * The form and its check step. `hidden` names the record acted on (and its version), posted with
 * the answers; `children` are the questions; `note` says, on the check step, what else happens.
 */
export function CheckedForm({
  form,
  fields,
  hidden,
  check,
  note,
  submitLabel = "Continue",
  submitVariant,
  "aria-labelledby": labelledBy,
  children,
}: {
  form: CheckedFormKit;
  /** The form's fields in page order, for the error summary. */
  fields: readonly string[];
  hidden: Record<string, string | number>;
  check: CheckStepWording;
  note: ReactNode;
  /** The first step's button, when "Continue" would not say what it starts (a form with no questions: "Revoke"). */
  submitLabel?: string;
  submitVariant?: ButtonVariant;
  "aria-labelledby"?: string;
  children: ReactNode;
}) {
  const { state, formAction, onSubmit, pending, review, checking, headingRef, change } = form;
  return (
    <>
      {checking && review ? (
        <CheckStep
          {...check}
          review={review}
          values={state.values}
          formAction={formAction}
          onSubmit={onSubmit}
          pending={pending}
          onChange={change}
          headingRef={headingRef}
        >
          {note}
        </CheckStep>
      ) : null}
      <div hidden={checking}>
        <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]" aria-labelledby={labelledBy}>
          <FormProblems state={checking ? { status: "idle" } : state} fields={fields} />
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {children}
          <Button type="submit" variant={submitVariant} disabled={pending} aria-disabled={pending}>
            {submitLabel}
          </Button>
        </form>
      </div>
    </>
  );
}
