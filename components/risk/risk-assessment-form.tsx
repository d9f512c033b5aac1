import type { FormEvent, ReactNode } from "react";
import { PageHeading } from "@/components/ui/page-heading";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { HappenedOnField } from "@/components/forms/happened-on-field";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import type { FormKit } from "@/components/forms/use-form";
import { WithDraft } from "@/components/forms/drafts";
import { DRAFT_KEYS } from "@/components/forms/draft-keys";
import type { FormState } from "@/lib/forms";
import type { RiskLevel } from "@/lib/generated/prisma/enums";
import { RISK_NOTES_MAX } from "@/lib/risk/schema";
import { AssessedPersonField } from "./assessed-person-field";
import { RiskPreview } from "./risk-preview";

// One page for every kind of risk assessment (the DASH checklist, the ASB matrix): who is
// assessed, the questions, notes, the level previewed as the officer answers, and save. The
// differences (the questions, how the answers are scored) are props.

/** What the page of an assessment (components/risk/assess-risk-page) gives each kind's form. */
export type RiskAssessmentFormProps = { caseId: string; reference: string; victims: { id: string; name: string }[]; submissionKey: string };

/** What a kind's form body gets from its draft (components/forms/drafts): see `RiskFormWithDraft`. */
export type RiskDraft = { attachForm: (form: HTMLFormElement | null) => void; initialState: FormState };

/** Each kind's form keeps a draft per case, and is drawn afresh from it when it is restored. */
export function RiskFormWithDraft({
  kind,
  caseId,
  children,
}: {
  kind: "DASH" | "ASB_MATRIX";
  caseId: string;
  children: (draft: RiskDraft) => ReactNode;
}) {
  return <WithDraft formKey={DRAFT_KEYS.riskAssessment(kind, caseId)}>{children}</WithDraft>;
}

export function RiskAssessmentForm({
  form,
  fields,
  title,
  happened,
  intro,
  notesHint,
  preview,
  wide,
  onChange,
  attachForm,
  caseId,
  reference,
  victims,
  submissionKey,
  children,
}: RiskAssessmentFormProps & {
  form: FormKit;
  /** The form's fields in page order, for the error summary. */
  fields: readonly string[];
  title: string;
  /** What happened, after "When", for an assessment recorded after the day it was carried out: "the checklist was completed". */
  happened: string;
  /** How to answer and how the answers are scored. */
  intro: ReactNode;
  /** The notes' hint, before the length allowed. */
  notesHint: string;
  /** The level the answers so far give, and the score in words. */
  preview: { level: RiskLevel | null; text: string };
  /** Room for questions answered side by side. */
  wide?: boolean;
  onChange?: (event: FormEvent<HTMLFormElement>) => void;
  attachForm: RiskDraft["attachForm"];
  /** The questions. */
  children: ReactNode;
}) {
  const { state, formAction, onSubmit, pending, errors, submitted } = form;
  return (
    <>
      <FormProblems state={state} fields={fields} />
      <PageHeading caption={`Case ${reference}`}>{title}</PageHeading>
      <div className="max-w-[40rem] body-m">
        {intro}
        <p>
          The case’s risk level becomes the level of this assessment when you save it, unless you record one carried out before a later
          assessment: the latest sets the case’s level.
        </p>
      </div>
      <form
        ref={attachForm}
        method="post"
        action={formAction}
        onSubmit={onSubmit}
        onChange={onChange}
        noValidate
        className={wide ? "max-w-[48rem]" : "max-w-[40rem]"}
      >
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <AssessedPersonField victims={victims} defaultValue={submitted("personId")} error={errors.personId} />
        {children}
        <Textarea
          id="notes"
          label="Notes (optional)"
          hint={`${notesHint} Up to ${RISK_NOTES_MAX.toLocaleString("en-GB")} characters.`}
          rows={4}
          defaultValue={submitted("notes")}
          error={errors.notes}
        />
        <HappenedOnField
          what={happened}
          error={errors.happenedOn}
          defaultValue={{ day: submitted("happenedOn-day"), month: submitted("happenedOn-month"), year: submitted("happenedOn-year") }}
        />
        <RiskPreview level={preview.level}>{preview.text}</RiskPreview>
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}/risk`}>
          Save assessment
        </SubmitOrCancel>
      </form>
    </>
  );
}
