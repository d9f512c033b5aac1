"use client";

import { Textarea } from "@/components/ui/textarea";
import { CheckedForm, useCheckedForm } from "@/components/forms/checked-form";
import { withdrawReferralAction } from "@/lib/referrals/actions";
import { WITHDRAW_FIELDS, WITHDRAW_REASON_MAX } from "@/lib/referrals/schema";

/** The referrer (or their manager) withdraws a referral the chair has not decided on: the reason, then a check step. */
export function WithdrawReferralForm({ referralId, version }: { referralId: string; version: number }) {
  const form = useCheckedForm(withdrawReferralAction);
  const { errors, submitted } = form;
  return (
    <CheckedForm
      form={form}
      fields={WITHDRAW_FIELDS}
      hidden={{ referralId, version }}
      check={{
        title: "Check before you withdraw the referral",
        confirmLabel: "Withdraw the referral",
        confirmVariant: "warning",
        changeLabel: "Change the reason",
      }}
      note={
        <p className="body-m">
          The withdrawal, with your name and the reason, goes in the referral&rsquo;s history and on the case timeline.
        </p>
      }
    >
      <Textarea
        id="reason"
        label="Why are you withdrawing the referral?"
        labelSize="s"
        hint="For example, the victim has moved out of the area, or the risk has been managed another way. The chair reads it in the referral's history."
        rows={4}
        maxLength={WITHDRAW_REASON_MAX}
        defaultValue={submitted("reason") ?? ""}
        error={errors.reason}
      />
    </CheckedForm>
  );
}
