"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { IDLE, type FormState } from "@/lib/forms";

/**
 * A form's server-action state and submit handler. Submitted from onSubmit, so what the user typed
 * stays on the page when the server answers with an error (React would otherwise reset the form).
 */
export function useFormAction<S extends FormState>(action: (state: Awaited<S>, formData: FormData) => Promise<S>) {
  const [state, formAction, pending] = useActionState<S, FormData>(action, IDLE as Awaited<S>);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }
  const submitted = (name: string): string | undefined => {
    const value = state.values?.[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const submittedAll = (name: string): string[] | undefined => {
    const value = state.values?.[name];
    return value === undefined ? undefined : Array.isArray(value) ? value : [value];
  };
  return { state, formAction, pending, onSubmit, errors: state.fieldErrors ?? {}, submitted, submittedAll };
}
