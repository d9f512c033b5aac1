"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { IDLE } from "@/lib/forms";
import type { CaseFormState } from "@/lib/cases/form-state";

export type CaseFormAction = (state: CaseFormState, formData: FormData) => Promise<CaseFormState>;

/**
 * A case form's state and submit handler. The form is submitted from onSubmit rather than by
 * React's form action, which would reset it afterwards: whatever the officer typed stays on the
 * page when the server answers with an error. Without JavaScript the form posts as usual.
 */
export function useCaseForm(action: CaseFormAction) {
  const [state, formAction, pending] = useActionState(action, IDLE as CaseFormState);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }
  /** What the officer last submitted for `name`, for fields rendered again (a check step). */
  const submitted = (name: string): string | undefined => {
    const value = state.values?.[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return { state, formAction, pending, onSubmit, errors: state.fieldErrors ?? {}, submitted };
}
