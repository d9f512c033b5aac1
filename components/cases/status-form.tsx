"use client";

import { useEffect, useRef, useState } from "react";
import { Button, ButtonGroup } from "@/components/ui/button";
import { linkButtonClasses } from "@/components/ui/combobox";
import { PageHeading } from "@/components/ui/page-heading";
import { Radios } from "@/components/ui/radios";
import { SummaryList } from "@/components/ui/summary-list";
import { Textarea } from "@/components/ui/textarea";
import { WarningText } from "@/components/ui/warning-text";
import { changeStatusAction } from "@/lib/cases/actions";
import type { CaseFormState } from "@/lib/cases/form-state";
import { CASE_STATUS_HINTS, CASE_STATUS_LABELS, CLOSURE_REASON_LABELS } from "@/lib/cases/labels";
import { STATUS_FIELDS, STATUS_NOTE_MAX } from "@/lib/cases/schema";
import { choicesOf } from "@/lib/incidents/labels";
import type { CaseStatus } from "@/lib/generated/prisma/enums";
import { FormProblems } from "@/components/forms/form-problems";
import { HappenedOnField } from "@/components/forms/happened-on-field";
import { formatDate } from "@/lib/format/dates";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";

// Changing a case's status. Closing is consequential, so it is checked before it is done: the
// first "Continue" shows what will happen (the reason, actions still open), and only "Close case"
// on that check closes it. The server insists on the same two steps. A change recorded afterwards
// takes the day it happened (lib/history), carried through the check step.

const REASONS = choicesOf(CLOSURE_REASON_LABELS);

export function StatusForm({
  caseId,
  reference,
  version,
  current,
  openedAt,
}: {
  caseId: string;
  reference: string;
  version: number;
  current: CaseStatus;
  /** When the case was opened: no status change can be dated before it. */
  openedAt: Date;
}) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(changeStatusAction);
  const [status, setStatus] = useState<string>(submitted("status") ?? "");
  // The check is shown for the answer that asked for it, until the officer goes back to change it.
  const [dismissed, setDismissed] = useState<CaseFormState | null>(null);
  const check = state.closing && dismissed !== state ? state.closing : null;
  const checkHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (check) checkHeading.current?.focus();
  }, [check]);

  const statuses = choicesOf(CASE_STATUS_LABELS)
    .filter((s) => s.value !== current)
    .map((s) => ({ ...s, hint: CASE_STATUS_HINTS[s.value] }));

  return (
    <>
      <FormProblems state={state} fields={STATUS_FIELDS} />
      <PageHeading caption={`Case ${reference}`}>{check ? "Check before you close the case" : "Change the status"}</PageHeading>

      {check ? (
        <div className="max-w-[40rem]">
          <h2 ref={checkHeading} tabIndex={-1} className="heading-m focus-silent">
            You are about to close case {reference}
          </h2>
          <SummaryList
            rows={[
              { key: "New status", value: CASE_STATUS_LABELS.CLOSED },
              ...(check.closedOn ? [{ key: "Date closed", value: check.closedOn }] : []),
              { key: "Reason", value: check.reason },
              { key: "Note", value: check.note ? <span className="whitespace-pre-line">{check.note}</span> : "None" },
            ]}
          />
          {check.openActions > 0 ? (
            <WarningText>
              {check.openActions === 1
                ? "1 action on this case is still open."
                : `${check.openActions} actions on this case are still open.`}{" "}
              Closing the case does not close{" "}
              {check.openActions === 1 ? "it: complete or cancel it too." : "them: complete or cancel them too."}
            </WarningText>
          ) : null}
          <p>Partners who can see the case will see that it is closed and why. You can reopen it later if you need to.</p>
          <form method="post" action={formAction} onSubmit={onSubmit}>
            <input type="hidden" name="caseId" value={caseId} />
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="status" value="CLOSED" />
            <input type="hidden" name="closureReason" value={submitted("closureReason") ?? ""} />
            <input type="hidden" name="note" value={submitted("note") ?? ""} />
            {(["day", "month", "year"] as const).map((part) => (
              <input key={part} type="hidden" name={`happenedOn-${part}`} value={submitted(`happenedOn-${part}`) ?? ""} />
            ))}
            <input type="hidden" name="confirmed" value="yes" />
            <ButtonGroup>
              <Button type="submit" variant="warning" disabled={pending} aria-disabled={pending}>
                Close case
              </Button>
              <button type="button" className={linkButtonClasses} onClick={() => setDismissed(state)}>
                Go back and change your answers
              </button>
            </ButtonGroup>
          </form>
        </div>
      ) : null}

      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]" hidden={Boolean(check)}>
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="version" value={version} />
        <p className="body-m">
          The case is <strong>{CASE_STATUS_LABELS[current].toLowerCase()}</strong>.
        </p>
        <Radios
          name="status"
          legend="What is the new status?"
          legendSize="m"
          items={statuses}
          value={status}
          onChange={setStatus}
          error={errors.status}
        />
        {status === "CLOSED" ? (
          <Radios
            name="closureReason"
            legend="Why is the case being closed?"
            items={REASONS}
            defaultValue={submitted("closureReason")}
            error={errors.closureReason}
          />
        ) : null}
        <Textarea
          id="note"
          label={status === "CLOSED" ? "Note about the closure (optional unless the reason is ‘Other’)" : "Note (optional)"}
          hint={`Why the status is changing. It is added to the case timeline. Up to ${STATUS_NOTE_MAX.toLocaleString("en-GB")} characters.`}
          rows={4}
          defaultValue={submitted("note")}
          error={errors.note}
        />
        <HappenedOnField
          what={status === "CLOSED" ? "the case was closed" : "the status changed"}
          error={errors.happenedOn}
          defaultValue={{ day: submitted("happenedOn-day"), month: submitted("happenedOn-month"), year: submitted("happenedOn-year") }}
          earliest={`the date the case was opened, ${formatDate(openedAt)}`}
        />
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}`}>
          {status === "CLOSED" ? "Continue" : "Change status"}
        </SubmitOrCancel>
      </form>
    </>
  );
}
