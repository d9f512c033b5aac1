"use client";

import { useState } from "react";
import { DateInput } from "@/components/ui/date-input";
import { PageHeading } from "@/components/ui/page-heading";
import { Radios } from "@/components/ui/radios";
import { TextInput } from "@/components/ui/text-input";
import { Textarea } from "@/components/ui/textarea";
import { PersonPicker } from "@/components/incidents/pickers";
import { ConflictBanner } from "@/components/ui/conflict-banner";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { saveCommunityTriggerAction } from "@/lib/community-trigger/actions";
import { TEXT_MAX, TRIGGER_DATES, TRIGGER_FIELDS, triggerFieldHref } from "@/lib/community-trigger/schema";
import { datePartsOf } from "@/lib/incidents/date-fields";

// The Community Trigger application, its case review and its escalation, on one form saved at the
// case's version: if someone else changed the case first, nothing is written and the officer sees
// what they saved, with their own input still in the form. Whether the threshold is met is not
// asked: it is worked out from the qualifying complaints.

export type TriggerFormInitial = {
  applicationDate: Date;
  applicant: { name: string; person: { id: string; label: string } | null };
  reviewCarriedOut: boolean;
  reviewDate: Date | null;
  recommendations: string | null;
  escalationRequested: boolean;
  escalationOutcome: string | null;
};

const YES_NO = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

const APPLICANT = [
  { value: "person", label: "Yes", hint: "Find them by name" },
  { value: "name", label: "No", hint: "Enter their name, for example a neighbour, a councillor or an MP acting for a victim" },
];

const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? "yes" : "no");

export function TriggerForm({
  caseId,
  reference,
  version,
  initial,
}: {
  caseId: string;
  reference: string;
  version: number;
  initial: TriggerFormInitial | null;
}) {
  const { state, formAction, pending, onSubmit, errors } = useForm(saveCommunityTriggerAction);
  const conflict = state.status === "conflict" ? state.conflict : undefined;
  const [applicant, setApplicant] = useState<string | null>(initial ? (initial.applicant.person ? "person" : "name") : null);
  const [escalation, setEscalation] = useState<string | null>(yesNo(initial?.escalationRequested) ?? null);

  return (
    <>
      <FormProblems state={state} fields={TRIGGER_FIELDS} hrefFor={triggerFieldHref(TRIGGER_DATES)} />
      {conflict ? <ConflictBanner conflict={conflict} what="case" /> : null}
      <PageHeading caption={`Case ${reference}`}>
        {initial ? "Change the Community Trigger" : "Record the Community Trigger application"}
      </PageHeading>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        {/* After a conflict the officer saves over the version they have now seen. */}
        <input type="hidden" name="version" value={conflict?.version ?? version} />

        <h2 className="heading-m">The application</h2>
        <DateInput
          id="applicationDate"
          legend="Date the application was received"
          hint="The threshold counts complaints in the months before this date. For example, 27 3 2026"
          defaultValue={initial ? datePartsOf(initial.applicationDate) : undefined}
          error={errors.applicationDate}
        />
        <Radios
          name="applicant"
          legend="Is the applicant already recorded as a person?"
          items={APPLICANT}
          value={applicant}
          onChange={setApplicant}
          error={errors.applicant}
        />
        {applicant === "person" ? (
          <PersonPicker
            id="applicantPersonId"
            name="applicantPersonId"
            label="Applicant"
            hint="Type part of their name, then choose them from the list. People only appear if you can see them."
            defaultValue={initial?.applicant.person ?? null}
            error={errors.applicantPersonId}
          />
        ) : null}
        {applicant === "name" ? (
          <TextInput
            id="applicantName"
            label="Applicant’s name"
            defaultValue={initial && !initial.applicant.person ? initial.applicant.name : undefined}

            autoComplete="off"
            error={errors.applicantName}
          />
        ) : null}

        <h2 className="heading-m">The case review</h2>
        <Radios
          name="reviewCarriedOut"
          legend="Has the case review been carried out?"
          items={YES_NO}
          inline
          defaultValue={yesNo(initial?.reviewCarriedOut)}
          error={errors.reviewCarriedOut}
        />
        <DateInput
          id="reviewDate"
          legend="Date of the case review"
          hint="The date it was held, or the date it is planned for. For example, 27 3 2026"
          defaultValue={initial?.reviewDate ? datePartsOf(initial.reviewDate) : undefined}
          error={errors.reviewDate}
        />
        <Textarea
          id="recommendations"
          label="Recommendations (optional)"
          hint={`What the review recommends, and who is to do it. Up to ${TEXT_MAX.toLocaleString("en-GB")} characters.`}
          rows={6}
          defaultValue={initial?.recommendations ?? ""}
          error={errors.recommendations}
        />

        <h2 className="heading-m">Escalation</h2>
        <Radios
          name="escalationRequested"
          legend="Did the applicant ask for the review to be escalated?"
          hint="An applicant who is unhappy with how the review was carried out can ask for it to be escalated under the local procedure."
          items={YES_NO}
          inline
          value={escalation}
          onChange={setEscalation}
          error={errors.escalationRequested}
        />
        {escalation === "yes" ? (
          <Textarea
            id="escalationOutcome"
            label="Outcome of the escalation (optional until it is known)"
            hint={`Up to ${TEXT_MAX.toLocaleString("en-GB")} characters.`}
            rows={4}
            defaultValue={initial?.escalationOutcome ?? ""}
            error={errors.escalationOutcome}
          />
        ) : null}

        <SubmitOrCancel pending={pending} cancelHref={initial ? `/cases/${caseId}/community-trigger` : `/cases/${caseId}`}>
          {initial ? "Save changes" : "Record application"}
        </SubmitOrCancel>
      </form>
    </>
  );
}
