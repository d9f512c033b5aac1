"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { useErrorPageTitle } from "@/components/ui/use-error-page-title";
import { useForm } from "@/components/forms/use-form";
import { changeActionStatusAction } from "@/lib/case-actions/actions";
import { ACTION_NOTE_MAX } from "@/lib/case-actions/schema";

/**
 * "Complete" on an action list: a disclosure in the action's row with the outcome (required) and a
 * button; afterwards the officer comes back to the same list. A problem (no outcome, someone else
 * changed the action first) is shown in the row, and focus moves to it.
 */
export function CompleteActionForm({
  caseId,
  actionId,
  version,
  title,
  returnTo,
}: {
  caseId: string;
  actionId: string;
  version: number;
  title: string;
  returnTo: string;
}) {
  const { state, formAction, pending, onSubmit, errors } = useForm(changeActionStatusAction);
  const fieldId = `outcome-${actionId}`;
  const messageId = `complete-problem-${actionId}`;
  const problem = state.status === "error" || state.status === "conflict" ? state.message : undefined;
  useErrorPageTitle(Boolean(errors.outcome || problem));
  useEffect(() => {
    if (errors.outcome) document.getElementById(fieldId)?.focus();
    else if (problem) document.getElementById(messageId)?.focus();
  }, [state, errors.outcome, problem, fieldId, messageId]);

  return (
    <details className="group body-m" open={state.status !== "idle" ? true : undefined}>
      <summary className="cursor-pointer text-link underline underline-offset-[0.1578em] hover:text-link-hover focus-like-link w-fit whitespace-nowrap">
        Complete<span className="sr-only"> the action: {title}</span>
      </summary>
      <div className="mt-3 pl-4 border-l-[5px] border-border">
        {problem ? (
          <p id={messageId} tabIndex={-1} role="alert" className="body-m font-bold text-error focus-silent">
            {problem}
            {state.status === "conflict" ? " Reload the page to see it." : ""}
          </p>
        ) : null}
        <form method="post" action={formAction} onSubmit={onSubmit} noValidate>
          <input type="hidden" name="caseId" value={caseId} />
          <input type="hidden" name="actionId" value={actionId} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="status" value="DONE" />
          <input type="hidden" name="returnTo" value={returnTo} />
          <Textarea
            id={fieldId}
            name="outcome"
            label="What was the outcome?"
            hint={`What was done. Partners read it on the case timeline. Up to ${ACTION_NOTE_MAX.toLocaleString("en-GB")} characters.`}
            rows={3}
            error={errors.outcome}
          />
          <Button type="submit" className="mb-2" disabled={pending} aria-disabled={pending}>
            Mark as done
          </Button>
        </form>
      </div>
    </details>
  );
}
