"use client";

import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { addReferralInformationAction } from "@/lib/referrals/actions";
import { ADD_INFORMATION_FIELDS, REFERRAL_TEXT_MAX } from "@/lib/referrals/schema";

/** The referrer answers the chair's request for more information; the referral goes back to the chair. */
export function AddInformationForm({ referralId, version }: { referralId: string; version: number }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(addReferralInformationAction);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={ADD_INFORMATION_FIELDS} />
      <input type="hidden" name="referralId" value={referralId} />
      <input type="hidden" name="version" value={version} />
      <Textarea
        id="information"
        label="Information for the chair"
        hint="Answer what the chair asked. The referral then goes back to the chair's queue."
        rows={5}
        maxLength={REFERRAL_TEXT_MAX}
        defaultValue={submitted("information") ?? ""}
        error={errors.information}
      />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        Send information
      </Button>
    </form>
  );
}
