"use client";

import { Button } from "@/components/ui/button";
import { CheckStep, useCheckStep } from "@/components/ui/check-step";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { withdrawReferralAction } from "@/lib/referrals/actions";
import type { ReferralFormState } from "@/lib/referrals/form-state";
import { WITHDRAW_FIELDS, WITHDRAW_REASON_MAX } from "@/lib/referrals/schema";

/** The referrer (or their manager) withdraws a referral the chair has not decided on: the reason, then a check step. */
export function WithdrawReferralForm({ referralId, version }: { referralId: string; version: number }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(withdrawReferralAction);
  const review = (state as ReferralFormState).review;
  const { checking, headingRef, change } = useCheckStep(review, state);
  return (
    <>
      {checking && review ? (
        <CheckStep
          title="Check before you withdraw the referral"
          review={review}
          values={state.values}
          formAction={formAction}
          onSubmit={onSubmit}
          pending={pending}
          confirmLabel="Withdraw the referral"
          confirmVariant="warning"
          changeLabel="Change the reason"
          onChange={change}
          headingRef={headingRef}
        >
          <p className="body-m">The withdrawal, with your name and the reason, goes in the referral&rsquo;s history and on the case timeline.</p>
        </CheckStep>
      ) : null}
      <div hidden={checking}>
        <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
          <FormProblems state={checking ? { status: "idle" } : state} fields={WITHDRAW_FIELDS} />
          <input type="hidden" name="referralId" value={referralId} />
          <input type="hidden" name="version" value={version} />
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
          <Button type="submit" disabled={pending} aria-disabled={pending}>
            Continue
          </Button>
        </form>
      </div>
    </>
  );
}
