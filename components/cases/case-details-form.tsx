"use client";

import { PageHeading } from "@/components/ui/page-heading";
import { Radios } from "@/components/ui/radios";
import { TextInput } from "@/components/ui/text-input";
import { Textarea } from "@/components/ui/textarea";
import { saveCaseDetailsAction } from "@/lib/cases/actions";
import { CASE_DETAILS_FIELDS, SUMMARY_MAX } from "@/lib/cases/schema";
import { choicesOf, RISK_LEVEL_LABELS } from "@/lib/incidents/labels";
import type { RiskLevel } from "@/lib/generated/prisma/enums";
import { ConflictBanner } from "@/components/ui/conflict-banner";
import { FormProblems } from "@/components/forms/form-problems";
import { LeadFields, type LeadOrganisationOption } from "./lead-fields";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";

// The lead organisation changes the case's title, summary, risk level and lead. The version the
// officer started from travels with the form: if someone else saves first, nothing is written and
// the officer sees both versions, with their own input still in the form.

export type CaseDetailsFormProps = {
  caseId: string;
  reference: string;
  version: number;
  initial: { title: string; summary: string | null; riskLevel: RiskLevel; leadOrganisationId: string; leadOfficerId: string | null };
  organisations: LeadOrganisationOption[];
};

const RISK_LEVELS = choicesOf(RISK_LEVEL_LABELS);

export function CaseDetailsForm({ caseId, reference, version, initial, organisations }: CaseDetailsFormProps) {
  const { state, formAction, pending, onSubmit, errors } = useForm(saveCaseDetailsAction);
  const conflict = state.status === "conflict" ? state.conflict : undefined;
  return (
    <>
      <FormProblems state={state} fields={CASE_DETAILS_FIELDS} />
      {conflict ? <ConflictBanner conflict={conflict} what="case" /> : null}
      <PageHeading caption={`Case ${reference}`}>Change case details</PageHeading>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        {/* After a conflict the officer saves over the version they have now seen. */}
        <input type="hidden" name="version" value={conflict?.version ?? version} />
        <TextInput id="title" label="Title" defaultValue={initial.title} error={errors.title} />
        <Textarea
          id="summary"
          label="Summary (optional)"
          hint={`Up to ${SUMMARY_MAX.toLocaleString("en-GB")} characters.`}
          rows={8}
          defaultValue={initial.summary ?? ""}
          error={errors.summary}
        />
        <Radios name="riskLevel" legend="Risk level" items={RISK_LEVELS} inline defaultValue={initial.riskLevel} error={errors.riskLevel} />
        <LeadFields
          organisations={organisations}
          defaultOrganisationId={initial.leadOrganisationId}
          defaultOfficerId={initial.leadOfficerId ?? ""}
          errors={errors}
          organisationHint="If you hand the lead to another organisation, the case stays shared with yours, but only the new lead organisation can then change its details, status and sharing."
        />
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}`}>
          Save changes
        </SubmitOrCancel>
      </form>
    </>
  );
}
