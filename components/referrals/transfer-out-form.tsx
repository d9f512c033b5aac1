"use client";

import { DateInput, datePartId } from "@/components/ui/date-input";
import { PageHeading } from "@/components/ui/page-heading";
import { TextInput } from "@/components/ui/text-input";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { useForm } from "@/components/forms/use-form";
import { recordTransferOutAction } from "@/lib/referrals/actions";
import { TRANSFER_AREA_MAX, TRANSFER_OUT_FIELDS, TRANSFER_REASON_MAX, TRANSFERRED_ON } from "@/lib/referrals/schema";

// A MARAC case transferred out to another area's MARAC: where, when and why, recorded on the case
// (never a referral into our own chair's queue). The date is required: a transfer is often
// recorded after it happened, and it is counted in the MARAC return by that date.

const hrefFor = (field: string) => (field === TRANSFERRED_ON ? `#${datePartId(TRANSFERRED_ON, "day")}` : `#${field}`);

export function TransferOutForm({
  caseId,
  reference,
  openedOn,
  submissionKey,
}: {
  caseId: string;
  reference: string;
  /** The day the case was opened, in words: the earliest a transfer can be. */
  openedOn: string;
  submissionKey: string;
}) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(recordTransferOutAction);
  return (
    <>
      <FormProblems state={state} fields={TRANSFER_OUT_FIELDS} hrefFor={hrefFor} />
      <PageHeading caption={`Case ${reference}`}>Record a transfer out to another area</PageHeading>
      <p className="body-m max-w-[40rem]">
        When the victim moves to another area, its MARAC takes the case on. Record the transfer here: it goes on the case timeline and is
        counted in the MARAC data return. It is not a referral, so it does not go to the chair&rsquo;s triage queue.
      </p>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <input type="hidden" name="caseId" value={caseId} />
        <TextInput
          id="area"
          label="Which area is the case transferred to?"
          hint="The area whose MARAC takes the case on, for example Ashcombe"
          width={30}
          maxLength={TRANSFER_AREA_MAX}
          defaultValue={submitted("area") ?? ""}
          error={errors.area}
        />
        <DateInput
          id={TRANSFERRED_ON}
          legend="Date of the transfer"
          legendSize="s"
          hint={`For example, 20 4 2020. It cannot be in the future, or before ${openedOn}, when the case was opened.`}
          defaultValue={{
            day: submitted(`${TRANSFERRED_ON}-day`),
            month: submitted(`${TRANSFERRED_ON}-month`),
            year: submitted(`${TRANSFERRED_ON}-year`),
          }}
          error={errors[TRANSFERRED_ON]}
        />
        <Textarea
          id="reason"
          label="Why is the case transferred?"
          hint={`For example, the victim has moved to the area. Panel members read it on the case timeline. Up to ${TRANSFER_REASON_MAX.toLocaleString("en-GB")} characters.`}
          rows={4}
          maxLength={TRANSFER_REASON_MAX}
          defaultValue={submitted("reason") ?? ""}
          error={errors.reason}
        />
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}#referrals`}>
          Record transfer out
        </SubmitOrCancel>
      </form>
    </>
  );
}
