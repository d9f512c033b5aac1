"use client";

import { useState, type ReactNode } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { HappenedOnField } from "@/components/forms/happened-on-field";
import { Radios } from "@/components/ui/radios";
import { Textarea } from "@/components/ui/textarea";
import { ConflictBanner } from "@/components/ui/conflict-banner";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { changeActionStatusAction } from "@/lib/case-actions/actions";
import { ACTION_STATUS_HINTS, ACTION_STATUS_LABELS } from "@/lib/case-actions/labels";
import { ACTION_NOTE_MAX, ACTION_STATUS_FIELDS } from "@/lib/case-actions/schema";
import { choicesOf } from "@/lib/incidents/labels";
import type { ActionStatus } from "@/lib/generated/prisma/enums";

// Moving an action on: in progress, back to open, done (the outcome is required: partners read it
// on the timeline) or cancelled (the reason is required). `children` (the page's heading and the
// action's details) come after the error summary, which belongs at the top of the page.

export function ActionStatusForm({
  caseId,
  actionId,
  version,
  current,
  children,
}: {
  caseId: string;
  actionId: string;
  version: number;
  current: ActionStatus;
  children: ReactNode;
}) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(changeActionStatusAction);
  const [status, setStatus] = useState<string>(submitted("status") ?? "");
  // Without JavaScript both boxes are shown, so the form still works; with it, only the one needed.
  const enhanced = useHydrated();
  const conflict = state.status === "conflict" ? state.conflict : undefined;
  const statuses = choicesOf(ACTION_STATUS_LABELS)
    .filter((s) => s.value !== current)
    .map((s) => ({ ...s, hint: ACTION_STATUS_HINTS[s.value] }));
  const noteHint = `Partners who can see the case will read it on the timeline. Up to ${ACTION_NOTE_MAX.toLocaleString("en-GB")} characters.`;
  return (
    <>
      <FormProblems state={state} fields={ACTION_STATUS_FIELDS} />
      {conflict ? <ConflictBanner conflict={conflict} what="action" /> : null}
      {children}
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="actionId" value={actionId} />
        <input type="hidden" name="version" value={conflict?.version ?? version} />
        <Radios
          name="status"
          legend="Update the action"
          legendSize="m"
          items={statuses}
          value={status}
          onChange={setStatus}
          error={errors.status}
        />
        {status === "DONE" || !enhanced ? (
          <Textarea
            id="outcome"
            label={enhanced ? "What was the outcome?" : "If it is done: what was the outcome?"}
            hint={`What was done and what happened. ${noteHint}`}
            rows={4}
            error={errors.outcome}
          />
        ) : null}
        {status === "CANCELLED" || !enhanced ? (
          <Textarea
            id="cancelReason"
            label={enhanced ? "Why is the action being cancelled?" : "If it is cancelled: why?"}
            hint={noteHint}
            rows={4}
            error={errors.cancelReason}
          />
        ) : null}
        {status === "DONE" || status === "CANCELLED" || !enhanced ? (
          <HappenedOnField
            what={
              status === "CANCELLED"
                ? "the action was cancelled"
                : status === "DONE"
                  ? "the action was done"
                  : "the action was done or cancelled"
            }
            error={errors.happenedOn}
            defaultValue={{ day: submitted("happenedOn-day"), month: submitted("happenedOn-month"), year: submitted("happenedOn-year") }}
          />
        ) : null}
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}#actions`}>
          Update action
        </SubmitOrCancel>
      </form>
    </>
  );
}
