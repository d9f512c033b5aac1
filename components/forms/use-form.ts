"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { IDLE, type FormState } from "@/lib/forms";

/** A server action as a form posts to it (lib/form-action runs it on the server). */
export type FormAction<S extends FormState> = (state: Awaited<S>, formData: FormData) => Promise<S>;

/**
 * The one form kit's hook: a form's server-action state, and its submit handler. Submitted from
 * `onSubmit` rather than by React's form action, which would reset the form afterwards: what the
 * user typed stays on the page when the server answers with an error. The form also names the
 * action (`action={formAction}`, `method="post"`), so without JavaScript it posts as usual.
 */
export function useForm<S extends FormState>(action: FormAction<S>, initial: Awaited<S> = IDLE as Awaited<S>) {
  const [state, formAction, pending] = useActionState<S, FormData>(action, initial);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }
  /** What was last posted for `name` (its first value), for fields drawn again. */
  const submitted = (name: string): string | undefined => {
    const value = state.values?.[name];
    return Array.isArray(value) ? value[0] : value;
  };
  /** Every value last posted for `name` (checkboxes). */
  const submittedAll = (name: string): string[] | undefined => {
    const value = state.values?.[name];
    return value === undefined ? undefined : Array.isArray(value) ? value : [value];
  };
  return { state, formAction, pending, onSubmit, errors: state.fieldErrors ?? {}, submitted, submittedAll };
}

/** What useForm gives a form, for pieces of a form drawn by a component of their own. */
export type FormKit = ReturnType<typeof useForm<FormState>>;
