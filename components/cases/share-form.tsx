"use client";

import { PageHeading } from "@/components/ui/page-heading";
import { Select } from "@/components/ui/select";
import { shareCaseAction } from "@/lib/cases/actions";
import { FormProblems } from "@/components/forms/form-problems";
import { HappenedOnField } from "@/components/forms/happened-on-field";
import { SHARE_FIELDS } from "@/lib/cases/schema";
import { formatDate } from "@/lib/format/dates";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";

/** The lead organisation shares the case with one more organisation: today, or on the day it was shared (lib/history). */
export function ShareForm({
  caseId,
  reference,
  organisations,
  restricted,
  openedAt,
}: {
  caseId: string;
  reference: string;
  organisations: { id: string; name: string }[];
  restricted: boolean;
  /** When the case was opened: it cannot have been shared before. */
  openedAt: Date;
}) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(shareCaseAction);
  return (
    <>
      <FormProblems state={state} fields={SHARE_FIELDS} />
      <PageHeading caption={`Case ${reference}`}>Share the case with another organisation</PageHeading>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        <Select
          id="organisationId"
          label="Organisation to share the case with"
          hint={
            restricted
              ? "Only MARAC panel members in that organisation will be able to see this restricted case."
              : "Everyone in that organisation will be able to see the case, its timeline and its actions, and add to it."
          }
          placeholder="Choose an organisation"
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          defaultValue={submitted("organisationId") ?? ""}
          error={errors.organisationId}
        />
        <HappenedOnField
          what="the case was shared"
          error={errors.happenedOn}
          defaultValue={{ day: submitted("happenedOn-day"), month: submitted("happenedOn-month"), year: submitted("happenedOn-year") }}
          earliest={`the date the case was opened, ${formatDate(openedAt)}`}
        />
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}#sharing`}>
          Share case
        </SubmitOrCancel>
      </form>
    </>
  );
}
