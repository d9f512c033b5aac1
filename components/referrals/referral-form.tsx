"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkboxes } from "@/components/ui/checkboxes";
import { InsetText } from "@/components/ui/inset-text";
import { Radios } from "@/components/ui/radios";
import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { HappenedOnField } from "@/components/forms/happened-on-field";
import { useForm } from "@/components/forms/use-form";
import { WithDraft } from "@/components/forms/drafts";
import { DRAFT_KEYS } from "@/components/forms/draft-keys";
import type { ReferralFormState } from "@/lib/referrals/form-state";
import { useHydrated } from "@/components/ui/use-hydrated";
import { formatDate } from "@/lib/format/dates";
import { createReferralAction } from "@/lib/referrals/actions";
import type { ReferralFormChoices } from "@/lib/referrals/data";
import { CHOOSABLE_GROUNDS, MARAC_GROUND_HINTS, MARAC_GROUND_LABELS } from "@/lib/referrals/labels";
import { REFERRAL_FIELDS, REFERRAL_TEXT_MAX, TRANSFER_AREA_MAX } from "@/lib/referrals/schema";

// Referring a case to its panel (a MARAC case to the MARAC, any other to the CCM). The repeat
// flag is not a field: it is worked out from the victim's referrals and incidents when it is sent.
// A transfer in from another area's MARAC is a referral (triaged as usual); a transfer out is not:
// it is recorded on the case (app/(app)/cases/[id]/transfer-out).

type ReferralFormProps = { choices: ReferralFormChoices; submissionKey: string };

/** The referral form with its draft (components/forms/drafts), kept per case. */
export function ReferralForm(props: ReferralFormProps) {
  return (
    <WithDraft formKey={DRAFT_KEYS.referral(props.choices.case.id)}>
      {({ attachForm, initialState }) => <ReferralFormBody {...props} attachForm={attachForm} initialState={initialState} />}
    </WithDraft>
  );
}

function ReferralFormBody({
  choices,
  submissionKey,
  attachForm,
  initialState,
}: ReferralFormProps & { attachForm: (form: HTMLFormElement | null) => void; initialState: ReferralFormState }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(createReferralAction, initialState);
  const marac = choices.panel === "MARAC";
  const [transfer, setTransfer] = useState(submitted("transferDirection") ?? "NONE");
  // Without JavaScript the area's box is always shown, so the form still works; with it, only for a transfer.
  const enhanced = useHydrated();
  const submittedGrounds = state.values?.grounds;
  const grounds = Array.isArray(submittedGrounds) ? submittedGrounds : submittedGrounds ? [submittedGrounds] : [];
  const dash = choices.latestDash;
  const repeatVictims = choices.victims.filter((v) => v.repeat);

  return (
    <form ref={attachForm} method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={REFERRAL_FIELDS} />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <input type="hidden" name="caseId" value={choices.case.id} />
      <input type="hidden" name="panel" value={choices.panel} />
      <Textarea
        id="reason"
        label="Reason for referral"
        hint="What is happening, what has been tried, and what you need the panel to do. The panel members read this."
        rows={6}
        maxLength={REFERRAL_TEXT_MAX}
        defaultValue={submitted("reason") ?? ""}
        error={errors.reason}
      />
      {marac ? (
        <>
          <Checkboxes
            name="grounds"
            legend="Grounds for referral"
            legendSize="s"
            hint={
              <>
                Select all that apply.{" "}
                {dash
                  ? `The case's latest DASH risk checklist (${formatDate(dash.assessedAt)}) scored ${dash.score}.`
                  : "This case has no DASH risk checklist yet."}{" "}
                A repeat referral is worked out automatically from the victim&rsquo;s earlier MARAC referrals and incidents.
              </>
            }
            items={CHOOSABLE_GROUNDS.map((g) => ({ value: g, label: MARAC_GROUND_LABELS[g], hint: MARAC_GROUND_HINTS[g] }))}
            defaultValues={grounds}
            error={errors.grounds}
          />
          {repeatVictims.length > 0 ? (
            <InsetText>
              {repeatVictims.map((v) => v.name).join(" and ")} {repeatVictims.length === 1 ? "has" : "have"} had a further incident within
              12 months of their last MARAC referral: with {repeatVictims.length === 1 ? "them" : "either"} as the victim, this will be
              recorded as a repeat referral.
            </InsetText>
          ) : null}
        </>
      ) : null}
      <Select
        id="victimPersonId"
        label="Victim"
        hint={
          choices.victims.length === 0
            ? "No victim is recorded on this case. Add them to the case first if you know who they are."
            : "From the people on this case"
        }
        placeholder="Not recorded"
        options={choices.victims.map((v) => ({ value: v.id, label: v.name }))}
        defaultValue={submitted("victimPersonId") ?? (choices.victims.length === 1 ? choices.victims[0]!.id : "")}
        error={errors.victimPersonId}
      />
      <Select
        id="perpetratorPersonId"
        label="Alleged perpetrator"
        hint="From the people on this case"
        placeholder="Not recorded"
        options={choices.perpetrators.map((p) => ({ value: p.id, label: p.name }))}
        defaultValue={submitted("perpetratorPersonId") ?? (choices.perpetrators.length === 1 ? choices.perpetrators[0]!.id : "")}
        error={errors.perpetratorPersonId}
      />
      {marac ? (
        <>
          <TextInput
            id="childrenInHousehold"
            label="Number of children in the household"
            hint="Under 18, living with the victim. Leave blank if not known."
            inputMode="numeric"
            width={2}
            defaultValue={submitted("childrenInHousehold") ?? ""}
            error={errors.childrenInHousehold}
          />
          <Radios
            name="transferDirection"
            legend="Is this a transfer from another area's MARAC?"
            legendSize="s"
            hint="The case was heard by the MARAC of the area the victim has moved from"
            items={[
              { value: "TRANSFER_IN", label: "Yes" },
              { value: "NONE", label: "No" },
            ]}
            inline
            value={transfer}
            onChange={setTransfer}
            error={errors.transferDirection}
          />
          <div hidden={enhanced && transfer !== "TRANSFER_IN"}>
            <TextInput
              id="transferArea"
              label={enhanced ? "Which area" : "If it is a transfer: which area"}
              hint="The area whose MARAC is transferring the case, for example Ashcombe"
              maxLength={TRANSFER_AREA_MAX}
              defaultValue={submitted("transferArea") ?? ""}
              error={errors.transferArea}
              width={30}
            />
          </div>
        </>
      ) : null}
      <HappenedOnField
        what="the referral was made"
        error={errors.happenedOn}
        earliest={`the date the case was opened, ${formatDate(choices.case.openedAt)}`}
        defaultValue={{ day: submitted("happenedOn-day"), month: submitted("happenedOn-month"), year: submitted("happenedOn-year") }}
      />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        Send referral
      </Button>
    </form>
  );
}
