"use client";

import { PageHeading } from "@/components/ui/page-heading";
import { HappenedOnField } from "@/components/forms/happened-on-field";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { withdrawShareAction } from "@/lib/cases/actions";
import { WITHDRAW_SHARE_FIELDS } from "@/lib/cases/schema";
import { formatDate } from "@/lib/format/dates";

/**
 * The lead organisation withdraws a share: the page says what it will do before it is done, and
 * takes the day it happened when it is recorded afterwards (lib/history), never before the share.
 */
export function WithdrawShareForm({
  caseId,
  reference,
  organisation,
  sharedAt,
  restricted,
}: {
  caseId: string;
  reference: string;
  organisation: { id: string; name: string };
  sharedAt: Date;
  restricted: boolean;
}) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(withdrawShareAction);
  return (
    <>
      <FormProblems state={state} fields={WITHDRAW_SHARE_FIELDS} />
      <PageHeading caption={`Case ${reference}`}>Withdraw sharing with {organisation.name}</PageHeading>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="organisationId" value={organisation.id} />
        <p className="body-m">
          {organisation.name} will stop seeing {restricted ? "this restricted case" : "the case"}, its timeline and its actions at once. The
          case timeline keeps a record of the share and of its withdrawal. You can share the case with them again later.
        </p>
        <HappenedOnField
          what="sharing was withdrawn"
          error={errors.happenedOn}
          defaultValue={{ day: submitted("happenedOn-day"), month: submitted("happenedOn-month"), year: submitted("happenedOn-year") }}
          earliest={`the date the case was shared with them, ${formatDate(sharedAt)}`}
        />
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}#sharing`}>
          Withdraw sharing
        </SubmitOrCancel>
      </form>
    </>
  );
}
